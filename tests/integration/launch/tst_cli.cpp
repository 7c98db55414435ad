// sagedock-cli launch / ps / stop as a user (or a CI job) runs them: JSON fields, exit codes, one-line
// errors on stderr, and no container left behind. Scratch settings through XDG_CONFIG_HOME.

#include "testenvironment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace sagedock;

class TestLaunchCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_cli;

    struct Run {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    Run cli(const QStringList& args, int timeoutMs = 60000) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + testsupport::dockerSocket());
        p.setProcessEnvironment(env);
        p.start(m_cli, args);
        Run r;
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

private Q_SLOTS:
    void initTestCase() {
        SAGEDOCK_REQUIRE_ENGINE();
        QVERIFY(m_tmp.isValid());
        m_cli = qEnvironmentVariable("SAGEDOCK_CLI");
        QVERIFY2(QFileInfo(m_cli).isExecutable(), "SAGEDOCK_CLI must name the built sagedock-cli");
    }

    void cleanupTestCase() {
        // Only sessions whose notebooks live in this test's scratch folder are ours.
        QByteArray ids;
        testsupport::runDocker(
            {QStringLiteral("ps"), QStringLiteral("-aq"), QStringLiteral("--filter"),
             QStringLiteral("label=org.sagedock.notebooks=") + m_tmp.filePath(QStringLiteral("nb"))},
            &ids);
        const QStringList list = QString::fromUtf8(ids).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (!list.isEmpty())
            testsupport::runDocker(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} + list);
    }

    void launchPsStop() {
        const QString nb = m_tmp.filePath(QStringLiteral("nb"));
        const Run launched = cli(
            {QStringLiteral("launch"), testsupport::fixtureImage(QStringLiteral("sagemath-dev")),
             QStringLiteral("--notebooks"), nb, QStringLiteral("--no-browser"), QStringLiteral("--json")});
        QVERIFY2(launched.code == 0, launched.err.constData());
        const QJsonObject s = QJsonDocument::fromJson(launched.out).object();
        for (const char* key :
             {"id", "name", "image", "flavor", "url", "port", "workdir", "notebooks", "container_notebooks"})
            QVERIFY2(s.contains(QLatin1String(key)), key);
        QCOMPARE(s.value(QLatin1String("flavor")).toString(), QStringLiteral("sagemath-dev"));
        QCOMPARE(s.value(QLatin1String("workdir")).toString(), QStringLiteral("/home/sage/sage"));
        QCOMPARE(s.value(QLatin1String("notebooks")).toString(), nb);
        QCOMPARE(s.value(QLatin1String("container_notebooks")).toString(),
                 QStringLiteral("/home/sage/notebooks"));
        const int port = s.value(QLatin1String("port")).toInt();
        QVERIFY(s.value(QLatin1String("url"))
                    .toString()
                    .startsWith(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
        const QString id = s.value(QLatin1String("id")).toString();

        http::Request api;
        api.url = QUrl(QStringLiteral("http://127.0.0.1:%1/api").arg(port));
        QCOMPARE(testsupport::fetch(api).status, 200);

        const Run ps = cli({QStringLiteral("ps"), QStringLiteral("--json")});
        QCOMPARE(ps.code, 0);
        bool found = false;
        for (const QJsonValue& v : QJsonDocument::fromJson(ps.out).array())
            if (v.toObject().value(QLatin1String("id")).toString() == id) {
                found = true;
                QCOMPARE(v.toObject().value(QLatin1String("url")).toString(),
                         s.value(QLatin1String("url")).toString());
            }
        QVERIFY(found);

        const Run stopped =
            cli({QStringLiteral("stop"), id.left(12), QStringLiteral("--timeout"), QStringLiteral("2")});
        QVERIFY2(stopped.code == 0, stopped.err.constData());
        QVERIFY(testsupport::runDocker({QStringLiteral("inspect"), id}) != 0);

        const Run again = cli({QStringLiteral("stop"), id.left(12)});
        QCOMPARE(again.code, 1);
        QVERIFY(again.err.startsWith("sagedock-cli: No SageDock session matches"));
        QCOMPARE(again.err.count('\n'), 1); // one line
    }

    void usageAndFailures_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("stderrPart");
        QTest::newRow("no image") << QStringList{QStringLiteral("launch")} << 2 << QByteArray("IMAGE");
        QTest::newRow("bad flavor") << QStringList{QStringLiteral("launch"), QStringLiteral("x"),
                                                   QStringLiteral("--flavor"), QStringLiteral("jupyter")}
                                    << 2 << QByteArray("--flavor");
        QTest::newRow("bad port") << QStringList{QStringLiteral("launch"), QStringLiteral("x"),
                                                 QStringLiteral("--port"), QStringLiteral("70000")}
                                  << 2 << QByteArray("--port");
        QTest::newRow("stop nothing") << QStringList{QStringLiteral("stop")} << 2 << QByteArray("--all");
        QTest::newRow("invalid reference")
            << QStringList{QStringLiteral("launch"), QStringLiteral("Not/Valid:@@"),
                           QStringLiteral("--no-browser")}
            << 1 << QByteArray("sagedock-cli: ");
        QTest::newRow("not a sage image")
            << QStringList{QStringLiteral("launch"), testsupport::fixtureImage(QStringLiteral("base")),
                           QStringLiteral("--no-browser")}
            << 1 << QByteArray("--flavor");
    }

    void usageAndFailures() {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QTEST(r.code, "code");
        QFETCH(QByteArray, stderrPart);
        QVERIFY2(r.err.contains(stderrPart), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestLaunchCli)
#include "tst_cli.moc"
