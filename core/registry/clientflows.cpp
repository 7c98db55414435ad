// registry::Client's conversations with a registry: ping and auth discovery, credentials, bearer
// tokens, then the calls themselves (tags with pagination, manifests, configs, HEAD digests) with
// the content cache in front.

#include "http/transport.h"
#include "registry/client_p.h"
#include "registry/insecureregistries.h"
#include "registry/manifestparser.h"
#include "registry/pagination.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

namespace sagedock::registry {

namespace {

using util::Error;
using util::ErrorCode;

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::registry)
};

// The token scope that lets a client pull from a repository (distribution's token spec).
QString pullScope(const QString& path) {
    return QStringLiteral("repository:%1:pull").arg(path);
}

http::Response errorResponse(const Error& e) {
    http::Response r;
    r.error = e;
    return r;
}

bool live(const QPointer<Job>& job) {
    return job && !job->isFinished();
}

int rank(Provenance::Source s) {
    switch (s) {
    case Provenance::Source::Cache:
        return 0;
    case Provenance::Source::Revalidated:
        return 1;
    case Provenance::Source::Network:
        return 2;
    case Provenance::Source::StaleCache:
        return 3;
    }
    return 0;
}

QString bareMediaType(const QByteArray& contentType) {
    return QString::fromLatin1(contentType.split(';').first().trimmed()).toLower();
}

} // namespace

struct ClientPrivate::TagPaging {
    std::optional<ContentCache::TagEntry> cached;
    QStringList tags;
    QSet<QString> seen;
    QSet<QUrl> visited;
    QByteArray etag;
    int pages = 0;
    qint64 bytes = 0; // of all pages read so far: the guard against endless big pages
};

namespace {

bool isTagName(const QString& tag) {
    static const QRegularExpression re(QStringLiteral(R"(^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$)"));
    return re.match(tag).hasMatch();
}

} // namespace

ClientPrivate::ClientPrivate(Client* client, http::Transport& e, ClientOptions o)
    : q(client)
    , engine(e)
    , options(std::move(o))
    , cache(options.cacheDirectory) {}

// --- plumbing ----------------------------------------------------------------------------------
bool ClientPrivate::plainHttp(const QString& host) const {
    return isInsecureRegistry(options.insecureRegistries + daemonInsecure, host);
}

void ClientPrivate::readDaemonJson(std::function<void()> done) {
    if (daemonJson == DaemonJson::Read || options.daemonJsonFiles.isEmpty())
        return done();
    daemonJsonWaiters.append(std::move(done));
    if (daemonJson == DaemonJson::Reading)
        return;
    daemonJson = DaemonJson::Reading;
    // Never read on the caller's (the UI's) thread: a slow disk, or SAGEDOCK_DAEMON_JSON naming a FIFO.
    auto* job = new util::TaskJob<QStringList>(
        [paths = options.daemonJsonFiles](const util::CancelToken&) -> util::Result<QStringList> {
            return readDaemonInsecureRegistries(paths);
        },
        q);
    QObject::connect(job, &util::Job::finished, q, [this, job] {
        daemonInsecure = job->result();
        daemonJson = DaemonJson::Read;
        job->deleteLater();
        const auto waiters = std::exchange(daemonJsonWaiters, {});
        for (const auto& w : waiters)
            w();
    });
    job->start();
}

QStringList ClientPrivate::certDirs(const QString& hostPort) const {
    QStringList dirs;
    for (const QString& root : options.certsRoots)
        dirs.append(QDir(root).filePath(hostPort));
    return dirs;
}

// Always https: a host that speaks only plain HTTP is learnt by the ping, and send() switches then.
QUrl ClientPrivate::apiUrl(const Repository& repository, const QString& suffix) const {
    const QString host = repository.apiHost();
    const QString scheme = QStringLiteral("https");
    const QString path =
        repository.path.isEmpty() ? QStringLiteral("/v2/") : QStringLiteral("/v2/") + repository.path;
    return QUrl(scheme + QStringLiteral("://") + host + path + suffix);
}

http::Request ClientPrivate::makeRequest(const QUrl& url, const QByteArray& method) const {
    http::Request r;
    r.method = method;
    r.url = url;
    r.totalTimeoutMs = options.requestTimeoutMs;
    r.connectTimeoutMs = std::min(10000, options.requestTimeoutMs);
    r.lowSpeedTimeSec = std::clamp(options.requestTimeoutMs / 1000, 1, 30);
    // A long Retry-After is reported ("rate limited until HH:MM") rather than waited for.
    r.retry.maxRetryAfterSec = 30;
    const QString host = http::hostPort(url);
    r.allowInsecure = url.scheme() == QLatin1String("http") && plainHttp(host);
    r.tlsCertDirs = certDirs(host);
    return r;
}

ErrorContext ClientPrivate::errorContext(const Repository& repository, const QString& reference) const {
    ErrorContext c;
    c.repository = repository;
    c.reference = reference;
    auto it = hosts.find(repository.apiHost());
    if (it != hosts.end()) {
        c.hadCredentials = !it->second.credentials.isEmpty() && it->second.auth != HostState::Auth::None;
        c.credentialProblem = it->second.credentialError;
    }
    return c;
}

QString ClientPrivate::tokenKey(const QString& host, const QString& scope) const {
    auto it = hosts.find(host);
    if (it == hosts.end())
        return scope;
    return it->second.realm + QLatin1Char('|') + it->second.service + QLatin1Char('|') + scope;
}

void ClientPrivate::ensurePing(const Repository& repository, std::function<void(const Error&)> done) {
    const QString host = repository.apiHost();
    HostState& h = hosts[host];
    if (h.auth != HostState::Auth::Unknown)
        return done({});
    h.pingWaiters.append(std::move(done));
    if (h.pinging)
        return;
    h.pinging = true;
    readDaemonJson(
        [this, host, display = Repository{repository.host, QString()}] { ping(host, display, false); });
}

// Docker's order: HTTPS first; plain HTTP only when the server does not speak TLS at all and the
// host is loopback or marked insecure. A certificate problem is never a reason to drop TLS.
void ClientPrivate::ping(const QString& host, const Repository& display, bool overPlainHttp) {
    QUrl url = apiUrl(display, QString());
    if (overPlainHttp)
        url.setScheme(QStringLiteral("http"));
    http::Request req = makeRequest(url);
    ++stats.requests;
    http::Reply* reply = engine.send(req);
    reply->setParent(q);
    QObject::connect(reply, &util::Job::finished, q, [this, reply, host, display, overPlainHttp] {
        const http::Response r = reply->response();
        reply->deleteLater();
        HostState& h = hosts[host];
        if (r.error && r.serverSpeaksNoTls && !overPlainHttp && plainHttp(host))
            return ping(host, display, true);
        h.pinging = false;
        Error e;
        if (r.error && r.serverSpeaksNoTls) {
            e = Error::make(ErrorCode::Tls,
                            Text::tr("%1 speaks only plain HTTP, and SageDock talks to it over HTTPS only.")
                                .arg(display.host),
                            Text::tr("If you trust the network to it, add %1 to the registries allowed over "
                                     "plain HTTP in Preferences, or to \"insecure-registries\" in "
                                     "/etc/docker/daemon.json as for dockerd.")
                                .arg(host));
        } else if (r.error) {
            e = r.error;
        } else if (r.status >= 200 && r.status < 300) {
            h.auth = HostState::Auth::None;
        } else if (r.status == 401) {
            const auto c = preferredChallenge(parseChallenges(r.headerValues("WWW-Authenticate")));
            if (c && c->isBearer()) {
                h.auth = HostState::Auth::Bearer;
                h.realm = c->param(QStringLiteral("realm"));
                h.service = c->param(QStringLiteral("service"));
            } else {
                // Basic, or a 401 without a usable challenge: send credentials when we have them.
                h.auth = HostState::Auth::Basic;
            }
        } else if (r.status == 404) {
            e = Error::make(ErrorCode::Protocol,
                            Text::tr("%1 is not an OCI registry (GET /v2/ answered 404).").arg(display.host),
                            Text::tr("Check the registry host name."));
        } else {
            e = responseError(r, errorContext(display, QString()));
        }
        if (!e)
            h.plainHttp = overPlainHttp;
        const auto waiters = std::exchange(h.pingWaiters, {});
        for (const auto& w : waiters)
            w(e);
    });
}

void ClientPrivate::ensureCredentials(const Repository& repository, std::function<void()> done) {
    const QString host = repository.apiHost();
    HostState& h = hosts[host];
    if (h.lookup == HostState::Lookup::Done)
        return done();
    h.credentialWaiters.append(std::move(done));
    if (h.lookup == HostState::Lookup::Running)
        return;
    h.lookup = HostState::Lookup::Running;
    auto finishLookup = [this, host](util::Result<Credentials> result) {
        HostState& st = hosts[host];
        if (result.ok())
            st.credentials = result.value();
        else
            st.credentialError = result.error();
        st.lookup = HostState::Lookup::Done;
        const auto waiters = std::exchange(st.credentialWaiters, {});
        for (const auto& w : waiters)
            w();
    };
    if (!options.credentials)
        return finishLookup(Credentials{});
    std::weak_ptr<int> alive = lifetime;
    options.credentials(repository.host, [alive, finishLookup](util::Result<Credentials> result) {
        if (alive.lock())
            finishLookup(std::move(result));
    });
}

void ClientPrivate::ensureToken(const Repository& repository, TokenFn done, bool alone) {
    const QString host = repository.apiHost();
    const QString scope = pullScope(repository.path);
    const QString key = tokenKey(host, scope);
    if (auto it = tokens.constFind(key); it != tokens.constEnd()) {
        if (it->expires > QDateTime::currentDateTimeUtc())
            return done(it->token);
        tokens.erase(it);
    }
    const bool running = tokenFetches.contains(key); // a fetch for this realm/service/scope is on its way
    tokenFetches[key].append(std::move(done));
    if (running)
        return;
    ensureCredentials(repository, [this, repository, key, scope, alone] {
        if (alone)
            return startTokenFetch(repository, {key}, {scope});
        // Every scope asked for in this event-loop turn goes into one request (the token spec allows
        // several scope parameters): a cold matrix costs a few token round trips, not one per image.
        TokenBatch& batch = tokenBatches[repository.apiHost()];
        batch.repository = repository;
        batch.keys.append(key);
        batch.scopes.append(scope);
        if (batch.keys.size() == 1)
            QTimer::singleShot(0, q, [this, host = repository.apiHost()] {
                TokenBatch b = tokenBatches.take(host);
                addExpectedScopes(host, b);
                for (qsizetype i = 0; i < b.keys.size(); i += kScopesPerTokenRequest)
                    startTokenFetch(b.repository, b.keys.mid(i, kScopesPerTokenRequest),
                                    b.scopes.mid(i, kScopesPerTokenRequest));
            });
    });
}

// The repositories a caller said it will read next join the batch (once): their scopes are asked for
// now, together, instead of a few at a time as each of them gets its turn.
void ClientPrivate::addExpectedScopes(const QString& host, TokenBatch& batch) {
    const QList<Repository> more = expected.take(host);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Repository& r : more) {
        const QString scope = pullScope(r.path);
        const QString key = tokenKey(host, scope);
        if (tokenFetches.contains(key))
            continue;
        if (auto it = tokens.constFind(key); it != tokens.constEnd() && it->expires > now)
            continue;
        tokenFetches.insert(key, {}); // in flight: a later ensureToken() waits for this answer
        batch.keys.append(key);
        batch.scopes.append(scope);
    }
}

void ClientPrivate::startTokenFetch(const Repository& repository, const QStringList& keys,
                                    const QStringList& scopes) {
    const QString host = repository.apiHost();
    const HostState& h = hosts[host];
    const Credentials creds = h.credentials;
    QUrl realm(h.realm);
    http::Request req;
    if (creds.identityToken) {
        // OAuth2 refresh-token grant: what a credential store holding an identity token needs.
        req = makeRequest(realm, "POST");
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
        form.addQueryItem(QStringLiteral("service"), h.service);
        form.addQueryItem(QStringLiteral("scope"),
                          scopes.join(QLatin1Char(' '))); // RFC 6749: space-separated
        form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("sagedock"));
        form.addQueryItem(QStringLiteral("refresh_token"), creds.secret);
        req.body = form.query(QUrl::FullyEncoded).toUtf8();
        req.setHeader("Content-Type", "application/x-www-form-urlencoded");
    } else {
        QUrlQuery query(realm);
        if (!h.service.isEmpty())
            query.addQueryItem(QStringLiteral("service"), h.service);
        for (const QString& scope : scopes)
            query.addQueryItem(QStringLiteral("scope"), scope);
        realm.setQuery(query);
        req = makeRequest(realm);
        if (!creds.isEmpty())
            req.setHeader("Authorization",
                          "Basic " +
                              QByteArray(creds.username.toUtf8() + ':' + creds.secret.toUtf8()).toBase64());
    }
    // The realm gets the registry's certs.d too (dockerd talks to it through the registry's transport).
    req.tlsCertDirs += certDirs(host);
    if (realm.scheme() == QLatin1String("http") && !h.plainHttp && !creds.isEmpty()) {
        const Error refused = Error::make(
            ErrorCode::Tls,
            Text::tr("The token service of %1 is at a plain-HTTP address (%2); SageDock does not send your "
                     "credentials there.")
                .arg(repository.host, http::hostPort(realm)),
            Text::tr("Ask the registry's operator to serve the token service over HTTPS."));
        for (const QString& key : keys)
            for (const TokenFn& w : tokenFetches.take(key))
                w(refused);
        return;
    }
    // Anonymous: as dockerd, the token is fetched from the realm the registry names, plain HTTP
    // included. Nothing secret is sent; the token only pulls what anyone may pull, and it goes back
    // only to the registry, over HTTPS.
    if (realm.scheme() == QLatin1String("http") && creds.isEmpty())
        req.allowInsecure = true;
    ++stats.requests;
    ++stats.tokenFetches;
    http::Reply* reply = engine.send(req);
    reply->setParent(q);
    const bool sentCredentials = !creds.isEmpty();
    const QString service = http::hostPort(realm);
    QObject::connect(
        reply, &util::Job::finished, q, [this, reply, keys, scopes, repository, sentCredentials, service] {
            const http::Response r = reply->response();
            reply->deleteLater();
            // A batch whose answer never arrives whole (a proxy that cuts connections after some
            // bytes, every time) is asked for again in halves: smaller answers get through, and a
            // single scope still fails with the transport's sentence.
            if (r.error && keys.size() > 1 && r.error.code != ErrorCode::Cancelled &&
                r.error.code != ErrorCode::Tls) {
                const qsizetype half = keys.size() / 2;
                startTokenFetch(repository, keys.mid(0, half), scopes.mid(0, half));
                startTokenFetch(repository, keys.mid(half), scopes.mid(half));
                return;
            }
            util::Result<QByteArray> result = QByteArray();
            if (r.isSuccess()) {
                QJsonParseError perr{};
                const QJsonObject o = QJsonDocument::fromJson(r.body, &perr).object();
                QString token = o.value(QLatin1String("token")).toString();
                if (token.isEmpty())
                    token = o.value(QLatin1String("access_token")).toString();
                if (perr.error != QJsonParseError::NoError) {
                    result = Error::make(
                        ErrorCode::Protocol,
                        Text::tr("The token service of %1 (%2) sent an answer that is not valid JSON.")
                            .arg(repository.host, service),
                        Text::tr("Try again later; if it persists, the token service or a proxy is broken."));
                } else if (token.isEmpty()) {
                    result = Error::make(
                        ErrorCode::Protocol,
                        Text::tr("The token service of %1 (%2) gave no token.").arg(repository.host, service),
                        Text::tr("Try again later; if it persists, the registry is misconfigured."));
                } else {
                    // No token lives less than 60 s (token spec); reused until 10 s before it expires.
                    const int lifetimeSec = std::max(60, o.value(QLatin1String("expires_in")).toInt(60));
                    const CachedToken cached{token.toUtf8(),
                                             QDateTime::currentDateTimeUtc().addSecs(lifetimeSec - 10)};
                    for (const QString& key : keys)
                        tokens.insert(key, cached);
                    result = token.toUtf8();
                }
            } else if (!r.error && r.status >= 500) {
                result = Error::make(ErrorCode::HttpStatus,
                                     Text::tr("The token service of %1 (%2) failed with HTTP %3.")
                                         .arg(repository.host, service)
                                         .arg(r.status),
                                     Text::tr("Try again later; the registry's operator may need to know."));
            } else {
                ErrorContext ctx = errorContext(repository, QString());
                ctx.hadCredentials = sentCredentials;
                result = responseError(r, ctx);
            }
            for (const QString& key : keys)
                for (const TokenFn& w : tokenFetches.take(key))
                    w(result);
        });
}

void ClientPrivate::authorize(const Repository& repository, http::Request request,
                              std::function<void(http::Request, Error)> done, bool alone) {
    const HostState& h = hosts[repository.apiHost()];
    switch (h.auth) {
    case HostState::Auth::Unknown:
    case HostState::Auth::None:
        return done(std::move(request), {});
    case HostState::Auth::Basic:
        return ensureCredentials(repository, [this, repository, request, done]() mutable {
            const Credentials& c = hosts[repository.apiHost()].credentials;
            if (!c.isEmpty())
                request.setHeader("Authorization",
                                  "Basic " +
                                      QByteArray(c.username.toUtf8() + ':' + c.secret.toUtf8()).toBase64());
            done(std::move(request), {});
        });
    case HostState::Auth::Bearer:
        // A retry after a 401 asks for this scope alone: a service that ignores all but one scope
        // parameter is then still answered right.
        return ensureToken(
            repository,
            [request, done](const util::Result<QByteArray>& token) mutable {
                if (!token.ok())
                    return done(std::move(request), token.error());
                request.setHeader("Authorization", "Bearer " + token.value());
                done(std::move(request), {});
            },
            alone);
    }
}

bool ClientPrivate::onUnauthorized(const Repository& repository, const http::Request& sent,
                                   const http::Response& response) {
    const QString host = repository.apiHost();
    HostState& h = hosts[host];
    const QString scope = pullScope(repository.path);
    // The token we sent is no good: forget it, unless a fresher one replaced it meanwhile (many
    // requests of a matrix meet the same expired token; one refresh serves them all).
    const QString key = tokenKey(host, scope);
    if (auto it = tokens.find(key);
        it != tokens.end() && "Bearer " + it->token == sent.header("Authorization"))
        tokens.erase(it);
    bool scopeMissing = false;
    if (const auto c = preferredChallenge(parseChallenges(response.headerValues("WWW-Authenticate")))) {
        if (c->isBearer()) {
            h.auth = HostState::Auth::Bearer;
            h.realm = c->param(QStringLiteral("realm"));
            h.service = c->param(QStringLiteral("service"));
            scopeMissing = c->param(QStringLiteral("error")) == QLatin1String("insufficient_scope");
        } else {
            h.auth = HostState::Auth::Basic;
        }
    } else if (h.auth == HostState::Auth::None || h.auth == HostState::Auth::Unknown) {
        h.auth = HostState::Auth::Basic;
    }
    return scopeMissing;
}

// A fresh token refused by the registry: say which side is wrong instead of "needs a login".
Error ClientPrivate::tokenRefused(const Repository& repository, const http::Response& response) const {
    const auto c = preferredChallenge(parseChallenges(response.headerValues("WWW-Authenticate")));
    if (!c || !c->isBearer())
        return {};
    const QString why = c->param(QStringLiteral("error"));
    const QString realm = http::hostPort(QUrl(c->param(QStringLiteral("realm"))));
    // Anonymous and short of scope: the registry wants a login, which responseError() says best.
    if (why == QLatin1String("insufficient_scope") && errorContext(repository, QString()).hadCredentials)
        return Error::make(
            ErrorCode::Denied,
            Text::tr("The token service of %1 (%2) gave a token without pull access to %3 "
                     "(insufficient_scope).")
                .arg(repository.host, realm, repository.toString()),
            Text::tr("Check that your account may pull it (`docker login %1`).").arg(repository.host));
    if (why == QLatin1String("invalid_token"))
        return Error::make(
            ErrorCode::Unauthorized,
            Text::tr("%1 refused the token its token service (%2) issued (invalid_token).")
                .arg(repository.host, realm),
            Text::tr("The token service and the registry disagree on keys or clocks; check this "
                     "computer's clock, or tell the registry's operator."));
    return {};
}

void ClientPrivate::send(Job* job, const Repository& repository, http::Request request, ResponseFn done,
                         bool retried, bool alone) {
    QPointer<Job> guard(job);
    ensurePing(repository, [this, guard, repository, original = request, done, retried,
                            alone](const Error& pingError) {
        if (!live(guard))
            return;
        if (pingError)
            return done(errorResponse(pingError));
        http::Request request = original;
        if (hosts[repository.apiHost()].plainHttp && request.url.scheme() == QLatin1String("https") &&
            http::hostPort(request.url) == repository.apiHost()) {
            request.url.setScheme(QStringLiteral("http")); // the ping found no TLS on an allowed host
            request.allowInsecure = true;
        }
        authorize(
            repository, request,
            [this, guard, repository, request, done, retried](http::Request authed, Error authError) {
                if (!live(guard))
                    return;
                if (authError)
                    return done(errorResponse(authError));
                transmit(guard, authed,
                         [this, guard, repository, request, authed, done, retried](const http::Response& r) {
                             noteRateLimit(guard, repository.apiHost(), r);
                             if (!r.error && r.status == 401 && !retried) {
                                 const bool scopeMissing = onUnauthorized(repository, authed, r);
                                 return send(guard, repository, request, done, true, scopeMissing);
                             }
                             if (!r.error && r.status == 401 &&
                                 authed.header("Authorization").startsWith("Bearer "))
                                 if (const Error e = tokenRefused(repository, r))
                                     return done(errorResponse(e));
                             done(r);
                         });
            },
            alone);
    });
}

void ClientPrivate::transmit(Job* job, const http::Request& request, ResponseFn done) {
    ++stats.requests;
    http::Reply* reply = engine.send(request);
    reply->setParent(job);
    QObject::connect(reply, &util::Job::finished, job, [job, reply, done] {
        const http::Response r = reply->response();
        reply->deleteLater();
        if (!job->isFinished())
            done(r);
    });
}

void ClientPrivate::noteRateLimit(Job* job, const QString& host, const http::Response& response) {
    const RateLimit limit = parseRateLimit(response);
    if (!limit.isValid())
        return;
    if (job)
        job->m_rateLimit = limit;
    rateLimits.insert(host, limit);
    Q_EMIT q->rateLimitChanged(host, limit);
}

void ClientPrivate::raise(Job* job, Provenance::Source source, const QDateTime& fetchedAt) {
    Provenance& p = job->m_provenance;
    if (p.source == Provenance::Source::StaleCache)
        return;
    if (rank(source) > rank(p.source) || (source == p.source && fetchedAt < p.fetchedAt)) {
        p.source = source;
        p.fetchedAt = fetchedAt;
    }
}

void ClientPrivate::markStale(Job* job, const QDateTime& fetchedAt, const Error& why) {
    ++stats.staleAnswers;
    Provenance& p = job->m_provenance;
    if (p.source != Provenance::Source::StaleCache || fetchedAt < p.fetchedAt)
        p.fetchedAt = fetchedAt;
    p.source = Provenance::Source::StaleCache;
    p.staleBecause = why;
}

Error ClientPrivate::offlineError(const Repository& repository) const {
    return Error::make(ErrorCode::Network,
                       Text::tr("Offline, and nothing about %1 is cached.").arg(repository.toString()),
                       Text::tr("Go online and refresh once; the answers are kept for offline use."));
}

// --- tags --------------------------------------------------------------------------------------
void ClientPrivate::runTags(TagsJob* job, const Repository& repository) {
    job->m_result.repository = repository;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto cached = cache.tags(repository);
    if (cached && (options.offline || cached->fetchedAt.secsTo(now) < options.tagsTtlSec)) {
        ++stats.cacheHits;
        job->m_result.tags = cached->tags;
        if (options.offline && cached->fetchedAt.secsTo(now) >= options.tagsTtlSec)
            markStale(job, cached->fetchedAt, Error::make(ErrorCode::Network, Text::tr("Working offline.")));
        else
            raise(job, Provenance::Source::Cache, cached->fetchedAt);
        return job->finish();
    }
    if (options.offline)
        return job->finish(offlineError(repository));
    auto state = std::make_shared<TagPaging>();
    state->cached = cached;
    const QUrl first = apiUrl(repository, QStringLiteral("/tags/list"));
    state->visited.insert(first);
    fetchTagPage(job, repository, first, state);
}

void ClientPrivate::fetchTagPage(TagsJob* job, const Repository& repository, const QUrl& url,
                                 std::shared_ptr<TagPaging> state) {
    http::Request req = makeRequest(url);
    req.setHeader("Accept", "application/json");
    req.maxResponseBytes = 16LL * 1024 * 1024;
    if (state->pages == 0 && state->cached && !state->cached->etag.isEmpty())
        req.setHeader("If-None-Match", state->cached->etag);
    auto fail = [this, job, state](const Error& e) {
        if (state->cached && allowsStaleAnswer(e)) {
            job->m_result.tags = state->cached->tags;
            markStale(job, state->cached->fetchedAt, e);
            return job->finish();
        }
        job->finish(e);
    };
    send(job, repository, req, [this, job, repository, url, state, fail](const http::Response& r) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (!r.error && r.status == 304 && state->pages == 0 && state->cached) {
            ++stats.revalidations;
            ContentCache::TagEntry entry = *state->cached;
            entry.fetchedAt = now;
            cache.storeTags(repository, entry);
            job->m_result.tags = entry.tags;
            raise(job, Provenance::Source::Revalidated, now);
            return job->finish();
        }
        if (!r.isSuccess())
            return fail(responseError(r, errorContext(repository, QString())));
        QJsonParseError perr{};
        const QJsonDocument doc = QJsonDocument::fromJson(r.body, &perr);
        const QJsonValue tags = doc.object().value(QLatin1String("tags"));
        if (perr.error != QJsonParseError::NoError || !doc.isObject() ||
            !(tags.isArray() || tags.isNull() || tags.isUndefined()))
            return fail(
                Error::make(ErrorCode::Protocol,
                            Text::tr("%1 sent a tag list that is not valid JSON.").arg(repository.host),
                            Text::tr("Try again later; if it persists, the registry or a proxy is broken.")));
        state->bytes += r.body.size();
        for (const QJsonValue& v : tags.toArray()) {
            const QString tag = v.toString();
            // Only names a tag can have (distribution spec): anything else, escapes included, is noise.
            if (isTagName(tag) && !state->seen.contains(tag)) {
                state->seen.insert(tag);
                state->tags.append(tag);
            }
        }
        if (state->pages == 0)
            state->etag = r.header("ETag");
        ++state->pages;
        const auto next =
            nextPageUrl(r.headerValues("Link"), r.effectiveUrl.isValid() ? r.effectiveUrl : url);
        if (!next.ok())
            return fail(next.error());
        if (next.value().isEmpty()) {
            cache.storeTags(repository, ContentCache::TagEntry{state->tags, now, state->etag});
            job->m_result.tags = state->tags;
            job->m_result.pages = state->pages;
            raise(job, Provenance::Source::Network, now);
            return job->finish();
        }
        if (state->visited.contains(next.value()))
            return fail(Error::make(
                ErrorCode::Protocol,
                Text::tr("%1 sent a tag list whose pages loop back (page %2 links to an earlier page).")
                    .arg(repository.host)
                    .arg(state->pages),
                Text::tr("Report this to the registry operator.")));
        if (state->bytes >= options.maxTagListBytes || state->tags.size() >= options.maxTags)
            return fail(Error::make(
                ErrorCode::TooLarge,
                Text::tr("%1 sent more than %2 of tags (%3 tags in %4 pages) and more pages follow; "
                         "SageDock stopped reading.")
                    .arg(repository.toString(),
                         QLocale().formattedDataSize(options.maxTagListBytes, 0, QLocale::DataSizeSIFormat))
                    .arg(state->tags.size())
                    .arg(state->pages),
                Text::tr("Ask for a specific tag instead of the whole list.")));
        if (state->pages >= options.maxTagPages)
            return fail(Error::make(ErrorCode::TooLarge,
                                    Text::tr("%1 has more than %2 pages of tags; SageDock stopped reading.")
                                        .arg(repository.toString())
                                        .arg(options.maxTagPages),
                                    Text::tr("Ask for a specific tag instead of the whole list.")));
        state->visited.insert(next.value());
        job->setProgressText(Text::tr("tags page %1").arg(state->pages + 1));
        fetchTagPage(job, repository, next.value(), state);
    });
}

// --- tag → digest ------------------------------------------------------------------------------
void ClientPrivate::resolveTag(Job* job, const Repository& repository, const QString& tag, TagLookup lookup,
                               std::function<void(util::Result<DigestInfo>)> done) {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto cached = cache.ref(repository, tag);
    if (cached && (options.offline || cached->fetchedAt.secsTo(now) < options.tagsTtlSec)) {
        ++stats.cacheHits;
        if (options.offline && cached->fetchedAt.secsTo(now) >= options.tagsTtlSec)
            markStale(job, cached->fetchedAt, Error::make(ErrorCode::Network, Text::tr("Working offline.")));
        else
            raise(job, Provenance::Source::Cache, cached->fetchedAt);
        return done(cached->info);
    }
    if (options.offline)
        return done(offlineError(repository));

    auto fail = [this, job, repository, tag, cached, done](const http::Response& r) {
        const Error e = responseError(r, errorContext(repository, tag));
        if (cached && allowsStaleAnswer(e)) {
            markStale(job, cached->fetchedAt, e);
            return done(cached->info);
        }
        done(e);
    };
    // GET when HEAD gave no digest (older registries) or is not supported (405/400).
    auto getTag = [this, job, repository, tag, cached, done, fail] {
        http::Request get = makeRequest(apiUrl(repository, QStringLiteral("/manifests/") + tag));
        get.setHeader("Accept", manifestAcceptHeader());
        get.maxResponseBytes = options.maxManifestBytes;
        send(job, repository, get, [this, job, repository, tag, cached, done, fail](const http::Response& r) {
            if (!r.isSuccess())
                return fail(r);
            const QString headerDigest = QString::fromLatin1(r.header("Docker-Content-Digest"));
            const QString digest = isDigest(headerDigest) ? headerDigest : computeDigest(r.body);
            if (!verifyDigest(r.body, digest))
                return done(Error::make(
                    ErrorCode::Protocol,
                    Text::tr("The manifest of %1:%2 does not match the digest the registry states.")
                        .arg(repository.toString(), tag),
                    Text::tr("A proxy may have altered it; try again.")));
            const auto parsed = parseManifest(r.body, r.header("Content-Type"));
            if (!parsed.ok())
                return done(parsed.error());
            const QDateTime now = QDateTime::currentDateTimeUtc();
            cache.storeManifest(digest, parsed->mediaType, r.body);
            const DigestInfo info{digest, parsed->mediaType, r.body.size()};
            cache.storeRef(repository, tag, ContentCache::RefEntry{info, now});
            raise(job, Provenance::Source::Network, now);
            done(info);
        });
    };
    // The manifest is wanted and not cached: one GET by tag answers digest and content in one round
    // trip where HEAD + GET by digest take two (a third fewer requests for a cold matrix). Not on Docker
    // Hub, which counts every manifest GET against the pull quota and HEADs not at all.
    if (lookup == TagLookup::WithManifest && !isDockerHub(repository.apiHost()) &&
        !(cached && cache.manifest(cached->info.digest)))
        return getTag();
    http::Request head = makeRequest(apiUrl(repository, QStringLiteral("/manifests/") + tag), "HEAD");
    head.setHeader("Accept", manifestAcceptHeader());
    send(job, repository, head,
         [this, job, repository, tag, cached, done, fail, getTag](const http::Response& r) {
             if (r.error)
                 return fail(r);
             const QString digest = QString::fromLatin1(r.header("Docker-Content-Digest"));
             if (r.isSuccess() && isDigest(digest)) {
                 const QDateTime now = QDateTime::currentDateTimeUtc();
                 const DigestInfo info{digest, bareMediaType(r.header("Content-Type")),
                                       r.header("Content-Length").toLongLong()};
                 if (cached && cached->info.digest == digest) {
                     ++stats.revalidations;
                     raise(job, Provenance::Source::Revalidated, now);
                 } else {
                     raise(job, Provenance::Source::Network, now);
                 }
                 cache.storeRef(repository, tag, ContentCache::RefEntry{info, now});
                 return done(info);
             }
             // A 404 is decided by status alone (protocols.md A6): a GET to learn whether the tag or
             // the repository is missing would double the cost of every empty matrix cell.
             if (r.isSuccess() || r.status == 405 || r.status == 400)
                 return getTag();
             fail(r);
         });
}

// --- manifests ---------------------------------------------------------------------------------
void ClientPrivate::runManifest(ManifestJob* job, const Repository& repository, const QString& reference,
                                const QString& platform) {
    job->m_result.repository = repository;
    job->m_result.reference = reference;
    if (isDigest(reference))
        return resolveDigest(job, repository, reference, platform, 0);
    QPointer<Job> guard(job);
    resolveTag(job, repository, reference, TagLookup::WithManifest,
               [this, guard, job, repository, platform](util::Result<DigestInfo> info) {
                   if (!live(guard))
                       return;
                   if (!info.ok())
                       return job->finish(info.error());
                   resolveDigest(job, repository, info->digest, platform, 0);
               });
}

void ClientPrivate::resolveDigest(ManifestJob* job, const Repository& repository, const QString& digest,
                                  const QString& platform, int depth) {
    if (auto cached = cache.manifest(digest)) {
        ++stats.cacheHits;
        return useManifest(job, repository, digest, cached->mediaType, cached->body, platform, depth);
    }
    if (options.offline)
        return job->finish(offlineError(repository));
    http::Request get = makeRequest(apiUrl(repository, QStringLiteral("/manifests/") + digest));
    get.setHeader("Accept", manifestAcceptHeader());
    get.maxResponseBytes = options.maxManifestBytes;
    if (depth > 0)
        job->setProgressText(Text::tr("manifest for %1").arg(platform));
    send(job, repository, get, [this, job, repository, digest, platform, depth](const http::Response& r) {
        if (!r.isSuccess())
            return job->finish(responseError(r, errorContext(repository, digest)));
        if (!verifyDigest(r.body, digest))
            return job->finish(Error::make(ErrorCode::Protocol,
                                           Text::tr("The manifest %1 of %2 does not match its digest.")
                                               .arg(digest, repository.toString()),
                                           Text::tr("A proxy or the registry altered it; try again.")));
        const auto parsed = parseManifest(r.body, r.header("Content-Type"));
        if (!parsed.ok())
            return job->finish(parsed.error());
        cache.storeManifest(digest, parsed->mediaType, r.body);
        raise(job, Provenance::Source::Network, QDateTime::currentDateTimeUtc());
        useManifest(job, repository, digest, parsed->mediaType, r.body, platform, depth);
    });
}

void ClientPrivate::useManifest(ManifestJob* job, const Repository& repository, const QString& digest,
                                const QString& mediaType, const QByteArray& body, const QString& platform,
                                int depth) {
    const auto parsed = parseManifest(body, mediaType.toLatin1());
    if (!parsed.ok())
        return job->finish(parsed.error());
    Manifest& m = job->m_result;
    if (parsed->isIndex) {
        if (depth > 0)
            return job->finish(
                Error::make(ErrorCode::Protocol,
                            Text::tr("%1 nests an index inside an index.").arg(repository.toString()),
                            Text::tr("SageDock reads one level of platform index.")));
        m.indexDigest = digest;
        m.indexMediaType = parsed->mediaType;
        m.platforms = parsed->platforms;
        const auto pick = pickPlatform(parsed->platforms, platform);
        if (!pick) {
            QStringList available;
            for (const PlatformEntry& e : parsed->platforms)
                available.append(e.platform());
            return job->finish(Error::make(
                ErrorCode::NotFound,
                Text::tr("%1:%2 has no %3 image.").arg(repository.toString(), m.reference, platform),
                available.isEmpty() ? Text::tr("The index lists no platform images.")
                                    : Text::tr("It has: %1.").arg(available.join(QStringLiteral(", ")))));
        }
        return resolveDigest(job, repository, pick->descriptor.digest, platform, depth + 1);
    }
    m.digest = digest;
    m.mediaType = parsed->mediaType;
    m.config = parsed->config;
    m.layers = parsed->layers;
    m.annotations = parsed->annotations;
    job->finish();
}

// --- config blobs ------------------------------------------------------------------------------
void ClientPrivate::runConfig(ConfigJob* job, const Repository& repository, const QString& digest) {
    auto deliver = [job, digest](const QByteArray& body) {
        auto parsed = parseImageConfig(body);
        if (!parsed.ok())
            return job->finish(parsed.error());
        job->m_result = std::move(parsed).value();
        job->m_result.digest = digest;
        job->finish();
    };
    if (auto cached = cache.blob(digest)) {
        ++stats.cacheHits;
        return deliver(*cached);
    }
    if (options.offline)
        return job->finish(offlineError(repository));
    http::Request get = makeRequest(apiUrl(repository, QStringLiteral("/blobs/") + digest));
    get.maxResponseBytes = options.maxConfigBytes;
    send(job, repository, get, [this, job, repository, digest, deliver](const http::Response& r) {
        if (!r.isSuccess())
            return job->finish(responseError(r, errorContext(repository, digest)));
        if (!verifyDigest(r.body, digest))
            return job->finish(
                Error::make(ErrorCode::Protocol,
                            Text::tr("The image configuration %1 of %2 does not match its digest.")
                                .arg(digest, repository.toString()),
                            Text::tr("A proxy or the registry altered it; try again.")));
        // Parse before caching: a blob that is not a config must not be served as one later.
        if (auto parsed = parseImageConfig(r.body); !parsed.ok())
            return job->finish(parsed.error());
        cache.storeBlob(digest, r.body);
        raise(job, Provenance::Source::Network, QDateTime::currentDateTimeUtc());
        deliver(r.body);
    });
}

// --- HEAD digest -------------------------------------------------------------------------------
void ClientPrivate::runHead(DigestJob* job, const Repository& repository, const QString& tag) {
    QPointer<Job> guard(job);
    resolveTag(job, repository, tag, TagLookup::DigestOnly, [guard, job](util::Result<DigestInfo> info) {
        if (!live(guard))
            return;
        if (!info.ok())
            return job->finish(info.error());
        job->m_result = info.value();
        job->finish();
    });
}

} // namespace sagedock::registry
