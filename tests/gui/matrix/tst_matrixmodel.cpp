// MatrixModel and its filter under QAbstractItemModelTester: grouping by distribution, cells that
// carry colour AND icon and text, tooltips, streaming updates, "only problems" and the text filter.

#include "matrix/chainanalyzer.h"
#include "models/matrixmodel.h"
#include "reference/catalog.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QIcon>
#include <QSignalSpy>
#include <QTest>

using namespace sagedock;
using app::MatrixFilterModel;
using app::MatrixModel;

namespace {

QString id(char c) {
    return QStringLiteral("sha256:") + QString(64, QLatin1Char(c));
}

matrix::Cell cell(const QString& stage, const QString& letters) {
    matrix::Cell c;
    c.stage = stage;
    c.image = QStringLiteral("ghcr.io/sagemath/sage/sage-x-standard-") + stage + QStringLiteral(":dev");
    c.status = matrix::CellStatus::Present;
    c.digest = id('d');
    c.created = QDateTime::currentDateTimeUtc().addSecs(-3 * 3600);
    c.size = 2'500'000;
    for (QChar ch : letters) {
        matrix::Layer l;
        l.diffId = id(char(ch.unicode()));
        l.createdBy = QStringLiteral("RUN step ") + ch;
        c.layerList << l;
    }
    c.layers = int(c.layerList.size());
    return c;
}

matrix::Snapshot snapshot() {
    matrix::Snapshot s;
    s.repository = QStringLiteral("ghcr.io/sagemath/sage/");
    s.tag = QStringLiteral("dev");
    s.stages = {QStringLiteral("with-system-packages"), QStringLiteral("configured"),
                QStringLiteral("with-targets")};
    // Given out of catalog order on purpose: the model groups and orders them.
    const QStringList systems{QStringLiteral("opensuse-tumbleweed"), QStringLiteral("fedora-41"),
                              QStringLiteral("ubuntu-noble"), QStringLiteral("ubuntu-jammy"),
                              QStringLiteral("debian-bookworm")};
    for (const QString& sys : systems) {
        matrix::Row r{sys, QStringLiteral("standard"), {}};
        for (const QString& st : s.stages) {
            matrix::Cell c;
            c.stage = st;
            c.image = s.repository + QStringLiteral("sage-") + sys + QStringLiteral("-standard-") + st +
                      QStringLiteral(":dev");
            r.cells << c; // pending
        }
        s.rows << r;
    }
    return s;
}

} // namespace

class TestMatrixModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void groupsAndStreams() {
        MatrixModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        MatrixFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setSnapshot(snapshot());
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.columnCount(), 5);
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("with-system-packages"));
        // Ubuntu, Debian, Fedora, openSUSE: catalog order, not input order.
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(model.index(0, 0).data().toString().startsWith(QLatin1String("Ubuntu")));
        QVERIFY(model.index(1, 0).data().toString().startsWith(QLatin1String("Debian")));
        QVERIFY(model.index(2, 0).data().toString().startsWith(QLatin1String("Fedora")));
        QVERIFY(model.index(3, 0).data().toString().startsWith(QLatin1String("openSUSE")));
        const QModelIndex ubuntu = model.index(0, 0);
        QCOMPARE(model.rowCount(ubuntu), 2);
        QCOMPARE(model.index(0, 0, ubuntu).data().toString(), QStringLiteral("ubuntu-jammy"));
        QCOMPARE(model.index(1, 0, ubuntu).data().toString(), QStringLiteral("ubuntu-noble"));
        QCOMPARE(model.index(0, 1, ubuntu).data().toString(), QStringLiteral("standard"));
        QVERIFY(model.index(0, 0, ubuntu)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("ubuntu:jammy")));

        // Pending cells read "..." and show the busy icon.
        const QModelIndex jammyFirst = model.index(0, MatrixModel::FirstStageColumn, ubuntu);
        QCOMPARE(jammyFirst.data().toString(), QStringLiteral("..."));
        QVERIFY(!jammyFirst.data(Qt::DecorationRole).value<QIcon>().isNull());

        // Stream answers in: jammy (snapshot row 3) intact, fedora (row 1) broken.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        matrix::Snapshot s = snapshot();
        s.rows[3].cells = {cell(s.stages[0], QStringLiteral("ab")), cell(s.stages[1], QStringLiteral("abc")),
                           cell(s.stages[2], QStringLiteral("abcd"))};
        s.rows[1].cells = {cell(s.stages[0], QStringLiteral("ab")), cell(s.stages[1], QStringLiteral("axy")),
                           cell(s.stages[2], QStringLiteral("axyz"))};
        s.rows[4].cells[1].status = matrix::CellStatus::Missing;
        s.rows[4].cells[0] = cell(s.stages[0], QStringLiteral("k"));
        s.rows[4].cells[2] = cell(s.stages[2], QStringLiteral("kl"));
        for (matrix::Row& r : s.rows)
            matrix::ChainAnalyzer::applyToRow(r);
        for (int r : {3, 1, 4})
            for (int c = 0; c < 3; ++c)
                model.updateCell(r, c, s.rows[r].cells[c]);
        QVERIFY(changed.size() >= 9);
        QCOMPARE(jammyFirst.data().toString(), QStringLiteral("ok"));
        const QModelIndex jammyTargets = model.index(0, MatrixModel::FirstStageColumn + 2, ubuntu);
        QCOMPARE(jammyTargets.data(MatrixModel::ChainRole).toInt(), int(matrix::Chain::Intact));
        const QString tip = jammyTargets.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(id('d')), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("3 hour(s) ago")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("2.5 MB in 4 layer(s)")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("Built on configured: shares all 3 of its layers and adds 1.")),
                 qPrintable(tip));

        const QModelIndex fedora = model.index(2, 0);
        const QModelIndex fedoraConfigured = model.index(0, MatrixModel::FirstStageColumn + 1, fedora);
        QCOMPARE(fedoraConfigured.data().toString(), QStringLiteral("BROKEN 1/3"));
        QVERIFY(fedoraConfigured.data(MatrixModel::ProblemRole).toBool());
        QVERIFY(fedoraConfigured.data(Qt::BackgroundRole).value<QBrush>().color().isValid());
        QVERIFY(!fedoraConfigured.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(fedora.data(MatrixModel::ProblemRole).toBool());
        QCOMPARE(model.index(2, MatrixModel::FirstStageColumn + 1).data().toString(),
                 QStringLiteral("1 problem(s)"));
        const QModelIndex debian = model.index(1, 0);
        QCOMPARE(model.index(0, MatrixModel::FirstStageColumn + 1, debian).data().toString(),
                 QStringLiteral("missing"));
        QCOMPARE(model.index(0, MatrixModel::FirstStageColumn + 2, debian).data().toString(),
                 QStringLiteral("no parent"));

        int snapshotRow = -1;
        int stage = -1;
        QVERIFY(model.cellAt(fedoraConfigured, &snapshotRow, &stage));
        QCOMPARE(snapshotRow, 1);
        QCOMPARE(stage, 1);
        QVERIFY(!model.cellAt(fedora, &snapshotRow, &stage));
        QVERIFY(!model.cellAt(model.index(0, 0, fedora), &snapshotRow, &stage));

        // Only problems: fedora (broken) and debian (missing, no parent); jammy is clean, noble still
        // pending.
        proxy.setOnlyProblems(true);
        QCOMPARE(proxy.rowCount(), 2);
        QVERIFY(proxy.index(0, 0).data().toString().startsWith(QLatin1String("Debian")));
        QVERIFY(proxy.index(1, 0).data().toString().startsWith(QLatin1String("Fedora")));
        proxy.setOnlyProblems(false);
        proxy.setText(QStringLiteral("ubuntu noble"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 1);
        QCOMPARE(proxy.index(0, 0, proxy.index(0, 0)).data().toString(), QStringLiteral("ubuntu-noble"));
        proxy.setText(QStringLiteral("openSUSE"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText(QStringLiteral("no such system"));
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setText({});
        QCOMPARE(proxy.rowCount(), 4);

        // A fresh refresh resets everything.
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 2);
    }

    void largeMatrixStaysConsistent() {
        // The historical 10.4 list × three package sets × five stages, filled cell by cell.
        const auto& cat = reference::Catalog::bundled();
        matrix::Snapshot s;
        s.stages = cat.publishedStages();
        for (const QString& p : cat.packageSets())
            for (const QString& sys : cat.systemsForRelease(QStringLiteral("10.4"))) {
                matrix::Row r{sys, p, {}};
                for (const QString& st : s.stages) {
                    matrix::Cell c;
                    c.stage = st;
                    r.cells << c;
                }
                s.rows << r;
            }
        QCOMPARE(s.rows.size() * s.stages.size(), 645);
        MatrixModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        MatrixFilterModel proxy;
        proxy.setSourceModel(&model);
        proxy.setOnlyProblems(true);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(s);
        QCOMPARE(proxy.rowCount(), 0);
        for (int r = 0; r < s.rows.size(); ++r) {
            for (int c = 0; c < s.stages.size(); ++c) {
                matrix::Cell m = s.rows[r].cells[c];
                m.status = (r % 7 == 0) ? matrix::CellStatus::Missing : matrix::CellStatus::Present;
                model.updateCell(r, c, m);
            }
        }
        int problemRows = 0;
        for (int g = 0; g < proxy.rowCount(); ++g)
            problemRows += proxy.rowCount(proxy.index(g, 0));
        QCOMPARE(problemRows, int((s.rows.size() + 6) / 7));
    }
};

QTEST_MAIN(TestMatrixModel)
#include "tst_matrixmodel.moc"
