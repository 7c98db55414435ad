// Tables for what the registry client reads off the wire: WWW-Authenticate challenges, Link
// pagination, error bodies and statuses turned into sentences, rate-limit headers, manifests,
// indexes (attestations hidden, platform pick), config blobs, digests and RFC 3339 times.

#include "tst_parsers.h"

#include "registry/authchallenge.h"
#include "registry/manifestparser.h"
#include "registry/pagination.h"
#include "registry/registryerrors.h"

#include <QTest>

using namespace sagedock;
using namespace sagedock::registry;
using util::ErrorCode;

namespace {

http::Response response(int status, const QByteArray& body = {}, const http::Headers& headers = {}) {
    http::Response r;
    r.status = status;
    r.body = body;
    r.headers = headers;
    return r;
}

QString hex64(char c) {
    return QString(64, QLatin1Char(c));
}

} // namespace

void TestParsers::challenges_data() {
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("realm");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("error");
    QTest::newRow("docker hub")
        << QByteArray(
               R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull")")
        << "bearer"
        << "https://auth.docker.io/token"
        << "registry.docker.io"
        << "repository:library/alpine:pull"
        << "";
    QTest::newRow("ghcr generic scope on /v2/")
        << QByteArray(
               R"(Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:user/image:pull")")
        << "bearer"
        << "https://ghcr.io/token"
        << "ghcr.io"
        << "repository:user/image:pull"
        << "";
    QTest::newRow("scope with comma and spaces around")
        << QByteArray(
               R"(Bearer realm = "https://r.example/token" , service="svc", scope="repository:a/b:pull,push")")
        << "bearer"
        << "https://r.example/token"
        << "svc"
        << "repository:a/b:pull,push"
        << "";
    QTest::newRow("insufficient scope")
        << QByteArray(
               R"(Bearer realm="https://r/t",service="s",scope="repository:x:pull",error="insufficient_scope")")
        << "bearer"
        << "https://r/t"
        << "s"
        << "repository:x:pull"
        << "insufficient_scope";
    QTest::newRow("basic") << QByteArray(R"(Basic realm="Registry Realm")") << "basic"
                           << "Registry Realm"
                           << ""
                           << ""
                           << "";
    QTest::newRow("lowercase scheme, unquoted")
        << QByteArray("bearer realm=https://r/t,service=reg") << "bearer"
        << "https://r/t"
        << "reg"
        << ""
        << "";
    QTest::newRow("escaped quote") << QByteArray(R"(Basic realm="my \"quoted\" realm")") << "basic"
                                   << "my \"quoted\" realm"
                                   << ""
                                   << ""
                                   << "";
}

void TestParsers::challenges() {
    QFETCH(QByteArray, header);
    QFETCH(QString, scheme);
    QFETCH(QString, realm);
    QFETCH(QString, service);
    QFETCH(QString, scope);
    QFETCH(QString, error);
    const QList<Challenge> all = parseChallenges(header);
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().scheme, scheme);
    QCOMPARE(all.first().param(QStringLiteral("realm")), realm);
    QCOMPARE(all.first().param(QStringLiteral("Service")), service);
    QCOMPARE(all.first().param(QStringLiteral("scope")), scope);
    QCOMPARE(all.first().param(QStringLiteral("error")), error);
}

void TestParsers::severalChallenges() {
    const QList<Challenge> one =
        parseChallenges(QByteArray(R"(Basic realm="b", Bearer realm="https://t/token",service="x")"));
    QCOMPARE(one.size(), 2);
    QVERIFY(one.at(0).isBasic());
    QVERIFY(one.at(1).isBearer());
    QCOMPARE(preferredChallenge(one)->param(QStringLiteral("realm")), QStringLiteral("https://t/token"));
    const QList<Challenge> two =
        parseChallenges(QList<QByteArray>{"Negotiate", R"(Basic realm="only basic")"});
    QCOMPARE(two.size(), 2);
    QVERIFY(preferredChallenge(two)->isBasic());
    QVERIFY(!preferredChallenge(parseChallenges(QByteArray("Negotiate"))));
    QVERIFY(parseChallenges(QByteArray()).isEmpty());
    // Bearer without a realm cannot be followed: Basic wins.
    QVERIFY(
        preferredChallenge(parseChallenges(QByteArray(R"(Bearer service="x", Basic realm="r")")))->isBasic());
}

void TestParsers::links_data() {
    QTest::addColumn<QList<QByteArray>>("headers");
    QTest::addColumn<QString>("request");
    QTest::addColumn<QString>("next"); // "" = last page, "ERROR" = refused
    const QString req = QStringLiteral("https://reg.example/v2/a/b/tags/list");
    QTest::newRow("none") << QList<QByteArray>{} << req << "";
    QTest::newRow("distribution relative")
        << QList<QByteArray>{R"(</v2/a/b/tags/list?last=10.4&n=100>; rel="next")"} << req
        << "https://reg.example/v2/a/b/tags/list?last=10.4&n=100";
    QTest::newRow("absolute same host")
        << QList<QByteArray>{R"(<https://reg.example/v2/a/b/tags/list?page=2>; rel="next")"} << req
        << "https://reg.example/v2/a/b/tags/list?page=2";
    QTest::newRow("quay opaque token")
        << QList<QByteArray>{R"(</v2/a/b/tags/list?n=50&next_page=gAAAAABl%3D%3D>; rel="next")"} << req
        << "https://reg.example/v2/a/b/tags/list?n=50&next_page=gAAAAABl%3D%3D";
    QTest::newRow("unquoted rel, extra params")
        << QList<QByteArray>{"</v2/a/b/tags/list?last=x>; type=\"a;b\"; rel=next"} << req
        << "https://reg.example/v2/a/b/tags/list?last=x";
    QTest::newRow("prev and next in one header")
        << QList<
               QByteArray>{R"(</v2/a/b/tags/list?last=a>; rel="prev", </v2/a/b/tags/list?last=z>; rel="next")"}
        << req << "https://reg.example/v2/a/b/tags/list?last=z";
    QTest::newRow("relation list") << QList<QByteArray>{R"(<?last=q>; rel="last next")"} << req
                                   << "https://reg.example/v2/a/b/tags/list?last=q";
    QTest::newRow("only prev") << QList<QByteArray>{R"(</v2/a/b/tags/list?last=a>; rel="prev")"} << req << "";
    QTest::newRow("other host refused")
        << QList<QByteArray>{R"(<https://evil.example/v2/a/b/tags/list?last=x>; rel="next")"} << req
        << "ERROR";
    QTest::newRow("other port refused")
        << QList<QByteArray>{R"(<https://reg.example:8443/v2/a/b/tags/list?last=x>; rel="next")"} << req
        << "ERROR";
    QTest::newRow("https downgrade refused")
        << QList<QByteArray>{R"(<http://reg.example/v2/a/b/tags/list?last=x>; rel="next")"} << req << "ERROR";
    QTest::newRow("loopback registry with port")
        << QList<QByteArray>{R"(</v2/x/tags/list?last=b&n=2>; rel="next")"}
        << "http://127.0.0.1:5000/v2/x/tags/list"
        << "http://127.0.0.1:5000/v2/x/tags/list?last=b&n=2";
}

void TestParsers::links() {
    QFETCH(QList<QByteArray>, headers);
    QFETCH(QString, request);
    QFETCH(QString, next);
    const auto result = nextPageUrl(headers, QUrl(request));
    if (next == QLatin1String("ERROR")) {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Protocol);
        QVERIFY(result.error().message.contains(QLatin1String("another server")));
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    QCOMPARE(result.value().toString(QUrl::FullyEncoded), next);
}

void TestParsers::errors_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reference");
    QTest::addColumn<bool>("credentials");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("hint");
    QTest::newRow("name unknown")
        << 404
        << QByteArray(
               R"({"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{"name":"x"}}]})")
        << "" << false << int(ErrorCode::NotFound) << "Repository ghcr.io/sagemath/sage/nope does not exist."
        << "Check the name";
    QTest::newRow("manifest unknown")
        << 404 << QByteArray(R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]})")
        << "10.99" << false << int(ErrorCode::NotFound) << "has no tag or manifest 10.99"
        << "tag list";
    QTest::newRow("HEAD 404 has no body")
        << 404 << QByteArray() << "dev" << false << int(ErrorCode::NotFound) << "has no tag or manifest dev"
        << "";
    QTest::newRow("tags 404 without body")
        << 404 << QByteArray() << "" << false << int(ErrorCode::NotFound) << "does not exist"
        << "";
    QTest::newRow("anonymous 401")
        << 401 << QByteArray(R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})")
        << "" << false << int(ErrorCode::Unauthorized) << "needs a login"
        << "`docker login ghcr.io`";
    QTest::newRow("credentials refused") << 401 << QByteArray() << "" << true << int(ErrorCode::Unauthorized)
                                         << "refused the stored credentials"
                                         << "`docker login ghcr.io` again";
    QTest::newRow("ghcr denied")
        << 403
        << QByteArray(
               R"({"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]})")
        << "" << false << int(ErrorCode::Denied) << "Access to ghcr.io/sagemath/sage/nope is denied"
        << "docker login";
    QTest::newRow("429 json, no Retry-After")
        << 429
        << QByteArray(
               R"({"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]})")
        << "" << false << int(ErrorCode::RateLimited) << "is rate limiting the requests (You have reached"
        << "Wait";
    QTest::newRow("500") << 500 << QByteArray("oops") << "" << false << int(ErrorCode::HttpStatus)
                         << "answered with HTTP 500"
                         << "try again later";
    QTest::newRow("tag invalid")
        << 400
        << QByteArray(R"({"errors":[{"code":"TAG_INVALID","message":"manifest tag did not match URI"}]})")
        << "x" << false << int(ErrorCode::InvalidArgument) << "refused the name x"
        << "lowercase";
}

void TestParsers::errors() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, reference);
    QFETCH(bool, credentials);
    QFETCH(int, code);
    QFETCH(QString, message);
    QFETCH(QString, hint);
    ErrorContext ctx;
    ctx.repository = Repository{QStringLiteral("ghcr.io"), QStringLiteral("sagemath/sage/nope")};
    ctx.reference = reference;
    ctx.hadCredentials = credentials;
    const util::Error e = responseError(response(status, body), ctx);
    QCOMPARE(int(e.code), code);
    QVERIFY2(e.message.contains(message), qPrintable(e.message));
    QVERIFY2(e.hint.contains(hint), qPrintable(e.hint));
}

void TestParsers::rateLimitedUntil() {
    const QDateTime now = QDateTime(QDate(2026, 11, 21), QTime(5, 0), Qt::UTC);
    ErrorContext ctx;
    ctx.repository = Repository{QStringLiteral("docker.io"), QStringLiteral("sagemath/sagemath")};
    const util::Error e = responseError(response(429, {}, {{"Retry-After", "5400"}}), ctx, now);
    QCOMPARE(e.code, ErrorCode::RateLimited);
    const QString hhmm = now.addSecs(5400).toLocalTime().toString(QStringLiteral("HH:mm"));
    QVERIFY2(e.message.contains(QStringLiteral("until ") + hhmm), qPrintable(e.message));
    QVERIFY2(e.hint.contains(QLatin1String("docker login")), qPrintable(e.hint));
    // An HTTP date works as well.
    const util::Error d =
        responseError(response(429, {}, {{"retry-after", "Sat, 21 Nov 2026 07:30:00 GMT"}}), ctx, now);
    QVERIFY2(d.message.contains(now.addSecs(9000).toLocalTime().toString(QStringLiteral("HH:mm"))),
             qPrintable(d.message));
}

void TestParsers::transportErrorPassesThrough() {
    http::Response r;
    r.error = util::Error::make(ErrorCode::Timeout, QStringLiteral("slow"));
    QCOMPARE(responseError(r, {}).code, ErrorCode::Timeout);
    QVERIFY(allowsStaleAnswer(r.error));
    QVERIFY(!allowsStaleAnswer(util::Error::make(ErrorCode::NotFound, QStringLiteral("gone"))));
    QVERIFY(!allowsStaleAnswer(util::Error::make(ErrorCode::Unauthorized, QStringLiteral("login"))));
}

void TestParsers::loginCommands() {
    QCOMPARE(loginCommand(QStringLiteral("docker.io")), QStringLiteral("docker login"));
    QCOMPARE(loginCommand(QStringLiteral("ghcr.io")), QStringLiteral("docker login ghcr.io"));
}

void TestParsers::rateLimits_data() {
    QTest::addColumn<http::Headers>("headers");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("remaining");
    QTest::addColumn<int>("window");
    QTest::addColumn<QString>("source");
    QTest::newRow("hub anonymous") << http::Headers{{"ratelimit-limit", "100;w=21600"},
                                                    {"ratelimit-remaining", "20;w=21600"},
                                                    {"docker-ratelimit-source", "192.0.2.1"}}
                                   << 100 << 20 << 21600 << "192.0.2.1";
    QTest::newRow("capitalised names")
        << http::Headers{{"RateLimit-Limit", "200;w=21600"}, {"RateLimit-Remaining", "199"}} << 200 << 199
        << 21600 << "";
    QTest::newRow("unlimited: absent")
        << http::Headers{{"Content-Type", "application/json"}} << -1 << -1 << 0 << "";
}

void TestParsers::rateLimits() {
    QFETCH(http::Headers, headers);
    QFETCH(int, limit);
    QFETCH(int, remaining);
    QFETCH(int, window);
    QFETCH(QString, source);
    const RateLimit rl = parseRateLimit(response(200, {}, headers));
    QCOMPARE(rl.limit, limit);
    QCOMPARE(rl.remaining, remaining);
    QCOMPARE(rl.windowSec, window);
    QCOMPARE(rl.source, source);
    QCOMPARE(rl.isValid(), limit >= 0);
}

void TestParsers::rateLimitReset() {
    const QDateTime now = QDateTime(QDate(2026, 11, 21), QTime(5, 0), Qt::UTC);
    const RateLimit rl = parseRateLimit(
        response(200, {}, {{"ratelimit-limit", "100;w=21600"}, {"ratelimit-reset", "120"}}), now);
    QCOMPARE(rl.reset, now.addSecs(120));
}

void TestParsers::manifestTypes_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("mediaType");
    QTest::addColumn<bool>("isIndex");
    QTest::addColumn<int>("platforms");
    QTest::addColumn<int>("layers");
    const QByteArray d1 = "sha256:" + hex64('1').toLatin1();
    const QByteArray d2 = "sha256:" + hex64('2').toLatin1();
    const QByteArray d3 = "sha256:" + hex64('3').toLatin1();
    const QByteArray oci =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
        d1 +
        R"(","size":1234},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
        d2 + R"(","size":100},{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" + d3 +
        R"(","size":250}]})";
    QTest::newRow("oci manifest") << oci << QByteArray("application/vnd.oci.image.manifest.v1+json")
                                  << kOciManifest << false << 0 << 2;
    QTest::newRow("content-type params ignored")
        << oci << QByteArray("application/vnd.oci.image.manifest.v1+json; charset=utf-8") << kOciManifest
        << false << 0 << 2;
    QByteArray ociNoType = oci;
    ociNoType.replace(R"("mediaType":"application/vnd.oci.image.manifest.v1+json",)", "");
    QTest::newRow("oci without mediaType, generic content type")
        << ociNoType << QByteArray("application/json") << kOciManifest << false << 0 << 2;
    QByteArray docker = oci;
    docker.replace("application/vnd.oci.image.manifest.v1+json", kDockerManifest);
    QTest::newRow("docker v2") << docker << QByteArray(kDockerManifest) << kDockerManifest << false << 0 << 2;
    const QByteArray index =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
        d1 + R"(","size":500,"platform":{"architecture":"amd64","os":"linux"}},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
        d2 + R"(","size":500,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
        d3 + R"(","size":566,"annotations":{"vnd.docker.reference.digest":")" + d1 +
        R"(","vnd.docker.reference.type":"attestation-manifest"},"platform":{"architecture":"unknown","os":"unknown"}}]})";
    QTest::newRow("oci index with attestation")
        << index << QByteArray(kOciIndex) << kOciIndex << true << 2 << 0;
    QByteArray list = index;
    list.replace("application/vnd.oci.image.index.v1+json", kDockerList);
    QTest::newRow("docker manifest list") << list << QByteArray(kDockerList) << kDockerList << true << 2 << 0;
}

void TestParsers::manifestTypes() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, mediaType);
    QFETCH(bool, isIndex);
    QFETCH(int, platforms);
    QFETCH(int, layers);
    const auto m = parseManifest(body, contentType);
    QVERIFY2(m.ok(), qPrintable(m.error().toString()));
    QCOMPARE(m->mediaType, mediaType);
    QCOMPARE(m->isIndex, isIndex);
    QCOMPARE(m->platforms.size(), platforms);
    QCOMPARE(m->layers.size(), layers);
    if (isIndex) {
        QCOMPARE(m->hiddenAttestations, 1);
        QCOMPARE(pickPlatform(m->platforms, QStringLiteral("linux/amd64"))->descriptor.digest,
                 QStringLiteral("sha256:") + hex64('1'));
        QCOMPARE(pickPlatform(m->platforms, QStringLiteral("linux/arm64"))->descriptor.digest,
                 QStringLiteral("sha256:") + hex64('2'));
        QCOMPARE(pickPlatform(m->platforms, QStringLiteral("linux/arm64/v8"))->platform(),
                 QStringLiteral("linux/arm64/v8"));
        QVERIFY(!pickPlatform(m->platforms, QStringLiteral("linux/s390x")));
        QVERIFY(!pickPlatform(m->platforms, QStringLiteral("unknown/unknown")));
    } else {
        QCOMPARE(m->config.size, 1234);
        QCOMPARE(m->layers.at(1).size, 250);
    }
}

void TestParsers::badManifests_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("why");
    QTest::newRow("not json") << QByteArray("{\"schemaVersion\":2,") << QByteArray(kOciManifest)
                              << "not JSON";
    QTest::newRow("type mismatch")
        << QByteArray(R"({"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})")
        << QByteArray(kDockerManifest) << "body says";
    QTest::newRow("schema 1") << QByteArray(R"({"schemaVersion":1,"name":"x","fsLayers":[]})")
                              << QByteArray("application/vnd.docker.distribution.manifest.v1+prettyjws")
                              << "schema 1";
    QTest::newRow("bad layer digest")
        << QByteArray(
               R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"digest":"sha256:)" +
               hex64('a').toLatin1() + R"("},"layers":[{"digest":"md5:abc"}]})")
        << QByteArray() << "layer";
    QTest::newRow("unknown type") << QByteArray(R"({"mediaType":"application/vnd.cncf.helm.config.v1+json"})")
                                  << QByteArray() << "unknown type";
}

void TestParsers::badManifests() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, why);
    const auto m = parseManifest(body, contentType);
    QVERIFY(!m.ok());
    QCOMPARE(m.error().code, ErrorCode::Protocol);
    QVERIFY2(m.error().message.contains(why), qPrintable(m.error().message));
}

void TestParsers::imageConfig() {
    // Shaped like a Sage stage image config as docker buildx writes it.
    const QByteArray body =
        R"({"architecture":"amd64","created":"2024-05-01T10:20:30.123456789Z","os":"linux",
        "config":{"User":"sage","Env":["PATH=/usr/bin","SAGE_ROOT=/home/sage/sage"],"Entrypoint":["/usr/local/bin/sage-entrypoint"],
                  "Cmd":["sage"],"WorkingDir":"/home/sage","ExposedPorts":{"8888/tcp":{}},"Labels":{"org.opencontainers.image.source":"https://github.com/sagemath/sage"}},
        "rootfs":{"type":"layers","diff_ids":["sha256:)" +
        hex64('a').toLatin1() + R"(","sha256:)" + hex64('b').toLatin1() + R"("]},
        "history":[{"created":"2024-05-01T10:00:00Z","created_by":"ADD rootfs.tar /"},{"created":"2024-05-01T10:00:01Z","created_by":"ENV SAGE_ROOT=/home/sage/sage","empty_layer":true},
                   {"created":"2024-05-01T10:20:30Z","created_by":"RUN make build","comment":"buildkit.dockerfile.v0"}]})";
    const auto c = parseImageConfig(body);
    QVERIFY2(c.ok(), qPrintable(c.error().toString()));
    QCOMPARE(c->architecture, QStringLiteral("amd64"));
    QCOMPARE(c->os, QStringLiteral("linux"));
    QCOMPARE(c->created, QDateTime(QDate(2024, 5, 1), QTime(10, 20, 30, 123), Qt::UTC));
    QCOMPARE(c->user, QStringLiteral("sage"));
    QCOMPARE(c->workingDir, QStringLiteral("/home/sage"));
    QCOMPARE(c->entrypoint, QStringList{QStringLiteral("/usr/local/bin/sage-entrypoint")});
    QCOMPARE(c->cmd, QStringList{QStringLiteral("sage")});
    QCOMPARE(c->exposedPorts, QStringList{QStringLiteral("8888/tcp")});
    QCOMPARE(c->env.size(), 2);
    QCOMPARE(c->labels.value(QStringLiteral("org.opencontainers.image.source")),
             QStringLiteral("https://github.com/sagemath/sage"));
    QCOMPARE(c->diffIds.size(), 2);
    QCOMPARE(c->history.size(), 3);
    QVERIFY(c->history.at(1).emptyLayer);
    QCOMPARE(c->history.at(2).createdBy, QStringLiteral("RUN make build"));
    QCOMPARE(c->history.at(2).comment, QStringLiteral("buildkit.dockerfile.v0"));
    // Null entrypoint and missing fields are empty, not errors.
    const auto bare = parseImageConfig(R"({"config":{"Entrypoint":null},"rootfs":{"diff_ids":[]}})");
    QVERIFY(bare.ok());
    QVERIFY(bare->entrypoint.isEmpty());
    QVERIFY(!bare->created.isValid());
    QCOMPARE(parseImageConfig("[1,2").error().code, ErrorCode::Protocol);
}

void TestParsers::digests() {
    const QByteArray bytes = "hello";
    const QString d = computeDigest(bytes);
    QCOMPARE(d, QStringLiteral("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"));
    QVERIFY(isDigest(d));
    QVERIFY(verifyDigest(bytes, d));
    QVERIFY(!verifyDigest("hellO", d));
    QVERIFY(verifyDigest(bytes, computeDigest(bytes, QStringLiteral("sha512"))));
    QVERIFY(!isDigest(QStringLiteral("sha256:ABC")));
    QVERIFY(!isDigest(QStringLiteral("md5:") + hex64('a')));
    QVERIFY(!verifyDigest(bytes, QStringLiteral("md5:5d41402abc4b2a76b9719d911017c592")));
}

void TestParsers::rfc3339_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime base(QDate(2024, 5, 1), QTime(10, 20, 30), Qt::UTC);
    QTest::newRow("Z") << "2024-05-01T10:20:30Z" << base;
    QTest::newRow("nanoseconds") << "2024-05-01T10:20:30.999999999Z" << base.addMSecs(999);
    QTest::newRow("offset") << "2024-05-01T12:20:30+02:00" << base;
    QTest::newRow("empty") << "" << QDateTime();
    QTest::newRow("garbage") << "yesterday" << QDateTime();
}

void TestParsers::rfc3339() {
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    QCOMPARE(parseRfc3339(text), expected);
}

void TestParsers::repositories_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("apiHost");
    QTest::newRow("ghcr") << "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-with-targets"
                          << "ghcr.io"
                          << "sagemath/sage/sage-ubuntu-noble-standard-with-targets"
                          << "ghcr.io";
    QTest::newRow("hub short") << "sagemath/sagemath"
                               << "docker.io"
                               << "sagemath/sagemath"
                               << "registry-1.docker.io";
    QTest::newRow("hub library") << "ubuntu"
                                 << "docker.io"
                                 << "library/ubuntu"
                                 << "registry-1.docker.io";
    QTest::newRow("loopback port") << "127.0.0.1:5000/x/y"
                                   << "127.0.0.1:5000"
                                   << "x/y"
                                   << "127.0.0.1:5000";
    QTest::newRow("with tag refused") << "ghcr.io/a/b:dev"
                                      << ""
                                      << ""
                                      << "";
    QTest::newRow("uppercase refused") << "ghcr.io/A/b"
                                       << ""
                                       << ""
                                       << "";
}

void TestParsers::repositories() {
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(QString, path);
    QFETCH(QString, apiHost);
    const auto r = Repository::parse(text);
    if (host.isEmpty()) {
        QVERIFY(!r.ok());
        QVERIFY(!r.error().message.isEmpty());
        return;
    }
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    QCOMPARE(r->host, host);
    QCOMPARE(r->path, path);
    QCOMPARE(r->apiHost(), apiHost);
    QVERIFY(r->isValid());
}

void TestParsers::acceptHeaderHasAllFour() {
    const QByteArray accept = manifestAcceptHeader();
    for (const char* t : {kOciIndex, kOciManifest, kDockerList, kDockerManifest})
        QVERIFY(accept.contains(t));
}

QTEST_GUILESS_MAIN(TestParsers)
