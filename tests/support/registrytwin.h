#pragma once
// A ghcr.io / Docker Hub twin made of real parts, per test run (tests/fixtures/registrytwin/twin.py):
// docker-registry 2.8 serving TLS itself with a CA made per run, `auth: token` with a token issuer of
// the tests' own (ES256 JWTs with an x5c header that the REGISTRY validates), a Docker Hub-like second
// registry whose tags/list is paginated by Link and whose realm is on another port, and a TCP latency
// proxy in front of the registries and the token services (TLS passes through untouched).
// Usage:
//   testsupport::RegistryTwin twin({.latencyMs = 25});
//   QString why;
//   QVERIFY2(twin.start(&why), qPrintable(why));
//   auto chain = twin.seedStageChain(QStringLiteral("sagemath/sage"), QStringLiteral("ubuntu-jammy"), "dev");
//   // then talk to twin.registryProxied() over TLS, trusting twin.caFile() (or twin.certDir()).
// The twin runs in child processes, so a test may block on a peer (curl, skopeo) while it serves.

#include "registryseed.h"

#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace sagedock::testsupport {

class RegistryTwin {
public:
    struct Options {
        int latencyMs = 25; // per direction, on connect and every chunk (RTT = 2x)
        QMap<QString, QString> users{{QStringLiteral("sage"), QStringLiteral("sage-secret")}};
        bool anonymousPull = true; // tokens without Basic credentials may pull (ghcr.io-like)
        int tokenLifetimeS = 300;  // the registry accepts 60 s more (distribution's leeway)
        int hubPageSize = 100;     // tags per page of the Docker Hub-like front without ?n=
    };
    // What the token issuer does on the next token requests (both realms).
    enum class IssuerFault {
        None,
        Http500,        // 500 with a text body
        MalformedJson,  // 200 with a truncated JSON body
        NoScope,        // a valid token whose access list is empty: the registry says insufficient_scope
        Expired,        // a token expired 5 minutes ago (beyond the registry's 60 s leeway)
        WrongSignature, // signed by a key the registry does not know (x5c still names the right one)
    };

    RegistryTwin();
    explicit RegistryTwin(Options options);
    ~RegistryTwin(); // stops the twin (its children by pid) and removes the Docker trust it installed
    RegistryTwin(const RegistryTwin&) = delete;
    RegistryTwin& operator=(const RegistryTwin&) = delete;

    // Makes the certificates, starts everything and waits until all ports answer.
    bool start(QString* why);

    QString registry() const { return m_endpoints.value(QStringLiteral("registry")); } // "127.0.0.1:P"
    QString registryProxied() const { return m_endpoints.value(QStringLiteral("registryProxied")); }
    QString realm() const { return m_endpoints.value(QStringLiteral("realm")); } // https://…/token (proxied)
    QString issuer() const { return m_endpoints.value(QStringLiteral("issuer")); }
    QString service() const { return m_endpoints.value(QStringLiteral("service")); }
    QString hub() const { return m_endpoints.value(QStringLiteral("hub")); }
    QString hubProxied() const { return m_endpoints.value(QStringLiteral("hubProxied")); }
    QString hubRealm() const { return m_endpoints.value(QStringLiteral("hubRealm")); }
    QString hubService() const { return m_endpoints.value(QStringLiteral("hubService")); }
    QString seedAddress() const { return m_endpoints.value(QStringLiteral("seed")); } // plain HTTP, no auth
    // TLS faults, direct (no proxy), same storage and token service as registry():
    QString registryExpiredCert() const { return m_endpoints.value(QStringLiteral("registryExpiredCert")); }
    QString registryClientCert() const { return m_endpoints.value(QStringLiteral("registryClientCert")); }
    QString clientCertDir() const { return m_endpoints.value(QStringLiteral("clientCertDir")); } // client.*
    // TLS registry whose realm is plain HTTP (plainRealm()); that issuer gives anonymous pull tokens.
    QString registryPlainRealm() const { return m_endpoints.value(QStringLiteral("registryPlainRealm")); }
    QString plainRealm() const { return m_endpoints.value(QStringLiteral("plainRealm")); }
    QString caFile() const { return m_endpoints.value(QStringLiteral("caFile")); }
    QString certDir() const { return m_endpoints.value(QStringLiteral("certDir")); } // holds ca.crt
    QString directory() const { return m_dir.path(); }
    const Options& options() const { return m_options; }

    // Take effect on the next token request / the next connection through the proxies.
    bool setIssuerFault(IssuerFault fault);
    bool setLatencyMs(int perDirection);
    // Tokens the registry accepts for `seconds` only while expires_in promises tokenLifetimeS; 0 = off.
    bool setTokenValidSeconds(int seconds);
    // The proxies cut each new connection after `bytes` from the server; 0 = off.
    bool setDropAfterBytes(int bytes);
    // Tokens all issuers handed out so far.
    int tokensIssued() const;

    // TCP connections the latency proxy in front of `address` (registryProxied(), hubProxied(), or the
    // host:port of realm()/hubRealm()) accepted so far: connection reuse is visible without a packet trace.
    int connectionsAccepted(const QString& address) const;

    // Writes /etc/docker/certs.d/<address>/ca.crt for the registry (direct and proxied) so that
    // `docker login/push/pull` verify the twin's certificate; removed again by the destructor.
    bool trustInDocker(QString* why);

    // Seeding goes through the seed door (same storage, no TLS, no auth), so it costs no tokens.
    RegistrySeed seeder() const { return RegistrySeed(seedAddress()); }
    // One Sage-like chain: <prefix>/sage-<system>-standard-<stage>:<tag> for the published stages,
    // each stage one layer on top of its parent. Returns stage -> manifest digest.
    util::Result<QMap<QString, QString>> seedStageChain(const QString& prefix, const QString& system,
                                                        const QString& tag);
    // An OCI image index (linux/amd64 + linux/arm64, plus a BuildKit attestation entry).
    util::Result<RegistrySeed::Pushed> seedIndex(const QString& repository, const QString& tag);
    // sagemath/sagemath on the Docker Hub-like front: `count` Sage-like version tags of one image.
    util::Result<QStringList> seedHubTags(int count);

private:
    bool writeKnob(const QString& key, const QString& value);

    Options m_options;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QMap<QString, QString> m_endpoints;
    QStringList m_dockerTrust;    // folders under /etc/docker/certs.d this twin created
    bool m_createdCertsD = false; // and /etc/docker/certs.d itself
};

} // namespace sagedock::testsupport
