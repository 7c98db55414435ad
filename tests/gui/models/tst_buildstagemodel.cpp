// BuildStageModel under QAbstractItemModelTester, driven the way the Builds page drives it while a
// build runs: planned stages, a stage starting, progress, results of each kind; every change is a
// dataChanged of that row only; out-of-range rows from a late signal are ignored.

#include "models/buildstagemodel.h"
#include "modeltesting.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace sagedock;
using app::BuildStageModel;
using imagebuild::StageStatus;
using testsupport::columnTexts;

namespace {

QList<imagebuild::PlannedStage> plannedStages() {
    QList<imagebuild::PlannedStage> stages;
    for (const char* name : {"with-system-packages", "bootstrapped", "configured"}) {
        imagebuild::PlannedStage s;
        s.name = QString::fromLatin1(name);
        s.image = QStringLiteral("sage-ubuntu-jammy-standard-") + s.name;
        s.tags = {QStringLiteral("dev")};
        stages << s;
    }
    return stages;
}

imagebuild::StageResult result(StageStatus status, int steps, int cached, int executed, int failed,
                               const QString& note) {
    imagebuild::StageResult r;
    r.status = status;
    r.steps = steps;
    r.cached = cached;
    r.executed = executed;
    r.failed = failed;
    r.note = note;
    r.durationSeconds = 61.4;
    return r;
}

} // namespace

class TestBuildStageModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void plannedStagesWait() {
        BuildStageModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setStages(plannedStages());
        QCOMPARE(resets.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(columnTexts(model, BuildStageModel::Status), QStringList(3, QStringLiteral("waiting")));
        QCOMPARE(columnTexts(model, BuildStageModel::Progress), QStringList(3, QString()));
        QCOMPARE(columnTexts(model, BuildStageModel::Elapsed), QStringList(3, QString()));
        QCOMPARE(model.index(1, BuildStageModel::Image).data().toString(),
                 QStringLiteral("sage-ubuntu-jammy-standard-bootstrapped:dev"));
        QCOMPARE(model.index(0, BuildStageModel::Status).data(BuildStageModel::RawRole).toString(),
                 QStringLiteral("pending"));
    }

    void liveProgressChangesOneRow() {
        BuildStageModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStages(plannedStages());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.setStarted(1);
        QCOMPARE(model.status(1), StageStatus::Running);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(1, 0));
        QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(1, BuildStageModel::ColumnCount - 1));

        model.setProgress(1, {.stepsDone = 5,
                              .stepsTotal = 12,
                              .cached = 4,
                              .executed = 1,
                              .currentStep = QStringLiteral("[bootstrapped 5/12] RUN ./bootstrap"),
                              .elapsedSeconds = 3.5});
        QCOMPARE(changed.count(), 2);
        QCOMPARE(model.index(1, BuildStageModel::Status).data().toString(), QStringLiteral("running"));
        QCOMPARE(model.index(1, BuildStageModel::Progress).data().toString(), QStringLiteral("5 / 12"));
        QCOMPARE(model.index(1, BuildStageModel::Cached).data(BuildStageModel::RawRole).toInt(), 4);
        QCOMPARE(model.index(1, BuildStageModel::Executed).data(BuildStageModel::RawRole).toInt(), 1);
        QCOMPARE(model.index(1, BuildStageModel::CurrentStep).data().toString(),
                 QStringLiteral("[bootstrapped 5/12] RUN ./bootstrap"));
        QCOMPARE(model.index(1, BuildStageModel::Elapsed).data().toString(), QStringLiteral("3.5 s"));
        QCOMPARE(model.index(1, BuildStageModel::Elapsed).data(BuildStageModel::RawRole).toDouble(), 3.5);
        // The other rows did not move.
        QCOMPARE(model.status(0), StageStatus::Pending);
        QCOMPARE(model.status(2), StageStatus::Pending);
    }

    void results_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("note");
        QTest::addColumn<QString>("statusText");
        QTest::addColumn<QString>("progress");
        QTest::addColumn<QString>("currentStep");
        QTest::addColumn<QString>("tooltip");

        QTest::newRow("built") << int(StageStatus::Built) << QString() << "built"
                               << "12 / 12"
                               << "RUN make" << QString();
        QTest::newRow("cached") << int(StageStatus::Cached) << QString() << "cached"
                                << "12 / 12"
                                << "RUN make" << QString();
        QTest::newRow("skipped shows why in the step column")
            << int(StageStatus::Skipped) << "inputs present locally"
            << "skipped" << QString() << "inputs present locally"
            << "inputs present locally";
        QTest::newRow("failed keeps the error as tooltip")
            << int(StageStatus::Failed) << "RUN make exited with 2"
            << "failed"
            << "12 / 12"
            << "RUN make"
            << "RUN make exited with 2";
        QTest::newRow("cancelled") << int(StageStatus::Cancelled) << "Cancelled."
                                   << "cancelled"
                                   << "12 / 12"
                                   << "RUN make"
                                   << "Cancelled.";
    }
    void results() {
        QFETCH(int, status);
        QFETCH(QString, note);
        QFETCH(QString, statusText);
        QFETCH(QString, progress);
        QFETCH(QString, currentStep);
        QFETCH(QString, tooltip);
        BuildStageModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStages(plannedStages());
        model.setStarted(2);
        model.setProgress(2, {.stepsDone = 3, .stepsTotal = 10, .currentStep = QStringLiteral("RUN make")});
        const auto s = StageStatus(status);
        // A stage ends with 12 counted steps where the live count saw 10: the total grows, never shrinks.
        auto r = result(s, 12, s == StageStatus::Cached ? 12 : 7, s == StageStatus::Cached ? 0 : 4,
                        s == StageStatus::Cached ? 0 : 1, note);
        if (s != StageStatus::Skipped) // a skipped stage ran no step
            r.firstExecuted = buildlog::FirstExecuted{QStringLiteral("RUN make"), {}, {}, {}};
        model.setResult(2, r);
        QCOMPARE(model.status(2), s);
        QCOMPARE(model.index(2, BuildStageModel::Status).data().toString(), statusText);
        QCOMPARE(model.index(2, BuildStageModel::Status).data(BuildStageModel::RawRole).toString(),
                 statusText);
        QCOMPARE(model.index(2, BuildStageModel::Progress).data().toString(), progress);
        QCOMPARE(model.index(2, BuildStageModel::CurrentStep).data().toString(), currentStep);
        QCOMPARE(model.index(2, BuildStageModel::Stage).data(Qt::ToolTipRole).toString(), tooltip);
        QCOMPARE(model.index(2, BuildStageModel::Elapsed).data().toString(), QStringLiteral("61.4 s"));
        QVERIFY(!model.index(2, BuildStageModel::Status).data(Qt::DecorationRole).isNull());
    }

    void lateSignalsForMissingRowsAreIgnored() {
        BuildStageModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStages(plannedStages());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setStarted(3);
        model.setProgress(-1, {});
        model.setResult(7, result(StageStatus::Built, 1, 0, 1, 0, {}));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(model.status(3), StageStatus::Pending);
        // A new plan replaces the rows (one reset), so a previous build's rows never linger.
        model.setStages(plannedStages().mid(0, 1));
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(TestBuildStageModel)
#include "tst_buildstagemodel.moc"
