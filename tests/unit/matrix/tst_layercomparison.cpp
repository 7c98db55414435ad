// A stage's layers against its parent's, as the Matrix page's details panel lists them: one table of
// layer chains (letters stand for diff_ids) and the states each position gets.

#include "matrix/layercomparison.h"

#include <QTest>

using namespace sagedock::matrix;

Q_DECLARE_METATYPE(sagedock::matrix::CellStatus)

namespace {

QList<Layer> chain(const char* letters) {
    QList<Layer> out;
    for (const char* p = letters; *p; ++p) {
        Layer l;
        l.diffId = QStringLiteral("sha256:") + QString(64, QLatin1Char(*p));
        l.size = 100;
        l.createdBy = QStringLiteral("RUN step ") + QLatin1Char(*p);
        out << l;
    }
    return out;
}

// S shared, N new, D differs from parent, P only in parent.
QString states(const QList<LayerRow>& rows) {
    QString out;
    for (const LayerRow& r : rows) {
        switch (r.state) {
        case LayerState::Shared:
            out += QLatin1Char('S');
            break;
        case LayerState::New:
            out += QLatin1Char('N');
            break;
        case LayerState::DiffersFromParent:
            out += QLatin1Char('D');
            break;
        case LayerState::OnlyInParent:
            out += QLatin1Char('P');
            break;
        }
    }
    return out;
}

} // namespace

class TestLayerComparison : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void compare_data() {
        QTest::addColumn<QString>("mine");
        QTest::addColumn<QString>("parent");
        QTest::addColumn<QString>("expected");
        QTest::newRow("built on the parent") << "abcd"
                                             << "ab"
                                             << "SSNN";
        QTest::newRow("same image") << "abc"
                                    << "abc"
                                    << "SSS";
        QTest::newRow("no parent") << "abc"
                                   << ""
                                   << "NNN";
        QTest::newRow("empty stage") << ""
                                     << "ab"
                                     << "PP";
        QTest::newRow("both empty") << ""
                                    << ""
                                    << "";
        QTest::newRow("rebuilt base") << "xbcd"
                                      << "abc"
                                      << "DDDN";
        QTest::newRow("diverges midway") << "abxd"
                                         << "abcd"
                                         << "SSDD";
        // After the chains part, an equal diff_id is a coincidence, not a shared layer.
        QTest::newRow("equal after divergence") << "axc"
                                                << "abc"
                                                << "SDD";
        QTest::newRow("shorter than parent") << "ab"
                                             << "abcd"
                                             << "SSPP";
        QTest::newRow("shorter and diverged") << "ax"
                                              << "abcd"
                                              << "SDPP";
    }
    void compare() {
        QFETCH(QString, mine);
        QFETCH(QString, parent);
        QFETCH(QString, expected);
        const QList<Layer> m = chain(mine.toLatin1().constData());
        const QList<Layer> p = chain(parent.toLatin1().constData());
        const QList<LayerRow> rows = compareLayers(m, p);
        QCOMPARE(states(rows), expected);
        for (int i = 0; i < rows.size(); ++i) {
            QCOMPARE(rows[i].index, i);
            // Positions this stage has show its own layer; the rest show the parent's.
            QVERIFY(rows[i].layer == (i < m.size() ? m[i] : p[i]));
        }
    }

    void parentCell_data() {
        QTest::addColumn<bool>("hasParent");
        QTest::addColumn<CellStatus>("parentStatus");
        QTest::addColumn<QString>("expected");
        QTest::newRow("present parent") << true << CellStatus::Present << "SN";
        QTest::newRow("first stage") << false << CellStatus::Present << "NN";
        QTest::newRow("missing parent") << true << CellStatus::Missing << "NN";
        QTest::newRow("parent failed") << true << CellStatus::Error << "NN";
        QTest::newRow("parent pending") << true << CellStatus::Pending << "NN";
    }
    void parentCell() {
        QFETCH(bool, hasParent);
        QFETCH(CellStatus, parentStatus);
        QFETCH(QString, expected);
        Cell cell;
        cell.status = CellStatus::Present;
        cell.layerList = chain("ab");
        Cell parent;
        parent.status = parentStatus;
        parent.layerList = chain("a");
        QCOMPARE(states(compareWithParent(cell, hasParent ? &parent : nullptr)), expected);
    }
};

QTEST_GUILESS_MAIN(TestLayerComparison)
#include "tst_layercomparison.moc"
