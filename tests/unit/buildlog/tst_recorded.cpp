// The logs SageDock's own integration builds recorded (tests/fixtures/logs/recorded, written by
// tests/integration/build) diagnosed as a maintainer would read them: which stage first missed the
// cache, at which step, and why; the same answer whatever chunks the log arrives in.

#include "buildlog/diagnosis.h"
#include "buildlog/parser.h"

#include <QFile>

#include <QTest>
#include <nlohmann/json.hpp>

using namespace sagedock;

namespace {
QByteArray readRecorded(const QString& name) {
    QFile f(QStringLiteral(SAGEDOCK_RECORDED_LOGS "/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}
} // namespace

class TestRecordedLogs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void diagnosis_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("executed");  // -1: some, do not check the number
        QTest::addColumn<QString>("stage"); // stage whose first executed step is checked ("" = none)
        QTest::addColumn<QString>("step");  // substring of that step
        QTest::addColumn<bool>("importFailed");
        QTest::addColumn<bool>("hasError");
        QTest::newRow("first build") << "buildkit-first-build.log" << -1 << "with-system-packages"
                                     << "RUN" << false << false;
        QTest::newRow("fully cached") << "buildkit-fully-cached.log" << 0 << ""
                                      << "" << false << false;
        QTest::newRow("copy changed") << "buildkit-copy-changed.log" << -1 << "with-targets"
                                      << "ADD src src" << false << false;
        QTest::newRow("arg changed") << "buildkit-arg-changed.log" << -1 << "with-targets-pre"
                                     << "RUN" << false << false;
        QTest::newRow("cache-from missing") << "buildkit-cache-from-missing.log" << 0 << ""
                                            << "" << true << false;
        // The :dev cache ref does not exist, the :<tag> one does: a failed and a good import, all CACHED.
        QTest::newRow("registry cache") << "buildkit-registry-cache.log" << 0 << ""
                                        << "" << true << false;
        // TARGETS=fail changes the build arguments: with-targets-pre reruns, then with-targets fails.
        QTest::newRow("failed stage") << "buildkit-failed-stage.log" << -1 << "with-targets-pre"
                                      << "RUN" << false << true;
    }
    void diagnosis() {
        QFETCH(QString, file);
        QFETCH(int, executed);
        QFETCH(QString, stage);
        QFETCH(QString, step);
        QFETCH(bool, importFailed);
        QFETCH(bool, hasError);
        const buildlog::Diagnosis d = buildlog::diagnose(readRecorded(file));
        QCOMPARE(d.format, buildlog::LogFormat::BuildKitPlain);
        QVERIFY2(d.steps > 0, "no counted steps");
        if (executed >= 0)
            QCOMPARE(d.executed, executed);
        else
            QVERIFY(d.executed > 0);
        if (!stage.isEmpty()) {
            // The first stage with an executed step is the one named, at the step named.
            const buildlog::StageDiagnosis* first = nullptr;
            for (const buildlog::StageDiagnosis& s : d.stages)
                if (s.firstExecuted) {
                    first = &s;
                    break;
                }
            QVERIFY2(first, "no stage has a first executed step");
            QCOMPARE(first->name, stage);
            QVERIFY2(first->firstExecuted->step.contains(step), qPrintable(first->firstExecuted->step));
            QVERIFY(!first->firstExecuted->text.isEmpty());
        }
        bool failedImport = false;
        for (const buildlog::CacheImport& i : d.cacheImports)
            failedImport |= !i.ok;
        QCOMPARE(failedImport, importFailed);
        QCOMPARE(!d.errors.isEmpty(), hasError);
    }

    void sameAnswerInAnyChunks_data() {
        QTest::addColumn<QString>("file");
        for (const char* f : {"buildkit-first-build.log", "buildkit-copy-changed.log",
                              "buildkit-failed-stage.log", "buildkit-cancelled.log", "legacy-cancelled.log"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void sameAnswerInAnyChunks() {
        QFETCH(QString, file);
        const QByteArray log = readRecorded(file);
        const auto whole = buildlog::toJson(buildlog::diagnose(log));
        for (const qsizetype chunk : {qsizetype(1), qsizetype(7), qsizetype(64), qsizetype(4093)}) {
            auto parser = buildlog::Parser::create(buildlog::LogFormat::Unknown);
            buildlog::Diagnoser diagnoser;
            for (qsizetype at = 0; at < log.size(); at += chunk)
                diagnoser.addEvents(
                    parser->feed(QByteArrayView(log).sliced(at, std::min(chunk, log.size() - at))));
            diagnoser.addEvents(parser->finish());
            diagnoser.setFormat(parser->format());
            QCOMPARE(QString::fromStdString(buildlog::toJson(diagnoser.result()).dump()),
                     QString::fromStdString(whole.dump()));
        }
    }
};

QTEST_GUILESS_MAIN(TestRecordedLogs)
#include "tst_recorded.moc"
