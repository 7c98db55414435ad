// sagedock-cli tags / resolve / matrix against the registry twin (TLS served by docker-registry
// itself, tokens it validates itself, 50 ms round trip through the latency proxy), as a user runs
// them: the CA only in a certs.d folder (SAGEDOCK_CERTS_D) or only in the Extra CA certificates
// preference, and every fault of issue 10 (token service 500 / malformed / a token the registry
// rejects / no scope / expired; unknown CA; wrong host name; an expired server certificate; a client
// certificate required; a token realm on plain HTTP; tokens expiring in the middle of a matrix;
// connections dropped under HTTP/2; a bad Extra CA file) ending in one sentence that names the host
// and the fix, or in a run without error cells. No row may leave the password, its Basic encoding or a token
// in stdout, stderr, the JSON output or any file the CLI wrote (log, cache, settings).

#include "badcafile.h"
#include "http/transport.h"
#include "registry/registryclient.h"
#include "registrytwin.h"
#include "testenvironment.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace sagedock;
using testsupport::RegistryTwin;

namespace {
const QString kPrefix = QStringLiteral("sagemath/sage");
const QString kSystem = QStringLiteral("ubuntu-jammy");
const QString kUser = QStringLiteral("sage");
const QString kPassword = QStringLiteral("sage-secret");
} // namespace

class TestTwinCli : public QObject {
    Q_OBJECT
    RegistryTwin m_twin{RegistryTwin::Options{.latencyMs = 25, .anonymousPull = false}};
    QString m_cli;
    QStringList m_extraArgs;   // appended to the next cli() call
    QStringList m_secrets;     // what must never appear anywhere
    QString m_lastCertsFolder; // <certs.d>/<registry> of the last cli() run

    enum class Trust { None, CertsD, ExtraCa, CertsDWithClientCert };
    enum class Verb { Tags, Resolve, Matrix, FullMatrix };

    struct Run {
        int code = -1;
        QByteArray out;
        QByteArray err;
        QByteArray files; // everything the CLI left under its scratch HOME/XDG folders
    };

    // A fresh user for each run: own HOME, XDG folders, docker config with the twin's login.
    // `extraCa`: the Extra CA certificates preference (Trust::ExtraCa: the twin's CA); `login`: the
    // docker config holds the twin's user for the registry.
    Run cli(Verb verb, Trust trust, const QString& registry, const QString& extraCa = {}, bool login = true) {
        QTemporaryDir home;
        const QString certs = home.filePath(QStringLiteral("certs.d"));
        m_lastCertsFolder = certs + QLatin1Char('/') + registry;
        if (trust == Trust::CertsD || trust == Trust::CertsDWithClientCert) {
            // The CA only where Docker looks for it, under the registry's host:port.
            QDir().mkpath(certs + QLatin1Char('/') + registry);
            QFile::copy(m_twin.caFile(), certs + QLatin1Char('/') + registry + QStringLiteral("/ca.crt"));
        } else {
            QDir().mkpath(certs);
        }
        if (trust == Trust::CertsDWithClientCert)
            for (const QString& name : {QStringLiteral("client.cert"), QStringLiteral("client.key")})
                QFile::copy(m_twin.clientCertDir() + QLatin1Char('/') + name,
                            certs + QLatin1Char('/') + registry + QLatin1Char('/') + name);
        const QString config = home.filePath(QStringLiteral("config"));
        QDir().mkpath(config + QStringLiteral("/SageDock"));
        if (trust == Trust::ExtraCa || !extraCa.isEmpty()) {
            QFile ini(config + QStringLiteral("/SageDock/SageDock.conf"));
            ini.open(QIODevice::WriteOnly);
            ini.write("[registry]\nextraCaBundle=" +
                      (extraCa.isEmpty() ? m_twin.caFile() : extraCa).toUtf8() + "\n");
        }
        QDir().mkpath(home.filePath(QStringLiteral("docker")));
        QFile docker(home.filePath(QStringLiteral("docker/config.json")));
        docker.open(QIODevice::WriteOnly);
        const QJsonObject auth{{QStringLiteral("auth"), QString::fromLatin1(basicAuth())}};
        docker.write(QJsonDocument(QJsonObject{{QStringLiteral("auths"),
                                                login ? QJsonObject{{registry, auth}} : QJsonObject()}})
                         .toJson());
        docker.close();

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("XDG_STATE_HOME"), home.filePath(QStringLiteral("state")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("DOCKER_CONFIG"), home.filePath(QStringLiteral("docker")));
        env.insert(QStringLiteral("SAGEDOCK_CERTS_D"), certs);
        env.remove(QStringLiteral("SSL_CERT_FILE"));
        env.remove(QStringLiteral("CURL_CA_BUNDLE"));
        const QString prefix = registry + QLatin1Char('/') + kPrefix + QLatin1Char('/');
        QStringList args;
        switch (verb) {
        case Verb::Tags:
            args = {QStringLiteral("tags"),
                    prefix + QStringLiteral("sage-%1-standard-configured").arg(kSystem)};
            break;
        case Verb::Resolve:
            args = {QStringLiteral("resolve"),    QStringLiteral("dev"),
                    QStringLiteral("--repo"),     prefix,
                    QStringLiteral("--systems"),  kSystem,
                    QStringLiteral("--packages"), QStringLiteral("standard"),
                    QStringLiteral("--json")};
            break;
        case Verb::Matrix:
            args = {QStringLiteral("matrix"),
                    QStringLiteral("--repo"),
                    prefix,
                    QStringLiteral("--tag"),
                    QStringLiteral("dev"),
                    QStringLiteral("--systems"),
                    kSystem + QStringLiteral(",debian-bookworm"),
                    QStringLiteral("--packages"),
                    QStringLiteral("standard"),
                    QStringLiteral("--format"),
                    QStringLiteral("json")};
            break;
        case Verb::FullMatrix: // Sage 10.4's 43 systems x 3 package sets: 645 repositories
            args = {QStringLiteral("matrix"),
                    QStringLiteral("--repo"),
                    prefix,
                    QStringLiteral("--tag"),
                    QStringLiteral("dev"),
                    QStringLiteral("--release"),
                    QStringLiteral("10.4"),
                    QStringLiteral("--packages"),
                    QStringLiteral("minimal,standard,maximal"),
                    QStringLiteral("--format"),
                    QStringLiteral("json")};
            break;
        }
        args += m_extraArgs;
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(m_cli, args);
        Run r;
        if (!p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        QDirIterator it(home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.endsWith(QLatin1String("config.json")))
                continue; // the docker login the test wrote itself
            QFile f(path);
            if (f.open(QIODevice::ReadOnly))
                r.files += f.readAll();
        }
        return r;
    }

    QString endpointOf(const QString& key) const {
        if (key == QLatin1String("registryExpiredCert"))
            return m_twin.registryExpiredCert();
        if (key == QLatin1String("registryClientCert"))
            return m_twin.registryClientCert();
        return key == QLatin1String("registryPlainRealm") ? m_twin.registryPlainRealm() : QString();
    }

    QByteArray basicAuth() const { return QString(kUser + QLatin1Char(':') + kPassword).toUtf8().toBase64(); }

    void verifyNoSecret(const Run& r) {
        for (const QString& secret : m_secrets)
            for (const QByteArray* text : {&r.out, &r.err, &r.files})
                QVERIFY2(!text->contains(secret.toUtf8()), qPrintable(QStringLiteral("leaked: ") + secret));
        // A JWT's header starts with base64 '{"' = "eyJ": no token in any output or file.
        QVERIFY2(!r.out.contains("eyJ") && !r.err.contains("eyJ"), "a token reached the output");
    }

private Q_SLOTS:
    void initTestCase() {
        m_cli = qEnvironmentVariable("SAGEDOCK_CLI");
        QVERIFY2(QFileInfo(m_cli).isExecutable(), "SAGEDOCK_CLI must name the built sagedock-cli");
        QString why;
        QVERIFY2(m_twin.start(&why), qPrintable(why));
        const auto chain = m_twin.seedStageChain(kPrefix, kSystem, QStringLiteral("dev"));
        QVERIFY2(chain.ok(), qPrintable(chain.error().toString()));
        m_secrets = {kPassword, QString::fromLatin1(basicAuth())};
    }

    void init() {
        m_extraArgs.clear();
        QVERIFY(m_twin.setIssuerFault(RegistryTwin::IssuerFault::None));
    }

    void cli_data() {
        QTest::addColumn<Verb>("verb");
        QTest::addColumn<Trust>("trust");
        QTest::addColumn<RegistryTwin::IssuerFault>("fault");
        QTest::addColumn<int>("code");
        QTest::addColumn<QStringList>("says"); // fragments of stdout (success) or stderr (failure)
        using F = RegistryTwin::IssuerFault;
        const QStringList ok;
        const auto words = [](std::initializer_list<const char*> list) {
            QStringList out;
            for (const char* w : list)
                out.append(QString::fromUtf8(w));
            return out;
        };
        QTest::newRow("tags, CA in certs.d") << Verb::Tags << Trust::CertsD << F::None << 0 << words({"dev"});
        QTest::newRow("tags, CA as Extra CA preference")
            << Verb::Tags << Trust::ExtraCa << F::None << 0 << words({"dev"});
        QTest::newRow("resolve, CA in certs.d") << Verb::Resolve << Trust::CertsD << F::None << 0
                                                << words({"\"platforms_found\": 1", "with-targets-optional"});
        QTest::newRow("matrix, CA in certs.d") << Verb::Matrix << Trust::CertsD << F::None << 0 << ok;
        QTest::newRow("unknown CA") << Verb::Tags << Trust::None << F::None << 1
                                    << words({"does not trust", "/ca.crt", "Extra CA"});
        QTest::newRow("token service 500")
            << Verb::Tags << Trust::CertsD << F::Http500 << 1 << words({"token service", "HTTP 500"});
        QTest::newRow("token service malformed") << Verb::Tags << Trust::CertsD << F::MalformedJson << 1
                                                 << words({"token service", "not valid JSON"});
        QTest::newRow("token the registry rejects") << Verb::Tags << Trust::CertsD << F::WrongSignature << 1
                                                    << words({"refused the token", "invalid_token"});
        QTest::newRow("expired token")
            << Verb::Tags << Trust::CertsD << F::Expired << 1 << words({"refused the token", "clock"});
        QTest::newRow("token without the scope") << Verb::Tags << Trust::CertsD << F::NoScope << 1
                                                 << words({"without pull access", "insufficient_scope"});
        QTest::newRow("matrix, token service 500")
            << Verb::Matrix << Trust::CertsD << F::Http500 << 1 << words({"HTTP 500"});
    }

    void cli() {
        QFETCH(Verb, verb);
        QFETCH(Trust, trust);
        QFETCH(RegistryTwin::IssuerFault, fault);
        QFETCH(int, code);
        QFETCH(QStringList, says);
        QVERIFY(m_twin.setIssuerFault(fault));
        const QString registry = m_twin.registryProxied();
        const QString realm = QUrl(m_twin.realm()).authority();
        const int registryBefore = m_twin.connectionsAccepted(registry);
        const int realmBefore = m_twin.connectionsAccepted(realm);
        const Run r = cli(verb, trust, registry);
        QVERIFY2(r.code == code,
                 qPrintable(QStringLiteral("exit %1, stderr: %2, stdout: %3")
                                .arg(r.code)
                                .arg(QString::fromUtf8(r.err), QString::fromUtf8(r.out.left(400)))));
        const QString text = QString::fromUtf8(code == 0 ? r.out : r.err);
        for (const QString& fragment : says)
            QVERIFY2(text.contains(fragment), qPrintable(fragment + QStringLiteral(" not in: ") + text));
        if (code != 0) {
            // One sentence naming the host (and its fix), not a dump.
            QVERIFY2(r.err.contains(registry.toUtf8()), r.err.constData());
        }
        if (verb == Verb::Matrix) {
            const QJsonObject summary =
                QJsonDocument::fromJson(r.out).object().value(QLatin1String("summary")).toObject();
            if (code == 0) {
                // HTTP/2 multiplexing and one token request for all scopes: a handful of connections
                // (each one TCP + TLS handshake), not one per image.
                QVERIFY2(m_twin.connectionsAccepted(registry) - registryBefore <= 3,
                         qPrintable(QString::number(m_twin.connectionsAccepted(registry) - registryBefore)));
                QVERIFY2(m_twin.connectionsAccepted(realm) - realmBefore <= 2,
                         qPrintable(QString::number(m_twin.connectionsAccepted(realm) - realmBefore)));
                QCOMPARE(summary.value(QLatin1String("errors")).toInt(), 0);
                QCOMPARE(summary.value(QLatin1String("present")).toInt(), 5); // the seeded chain
                QVERIFY(summary.value(QLatin1String("missing")).toInt() > 0); // the other system
            }
        }
        verifyNoSecret(r);
    }

    // The twin's certificate names 127.0.0.1 and localhost; this machine's own name resolves to
    // loopback too but is not in it.
    void wrongHostName() {
        const QString name = QHostInfo::localHostName();
        const QHostInfo info = QHostInfo::fromName(name);
        QVERIFY2(!info.addresses().isEmpty() && info.addresses().first().isLoopback(),
                 qPrintable(name + QStringLiteral(" must resolve to loopback (/etc/hosts) for this test")));
        const QString port = m_twin.registryProxied().section(QLatin1Char(':'), 1);
        const QString registry = name + QLatin1Char(':') + port;
        const Run r = cli(Verb::Tags, Trust::CertsD, registry);
        QCOMPARE(r.code, 1);
        const QByteArray expected = QByteArray("is not issued for the name ") + name.toUtf8();
        QVERIFY2(r.err.contains(expected), r.err.constData());
        verifyNoSecret(r);
    }

    // Registries of the twin that each break one TLS rule (same storage and token service).
    void tlsFaults_data() {
        QTest::addColumn<QString>("endpoint"); // twin.json key
        QTest::addColumn<Trust>("trust");
        QTest::addColumn<bool>("login");
        QTest::addColumn<int>("code");
        QTest::addColumn<QStringList>("says");
        QTest::newRow("expired server certificate")
            << "registryExpiredCert" << Trust::CertsD << true << 1
            << QStringList{QStringLiteral("has expired"), QStringLiteral("renew")};
        // TLS 1.3: the registry refuses after the handshake; the fix names this registry's certs.d.
        QTest::newRow("client certificate required, none in certs.d")
            << "registryClientCert" << Trust::CertsD << true << 1
            << QStringList{QStringLiteral("client.cert and client.key"), QStringLiteral("<certs>")};
        QTest::newRow("client certificate in certs.d") << "registryClientCert" << Trust::CertsDWithClientCert
                                                       << true << 0 << QStringList{QStringLiteral("dev")};
        // Credentials never go to a plain-HTTP realm; an anonymous token may come from one (as dockerd).
        QTest::newRow("plain-HTTP realm, with a login")
            << "registryPlainRealm" << Trust::CertsD << true << 1
            << QStringList{QStringLiteral("plain-HTTP address"),
                           QStringLiteral("does not send your credentials")};
        QTest::newRow("plain-HTTP realm, anonymous")
            << "registryPlainRealm" << Trust::CertsD << false << 0 << QStringList{QStringLiteral("dev")};
    }

    void tlsFaults() {
        QFETCH(QString, endpoint);
        QFETCH(Trust, trust);
        QFETCH(bool, login);
        QFETCH(int, code);
        QFETCH(QStringList, says);
        const QString registry = endpointOf(endpoint);
        QVERIFY(!registry.isEmpty());
        const Run r = cli(Verb::Tags, trust, registry, QString(), login);
        QVERIFY2(r.code == code,
                 qPrintable(QStringLiteral("exit %1, stderr: %2").arg(r.code).arg(QString::fromUtf8(r.err))));
        const QString text = QString::fromUtf8(code == 0 ? r.out : r.err);
        for (QString fragment : says) {
            fragment.replace(QStringLiteral("<certs>"), m_lastCertsFolder);
            QVERIFY2(text.contains(fragment), qPrintable(fragment + QStringLiteral(" not in: ") + text));
        }
        if (code != 0) {
            // One sentence on one line, naming the host.
            QVERIFY2(r.err.contains(registry.toUtf8()), r.err.constData());
            QCOMPARE(int(r.err.trimmed().count('\n')), 0);
        }
        verifyNoSecret(r);
    }

    // Tokens the registry accepts for 3 s while the token service promises 300 s, through the
    // 645-repository matrix at a 100 ms round trip (a run of several seconds): no cell ends in an error.
    void tokensExpireDuringMatrix() {
        const QString registry = m_twin.registryProxied();
        QVERIFY(m_twin.setTokenValidSeconds(3));
        QVERIFY(m_twin.setLatencyMs(50));
        // 16 images at a time: 645 cells take at least 40 round trips of 100 ms, longer than a
        // token's 3 s, however fast the machine (the default 160 may finish first).
        m_extraArgs = {QStringLiteral("--concurrency"), QStringLiteral("16")};
        const int before = m_twin.tokensIssued();
        QElapsedTimer timer;
        timer.start();
        const Run r = cli(Verb::FullMatrix, Trust::CertsD, registry);
        const qint64 elapsedMs = timer.elapsed();
        QVERIFY(m_twin.setTokenValidSeconds(0));
        QVERIFY(m_twin.setLatencyMs(m_twin.options().latencyMs));
        qInfo("full matrix with 3 s tokens: %lld ms, %d token(s) issued", elapsedMs,
              m_twin.tokensIssued() - before);
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject summary =
            QJsonDocument::fromJson(r.out).object().value(QLatin1String("summary")).toObject();
        QCOMPARE(summary.value(QLatin1String("errors")).toInt(), 0);
        QCOMPARE(summary.value(QLatin1String("present")).toInt(), 5);
        QVERIFY2(elapsedMs > 3000, "the run was shorter than a token's life");
        verifyNoSecret(r);
    }

    // A long-lived client (the GUI's) holds tokens the registry no longer accepts while their
    // expires_in still says 300 s. The next round of requests meets invalid_token: each token is
    // refreshed once, shared by the requests of its scope, and every request succeeds.
    void tokenExpiresUnderALongLivedClient() {
        QTemporaryDir certs;
        const QString registry = m_twin.registryProxied();
        QVERIFY(QDir().mkpath(certs.filePath(registry)));
        QVERIFY(QFile::copy(m_twin.caFile(), certs.filePath(registry + QStringLiteral("/ca.crt"))));
        registry::ClientOptions options;
        options.certsRoots = {certs.path()};
        options.tagsTtlSec = 0; // every round asks the registry again
        options.credentials = [](const QString&, registry::CredentialCallback done) {
            done(registry::Credentials{kUser, kPassword});
        };
        http::Transport transport;
        registry::Client client(transport, options);
        QStringList repositories;
        for (const QString& stage : {QStringLiteral("configured"), QStringLiteral("with-targets"),
                                     QStringLiteral("with-targets-optional")})
            repositories << QStringLiteral("%1/sage-%2-standard-%3").arg(kPrefix, kSystem, stage);
        // Two requests per repository at once, as a matrix sends them.
        const auto round = [&]() {
            std::vector<std::unique_ptr<registry::TagsJob>> jobs;
            for (const QString& path : std::as_const(repositories))
                for (int i = 0; i < 2; ++i)
                    jobs.emplace_back(client.listTags(registry::Repository{registry, path}));
            QStringList errors;
            for (auto& job : jobs) {
                if (!job->isFinished()) {
                    QSignalSpy spy(job.get(), &registry::Job::finished);
                    spy.wait(30000);
                }
                if (!job->isFinished() || job->error())
                    errors << (job->isFinished() ? job->error().toString() : QStringLiteral("timeout"));
            }
            return errors;
        };
        QVERIFY(m_twin.setTokenValidSeconds(3));
        QStringList errors = round();
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        // A token issued now, like the client's, tells when the registry refuses tokens of that age.
        http::Request tokenRequest;
        tokenRequest.url = QUrl(QStringLiteral("https://%1/token?service=%2&scope=repository:%3:pull")
                                    .arg(m_twin.issuer(), m_twin.service(), repositories.first()));
        tokenRequest.caCertificate = m_twin.caFile();
        tokenRequest.setHeader("Authorization", "Basic " + basicAuth());
        const QByteArray probeToken = QJsonDocument::fromJson(testsupport::fetch(tokenRequest).body)
                                          .object()
                                          .value(QLatin1String("token"))
                                          .toString()
                                          .toUtf8();
        QVERIFY(!probeToken.isEmpty());
        QVERIFY(m_twin.setTokenValidSeconds(0));
        http::Request probe;
        probe.url =
            QUrl(QStringLiteral("https://%1/v2/%2/tags/list").arg(m_twin.registry(), repositories.first()));
        probe.caCertificate = m_twin.caFile();
        probe.setHeader("Authorization", "Bearer " + probeToken);
        QTRY_VERIFY_WITH_TIMEOUT(testsupport::fetch(probe).status == 401, 15000);

        const registry::ClientStats before = client.stats();
        const int issuedBefore = m_twin.tokensIssued();
        errors = round();
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        const quint64 refreshes = client.stats().tokenFetches - before.tokenFetches;
        qInfo("second round: %llu token fetch(es), %d token(s) issued", refreshes,
              m_twin.tokensIssued() - issuedBefore);
        QVERIFY2(refreshes >= 1, "no token was refreshed: the round did not meet an expired token");
        // At most one refresh per token (one per repository scope), however many requests met it.
        QVERIFY2(refreshes <= quint64(repositories.size()), qPrintable(QString::number(refreshes)));
    }

    // The proxy in front of the registry cuts every connection after 64 KiB (no GOAWAY, no TLS
    // close): the requests in flight on it are retried on a new connection; no cell ends in an error.
    void droppedConnections_data() {
        QTest::addColumn<int>("bytes");
        QTest::newRow("64 KiB") << 65536;
        QTest::newRow("16 KiB") << 16384;
    }
    void droppedConnections() {
        QFETCH(int, bytes);
        const QString registry = m_twin.registryProxied();
        const int connectionsBefore = m_twin.connectionsAccepted(registry);
        QVERIFY(m_twin.setDropAfterBytes(bytes));
        const Run r = cli(Verb::FullMatrix, Trust::CertsD, registry);
        QVERIFY(m_twin.setDropAfterBytes(0));
        const int connections = m_twin.connectionsAccepted(registry) - connectionsBefore;
        qInfo("full matrix with connections cut after %d bytes: %d connection(s)", bytes, connections);
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject summary =
            QJsonDocument::fromJson(r.out).object().value(QLatin1String("summary")).toObject();
        // Name the first broken cell's reason when there is one.
        QString firstError;
        const QJsonArray rows =
            QJsonDocument::fromJson(r.out).object().value(QLatin1String("rows")).toArray();
        for (const QJsonValue& row : rows)
            for (const QJsonValue& cell : row.toObject().value(QLatin1String("cells")).toArray())
                if (firstError.isEmpty())
                    firstError = cell.toObject().value(QLatin1String("error")).toString();
        QVERIFY2(summary.value(QLatin1String("errors")).toInt() == 0,
                 qPrintable(QStringLiteral("%1 error cells, the first: %2")
                                .arg(summary.value(QLatin1String("errors")).toInt())
                                .arg(firstError)));
        QCOMPARE(summary.value(QLatin1String("present")).toInt(), 5);
        QVERIFY2(connections > 1, "no connection was cut");
        verifyNoSecret(r);
    }

    // A bad Extra CA certificates file: one warning sentence on stderr with the fix, and the request
    // still works (the CA is in certs.d, added to the system's CAs).
    void badExtraCa_data() { testsupport::addBadCaFileRows(); }

    void badExtraCa() {
        QFETCH(QString, kind);
        QFETCH(QString, says);
        QTemporaryDir dir;
        const QString path = testsupport::makeBadCaFile(kind, dir.path());
        QVERIFY(!path.isEmpty());
        const Run r = cli(Verb::Tags, Trust::CertsD, m_twin.registryProxied(), path);
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("dev"));
        const QString err = QString::fromUtf8(r.err);
        QCOMPARE(int(err.count(QStringLiteral("warning:"))), 1);
        QCOMPARE(int(r.err.trimmed().count('\n')), 0);
        for (const QString& fragment : {says, path, QStringLiteral("Extra CA certificates")})
            QVERIFY2(err.contains(fragment), qPrintable(fragment + QStringLiteral(" not in: ") + err));
        verifyNoSecret(r);
    }
};

QTEST_GUILESS_MAIN(TestTwinCli)
#include "tst_twincli.moc"
