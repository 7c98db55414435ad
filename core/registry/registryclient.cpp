#include "registry/registryclient.h"

#include "registry/client_p.h"
#include "registry/manifestparser.h"

#include <QCoreApplication>

namespace sagedock::registry {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::registry)
};

} // namespace

// --- values ------------------------------------------------------------------------------------
util::Result<Repository> Repository::parse(const QString& text) {
    auto ref = reference::ImageReference::parseRepository(text.trimmed());
    if (!ref.ok())
        return ref.error();
    return fromReference(ref.value());
}

bool Repository::isValid() const {
    return !host.isEmpty() && !path.isEmpty() && !reference::ImageReference::validateDomain(host) &&
           !reference::ImageReference::validatePath(path);
}

QString Repository::apiHost() const {
    if (host == QLatin1String("docker.io") || host == QLatin1String("index.docker.io"))
        return QStringLiteral("registry-1.docker.io");
    return host;
}

QString PlatformEntry::platform() const {
    QString p = os + QLatin1Char('/') + architecture;
    if (!variant.isEmpty())
        p += QLatin1Char('/') + variant;
    return p;
}

qint64 Manifest::totalCompressedSize() const {
    qint64 total = 0;
    for (const Descriptor& l : layers)
        total += l.size;
    return total;
}

// --- jobs ------------------------------------------------------------------------------------
Job::Job(ClientPrivate* client)
    : m_client(client) {
    m_provenance.source = Provenance::Source::Cache;
    m_provenance.fetchedAt = QDateTime::currentDateTimeUtc();
}

Job::~Job() {
    if (m_client)
        m_client->jobs.remove(this);
}

void Job::doStart() {
    if (m_client && m_run)
        m_run();
}

bool Job::doCancel() {
    abandonRequests();
    return true;
}

void Job::abandonRequests() {
    // Requests still in flight are abandoned; deleteLater because one of them may be delivering
    // the answer that finishes us right now.
    for (http::Reply* reply : findChildren<http::Reply*>(Qt::FindDirectChildrenOnly)) {
        reply->disconnect(this);
        reply->deleteLater();
    }
    if (m_client)
        m_client->jobs.remove(this);
}

void Job::finish(util::Error error) {
    if (isFinished())
        return;
    abandonRequests();
    emitResult(std::move(error));
}

// --- client ------------------------------------------------------------------------------------
Client::Client(http::Transport& engine, ClientOptions options, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<ClientPrivate>(this, engine, std::move(options))) {}

Client::~Client() {
    const QSet<Job*> pending = d->jobs;
    d->jobs.clear();
    for (Job* job : pending) {
        job->m_client = nullptr;
        job->cancel();
    }
    d->lifetime.reset();
    // Shared requests (pings, tokens) hold callbacks into d: end them before d goes.
    qDeleteAll(findChildren<http::Reply*>(Qt::FindDirectChildrenOnly));
}

const ClientOptions& Client::options() const {
    return d->options;
}

http::Transport& Client::transport() const {
    return d->engine;
}

void Client::setOffline(bool offline) {
    d->options.offline = offline;
}

namespace {

// lupdate loses Text's context in a function whose return type is qualified (util::Error f()).
using util::Error;
Error invalidRepository(const Repository& r) {
    return util::Error::make(
        util::ErrorCode::InvalidArgument,
        Text::tr("\"%1\" is not a valid repository name.").arg(r.toString()),
        Text::tr(
            "Use host/path, for example ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-with-targets."));
}

} // namespace

TagsJob* Client::listTags(const Repository& repository) {
    return d->launch<TagsJob>([repository](TagsJob* job) {
        if (!repository.isValid())
            return job->finish(invalidRepository(repository));
        job->m_client->runTags(job, repository);
    });
}

ManifestJob* Client::manifest(const Repository& repository, const QString& tagOrDigest) {
    return manifest(repository, tagOrDigest, QString());
}

ManifestJob* Client::manifest(const Repository& repository, const QString& tagOrDigest,
                              const QString& platform) {
    const QString wanted = platform.isEmpty() ? d->options.platform : platform;
    return d->launch<ManifestJob>([repository, tagOrDigest, wanted](ManifestJob* job) {
        if (!repository.isValid())
            return job->finish(invalidRepository(repository));
        const bool digest = tagOrDigest.contains(QLatin1Char(':'));
        if (util::Error e = digest ? reference::ImageReference::validateDigest(tagOrDigest)
                                   : reference::ImageReference::validateTag(tagOrDigest))
            return job->finish(e);
        job->m_client->runManifest(job, repository, tagOrDigest, wanted);
    });
}

ConfigJob* Client::config(const Repository& repository, const QString& digest) {
    return d->launch<ConfigJob>([repository, digest](ConfigJob* job) {
        if (!repository.isValid())
            return job->finish(invalidRepository(repository));
        if (util::Error e = reference::ImageReference::validateDigest(digest))
            return job->finish(e);
        job->m_client->runConfig(job, repository, digest);
    });
}

DigestJob* Client::headDigest(const Repository& repository, const QString& tag) {
    return d->launch<DigestJob>([repository, tag](DigestJob* job) {
        if (!repository.isValid())
            return job->finish(invalidRepository(repository));
        if (util::Error e = reference::ImageReference::validateTag(tag))
            return job->finish(e);
        job->m_client->runHead(job, repository, tag);
    });
}

RateLimit Client::rateLimit(const QString& host) const {
    return d->rateLimits.value(Repository{host, QString()}.apiHost());
}

ClientStats Client::stats() const {
    return d->stats;
}

void Client::expectRepositories(const QList<Repository>& repositories) {
    // A new hint replaces the last one for its hosts: a caller that refreshes again and again from the
    // cache never piles them up.
    QHash<QString, QList<Repository>> byHost;
    for (const Repository& r : repositories)
        byHost[r.apiHost()].append(r);
    for (auto it = byHost.cbegin(); it != byHost.cend(); ++it)
        d->expected.insert(it.key(), it.value());
}

void Client::clearTokens() {
    d->tokens.clear();
    // Credentials are looked up again too: the user may just have run `docker login`.
    for (auto& [host, state] : d->hosts) {
        if (state.lookup != HostState::Lookup::Running) {
            state.lookup = HostState::Lookup::NotStarted;
            state.credentials = {};
            state.credentialError = {};
        }
    }
}

} // namespace sagedock::registry
