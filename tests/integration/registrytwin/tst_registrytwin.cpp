// Proves the registry twin (tests/support/registrytwin.h) with real peers only — curl, skopeo and the
// Docker engine — so that a later test of SageDock's own registry client can trust what it is up
// against: the registry itself challenges, validates and refuses tokens; the latency proxy adds the
// round trips it claims; pagination and the OCI index are served.

#include "registrytwin.h"
#include "testenvironment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace sagedock;
using testsupport::RegistryTwin;

namespace {

constexpr int kLatencyMs = 25; // per direction: a 50 ms round trip
const QString kPrefix = QStringLiteral("sagemath/sage");
const QString kIndexRepo = QStringLiteral("sagemath/sage/sage-multiarch-standard-with-targets");
constexpr int kHubTags = 320;

struct Run {
    int exitCode = -1;
    QByteArray output;
};

Run run(const QString& program, const QStringList& args, int timeoutMs = 120000) {
    QProcess process;
    process.setProgram(program);
    process.setArguments(args);
    Run r;
    r.exitCode = testsupport::runProcess(process, &r.output, timeoutMs);
    return r;
}

QString headerValue(const QByteArray& headers, const QByteArray& name) {
    const QByteArray prefix = name.toLower() + QByteArray(":");
    for (const QByteArray& line : headers.split('\n'))
        if (line.toLower().startsWith(prefix))
            return QString::fromUtf8(line.mid(name.size() + 1).trimmed());
    return {};
}

} // namespace

class TestRegistryTwin : public QObject {
    Q_OBJECT

    std::unique_ptr<RegistryTwin> m_twin;
    QMap<QString, QString> m_chain; // stage -> digest of sage-ubuntu-jammy-standard-<stage>:dev
    testsupport::RegistrySeed::Pushed m_index;
    QStringList m_hubTags;

    QString repo(const QString& stage) const {
        return QStringLiteral("%1/sage-ubuntu-jammy-standard-%2").arg(kPrefix, stage);
    }
    // curl trusting the twin's CA; -D - puts the response headers before the body.
    Run curl(QStringList args) const {
        args.prepend(m_twin->caFile());
        args.prepend(QStringLiteral("--cacert"));
        args.prepend(QStringLiteral("-sS"));
        return run(QStringLiteral("curl"), args);
    }
    // A token from a realm; empty credentials = anonymous.
    QJsonObject token(const QString& realm, const QString& service, const QString& scope,
                      const QString& credentials = QStringLiteral("sage:sage-secret")) const {
        QStringList args{realm + QStringLiteral("?service=") + service + QStringLiteral("&scope=") + scope};
        if (!credentials.isEmpty())
            args << QStringLiteral("-u") << credentials;
        return QJsonDocument::fromJson(curl(args).output).object();
    }
    QString pullToken(const QString& repository) const {
        return token(m_twin->realm(), m_twin->service(), QStringLiteral("repository:%1:pull").arg(repository))
            .value(QStringLiteral("token"))
            .toString();
    }
    // GET a manifest with a bearer token: the response headers and body.
    QByteArray getManifest(const QString& address, const QString& repository, const QString& reference,
                           const QString& bearer) const {
        return curl({QStringLiteral("-D"), QStringLiteral("-"), QStringLiteral("-H"),
                     QStringLiteral("Authorization: Bearer ") + bearer, QStringLiteral("-H"),
                     QStringLiteral("Accept: application/vnd.oci.image.manifest.v1+json, "
                                    "application/vnd.oci.image.index.v1+json"),
                     QStringLiteral("https://%1/v2/%2/manifests/%3").arg(address, repository, reference)})
            .output;
    }
    // curl's timings (seconds) of each URL, all on one connection where curl can reuse it.
    QList<QMap<QString, double>> timings(const QStringList& urls) const {
        QStringList args;
        for (const QString& url : urls)
            args << QStringLiteral("-o") << QStringLiteral("/dev/null") << url;
        args << QStringLiteral("-w")
             << QStringLiteral("%{time_connect} %{time_appconnect} %{time_starttransfer} %{num_connects}\\n");
        const Run r = curl(args);
        QList<QMap<QString, double>> out;
        for (const QByteArray& line : r.output.trimmed().split('\n')) {
            const QList<QByteArray> f = line.split(' ');
            if (f.size() == 4)
                out.append({{QStringLiteral("connect"), f[0].toDouble()},
                            {QStringLiteral("tls"), f[1].toDouble()},
                            {QStringLiteral("first-byte"), f[2].toDouble()},
                            {QStringLiteral("connects"), f[3].toDouble()}});
        }
        return out;
    }
    Run skopeo(QStringList args) const { return run(QStringLiteral("skopeo"), args); }

private slots:
    void initTestCase() {
        for (const QString& tool : {QStringLiteral("curl"), QStringLiteral("skopeo")})
            QVERIFY2(!QStandardPaths::findExecutable(tool).isEmpty(),
                     qPrintable(tool +
                                QStringLiteral(" is missing: apt-get install it (packaging/deps-test.txt)")));
        m_twin = std::make_unique<RegistryTwin>(RegistryTwin::Options{.latencyMs = kLatencyMs});
        QString why;
        QVERIFY2(m_twin->start(&why), qPrintable(why));
        auto chain = m_twin->seedStageChain(kPrefix, QStringLiteral("ubuntu-jammy"), QStringLiteral("dev"));
        QVERIFY2(chain.ok(), qPrintable(chain.error().toString()));
        m_chain = chain.value();
        auto index = m_twin->seedIndex(kIndexRepo, QStringLiteral("dev"));
        QVERIFY2(index.ok(), qPrintable(index.error().toString()));
        m_index = index.value();
        auto hub = m_twin->seedHubTags(kHubTags);
        QVERIFY2(hub.ok(), qPrintable(hub.error().toString()));
        m_hubTags = hub.value();
    }

    void registryChallengesWithBearer() {
        const Run r = curl({QStringLiteral("-D"), QStringLiteral("-"), QStringLiteral("-o"),
                            QStringLiteral("/dev/null"),
                            QStringLiteral("https://%1/v2/%2/manifests/dev")
                                .arg(m_twin->registryProxied(), repo(QStringLiteral("configured")))});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.output.startsWith("HTTP/2 401"), r.output.constData()); // the registry speaks HTTP/2
        QCOMPARE(headerValue(r.output, "www-authenticate"),
                 QStringLiteral(R"(Bearer realm="%1",service="%2",scope="repository:%3:pull")")
                     .arg(m_twin->realm(), m_twin->service(), repo(QStringLiteral("configured"))));
    }

    void tokenFromTheIssuerWorks() {
        const QJsonObject t =
            token(m_twin->realm(), m_twin->service(),
                  QStringLiteral("repository:%1:pull").arg(repo(QStringLiteral("configured"))));
        QVERIFY(!t.value(QStringLiteral("token")).toString().isEmpty());
        QCOMPARE(t.value(QStringLiteral("expires_in")).toInt(), m_twin->options().tokenLifetimeS);
        const QByteArray answer =
            getManifest(m_twin->registryProxied(), repo(QStringLiteral("configured")), QStringLiteral("dev"),
                        t.value(QStringLiteral("token")).toString());
        QVERIFY2(answer.startsWith("HTTP/2 200"), answer.constData());
        QCOMPARE(headerValue(answer, "docker-content-digest"), m_chain.value(QStringLiteral("configured")));
        // Anonymous pull (ghcr.io-like), and a wrong password refused by the issuer.
        const QString anonymous =
            token(m_twin->realm(), m_twin->service(),
                  QStringLiteral("repository:%1:pull").arg(repo(QStringLiteral("configured"))), QString())
                .value(QStringLiteral("token"))
                .toString();
        QVERIFY(getManifest(m_twin->registry(), repo(QStringLiteral("configured")), QStringLiteral("dev"),
                            anonymous)
                    .startsWith("HTTP/2 200"));
        const Run wrong =
            curl({QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
                  QStringLiteral("%{http_code}"), QStringLiteral("-u"), QStringLiteral("sage:wrong"),
                  m_twin->realm() + QStringLiteral("?service=") + m_twin->service()});
        QCOMPARE(wrong.output, QByteArray("401"));
    }

    void registryRefusesBadTokens_data() {
        QTest::addColumn<RegistryTwin::IssuerFault>("fault");
        QTest::addColumn<QString>("error");
        QTest::newRow("expired") << RegistryTwin::IssuerFault::Expired << QStringLiteral("invalid_token");
        QTest::newRow("wrong signature")
            << RegistryTwin::IssuerFault::WrongSignature << QStringLiteral("invalid_token");
        QTest::newRow("without the scope")
            << RegistryTwin::IssuerFault::NoScope << QStringLiteral("insufficient_scope");
    }
    void registryRefusesBadTokens() {
        QFETCH(RegistryTwin::IssuerFault, fault);
        QFETCH(QString, error);
        QVERIFY(m_twin->setIssuerFault(fault));
        const QString bad = pullToken(repo(QStringLiteral("configured")));
        QVERIFY(m_twin->setIssuerFault(RegistryTwin::IssuerFault::None));
        QVERIFY(!bad.isEmpty()); // the issuer did hand out a token: the REGISTRY refuses it
        const QByteArray answer =
            getManifest(m_twin->registry(), repo(QStringLiteral("configured")), QStringLiteral("dev"), bad);
        QVERIFY2(answer.startsWith("HTTP/2 401"), answer.constData());
        QVERIFY2(headerValue(answer, "www-authenticate").endsWith(QStringLiteral("error=\"%1\"").arg(error)),
                 answer.constData());
    }

    void tokenForAnotherRepositoryIsRefused() {
        const QString other = pullToken(repo(QStringLiteral("with-targets")));
        const QByteArray answer =
            getManifest(m_twin->registry(), repo(QStringLiteral("configured")), QStringLiteral("dev"), other);
        QVERIFY2(answer.startsWith("HTTP/2 401"), answer.constData());
        QVERIFY(
            headerValue(answer, "www-authenticate").endsWith(QStringLiteral("error=\"insufficient_scope\"")));
    }

    void issuerFaults() {
        QVERIFY(m_twin->setIssuerFault(RegistryTwin::IssuerFault::Http500));
        const Run failed = curl({QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
                                 QStringLiteral("%{http_code}"), m_twin->realm()});
        QCOMPARE(failed.output, QByteArray("500"));
        const QString ref =
            QStringLiteral("docker://%1/%2:dev").arg(m_twin->registry(), repo(QStringLiteral("configured")));
        QVERIFY(skopeo({QStringLiteral("inspect"), QStringLiteral("--cert-dir"), m_twin->certDir(), ref})
                    .exitCode != 0);
        QVERIFY(m_twin->setIssuerFault(RegistryTwin::IssuerFault::MalformedJson));
        QJsonParseError parse;
        QJsonDocument::fromJson(curl({m_twin->realm()}).output, &parse);
        QVERIFY(parse.error != QJsonParseError::NoError);
        QVERIFY(skopeo({QStringLiteral("inspect"), QStringLiteral("--cert-dir"), m_twin->certDir(), ref})
                    .exitCode != 0);
        QVERIFY(m_twin->setIssuerFault(RegistryTwin::IssuerFault::None));
        QCOMPARE(skopeo({QStringLiteral("inspect"), QStringLiteral("--cert-dir"), m_twin->certDir(), ref})
                     .exitCode,
                 0);
    }

    void skopeoInspectsThroughTheProxy() {
        // skopeo verifies TLS against the per-registry folder, like /etc/docker/certs.d/<host:port>/.
        const QString ref = QStringLiteral("docker://%1/%2:dev")
                                .arg(m_twin->registryProxied(), repo(QStringLiteral("with-targets")));
        const Run inspect = skopeo({QStringLiteral("inspect"), QStringLiteral("--tls-verify=true"),
                                    QStringLiteral("--cert-dir"), m_twin->certDir(),
                                    QStringLiteral("--creds"), QStringLiteral("sage:sage-secret"), ref});
        QVERIFY2(inspect.exitCode == 0, inspect.output.constData());
        QCOMPARE(QJsonDocument::fromJson(inspect.output).object().value(QStringLiteral("Digest")).toString(),
                 m_chain.value(QStringLiteral("with-targets")));
        const Run config = skopeo({QStringLiteral("inspect"), QStringLiteral("--config"),
                                   QStringLiteral("--cert-dir"), m_twin->certDir(), ref});
        QVERIFY2(config.exitCode == 0, config.output.constData());
        QCOMPARE(QJsonDocument::fromJson(config.output)
                     .object()
                     .value(QStringLiteral("rootfs"))
                     .toObject()
                     .value(QStringLiteral("diff_ids"))
                     .toArray()
                     .size(),
                 4); // with-targets is the fourth published stage, one layer each
        // Without the CA the peer refuses the certificate: the TLS is real.
        const Run untrusted = skopeo({QStringLiteral("inspect"), QStringLiteral("--tls-verify=true"), ref});
        QVERIFY(untrusted.exitCode != 0);
        QVERIFY2(untrusted.output.contains("certificate signed by unknown authority"),
                 untrusted.output.constData());
    }

    void indexIsServed() {
        const QString ref = QStringLiteral("docker://%1/%2:dev").arg(m_twin->registryProxied(), kIndexRepo);
        const Run raw = skopeo({QStringLiteral("inspect"), QStringLiteral("--raw"),
                                QStringLiteral("--cert-dir"), m_twin->certDir(), ref});
        QVERIFY2(raw.exitCode == 0, raw.output.constData());
        const QJsonObject index = QJsonDocument::fromJson(raw.output).object();
        QCOMPARE(index.value(QStringLiteral("mediaType")).toString(),
                 QStringLiteral("application/vnd.oci.image.index.v1+json"));
        QStringList platforms;
        for (const QJsonValue& m : index.value(QStringLiteral("manifests")).toArray())
            platforms << m.toObject()
                             .value(QStringLiteral("platform"))
                             .toObject()
                             .value(QStringLiteral("architecture"))
                             .toString();
        QCOMPARE(platforms,
                 (QStringList{QStringLiteral("amd64"), QStringLiteral("arm64"), QStringLiteral("unknown")}));
        for (const QString& arch : {QStringLiteral("amd64"), QStringLiteral("arm64")}) {
            const Run chosen =
                skopeo({QStringLiteral("--override-arch"), arch, QStringLiteral("inspect"),
                        QStringLiteral("--config"), QStringLiteral("--cert-dir"), m_twin->certDir(), ref});
            QVERIFY2(chosen.exitCode == 0, chosen.output.constData());
            QCOMPARE(QJsonDocument::fromJson(chosen.output)
                         .object()
                         .value(QStringLiteral("architecture"))
                         .toString(),
                     arch);
        }
    }

    void latencyAddsTheRoundTripsItClaims() {
        // Two GETs of /v2/ on one connection (HTTP/2), direct and through the proxy; each timing the best
        // of five (the machine is shared: the minimum is the measurement least disturbed by others).
        // On a link with this RTT: TCP connect 1 RTT, TLS 1.3 handshake 1 RTT, each request 1 RTT.
        const double rtt = 2 * kLatencyMs / 1000.0;
        auto best = [&](const QString& address) {
            const QString url = QStringLiteral("https://%1/v2/").arg(address);
            std::pair<QMap<QString, double>, QMap<QString, double>> min;
            for (int i = 0; i < 5; ++i) {
                const auto t = timings({url, url});
                if (t.size() != 2)
                    continue;
                for (auto [from, to] : {std::pair{&t[0], &min.first}, std::pair{&t[1], &min.second}})
                    for (auto it = from->cbegin(); it != from->cend(); ++it)
                        to->insert(it.key(), std::min(it.value(), to->value(it.key(), 1e9)));
            }
            return min;
        };
        const auto [direct, directAgain] = best(m_twin->registry());
        const auto [proxied, proxiedAgain] = best(m_twin->registryProxied());
        QVERIFY(!direct.isEmpty() && !proxied.isEmpty());
        QCOMPARE(proxiedAgain.value(QStringLiteral("connects")),
                 0.0); // the second request reused the connection
        const int before = m_twin->connectionsAccepted(m_twin->registryProxied());
        timings({QStringLiteral("https://%1/v2/").arg(m_twin->registryProxied())});
        QCOMPARE(m_twin->connectionsAccepted(m_twin->registryProxied()), before + 1); // the proxy counts them
        const double added =
            proxied.value(QStringLiteral("first-byte")) - direct.value(QStringLiteral("first-byte"));
        const double addedTls = proxied.value(QStringLiteral("tls")) - direct.value(QStringLiteral("tls"));
        const double again =
            proxiedAgain.value(QStringLiteral("first-byte")) - proxiedAgain.value(QStringLiteral("tls"));
        qInfo("RTT %.0f ms: connect+TLS+request added %.1f ms (3 RTT = %.0f), TLS ready after +%.1f ms (2 "
              "RTT), "
              "a request on the open connection %.1f ms (1 RTT)",
              rtt * 1000, added * 1000, 3 * rtt * 1000, addedTls * 1000, again * 1000);
        // The proxy's sleeps never end early, so the proxied times themselves are at least the round trips
        // they model; the differences to direct carry the noise of two measurements (30 ms down: scheduling
        // delays of a loaded machine in the direct run) and a busy 2-core machine (100 ms up).
        QVERIFY(proxied.value(QStringLiteral("first-byte")) >= 3 * rtt &&
                proxied.value(QStringLiteral("tls")) >= 2 * rtt);
        QVERIFY2(added >= 3 * rtt - 0.03 && added <= 3 * rtt + 0.1, qPrintable(QString::number(added)));
        QVERIFY2(addedTls >= 2 * rtt - 0.03 && addedTls <= 2 * rtt + 0.1,
                 qPrintable(QString::number(addedTls)));
        QVERIFY2(again >= rtt && again <= rtt + 0.1, qPrintable(QString::number(again)));
        // The knob: at 0 ms the proxy costs about nothing.
        QVERIFY(m_twin->setLatencyMs(0));
        const auto [zero, zeroAgain] = best(m_twin->registryProxied());
        QVERIFY(m_twin->setLatencyMs(kLatencyMs));
        Q_UNUSED(zeroAgain);
        QVERIFY2(zero.value(QStringLiteral("first-byte")) < direct.value(QStringLiteral("first-byte")) + rtt,
                 qPrintable(QString::number(zero.value(QStringLiteral("first-byte")))));
    }

    void hubPaginatesTagsByLink() {
        const QString repository = QStringLiteral("sagemath/sagemath");
        // The hub's realm is a different port from the registry's (like auth.docker.io).
        const Run challenge = curl(
            {QStringLiteral("-D"), QStringLiteral("-"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
             QStringLiteral("https://%1/v2/%2/tags/list").arg(m_twin->hubProxied(), repository)});
        QVERIFY2(challenge.output.startsWith("HTTP/1.1 401"), challenge.output.constData());
        QVERIFY(headerValue(challenge.output, "www-authenticate")
                    .startsWith(QStringLiteral("Bearer realm=\"%1\"").arg(m_twin->hubRealm())));
        QVERIFY(QUrl(m_twin->hubRealm()).port() != QUrl(m_twin->realm()).port());
        const QString bearer = token(m_twin->hubRealm(), m_twin->hubService(),
                                     QStringLiteral("repository:%1:pull").arg(repository), QString())
                                   .value(QStringLiteral("token"))
                                   .toString();
        QStringList all;
        int pages = 0;
        QString next = QStringLiteral("/v2/%1/tags/list").arg(repository);
        while (!next.isEmpty() && pages < 10) {
            const Run page = curl({QStringLiteral("-D"), QStringLiteral("-"), QStringLiteral("-H"),
                                   QStringLiteral("Authorization: Bearer ") + bearer,
                                   QStringLiteral("https://") + m_twin->hubProxied() + next});
            const int split = page.output.indexOf("\r\n\r\n");
            QVERIFY2(page.output.startsWith("HTTP/1.1 200") && split > 0, page.output.constData());
            const QJsonArray tags = QJsonDocument::fromJson(page.output.mid(split + 4))
                                        .object()
                                        .value(QStringLiteral("tags"))
                                        .toArray();
            QVERIFY(tags.size() <= m_twin->options().hubPageSize);
            for (const QJsonValue& t : tags)
                all << t.toString();
            const QRegularExpressionMatch link =
                QRegularExpression(QStringLiteral(R"(^<([^>]+)>; rel="next"$)"))
                    .match(headerValue(page.output.left(split), "link"));
            next = link.hasMatch() ? link.captured(1) : QString();
            ++pages;
        }
        QCOMPARE(pages, (kHubTags + m_twin->options().hubPageSize - 1) / m_twin->options().hubPageSize);
        QStringList expected = m_hubTags;
        std::sort(expected.begin(), expected.end());
        QCOMPARE(all, expected);
        // skopeo follows the Link pages by itself.
        const Run listed =
            skopeo({QStringLiteral("list-tags"), QStringLiteral("--cert-dir"), m_twin->certDir(),
                    QStringLiteral("docker://%1/%2").arg(m_twin->hubProxied(), repository)});
        QVERIFY2(listed.exitCode == 0, listed.output.constData());
        QCOMPARE(
            QJsonDocument::fromJson(listed.output).object().value(QStringLiteral("Tags")).toArray().size(),
            kHubTags);
    }

    void dockerPushesAndPullsWithTokens() {
        SAGEDOCK_REQUIRE_ENGINE();
        QString why;
        QVERIFY2(m_twin->trustInDocker(&why), qPrintable(why));
        QTemporaryDir config; // docker login writes the credentials here, not into the user's config
        qputenv("DOCKER_CONFIG", config.path().toUtf8());
        const QString target = m_twin->registryProxied() + QStringLiteral("/twin/pushed:dev");
        QByteArray out;
        QCOMPARE(testsupport::runDocker({QStringLiteral("login"), QStringLiteral("-u"),
                                         QStringLiteral("sage"), QStringLiteral("-p"),
                                         QStringLiteral("sage-secret"), m_twin->registryProxied()},
                                        &out),
                 0);
        QVERIFY2(testsupport::pushToRegistry(testsupport::fixtureImage(QStringLiteral("base")),
                                             m_twin->registryProxied(), QStringLiteral("twin/pushed:dev"),
                                             &why),
                 qPrintable(why));
        // pushToRegistry removed the local tag again, so the pull below really fetches through the proxy.
        QVERIFY2(testsupport::runDocker({QStringLiteral("pull"), target}, &out) == 0, out.constData());
        testsupport::runDocker({QStringLiteral("rmi"), target});
        testsupport::runDocker({QStringLiteral("logout"), m_twin->registryProxied()});
        qunsetenv("DOCKER_CONFIG");
        // The pushed image is visible with a token of its own scope, over the direct port too.
        QVERIFY(getManifest(m_twin->registry(), QStringLiteral("twin/pushed"), QStringLiteral("dev"),
                            pullToken(QStringLiteral("twin/pushed")))
                    .startsWith("HTTP/2 200"));
    }

    void cleanupTestCase() { m_twin.reset(); }
};

QTEST_GUILESS_MAIN(TestRegistryTwin)
#include "tst_registrytwin.moc"
