// Launching Sage sessions against the real engine and the real registry, with the fixture images:
// every flavor answers GET /api through its published port, notebooks survive the container and
// stay editable by the host user, a busy port moves to the next one, a registry-only image is
// pulled with progress, an unreachable engine gives a clear error, sessions are found again after
// an "app restart", stop leaves nothing behind. Every container carries this process's test label.

#include "engine/engineclient.h"
#include "engine/enginejobs.h"
#include "launch/launcher.h"
#include "launch/ports.h"
#include "launch/sessionstore.h"
#include "registryonlyimage.h"
#include "sessionhelpers.h"
#include "testenvironment.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <unistd.h>

using namespace sagedock;
using launch::Launcher;

class TestLaunch : public QObject {
    Q_OBJECT
    QString m_label;
    engine::Endpoint m_endpoint;
    std::unique_ptr<engine::Client> m_client;
    QTemporaryDir m_tmp;
    QStringList m_pulledImages;

    launch::LaunchOptions options(const QString& fixture, const QString& folderName) {
        launch::LaunchOptions o;
        o.image = testsupport::fixtureImage(fixture);
        o.notebooksFolder = m_tmp.filePath(folderName);
        o.extraLabels.insert(QStringLiteral("org.sagedock.test"), m_label);
        o.readyTimeoutMs = 30000;
        return o;
    }

    // Runs a launcher to its end; returns the error (null when ready).
    util::Error run(Launcher& job, int timeoutMs = 60000) { return testsupport::runLauncher(job, timeoutMs); }

    util::Error stop(const QString& id, bool keep = false) {
        return testsupport::stopSession(m_client.get(), id, keep);
    }

    bool containerExists(const QString& id) { return testsupport::containerExists(m_client.get(), id); }

    QList<launch::Session> listSessions(engine::Client* client) {
        return testsupport::listSessions(client, {QStringLiteral("org.sagedock.test=") + m_label});
    }

private Q_SLOTS:
    void initTestCase() {
        SAGEDOCK_REQUIRE_ENGINE();
        QVERIFY(m_tmp.isValid());
        m_label = QStringLiteral("launch-%1").arg(QCoreApplication::applicationPid());
        auto ep = engine::parseHost(QStringLiteral("unix://") + testsupport::dockerSocket());
        QVERIFY(ep.ok());
        m_endpoint = ep.value();
        m_client = std::make_unique<engine::Client>(m_endpoint);
    }

    void cleanupTestCase() {
        if (!m_client)
            return;
        // Whatever a failed test left behind: containers with our label, images we pulled.
        testsupport::removeTestContainers(m_label);
        for (const QString& image : m_pulledImages)
            testsupport::runDocker({QStringLiteral("rmi"), QStringLiteral("-f"), image});
    }

    void cleanup() {
        // A failed test must not leak its containers into the next one.
        testsupport::removeTestContainers(m_label);
    }

    void pingNegotiatesVersion() {
        bool done = false;
        engine::PingInfo info;
        m_client->ping(this, [&](util::Result<engine::PingInfo> r) {
            QVERIFY2(r.ok(), qPrintable(r.error().toString()));
            info = r.value();
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY(!info.apiVersion.isEmpty());
        QCOMPARE(info.negotiatedVersion,
                 engine::minApiVersion(QString::fromLatin1(engine::Client::kMaxApiVersion), info.apiVersion));
        QCOMPARE(m_client->apiVersion(), info.negotiatedVersion);
        QVERIFY(!info.podman);

        done = false;
        engine::EngineInfo version;
        m_client->version(this, [&](util::Result<engine::EngineInfo> r) {
            QVERIFY2(r.ok(), qPrintable(r.error().toString()));
            version = r.value();
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(version.product, QStringLiteral("Docker"));
        QVERIFY(!version.version.isEmpty());
        QCOMPARE(version.os, QStringLiteral("linux"));
        QCOMPARE(version.apiVersion, info.negotiatedVersion);
    }

    void imagesInspectAndList() {
        bool done = false;
        engine::ImageDetails d;
        m_client->inspectImage(testsupport::fixtureImage(QStringLiteral("sagemath-dev")), this,
                               [&](util::Result<engine::ImageDetails> r) {
                                   QVERIFY2(r.ok(), qPrintable(r.error().toString()));
                                   d = r.value();
                                   done = true;
                               });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(d.workingDir, QStringLiteral("/home/sage/sage"));
        QVERIFY(d.entrypoint.isEmpty());
        QCOMPARE(d.envValue(QStringLiteral("HOME")), QStringLiteral("/home/sage"));

        done = false;
        QList<engine::ImageSummary> images;
        m_client->listImages(QStringLiteral("sagedock-fixture/stage-*"), this,
                             [&](util::Result<QList<engine::ImageSummary>> r) {
                                 QVERIFY2(r.ok(), qPrintable(r.error().toString()));
                                 images = r.value();
                                 done = true;
                             });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(images.size(), 7);

        done = false;
        util::Error missing;
        m_client->inspectImage(QStringLiteral("sagedock-fixture/does-not-exist:1"), this,
                               [&](util::Result<engine::ImageDetails> r) {
                                   missing = r.ok() ? util::Error{} : r.error();
                                   done = true;
                               });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(missing.code, util::ErrorCode::NotFound);
    }

    void eachFlavor_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("flavor");
        QTest::addColumn<QString>("containerNotebooks");
        QTest::addColumn<int>("hostUid"); // -1 = this process's
        QTest::newRow("sagemath") << "sagemath"
                                  << "sagemath"
                                  << "/home/sage/notebooks" << -1;
        // A host user (uid 1234) whose uid differs from the image user's (4321).
        QTest::newRow("sagemath uid mismatch") << "sagemath-uid4321"
                                               << "sagemath"
                                               << "/home/sage/notebooks" << 1234;
        QTest::newRow("sagemath-dev") << "sagemath-dev"
                                      << "sagemath-dev"
                                      << "/home/sage/notebooks" << -1;
        QTest::newRow("stage with-targets") << "stage-with-targets"
                                            << "stage"
                                            << "/root/notebooks" << -1;
    }

    void eachFlavor() {
        QFETCH(QString, fixture);
        QFETCH(int, hostUid);
        launch::LaunchOptions o = options(fixture, QStringLiteral("nb-") + fixture);
        if (hostUid >= 0) {
            // The folder belongs to that host user, as if they had created it.
            QVERIFY(QDir().mkpath(o.notebooksFolder));
            QCOMPARE(
                ::chown(QFile::encodeName(o.notebooksFolder).constData(), uid_t(hostUid), gid_t(hostUid)), 0);
            o.hostUid = uint(hostUid);
            o.hostGid = uint(hostUid);
        }
        Launcher job(m_client.get(), o);
        QSignalSpy lines(&job, &Launcher::logLine);
        QSignalSpy states(&job, &Launcher::stateChanged);
        const util::Error e = run(job);
        QVERIFY2(!e, qPrintable(e.toString()));
        const launch::Session s = job.session();
        QTEST(s.flavor, "flavor");
        QTEST(s.containerNotebooks, "containerNotebooks");
        QVERIFY(s.port >= 8888);
        QCOMPARE(s.url.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(s.url.port(), s.port);
        QVERIFY(s.url.query().startsWith(QLatin1String("token=")));
        QCOMPARE(states.last().first().value<Launcher::State>(), Launcher::State::Ready);
        bool sawBanner = false;
        for (const auto& l : lines)
            sawBanner |= l.first().toString().contains(QLatin1String("is running at"));
        QVERIFY(sawBanner);

        // The URL answers through the published port.
        http::Request api;
        api.url = QUrl(QStringLiteral("http://127.0.0.1:%1/api").arg(s.port));
        const http::Response resp = testsupport::fetch(api);
        QCOMPARE(resp.status, 200);
        QVERIFY(resp.body.contains("version"));

        // Jupyter's user writes a notebook into the mount.
        QByteArray out;
        QCOMPARE(testsupport::runDocker(
                     {QStringLiteral("exec"), s.id, QStringLiteral("sh"), QStringLiteral("-c"),
                      QStringLiteral("echo 'x = 1' > %1/kept.sage && id -u").arg(s.containerNotebooks)},
                     &out),
                 0);
        QVERIFY(stop(s.id).code == util::ErrorCode::None);
        QVERIFY(!containerExists(s.id));

        const QString kept = QDir(o.notebooksFolder).filePath(QStringLiteral("kept.sage"));
        QFile file(kept);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(kept));
        QCOMPARE(file.readAll(), QByteArray("x = 1\n"));
        if (hostUid >= 0) {
            // Owned by the host user: they can edit it without sudo.
            QCOMPARE(int(QFileInfo(kept).ownerId()), hostUid);
            QCOMPARE(QString::fromUtf8(out).trimmed().toInt(), hostUid);
            QVERIFY(QFileInfo(kept).permissions() & QFileDevice::WriteUser);
        } else {
            QVERIFY(QFileInfo(kept).isWritable());
        }
    }

    void busyPortMovesOn() {
        const int first = launch::findFreePort(QStringLiteral("127.0.0.1"), 8888);
        QVERIFY(first > 0);
        QTcpServer squatter; // something else on the host owns the preferred port
        QVERIFY(squatter.listen(QHostAddress::LocalHost, quint16(first)));
        launch::LaunchOptions o = options(QStringLiteral("sagemath"), QStringLiteral("nb-port"));
        o.preferredPort = first;
        Launcher job(m_client.get(), o);
        const util::Error e = run(job);
        QVERIFY2(!e, qPrintable(e.toString()));
        QVERIFY(job.session().port > first);
        QVERIFY(stop(job.session().id).code == util::ErrorCode::None);
    }

    // The race the free-port check cannot close: the port is taken between the check and the
    // engine's bind. The injected probe calls the taken port free (LaunchOptions::portProbe), so the
    // first start fails as it would after losing the race, and the Launcher must move on.
    void portTakenAfterCheck_data() {
        QTest::addColumn<bool>("byContainer");
        // What our error says: the engine's "Bind for 127.0.0.1:P failed: port is already
        // allocated" names the address, docker-proxy's "bind: address already in use" does not.
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("another container publishes it")
            << true << "The host port 127.0.0.1:%1 is already in use.";
        QTest::newRow("a host process listens on it") << false << "The host port is already in use.";
    }

    void portTakenAfterCheck() {
        QFETCH(bool, byContainer);
        QFETCH(QString, messagePart);
        const int taken = launch::findFreePort(QStringLiteral("127.0.0.1"), 18900);
        QVERIFY(taken > 0);
        QTcpServer listener;
        QString squatter;
        if (byContainer) {
            QByteArray out;
            QCOMPARE(testsupport::runDocker(
                         {QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--label"),
                          QStringLiteral("org.sagedock.test=") + m_label, QStringLiteral("-p"),
                          QStringLiteral("127.0.0.1:%1:8888").arg(taken), QStringLiteral("--entrypoint"),
                          QStringLiteral("sleep"), testsupport::fixtureImage(QStringLiteral("sagemath")),
                          QStringLiteral("300")},
                         &out),
                     0);
            squatter = QString::fromUtf8(out).trimmed();
        } else {
            QVERIFY(listener.listen(QHostAddress::LocalHost, quint16(taken)));
        }
        QVERIFY2(!launch::isPortFree(QStringLiteral("127.0.0.1"), taken), "the port must really be taken");

        launch::LaunchOptions o = options(QStringLiteral("sagemath"), QStringLiteral("nb-race"));
        o.preferredPort = taken;
        // Earlier tests' sessions carry the same test label: this row's creates get their own.
        const QString rowLabel = QStringLiteral("org.sagedock.test.row");
        const QString rowValue = QStringLiteral("race-%1").arg(int(byContainer));
        o.extraLabels.insert(rowLabel, rowValue);
        QList<int> probed;
        o.portProbe = [&](const QString& address, int port) {
            probed << port;
            return port == taken || launch::isPortFree(address, port);
        };
        const QString since = QString::number(QDateTime::currentSecsSinceEpoch() - 1);
        Launcher job(m_client.get(), o);
        QSignalSpy retries(&job, &Launcher::portTaken);
        const util::Error e = run(job);
        QVERIFY2(!e, qPrintable(e.toString()));
        QCOMPARE(retries.size(), 1);
        QCOMPARE(retries.first().first().toInt(), taken);
        const auto why = retries.first().at(1).value<util::Error>();
        QCOMPARE(why.code, util::ErrorCode::Conflict);
        QCOMPARE(why.message,
                 messagePart.contains(QLatin1String("%1")) ? messagePart.arg(taken) : messagePart);
        const launch::Session s = job.session();
        QVERIFY2(s.port > taken, qPrintable(QString::number(s.port)));
        QCOMPARE(probed.first(), taken);
        QVERIFY(probed.contains(s.port));
        QCOMPARE(s.url.port(), s.port);
        http::Request api;
        api.url = QUrl(QStringLiteral("http://127.0.0.1:%1/api").arg(s.port));
        QCOMPARE(testsupport::fetch(api).status, 200);

        // The engine really refused the first attempt: its create is in the event history, it never
        // started, and that container is gone.
        QByteArray created;
        QCOMPARE(testsupport::runDocker(
                     {QStringLiteral("events"), QStringLiteral("--since"), since, QStringLiteral("--until"),
                      QString::number(QDateTime::currentSecsSinceEpoch() + 1), QStringLiteral("--filter"),
                      QStringLiteral("event=create"), QStringLiteral("--filter"),
                      QStringLiteral("label=org.sagedock.session"), QStringLiteral("--filter"),
                      QStringLiteral("label=org.sagedock.test=") + m_label, QStringLiteral("--filter"),
                      QStringLiteral("label=%1=%2").arg(rowLabel, rowValue), QStringLiteral("--format"),
                      QStringLiteral("{{.ID}}")},
                     &created),
                 0);
        const QStringList creates = QString::fromUtf8(created).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(creates.size(), 2);
        QCOMPARE(creates.last(), s.id);
        QVERIFY2(!containerExists(creates.first()), "the failed attempt's container was not removed");
        QByteArray startLog;
        QCOMPARE(testsupport::runDocker(
                     {QStringLiteral("events"), QStringLiteral("--since"), since, QStringLiteral("--until"),
                      QString::number(QDateTime::currentSecsSinceEpoch() + 1), QStringLiteral("--filter"),
                      QStringLiteral("container=") + creates.first(), QStringLiteral("--format"),
                      QStringLiteral("{{.Action}}")},
                     &startLog),
                 0);
        QVERIFY2(startLog.contains("destroy"), startLog.constData());
        QVERIFY2(!startLog.contains("\nstart"), startLog.constData()); // it never ran

        // No stray container: only the session (and the squatter) carry this test's label.
        QByteArray ids;
        testsupport::runDocker({QStringLiteral("ps"), QStringLiteral("-aq"), QStringLiteral("--no-trunc"),
                                QStringLiteral("--filter"),
                                QStringLiteral("label=org.sagedock.test=") + m_label},
                               &ids);
        QStringList expected{s.id};
        if (!squatter.isEmpty())
            expected << squatter;
        QStringList listed = QString::fromUtf8(ids).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        listed.sort();
        expected.sort();
        QCOMPARE(listed, expected);

        QVERIFY(stop(s.id).code == util::ErrorCode::None);
        if (!squatter.isEmpty())
            QCOMPARE(testsupport::runDocker({QStringLiteral("rm"), QStringLiteral("-f"), squatter}), 0);
    }

    void explicitBusyPortFails() {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        launch::LaunchOptions o = options(QStringLiteral("sagemath"), QStringLiteral("nb-port2"));
        o.port = squatter.serverPort();
        Launcher job(m_client.get(), o);
        const util::Error e = run(job);
        QCOMPARE(e.code, util::ErrorCode::Conflict);
        QVERIFY2(e.message.contains(QString::number(o.port)) || e.message.contains(QLatin1String("port")),
                 qPrintable(e.message));
        QTRY_VERIFY_WITH_TIMEOUT(listSessions(m_client.get()).isEmpty(),
                                 15000); // the failed container was removed
    }

    void earlyStageIsShellOnly() {
        Launcher job(m_client.get(), options(QStringLiteral("stage-configured"), QStringLiteral("nb-early")));
        const util::Error e = run(job);
        QVERIFY2(!e, qPrintable(e.toString()));
        QVERIFY(job.session().isShell());
        QVERIFY(job.session().reason.contains(QLatin1String("with-targets")));
        QByteArray out;
        QCOMPARE(testsupport::runDocker({QStringLiteral("exec"), job.session().id, QStringLiteral("cat"),
                                         QStringLiteral("/sage/config.status")},
                                        &out),
                 0);
        QVERIFY(out.contains("configure"));
        QVERIFY(stop(job.session().id).code == util::ErrorCode::None);
    }

    void readinessTimeoutShowsLog() {
        launch::LaunchOptions o = options(QStringLiteral("sagemath"), QStringLiteral("nb-slow"));
        o.extraEnv << QStringLiteral("FIXTURE_JUPYTER_DELAY=30");
        o.readyTimeoutMs = 1500;
        Launcher job(m_client.get(), o);
        const util::Error e = run(job);
        QCOMPARE(e.code, util::ErrorCode::Timeout);
        QVERIFY(e.message.contains(QLatin1String("did not get ready")));
        QTRY_VERIFY_WITH_TIMEOUT(listSessions(m_client.get()).isEmpty(), 15000);
    }

    void exitBeforeReadyShowsLog() {
        launch::LaunchOptions o = options(QStringLiteral("sagemath"), QStringLiteral("nb-exit"));
        o.command = {QStringLiteral("echo"), QStringLiteral("no python3 here"), QStringLiteral(";"),
                     QStringLiteral("exit"), QStringLiteral("3")};
        Launcher job(m_client.get(), o);
        const util::Error e = run(job);
        QCOMPARE(e.code, util::ErrorCode::Process);
        QVERIFY2(e.message.contains(QLatin1String("no python3 here")), qPrintable(e.message));
        QTRY_VERIFY_WITH_TIMEOUT(listSessions(m_client.get()).isEmpty(), 15000);
    }

    void registryOnlyImageIsPulled() {
        QString registry;
        SAGEDOCK_REQUIRE_REGISTRY(registry);
        // An image with a layer the engine has never seen (random bytes), so the pull downloads it.
        const QString repoTag = QStringLiteral("sagedock-test/sagemath-pull:%1").arg(m_label);
        const QString image = registry + QLatin1Char('/') + repoTag;
        m_pulledImages << image;
        QString why;
        QVERIFY2(testsupport::pushRegistryOnlyImage(image, 2'000'000, m_label, &why), qPrintable(why));

        launch::LaunchOptions o = options(QStringLiteral("sagemath"), QStringLiteral("nb-pull"));
        o.image = image;
        Launcher job(m_client.get(), o);
        QSignalSpy states(&job, &Launcher::stateChanged);
        QSignalSpy progress(&job, &Launcher::pullProgress);
        int layersSeen = 0;
        qint64 bytesSeen = 0;
        connect(&job, &Launcher::pullProgress, this, [&] {
            if (job.pullJob()) {
                layersSeen = std::max(layersSeen, job.pullJob()->progress().layerCount());
                bytesSeen = std::max(bytesSeen, job.pullJob()->progress().bytesDone());
            }
        });
        const util::Error e = run(job);
        QVERIFY2(!e, qPrintable(e.toString()));
        QList<Launcher::State> seen;
        for (const auto& s : states)
            seen << s.first().value<Launcher::State>();
        QVERIFY(seen.contains(Launcher::State::Pulling));
        QVERIFY(seen.indexOf(Launcher::State::Pulling) < seen.indexOf(Launcher::State::WaitingForJupyter));
        QVERIFY(progress.size() >= 1);
        QVERIFY(layersSeen >= 1);
        QVERIFY(bytesSeen > 0);
        QCOMPARE(job.session().image, image);
        QVERIFY(stop(job.session().id).code == util::ErrorCode::None);
    }

    void pullDeniedIsClear() {
        QString registry;
        SAGEDOCK_REQUIRE_REGISTRY(registry);
        launch::LaunchOptions o = options(QStringLiteral("sagemath"), QStringLiteral("nb-denied"));
        o.image = registry + QStringLiteral("/sagedock-test/never-pushed:nope");
        Launcher job(m_client.get(), o);
        const util::Error e = run(job);
        QVERIFY(e.code == util::ErrorCode::NotFound || e.code == util::ErrorCode::Denied);
        QVERIFY2(e.message.contains(QLatin1String("never-pushed")), qPrintable(e.message));
        QVERIFY(!e.hint.isEmpty());
    }

    void unreachableEngine_data() {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("part");
        QTest::newRow("no socket") << "unix:///tmp/sagedock-no-such-engine.sock"
                                   << "not running";
        const int closed = launch::findFreePort(QStringLiteral("127.0.0.1"), 23750);
        QTest::newRow("tcp refused") << QStringLiteral("tcp://127.0.0.1:%1").arg(closed) << "Cannot reach";
    }

    void unreachableEngine() {
        QFETCH(QString, host);
        auto ep = engine::parseHost(host);
        QVERIFY(ep.ok());
        engine::Client client(ep.value());
        Launcher job(&client, options(QStringLiteral("sagemath"), QStringLiteral("nb-none")));
        const util::Error e = run(job, 20000);
        QCOMPARE(e.code, util::ErrorCode::EngineUnavailable);
        QFETCH(QString, part);
        QVERIFY2(e.message.contains(part), qPrintable(e.message));
        QVERIFY(!e.hint.isEmpty());
    }

    void sessionFoundAfterRestart() {
        QString id, url, name;
        {
            // "Before the restart": its own client, launcher and store, all destroyed afterwards.
            engine::Client before(m_endpoint);
            launch::SessionStore store(&before);
            QSignalSpy changed(&store, &launch::SessionStore::sessionsChanged);
            store.watch();
            Launcher job(&before, options(QStringLiteral("sagemath"), QStringLiteral("nb-restart")));
            const util::Error e = run(job);
            QVERIFY2(!e, qPrintable(e.toString()));
            id = job.session().id;
            url = job.session().url.toString();
            name = job.session().name;
            QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 10000); // the events stream saw it start
        }
        engine::Client after(m_endpoint);
        const QList<launch::Session> sessions = listSessions(&after);
        QCOMPARE(sessions.size(), 1);
        const launch::Session& s = sessions.first();
        QCOMPARE(s.id, id);
        QCOMPARE(s.name, name);
        QCOMPARE(s.url.toString(), url); // token re-read from the log, never stored
        QCOMPARE(s.flavor, QStringLiteral("sagemath"));
        QCOMPARE(s.notebooks, m_tmp.filePath(QStringLiteral("nb-restart")));
        QVERIFY(s.isRunning());

        // Keep on stop: the container stays, stopped; then removal leaves nothing.
        QVERIFY(stop(id, true).code == util::ErrorCode::None);
        QVERIFY(containerExists(id));
        QCOMPARE(listSessions(&after).first().state, QStringLiteral("exited"));
        QVERIFY(stop(id).code == util::ErrorCode::None);
        QVERIFY(listSessions(&after).isEmpty());
    }

    void followLogsDemuxesRealStream() {
        Launcher job(m_client.get(), options(QStringLiteral("sagemath"), QStringLiteral("nb-logs")));
        const util::Error e = run(job);
        QVERIFY2(!e, qPrintable(e.toString()));
        // stdout and stderr through the multiplexed stream, in order per stream.
        QCOMPARE(testsupport::runDocker(
                     {QStringLiteral("exec"), job.session().id, QStringLiteral("sh"), QStringLiteral("-c"),
                      QStringLiteral("for i in 1 2 3; do echo out$i > /proc/1/fd/1; echo err$i > "
                                     "/proc/1/fd/2; done")}),
                 0);
        const QString demuxProblem = testsupport::checkFollowedLogsDemux(m_client.get(), job.session().id);
        QVERIFY2(demuxProblem.isEmpty(), qPrintable(demuxProblem));
        QVERIFY(stop(job.session().id).code == util::ErrorCode::None);
    }
};

QTEST_GUILESS_MAIN(TestLaunch)
#include "tst_launch.moc"
