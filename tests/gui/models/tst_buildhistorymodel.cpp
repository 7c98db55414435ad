// BuildHistoryModel under QAbstractItemModelTester: three recorded builds as the history file holds
// them (oldest first) — a cached Sage build, a failed generic Dockerfile build, a cancelled Sage build —
// shown newest first, texts and raw values per column, tooltips, one reset per refresh, sorting through
// a proxy the way the Builds page sorts.

#include "models/buildhistorymodel.h"
#include "modeltesting.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace sagedock;
using app::BuildHistoryModel;
using testsupport::columnTexts;
using testsupport::sortedTexts;

namespace {

const QDateTime kMonday(QDate(2026, 11, 30), QTime(9, 15), Qt::UTC);

imagebuild::StageResult stage(const QString& name, imagebuild::StageStatus status, int steps, int cached) {
    imagebuild::StageResult s;
    s.stage = name;
    s.status = status;
    s.steps = steps;
    s.cached = cached;
    s.executed = steps - cached;
    return s;
}

imagebuild::BuildRecord sageBuild(const QString& id, const QDateTime& started, const QString& env,
                                  bool success, const QString& error) {
    imagebuild::BuildRecord r;
    r.id = id;
    r.started = started;
    r.finished = started.addSecs(600);
    r.arguments = {QStringLiteral("build"), QStringLiteral("--source"), QStringLiteral("/home/ada/sage"),
                   QStringLiteral("--tox-env"), env};
    r.plan = {{"mode", "sage"}, {"sage_version", "10.5.beta3"}, {"tox_env", env.toStdString()}};
    r.builder = QStringLiteral("buildkit");
    r.logPath = QStringLiteral("/home/ada/.local/share/SageDock/builds/%1.log").arg(id);
    r.success = success;
    r.error = error;
    return r;
}

// Oldest first, as BuildHistory::load() returns them.
QList<imagebuild::BuildRecord> history() {
    auto cached = sageBuild(QStringLiteral("20261130T091500Z-1a2b3c"), kMonday,
                            QStringLiteral("docker-ubuntu-jammy-standard"), true, {});
    cached.stages = {stage(QStringLiteral("with-system-packages"), imagebuild::StageStatus::Cached, 12, 12),
                     stage(QStringLiteral("bootstrapped"), imagebuild::StageStatus::Built, 9, 4)};

    imagebuild::BuildRecord generic;
    generic.id = QStringLiteral("20261201T140000Z-4d5e6f");
    generic.started = kMonday.addDays(1);
    generic.finished = generic.started.addSecs(42);
    generic.arguments = {QStringLiteral("build"), QStringLiteral("--dockerfile"),
                         QStringLiteral("Dockerfile.ci")};
    generic.plan = {{"mode", "generic"}, {"dockerfile", "Dockerfile.ci"}};
    generic.builder = QStringLiteral("legacy");
    generic.logPath = QStringLiteral("/tmp/generic.log");
    generic.success = false;
    generic.error = QStringLiteral("Stage app failed: RUN make (exit code 2).");
    generic.stages = {stage(QStringLiteral("app"), imagebuild::StageStatus::Failed, 5, 3)};

    auto cancelled =
        sageBuild(QStringLiteral("20261202T080000Z-7a8b9c"), kMonday.addDays(2),
                  QStringLiteral("docker-fedora-41-minimal"), false, QStringLiteral("Cancelled."));
    return {cached, generic, cancelled};
}

} // namespace

class TestBuildHistoryModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void newestFirst() {
        BuildHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setRecords(history());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(BuildHistoryModel::ColumnCount));
        QCOMPARE(columnTexts(model, BuildHistoryModel::What),
                 QStringList({QStringLiteral("SageMath 10.5.beta3: docker-fedora-41-minimal"),
                              QStringLiteral("Dockerfile Dockerfile.ci"),
                              QStringLiteral("SageMath 10.5.beta3: docker-ubuntu-jammy-standard")}));
        QCOMPARE(model.record(0)->id, QStringLiteral("20261202T080000Z-7a8b9c"));
        QCOMPARE(model.record(2)->id, QStringLiteral("20261130T091500Z-1a2b3c"));
        QVERIFY(!model.record(-1));
        QVERIFY(!model.record(3));
    }

    void cells_data() {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QVariant>("raw");

        const QString started = QLocale().toString(kMonday.toLocalTime(), QLocale::ShortFormat);
        QTest::newRow("started") << 2 << int(BuildHistoryModel::Started) << started << QVariant(kMonday);
        QTest::newRow("what, sage") << 2 << int(BuildHistoryModel::What)
                                    << "SageMath 10.5.beta3: docker-ubuntu-jammy-standard"
                                    << QVariant("sage");
        QTest::newRow("what, generic")
            << 1 << int(BuildHistoryModel::What) << "Dockerfile Dockerfile.ci" << QVariant("generic");
        QTest::newRow("builder") << 1 << int(BuildHistoryModel::Builder) << "legacy" << QVariant("legacy");
        QTest::newRow("result, succeeded")
            << 2 << int(BuildHistoryModel::Result) << "succeeded" << QVariant(true);
        QTest::newRow("result, failed") << 1 << int(BuildHistoryModel::Result) << "failed" << QVariant(false);
        QTest::newRow("stages with cache numbers")
            << 2 << int(BuildHistoryModel::Stages)
            << "with-system-packages: cached (12/12 cached); bootstrapped: built (4/9 cached)" << QVariant(2);
        QTest::newRow("no stages (cancelled at once)")
            << 0 << int(BuildHistoryModel::Stages) << "" << QVariant(0);
        QTest::newRow("log") << 1 << int(BuildHistoryModel::Log) << "/tmp/generic.log"
                             << QVariant("/tmp/generic.log");
    }
    void cells() {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QString, text);
        QFETCH(QVariant, raw);
        BuildHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRecords(history());
        const QModelIndex index = model.index(row, column);
        QCOMPARE(index.data().toString(), text);
        QCOMPARE(index.data(BuildHistoryModel::RawRole), raw);
    }

    void tooltips() {
        BuildHistoryModel model;
        model.setRecords(history());
        // The failure's reason on the result, the arguments as given on the build.
        QCOMPARE(model.index(1, BuildHistoryModel::Result).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Stage app failed: RUN make (exit code 2)."));
        QVERIFY(!model.index(2, BuildHistoryModel::Result).data(Qt::ToolTipRole).isValid());
        QCOMPARE(model.index(1, BuildHistoryModel::What).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("build --dockerfile Dockerfile.ci"));
        QVERIFY(!model.index(1, BuildHistoryModel::Result).data(Qt::DecorationRole).isNull());
    }

    void oneResetPerRefresh() {
        BuildHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setRecords(history());
        model.setRecords(history().mid(0, 1));
        QCOMPARE(resets.count(), 2);
        QCOMPARE(model.rowCount(), 1);
        model.setRecords({});
        QCOMPARE(model.rowCount(), 0);
    }

    void sortsByRawValue_data() {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QStringList>("ids");
        const QString a = QStringLiteral("20261130T091500Z-1a2b3c"),
                      b = QStringLiteral("20261201T140000Z-4d5e6f"),
                      c = QStringLiteral("20261202T080000Z-7a8b9c");
        QTest::newRow("started, oldest first")
            << int(BuildHistoryModel::Started) << Qt::AscendingOrder << QStringList{a, b, c};
        QTest::newRow("stages, most first")
            << int(BuildHistoryModel::Stages) << Qt::DescendingOrder << QStringList{a, b, c};
        QTest::newRow("result, failures first (stable by row)")
            << int(BuildHistoryModel::Result) << Qt::AscendingOrder << QStringList{c, b, a};
    }
    void sortsByRawValue() {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(QStringList, ids);
        BuildHistoryModel model;
        model.setRecords(history());
        const QStringList logs =
            sortedTexts(&model, column, order, BuildHistoryModel::RawRole, BuildHistoryModel::Log);
        QStringList sortedIds;
        for (const QString& log : logs)
            for (int row = 0; row < model.rowCount(); ++row)
                if (model.record(row)->logPath == log)
                    sortedIds << model.record(row)->id;
        QCOMPARE(sortedIds, ids);
    }
};

QTEST_MAIN(TestBuildHistoryModel)
#include "tst_buildhistorymodel.moc"
