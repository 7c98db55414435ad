// `sagedock-cli diagnose-log` as scripts and people use it: JSON schema, stdin, --compare, text output,
// exit codes.

#include "samples.h"

#include <QProcess>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace sagedock;

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
};

Run cli(const QStringList& args, const QByteArray& input = {}) {
    QProcess p;
    p.start(qEnvironmentVariable("SAGEDOCK_CLI"), QStringList{QStringLiteral("diagnose-log")} + args);
    if (!p.waitForStarted(10000))
        qFatal("sagedock-cli did not start: %s", qPrintable(p.errorString()));
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        qFatal("sagedock-cli did not finish");
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
               p.readAllStandardError()};
}

} // namespace

class TestDiagnoseLogCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(!qEnvironmentVariable("SAGEDOCK_CLI").isEmpty(), "SAGEDOCK_CLI not set"); }

    void json_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("executed");
        for (const QString& f : buildlogtest::allSamples()) {
            const QString format = f.startsWith(u"legacy")    ? QStringLiteral("legacy")
                                   : f.startsWith(u"rawjson") ? QStringLiteral("buildkit-rawjson")
                                                              : QStringLiteral("buildkit-plain");
            QTest::newRow(qPrintable(f)) << f << format << -1;
        }
    }
    void json() {
        QFETCH(QString, file);
        QFETCH(QString, format);
        const QString path = file.endsWith(u".json") ? QStringLiteral(SAGEDOCK_BUILDLOG_TESTDATA "/") + file
                                                     : testsupport::sampleLog(file);
        const Run r = cli({path, QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.isEmpty());
        const nlohmann::json j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(QString::fromStdString(j["format"].get<std::string>()), format);
        for (const char* key : {"stages", "cache_imports", "errors", "warnings"})
            QVERIFY2(j[key].is_array(), key);
        int steps = 0;
        for (const auto& s : j["stages"]) {
            for (const char* key : {"name"})
                QVERIFY(s[key].is_string());
            for (const char* key : {"steps", "cached", "executed", "failed"})
                QVERIFY(s[key].is_number_integer());
            QVERIFY(s["duration_s"].is_number() || s["duration_s"].is_null());
            QVERIFY(s["first_executed"].is_null() ||
                    (s["first_executed"]["step"].is_string() && s["first_executed"]["reason"].is_string()));
            steps += s["steps"].get<int>();
        }
        QCOMPARE(j["totals"]["steps"].get<int>(), steps);
        // Reading the same log from stdin gives the same answer.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const Run piped = cli({QStringLiteral("-"), QStringLiteral("--json")}, f.readAll());
        QCOMPARE(piped.code, 0);
        QCOMPARE(piped.out, r.out);
    }

    void text() {
        const Run r =
            cli({testsupport::sampleLog(QStringLiteral("buildkit-plain-copy-changed-import-error.log"))});
        QCOMPARE(r.code, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(QLatin1String("with-targets: [with-targets 1/2] COPY data /data")),
                 r.out.constData());
        QVERIFY(out.contains(QLatin1String(
            "FAILED  127.0.0.1:5099/nowhere/cache:dev: 127.0.0.1:5099/nowhere/cache:dev: not found")));
        QVERIFY(out.contains(QLatin1String("buildkit-plain, 1 build")));
    }

    void compare() {
        const QString a = testsupport::sampleLog(QStringLiteral("buildkit-plain-arg-changed.log"));
        const QString b =
            testsupport::sampleLog(QStringLiteral("buildkit-plain-copy-changed-import-error.log"));
        const Run r = cli({a, QStringLiteral("--compare"), b, QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const nlohmann::json j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(j["compare"]["executed_in_a_cached_in_b"].size(), size_t(2));
        QCOMPARE(j["compare"]["cached_in_a_executed_in_b"].size(), size_t(0));
        QVERIFY(j["compare"]["other"]["format"] == "buildkit-plain");
        const Run t = cli({a, QStringLiteral("--compare"), b});
        QCOMPARE(t.code, 0);
        QVERIFY(t.out.contains("differs in"));
        QVERIFY(t.out.contains("--enable-build-as-root"));
    }

    void failures_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no file") << QStringList{} << QByteArray() << 2 << QByteArray("expected one FILE");
        QTest::newRow("two files") << QStringList{QStringLiteral("a"), QStringLiteral("b")} << QByteArray()
                                   << 2 << QByteArray("expected one FILE");
        QTest::newRow("missing file") << QStringList{QStringLiteral("/nonexistent/build.log")} << QByteArray()
                                      << 1 << QByteArray("Cannot read /nonexistent/build.log");
        QTest::newRow("not a build log") << QStringList{QStringLiteral("-")} << QByteArray("hello\nworld\n")
                                         << 1 << QByteArray("is not a docker build log");
        QTest::newRow("stdin twice") << QStringList{QStringLiteral("-"), QStringLiteral("--compare"),
                                                    QStringLiteral("-")}
                                     << QByteArray() << 2 << QByteArray("standard input");
    }
    void failures() {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, input);
        QFETCH(int, code);
        QFETCH(QByteArray, message);
        const Run r = cli(args, input);
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(message), r.err.constData());
        // One line on stderr; usage errors add the shared "Try 'sagedock-cli diagnose-log --help'." line.
        QCOMPARE(r.err.count('\n'), code == 2 ? 2 : 1);
        QVERIFY(r.err.split('\n').first().contains(message));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDiagnoseLogCli)
#include "tst_cli.moc"
