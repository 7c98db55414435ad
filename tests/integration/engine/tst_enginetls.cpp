// The engine client over tcp with TLS client certificates (DOCKER_HOST=tcp://…, DOCKER_TLS_VERIFY=1,
// DOCKER_CERT_PATH), against the real engine: socat terminates mutual TLS with OpenSSL (verify=1, the
// way dockerd --tlsverify does) in front of the real unix socket. Certificates are made per run with the
// openssl CLI: a CA, a server certificate for 127.0.0.1 and a client certificate (clientAuth).

#include "engine/endpoint.h"
#include "engine/engineclient.h"
#include "testenvironment.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace sagedock;

namespace {
bool run(const QString& program, const QStringList& args, const QString& dir, QString* why) {
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *why = program + QLatin1Char(' ') + args.join(QLatin1Char(' ')) + QStringLiteral(": ") +
               QString::fromLocal8Bit(p.readAll()) + p.errorString();
        return false;
    }
    return true;
}

bool writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

// A CA and a certificate signed by it; the key type is EC P-256 (fast to make, accepted by OpenSSL and
// libcurl alike).
bool makeCa(const QString& dir, const QString& name, QString* why) {
    return run(QStringLiteral("openssl"),
               {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                QStringLiteral("-keyout"), name + QStringLiteral("-key.pem"), QStringLiteral("-out"),
                name + QStringLiteral(".pem"), QStringLiteral("-days"), QStringLiteral("2"),
                QStringLiteral("-subj"), QStringLiteral("/CN=") + name},
               dir, why);
}

bool makeSigned(const QString& dir, const QString& ca, const QString& name, const QByteArray& extensions,
                QString* why) {
    const QString ext = name + QStringLiteral(".ext");
    return writeText(dir + QLatin1Char('/') + ext, extensions) &&
           run(QStringLiteral("openssl"),
               {QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                QStringLiteral("-nodes"), QStringLiteral("-keyout"), name + QStringLiteral("-key.pem"),
                QStringLiteral("-out"), name + QStringLiteral(".csr"), QStringLiteral("-subj"),
                QStringLiteral("/CN=") + name},
               dir, why) &&
           run(QStringLiteral("openssl"),
               {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                name + QStringLiteral(".csr"), QStringLiteral("-CA"), ca + QStringLiteral(".pem"),
                QStringLiteral("-CAkey"), ca + QStringLiteral("-key.pem"), QStringLiteral("-CAcreateserial"),
                QStringLiteral("-out"), name + QStringLiteral("-cert.pem"), QStringLiteral("-days"),
                QStringLiteral("2"), QStringLiteral("-extfile"), ext},
               dir, why);
}
} // namespace

class TestEngineTls : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcess m_socat;
    int m_port = 0;
    QString m_unixVersion;

    // The docker CLI's layout: DOCKER_CERT_PATH holds ca.pem, cert.pem and key.pem.
    QString certPath(const QString& name) const { return m_dir.filePath(name); }
    bool makeCertPath(const QString& name, const QString& ca, const QString& client, QString* why) const {
        QDir().mkpath(certPath(name));
        auto copy = [&](const QString& from, const QString& to) {
            return QFile::copy(m_dir.filePath(from), certPath(name) + QLatin1Char('/') + to);
        };
        if (!copy(ca + QStringLiteral(".pem"), QStringLiteral("ca.pem"))) {
            *why = QStringLiteral("cannot copy the CA");
            return false;
        }
        if (!client.isEmpty() && (!copy(client + QStringLiteral("-cert.pem"), QStringLiteral("cert.pem")) ||
                                  !copy(client + QStringLiteral("-key.pem"), QStringLiteral("key.pem")))) {
            *why = QStringLiteral("cannot copy the client certificate");
            return false;
        }
        return true;
    }

    util::Result<engine::Endpoint> endpointFor(const QString& certDir) const {
        engine::EndpointInputs in;
        in.env = {{QStringLiteral("DOCKER_HOST"), QStringLiteral("tcp://127.0.0.1:%1").arg(m_port)},
                  {QStringLiteral("DOCKER_TLS_VERIFY"), QStringLiteral("1")},
                  {QStringLiteral("DOCKER_CERT_PATH"), certPath(certDir)}};
        in.home = m_dir.path();
        return engine::resolveEndpoint(in);
    }

    static util::Result<engine::EngineInfo> versionOf(const engine::Endpoint& endpoint) {
        engine::Client client(endpoint);
        std::optional<util::Result<engine::EngineInfo>> result;
        QObject context;
        client.version(&context,
                       [&result](util::Result<engine::EngineInfo> info) { result = std::move(info); });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
            return util::Error::make(util::ErrorCode::Timeout, QStringLiteral("no answer within 30 s"));
        return *result;
    }

private Q_SLOTS:
    void initTestCase() {
        SAGEDOCK_REQUIRE_ENGINE();
        QVERIFY(m_dir.isValid());
        QString why;
        QVERIFY2(QFile::exists(QStringLiteral("/usr/bin/socat")),
                 "socat is missing: apt-get install socat (packaging/deps-test.txt)");
        QVERIFY2(makeCa(m_dir.path(), QStringLiteral("ca"), &why), qPrintable(why));
        QVERIFY2(makeCa(m_dir.path(), QStringLiteral("other-ca"), &why), qPrintable(why));
        QVERIFY2(makeSigned(m_dir.path(), QStringLiteral("ca"), QStringLiteral("server"),
                            "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n", &why),
                 qPrintable(why));
        QVERIFY2(makeSigned(m_dir.path(), QStringLiteral("ca"), QStringLiteral("client"),
                            "extendedKeyUsage=clientAuth\n", &why),
                 qPrintable(why));
        QVERIFY2(makeSigned(m_dir.path(), QStringLiteral("other-ca"), QStringLiteral("stranger"),
                            "extendedKeyUsage=clientAuth\n", &why),
                 qPrintable(why));
        QVERIFY2(makeCertPath(QStringLiteral("good"), QStringLiteral("ca"), QStringLiteral("client"), &why),
                 qPrintable(why));
        QVERIFY2(makeCertPath(QStringLiteral("no-client-cert"), QStringLiteral("ca"), QString(), &why),
                 qPrintable(why));
        QVERIFY2(
            makeCertPath(QStringLiteral("stranger"), QStringLiteral("ca"), QStringLiteral("stranger"), &why),
            qPrintable(why));
        QVERIFY2(makeCertPath(QStringLiteral("wrong-ca"), QStringLiteral("other-ca"),
                              QStringLiteral("client"), &why),
                 qPrintable(why));

        QTcpServer probe; // a free loopback port for socat
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        m_port = probe.serverPort();
        probe.close();
        m_socat.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_socat.start(
            QStringLiteral("/usr/bin/socat"),
            {QStringLiteral(
                 "OPENSSL-LISTEN:%1,bind=127.0.0.1,reuseaddr,fork,cert=%2,key=%3,cafile=%4,verify=1")
                 .arg(m_port)
                 .arg(m_dir.filePath(QStringLiteral("server-cert.pem")),
                      m_dir.filePath(QStringLiteral("server-key.pem")),
                      m_dir.filePath(QStringLiteral("ca.pem"))),
             QStringLiteral("UNIX-CONNECT:") + testsupport::dockerSocket()});
        QVERIFY2(m_socat.waitForStarted(10000), qPrintable(m_socat.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(
            [this] {
                QTcpSocket s;
                s.connectToHost(QHostAddress::LocalHost, quint16(m_port));
                return s.waitForConnected(200);
            }(),
            10000);

        // The same engine over its unix socket, to compare with.
        const auto overSocket = engine::parseHost(QStringLiteral("unix://") + testsupport::dockerSocket());
        QVERIFY(overSocket.ok());
        const auto info = versionOf(overSocket.value());
        QVERIFY2(info.ok(), qPrintable(info.error().toString()));
        m_unixVersion = info.value().version;
    }
    void cleanupTestCase() {
        if (m_socat.state() != QProcess::NotRunning) {
            m_socat.terminate();
            if (!m_socat.waitForFinished(5000))
                m_socat.kill();
        }
    }

    void resolvesTlsEndpointFromEnvironment() {
        const auto endpoint = endpointFor(QStringLiteral("good"));
        QVERIFY2(endpoint.ok(), qPrintable(endpoint.error().toString()));
        QCOMPARE(endpoint.value().kind, engine::Endpoint::Kind::Tcp);
        QVERIFY(endpoint.value().tls);
        QVERIFY(endpoint.value().tlsVerify);
        QCOMPARE(endpoint.value().port, m_port);
        QCOMPARE(endpoint.value().certFile, certPath(QStringLiteral("good")) + QStringLiteral("/cert.pem"));
        QCOMPARE(endpoint.value().caFile, certPath(QStringLiteral("good")) + QStringLiteral("/ca.pem"));
    }

    // With the client certificate the engine answers, and it is the same engine as on the socket.
    void talksToTheEngineWithClientCertificate() {
        const auto endpoint = endpointFor(QStringLiteral("good"));
        QVERIFY(endpoint.ok());
        const auto info = versionOf(endpoint.value());
        QVERIFY2(info.ok(), qPrintable(info.error().toString()));
        QCOMPARE(info.value().version, m_unixVersion);
        QVERIFY(!info.value().apiVersion.isEmpty());

        engine::Client client(endpoint.value());
        std::optional<util::Result<QList<engine::ImageSummary>>> images;
        QObject context;
        client.listImages(testsupport::fixtureImage(QStringLiteral("sagemath")), &context,
                          [&images](util::Result<QList<engine::ImageSummary>> r) { images = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(images.has_value(), 30000);
        QVERIFY2(images->ok(), qPrintable(images->error().toString()));
        QCOMPARE(images->value().size(), 1);
    }

    // Every way the handshake can go wrong is a TLS error whose hint names the certificate files.
    void refusedHandshakesSayWhy_data() {
        QTest::addColumn<QString>("certDir");
        QTest::newRow("no client certificate") << QStringLiteral("no-client-cert");
        QTest::newRow("client certificate from another CA") << QStringLiteral("stranger");
        QTest::newRow("server not signed by the trusted CA") << QStringLiteral("wrong-ca");
    }
    void refusedHandshakesSayWhy() {
        QFETCH(QString, certDir);
        const auto endpoint = endpointFor(certDir);
        QVERIFY2(endpoint.ok(), qPrintable(endpoint.error().toString()));
        const auto info = versionOf(endpoint.value());
        QVERIFY(!info.ok());
        QVERIFY2(info.error().code == util::ErrorCode::Tls, qPrintable(info.error().toString()));
        QVERIFY2(info.error().message.contains(QStringLiteral("127.0.0.1:%1").arg(m_port)),
                 qPrintable(info.error().message));
        QVERIFY2(info.error().hint.contains(QLatin1String("cert.pem")), qPrintable(info.error().hint));
    }
};

QTEST_GUILESS_MAIN(TestEngineTls)
#include "tst_enginetls.moc"
