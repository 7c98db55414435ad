// Layer-chain verdicts from rootfs.diff_ids, and what the reports make of them.

#include "matrix/chainanalyzer.h"
#include "matrix/matrixrequest.h"
#include "matrix/renderers.h"

#include <QTest>

using namespace sagedock::matrix;
using sagedock::util::Error;
using sagedock::util::ErrorCode;

Q_DECLARE_METATYPE(sagedock::matrix::Chain)

namespace {

QString id(char c) {
    return QStringLiteral("sha256:") + QString(64, QLatin1Char(c));
}

QStringList ids(const char* letters) {
    QStringList out;
    for (const char* p = letters; *p; ++p)
        out << id(*p);
    return out;
}

Cell present(const QString& stage, const QStringList& diffIds) {
    Cell c;
    c.stage = stage;
    c.image =
        QStringLiteral("ghcr.io/sagemath/sage/sage-ubuntu-jammy-standard-") + stage + QStringLiteral(":dev");
    c.status = CellStatus::Present;
    c.digest = id('d');
    c.created = QDateTime(QDate(2026, 1, 14), QTime(12, 0), Qt::UTC);
    c.layers = int(diffIds.size());
    c.size = 1000 * diffIds.size();
    for (const QString& d : diffIds) {
        Layer l;
        l.diffId = d;
        l.createdBy = QStringLiteral("RUN make ") + d.right(1);
        c.layerList << l;
    }
    return c;
}

Cell withStatus(const QString& stage, CellStatus status) {
    Cell c;
    c.stage = stage;
    c.image =
        QStringLiteral("ghcr.io/sagemath/sage/sage-ubuntu-jammy-standard-") + stage + QStringLiteral(":dev");
    c.status = status;
    if (status == CellStatus::Error)
        c.error = Error::make(ErrorCode::Network, QStringLiteral("Could not connect to ghcr.io."),
                              QStringLiteral("Check the network."));
    return c;
}

Snapshot sampleSnapshot() {
    Snapshot s;
    s.repository = QStringLiteral("ghcr.io/sagemath/sage/");
    s.tag = QStringLiteral("dev");
    s.generated = QDateTime(QDate(2026, 1, 14), QTime(13, 0), Qt::UTC);
    s.stages = {QStringLiteral("with-system-packages"), QStringLiteral("configured"),
                QStringLiteral("with-targets")};
    Row ok{QStringLiteral("ubuntu-jammy"),
           QStringLiteral("standard"),
           {present(s.stages[0], ids("ab")), present(s.stages[1], ids("abc")),
            present(s.stages[2], ids("abcde"))}};
    Row broken{QStringLiteral("fedora-41"),
               QStringLiteral("standard"),
               {present(s.stages[0], ids("fg")), present(s.stages[1], ids("fgh")),
                present(s.stages[2], ids("fgxy"))}};
    Row hole{QStringLiteral("debian-bookworm"),
             QStringLiteral("minimal"),
             {present(s.stages[0], ids("k")), withStatus(s.stages[1], CellStatus::Missing),
              present(s.stages[2], ids("klm"))}};
    Row failing{QStringLiteral("centos-stream-9-python3.12"),
                QStringLiteral("standard"),
                {withStatus(s.stages[0], CellStatus::Error), present(s.stages[1], ids("pq")),
                 withStatus(s.stages[2], CellStatus::Missing)}};
    s.rows = {ok, broken, hole, failing};
    for (Row& r : s.rows)
        ChainAnalyzer::applyToRow(r);
    return s;
}

} // namespace

class TestChainAnalyzer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sharedPrefix_data() {
        QTest::addColumn<QString>("parent");
        QTest::addColumn<QString>("child");
        QTest::addColumn<int>("shared");
        QTest::newRow("extends") << "abc"
                                 << "abcde" << 3;
        QTest::newRow("same") << "abc"
                              << "abc" << 3;
        QTest::newRow("diverges") << "abc"
                                  << "abxy" << 2;
        QTest::newRow("nothing shared") << "abc"
                                        << "xyz" << 0;
        QTest::newRow("child shorter") << "abcd"
                                       << "ab" << 2;
        QTest::newRow("empty parent") << ""
                                      << "ab" << 0;
        QTest::newRow("same set other order") << "ab"
                                              << "ba" << 0;
    }
    void sharedPrefix() {
        QFETCH(QString, parent);
        QFETCH(QString, child);
        QFETCH(int, shared);
        QCOMPARE(ChainAnalyzer::sharedPrefix(ids(qPrintable(parent)), ids(qPrintable(child))), shared);
    }

    void judge_data() {
        QTest::addColumn<int>("parentState"); // -1 = no parent (first stage), else CellStatus
        QTest::addColumn<QString>("parentIds");
        QTest::addColumn<int>("cellState");
        QTest::addColumn<QString>("cellIds");
        QTest::addColumn<Chain>("chain");
        QTest::addColumn<int>("shared");
        QTest::addColumn<int>("fresh");
        const int P = int(CellStatus::Present);
        const int M = int(CellStatus::Missing);
        const int E = int(CellStatus::Error);
        const int W = int(CellStatus::Pending);
        QTest::newRow("first stage") << -1 << "" << P << "ab" << Chain::First << -1 << -1;
        QTest::newRow("intact") << P << "ab" << P << "abcd" << Chain::Intact << 2 << 2;
        QTest::newRow("intact, no new layer") << P << "ab" << P << "ab" << Chain::Intact << 2 << 0;
        QTest::newRow("rebuilt on other parent") << P << "abc" << P << "abxyz" << Chain::Broken << 2 << 3;
        QTest::newRow("rebuilt from scratch") << P << "abc" << P << "xyz" << Chain::Broken << 0 << 3;
        QTest::newRow("child is the parent's ancestor") << P << "abc" << P << "ab" << Chain::Broken << 2 << 0;
        QTest::newRow("parent missing") << M << "" << P << "ab" << Chain::ParentMissing << -1 << -1;
        QTest::newRow("parent unreadable") << E << "" << P << "ab" << Chain::None << -1 << -1;
        QTest::newRow("parent pending") << W << "" << P << "ab" << Chain::None << -1 << -1;
        QTest::newRow("cell missing") << P << "ab" << M << "" << Chain::None << -1 << -1;
        QTest::newRow("cell error") << P << "ab" << E << "" << Chain::None << -1 << -1;
        QTest::newRow("cell missing first") << -1 << "" << M << "" << Chain::None << -1 << -1;
    }
    void judge() {
        QFETCH(int, parentState);
        QFETCH(QString, parentIds);
        QFETCH(int, cellState);
        QFETCH(QString, cellIds);
        QFETCH(Chain, chain);
        QFETCH(int, shared);
        QFETCH(int, fresh);
        Cell parent = present(QStringLiteral("configured"), ids(qPrintable(parentIds)));
        if (parentState >= 0)
            parent.status = CellStatus(parentState);
        Cell cell = present(QStringLiteral("with-targets"), ids(qPrintable(cellIds)));
        cell.status = CellStatus(cellState);
        const ChainVerdict v = ChainAnalyzer::judge(cell, parentState < 0 ? nullptr : &parent);
        QCOMPARE(v.chain, chain);
        QCOMPARE(v.sharedLayers, shared);
        QCOMPARE(v.newLayers, fresh);
    }

    void applyToRowReportsChanges() {
        Row row{
            QStringLiteral("ubuntu-jammy"),
            QStringLiteral("standard"),
            {withStatus(QStringLiteral("a"), CellStatus::Pending), present(QStringLiteral("b"), ids("xy"))}};
        QCOMPARE(ChainAnalyzer::applyToRow(row), QList<int>{});
        QCOMPARE(row.cells[1].chain, Chain::None);
        row.cells[0] = present(QStringLiteral("a"), ids("x"));
        QCOMPARE(ChainAnalyzer::applyToRow(row), (QList<int>{0, 1}));
        QCOMPARE(row.cells[0].chain, Chain::First);
        QCOMPARE(row.cells[1].chain, Chain::Intact);
        QCOMPARE(ChainAnalyzer::applyToRow(row), QList<int>{});
    }

    void summaryCounts() {
        const Summary s = sampleSnapshot().summary();
        QCOMPARE(s.cells, 12);
        QCOMPARE(s.present, 9);
        QCOMPARE(s.missing, 2);
        QCOMPARE(s.errors, 1);
        QCOMPARE(s.broken, 1);
        QCOMPARE(s.parentMissing, 1);
    }

    void jsonFollowsTheSchema() {
        const nlohmann::json j = toJson(sampleSnapshot());
        QCOMPARE(j["repository"].get<std::string>(), std::string("ghcr.io/sagemath/sage/"));
        QCOMPARE(j["tag"].get<std::string>(), std::string("dev"));
        QCOMPARE(j["generated"].get<std::string>(), std::string("2026-01-14T13:00:00Z"));
        QCOMPARE(j["stages"].size(), size_t(3));
        QCOMPARE(j["rows"].size(), size_t(4));
        const std::vector<std::string> keys{"stage",         "image",      "status", "digest",
                                            "created",       "size",       "layers", "chain",
                                            "shared_layers", "new_layers", "error"};
        for (const auto& row : j["rows"]) {
            QVERIFY(row.contains("system") && row.contains("packages"));
            for (const auto& cell : row["cells"]) {
                QCOMPARE(cell.size(), keys.size());
                for (const auto& k : keys)
                    QVERIFY2(cell.contains(k), k.c_str());
            }
        }
        const auto& intact = j["rows"][0]["cells"][2];
        QCOMPARE(intact["status"].get<std::string>(), std::string("present"));
        QCOMPARE(intact["chain"].get<std::string>(), std::string("intact"));
        QCOMPARE(intact["shared_layers"].get<int>(), 3);
        QCOMPARE(intact["new_layers"].get<int>(), 2);
        QCOMPARE(intact["layers"].get<int>(), 5);
        QCOMPARE(intact["size"].get<qint64>(), qint64(5000));
        QCOMPARE(intact["created"].get<std::string>(), std::string("2026-01-14T12:00:00Z"));
        QVERIFY(intact["error"].is_null());
        const auto& first = j["rows"][0]["cells"][0];
        QCOMPARE(first["chain"].get<std::string>(), std::string("first"));
        QVERIFY(first["shared_layers"].is_null());
        const auto& broken = j["rows"][1]["cells"][2];
        QCOMPARE(broken["chain"].get<std::string>(), std::string("broken"));
        QCOMPARE(broken["shared_layers"].get<int>(), 2);
        QCOMPARE(broken["new_layers"].get<int>(), 2);
        const auto& missing = j["rows"][2]["cells"][1];
        QCOMPARE(missing["status"].get<std::string>(), std::string("missing"));
        for (const char* k :
             {"digest", "created", "size", "layers", "chain", "shared_layers", "new_layers", "error"})
            QVERIFY2(missing[k].is_null(), k);
        QCOMPARE(j["rows"][2]["cells"][2]["chain"].get<std::string>(), std::string("parent-missing"));
        const auto& error = j["rows"][3]["cells"][0];
        QCOMPARE(error["status"].get<std::string>(), std::string("error"));
        QVERIFY(error["error"].get<std::string>().find("Could not connect") != std::string::npos);
        QVERIFY(j["rows"][3]["cells"][1]["chain"].is_null()); // parent unreadable: unknown
        const auto& sum = j["summary"];
        QCOMPARE(sum["cells"].get<int>(), 12);
        QCOMPARE(sum["present"].get<int>(), 9);
        QCOMPARE(sum["missing"].get<int>(), 2);
        QCOMPARE(sum["broken"].get<int>(), 1);
        QCOMPARE(sum["parent_missing"].get<int>(), 1);
        QCOMPARE(sum["errors"].get<int>(), 1);
        QCOMPARE(sum.size(), size_t(6));
        // renderJson is the same document, parseable.
        QVERIFY(nlohmann::json::parse(renderJson(sampleSnapshot()).toStdString()) == j);
    }

    void csvHasOneLinePerCell() {
        const QString csv = QString::fromUtf8(renderCsv(sampleSnapshot()));
        const QStringList lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 13);
        QVERIFY(lines[0].startsWith(QLatin1String("system,packages,stage,image,status")));
        QVERIFY(lines[6].startsWith(QLatin1String("fedora-41,standard,with-targets,")));
        QVERIFY(lines[6].contains(QLatin1String(",broken,2,2,")));
        // The error sentence holds a comma-free message here; a comma would be quoted:
        Snapshot s = sampleSnapshot();
        s.rows[3].cells[0].error.message = QStringLiteral("Bad, \"very\" bad");
        const QString quoted = QString::fromUtf8(renderCsv(s));
        QVERIFY(quoted.contains(QLatin1String("\"Bad, \"\"very\"\" bad")));
    }

    void htmlIsSelfContained() {
        const QString html = QString::fromUtf8(renderHtml(sampleSnapshot()));
        QVERIFY(html.startsWith(QLatin1String("<!DOCTYPE html>")));
        QVERIFY(!html.contains(QLatin1String("<script src")));
        QVERIFY(!html.contains(QLatin1String("<link")));
        QVERIFY(!html.contains(QLatin1String("http://")));
        QVERIFY(html.contains(QLatin1String("class=\"broken\"")));
        QVERIFY(html.contains(QStringLiteral("✖ BROKEN 2/4")));
        QVERIFY(html.contains(QStringLiteral("○ missing")));
        QVERIFY(html.contains(QStringLiteral("◌ no parent")));
        QVERIFY(html.contains(QLatin1String("Not built on configured")));
        Snapshot hostile = sampleSnapshot();
        hostile.rows[0].system = QStringLiteral("<script>x</script>");
        QVERIFY(!QString::fromUtf8(renderHtml(hostile)).contains(QLatin1String("<script>x")));
    }

    void textTableIsReadable() {
        const QString text = renderText(sampleSnapshot());
        QVERIFY(text.contains(QLatin1String("with-system-packages")));
        QVERIFY(text.contains(QLatin1String("BROKEN 2/4")));
        QVERIFY(text.contains(QLatin1String("no parent")));
        QVERIFY(text.contains(
            QLatin1String("12 cells: 9 present, 2 missing, 1 broken, 1 parent missing, 1 errors")));
        QVERIFY(text.contains(QLatin1String("Could not connect to ghcr.io.")));
    }

    void sentences() {
        const Snapshot s = sampleSnapshot();
        QCOMPARE(chainSentence(s.rows[0].cells[2], QStringLiteral("configured")),
                 QStringLiteral("Built on configured: shares all 3 of its layers and adds 2."));
        QVERIFY(chainSentence(s.rows[2].cells[2], QStringLiteral("configured"))
                    .contains(QLatin1String("does not exist")));
        const QDateTime now(QDate(2026, 1, 14), QTime(12, 0), Qt::UTC);
        QCOMPARE(relativeTime(now.addSecs(-30), now), QStringLiteral("just now"));
        QCOMPARE(relativeTime(now.addSecs(-180), now), QStringLiteral("3 minute(s) ago"));
        QCOMPARE(relativeTime(now.addDays(-2), now), QStringLiteral("2 day(s) ago"));
        QCOMPARE(humanSize(1500000), QStringLiteral("1.5 MB"));
    }

    void requestDefaultsAndValidation() {
        MatrixRequest r;
        r.repositoryPrefix = QStringLiteral("localhost:5000/sagemath/sage");
        const MatrixRequest n = r.normalized();
        QCOMPARE(n.repositoryPrefix, QStringLiteral("localhost:5000/sagemath/sage/"));
        QCOMPARE(n.systems.size(), 9);
        QCOMPARE(n.packages, (QStringList{QStringLiteral("standard"), QStringLiteral("minimal")}));
        QCOMPARE(n.stages.size(), 5);
        QVERIFY(!n.validate());
        MatrixRequest bad = n;
        bad.stages = {QStringLiteral("with-targets"), QStringLiteral("compiled")};
        QVERIFY(bad.normalized().validate().message.contains(QLatin1String("compiled")));
        bad = n;
        bad.tag = QStringLiteral("a/b");
        QVERIFY(bad.validate());
        bad = n;
        bad.packages = {QStringLiteral("optional")};
        QVERIFY(bad.validate().message.contains(QLatin1String("optional")));
        bad = n;
        bad.packages = {QStringLiteral("standard-sitepackages")};
        QVERIFY(!bad.validate());
        bad = n;
        bad.repositoryPrefix = QStringLiteral("ghcr.io/SageMath/");
        QVERIFY(bad.validate().message.contains(QLatin1String("lowercase")));
        bad = n;
        bad.systems = {QStringLiteral("Ubuntu-jammy")};
        QVERIFY(bad.validate());
        MatrixRequest order = n;
        order.stages = {QStringLiteral("with-targets"), QStringLiteral("with-system-packages")};
        QCOMPARE(order.normalized().stages,
                 (QStringList{QStringLiteral("with-system-packages"), QStringLiteral("with-targets")}));
    }
};

QTEST_GUILESS_MAIN(TestChainAnalyzer)
#include "tst_chainanalyzer.moc"
