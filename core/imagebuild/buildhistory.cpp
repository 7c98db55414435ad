#include "imagebuild/buildhistory.h"

#include "util/atomicfile.h"
#include "util/paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <QHash>

#include <algorithm>

#include <cerrno>
#include <signal.h>
#include <unistd.h>

namespace sagedock::imagebuild {

namespace {
bool ownerAlive(qint64 pid);
bool buildGroupAlive(qint64 pgid);
} // namespace

History::History(QString path)
    : m_path(std::move(path))
    , m_processes{&ownerAlive, &buildGroupAlive, [](qint64 pgid) { ::kill(-pid_t(pgid), SIGTERM); }} {}

QString History::defaultPath() {
    return QDir(util::appDataDirectory()).filePath(QStringLiteral("build-history.jsonl"));
}

QString History::defaultLogDirectory() {
    return QDir(util::appDataDirectory()).filePath(QStringLiteral("build-logs"));
}

util::Error History::append(const BuildRecord& record) const {
    QDir().mkpath(QFileInfo(m_path).path());
    return util::appendLineDurably(m_path, QByteArray::fromStdString(record.toJson().dump()));
}

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::imagebuild)
};

// A line of the history that says "the broken lines before me were reported".
constexpr const char* kNoteKey = "history_note";

// A record is a few KiB (argv, paths, a short error); a line longer than this is not one of ours, and
// reading it whole could take any amount of memory.
constexpr qint64 kMaxRecordLine = 1 << 20;

// The next line of the file, at most kMaxRecordLine bytes. A longer line is skipped to its end and
// reported as `tooLong` (the record after it still counts).
struct Line {
    QByteArray text;
    bool tooLong = false;
};
Line nextLine(QFile& f) {
    Line out;
    out.text = f.readLine(kMaxRecordLine + 1);
    if (out.text.size() <= kMaxRecordLine || out.text.endsWith('\n'))
        return out;
    out.tooLong = true;
    out.text.clear();
    while (!f.atEnd()) {
        const QByteArray rest = f.readLine(kMaxRecordLine);
        if (rest.isEmpty() || rest.endsWith('\n'))
            break;
    }
    return out;
}

struct Scan {
    QList<BuildRecord> records; // newest version of each id, in order of first appearance
    int brokenSinceNote = 0;    // lines that are not records, after the last note
};

util::Result<Scan> scan(const QString& path) {
    Scan out;
    QFile f(path);
    if (!f.exists())
        return out;
    if (!f.open(QIODevice::ReadOnly))
        return util::Error::make(util::ErrorCode::Io, Text::tr("Cannot read the build history %1.").arg(path),
                                 f.errorString());
    QHash<QString, qsizetype> index;
    while (!f.atEnd()) {
        const Line next = nextLine(f);
        if (next.tooLong) {
            ++out.brokenSinceNote;
            continue;
        }
        const QByteArray line = next.text.trimmed();
        if (line.isEmpty())
            continue;
        // A torn line (a crash mid-append) or a foreign edit must not hide the other builds.
        const nlohmann::json j =
            nlohmann::json::parse(line.constData(), line.constData() + line.size(), nullptr, false);
        if (j.is_object() && j.contains(kNoteKey)) {
            out.brokenSinceNote = 0;
            continue;
        }
        if (j.is_discarded() || !j.is_object() || !j.contains("id")) {
            ++out.brokenSinceNote;
            continue;
        }
        BuildRecord r = BuildRecord::fromJson(j);
        if (const auto it = index.constFind(r.id); it != index.constEnd()) {
            out.records[*it] = std::move(r);
        } else {
            index.insert(r.id, out.records.size());
            out.records << std::move(r);
        }
    }
    return out;
}

// Linux's /proc tells what a pid runs now: a pid from an old record may belong to another program.
QByteArray commandLine(qint64 pid) {
    QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
    return f.open(QIODevice::ReadOnly) ? f.read(4096).replace('\0', ' ') : QByteArray();
}

bool ownerAlive(qint64 pid) {
    if (pid <= 0 || (::kill(pid_t(pid), 0) != 0 && errno != EPERM))
        return false;
    const QByteArray cmd = commandLine(pid);
    return cmd.isEmpty() || cmd.contains("sagedock");
}

// The docker build's process group, if any of it still runs. The leader's command line is checked
// when it is there, so a reused pid of an unrelated program is never signalled.
bool buildGroupAlive(qint64 pgid) {
    if (pgid <= 1 || ::kill(-pid_t(pgid), 0) != 0)
        return false;
    const QByteArray cmd = commandLine(pgid);
    return cmd.isEmpty() || cmd.contains("docker") || cmd.contains("podman") || cmd.contains("buildx");
}

} // namespace

util::Result<QList<BuildRecord>> History::load(int limit) const {
    auto scanned = scan(m_path);
    if (!scanned.ok())
        return scanned.error();
    QList<BuildRecord> out = std::move(scanned.value().records);
    if (out.size() > limit)
        out.remove(0, out.size() - limit);
    return out;
}

History::Recovery History::recover() const {
    Recovery result;
    auto scanned = scan(m_path);
    if (!scanned.ok()) {
        result.notices << scanned.error().toString();
        return result;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (BuildRecord r : scanned.value().records) {
        if (r.state != QLatin1String("running") || r.ownerPid == qint64(::getpid()) ||
            m_processes.ownerAlive(r.ownerPid))
            continue;
        QString what = Text::tr("SageDock (process %1) ended during this build: it was killed or crashed.")
                           .arg(r.ownerPid);
        if (m_processes.buildGroupAlive(r.childPid)) {
            // Its docker build outlived it (own process group): stop it rather than let it tag an
            // image nobody is waiting for.
            m_processes.stopBuildGroup(r.childPid);
            what += QLatin1Char(' ') +
                    Text::tr("Its docker build (process group %1) was still running and has been stopped.")
                        .arg(r.childPid);
        }
        r.state = QStringLiteral("interrupted");
        r.success = false;
        r.finished = now;
        r.error = what;
        r.ownerPid = 0;
        r.childPid = 0;
        for (StageResult& s : r.stages)
            if (s.status == StageStatus::Running || s.status == StageStatus::Pending)
                s.status = StageStatus::Cancelled;
        if (append(r))
            continue; // unwritable: told again next time
        result.interrupted << r.id;
        result.notices << Text::tr("Build %1 (started %2) was interrupted. %3")
                              .arg(r.id, r.started.toLocalTime().toString(Qt::ISODate), what);
    }
    if (const int broken = scanned.value().brokenSinceNote; broken > 0) {
        nlohmann::json note = {{kNoteKey, "broken lines reported"}, {"lines", broken}};
        if (!util::appendLineDurably(m_path, QByteArray::fromStdString(note.dump())))
            result.notices << Text::tr("The build history %1 had %n broken line(s), left by a crash during a "
                                       "write; they were skipped, the other builds are intact.",
                                       nullptr, broken)
                                  .arg(m_path);
    }
    return result;
}

std::optional<BuildRecord> History::latest(const QString& planKey) const {
    auto all = load();
    if (!all.ok())
        return std::nullopt;
    for (auto it = all.value().crbegin(); it != all.value().crend(); ++it)
        // A running record is a build in flight (maybe the caller's own): nothing to resume from.
        if (it->planKey == planKey && it->state != QLatin1String("running"))
            return *it;
    return std::nullopt;
}

void pruneLogDirectory(const QString& directory, qint64 maxBytes) {
    QDir dir(directory);
    QFileInfoList files =
        dir.entryInfoList({QStringLiteral("*.log")}, QDir::Files, QDir::Time | QDir::Reversed);
    qint64 total = 0;
    for (const QFileInfo& fi : files)
        total += fi.size();
    for (const QFileInfo& fi : files) { // oldest first
        if (total <= maxBytes)
            break;
        total -= fi.size();
        QFile::remove(fi.filePath());
    }
}

} // namespace sagedock::imagebuild
