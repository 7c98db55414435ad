// sagedock-cli tags / resolve / matrix against the registry twin (TLS served by docker-registry
// itself, tokens it validates itself, 50 ms round trip through the latency proxy), as a user runs
// them: the CA only in a certs.d folder (SAGEDOCK_CERTS_D) or only in the Extra CA certificates
// preference, and every fault of issue 10 (token service 500 / malformed / a token the registry
// rejects / no scope / expired; unknown CA; wrong host name) ending in one sentence that names the
// host and the fix. No row may leave the password, its Basic encoding or a token in stdout, stderr,
// the JSON output or any file the CLI wrote (log, cache, settings).

#include "registrytwin.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
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
    QStringList m_secrets; // what must never appear anywhere

    enum class Trust { None, CertsD, ExtraCa };
    enum class Verb { Tags, Resolve, Matrix };

    struct Run {
        int code = -1;
        QByteArray out;
        QByteArray err;
        QByteArray files; // everything the CLI left under its scratch HOME/XDG folders
    };

    // A fresh user for each run: own HOME, XDG folders, docker config with the twin's login.
    Run cli(Verb verb, Trust trust, const QString& registry) {
        QTemporaryDir home;
        const QString certs = home.filePath(QStringLiteral("certs.d"));
        if (trust == Trust::CertsD) {
            // The CA only where Docker looks for it, under the registry's host:port.
            QDir().mkpath(certs + QLatin1Char('/') + registry);
            QFile::copy(m_twin.caFile(), certs + QLatin1Char('/') + registry + QStringLiteral("/ca.crt"));
        } else {
            QDir().mkpath(certs);
        }
        const QString config = home.filePath(QStringLiteral("config"));
        QDir().mkpath(config + QStringLiteral("/SageDock"));
        if (trust == Trust::ExtraCa) {
            QFile ini(config + QStringLiteral("/SageDock/SageDock.conf"));
            ini.open(QIODevice::WriteOnly);
            ini.write("[registry]\nextraCaBundle=" + m_twin.caFile().toUtf8() + "\n");
        }
        QDir().mkpath(home.filePath(QStringLiteral("docker")));
        QFile docker(home.filePath(QStringLiteral("docker/config.json")));
        docker.open(QIODevice::WriteOnly);
        const QJsonObject auth{{QStringLiteral("auth"), QString::fromLatin1(basicAuth())}};
        docker.write(
            QJsonDocument(QJsonObject{{QStringLiteral("auths"), QJsonObject{{registry, auth}}}}).toJson());
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
        }
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

    void init() { QVERIFY(m_twin.setIssuerFault(RegistryTwin::IssuerFault::None)); }

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
};

QTEST_GUILESS_MAIN(TestTwinCli)
#include "tst_twincli.moc"
