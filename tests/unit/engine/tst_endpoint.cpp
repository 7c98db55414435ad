// Endpoint resolution like the docker CLI: tables over env, contexts and config.json.

#include "engine/endpoint.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sagedock;
using engine::Endpoint;

namespace {

void writeFile(const QString& path, const QByteArray& content) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

} // namespace

class TestEndpoint : public QObject {
    Q_OBJECT
    QTemporaryDir m_home;
    QString m_config;

    // A context written the way `docker context create` does, keys optionally lower-case.
    void writeContext(const QString& name, const QByteArray& host, bool lowerKeys, bool tls,
                      bool skipVerify) {
        const QString hash = engine::contextDirectoryName(name);
        QByteArray meta = lowerKeys ? QByteArray("{\"name\":\"NAME\",\"metadata\":{},\"endpoints\":{"
                                                 "\"docker\":{\"host\":\"HOST\",\"skiptlsverify\":SKIP}}}")
                                    : QByteArray("{\"Name\":\"NAME\",\"Metadata\":{},\"Endpoints\":{"
                                                 "\"docker\":{\"Host\":\"HOST\",\"SkipTLSVerify\":SKIP}}}");
        meta.replace("NAME", name.toUtf8())
            .replace("HOST", host)
            .replace("SKIP", skipVerify ? "true" : "false");
        writeFile(m_config + QStringLiteral("/contexts/meta/%1/meta.json").arg(hash), meta);
        if (tls)
            for (const char* f : {"ca.pem", "cert.pem", "key.pem"})
                writeFile(m_config +
                              QStringLiteral("/contexts/tls/%1/docker/%2").arg(hash, QString::fromLatin1(f)),
                          "-----BEGIN CERTIFICATE-----\n");
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_home.isValid());
        m_config = m_home.filePath(QStringLiteral(".docker"));
        writeContext(QStringLiteral("remote"), "tcp://10.0.0.5:2376", false, true, false);
        writeContext(QStringLiteral("lower"), "unix:///run/user/1000/docker.sock", true, false, false);
        writeContext(QStringLiteral("insecure"), "tcp://build.example:2376", false, true, true);
        writeContext(QStringLiteral("plain"), "tcp://[::1]", false, false, false);
        writeFile(m_home.filePath(QStringLiteral("cfg2/config.json")),
                  "{\"auths\":{},\"currentContext\":\"remote\"}");
        writeFile(m_home.filePath(QStringLiteral("cfg2/contexts/meta/%1/meta.json")
                                      .arg(engine::contextDirectoryName(QStringLiteral("remote")))),
                  "{\"Name\":\"remote\",\"Endpoints\":{\"docker\":{\"Host\":\"ssh://me@box\"}}}");
        writeFile(m_home.filePath(QStringLiteral("cfg3/config.json")), "{\"currentContext\":\"default\"}");
        writeFile(m_home.filePath(QStringLiteral("cfg4/config.json")), "{not json");
    }

    void contextHash() {
        // sha256("default") as docker computes the directory name.
        QCOMPARE(engine::contextDirectoryName(QStringLiteral("default")),
                 QStringLiteral("37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f"));
    }

    void resolve_data() {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QStringList>("env"); // K=V
        QTest::addColumn<QStringList>("existing");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("baseUrl");
        QTest::addColumn<bool>("tlsFiles");
        QTest::addColumn<bool>("verify");
        QTest::addColumn<bool>("podman");

        const QString d = QStringLiteral("DOCKER_CONFIG=") + m_config;
        const QStringList dockerSock{QStringLiteral("/var/run/docker.sock")};
        QTest::newRow("default socket")
            << QString() << QStringList{d} << dockerSock << "unix:///var/run/docker.sock"
            << "default"
            << "default"
            << "http://localhost" << false << true << false;
        QTest::newRow("DOCKER_HOST unix")
            << QString() << QStringList{d, QStringLiteral("DOCKER_HOST=unix:///tmp/d.sock")} << dockerSock
            << "unix:///tmp/d.sock"
            << "DOCKER_HOST"
            << "default"
            << "http://localhost" << false << true << false;
        QTest::newRow("DOCKER_HOST tcp plain")
            << QString() << QStringList{d, QStringLiteral("DOCKER_HOST=tcp://1.2.3.4")} << dockerSock
            << "tcp://1.2.3.4"
            << "DOCKER_HOST"
            << "default"
            << "http://1.2.3.4:2375" << false << true << false;
        QTest::newRow("DOCKER_HOST tcp tls verify")
            << QString()
            << QStringList{d, QStringLiteral("DOCKER_HOST=tcp://h.example:2376"),
                           QStringLiteral("DOCKER_TLS_VERIFY=1"),
                           QStringLiteral("DOCKER_CERT_PATH=") + m_config + QStringLiteral("/contexts/tls/") +
                               engine::contextDirectoryName(QStringLiteral("remote")) +
                               QStringLiteral("/docker")}
            << dockerSock << "tcp://h.example:2376"
            << "DOCKER_HOST"
            << "default"
            << "https://h.example:2376" << true << true << false;
        QTest::newRow("DOCKER_HOST beats DOCKER_CONTEXT")
            << QString()
            << QStringList{d, QStringLiteral("DOCKER_HOST=unix:///tmp/x.sock"),
                           QStringLiteral("DOCKER_CONTEXT=remote")}
            << dockerSock << "unix:///tmp/x.sock"
            << "DOCKER_HOST"
            << "default"
            << "http://localhost" << false << true << false;
        QTest::newRow("DOCKER_CONTEXT with TLS files")
            << QString() << QStringList{d, QStringLiteral("DOCKER_CONTEXT=remote")} << dockerSock
            << "tcp://10.0.0.5:2376"
            << "DOCKER_CONTEXT"
            << "remote"
            << "https://10.0.0.5:2376" << true << true << false;
        QTest::newRow("context keys lower-case")
            << QString() << QStringList{d, QStringLiteral("DOCKER_CONTEXT=lower")} << dockerSock
            << "unix:///run/user/1000/docker.sock"
            << "DOCKER_CONTEXT"
            << "lower"
            << "http://localhost" << false << true << false;
        QTest::newRow("context SkipTLSVerify")
            << QString() << QStringList{d, QStringLiteral("DOCKER_CONTEXT=insecure")} << dockerSock
            << "tcp://build.example:2376"
            << "DOCKER_CONTEXT"
            << "insecure"
            << "https://build.example:2376" << true << false << false;
        QTest::newRow("context tcp IPv6 no TLS")
            << QString() << QStringList{d, QStringLiteral("DOCKER_CONTEXT=plain")} << dockerSock
            << "tcp://[::1]"
            << "DOCKER_CONTEXT"
            << "plain"
            << "http://[::1]:2375" << false << true << false;
        QTest::newRow("DOCKER_CONTEXT=default")
            << QString() << QStringList{d, QStringLiteral("DOCKER_CONTEXT=default")} << QStringList{}
            << "unix:///var/run/docker.sock"
            << "DOCKER_CONTEXT"
            << "default"
            << "http://localhost" << false << true << false;
        QTest::newRow("currentContext in config.json")
            << QString()
            << QStringList{QStringLiteral("DOCKER_CONFIG=") + m_home.filePath(QStringLiteral("cfg2"))}
            << dockerSock << "ssh://me@box"
            << "config.json"
            << "remote"
            << "http://localhost" << false << true << false;
        QTest::newRow("currentContext default")
            << QString()
            << QStringList{QStringLiteral("DOCKER_CONFIG=") + m_home.filePath(QStringLiteral("cfg3"))}
            << dockerSock << "unix:///var/run/docker.sock"
            << "default"
            << "default"
            << "http://localhost" << false << true << false;
        QTest::newRow("setting host beats env")
            << QStringLiteral("unix:///srv/docker.sock")
            << QStringList{d, QStringLiteral("DOCKER_HOST=tcp://1.2.3.4")} << dockerSock
            << "unix:///srv/docker.sock"
            << "setting" << QString() << "http://localhost" << false << true << false;
        QTest::newRow("setting context name")
            << QStringLiteral("remote") << QStringList{d} << dockerSock << "tcp://10.0.0.5:2376"
            << "setting"
            << "remote"
            << "https://10.0.0.5:2376" << true << true << false;
        QTest::newRow("rootless docker candidate")
            << QString() << QStringList{d, QStringLiteral("XDG_RUNTIME_DIR=/run/user/1000")}
            << QStringList{QStringLiteral("/run/user/1000/docker.sock"),
                           QStringLiteral("/run/podman/podman.sock")}
            << "unix:///run/user/1000/docker.sock"
            << "candidate"
            << "default"
            << "http://localhost" << false << true << false;
        QTest::newRow("podman rootful candidate")
            << QString() << QStringList{d, QStringLiteral("XDG_RUNTIME_DIR=/run/user/1000")}
            << QStringList{QStringLiteral("/run/podman/podman.sock")} << "unix:///run/podman/podman.sock"
            << "candidate"
            << "default"
            << "http://localhost" << false << true << true;
        QTest::newRow("podman rootless candidate")
            << QString() << QStringList{d, QStringLiteral("XDG_RUNTIME_DIR=/run/user/1000")}
            << QStringList{QStringLiteral("/run/user/1000/podman/podman.sock")}
            << "unix:///run/user/1000/podman/podman.sock"
            << "candidate"
            << "default"
            << "http://localhost" << false << true << true;
        QTest::newRow("nothing exists: default socket anyway")
            << QString() << QStringList{d} << QStringList{} << "unix:///var/run/docker.sock"
            << "default"
            << "default"
            << "http://localhost" << false << true << false;
    }

    void resolve() {
        QFETCH(QString, setting);
        QFETCH(QStringList, env);
        QFETCH(QStringList, existing);
        engine::EndpointInputs in;
        in.setting = setting;
        in.home = m_home.path();
        for (const QString& kv : env)
            in.env.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
        in.socketExists = [existing](const QString& p) { return existing.contains(p); };
        auto r = engine::resolveEndpoint(in);
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QTEST(r->host, "host");
        QTEST(r->source, "source");
        QTEST(r->contextName, "context");
        if (r->kind != Endpoint::Kind::Ssh)
            QTEST(r->baseUrl(), "baseUrl");
        QFETCH(bool, tlsFiles);
        QCOMPARE(!r->certFile.isEmpty() && !r->keyFile.isEmpty() && !r->caFile.isEmpty(), tlsFiles);
        QTEST(r->tlsVerify, "verify");
        QTEST(r->isPodmanSocket, "podman");
    }

    void errors_data() {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("messagePart");
        const QString d = QStringLiteral("DOCKER_CONFIG=") + m_config;
        QTest::newRow("unknown context") << QString() << QStringList{d, QStringLiteral("DOCKER_CONTEXT=nope")}
                                         << int(util::ErrorCode::NotFound) << "\"nope\" does not exist";
        QTest::newRow("bad DOCKER_HOST")
            << QString() << QStringList{d, QStringLiteral("DOCKER_HOST=ftp://x")}
            << int(util::ErrorCode::InvalidArgument) << "not a Docker engine address";
        QTest::newRow("broken config.json")
            << QString()
            << QStringList{QStringLiteral("DOCKER_CONFIG=") + m_home.filePath(QStringLiteral("cfg4"))}
            << int(util::ErrorCode::Parse) << "not valid JSON";
        QTest::newRow("bad setting") << QStringLiteral("unix://relative") << QStringList{d}
                                     << int(util::ErrorCode::InvalidArgument)
                                     << "not a Docker engine address";
    }

    void errors() {
        QFETCH(QString, setting);
        QFETCH(QStringList, env);
        QFETCH(int, code);
        QFETCH(QString, messagePart);
        engine::EndpointInputs in;
        in.setting = setting;
        in.home = m_home.path();
        for (const QString& kv : env)
            in.env.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
        auto r = engine::resolveEndpoint(in);
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error().code), code);
        QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
        QVERIFY(!r.error().hint.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
