// registry::Client through a FaultProxy in front of the real registry: 429 with Retry-After,
// 503 then success, malformed JSON, a config that does not match its digest, a truncated body,
// a stall past the timeout, Link pagination (relative, absolute, looping, foreign, too many
// pages), an oversized body, rate-limit headers; then auth: a bearer token service (anonymous,
// with credentials, one refresh on 401, identity tokens), Basic auth, and a credential helper
// found through DOCKER_CONFIG.

#include "tst_registryfaults.h"

#include "http/transport.h"
#include "registry/manifestparser.h"
#include "testenvironment.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTest>

using namespace sagedock;
using namespace sagedock::testsupport;
using registry::Client;
using registry::ClientOptions;
using registry::Credentials;
using util::ErrorCode;
using Fault = FaultProxy::Fault;

namespace {

QRegularExpression re(const char* pattern) {
    return QRegularExpression(QString::fromLatin1(pattern));
}

registry::CredentialLookup fixed(const Credentials& c) {
    return [c](const QString&, registry::CredentialCallback done) { done(c); };
}

template <typename J> std::unique_ptr<J> run(J* job, int timeoutMs = 20000) {
    std::unique_ptr<J> owned(job);
    waitFor(owned.get(), timeoutMs);
    return owned;
}

} // namespace

registry::Repository TestRegistryFaults::repo() const {
    return registry::Repository{m_proxy->address(), m_repo.path};
}

void TestRegistryFaults::initTestCase() {
    SAGEDOCK_REQUIRE_ENGINE();
    SAGEDOCK_REQUIRE_REGISTRY(m_registry);
    m_engine = std::make_unique<http::Transport>();
    RegistrySeed seed(m_registry);
    auto seeded = seedSageRepository(seed, uniquePrefix() +
                                               QStringLiteral("/sage-debian-bookworm-standard-configured"));
    QVERIFY2(seeded.ok(), qPrintable(seeded.error().toString()));
    m_repo = seeded.value();
    // More tags for pagination: 10.0 … 10.6 plus dev.
    for (const char* tag : {"10.0", "10.1", "10.2", "10.3", "10.6"}) {
        auto pushed = seed.pushManifest(m_repo.path, QString::fromLatin1(tag), m_repo.plain.mediaType,
                                        m_repo.plain.manifest);
        QVERIFY2(pushed.ok(), qPrintable(pushed.error().toString()));
    }
}

void TestRegistryFaults::init() {
    // A fresh proxy per test: no rules, no auth, an empty log.
    m_proxy = std::make_unique<FaultProxy>(m_registry);
    QString why;
    QVERIFY2(m_proxy->start(&why), qPrintable(why));
}

void TestRegistryFaults::cleanupTestCase() {
    m_proxy.reset();
    m_engine.reset();
}

void TestRegistryFaults::retryAfterThenSuccess() {
    m_proxy->addRule({.path = re("/tags/list"),
                      .fault = Fault::Status,
                      .times = 1,
                      .status = 429,
                      .headers = {{"Retry-After", "1"}, {"Content-Type", "application/json"}},
                      .body = "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}"});
    Client client(*m_engine);
    QElapsedTimer clock;
    clock.start();
    auto job = run(client.listTags(repo()));
    QVERIFY2(!job->error(), qPrintable(job->error().toString()));
    QCOMPARE(job->result().tags.size(), 8);
    QCOMPARE(m_proxy->count("GET", QStringLiteral("/tags/list")), 2);
    QVERIFY2(clock.elapsed() >= 900, "Retry-After: 1 must be honoured");
}

void TestRegistryFaults::rateLimitedUntil() {
    m_proxy->addRule(
        {.path = re("/manifests/"),
         .fault = Fault::Status,
         .status = 429,
         .headers = {{"Retry-After", "3600"}, {"Content-Type", "application/json"}},
         .body = "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"You have reached your pull rate "
                 "limit.\"}]}"});
    Client client(*m_engine);
    auto job = run(client.manifest(repo(), QStringLiteral("dev")));
    QCOMPARE(job->error().code, ErrorCode::RateLimited);
    const QString until = QDateTime::currentDateTime().addSecs(3600).toString(QStringLiteral("HH:mm"));
    const QString untilLater = QDateTime::currentDateTime().addSecs(3660).toString(QStringLiteral("HH:mm"));
    QVERIFY2(job->error().message.contains(QStringLiteral("rate limited the requests until ") + until) ||
                 job->error().message.contains(QStringLiteral("until ") + untilLater),
             qPrintable(job->error().message));
    QVERIFY(!job->error().hint.isEmpty());
    // A long Retry-After is reported at once, not waited for (and not retried). A cold lookup outside
    // Docker Hub GETs the manifest by tag (digest and content in one round trip).
    QCOMPARE(m_proxy->count("GET", QStringLiteral("/manifests/dev")), 1);
}

void TestRegistryFaults::unavailableThenSuccess() {
    m_proxy->addRule({.path = re("/manifests/"), .fault = Fault::Status, .times = 2, .status = 503});
    Client client(*m_engine);
    auto job = run(client.manifest(repo(), QStringLiteral("dev")));
    QVERIFY2(!job->error(), qPrintable(job->error().toString()));
    QCOMPARE(job->result().digest, m_repo.amd64.digest);
    QCOMPARE(m_proxy->count("GET", QStringLiteral("/manifests/dev")), 3);
}

void TestRegistryFaults::unavailableForever() {
    m_proxy->addRule({.path = re("/tags/list"),
                      .fault = Fault::Status,
                      .status = 503,
                      .headers = {{"Content-Type", "application/json"}},
                      .body = "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"maintenance\"}]}"});
    Client client(*m_engine);
    auto job = run(client.listTags(repo()), 30000);
    QCOMPARE(job->error().code, ErrorCode::HttpStatus);
    QVERIFY2(job->error().message.contains(QLatin1String("answered with HTTP 503 (maintenance)")),
             qPrintable(job->error().message));
    QVERIFY(job->error().hint.contains(QLatin1String("try again later")));
    QCOMPARE(m_proxy->count("GET", QStringLiteral("/tags/list")), 4); // the engine's retry budget
}

void TestRegistryFaults::malformedJson() {
    m_proxy->addRule({.path = re("/tags/list"), .fault = Fault::MalformedJson});
    Client client(*m_engine);
    auto tags = run(client.listTags(repo()));
    QCOMPARE(tags->error().code, ErrorCode::Protocol);
    QVERIFY2(tags->error().message.contains(QLatin1String("not valid JSON")),
             qPrintable(tags->error().message));
    // A manifest cut short no longer matches its digest (by tag: the digest the registry states).
    m_proxy->addRule({.path = re("/manifests/"), .fault = Fault::MalformedJson});
    auto manifest = run(client.manifest(repo(), QStringLiteral("10.4")));
    QCOMPARE(manifest->error().code, ErrorCode::Protocol);
    QVERIFY2(manifest->error().message.contains(QLatin1String("does not match")),
             qPrintable(manifest->error().message));
}

void TestRegistryFaults::configNotMatchingItsDigest() {
    m_proxy->addRule({.path = re("/blobs/sha256:"), .fault = Fault::MalformedJson});
    QTemporaryDir cacheDir;
    Client client(*m_engine, {.cacheDirectory = cacheDir.path()});
    auto job = run(client.config(repo(), m_repo.amd64.configDigest));
    QCOMPARE(job->error().code, ErrorCode::Protocol);
    QVERIFY2(job->error().message.contains(QLatin1String("does not match its digest")),
             qPrintable(job->error().message));
    // Nothing bad was cached: once the proxy behaves, the real config arrives.
    m_proxy->clearRules();
    auto again = run(client.config(repo(), m_repo.amd64.configDigest));
    QVERIFY2(!again->error(), qPrintable(again->error().toString()));
    QCOMPARE(again->result().user, QStringLiteral("sage"));
}

void TestRegistryFaults::truncatedBody() {
    m_proxy->addRule({.path = re("/manifests/"), .fault = Fault::TruncatedBody});
    Client client(*m_engine);
    auto job = run(client.manifest(repo(), QStringLiteral("10.4")), 30000);
    QCOMPARE(job->error().code, ErrorCode::Network);
    QVERIFY(!job->error().message.isEmpty());
    QCOMPARE(m_proxy->count("GET", QStringLiteral("/manifests/")), 4); // retried, then reported
}

void TestRegistryFaults::stallPastTheTimeout() {
    m_proxy->addRule({.path = re("/tags/list"), .fault = Fault::Stall});
    Client client(*m_engine, {.requestTimeoutMs = 1500});
    QElapsedTimer clock;
    clock.start();
    auto job = run(client.listTags(repo()), 20000);
    QVERIFY(job->isFinished());
    QCOMPARE(job->error().code, ErrorCode::Timeout);
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QStringLiteral("took %1 ms").arg(clock.elapsed())));
}

void TestRegistryFaults::pagination_data() {
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<bool>("absolute");
    QTest::addColumn<int>("pages");
    QTest::newRow("relative, 1 per page") << 1 << false << 8;
    QTest::newRow("relative, 3 per page") << 3 << false << 3;
    QTest::newRow("absolute, 2 per page") << 2 << true << 4;
    QTest::newRow("one page") << 100 << false << 1;
}

void TestRegistryFaults::pagination() {
    QFETCH(int, pageSize);
    QFETCH(bool, absolute);
    QFETCH(int, pages);
    m_proxy->addRule({.path = re("/tags/list"),
                      .fault = Fault::PaginateTags,
                      .pageSize = pageSize,
                      .absoluteLinks = absolute});
    Client client(*m_engine);
    auto job = run(client.listTags(repo()));
    QVERIFY2(!job->error(), qPrintable(job->error().toString()));
    QStringList tags = job->result().tags;
    QCOMPARE(tags.size(), 8);
    tags.sort();
    QCOMPARE(tags.first(), QStringLiteral("10.0"));
    QCOMPARE(tags.last(), QStringLiteral("dev"));
    QCOMPARE(job->result().pages, pages);
    QCOMPARE(m_proxy->count("GET", QStringLiteral("/tags/list")), pages);
}

void TestRegistryFaults::paginationLoop() {
    m_proxy->addRule({.path = re("/tags/list"), .fault = Fault::PaginationLoop});
    Client client(*m_engine);
    auto job = run(client.listTags(repo()));
    QCOMPARE(job->error().code, ErrorCode::Protocol);
    QVERIFY2(job->error().message.contains(QLatin1String("loop")), qPrintable(job->error().message));
    QCOMPARE(m_proxy->count("GET", QStringLiteral("/tags/list")), 2);
}

void TestRegistryFaults::paginationToAnotherHost() {
    m_proxy->addRule({.path = re("/tags/list"), .fault = Fault::ForeignLink});
    Client client(*m_engine);
    auto job = run(client.listTags(repo()));
    QCOMPARE(job->error().code, ErrorCode::Protocol);
    QVERIFY2(job->error().message.contains(QLatin1String("another server")),
             qPrintable(job->error().message));
    QCOMPARE(m_proxy->count("GET", QStringLiteral("/tags/list")), 1);
}

// Issue 13: plain HTTP only ever reaches loopback or the insecure-marked registry itself, after
// redirects too; the registry here is on loopback, so it may send us on to loopback only.
void TestRegistryFaults::redirects_data() {
    QTest::addColumn<QString>("location"); // %1 = the proxy's own host:port
    QTest::addColumn<bool>("followed");
    QTest::newRow("http, another host") << QStringLiteral("http://192.0.2.1:5000/v2/x/tags/list") << false;
    QTest::newRow("http, another host, no port")
        << QStringLiteral("http://example.org/v2/x/tags/list") << false;
    QTest::newRow("http, loopback itself") << QStringLiteral("http://%1/v2/%2/tags/list?r=1") << true;
    QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1/x") << false;
}

void TestRegistryFaults::redirects() {
    QFETCH(QString, location);
    QFETCH(bool, followed);
    if (location.contains(QLatin1String("%1")))
        location = location.arg(m_proxy->address(), repo().path);
    m_proxy->addRule({.path = re("/tags/list$"),
                      .fault = Fault::Status,
                      .times = 1,
                      .status = 307,
                      .headers = {{"Location", location.toUtf8()}}});
    Client client(*m_engine);
    auto job = run(client.listTags(repo()));
    if (followed) {
        QVERIFY2(!job->error(), qPrintable(job->error().toString()));
        QCOMPARE(m_proxy->count("GET", QStringLiteral("/tags/list")), 2);
        return;
    }
    QCOMPARE(job->error().code, ErrorCode::Protocol);
    QVERIFY2(job->error().message.contains(m_proxy->address()), qPrintable(job->error().message));
    QVERIFY2(job->error().message.contains(QLatin1String("refused to follow")) ||
                 job->error().message.contains(QLatin1String("does not follow")),
             qPrintable(job->error().message));
    QCOMPARE(m_proxy->count("GET", QStringLiteral("/tags/list")), 1);
}

void TestRegistryFaults::pageCountGuard() {
    m_proxy->addRule({.path = re("/tags/list"), .fault = Fault::PaginateTags, .pageSize = 1});
    Client client(*m_engine, {.maxTagPages = 3});
    auto job = run(client.listTags(repo()));
    QCOMPARE(job->error().code, ErrorCode::TooLarge);
    QVERIFY2(job->error().message.contains(QLatin1String("more than 3 pages")),
             qPrintable(job->error().message));
    QCOMPARE(m_proxy->count("GET", QStringLiteral("/tags/list")), 3);
}

void TestRegistryFaults::oversizedBody() {
    m_proxy->addRule({.path = re("/manifests/"), .fault = Fault::OversizedBody, .size = 6 * 1024 * 1024});
    Client client(*m_engine);
    auto job = run(client.manifest(repo(), QStringLiteral("10.4")));
    QCOMPARE(job->error().code, ErrorCode::TooLarge);
    QCOMPARE(m_proxy->count("GET", QStringLiteral("/manifests/")), 1); // too large is not retried
}

void TestRegistryFaults::rateLimitHeadersSurfaced() {
    m_proxy->addRule({.path = re("/manifests/"),
                      .fault = Fault::AddHeaders,
                      .headers = {{"ratelimit-limit", "100;w=21600"},
                                  {"ratelimit-remaining", "76;w=21600"},
                                  {"docker-ratelimit-source", "192.0.2.7"}}});
    Client client(*m_engine);
    QSignalSpy changed(&client, &Client::rateLimitChanged);
    auto job = run(client.manifest(repo(), QStringLiteral("10.4")));
    QVERIFY2(!job->error(), qPrintable(job->error().toString()));
    QCOMPARE(job->rateLimit().limit, 100);
    QCOMPARE(job->rateLimit().remaining, 76);
    QCOMPARE(job->rateLimit().windowSec, 21600);
    QCOMPARE(job->rateLimit().source, QStringLiteral("192.0.2.7"));
    QCOMPARE(client.rateLimit(m_proxy->address()).remaining, 76);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(changed.last().at(0).toString(), m_proxy->address());
}

void TestRegistryFaults::bearerAnonymous() {
    m_proxy->requireBearer({});
    Client client(*m_engine);
    auto tags = run(client.listTags(repo()));
    auto manifest = run(client.manifest(repo(), QStringLiteral("dev")));
    auto config = run(client.config(repo(), manifest->result().config.digest));
    QVERIFY2(!tags->error(), qPrintable(tags->error().toString()));
    QVERIFY2(!manifest->error(), qPrintable(manifest->error().toString()));
    QVERIFY2(!config->error(), qPrintable(config->error().toString()));
    // One token for the repository scope, fetched without credentials and reused by every call.
    QCOMPARE(m_proxy->tokenRequests(), 1);
    QCOMPARE(m_proxy->tokenAuthorizations(), QList<QByteArray>{QByteArray()});
    QCOMPARE(client.stats().tokenFetches, quint64(1));
    for (const FaultProxy::Seen& s : m_proxy->requests())
        if (s.path.startsWith("/v2/") && s.path != "/v2/")
            QVERIFY2(s.authorization.startsWith("Bearer "), s.path.constData());
}

// A matrix says which repositories it will read: the first token request asks for all their scopes
// (in batches the URL can carry), the later images need no token round trip of their own, and the
// hint alone sends nothing.
void TestRegistryFaults::expectedRepositoriesShareTheFirstTokenRequest() {
    m_proxy->requireBearer({});
    Client client(*m_engine);
    QList<registry::Repository> repositories{repo()};
    for (int i = 0; i < 59; ++i)
        repositories << registry::Repository{repo().host, repo().path + QStringLiteral("-%1").arg(i)};
    client.expectRepositories(repositories);
    QCoreApplication::processEvents();
    QVERIFY(m_proxy->requests().isEmpty());
    QCOMPARE(client.stats().tokenFetches, quint64(0));

    auto first = run(client.manifest(repo(), QStringLiteral("dev")));
    QVERIFY2(!first->error(), qPrintable(first->error().toString()));
    // 60 scopes: one request of 40 and one of 20, sent together.
    QCOMPARE(m_proxy->tokenRequests(), 2);
    QStringList asked;
    for (const QStringList& scopes : m_proxy->tokenScopes()) {
        QVERIFY(scopes.size() <= 40);
        asked += scopes;
    }
    QCOMPARE(asked.size(), 60);
    QVERIFY(asked.contains(QStringLiteral("repository:%1:pull").arg(repositories.last().path)));
    for (qsizetype i = 1; i < repositories.size(); ++i) {
        auto other = run(client.manifest(repositories.at(i), QStringLiteral("dev")));
        QCOMPARE(other->error().code, ErrorCode::NotFound); // authorised, and not there
    }
    QCOMPARE(m_proxy->tokenRequests(), 2);
    QCOMPARE(client.stats().tokenFetches, quint64(2));
}

// The realm the registry names does not answer at all (its token service is down): one sentence that
// names the token service's address, after the transport's retries; nothing cached, and the next call
// asks again.
void TestRegistryFaults::tokenServiceDown() {
    QTcpServer closed; // a free port that nothing listens on once closed
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    const QString realm = QStringLiteral("http://127.0.0.1:%1/token").arg(port);
    m_proxy->requireBearer({.realm = realm});
    Client client(*m_engine);
    // A repository no other test read: nothing of it is in the cache, so the call needs a token.
    const registry::Repository unread{repo().host, QStringLiteral("sagedock/token-service-down")};
    QElapsedTimer timer;
    timer.start();
    auto job = run(client.manifest(unread, QStringLiteral("dev")), 60000);
    QVERIFY2(job->isFinished(), qPrintable(QStringLiteral("unfinished after %1 ms").arg(timer.elapsed())));
    QVERIFY(job->error());
    const QString text = job->error().toString();
    QVERIFY2(text.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(text));
    QCOMPARE(text.count(QLatin1Char('\n')), 0);
    // The transport's 4 attempts with backoff, not more: a refused connection is not a casualty.
    QVERIFY2(timer.elapsed() < 15000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(m_proxy->tokenRequests(), 0);
    // Nothing was cached: the next call asks the token service again, and fails the same way.
    const quint64 fetches = client.stats().tokenFetches;
    auto again = run(client.manifest(unread, QStringLiteral("dev")));
    QVERIFY(again->error());
    QVERIFY(client.stats().tokenFetches > fetches);
}

void TestRegistryFaults::bearerWithCredentials() {
    m_proxy->requireBearer({.user = QStringLiteral("sage-bot"),
                            .password = QStringLiteral("s3cret"),
                            .anonymousAllowed = false,
                            .privateRepositories = {m_repo.path},
                            .expiresIn = 0,
                            .useAccessTokenField = true});
    int lookups = 0;
    const registry::CredentialLookup counting = [&lookups](const QString&,
                                                           registry::CredentialCallback done) {
        ++lookups;
        done(Credentials{QStringLiteral("sage-bot"), QStringLiteral("s3cret"), false});
    };
    Client client(*m_engine, {.credentials = counting});
    auto manifest = run(client.manifest(repo(), QStringLiteral("dev")));
    auto tags = run(client.listTags(repo()));
    QVERIFY2(!manifest->error(), qPrintable(manifest->error().toString()));
    QVERIFY2(!tags->error(), qPrintable(tags->error().toString()));
    QCOMPARE(manifest->result().digest, m_repo.amd64.digest);
    QCOMPARE(m_proxy->tokenRequests(), 1);
    QCOMPARE(m_proxy->tokenAuthorizations().first(), "Basic " + QByteArray("sage-bot:s3cret").toBase64());
    QCOMPARE(lookups, 1); // once per host, not per call
    // After a new `docker login` the app clears tokens: credentials are looked up again.
    client.clearTokens();
    auto again = run(client.manifest(repo(), QStringLiteral("10.4")));
    QVERIFY2(!again->error(), qPrintable(again->error().toString()));
    QCOMPARE(lookups, 2);
    QCOMPARE(m_proxy->tokenRequests(), 2);
}

void TestRegistryFaults::bearerWithoutOrWrongCredentials_data() {
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("hint");
    QTest::newRow("anonymous") << ""
                               << ""
                               << "needs a login"
                               << "docker login ";
    QTest::newRow("wrong password") << "sage-bot"
                                    << "wrong"
                                    << "refused the stored credentials"
                                    << "again";
}

void TestRegistryFaults::bearerWithoutOrWrongCredentials() {
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, message);
    QFETCH(QString, hint);
    m_proxy->requireBearer({.user = QStringLiteral("sage-bot"),
                            .password = QStringLiteral("s3cret"),
                            .privateRepositories = {m_repo.path}});
    Client client(*m_engine, {.credentials = fixed({user, password, false})});
    auto job = run(client.listTags(repo()));
    QCOMPARE(job->error().code, ErrorCode::Unauthorized);
    QVERIFY2(job->error().message.contains(message), qPrintable(job->error().message));
    QVERIFY2(
        job->error().hint.contains(hint + (hint == QLatin1String("again") ? QString() : m_proxy->address())),
        qPrintable(job->error().hint));
    QVERIFY2(!job->error().toString().contains(QLatin1String("wrong")), "secrets never appear in errors");
    // No token loop: at most one fresh try after the first refusal.
    QVERIFY(m_proxy->tokenRequests() <= 2);
}

void TestRegistryFaults::bearerRefreshOnce() {
    m_proxy->requireBearer({});
    Client client(*m_engine, {.tagsTtlSec = 0}); // always ask the registry
    auto first = run(client.listTags(repo()));
    QVERIFY(!first->error());
    QCOMPARE(m_proxy->tokenRequests(), 1);
    m_proxy->revokeTokens(); // the cached token is now refused with 401 invalid_token
    auto second = run(client.listTags(repo()));
    QVERIFY2(!second->error(), qPrintable(second->error().toString()));
    QCOMPARE(m_proxy->tokenRequests(), 2);
    QCOMPARE(m_proxy->count("GET", QStringLiteral("/tags/list")), 3); // ok, 401, ok
}

void TestRegistryFaults::bearerIdentityToken() {
    m_proxy->requireBearer({.user = QStringLiteral("sage-bot"),
                            .password = QStringLiteral("refresh-xyz"),
                            .anonymousAllowed = false});
    Client client(*m_engine, {.credentials = fixed({QString(), QStringLiteral("refresh-xyz"), true})});
    auto job = run(client.listTags(repo()));
    QVERIFY2(!job->error(), qPrintable(job->error().toString()));
    QCOMPARE(m_proxy->count("POST", QStringLiteral("^/token")), 1); // OAuth2 refresh-token grant
}

void TestRegistryFaults::basicAuth() {
    m_proxy->requireBasic(QStringLiteral("admin"), QStringLiteral("pw"));
    Client with(*m_engine, {.credentials = fixed({QStringLiteral("admin"), QStringLiteral("pw"), false})});
    auto ok = run(with.manifest(repo(), QStringLiteral("10.5")));
    QVERIFY2(!ok->error(), qPrintable(ok->error().toString()));
    QCOMPARE(ok->result().digest, m_repo.docker.digest);
    for (const FaultProxy::Seen& s : m_proxy->requests())
        if (s.path != "/v2/")
            QCOMPARE(s.authorization, "Basic " + QByteArray("admin:pw").toBase64());
    Client without(*m_engine);
    auto refused = run(without.manifest(repo(), QStringLiteral("10.5")));
    QCOMPARE(refused->error().code, ErrorCode::Unauthorized);
    QVERIFY(refused->error().hint.contains(QStringLiteral("docker login ") + m_proxy->address()));
}

void TestRegistryFaults::credentialHelperEndToEnd() {
    // DOCKER_CONFIG → credHelpers[host] → docker-credential-sagedockfault on PATH → token with Basic.
    QTemporaryDir dir;
    QFile helper(dir.filePath(QStringLiteral("docker-credential-sagedockfault")));
    QVERIFY(helper.open(QIODevice::WriteOnly));
    helper.write("#!/bin/sh\nread -r key\nprintf "
                 "'{\"ServerURL\":\"%s\",\"Username\":\"sage-bot\",\"Secret\":\"s3cret\"}' \"$key\"\n");
    helper.close();
    helper.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile config(dir.filePath(QStringLiteral("config.json")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("{\"credHelpers\":{\"" + m_proxy->address().toUtf8() + "\":\"sagedockfault\"}}");
    config.close();
    const QByteArray oldPath = qgetenv("PATH");
    const QByteArray oldConfig = qgetenv("DOCKER_CONFIG");
    qputenv("PATH", dir.path().toLocal8Bit() + ':' + oldPath);
    qputenv("DOCKER_CONFIG", dir.path().toLocal8Bit());
    m_proxy->requireBearer({.user = QStringLiteral("sage-bot"),
                            .password = QStringLiteral("s3cret"),
                            .anonymousAllowed = false});
    Client client(*m_engine, {.credentials = registry::dockerConfigCredentials(5000)});
    auto job = run(client.listTags(repo()));
    qputenv("PATH", oldPath);
    if (oldConfig.isEmpty())
        qunsetenv("DOCKER_CONFIG");
    else
        qputenv("DOCKER_CONFIG", oldConfig);
    QVERIFY2(!job->error(), qPrintable(job->error().toString()));
    QCOMPARE(m_proxy->tokenAuthorizations().value(0), "Basic " + QByteArray("sage-bot:s3cret").toBase64());
}

QTEST_GUILESS_MAIN(TestRegistryFaults)
