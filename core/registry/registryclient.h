#pragma once
// OCI Distribution client: tag lists (all pages), manifests (index → platform manifest), config blobs
// (sha256-verified), digests by HEAD, Docker Hub rate-limit headers. Auth (Bearer tokens cached per
// realm/service/scope, Basic, docker config.json and credential helpers) and a content-addressed disk
// cache are handled inside; callers only see results, errors as plain sentences with a hint, and
// where an answer came from (network, revalidated, cache, stale cache while offline).
//
// Everything runs in the thread that owns the Client; many calls may be in flight at once (the HTTP
// engine bounds connections per host). Each call returns a started util::Job the CALLER owns: delete
// it to abandon the call (no signal follows), or cancel() it (finished(Cancelled) follows at once).
//
// Usage:
//   registry::Client& client = *services.registry(); // services::Services builds the one client
//   auto repo =
//   registry::Repository::parse(QStringLiteral("ghcr.io/sagemath/sage/sage-ubuntu-jammy-standard-with-targets"));
//   registry::TagsJob* job = client.listTags(repo.value());
//   connect(job, &util::Job::finished, this, [job](const util::Error& e) {
//       if (e) show(e.toString()); else use(job->result().tags);
//       job->deleteLater();
//   });

#include "http/transport.h"
#include "reference/imageconfig.h"
#include "reference/imagereference.h"
#include "util/error.h"
#include "util/job.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace sagedock::registry {

// A repository on a registry: host[:port] as written in image references ("ghcr.io", "docker.io",
// "127.0.0.1:5000") plus the path ("sagemath/sage/sage-ubuntu-jammy-standard-with-targets").
// "docker.io" (and "index.docker.io") is talked to at registry-1.docker.io.
struct Repository {
    QString host;
    QString path;

    // "host/path"; a name without a registry host gets docker.io (and library/ for one component).
    // Tags or digests are refused here: they belong to the calls.
    static util::Result<Repository> parse(const QString& text);
    static Repository fromReference(const reference::ImageReference& ref) {
        return {ref.domain(), ref.path()};
    }
    QString toString() const { return host + QLatin1Char('/') + path; }
    bool isValid() const;
    QString apiHost() const; // host[:port] the HTTP requests go to
    bool operator==(const Repository&) const = default;
};

struct Credentials {
    QString username;
    QString secret;             // password, personal access token, or identity token (see below)
    bool identityToken = false; // secret is an OAuth refresh token (docker helper username "<token>")
    bool isEmpty() const { return username.isEmpty() && secret.isEmpty(); }
};

// Finds credentials for a registry host (the config.json key: "https://index.docker.io/v1/" for
// Docker Hub, host[:port] elsewhere is chosen by the implementation). Must call `done` exactly once,
// in the calling thread, possibly later; empty Credentials mean anonymous. An error is reported to
// the caller of the registry call only if the registry then demands a login.
using CredentialCallback = std::function<void(util::Result<Credentials>)>;
using CredentialLookup = std::function<void(const QString& host, CredentialCallback done)>;

// The docker CLI's rules: $DOCKER_CONFIG/config.json (or ~/.docker/config.json), credHelpers[host],
// else credsStore, else auths[host].auth; helpers are run as `docker-credential-<name> get` with a
// timeout. Secrets never reach the log. (Implemented in credentials.cpp.)
CredentialLookup dockerConfigCredentials(int helperTimeoutMs = 10000);

// Docker's per-registry certificate roots, each holding <host[:port]>/{*.crt,client.cert,client.key}:
// $SAGEDOCK_CERTS_D alone when set (for tests and admins), else /etc/docker/certs.d and the rootless
// $XDG_CONFIG_HOME/docker/certs.d (~/.config/docker/certs.d).
QStringList dockerCertsRoots();

struct ClientOptions {
    QString cacheDirectory{}; // content-addressed disk cache; empty = memory only
    // host, host:port or CIDR that may fall back to plain HTTP when they do not speak TLS, as dockerd's
    // insecure-registries (loopback hosts may too; see insecureregistries.h). HTTPS is always tried first.
    QStringList insecureRegistries{};
    // daemon.json files whose "insecure-registries" count too (dockerDaemonJsonPaths()); read once, on
    // a worker thread, before the first ping.
    QStringList daemonJsonFiles{};
    QStringList certsRoots{};                         // dockerCertsRoots() or a test's folder; empty = none
    CredentialLookup credentials{};                   // empty = anonymous everywhere
    QString platform = QStringLiteral("linux/amd64"); // chosen from an index ("os/arch[/variant]")
    int tagsTtlSec = 120;         // tag lists and tag→digest answers younger than this are not re-asked
    int requestTimeoutMs = 30000; // per request (total); stalls end earlier through the engine
    int maxTagPages = 200;        // pagination guard
    // What a tag list may hold in total over all its pages: a never-ending Link with big pages stops
    // here, long before memory runs out. Real lists are far below (Docker Hub's largest: ~1 MB).
    qint64 maxTagListBytes = 32LL * 1024 * 1024;
    qsizetype maxTags = 200000;
    qint64 maxManifestBytes = 4LL * 1024 * 1024;
    qint64 maxConfigBytes = 8LL * 1024 * 1024;
    bool offline = false; // never touch the network: answer from the cache (stale allowed)
};

// Docker Hub pull quota as read from ratelimit-* headers; invalid when the registry sent none.
struct RateLimit {
    int limit = -1;
    int remaining = -1;
    int windowSec = 0;
    QString source;  // docker-ratelimit-source
    QDateTime reset; // from RateLimit-Reset or Retry-After, when sent
    QDateTime seenAt;
    bool isValid() const { return limit >= 0 || remaining >= 0; }
};

// Where an answer came from.
struct Provenance {
    enum class Source {
        Network,     // fetched now
        Revalidated, // the server confirmed the cached answer (304 / same digest)
        Cache,       // fresh enough or immutable (by digest): no request made
        StaleCache,  // the network failed or offline mode: last known answer, see fetchedAt
    };
    Source source = Source::Network;
    QDateTime fetchedAt;      // when the answer was last confirmed by the registry
    util::Error staleBecause; // StaleCache only: why the registry could not be asked
    qint64 ageSeconds() const {
        return fetchedAt.isValid() ? fetchedAt.secsTo(QDateTime::currentDateTimeUtc()) : 0;
    }
    bool isStale() const { return source == Source::StaleCache; }
};

struct TagList {
    Repository repository;
    QStringList tags; // as the registry ordered them
    int pages = 0;    // pages fetched (0 when served from cache)
};

struct Descriptor {
    QString mediaType;
    QString digest;
    qint64 size = 0;
    QMap<QString, QString> annotations;
};

struct PlatformEntry {
    Descriptor descriptor;
    QString os;
    QString architecture;
    QString variant;
    QString osVersion;
    QString platform() const; // "linux/amd64", "linux/arm64/v8"
};

struct Manifest {
    Repository repository;
    QString reference; // tag or digest as asked
    QString digest;    // of the image manifest (the platform one when the reference named an index)
    QString mediaType;
    QString indexDigest; // of the index/manifest list the reference named; empty when there was none
    QString indexMediaType;
    QList<PlatformEntry> platforms; // index entries without attestation manifests
    Descriptor config;
    QList<Descriptor> layers;
    QMap<QString, QString> annotations;
    qint64 totalCompressedSize() const; // sum of layer sizes
};

// The one image-config type, shared with the engine's image inspect.
using HistoryEntry = reference::ImageHistoryEntry;
using ImageConfig = reference::ImageConfig;

struct DigestInfo {
    QString digest;
    QString mediaType;
    qint64 size = 0;
};

class Client;
struct ClientPrivate;

// Base of all registry calls: a util::Job the Client starts before returning it. Progress text
// ("tags page 3", "manifest for linux/arm64") arrives through util::Job::progressChanged; cancel()
// ends the call at once with Cancelled; deleting it abandons the call silently.
class Job : public util::Job {
    Q_OBJECT
public:
    ~Job() override;
    const Provenance& provenance() const { return m_provenance; }
    RateLimit rateLimit() const { return m_rateLimit; } // last seen on this job's requests

protected:
    explicit Job(ClientPrivate* client);
    friend struct ClientPrivate;
    friend class Client;
    void doStart() override;
    bool doCancel() override;
    // Ends the call: abandons its requests in flight, leaves the client's books, emits finished().
    void finish(util::Error error = {});
    void abandonRequests();

    ClientPrivate* m_client;     // valid while the client lives; jobs are cancelled when it goes away
    std::function<void()> m_run; // the call itself, run by doStart()
    Provenance m_provenance;
    RateLimit m_rateLimit;
};

// A registry call with a value. Not util::ValueJob<T>: registry calls share the Job base above
// (provenance, rate limit, the client's bookkeeping), and a QObject has one base chain.
template <typename T> class ValueJob : public Job {
public:
    const T& result() const { return m_result; }

protected:
    using Job::Job;
    friend struct ClientPrivate;
    T m_result{};
};

class TagsJob final : public ValueJob<TagList> {
    Q_OBJECT
    using ValueJob::ValueJob;
    friend struct ClientPrivate;
};
class ManifestJob final : public ValueJob<Manifest> {
    Q_OBJECT
    using ValueJob::ValueJob;
    friend struct ClientPrivate;
};
class ConfigJob final : public ValueJob<ImageConfig> {
    Q_OBJECT
    using ValueJob::ValueJob;
    friend struct ClientPrivate;
};
class DigestJob final : public ValueJob<DigestInfo> {
    Q_OBJECT
    using ValueJob::ValueJob;
    friend struct ClientPrivate;
};

// Counters for benchmarks and tests.
struct ClientStats {
    quint64 requests = 0; // HTTP requests sent (token fetches included)
    quint64 tokenFetches = 0;
    quint64 cacheHits = 0;     // answered without a request
    quint64 revalidations = 0; // conditional requests answered 304 / same digest
    quint64 staleAnswers = 0;
};

class Client final : public QObject {
    Q_OBJECT
public:
    explicit Client(http::Transport& engine, ClientOptions options = {}, QObject* parent = nullptr);
    ~Client() override; // pending jobs finish with ErrorCode::Cancelled

    const ClientOptions& options() const;
    http::Transport& transport() const; // the one it sends through
    void setOffline(bool offline);

    // Every tag, following Link pagination (same host only, loop and page-count guards).
    TagsJob* listTags(const Repository& repository);
    // The manifest a tag or digest names; an index is resolved to options().platform.
    ManifestJob* manifest(const Repository& repository, const QString& tagOrDigest);
    // Same, for an explicit platform ("linux/arm64"); empty = options().platform.
    ManifestJob* manifest(const Repository& repository, const QString& tagOrDigest, const QString& platform);
    // The config blob of an image manifest, verified against its sha256 digest and parsed.
    ConfigJob* config(const Repository& repository, const QString& digest);
    // HEAD for the digest a tag points at now (does not count against Docker Hub's pull quota).
    DigestJob* headDigest(const Repository& repository, const QString& tag);

    // Last rate-limit headers seen from this host (apiHost or image-reference host).
    RateLimit rateLimit(const QString& host) const;
    ClientStats stats() const;
    // Forget cached tokens and looked-up credentials (e.g. after the user logged in again).
    void clearTokens();
    // A hint, for callers that know the repositories they are about to read (a matrix): when a token
    // for one of their hosts is next fetched, that request also asks for these repositories' scopes,
    // so a cold matrix costs one round of token requests, not one per wave of images. Nothing is sent
    // for the hint alone (a warm matrix answered from the cache needs no token at all).
    void expectRepositories(const QList<Repository>& repositories);

Q_SIGNALS:
    void rateLimitChanged(const QString& host, const sagedock::registry::RateLimit& limit);

private:
    std::unique_ptr<ClientPrivate> d;
};

} // namespace sagedock::registry
