// Stage builds on the real engine with the mini Sage checkout (tests/fixtures/minisage): what the
// runner reports per stage (built / cached / skipped / failed / cancelled, cache numbers, the first
// executed step and why), cache sources, cancel, resume, skip-when-present. The logs these builds
// write are kept as artifacts in <build>/tests/integration/imagebuild/recorded-logs/.

#include "buildtesthelpers.h"

#include "imagebuild/buildhistory.h"
#include "imagebuild/dockerfileinfo.h"
#include "testenvironment.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace sagedock;

class TestBuildStages : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_source;
    QString m_nonce;
    QString m_registry;
    QStringList m_createdImages; // repositories to remove at the end
    imagebuild::RunOptions m_run;

    imagebuild::SageBuildOptions options(const QStringList& stages) const {
        imagebuild::SageBuildOptions o;
        o.sourceDir = m_source;
        o.system = QStringLiteral("ubuntu-jammy");
        o.stages = stages;
        o.common.tag = QStringLiteral("t") + m_nonce;
        return o;
    }
    imagebuild::BuildPlan mustPlan(const imagebuild::SageBuildOptions& o) {
        auto p = buildtest::plan(o);
        if (!p.ok())
            qFatal("planning failed: %s", qPrintable(p.error().toString()));
        for (const auto& st : p->stages)
            if (!m_createdImages.contains(st.image))
                m_createdImages << st.image;
        return p.value();
    }
    // Steps of the stage itself (what a build of that target executes when its parent is cached).
    int ownSteps(const imagebuild::BuildPlan& plan, const QString& stage) const {
        const auto info = imagebuild::DockerfileInfo::parse(plan.dockerfileText);
        const auto& s = info.stages.at(info.stageIndex(stage));
        return s.countedSteps - (s.parent < 0 ? 1 : 0); // an external FROM is neither hit nor miss
    }
    void keepLog(const imagebuild::BuildRecord& r, const QString& name) {
        const QString dir = QCoreApplication::applicationDirPath() + QStringLiteral("/recorded-logs");
        QDir().mkpath(dir);
        QFile::remove(dir + QLatin1Char('/') + name);
        QFile::copy(r.logPath, dir + QLatin1Char('/') + name);
    }
    static QString describe(const imagebuild::BuildRecord& r) {
        QString s = r.error;
        for (const auto& st : r.stages)
            s += QStringLiteral(" | %1 %2 steps=%3 cached=%4 executed=%5 %6")
                     .arg(st.stage, imagebuild::stageStatusName(st.status))
                     .arg(st.steps)
                     .arg(st.cached)
                     .arg(st.executed)
                     .arg(st.note);
        return s + QStringLiteral(" | log ") + r.logPath;
    }

private Q_SLOTS:
    void initTestCase() {
        SAGEDOCK_REQUIRE_ENGINE();
        SAGEDOCK_REQUIRE_REGISTRY(m_registry);
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
        m_nonce = QString::number(QRandomGenerator::global()->generate64(), 36);
        m_source = m_tmp.filePath(QStringLiteral("sage"));
        QVERIFY(QDir().mkpath(m_source));
        QVERIFY(buildtest::copyFixture(m_source));
        // A system package only this run asks for: its text is in the first RUN, so nothing cached by an
        // earlier run (or another test) can hit, and "the first build executes everything" holds.
        QVERIFY(buildtest::writeFile(m_source + QStringLiteral("/build/pkgs/_nonce/distros.txt"),
                                     "debian: nonce-" + m_nonce.toUtf8() + "\n"));
        // Offline base image: the catalog's name for ubuntu-jammy, resolved from the local store.
        QCOMPARE(
            testsupport::runDocker({QStringLiteral("tag"), testsupport::fixtureImage(QStringLiteral("base")),
                                    QStringLiteral("ubuntu:jammy")}),
            0);
        m_run.historyPath = m_tmp.filePath(QStringLiteral("history.jsonl"));
        m_run.logDirectory = m_tmp.filePath(QStringLiteral("logs"));
    }

    void cleanupTestCase() {
        // Every tag this test made: the stage tags and the inputs-<hash> tags.
        for (const QString& repo : m_createdImages) {
            const QString ids = buildtest::dockerOut({QStringLiteral("images"), QStringLiteral("--format"),
                                                      QStringLiteral("{{.Repository}}:{{.Tag}}"), repo});
            for (const QString& ref : ids.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                testsupport::runDocker({QStringLiteral("rmi"), QStringLiteral("-f"), ref});
        }
    }

    void firstBuildExecutesEverything() {
        const auto plan = mustPlan(options(testsupport::sageStages()));
        QCOMPARE(plan.stages.size(), 7);
        QCOMPARE(plan.stages.first().image,
                 QStringLiteral("sage-ubuntu-jammy-standard-with-system-packages"));
        imagebuild::Runner runner;
        const auto r = buildtest::run(runner, plan, m_run);
        keepLog(r, QStringLiteral("buildkit-first-build.log"));
        QVERIFY2(r.success, qPrintable(describe(r)));
        QCOMPARE(r.builder, QStringLiteral("buildkit"));
        QCOMPARE(r.stages.size(), 7);
        for (const auto& st : r.stages) {
            QCOMPARE(st.status, imagebuild::StageStatus::Built);
            // Each target's own steps run; everything before it was built by the previous command.
            QCOMPARE(st.executed, ownSteps(plan, st.stage));
            QCOMPARE(st.cached, st.steps - st.executed);
            QVERIFY(st.imageId.startsWith(QLatin1String("sha256:")));
            QVERIFY(st.firstExecuted.has_value());
        }
        QVERIFY(r.stages.first().firstExecuted->step.contains(QLatin1String("with-system-packages")));
        const auto history = imagebuild::History(m_run.historyPath).load();
        QVERIFY(history.ok());
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->last().id, r.id);
        QCOMPARE(history->last().stages.size(), 7);
        QVERIFY(!history->last().engineVersion.isEmpty());
    }

    void secondBuildIsFullyCached() {
        const auto plan = mustPlan(options(testsupport::sageStages()));
        imagebuild::Runner runner;
        const auto r = buildtest::run(runner, plan, m_run);
        keepLog(r, QStringLiteral("buildkit-fully-cached.log"));
        QVERIFY2(r.success, qPrintable(describe(r)));
        for (const auto& st : r.stages) {
            QCOMPARE(st.status, imagebuild::StageStatus::Cached);
            QCOMPARE(st.executed, 0);
            QVERIFY(st.cached > 0);
            QCOMPARE(st.cached, st.steps);
            QVERIFY(!st.firstExecuted.has_value());
        }
    }

    void changedCopiedFileNamesStageAndCopy() {
        QVERIFY(buildtest::writeFile(m_source + QStringLiteral("/src/sage/all.py"),
                                     "version = \"10.9.beta3\"\nchanged = True\n"));
        const auto plan = mustPlan(options({QStringLiteral("configured"), QStringLiteral("with-targets")}));
        imagebuild::Runner runner;
        const auto r = buildtest::run(runner, plan, m_run);
        keepLog(r, QStringLiteral("buildkit-copy-changed.log"));
        QVERIFY2(r.success, qPrintable(describe(r)));
        QCOMPARE(r.stages.at(0).status, imagebuild::StageStatus::Cached); // configured does not copy src/
        const auto& st = r.stages.at(1);
        QCOMPARE(st.status, imagebuild::StageStatus::Built);
        QVERIFY(st.firstExecuted.has_value());
        QVERIFY2(st.firstExecuted->step.contains(QLatin1String("[with-targets ")),
                 qPrintable(st.firstExecuted->step));
        QVERIFY2(st.firstExecuted->step.contains(QLatin1String("ADD src src")),
                 qPrintable(st.firstExecuted->step));
        QCOMPARE(st.firstExecuted->reason, buildlog::MissReason::CopyInputChanged);
    }

    void changedBuildArgIsNamed() {
        auto o = options({QStringLiteral("with-targets-pre")});
        o.targetsPre = QStringLiteral("all-sage-local other-") + m_nonce;
        const auto plan = mustPlan(o);
        imagebuild::Runner runner;
        const auto r = buildtest::run(runner, plan, m_run);
        keepLog(r, QStringLiteral("buildkit-arg-changed.log"));
        QVERIFY2(r.success, qPrintable(describe(r)));
        const auto& st = r.stages.at(0);
        QCOMPARE(st.status, imagebuild::StageStatus::Built);
        QCOMPARE(st.executed, 1);
        QVERIFY(st.firstExecuted.has_value());
        QVERIFY2(st.firstExecuted->step.contains(QLatin1String("[with-targets-pre 1/1] RUN")),
                 qPrintable(st.firstExecuted->step));
        QCOMPARE(st.firstExecuted->reason, buildlog::MissReason::BuildArgChanged);
    }

    void missingCacheFromIsReported() {
        auto o = options({QStringLiteral("with-system-packages")});
        const QString missing = m_registry + QStringLiteral("/nowhere/cache:") + m_nonce;
        o.common.cacheFrom = {missing};
        const auto plan = mustPlan(o);
        QCOMPARE(plan.stages.first().cacheFrom, QStringList{missing});
        imagebuild::Runner runner;
        const auto r = buildtest::run(runner, plan, m_run);
        keepLog(r, QStringLiteral("buildkit-cache-from-missing.log"));
        QVERIFY2(r.success, qPrintable(describe(r)));
        const auto& st = r.stages.at(0);
        QCOMPARE(st.cacheImports.size(), 1);
        QCOMPARE(st.cacheImports.first().ref, missing);
        QVERIFY(!st.cacheImports.first().ok);
        QVERIFY2(st.cacheImports.first().message.contains(QLatin1String("not found")),
                 qPrintable(st.cacheImports.first().message));
    }

    void registryCacheHitsAfterPruning() {
        // Inline cache, pushed: every stage image carries the cache of its whole chain.
        auto o = options({QStringLiteral("with-system-packages"), QStringLiteral("bootstrapped"),
                          QStringLiteral("configured")});
        o.common.pushPrefix = m_registry + QStringLiteral("/inline-") + m_nonce + QLatin1Char('/');
        o.common.inlineCache = true;
        const auto plan = mustPlan(o);
        QVERIFY(plan.stages.first().cacheFrom.contains(plan.stages.first().imageRef()));
        imagebuild::Runner first;
        const auto r1 = buildtest::run(first, plan, m_run);
        QVERIFY2(r1.success, qPrintable(describe(r1)));
        for (const auto& st : r1.stages)
            QCOMPARE(st.pushed, QStringList{st.image});
        // Forget everything local: the images and BuildKit's cache.
        for (const auto& st : plan.stages)
            QCOMPARE(testsupport::runDocker({QStringLiteral("rmi"), QStringLiteral("-f"), st.imageRef()}), 0);
        QCOMPARE(testsupport::runDocker(
                     {QStringLiteral("builder"), QStringLiteral("prune"), QStringLiteral("-af")}),
                 0);
        imagebuild::Runner second;
        const auto r2 = buildtest::run(second, plan, m_run);
        keepLog(r2, QStringLiteral("buildkit-registry-cache.log"));
        QVERIFY2(r2.success, qPrintable(describe(r2)));
        for (const auto& st : r2.stages) {
            QCOMPARE(st.executed, 0);
            QVERIFY(st.cached > 0);
            bool imported = false;
            for (const auto& c : st.cacheImports)
                imported = imported || (c.ok && c.ref == st.image);
            QVERIFY2(imported, qPrintable(describe(r2)));
        }
    }

    void cancelLeavesNothingRunning_data() {
        QTest::addColumn<QString>("mode");
        QTest::newRow("buildkit") << QStringLiteral("buildkit");
        QTest::newRow("legacy") << QStringLiteral("legacy");
    }
    void cancelLeavesNothingRunning() {
        QFETCH(QString, mode);
        auto o = options({QStringLiteral("with-targets-pre")});
        // A duration no other test sleeps (the launch tests' port squatters run `sleep 300`), so
        // pgrep below sees only this build's step.
        const QString sleeper =
            QStringLiteral("sleep-%1").arg(2917 + (mode == QLatin1String("legacy") ? 1 : 0));
        o.targetsPre = QStringLiteral("marker-") + m_nonce + QLatin1Char(' ') + sleeper;
        const auto plan = mustPlan(o);
        // This build's own step containers (the legacy builder puts the build arguments, and so the
        // marker, in their command): the engine may run other containers meanwhile (scripts/test
        // builds the e2e image beside the tests).
        const QString marker = QStringLiteral("marker-") + m_nonce;
        const auto stepContainers = [&marker] {
            const QString all = buildtest::dockerOut(
                {QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--no-trunc"),
                 QStringLiteral("--format"), QStringLiteral("{{.ID}} {{.Command}}")});
            QStringList mine;
            for (const QString& line : all.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                if (line.contains(marker))
                    mine.append(line);
            return mine;
        };
        imagebuild::Runner runner;
        QByteArray output;
        connect(&runner, &imagebuild::Runner::logData, this,
                [&output](int, const QByteArray& d) { output += d; });
        bool done = false;
        connect(&runner, &util::Job::finished, this, [&done] { done = true; });
        auto ro = m_run;
        ro.builderMode = imagebuild::builderModeFromName(mode);
        runner.start(plan, ro);
        const QByteArray sleepingLine = QByteArray("(sleeping ") + sleeper.mid(6).toLatin1();
        QTRY_VERIFY_WITH_TIMEOUT(output.contains(sleepingLine), 120000);
        auto sleeping = [&sleeper] {
            QProcess pgrep;
            pgrep.start(QStringLiteral("pgrep"),
                        {QStringLiteral("-f"), QStringLiteral("^sleep %1$").arg(sleeper.mid(6))});
            pgrep.waitForFinished(5000);
            return pgrep.exitCode() == 0;
        };
        QVERIFY(sleeping());
        runner.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        const auto r = runner.record();
        keepLog(r, QStringLiteral("%1-cancelled.log").arg(mode));
        QCOMPARE(r.stages.last().status, imagebuild::StageStatus::Cancelled);
        QVERIFY(!r.success);
        // BuildKit stops the step's container when the cancelled client goes away; on two busy cores
        // (CI runs the unit tests beside this one) that took longer than 15 s once.
        QTRY_VERIFY_WITH_TIMEOUT(!sleeping(), 45000);
        QTRY_COMPARE_WITH_TIMEOUT(stepContainers(), QStringList(), 15000);
    }

    void resumeContinuesFromFailedStage() {
        auto o = options(testsupport::sageStages());
        o.targets = QStringLiteral("fail");
        o.common.computeInputHashes = true;
        const auto failing = mustPlan(o);
        auto ro = m_run;
        ro.resume = true;
        imagebuild::Runner first;
        const auto r1 = buildtest::run(first, failing, ro);
        keepLog(r1, QStringLiteral("buildkit-failed-stage.log"));
        QVERIFY(!r1.success);
        QCOMPARE(r1.stages.size(), 6);
        QCOMPARE(r1.stages.last().stage, QStringLiteral("with-targets"));
        QCOMPARE(r1.stages.last().status, imagebuild::StageStatus::Failed);
        QVERIFY2(r1.stages.last().note.contains(QLatin1String("exit code: 2")) ||
                     r1.stages.last().note.contains(QLatin1String("non-zero code")),
                 qPrintable(r1.stages.last().note));

        o.targets = QStringLiteral("build");
        const auto fixed = mustPlan(o);
        QCOMPARE(fixed.key(), failing.key());
        imagebuild::Runner second;
        QStringList started;
        connect(&second, &imagebuild::Runner::stageStarted, this,
                [&started, &fixed](int i, const QString&) { started << fixed.stages.at(i).name; });
        const auto r2 = buildtest::run(second, fixed, ro);
        QVERIFY2(r2.success, qPrintable(describe(r2)));
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(r2.stages.at(i).status, imagebuild::StageStatus::Skipped);
            QVERIFY(r2.stages.at(i).note.contains(r1.id));
        }
        QCOMPARE(started,
                 (QStringList{QStringLiteral("with-targets"), QStringLiteral("with-targets-optional")}));
        QCOMPARE(r2.stages.at(5).status, imagebuild::StageStatus::Built);
    }

    void skipWhenPresentAvoidsRebuilding() {
        auto o = options({QStringLiteral("with-system-packages"), QStringLiteral("bootstrapped")});
        o.common.pushPrefix = m_registry + QStringLiteral("/skip-") + m_nonce + QLatin1Char('/');
        o.common.computeInputHashes = true;
        o.common.defaultCacheSources = false;
        const auto plan = mustPlan(o);
        auto ro = m_run;
        ro.skipExisting = true;
        imagebuild::Runner first;
        const auto r1 = buildtest::run(first, plan, ro);
        QVERIFY2(r1.success, qPrintable(describe(r1)));
        for (int i = 0; i < r1.stages.size(); ++i) {
            QVERIFY(r1.stages.at(i).status != imagebuild::StageStatus::Skipped);
            QVERIFY(r1.stages.at(i).pushed.contains(plan.stages.at(i).inputRef()));
        }
        // Nothing local any more: the registry has the input-hash tags.
        for (const auto& st : plan.stages) {
            testsupport::runDocker({QStringLiteral("rmi"), QStringLiteral("-f"), st.imageRef()});
            testsupport::runDocker({QStringLiteral("rmi"), QStringLiteral("-f"), st.inputRef()});
        }
        imagebuild::Runner second;
        int builds = 0;
        connect(&second, &imagebuild::Runner::stageStarted, this, [&builds] { ++builds; });
        const auto r2 = buildtest::run(second, plan, ro);
        QVERIFY2(r2.success, qPrintable(describe(r2)));
        QCOMPARE(builds, 0);
        for (int i = 0; i < r2.stages.size(); ++i) {
            QCOMPARE(r2.stages.at(i).status, imagebuild::StageStatus::Skipped);
            QVERIFY2(r2.stages.at(i).note.contains(QLatin1String("pulled")),
                     qPrintable(r2.stages.at(i).note));
            QCOMPARE(buildtest::dockerOut({QStringLiteral("image"), QStringLiteral("inspect"),
                                           QStringLiteral("--format"), QStringLiteral("{{.Id}}"),
                                           plan.stages.at(i).imageRef()}),
                     r1.stages.at(i).imageId);
        }
        // A changed input (a file `bootstrapped` copies) is not skipped: its hash is new.
        QVERIFY(buildtest::writeFile(m_source + QStringLiteral("/build/bin/extra-tool"), "#!/bin/sh\n"));
        const auto changed = mustPlan(o);
        QCOMPARE(changed.stages.at(0).inputHash, plan.stages.at(0).inputHash);
        QVERIFY(changed.stages.at(1).inputHash != plan.stages.at(1).inputHash);
        imagebuild::Runner third;
        const auto r3 = buildtest::run(third, changed, ro);
        QVERIFY2(r3.success, qPrintable(describe(r3)));
        QCOMPARE(r3.stages.at(0).status, imagebuild::StageStatus::Skipped);
        QCOMPARE(r3.stages.at(1).status, imagebuild::StageStatus::Built);
    }
};

QTEST_GUILESS_MAIN(TestBuildStages)
#include "tst_buildstages.moc"
