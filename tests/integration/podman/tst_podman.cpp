// SageDock against a real Podman (issue 4): `podman system service` serves the Docker-compatible
// API on a private socket laid out like rootless Podman's (<XDG_RUNTIME_DIR>/podman/podman.sock),
// with a private storage root, run root and tmp dir, so the test never touches other Podman state
// (or Docker's). The fixture sagemath image is copied over with docker save | podman load. Checked
// with our own classes: the client recognises Podman and negotiates the API version, endpoint
// resolution finds and flags the Podman socket, and the Launcher starts a Jupyter session that
// answers through its published port, writes into the notebooks mount, is listed by label (URL
// re-read from Podman's log) and is gone after stop.

#include "../launch/sessionhelpers.h"
#include "engine/endpoint.h"
#include "engine/engineclient.h"
#include "engine/enginejobs.h"
#include "launch/launcher.h"
#include "launch/launchplan.h"
#include "launch/ports.h"
#include "launch/sessionstore.h"
#include "testenvironment.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace sagedock;

class TestPodmanLive : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_podman; // the executable
    QString m_socket;
    QProcess m_service;
    QString m_label;
    std::unique_ptr<engine::Client> m_client;

    QString runtimeDir() const { return m_tmp.filePath(QStringLiteral("xdg")); }

    // Private state for every podman call: storage, run root, libpod tmp dir, events, containers.conf.
    QStringList globalArgs() const {
        return {QStringLiteral("--root"),           m_tmp.filePath(QStringLiteral("storage")),
                QStringLiteral("--runroot"),        m_tmp.filePath(QStringLiteral("run")),
                QStringLiteral("--tmpdir"),         m_tmp.filePath(QStringLiteral("libpod")),
                QStringLiteral("--storage-driver"), QStringLiteral("vfs"), // no overlay mounts to leak
                QStringLiteral("--events-backend"), QStringLiteral("file")};
    }

    void preparePodman(QProcess& process, const QStringList& args) const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // Without it every container fails with "error setting rlimit type 7" here.
        env.insert(QStringLiteral("CONTAINERS_CONF"), m_tmp.filePath(QStringLiteral("containers.conf")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir());
        process.setProcessEnvironment(env);
        process.setProgram(m_podman);
        process.setArguments(globalArgs() + args);
    }

    int runPodman(const QStringList& args, QByteArray* output = nullptr, int timeoutMs = 60000) {
        QProcess process;
        preparePodman(process, args);
        return testsupport::runProcess(process, output, timeoutMs);
    }

    bool socketAnswers() {
        http::Request ping;
        ping.url = QUrl(QStringLiteral("http://localhost/_ping"));
        ping.unixSocket = m_socket;
        ping.totalTimeoutMs = 2000;
        return testsupport::fetch(ping, 3000).status == 200;
    }

    // docker save IMAGE... | podman load, as two processes joined by a pipe (no shell).
    bool copyImagesFromDocker(const QStringList& images, QString* why) {
        QProcess save, load;
        save.setStandardOutputProcess(&load);
        save.setProgram(QStringLiteral("docker"));
        save.setArguments(QStringList{QStringLiteral("save")} + images);
        preparePodman(load, {QStringLiteral("load")});
        load.setProcessChannelMode(QProcess::MergedChannels);
        load.start();
        save.start();
        const bool finished = save.waitForFinished(60000) && load.waitForFinished(60000);
        if (!finished) {
            save.kill();
            load.kill();
            save.waitForFinished(2000);
            load.waitForFinished(2000);
        }
        const bool ok = finished && save.exitStatus() == QProcess::NormalExit && save.exitCode() == 0 &&
                        load.exitStatus() == QProcess::NormalExit && load.exitCode() == 0;
        if (!ok)
            *why = QStringLiteral("docker save %1 | podman load failed: %2 %3")
                       .arg(images.join(QLatin1Char(' ')), QString::fromUtf8(save.readAllStandardError()),
                            QString::fromUtf8(load.readAll()));
        return ok;
    }

    QString podmanVersion() {
        QByteArray out;
        if (runPodman({QStringLiteral("--version")}, &out) != 0)
            return {};
        // "podman version 4.3.1"
        return QRegularExpression(QStringLiteral("(\\d+\\.\\d+\\.\\d+)"))
            .match(QString::fromUtf8(out))
            .captured(1);
    }

    launch::LaunchOptions options(const QString& fixture, const QString& folderName) const {
        launch::LaunchOptions o;
        o.image = testsupport::fixtureImage(fixture);
        o.notebooksFolder = m_tmp.filePath(folderName);
        o.extraLabels.insert(QStringLiteral("org.sagedock.test"), m_label);
        o.readyTimeoutMs = 30000;
        o.pullIfMissing = false; // the images were loaded; a pull would hide a lookup problem
        return o;
    }

    engine::EndpointInputs inputsWithoutDocker() const {
        engine::EndpointInputs in;
        in.home = m_tmp.filePath(QStringLiteral("home")); // no ~/.docker/config.json
        in.env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir());
        // As on a machine with only Podman: the Docker sockets are not there.
        in.socketExists = [](const QString& path) {
            return !path.contains(QLatin1String("docker.sock")) && QFileInfo::exists(path);
        };
        return in;
    }

private Q_SLOTS:
    void initTestCase() {
        m_podman = QStandardPaths::findExecutable(QStringLiteral("podman"));
        QVERIFY2(!m_podman.isEmpty(), "podman is not installed: apt-get install -y podman "
                                      "(it is listed in packaging/deps-test.txt)");
        SAGEDOCK_REQUIRE_ENGINE(); // Docker holds the fixture images
        QVERIFY(m_tmp.isValid());
        m_label = QStringLiteral("podman-%1").arg(QCoreApplication::applicationPid());
        QVERIFY(QDir().mkpath(runtimeDir() + QStringLiteral("/podman")));
        QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("home"))));
        QFile conf(m_tmp.filePath(QStringLiteral("containers.conf")));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("[containers]\ndefault_ulimits = []\n");
        conf.close();

        m_socket = runtimeDir() + QStringLiteral("/podman/podman.sock");
        preparePodman(m_service, {QStringLiteral("system"), QStringLiteral("service"),
                                  QStringLiteral("--time=0"), QStringLiteral("unix://") + m_socket});
        m_service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_service.start();
        QVERIFY2(m_service.waitForStarted(10000), qPrintable(m_service.errorString()));
        QTRY_VERIFY2_WITH_TIMEOUT(m_service.state() == QProcess::Running && socketAnswers(),
                                  "podman system service did not answer /_ping on its socket", 20000);

        QString why;
        QStringList images;
        for (const char* fixture : {"sagemath", "sagemath-dev", "stage-with-targets", "stage-configured"})
            images << testsupport::fixtureImage(QString::fromLatin1(fixture));
        QVERIFY2(copyImagesFromDocker(images, &why), qPrintable(why));

        auto ep = engine::parseHost(QStringLiteral("unix://") + m_socket);
        QVERIFY2(ep.ok(), qPrintable(ep.error().toString()));
        m_client = std::make_unique<engine::Client>(ep.value());
    }

    void cleanupTestCase() {
        if (m_service.state() == QProcess::Running) {
            // The storage is private: everything in it is this test's.
            QByteArray out;
            QVERIFY2(runPodman({QStringLiteral("rm"), QStringLiteral("--all"), QStringLiteral("--force"),
                                QStringLiteral("--time"), QStringLiteral("0")},
                               &out) == 0,
                     out.constData());
            m_service.terminate();
            if (!m_service.waitForFinished(15000)) {
                m_service.kill();
                m_service.waitForFinished(5000);
            }
        }
        QCOMPARE(m_service.state(), QProcess::NotRunning);
        // Nothing of ours still mounted (container shm, storage): the temporary dir can go.
        QFile mounts(QStringLiteral("/proc/mounts"));
        QVERIFY(mounts.open(QIODevice::ReadOnly));
        const QByteArray table = mounts.readAll();
        QVERIFY2(!table.contains(QFile::encodeName(m_tmp.path())), table.constData());
    }

    void pingRecognisesPodman() {
        const auto ping = testsupport::awaitResult<engine::PingInfo>(
            [&](QObject* context, auto done) { m_client->ping(context, done); });
        QVERIFY2(ping.ok(), qPrintable(ping.error().toString()));
        const engine::PingInfo& info = ping.value();
        QVERIFY(info.podman);
        QVERIFY(m_client->isPodman());
        const QString version = podmanVersion();
        QVERIFY(!version.isEmpty());
        QCOMPARE(info.libpodVersion, version);
        QVERIFY2(info.server.startsWith(QLatin1String("Libpod/")), qPrintable(info.server));
        // Negotiated from what this Podman offers (1.41 for 4.x), not fixed to either side.
        QVERIFY(!info.apiVersion.isEmpty());
        QVERIFY(info.apiVersion != QLatin1String(engine::Client::kMaxApiVersion));
        QCOMPARE(info.negotiatedVersion,
                 engine::minApiVersion(QString::fromLatin1(engine::Client::kMaxApiVersion), info.apiVersion));
        QCOMPARE(info.negotiatedVersion, info.apiVersion);
        QCOMPARE(m_client->apiVersion(), info.negotiatedVersion);

        const auto engineInfo = testsupport::awaitResult<engine::EngineInfo>(
            [&](QObject* context, auto done) { m_client->version(context, done); });
        QVERIFY2(engineInfo.ok(), qPrintable(engineInfo.error().toString()));
        QCOMPARE(engineInfo->product, QStringLiteral("Podman"));
        QCOMPARE(engineInfo->version, version);
        QCOMPARE(engineInfo->apiVersion, info.negotiatedVersion);
        QCOMPARE(engineInfo->os, QStringLiteral("linux"));
    }

    // The rootless socket's well-known place, found the way the app looks for an engine: as the
    // fallback candidate when no Docker socket exists, or named by DOCKER_HOST or the setting.
    void socketPathIsRecognised_data() {
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("source");
        QTest::newRow("rootless candidate") << "candidate"
                                            << "candidate";
        QTest::newRow("DOCKER_HOST") << "DOCKER_HOST"
                                     << "DOCKER_HOST";
        QTest::newRow("setting") << "setting"
                                 << "setting";
    }

    void socketPathIsRecognised() {
        QFETCH(QString, how);
        engine::EndpointInputs in = inputsWithoutDocker();
        QCOMPARE(engine::candidateSockets(in),
                 (QStringList{QStringLiteral("/var/run/docker.sock"),
                              runtimeDir() + QStringLiteral("/docker.sock"),
                              QStringLiteral("/run/podman/podman.sock"), m_socket}));
        if (how == QLatin1String("DOCKER_HOST"))
            in.env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + m_socket);
        else if (how == QLatin1String("setting"))
            in.setting = QStringLiteral("unix://") + m_socket;
        const auto ep = engine::resolveEndpoint(in);
        QVERIFY2(ep.ok(), qPrintable(ep.error().toString()));
        QTEST(ep->source, "source");
        QCOMPARE(ep->socketPath, m_socket);
        QVERIFY(ep->isPodmanSocket);

        engine::Client client(ep.value());
        const auto ping = testsupport::awaitResult<engine::PingInfo>(
            [&](QObject* context, auto done) { client.ping(context, done); });
        QVERIFY2(ping.ok(), qPrintable(ping.error().toString()));
        QVERIFY(ping->podman);
    }

    // Podman names a loaded image localhost/<name>; the short name must still find it, and its
    // config (as Podman reports it) must still decide the flavor.
    void imageConfigAsPodmanReportsIt() {
        const auto image = testsupport::awaitResult<engine::ImageDetails>([&](QObject* context, auto done) {
            m_client->inspectImage(testsupport::fixtureImage(QStringLiteral("sagemath")), context, done);
        });
        QVERIFY2(image.ok(), qPrintable(image.error().toString()));
        QCOMPARE(image->user, QStringLiteral("sage"));
        QCOMPARE(image->workingDir, QStringLiteral("/home/sage"));
        QCOMPARE(image->envValue(QStringLiteral("HOME")), QStringLiteral("/home/sage"));
        const auto flavor = launch::detectFlavor(image.value());
        QVERIFY2(flavor.ok(), qPrintable(flavor.error().toString()));
        QCOMPARE(flavor.value(), launch::Flavor::SageMath);

        // Podman 4.3 answers `digests=1` with an empty body; the listing must not depend on it.
        const auto images =
            testsupport::awaitResult<QList<engine::ImageSummary>>([&](QObject* context, auto done) {
                m_client->listImages(QStringLiteral("sagedock-fixture/sagemath"), context, done);
            });
        QVERIFY2(images.ok(), qPrintable(images.error().toString()));
        QCOMPARE(images->size(), 1);
        QCOMPARE(images->first().repoTags,
                 QStringList{QStringLiteral("localhost/sagedock-fixture/sagemath:latest")});
    }

    // Each flavor, decided from the image config as Podman reports it; stage images are first
    // probed for /sage/sage with a short-lived container (start, wait "not-running", exit code).
    void launchEachFlavor_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("flavor");
        QTest::addColumn<QString>("containerNotebooks");
        QTest::newRow("sagemath") << "sagemath"
                                  << "sagemath"
                                  << "/home/sage/notebooks";
        QTest::newRow("sagemath-dev") << "sagemath-dev"
                                      << "sagemath-dev"
                                      << "/home/sage/notebooks";
        QTest::newRow("stage with-targets") << "stage-with-targets"
                                            << "stage"
                                            << "/root/notebooks";
    }

    void launchEachFlavor() {
        QFETCH(QString, fixture);
        QFETCH(QString, flavor);
        const launch::LaunchOptions o = options(fixture, QStringLiteral("nb-") + fixture);
        // The engine's event stream (Podman's compat /events) tells a watching store about it.
        launch::SessionStore watcher(m_client.get());
        watcher.setLabelFilter({QStringLiteral("org.sagedock.test=") + m_label});
        QSignalSpy changed(&watcher, &launch::SessionStore::sessionsChanged);
        watcher.watch();
        launch::Launcher job(m_client.get(), o);
        QSignalSpy states(&job, &launch::Launcher::stateChanged);
        const util::Error e = testsupport::runLauncher(job);
        QVERIFY2(!e,
                 qPrintable(e.toString() + QLatin1Char('\n') + job.lastLogLines().join(QLatin1Char('\n'))));
        QCOMPARE(states.last().first().value<launch::Launcher::State>(), launch::Launcher::State::Ready);
        const launch::Session s = job.session();
        QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty() && !watcher.sessions().isEmpty(), 10000);
        QCOMPARE(watcher.sessions().first().id, s.id);
        QCOMPARE(s.flavor, flavor);
        QTEST(s.containerNotebooks, "containerNotebooks");
        QVERIFY(s.port >= 8888);
        QCOMPARE(s.url.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(s.url.port(), s.port);
        QVERIFY(s.url.query().startsWith(QLatin1String("token=")));

        // Jupyter answers through the port Podman published on 127.0.0.1.
        http::Request api;
        api.url = QUrl(QStringLiteral("http://127.0.0.1:%1/api").arg(s.port));
        const http::Response resp = testsupport::fetch(api);
        QCOMPARE(resp.status, 200);
        QVERIFY(resp.body.contains("version"));

        // The container's user writes a notebook into the mount.
        QByteArray out;
        QVERIFY2(runPodman({QStringLiteral("exec"), s.id, QStringLiteral("sh"), QStringLiteral("-c"),
                            QStringLiteral("echo 'x = 1' > %1/kept.sage").arg(s.containerNotebooks)},
                           &out) == 0,
                 out.constData());

        // Found again by label alone, its URL (token) re-read from Podman's log.
        const QStringList byLabel{QStringLiteral("org.sagedock.test=") + m_label};
        const QList<launch::Session> listed = testsupport::listSessions(m_client.get(), byLabel);
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first().id, s.id);
        QCOMPARE(listed.first().flavor, flavor);
        QCOMPARE(listed.first().port, s.port);
        QCOMPARE(listed.first().notebooks, o.notebooksFolder);
        QCOMPARE(listed.first().url, s.url);
        QVERIFY(listed.first().isRunning());
        QVERIFY(
            testsupport::listSessions(m_client.get(), {QStringLiteral("org.sagedock.test=other")}).isEmpty());

        // Keep on stop: stopped but listed; then stop removes it.
        QCOMPARE(testsupport::stopSession(m_client.get(), s.id, true).code, util::ErrorCode::None);
        const QList<launch::Session> stopped = testsupport::listSessions(m_client.get(), byLabel);
        QCOMPARE(stopped.size(), 1);
        QVERIFY(!stopped.first().isRunning());
        QCOMPARE(testsupport::stopSession(m_client.get(), s.id).code, util::ErrorCode::None);
        QVERIFY(!testsupport::containerExists(m_client.get(), s.id));
        QVERIFY(testsupport::listSessions(m_client.get(), byLabel).isEmpty());

        QFile kept(QDir(o.notebooksFolder).filePath(QStringLiteral("kept.sage")));
        QVERIFY2(kept.open(QIODevice::ReadOnly), qPrintable(kept.fileName()));
        QCOMPARE(kept.readAll(), QByteArray("x = 1\n"));
        QVERIFY(QFileInfo(kept.fileName()).isWritable());
    }

    // An early stage has no Sage: the probe (exit code through Podman's wait) makes it a shell.
    void earlyStageIsShellOnly() {
        launch::Launcher job(m_client.get(),
                             options(QStringLiteral("stage-configured"), QStringLiteral("nb-early")));
        const util::Error e = testsupport::runLauncher(job);
        QVERIFY2(!e, qPrintable(e.toString()));
        QVERIFY(job.session().isShell());
        QVERIFY2(job.session().reason.contains(QLatin1String("with-targets")),
                 qPrintable(job.session().reason));
        QByteArray out;
        QCOMPARE(runPodman({QStringLiteral("exec"), job.session().id, QStringLiteral("cat"),
                            QStringLiteral("/sage/config.status")},
                           &out),
                 0);
        QVERIFY(out.contains("configure"));
        QCOMPARE(testsupport::stopSession(m_client.get(), job.session().id).code, util::ErrorCode::None);
    }

    // Jupyter exits before it is ready: the error carries the log as Podman kept it, and the
    // failed container is removed.
    void exitBeforeReadyShowsLog() {
        launch::LaunchOptions o = options(QStringLiteral("sagemath"), QStringLiteral("nb-exit"));
        o.command = {QStringLiteral("echo"), QStringLiteral("no python3 here"), QStringLiteral(";"),
                     QStringLiteral("exit"), QStringLiteral("3")};
        launch::Launcher job(m_client.get(), o);
        const util::Error e = testsupport::runLauncher(job);
        QCOMPARE(e.code, util::ErrorCode::Process);
        QVERIFY2(e.message.contains(QLatin1String("no python3 here")), qPrintable(e.message));
        QTRY_VERIFY_WITH_TIMEOUT(
            testsupport::listSessions(m_client.get(), {QStringLiteral("org.sagedock.test=") + m_label})
                .isEmpty(),
            15000);
    }

    // Podman's multiplexed log stream: stdout and stderr apart, in order.
    void followLogsDemuxesPodmanStream() {
        launch::Launcher job(m_client.get(), options(QStringLiteral("sagemath"), QStringLiteral("nb-logs")));
        const util::Error e = testsupport::runLauncher(job);
        QVERIFY2(!e, qPrintable(e.toString()));
        QCOMPARE(
            runPodman({QStringLiteral("exec"), job.session().id, QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("for i in 1 2 3; do echo out$i > /proc/1/fd/1; echo err$i > "
                                      "/proc/1/fd/2; done")}),
            0);
        const QString demuxProblem = testsupport::checkFollowedLogsDemux(m_client.get(), job.session().id);
        QVERIFY2(demuxProblem.isEmpty(), qPrintable(demuxProblem));
        QCOMPARE(testsupport::stopSession(m_client.get(), job.session().id).code, util::ErrorCode::None);
    }

    // The port is taken between the free-port check and Podman's bind (the injected probe calls it
    // free): Podman's answer must read as "port in use" so that the Launcher moves on.
    void portTakenAfterCheckMovesOn_data() {
        QTest::addColumn<bool>("byContainer");
        QTest::newRow("another container publishes it") << true;
        QTest::newRow("a host process listens on it") << false;
    }

    void portTakenAfterCheckMovesOn() {
        QFETCH(bool, byContainer);
        const int taken = launch::findFreePort(QStringLiteral("127.0.0.1"), 18950);
        QVERIFY(taken > 0);
        QTcpServer listener;
        QString squatter;
        if (byContainer) {
            QByteArray out;
            QVERIFY2(runPodman({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("-p"),
                                QStringLiteral("127.0.0.1:%1:8888").arg(taken),
                                QStringLiteral("--entrypoint"), QStringLiteral("sleep"),
                                testsupport::fixtureImage(QStringLiteral("sagemath")), QStringLiteral("300")},
                               &out) == 0,
                     out.constData());
            squatter = QString::fromUtf8(out).trimmed().section(QLatin1Char('\n'), -1);
        } else {
            QVERIFY(listener.listen(QHostAddress::LocalHost, quint16(taken)));
        }
        QVERIFY2(!launch::isPortFree(QStringLiteral("127.0.0.1"), taken), "the port must really be taken");
        launch::LaunchOptions o = options(QStringLiteral("sagemath"), QStringLiteral("nb-race"));
        o.preferredPort = taken;
        o.portProbe = [taken](const QString& address, int port) {
            return port == taken || launch::isPortFree(address, port);
        };
        launch::Launcher job(m_client.get(), o);
        QSignalSpy retries(&job, &launch::Launcher::portTaken);
        const util::Error e = testsupport::runLauncher(job);
        QVERIFY2(!e, qPrintable(e.toString()));
        QCOMPARE(retries.size(), 1);
        QCOMPARE(retries.first().first().toInt(), taken);
        const auto why = retries.first().at(1).value<util::Error>();
        QCOMPARE(why.code, util::ErrorCode::Conflict);
        QVERIFY2(why.message.contains(QLatin1String("already in use")), qPrintable(why.message));
        const launch::Session s = job.session();
        QVERIFY(s.port > taken);
        http::Request api;
        api.url = QUrl(QStringLiteral("http://127.0.0.1:%1/api").arg(s.port));
        QCOMPARE(testsupport::fetch(api).status, 200);
        // Only the session is left: the refused attempt's container is gone.
        QCOMPARE(testsupport::listSessions(m_client.get(), {QStringLiteral("org.sagedock.test=") + m_label})
                     .size(),
                 1);
        QCOMPARE(testsupport::stopSession(m_client.get(), s.id).code, util::ErrorCode::None);
        if (!squatter.isEmpty())
            QCOMPARE(runPodman({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("-t"),
                                QStringLiteral("0"), squatter}),
                     0);
    }
};

QTEST_GUILESS_MAIN(TestPodmanLive)
#include "tst_podman.moc"
