#pragma once
// Private to core/registry: the state behind registry::Client (hosts, tokens, cache, live jobs)
// and the request plumbing every call shares (ping, credentials, token, one retry on 401).

#include "http/reply.h"
#include "registry/authchallenge.h"
#include "registry/contentcache.h"
#include "registry/registryclient.h"
#include "registry/registryerrors.h"

#include <QHash>
#include <QPointer>
#include <QSet>

#include <functional>
#include <map>
#include <memory>

namespace sagedock::registry {

using ResponseFn = std::function<void(const http::Response&)>;
using TokenFn = std::function<void(const util::Result<QByteArray>&)>;

struct HostState {
    enum class Auth { Unknown, None, Basic, Bearer };
    Auth auth = Auth::Unknown;
    bool plainHttp = false; // decided by the ping: HTTPS answered without TLS and plain HTTP is allowed
    QString realm;
    QString service;
    bool pinging = false;
    QList<std::function<void(const util::Error&)>> pingWaiters;

    enum class Lookup { NotStarted, Running, Done };
    Lookup lookup = Lookup::NotStarted;
    Credentials credentials;
    util::Error credentialError;
    QList<std::function<void()>> credentialWaiters;
};

struct CachedToken {
    QByteArray token;
    QDateTime expires;
};

struct ClientPrivate {
    ClientPrivate(Client* client, http::Transport& engine, ClientOptions options);

    Client* q;
    http::Transport& engine;
    ClientOptions options;
    ContentCache cache;
    std::map<QString, HostState> hosts;          // by API host; node-based so references stay valid
    QHash<QString, CachedToken> tokens;          // realm|service|scope
    QHash<QString, QList<TokenFn>> tokenFetches; // by token key: who waits for a fetch in flight
    struct TokenBatch {
        Repository repository;
        QStringList keys;
        QStringList scopes;
    };
    QHash<QString, TokenBatch> tokenBatches;                // by API host: scopes to ask for on the next turn
    QHash<QString, QList<Repository>> expected;             // by API host: see Client::expectRepositories
    static constexpr qsizetype kScopesPerTokenRequest = 40; // keeps the URL under ~4 KB
    QHash<QString, RateLimit> rateLimits;                   // by API host
    QSet<Job*> jobs;
    // dockerd's insecure-registries from options.daemonJsonFiles, read once on the thread pool.
    enum class DaemonJson { NotRead, Reading, Read };
    DaemonJson daemonJson = DaemonJson::NotRead;
    QStringList daemonInsecure;
    QList<std::function<void()>> daemonJsonWaiters;
    ClientStats stats;
    std::shared_ptr<int> lifetime = std::make_shared<int>(0); // callbacks from outside hold a weak_ptr

    // Returns the job started: util::Job runs it on the next event-loop turn, so the caller can
    // connect first, even when the answer comes straight from the cache.
    template <typename J, typename F> J* launch(F run) {
        auto* job = new J(this);
        jobs.insert(job);
        job->m_run = [job, run] { run(job); };
        job->start();
        return job;
    }

    // Plumbing
    bool plainHttp(const QString& host) const; // may fall back to plain HTTP (loopback, insecure-marked)
    void readDaemonJson(std::function<void()> done); // daemonInsecure is complete when `done` runs
    QStringList certDirs(const QString& hostPort) const;
    void ping(const QString& host, const Repository& display, bool overPlainHttp);
    QUrl apiUrl(const Repository& repository, const QString& suffix) const;
    http::Request makeRequest(const QUrl& url, const QByteArray& method = "GET") const;
    void ensurePing(const Repository& repository, std::function<void(const util::Error&)> done);
    void ensureCredentials(const Repository& repository, std::function<void()> done);
    void ensureToken(const Repository& repository, TokenFn done, bool alone = false);
    void startTokenFetch(const Repository& repository, const QStringList& keys, const QStringList& scopes);
    void addExpectedScopes(const QString& host, TokenBatch& batch);
    void authorize(const Repository& repository, http::Request request,
                   std::function<void(http::Request, util::Error)> done, bool retried = false);
    // Forgets the token `sent` carried; true when the registry said the token lacks the scope.
    bool onUnauthorized(const Repository& repository, const http::Request& sent,
                        const http::Response& response);
    // Ping, auth, send, one fresh token on 401; `done` runs only while the job is alive and unfinished.
    // `alone`: fetch a token for this scope by itself (after insufficient_scope on a shared one).
    void send(Job* job, const Repository& repository, http::Request request, ResponseFn done,
              bool retried = false, bool alone = false);
    util::Error tokenRefused(const Repository& repository, const http::Response& response) const;
    void transmit(Job* job, const http::Request& request, ResponseFn done);
    void noteRateLimit(Job* job, const QString& host, const http::Response& response);
    ErrorContext errorContext(const Repository& repository, const QString& reference) const;
    QString tokenKey(const QString& host, const QString& scope) const;

    // Provenance bookkeeping: Cache < Revalidated < Network; StaleCache wins over all.
    void raise(Job* job, Provenance::Source source, const QDateTime& fetchedAt);
    void markStale(Job* job, const QDateTime& fetchedAt, const util::Error& why);
    util::Error offlineError(const Repository& repository) const;

    // Calls
    void runTags(TagsJob* job, const Repository& repository);
    void runManifest(ManifestJob* job, const Repository& repository, const QString& reference,
                     const QString& platform);
    void runConfig(ConfigJob* job, const Repository& repository, const QString& digest);
    void runHead(DigestJob* job, const Repository& repository, const QString& tag);

    struct TagPaging;
    void fetchTagPage(TagsJob* job, const Repository& repository, const QUrl& url,
                      std::shared_ptr<TagPaging> state);
    // WithManifest: the caller goes on to read the manifest, so a cold lookup may fetch it at once.
    enum class TagLookup { DigestOnly, WithManifest };
    void resolveTag(Job* job, const Repository& repository, const QString& tag, TagLookup lookup,
                    std::function<void(util::Result<DigestInfo>)> done);
    void resolveDigest(ManifestJob* job, const Repository& repository, const QString& digest,
                       const QString& platform, int depth);
    void useManifest(ManifestJob* job, const Repository& repository, const QString& digest,
                     const QString& mediaType, const QByteArray& body, const QString& platform, int depth);
};

} // namespace sagedock::registry
