#pragma once
// The append-only build history: one JSON line per build in <AppDataLocation>/build-history.jsonl,
// each line written and flushed in one append (util::appendLineDurably), so a crash loses at most the
// build in flight and never corrupts earlier ones. Reading skips lines it cannot parse.
// Usage:
//   imagebuild::History history;              // default file
//   history.append(record);
//   auto all = history.load();           // oldest first
//   auto last = history.latest(plan.key());

#include "imagebuild/buildrecord.h"
#include "util/error.h"

#include <QString>

#include <optional>

namespace sagedock::imagebuild {

class History {
public:
    explicit History(QString path = defaultPath());
    static QString defaultPath();
    static QString defaultLogDirectory(); // <AppDataLocation>/build-logs

    QString path() const { return m_path; }
    util::Error append(const BuildRecord& record) const;
    // Oldest first; at most the newest `limit` records (small file reads: fine off a tight loop).
    util::Result<QList<BuildRecord>> load(int limit = 1000) const;
    std::optional<BuildRecord> latest(const QString& planKey) const;

private:
    QString m_path;
};

// Keeps a log directory under `maxBytes`, deleting the oldest *.log files first.
void pruneLogDirectory(const QString& directory, qint64 maxBytes);

} // namespace sagedock::imagebuild
