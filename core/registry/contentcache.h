#pragma once
// The registry client's cache, keyed by content where content is immutable:
//   manifests/<alg>/<hex>   media type line + exact bytes of a manifest fetched by digest (forever)
//   blobs/<alg>/<hex>       config blobs (forever)
//   tags/<hash>.json        a repository's tag list with when it was fetched and its ETag
//   refs/<hash>.json        tag → digest answers with when they were last confirmed
// Immutable entries are re-verified against their digest when read from disk, so a damaged file is
// a miss, never a wrong answer. Reads are small and served from memory after the first; writes go
// to a background thread so the caller's (GUI) thread never waits for fsync.
// Usage:
//   registry::ContentCache cache(util::cacheDirectory() + u"/registry"_s);
//   if (auto m = cache.manifest(digest)) use(m->body);

#include "registry/registryclient.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include <optional>

namespace sagedock::registry {

class ContentCache {
public:
    explicit ContentCache(QString directory); // empty: memory only
    ~ContentCache();                          // waits for pending writes
    ContentCache(const ContentCache&) = delete;
    ContentCache& operator=(const ContentCache&) = delete;

    QString directory() const { return m_dir; }

    struct CachedManifest {
        QString mediaType;
        QByteArray body;
    };
    std::optional<CachedManifest> manifest(const QString& digest);
    void storeManifest(const QString& digest, const QString& mediaType, const QByteArray& body);

    std::optional<QByteArray> blob(const QString& digest);
    void storeBlob(const QString& digest, const QByteArray& body);

    struct TagEntry {
        QStringList tags;
        QDateTime fetchedAt;
        QByteArray etag;
    };
    std::optional<TagEntry> tags(const Repository& repository);
    void storeTags(const Repository& repository, const TagEntry& entry);

    struct RefEntry {
        DigestInfo info;
        QDateTime fetchedAt;
    };
    std::optional<RefEntry> ref(const Repository& repository, const QString& tag);
    void storeRef(const Repository& repository, const QString& tag, const RefEntry& entry);

    void flush(); // waits for pending writes (tests, shutdown)

private:
    QString contentPath(const char* kind, const QString& digest) const;
    QString keyedPath(const char* kind, const QString& key) const;
    void write(const QString& path, const QByteArray& data);

    QString m_dir;
    QThreadPool m_writer; // one thread: writes keep their order
    QHash<QString, CachedManifest> m_manifests;
    QHash<QString, QByteArray> m_blobs;
    QHash<QString, TagEntry> m_tags;
    QHash<QString, RefEntry> m_refs;
};

} // namespace sagedock::registry
