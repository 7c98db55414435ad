#include "registry/contentcache.h"

#include "registry/manifestparser.h"
#include "util/atomicfile.h"
#include "util/log.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sagedock::registry {

namespace {

// Memory entries beyond this are dropped wholesale; the disk copy stays.
constexpr int kMaxMemoryEntries = 20000;

QString repoKey(const Repository& r) {
    return r.host + QLatin1Char('/') + r.path;
}

std::optional<QByteArray> readFile(const QString& path, qint64 maxBytes) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() > maxBytes)
        return std::nullopt;
    return f.readAll();
}

template <typename Map> void bound(Map& map) {
    if (map.size() > kMaxMemoryEntries)
        map.clear();
}

} // namespace

ContentCache::ContentCache(QString directory)
    : m_dir(std::move(directory)) {
    m_writer.setMaxThreadCount(1);
    m_writer.setExpiryTimeout(2000);
}

ContentCache::~ContentCache() {
    flush();
}

void ContentCache::flush() {
    m_writer.waitForDone();
}

QString ContentCache::contentPath(const char* kind, const QString& digest) const {
    const QString alg = digest.section(QLatin1Char(':'), 0, 0);
    const QString hex = digest.section(QLatin1Char(':'), 1);
    return m_dir + QLatin1Char('/') + QLatin1String(kind) + QLatin1Char('/') + alg + QLatin1Char('/') + hex;
}

QString ContentCache::keyedPath(const char* kind, const QString& key) const {
    // Hashed names: repository paths and tags hold characters some file systems dislike.
    const QByteArray hash =
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex().left(40);
    return m_dir + QLatin1Char('/') + QLatin1String(kind) + QLatin1Char('/') + QString::fromLatin1(hash) +
           QStringLiteral(".json");
}

void ContentCache::write(const QString& path, const QByteArray& data) {
    if (m_dir.isEmpty())
        return;
    m_writer.start([path, data] {
        if (auto e = util::writeFileAtomically(path, data, util::Durability::Unsynced))
            util::logWarning(e.message);
    });
}

std::optional<ContentCache::CachedManifest> ContentCache::manifest(const QString& digest) {
    if (auto it = m_manifests.constFind(digest); it != m_manifests.constEnd())
        return *it;
    if (m_dir.isEmpty() || !isDigest(digest))
        return std::nullopt;
    const auto data = readFile(contentPath("manifests", digest), 16 * 1024 * 1024);
    if (!data)
        return std::nullopt;
    const qsizetype nl = data->indexOf('\n');
    if (nl < 0)
        return std::nullopt;
    CachedManifest m{QString::fromLatin1(data->left(nl)), data->mid(nl + 1)};
    if (!verifyDigest(m.body, digest)) {
        util::logWarning(QStringLiteral("registry cache: %1 does not match its digest; ignored").arg(digest));
        QFile::remove(contentPath("manifests", digest));
        return std::nullopt;
    }
    bound(m_manifests);
    m_manifests.insert(digest, m);
    return m;
}

void ContentCache::storeManifest(const QString& digest, const QString& mediaType, const QByteArray& body) {
    if (!isDigest(digest))
        return;
    bound(m_manifests);
    m_manifests.insert(digest, CachedManifest{mediaType, body});
    write(contentPath("manifests", digest), mediaType.toLatin1() + '\n' + body);
}

std::optional<QByteArray> ContentCache::blob(const QString& digest) {
    if (auto it = m_blobs.constFind(digest); it != m_blobs.constEnd())
        return *it;
    if (m_dir.isEmpty() || !isDigest(digest))
        return std::nullopt;
    const auto data = readFile(contentPath("blobs", digest), 64 * 1024 * 1024);
    if (!data)
        return std::nullopt;
    if (!verifyDigest(*data, digest)) {
        util::logWarning(QStringLiteral("registry cache: %1 does not match its digest; ignored").arg(digest));
        QFile::remove(contentPath("blobs", digest));
        return std::nullopt;
    }
    bound(m_blobs);
    m_blobs.insert(digest, *data);
    return data;
}

void ContentCache::storeBlob(const QString& digest, const QByteArray& body) {
    if (!isDigest(digest))
        return;
    bound(m_blobs);
    m_blobs.insert(digest, body);
    write(contentPath("blobs", digest), body);
}

std::optional<ContentCache::TagEntry> ContentCache::tags(const Repository& repository) {
    const QString key = repoKey(repository);
    if (auto it = m_tags.constFind(key); it != m_tags.constEnd())
        return *it;
    if (m_dir.isEmpty())
        return std::nullopt;
    const auto data = readFile(keyedPath("tags", key), 64 * 1024 * 1024);
    if (!data)
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(*data).object();
    // The repository is stored too: a hash collision must not answer for another repository.
    if (o.value(QLatin1String("repository")).toString() != key)
        return std::nullopt;
    TagEntry e;
    for (const QJsonValue& v : o.value(QLatin1String("tags")).toArray())
        e.tags.append(v.toString());
    e.fetchedAt =
        QDateTime::fromMSecsSinceEpoch(qint64(o.value(QLatin1String("fetchedAt")).toDouble()), Qt::UTC);
    e.etag = o.value(QLatin1String("etag")).toString().toLatin1();
    bound(m_tags);
    m_tags.insert(key, e);
    return e;
}

void ContentCache::storeTags(const Repository& repository, const TagEntry& entry) {
    const QString key = repoKey(repository);
    bound(m_tags);
    m_tags.insert(key, entry);
    QJsonObject o;
    o.insert(QLatin1String("repository"), key);
    o.insert(QLatin1String("fetchedAt"), double(entry.fetchedAt.toMSecsSinceEpoch()));
    o.insert(QLatin1String("etag"), QString::fromLatin1(entry.etag));
    o.insert(QLatin1String("tags"), QJsonArray::fromStringList(entry.tags));
    write(keyedPath("tags", key), QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<ContentCache::RefEntry> ContentCache::ref(const Repository& repository, const QString& tag) {
    const QString key = repoKey(repository) + QLatin1Char(':') + tag;
    if (auto it = m_refs.constFind(key); it != m_refs.constEnd())
        return *it;
    if (m_dir.isEmpty())
        return std::nullopt;
    const auto data = readFile(keyedPath("refs", key), 1024 * 1024);
    if (!data)
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(*data).object();
    if (o.value(QLatin1String("reference")).toString() != key)
        return std::nullopt;
    RefEntry e;
    e.info.digest = o.value(QLatin1String("digest")).toString();
    e.info.mediaType = o.value(QLatin1String("mediaType")).toString();
    e.info.size = qint64(o.value(QLatin1String("size")).toDouble());
    e.fetchedAt =
        QDateTime::fromMSecsSinceEpoch(qint64(o.value(QLatin1String("fetchedAt")).toDouble()), Qt::UTC);
    if (!isDigest(e.info.digest))
        return std::nullopt;
    bound(m_refs);
    m_refs.insert(key, e);
    return e;
}

void ContentCache::storeRef(const Repository& repository, const QString& tag, const RefEntry& entry) {
    const QString key = repoKey(repository) + QLatin1Char(':') + tag;
    bound(m_refs);
    m_refs.insert(key, entry);
    QJsonObject o;
    o.insert(QLatin1String("reference"), key);
    o.insert(QLatin1String("digest"), entry.info.digest);
    o.insert(QLatin1String("mediaType"), entry.info.mediaType);
    o.insert(QLatin1String("size"), double(entry.info.size));
    o.insert(QLatin1String("fetchedAt"), double(entry.fetchedAt.toMSecsSinceEpoch()));
    write(keyedPath("refs", key), QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace sagedock::registry
