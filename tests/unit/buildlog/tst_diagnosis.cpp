// Cache diagnosis on real logs: per-stage counts (buildctl rules), the first executed step and its
// reason, cache imports, errors, warnings for known traps, comparison of two logs, the JSON schema.

#include "buildlog/diagnosis.h"
#include "buildlog/parser.h"
#include "samples.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace sagedock;
using namespace sagedock::buildlog;
using buildlogtest::readSample;

namespace {

Diagnosis diag(const QString& file) {
    return diagnose(readSample(file));
}

Diagnoser diagnoser(const QByteArray& log) {
    auto parser = Parser::create(LogFormat::Unknown);
    Diagnoser d;
    d.addEvents(parser->feed(log));
    d.addEvents(parser->finish());
    d.setFormat(parser->format());
    return d;
}

// A BuildKit plain log written by hand for cases the recorded samples do not cover.
QByteArray plainLog(const QByteArray& fromExtra, const QByteArray& importLines = {}) {
    return "#1 [internal] load build definition from Dockerfile\n#1 DONE 0.0s\n\n"
           "#2 [internal] load metadata for docker.io/library/ubuntu:jammy\n#2 DONE 0.5s\n\n" +
           importLines +
           "#4 [base 1/2] FROM "
           "docker.io/library/"
           "ubuntu:jammy@sha256:0e5e4a57c2499249aafc3b40fcd541e9a456aab7296681a3994d631587203f97\n" +
           fromExtra +
           "#4 DONE 3.1s\n\n"
           "#5 [base 2/2] RUN apt-get update\n#5 0.512 Get:1 http://archive.ubuntu.com/ubuntu jammy "
           "InRelease\n"
           "#5 DONE 9.5s\n\n"
           "#6 [final 1/1] RUN make\n#6 CACHED\n\n"
           "#7 exporting to image\n#7 exporting layers 0.1s done\n#7 DONE 0.1s\n";
}

} // namespace

class TestBuildlogDiagnosis : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stages_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("stage");
        QTest::addColumn<int>("steps");
        QTest::addColumn<int>("cached");
        QTest::addColumn<int>("executed");
        QTest::addColumn<int>("failed");
        QTest::addColumn<QString>("firstStep"); // empty: nothing executed
        QTest::addColumn<MissReason>("reason");
        QTest::addColumn<QString>("detail");

        const QString arg = QStringLiteral("buildkit-plain-arg-changed.log");
        QTest::newRow("arg: packages cached")
            << arg << "with-system-packages" << 1 << 1 << 0 << 0 << "" << MissReason::Unknown << "";
        QTest::newRow("arg: configured misses")
            << arg << "configured" << 1 << 0 << 1 << 0
            << "[configured 1/1] RUN echo \"--with-system-python3=force\" > /configured"
            << MissReason::BuildArgChanged << "";
        QTest::newRow("arg: pre follows")
            << arg << "with-targets-pre" << 1 << 0 << 1 << 0 << "[with-targets-pre 1/1] RUN echo pre > /pre"
            << MissReason::ParentStageRebuilt << "configured";
        QTest::newRow("arg: targets follows")
            << arg << "with-targets" << 2 << 0 << 2 << 0 << "[with-targets 1/2] COPY data /data"
            << MissReason::ParentStageRebuilt << "with-targets-pre";

        const QString copy = QStringLiteral("buildkit-plain-copy-changed-import-error.log");
        QTest::newRow("copy: packages cached")
            << copy << "with-system-packages" << 1 << 1 << 0 << 0 << "" << MissReason::Unknown << "";
        QTest::newRow("copy: configured cached")
            << copy << "configured" << 1 << 1 << 0 << 0 << "" << MissReason::Unknown << "";
        QTest::newRow("copy: pre cached")
            << copy << "with-targets-pre" << 1 << 1 << 0 << 0 << "" << MissReason::Unknown << "";
        QTest::newRow("copy: COPY breaks the cache")
            << copy << "with-targets" << 2 << 0 << 2 << 0 << "[with-targets 1/2] COPY data /data"
            << MissReason::CopyInputChanged << "COPY data /data";

        const QString err = QStringLiteral("buildkit-plain-step-error.log");
        QTest::newRow("error: cold build")
            << err << "with-system-packages" << 1 << 0 << 1 << 0
            << "[with-system-packages 2/2] RUN echo pkgs > /pkgs" << MissReason::NoCacheSource << "";
        QTest::newRow("error: failing stage")
            << err << "with-targets" << 2 << 0 << 1 << 1 << "[with-targets 1/2] COPY data /data"
            << MissReason::ParentStageRebuilt << "with-targets-pre";

        const QString lp = QStringLiteral("legacy-partly-cached.log");
        QTest::newRow("legacy: ARG and RUN cached")
            << lp << "configured" << 2 << 2 << 0 << 0 << "" << MissReason::Unknown << "";
        QTest::newRow("legacy: COPY executes")
            << lp << "with-targets" << 2 << 0 << 2 << 0 << "Step 9/10 : COPY data /data"
            << MissReason::CopyInputChanged << "COPY data /data";
        const QString le = QStringLiteral("legacy-step-error.log");
        QTest::newRow("legacy: no cache at all")
            << le << "with-system-packages" << 1 << 0 << 1 << 0 << "Step 2/10 : RUN echo pkgs > /pkgs"
            << MissReason::LegacyRebuildsEveryStage << "";
        QTest::newRow("legacy: failing stage")
            << le << "with-targets" << 2 << 0 << 1 << 1 << "Step 9/10 : COPY data /data"
            << MissReason::ParentStageRebuilt << "with-targets-pre";

        const QString rj = QStringLiteral("rawjson-copy-changed-import-error.json");
        QTest::newRow("rawjson: COPY breaks the cache")
            << rj << "with-targets" << 2 << 0 << 2 << 0 << "[with-targets 1/2] COPY data /data"
            << MissReason::CopyInputChanged << "COPY data /data";
        QTest::newRow("rawjson: cached stage")
            << rj << "configured" << 1 << 1 << 0 << 0 << "" << MissReason::Unknown << "";
        const QString rb = QStringLiteral("rawjson-base-pulled-step-error.json");
        QTest::newRow("rawjson: base image pulled")
            << rb << "with-system-packages" << 1 << 0 << 1 << 0
            << "[with-system-packages 2/2] RUN apt-get update && apt-get install -y make"
            << MissReason::BaseImageChanged
            << "docker.io/library/"
               "ubuntu:jammy@sha256:0e5e4a57c2499249aafc3b40fcd541e9a456aab7296681a3994d631587203f97";
        QTest::newRow("rawjson: parent from inputs")
            << rb << "with-targets" << 1 << 0 << 0 << 1 << "[with-targets 1/1] RUN make build"
            << MissReason::ParentStageRebuilt << "configured";
    }
    void stages() {
        QFETCH(QString, file);
        QFETCH(QString, stage);
        QFETCH(int, steps);
        QFETCH(int, cached);
        QFETCH(int, executed);
        QFETCH(int, failed);
        QFETCH(QString, firstStep);
        QFETCH(MissReason, reason);
        QFETCH(QString, detail);
        const Diagnosis d = diag(file);
        const StageDiagnosis* s = d.stage(stage);
        QVERIFY2(s, qPrintable(stage));
        QCOMPARE(s->steps, steps);
        QCOMPARE(s->cached, cached);
        QCOMPARE(s->executed, executed);
        QCOMPARE(s->failed, failed);
        QVERIFY(s->finished);
        if (firstStep.isEmpty()) {
            QVERIFY(!s->firstExecuted);
            return;
        }
        QVERIFY(s->firstExecuted);
        QCOMPARE(s->firstExecuted->step, firstStep);
        QCOMPARE(reasonCode(s->firstExecuted->reason), reasonCode(reason));
        QCOMPARE(s->firstExecuted->detail, detail);
        QVERIFY(!s->firstExecuted->text.isEmpty());
    }

    void totalsImportsErrors() {
        const Diagnosis copy = diag(QStringLiteral("buildkit-plain-copy-changed-import-error.log"));
        QCOMPARE(copy.format, LogFormat::BuildKitPlain);
        QCOMPARE(copy.steps, 5);
        QCOMPARE(copy.cached, 3);
        QCOMPARE(copy.executed, 2);
        QCOMPARE(copy.failed, 0);
        QCOMPARE(copy.cacheImports.size(), 1);
        QCOMPARE(copy.cacheImports[0].ref, QStringLiteral("127.0.0.1:5099/nowhere/cache:dev"));
        QVERIFY(!copy.cacheImports[0].ok);
        QCOMPARE(copy.cacheImports[0].message, QStringLiteral("127.0.0.1:5099/nowhere/cache:dev: not found"));
        QVERIFY(copy.errors.isEmpty()); // a failed import is not a build error
        QCOMPARE(copy.builds, 1);

        const Diagnosis err = diag(QStringLiteral("buildkit-plain-step-error.log"));
        QCOMPARE(err.errors.size(), 1); // the step's ERROR and the trailing summary are one error
        QCOMPARE(
            err.errors[0].step,
            QStringLiteral("[with-targets 2/2] RUN test -f /data/ok || (echo \"make: *** [build] Error 2\" "
                           ">&2; exit 2)"));
        QVERIFY(err.errors[0].message.endsWith(QLatin1String("exit code: 2")));
        QCOMPARE(err.stages.size(), 4);
        QCOMPARE(err.stages.last().durationSeconds, 0.0);
        QCOMPARE(err.stages.at(2).durationSeconds, 0.3);

        const Diagnosis legacy = diag(QStringLiteral("legacy-step-error.log"));
        QCOMPARE(legacy.errors.size(), 1);
        QVERIFY(legacy.errors[0].step.startsWith(QLatin1String("Step 10/10 : RUN test -f")));
        QVERIFY(legacy.errors[0].message.endsWith(QLatin1String("returned a non-zero code: 2")));
        QCOMPARE(legacy.stages.first().durationSeconds, -1.0); // the legacy builder prints no times
        bool legacyWarning = false;
        for (const DiagnosisWarning& w : legacy.warnings)
            legacyWarning = legacyWarning || w.kind == u"legacy-builder";
        QVERIFY(legacyWarning);
    }

    void failedImportWithoutLocalCache() {
        QByteArray log = readSample(QStringLiteral("buildkit-plain-copy-changed-import-error.log"));
        log.replace("#7 CACHED", "#7 DONE 0.2s")
            .replace("#6 CACHED", "#6 DONE 0.3s")
            .replace("#8 CACHED", "#8 DONE 0.1s");
        const Diagnosis d = diagnose(log);
        const StageDiagnosis* s = d.stage(QStringLiteral("with-system-packages"));
        QVERIFY(s && s->firstExecuted);
        QCOMPARE(s->firstExecuted->reason, MissReason::CacheImportFailed);
        QCOMPARE(s->firstExecuted->detail, QStringLiteral("127.0.0.1:5099/nowhere/cache:dev"));
        QVERIFY(s->firstExecuted->text.contains(QLatin1String("not found")));
    }

    void baseImagePulled() {
        const Diagnosis d = diagnose(plainLog(
            "#4 resolve "
            "docker.io/library/"
            "ubuntu:jammy@sha256:0e5e4a57c2499249aafc3b40fcd541e9a456aab7296681a3994d631587203f97 0.0s done\n"
            "#4 sha256:3713021b02770a720dea9b54c03d0ed83e03a2ef5dce2898c56a2fee9a6de15d 29.54MB / 29.54MB "
            "1.2s done\n"
            "#4 extracting sha256:3713021b02770a720dea9b54c03d0ed83e03a2ef5dce2898c56a2fee9a6de15d 1.8s "
            "done\n"));
        const StageDiagnosis* s = d.stage(QStringLiteral("base"));
        QVERIFY(s && s->firstExecuted);
        QCOMPARE(s->firstExecuted->reason, MissReason::BaseImageChanged);
        QVERIFY(
            s->firstExecuted->detail.startsWith(QLatin1String("docker.io/library/ubuntu:jammy@sha256:0e5e")));
        QCOMPARE(s->durationSeconds, 3.1 + 9.5);
    }

    void inlineCacheOnlyFinalStage() {
        const Diagnosis d =
            diagnose(plainLog({}, "#3 importing cache manifest from ghcr.io/sagemath/sage/x:dev\n"
                                  "#3 DONE 0.4s\n\n"));
        QCOMPARE(d.cacheImports.size(), 1);
        QVERIFY(d.cacheImports[0].ok);
        const StageDiagnosis* s = d.stage(QStringLiteral("base"));
        QVERIFY(s && s->firstExecuted);
        QCOMPARE(s->firstExecuted->reason, MissReason::InlineCacheFinalStageOnly);
        QVERIFY(s->firstExecuted->text.contains(QLatin1String("mode=max")));
    }

    void legacyArgumentNamed() {
        // CONFIGURE_ARGS changed: the ARG step itself hits (its key has no value), the RUN using it misses.
        QByteArray log = readSample(QStringLiteral("legacy-partly-cached.log"));
        log.replace("Step 5/10 : RUN echo \"$CONFIGURE_ARGS\" > /configured\n ---> Using cache\n",
                    "Step 5/10 : RUN echo \"$CONFIGURE_ARGS\" > /configured\n ---> Running in 8a351eb980eb\n"
                    "Removing intermediate container 8a351eb980eb\n");
        // Once step 5 runs, the legacy builder cannot reuse anything after it: step 7 runs too.
        log.replace("Step 7/10 : RUN echo pre > /pre\n ---> Using cache\n",
                    "Step 7/10 : RUN echo pre > /pre\n ---> Running in 1b2c3d4e5f60\n"
                    "Removing intermediate container 1b2c3d4e5f60\n");
        const Diagnosis d = diagnose(log);
        const StageDiagnosis* s = d.stage(QStringLiteral("configured"));
        QVERIFY(s && s->firstExecuted);
        QCOMPARE(s->firstExecuted->step,
                 QStringLiteral("Step 5/10 : RUN echo \"$CONFIGURE_ARGS\" > /configured"));
        QCOMPARE(s->firstExecuted->reason, MissReason::BuildArgChanged);
        QCOMPARE(s->firstExecuted->detail, QStringLiteral("CONFIGURE_ARGS"));
        const StageDiagnosis* pre = d.stage(QStringLiteral("with-targets-pre"));
        QVERIFY(pre && pre->firstExecuted); // never dereference an empty optional
        QCOMPARE(pre->firstExecuted->reason, MissReason::ParentStageRebuilt);
        QCOMPARE(pre->firstExecuted->detail, QStringLiteral("configured"));
    }

    void everythingBuiltTwice() {
        // Two builds in one log (tox runs one per target) and the second rebuilt what the first built.
        const QByteArray log = readSample(QStringLiteral("buildkit-plain-arg-changed.log"));
        const Diagnosis d = diagnose(QByteArray(log + log));
        QCOMPARE(d.builds, 2);
        const StageDiagnosis* s = d.stage(QStringLiteral("with-targets"));
        QCOMPARE(s->steps, 2); // deduplicated across the builds
        int twice = 0;
        for (const DiagnosisWarning& w : d.warnings) {
            if (w.kind == u"executed-twice") {
                QCOMPARE(w.count, 2);
                ++twice;
            }
        }
        QCOMPARE(twice, 4); // configured 1/1, with-targets-pre 1/1, with-targets 1/2 and 2/2
        // A second build that hits the cache is no warning.
        const Diagnosis ok = diagnose(
            QByteArray(log + readSample(QStringLiteral("buildkit-plain-copy-changed-import-error.log"))));
        for (const DiagnosisWarning& w : ok.warnings)
            QVERIFY(w.kind != u"executed-twice" || !w.step.startsWith(u"[configured"));
    }

    void maxDepthExceeded() {
        QByteArray log = readSample(QStringLiteral("buildkit-plain-step-error.log"));
        log.replace("#10 ERROR: executor failed running",
                    "#10 ERROR: failed to register layer: max depth exceeded; executor failed running");
        const Diagnosis d = diagnose(log);
        const DiagnosisWarning* w = nullptr;
        for (const DiagnosisWarning& x : d.warnings)
            if (x.kind == u"max-depth-exceeded")
                w = &x;
        QVERIFY(w);
        QCOMPARE(w->count, 5); // RUN, RUN, RUN, COPY, RUN of this build
        QVERIFY(w->message.contains(QLatin1String("125")));
    }

    void truncatedLiveLog() {
        // Half a log, as while a build runs: unfinished stages are marked, nothing crashes.
        const QByteArray log = readSample(QStringLiteral("buildkit-plain-step-error.log"));
        const qsizetype cut = log.indexOf("#10 0.219");
        const Diagnosis d = diagnose(log.first(cut));
        const StageDiagnosis* s = d.stage(QStringLiteral("with-targets"));
        QVERIFY(s);
        QVERIFY(!s->finished);
        QCOMPARE(s->executed, 1);
        QVERIFY(d.stage(QStringLiteral("configured"))->finished);
    }

    void compareLogs() {
        const Diagnoser a = diagnoser(readSample(QStringLiteral("buildkit-plain-arg-changed.log")));
        const Diagnoser b =
            diagnoser(readSample(QStringLiteral("buildkit-plain-copy-changed-import-error.log")));
        const Comparison c = compare(a, b);
        QCOMPARE(c.cachedInAExecutedInB.size(), 0);
        QCOMPARE(c.executedInACachedInB.size(), 2); // configured 1/1 and with-targets-pre 1/1
        QCOMPARE(c.executedInACachedInB[0].stage, QStringLiteral("configured"));
        // The build argument's value shows as the difference between the two step names.
        QVERIFY(c.executedInACachedInB[0].stepA.contains(QLatin1String("--with-system-python3=force")));
        QVERIFY(c.executedInACachedInB[0].stepB.contains(QLatin1String("--enable-build-as-root")));
        const Comparison back = compare(b, a);
        QCOMPARE(back.cachedInAExecutedInB.size(), 2);
        QVERIFY(back.onlyInA.isEmpty() && back.onlyInB.isEmpty());
        const Diagnoser legacy = diagnoser(readSample(QStringLiteral("legacy-partly-cached.log")));
        const Comparison cross = compare(a, legacy);
        QVERIFY(!cross.onlyInB.isEmpty()); // legacy step numbers differ from BuildKit's k/n
    }

    void jsonSchema() {
        const nlohmann::json j = toJson(diag(QStringLiteral("buildkit-plain-copy-changed-import-error.log")));
        std::vector<std::string> keys;
        for (auto& [k, v] : j.items())
            keys.push_back(k);
        std::sort(keys.begin(), keys.end());
        QCOMPARE(keys, (std::vector<std::string>{"cache_imports", "errors", "format", "stages", "totals",
                                                 "warnings"}));
        QVERIFY(j["format"] == "buildkit-plain");
        QVERIFY(j["stages"].size() == size_t(4));
        for (const auto& s : j["stages"]) {
            std::vector<std::string> sk;
            for (auto& [k, v] : s.items())
                sk.push_back(k);
            std::sort(sk.begin(), sk.end());
            QCOMPARE(sk, (std::vector<std::string>{"cached", "duration_s", "executed", "failed",
                                                   "first_executed", "name", "steps"}));
        }
        const auto& last = j["stages"][3];
        QVERIFY(last["name"] == "with-targets");
        QVERIFY(last["first_executed"]["step"] == "[with-targets 1/2] COPY data /data");
        QVERIFY(last["first_executed"]["reason"].is_string());
        QVERIFY(j["stages"][0]["first_executed"].is_null());
        QVERIFY(j["cache_imports"][0]["ok"] == false);
        QVERIFY(j["cache_imports"][0]["ref"] == "127.0.0.1:5099/nowhere/cache:dev");
        QVERIFY(j["totals"]["steps"] == 5);
        QVERIFY(j["totals"]["cached"] == 3);
        QVERIFY(j["totals"]["executed"] == 2);
        QVERIFY(j["totals"]["failed"] == 0);
        const nlohmann::json legacy = toJson(diag(QStringLiteral("legacy-step-error.log")));
        QVERIFY(legacy["stages"][0]["duration_s"].is_null());
        QVERIFY(legacy["errors"][0]["step"].is_string());
        QVERIFY(legacy["warnings"][0]["kind"].is_string());
    }

    void readsFiles() {
        const auto ok = diagnoseFile(testsupport::sampleLog(QStringLiteral("legacy-partly-cached.log")));
        QVERIFY(ok.ok());
        QCOMPARE(ok.value().result().format, LogFormat::Legacy);
        const auto missing = diagnoseFile(QStringLiteral("/nonexistent/build.log"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, util::ErrorCode::Io);
        QVERIFY(!missing.error().hint.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBuildlogDiagnosis)
#include "tst_diagnosis.moc"
