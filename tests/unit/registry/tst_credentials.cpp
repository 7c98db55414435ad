// Credentials the docker CLI's way: config.json tables (auths, credsStore, credHelpers, key
// matching, identity tokens, DOCKER_AUTH_CONFIG) and a real credential helper: a test script
// put on PATH as docker-credential-sagedocktest, answering, failing, "not found" and hanging.

#include "tst_credentials.h"

#include "registry/credentials.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sagedock;
using namespace sagedock::registry;
using util::ErrorCode;

namespace {

QByteArray b64(const char* s) {
    return QByteArray(s).toBase64();
}

// A shell script standing in for docker-credential-<name>: reads the server key on stdin and
// answers by its name, the way docker-credential-helpers do.
const char kHelper[] = R"(#!/bin/sh
read -r key || true
case "$1" in
  get) ;;
  *) echo "unknown action $1"; exit 1 ;;
esac
case "$key" in
  ghcr.io) printf '{"ServerURL":"ghcr.io","Username":"sage-bot","Secret":"ghp_secret123"}' ;;
  https://index.docker.io/v1/) printf '{"ServerURL":"%s","Username":"<token>","Secret":"refresh-abc"}' "$key" ;;
  slow.example) exec sleep 30 ;;
  broken.example) echo "error getting credentials - err: exit status 1, out: keyring locked"; exit 1 ;;
  garbage.example) echo "not json at all" ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
)";

} // namespace

void TestCredentials::initTestCase() {
    m_helper = std::make_unique<testsupport::ScriptOnPath>(QStringLiteral("docker-credential-sagedocktest"),
                                                           QByteArray(kHelper));
    QVERIFY(m_helper->isValid());
}

void TestCredentials::cleanupTestCase() {
    m_helper.reset();
}

void TestCredentials::keys_data() {
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("key");
    QTest::newRow("docker.io") << "docker.io"
                               << "https://index.docker.io/v1/";
    QTest::newRow("index.docker.io") << "index.docker.io"
                                     << "https://index.docker.io/v1/";
    QTest::newRow("registry-1") << "registry-1.docker.io"
                                << "https://index.docker.io/v1/";
    QTest::newRow("ghcr") << "ghcr.io"
                          << "ghcr.io";
    QTest::newRow("with port") << "localhost:5000"
                               << "localhost:5000";
}

void TestCredentials::keys() {
    QFETCH(QString, host);
    QFETCH(QString, key);
    QCOMPARE(credentialKey(host), key);
}

void TestCredentials::decode_data() {
    QTest::addColumn<QByteArray>("auth");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("secret");
    QTest::newRow("plain") << b64("sage:pw") << true << "sage"
                           << "pw";
    QTest::newRow("colon in secret") << b64("sage:a:b:c") << true << "sage"
                                     << "a:b:c";
    QTest::newRow("trailing NULs") << QByteArray("sage:pw\0\0", 9).toBase64() << true << "sage"
                                   << "pw";
    QTest::newRow("no colon") << b64("sage") << false << ""
                              << "";
    QTest::newRow("not base64") << QByteArray("%%%") << false << ""
                                << "";
}

void TestCredentials::decode() {
    QFETCH(QByteArray, auth);
    QFETCH(bool, ok);
    QFETCH(QString, user);
    QFETCH(QString, secret);
    const auto c = decodeAuth(auth);
    QCOMPARE(c.ok(), ok);
    if (ok) {
        QCOMPARE(c->username, user);
        QCOMPARE(c->secret, secret);
    } else {
        QVERIFY(!c.error().message.contains(QLatin1String("pw")));
    }
}

void TestCredentials::config_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("helper");
    QTest::addColumn<QString>("user"); // inline credentials; "-" = none
    QTest::addColumn<QString>("secret");
    const QByteArray auths = R"({"auths":{"https://index.docker.io/v1/":{"auth":")" + b64("hubuser:hubpw") +
                             R"("},"ghcr.io":{"auth":")" + b64("gh:ghpw") +
                             R"("},"https://quay.io/v2/":{"auth":")" + b64("q:qpw") +
                             R"("},"localhost:5000":{"auth":")" + b64("l:lpw") + R"("}}})";
    QTest::newRow("hub inline") << auths << "docker.io"
                                << ""
                                << "hubuser"
                                << "hubpw";
    QTest::newRow("ghcr inline") << auths << "ghcr.io"
                                 << ""
                                 << "gh"
                                 << "ghpw";
    QTest::newRow("old key with scheme and path") << auths << "quay.io"
                                                  << ""
                                                  << "q"
                                                  << "qpw";
    QTest::newRow("host with port") << auths << "localhost:5000"
                                    << ""
                                    << "l"
                                    << "lpw";
    QTest::newRow("unknown host") << auths << "registry.gitlab.com"
                                  << ""
                                  << "-"
                                  << "";
    QTest::newRow("credsStore for all")
        << QByteArray(R"({"auths":{"ghcr.io":{}},"credsStore":"desktop"})") << "ghcr.io"
        << "desktop"
        << "-"
        << "";
    QTest::newRow("credHelpers wins over credsStore")
        << QByteArray(R"({"credsStore":"desktop","credHelpers":{"ghcr.io":"gh","docker.io":"hubhelper"}})")
        << "ghcr.io"
        << "gh"
        << "-"
        << "";
    QTest::newRow("credHelpers docker.io key")
        << QByteArray(R"({"credsStore":"desktop","credHelpers":{"docker.io":"hubhelper"}})") << "docker.io"
        << "hubhelper"
        << "-"
        << "";
    QTest::newRow("identity token") << QByteArray(R"({"auths":{"ghcr.io":{"auth":")" + b64("me:") +
                                                  R"(","identitytoken":"idtok"}}})")
                                    << "ghcr.io"
                                    << ""
                                    << "me"
                                    << "idtok";
    QTest::newRow("empty file") << QByteArray("") << "ghcr.io"
                                << ""
                                << "-"
                                << "";
}

void TestCredentials::config() {
    QFETCH(QByteArray, json);
    QFETCH(QString, host);
    QFETCH(QString, helper);
    QFETCH(QString, user);
    QFETCH(QString, secret);
    const auto parsed = DockerConfig::parse(json);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
    QCOMPARE(parsed->helperFor(host), helper);
    const auto creds = parsed->inlineCredentials(host);
    if (user == QLatin1String("-")) {
        QVERIFY(!creds);
        return;
    }
    QVERIFY(creds);
    QCOMPARE(creds->username, user);
    QCOMPARE(creds->secret, secret);
    QCOMPARE(creds->identityToken, QTest::currentDataTag() == QByteArray("identity token"));
}

void TestCredentials::brokenConfigNamesTheFile() {
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("config.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"auths": {"ghcr.io": )");
    f.close();
    const auto loaded = DockerConfig::load(f.fileName());
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, ErrorCode::Parse);
    QVERIFY(loaded.error().message.contains(f.fileName()));
    QVERIFY(DockerConfig::load(dir.filePath(QStringLiteral("missing.json"))).ok());
}

void TestCredentials::environmentAuths() {
    auto config = DockerConfig::parse(R"({"auths":{"ghcr.io":{"auth":")" + b64("file:filepw") + R"("}}})");
    QVERIFY(config.ok());
    DockerConfig c = config.value();
    c.mergeEnvironment(R"({"auths":{"ghcr.io":{"auth":")" + b64("env:envpw") + R"("},"quay.io":{"auth":")" +
                       b64("envq:qpw") + R"("}}})");
    QCOMPARE(c.inlineCredentials(QStringLiteral("ghcr.io"))->username, QStringLiteral("file"));
    QCOMPARE(c.inlineCredentials(QStringLiteral("quay.io"))->username, QStringLiteral("envq"));
}

void TestCredentials::helper_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<bool>("identity");
    QTest::newRow("answers") << "ghcr.io" << 10000 << int(ErrorCode::None) << "sage-bot"
                             << "ghp_secret123" << false;
    QTest::newRow("identity token") << "https://index.docker.io/v1/" << 10000 << int(ErrorCode::None) << ""
                                    << "refresh-abc" << true;
    QTest::newRow("not found is anonymous") << "quay.io" << 10000 << int(ErrorCode::None) << ""
                                            << "" << false;
    QTest::newRow("failure") << "broken.example" << 10000 << int(ErrorCode::Process) << ""
                             << "" << false;
    QTest::newRow("garbage") << "garbage.example" << 10000 << int(ErrorCode::Parse) << ""
                             << "" << false;
    QTest::newRow("hangs past the timeout") << "slow.example" << 400 << int(ErrorCode::Timeout) << ""
                                            << "" << false;
}

void TestCredentials::helper() {
    QFETCH(QString, key);
    QFETCH(int, timeoutMs);
    QFETCH(int, code);
    QFETCH(QString, user);
    QFETCH(QString, secret);
    QFETCH(bool, identity);
    CredentialHelper run(QStringLiteral("sagedocktest"), key, timeoutMs);
    QSignalSpy done(&run, &util::Job::finished);
    QElapsedTimer clock;
    clock.start();
    run.start();
    QVERIFY(done.wait(10000));
    QCOMPARE(done.count(), 1);
    if (code != int(ErrorCode::None)) {
        QVERIFY(run.error());
        QCOMPARE(int(run.error().code), code);
        QVERIFY(run.error().message.contains(QLatin1String("docker-credential-sagedocktest")));
        if (code == int(ErrorCode::Timeout))
            QVERIFY2(clock.elapsed() < 5000, "the timeout must end a hanging helper");
        if (code == int(ErrorCode::Process))
            QVERIFY(run.error().message.contains(QLatin1String("keyring locked")));
        return;
    }
    QVERIFY2(!run.error(), qPrintable(run.error().toString()));
    QCOMPARE(run.result().username, user);
    QCOMPARE(run.result().secret, secret);
    QCOMPARE(run.result().identityToken, identity);
}

void TestCredentials::missingHelper() {
    CredentialHelper run(QStringLiteral("does-not-exist-anywhere"), QStringLiteral("ghcr.io"), 1000);
    QSignalSpy done(&run, &util::Job::finished);
    run.start();
    QVERIFY(done.wait(5000));
    QCOMPARE(run.error().code, ErrorCode::Process);
    QVERIFY(run.error().message.contains(QLatin1String("not installed")));
}

void TestCredentials::lookupThroughDockerConfig() {
    // The whole chain as the client uses it: DOCKER_CONFIG → credHelpers → the script.
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("config.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"credHelpers":{"ghcr.io":"sagedocktest"},"auths":{"localhost:5000":{"auth":")" +
            b64("l:lpw") + R"("}}})");
    f.close();
    const QByteArray old = qgetenv("DOCKER_CONFIG");
    qputenv("DOCKER_CONFIG", dir.path().toLocal8Bit());
    const CredentialLookup lookup = dockerConfigCredentials(5000);
    std::optional<util::Result<Credentials>> ghcr, local;
    lookup(QStringLiteral("ghcr.io"), [&](util::Result<Credentials> r) { ghcr = r; });
    lookup(QStringLiteral("localhost:5000"), [&](util::Result<Credentials> r) { local = r; });
    QTRY_VERIFY_WITH_TIMEOUT(ghcr.has_value() && local.has_value(), 5000);
    if (old.isEmpty())
        qunsetenv("DOCKER_CONFIG");
    else
        qputenv("DOCKER_CONFIG", old);
    QVERIFY(ghcr->ok());
    QCOMPARE(ghcr->value().username, QStringLiteral("sage-bot"));
    QCOMPARE(local->value().secret, QStringLiteral("lpw"));
}

QTEST_GUILESS_MAIN(TestCredentials)
