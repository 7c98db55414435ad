// `sagedock-cli build` and `builds` as a user runs them: the dry run prints the exact commands, usage
// errors exit 2, a real build prints the JSON and lands in `builds --json`, the generic mode
// builds any multi-stage Dockerfile, and SIGTERM cancels a build without leaving a process behind.

#include "buildtesthelpers.h"

#include <QProcessEnvironment>
#include <QRandomGenerator>

#include <csignal>
#include <nlohmann/json.hpp>

using namespace sagedock;

class TestBuildCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_source;
    QString m_tag;
    QStringList m_images;

    QProcess* start(const QStringList& args) {
        auto* p = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_tmp.filePath(QStringLiteral("xdg")));
        p->setProcessEnvironment(env);
        p->start(qEnvironmentVariable("SAGEDOCK_CLI"), args);
        return p;
    }
    int runCli(const QStringList& args, QByteArray* out, QByteArray* err = nullptr, int timeoutMs = 180000) {
        QProcess* p = start(args);
        const bool ok = p->waitForFinished(timeoutMs);
        *out = p->readAllStandardOutput();
        if (err)
            *err = p->readAllStandardError();
        const int code = ok && p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1;
        p->deleteLater();
        return code;
    }
    QStringList sageArgs(const QString& stages) const {
        return {QStringLiteral("build"),
                QStringLiteral("--source"),
                m_source,
                QStringLiteral("--system"),
                QStringLiteral("ubuntu-jammy"),
                QStringLiteral("--stages"),
                stages,
                QStringLiteral("--tag"),
                m_tag};
    }

private Q_SLOTS:
    void initTestCase() {
        SAGEDOCK_REQUIRE_ENGINE();
        QVERIFY2(QFile::exists(qEnvironmentVariable("SAGEDOCK_CLI")), "SAGEDOCK_CLI must name sagedock-cli");
        m_source = m_tmp.filePath(QStringLiteral("sage"));
        QVERIFY(QDir().mkpath(m_source));
        QVERIFY(buildtest::copyFixture(m_source));
        m_tag = QStringLiteral("cli") + QString::number(QRandomGenerator::global()->generate64(), 36);
        QVERIFY(buildtest::writeFile(m_source + QStringLiteral("/build/pkgs/_nonce/distros.txt"),
                                     "debian: nonce-" + m_tag.toUtf8() + "\n"));
        QCOMPARE(
            testsupport::runDocker({QStringLiteral("tag"), testsupport::fixtureImage(QStringLiteral("base")),
                                    QStringLiteral("ubuntu:jammy")}),
            0);
    }
    void cleanupTestCase() {
        for (const QString& ref : m_images)
            testsupport::runDocker({QStringLiteral("rmi"), QStringLiteral("-f"), ref});
    }

    void dryRunPrintsTheExactCommands() {
        QByteArray out;
        QCOMPARE(
            runCli(sageArgs(QStringLiteral("with-system-packages,configured")) << QStringLiteral("--dry-run"),
                   &out),
            0);
        const QStringList lines = QString::fromUtf8(out).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.at(0), QStringLiteral("cd ") + m_source);
        QVERIFY2(lines.at(1).startsWith(QStringLiteral("BUILD_TAG=") + m_tag +
                                        QStringLiteral(" FULL_BASE_IMAGE_AND_TAG=ubuntu:jammy")),
                 qPrintable(lines.at(1)));
        QVERIFY(
            lines.at(1).endsWith(QLatin1String("bash .github/workflows/write-dockerfile.sh debian "
                                               "'--has-file=spkg-configure.m4 :standard:' yes no "
                                               "_bootstrap > .tox/docker-ubuntu-jammy-standard/Dockerfile")));
        QCOMPARE(lines.at(3),
                 QStringLiteral("DOCKER_BUILDKIT=1 /usr/bin/docker build --progress=plain . -f "
                                ".tox/docker-ubuntu-jammy-standard/Dockerfile --target configured --tag "
                                "sage-ubuntu-jammy-standard-configured:") +
                     m_tag +
                     QStringLiteral(" --build-arg TARGETS_PRE=all-sage-local --build-arg TARGETS=build "
                                    "--build-arg TARGETS_OPTIONAL=ptest"));
        QCOMPARE(runCli(sageArgs(QStringLiteral("configured"))
                            << QStringLiteral("--dry-run") << QStringLiteral("--json"),
                        &out),
                 0);
        const auto j = nlohmann::json::parse(out.constData());
        QCOMPARE(j["builder"].get<std::string>(), std::string("buildkit"));
        QCOMPARE(j["commands"].size(), size_t(3));
        QCOMPARE(j["stages"][0]["image"].get<std::string>(),
                 QString(QStringLiteral("sage-ubuntu-jammy-standard-configured:") + m_tag).toStdString());
    }

    void usageErrorsExitTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no system") << QStringList{QStringLiteral("build"), QStringLiteral("--source"),
                                                  QStringLiteral("/tmp")}
                                   << "--system";
        QTest::newRow("bad build-arg")
            << QStringList{QStringLiteral("build"), QStringLiteral("--build-arg"), QStringLiteral("NOVALUE")}
            << "NAME=VALUE";
        QTest::newRow("bad builder mode")
            << QStringList{QStringLiteral("build"), QStringLiteral("--builder-mode"), QStringLiteral("fast")}
            << "legacy, buildkit or buildx";
        QTest::newRow("generic without context")
            << QStringList{QStringLiteral("build"), QStringLiteral("--dockerfile"),
                           QStringLiteral("/tmp/Dockerfile")}
            << "--context";
    }
    void usageErrorsExitTwo() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QByteArray out, err;
        QCOMPARE(runCli(args, &out, &err), 2);
        QVERIFY2(err.contains(message.toUtf8()), err.constData());
    }
    void unknownStageIsAUsageError() {
        QByteArray out, err;
        QCOMPARE(runCli(sageArgs(QStringLiteral("with-everything")), &out, &err), 2);
        QVERIFY2(err.contains("no stage with-everything"), err.constData());
    }

    void buildJsonAndHistory() {
        QByteArray out, err;
        QCOMPARE(
            runCli(sageArgs(QStringLiteral("with-system-packages,bootstrapped")) << QStringLiteral("--json"),
                   &out, &err),
            0);
        m_images << QStringLiteral("sage-ubuntu-jammy-standard-with-system-packages:") + m_tag
                 << QStringLiteral("sage-ubuntu-jammy-standard-bootstrapped:") + m_tag;
        const auto j = nlohmann::json::parse(out.constData());
        QCOMPARE(j["stages"].size(), size_t(2));
        for (const auto& s : j["stages"]) {
            for (const char* key : {"stage", "image", "status", "steps", "cached", "executed",
                                    "first_executed", "duration_s", "image_id"})
                QVERIFY2(s.contains(key), key);
            QCOMPARE(s["status"].get<std::string>(), std::string("built"));
            QVERIFY(s["first_executed"].is_object());
        }
        QVERIFY(QFile::exists(QString::fromStdString(j["log"].get<std::string>())));
        QCOMPARE(runCli({QStringLiteral("builds"), QStringLiteral("--json")}, &out), 0);
        const auto h = nlohmann::json::parse(out.constData());
        QCOMPARE(h.size(), size_t(1));
        QVERIFY(h[0]["id"] == j["id"]);
        QCOMPARE(h[0]["stages"][1]["stage"].get<std::string>(), std::string("bootstrapped"));
        QCOMPARE(runCli({QStringLiteral("builds")}, &out), 0);
        QVERIFY(out.contains(QByteArray("bootstrapped=built")));
    }

    void genericMode() {
        const QString ctx = m_tmp.filePath(QStringLiteral("generic"));
        QVERIFY(buildtest::writeFile(ctx + QStringLiteral("/Dockerfile"),
                                     "FROM ubuntu:jammy AS base\nRUN echo " + m_tag.toUtf8() +
                                         " > /base\nFROM base AS app\nCOPY app.txt /app.txt\n"));
        QVERIFY(buildtest::writeFile(ctx + QStringLiteral("/app.txt"), "v1\n"));
        const QString prefix = QStringLiteral("sagedock-test/generic-") + m_tag;
        QByteArray out, err;
        QCOMPARE(runCli({QStringLiteral("build"), QStringLiteral("--dockerfile"),
                         ctx + QStringLiteral("/Dockerfile"), QStringLiteral("--context"), ctx,
                         QStringLiteral("--stages"), QStringLiteral("base,app"),
                         QStringLiteral("--image-prefix"), prefix, QStringLiteral("--json")},
                        &out, &err),
                 0);
        m_images << prefix + QStringLiteral("-base:latest") << prefix + QStringLiteral("-app:latest");
        const auto j = nlohmann::json::parse(out.constData());
        QCOMPARE(j["stages"].size(), size_t(2));
        QCOMPARE(j["stages"][1]["image"].get<std::string>(),
                 QString(prefix + QStringLiteral("-app:latest")).toStdString());
        QCOMPARE(j["stages"][1]["executed"].get<int>(), 1); // the COPY; base is cached from stage 1
    }

    void sigtermCancels() {
        QStringList args = sageArgs(QStringLiteral("with-targets-pre"));
        args << QStringLiteral("--targets-pre") << QStringLiteral("sleep-302") << QStringLiteral("--json");
        QProcess* p = start(args);
        auto sleeping = [] {
            QProcess pgrep;
            pgrep.start(QStringLiteral("pgrep"), {QStringLiteral("-f"), QStringLiteral("^sleep 302$")});
            pgrep.waitForFinished(5000);
            return pgrep.exitCode() == 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(sleeping(), 120000);
        ::kill(pid_t(p->processId()), SIGTERM);
        QVERIFY(p->waitForFinished(30000));
        QCOMPARE(p->exitCode(), 1);
        const auto j = nlohmann::json::parse(p->readAllStandardOutput().constData());
        QCOMPARE(j["stages"].back()["status"].get<std::string>(), std::string("cancelled"));
        QTRY_VERIFY_WITH_TIMEOUT(!sleeping(), 15000);
    }
};

QTEST_GUILESS_MAIN(TestBuildCli)
#include "tst_buildcli.moc"
