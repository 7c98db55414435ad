#pragma once
// What the build-log parsers emit: plain values, cheap to copy, safe across threads.
// A parser turns a docker build log (BuildKit plain, BuildKit rawjson, legacy builder) into a stream of
// BuildEvents; buildlog::Diagnoser folds them into a cache diagnosis, the LogView colours lines with them.
// Usage:
//   for (const buildlog::BuildEvent& e : events)
//       if (e.type == buildlog::BuildEvent::Type::StepFinished && e.status == buildlog::StepStatus::Cached)
//       ...

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringView>

namespace sagedock::buildlog {

enum class LogFormat : quint8 { Unknown, BuildKitPlain, BuildKitRawJson, Legacy };
// "buildkit-plain", "buildkit-rawjson", "legacy", "unknown" (the JSON "format" field).
QString formatName(LogFormat format);

// How buildctl sorts steps into hit and miss (protocols.md D2): only Instruction steps count.
enum class StepKind : quint8 {
    Internal,    // "[internal] load build definition ...", "[internal] load metadata for ..."
    Auth,        // "[auth] library/alpine:pull token ..."
    CacheImport, // "importing cache manifest from <ref>"
    Export,      // "exporting to image", "exporting cache ...", "preparing build cache for export"
    From,        // "[stage 1/n] FROM <image>" or legacy "Step i/n : FROM ..." (neither hit nor miss)
    Instruction, // RUN, COPY, ADD, WORKDIR ... (legacy: every other instruction)
    Other,       // anything else BuildKit reports (e.g. "resolve image config for ...")
};

enum class StepStatus : quint8 { Running, Cached, Done, Error, Canceled };

// A step as the log names it. BuildKit: "#N [platform stage k/n] INSTR ..."; legacy: "Step i/n : INSTR ...".
struct StepInfo {
    int id = -1;   // the log's own number: BuildKit #N, legacy i, rawjson order of first appearance
    int build = 0; // which docker build of a concatenated log (0, 1, ...); ids restart per build
    QString
        name; // the full vertex name ("[with-targets 1/2] COPY data /data", "Step 9/10 : COPY data /data")
    StepKind kind = StepKind::Other;
    QString platform;    // "linux/arm64" for multi-platform builds, else empty
    QString stage;       // AS name, "stage-<index>" for unnamed stages; empty for internal steps
    int index = 0;       // k of [stage k/n] (legacy: i of Step i/n)
    int total = 0;       // n
    QString instruction; // "COPY data /data" (the name without the bracket prefix)
    QString keyword;     // upper-case first word of the instruction: "RUN", "COPY", "FROM" ...
    QString parentStage; // legacy "FROM <stage> AS x" or rawjson inputs: the stage this one builds on
};

// Parses a BuildKit vertex name into kind, platform, stage, k/n and instruction.
StepInfo stepInfoFromName(QStringView name);
// True for steps that count as hit or miss (buildctl's rules).
inline bool countsForCache(StepKind kind) {
    return kind == StepKind::Instruction;
}

// How the LogView shows a line: the line's role in the log.
enum class LineKind : quint8 {
    Plain,   // text outside any step (banners, "Sending build context", GitHub Actions noise)
    Header,  // "#N [stage k/n] RUN ...", "Step i/n : RUN ..."
    Status,  // sub-task progress ("#1 transferring dockerfile: 32B done", " ---> Running in ...")
    Output,  // command output of a step
    Cached,  // "#N CACHED", " ---> Using cache"
    Done,    // "#N DONE 0.2s", " ---> 0d43155267f1"
    Error,   // "#N ERROR: ...", "The command ... returned a non-zero code", error blocks
    Warning, // "#N WARN: ...", "max depth exceeded"
    Group,   // GitHub Actions "##[group]..."
};

struct BuildEvent {
    enum class Type : quint8 {
        BuildStarted, // a new docker build begins (concatenated logs: ids restart); `build` is its number
        StepStarted,  // first sight of a step: `info` is filled
        StepOutput,   // one output line of step `step` in `text` (decoration and #N prefix removed)
        StepProgress, // a sub-task status line of step `step` in `text` (transfers, layer downloads, resolve)
        StepFinished, // `status` (Cached/Done/Error/Canceled), `seconds` (-1 = unknown), `text` = error
                      // message
        Warning,      // `text`; `step` when the builder tied it to a step (-1 otherwise)
        BuildError,   // an error not tied to a known step ("failed to solve: ...", legacy non-zero code)
        Line,         // only with ParserOptions::lineEvents: every input line, for display
    };
    Type type = Type::Line;
    StepStatus status = StepStatus::Running;
    LineKind lineKind = LineKind::Plain; // Line events
    int build = 0;
    int step = -1;       // StepInfo::id of the step this event belongs to, -1 = none
    double seconds = -1; // StepFinished: the step's duration when the log tells it
    QString text;
    StepInfo info; // StepStarted only
};

using BuildEvents = QList<BuildEvent>;

} // namespace sagedock::buildlog

Q_DECLARE_METATYPE(sagedock::buildlog::BuildEvent)
