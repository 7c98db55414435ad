#pragma once
// The append-only build history: JSON lines in <AppDataLocation>/build-history.jsonl, each written
// and flushed in one append (util::appendLineDurably, which never glues a record to a torn line). A
// build appends a "running" record when it starts (with its pid, then its docker build's process
// group) and its final record when it ends; the newest line of an id wins. recover() runs when the
// next build (or `builds`) starts: a running record whose owner is gone becomes "interrupted", a
// docker build it left behind is stopped, and broken lines are reported once.
// Usage:
//   imagebuild::History history;              // default file
//   for (const QString& n : history.recover().notices) warn(n);
//   history.append(record);
//   auto all = history.load();           // oldest first
//   auto last = history.latest(plan.key());

#include "imagebuild/buildrecord.h"
#include "util/error.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace sagedock::imagebuild {

class History {
public:
    explicit History(QString path = defaultPath());
    static QString defaultPath();
    static QString defaultLogDirectory(); // <AppDataLocation>/build-logs

    QString path() const { return m_path; }
    util::Error append(const BuildRecord& record) const;
    struct Recovery {
        QStringList notices;     // one sentence each, for the user (said once: recorded as said)
        QStringList interrupted; // ids now marked interrupted
    };
    Recovery recover() const;
    // Oldest first; at most the newest `limit` records (small file reads: fine off a tight loop).
    util::Result<QList<BuildRecord>> load(int limit = 1000) const;
    std::optional<BuildRecord> latest(const QString& planKey) const;

    // How recover() looks at and stops processes. The default asks the kernel; tests and the fuzz
    // target replace it, so pids taken from a hostile history file never reach kill().
    struct Processes {
        std::function<bool(qint64 pid)> ownerAlive;       // a SageDock process still runs as pid
        std::function<bool(qint64 pgid)> buildGroupAlive; // a docker build still runs in group pgid
        std::function<void(qint64 pgid)> stopBuildGroup;
    };
    void setProcesses(Processes processes) { m_processes = std::move(processes); }

private:
    QString m_path;
    Processes m_processes;
};

// Keeps a log directory under `maxBytes`, deleting the oldest *.log files first.
void pruneLogDirectory(const QString& directory, qint64 maxBytes);

} // namespace sagedock::imagebuild
