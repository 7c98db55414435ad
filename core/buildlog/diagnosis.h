#pragma once
// Cache diagnosis of a docker build log: per stage how many steps hit or missed the cache, the first
// executed step (the one that broke the cache) with the most likely reason, cache imports, warnings for
// known traps, and errors. Counting follows buildctl: [internal], [auth], cache import/export steps are
// ignored and a FROM step is neither hit nor miss.
// Incremental: feed parser events while a build runs and read result() whenever a stage finishes.
// Usage:
//   buildlog::Diagnoser d;
//   d.addEvents(parser->feed(chunk));        // live
//   buildlog::Diagnosis now = d.result();
//   auto whole = buildlog::diagnoseFile(path);  // a finished log (blocking: call off the UI thread)
//   auto cmp = buildlog::compare(a, b);         // steps cached in one log and executed in the other
//   nlohmann::json j = buildlog::toJson(whole.value());

#include "buildlog/buildevent.h"
#include "util/error.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QHash>
#include <QIODevice>
#include <QList>
#include <QString>

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>

namespace sagedock::buildlog {

enum class MissReason : quint8 {
    Unknown,
    BaseImageChanged,          // the FROM image resolved to another digest (layers pulled)
    BuildArgChanged,           // `detail` names the argument when the log shows it
    CopyInputChanged,          // files copied by COPY/ADD changed (content or metadata)
    InstructionChanged,        // the step's own text changed (compare mode: the two names differ)
    ParentStageRebuilt,        // the stage it builds on was rebuilt (`detail` = that stage)
    CacheImportFailed,         // no usable cache source: every --cache-from import failed
    NoCacheSource,             // no usable cache source: no --cache-from and no local cache (cold build)
    InlineCacheFinalStageOnly, // imports worked but inline/min cache only carries the final stage
    LegacyRebuildsEveryStage,  // legacy builder: no BuildKit cache import, every stage up to the target
                               // rebuilt
};
QString reasonCode(MissReason reason); // "copy-input-changed", ...

struct FirstExecuted {
    QString step; // the step's name as the log prints it
    MissReason reason = MissReason::Unknown;
    QString detail; // argument name, parent stage, image reference: what the reason is about
    QString text;   // the reason as one sentence for people (translated)
};

struct StageDiagnosis {
    QString name;
    QString platform;
    int steps = 0; // counted steps (hit or miss candidates), deduplicated across builds of a concatenated log
    int cached = 0;
    int executed = 0;
    int failed = 0;
    double durationSeconds = -1; // sum of the stage's step durations; -1 when the log has no timing
    std::optional<FirstExecuted> firstExecuted;
    bool finished = false; // every counted step of the stage has an outcome
};

struct CacheImport {
    QString ref;
    bool ok = true; // false: the import step reported ERROR
    QString message;
};

struct DiagnosisWarning {
    QString kind; // "executed-twice", "max-depth-exceeded", "builder-warning", "legacy-builder", ...
    QString message;
    QString step;  // the step it is about, when there is one
    int count = 0; // executions (executed-twice) or layers (max-depth-exceeded)
};

struct DiagnosisError {
    QString step; // empty when the builder did not name one
    QString message;
};

struct Diagnosis {
    LogFormat format = LogFormat::Unknown;
    QList<StageDiagnosis> stages; // in order of first appearance
    QList<CacheImport> cacheImports;
    int steps = 0, cached = 0, executed = 0, failed = 0; // totals over stages
    QList<DiagnosisError> errors;
    QList<DiagnosisWarning> warnings;
    int builds = 0; // docker builds seen in the log

    const StageDiagnosis* stage(const QString& name) const;
};

// One step in the comparison of two logs.
struct StepComparison {
    QString stage;
    int index = 0;
    QString stepA; // name in log A
    QString stepB; // name in log B (differs from stepA when e.g. an expanded build argument changed)
};
struct Comparison {
    QList<StepComparison> cachedInAExecutedInB;
    QList<StepComparison> executedInACachedInB;
    QList<StepComparison> onlyInA, onlyInB; // counted steps the other log does not have
};

class Diagnoser {
    Q_DECLARE_TR_FUNCTIONS(sagedock::buildlog) // one translation context per core module
public:
    Diagnoser();
    ~Diagnoser();
    Diagnoser(Diagnoser&&) noexcept;
    Diagnoser& operator=(Diagnoser&&) noexcept;

    void setFormat(LogFormat format);
    void addEvent(const BuildEvent& event);
    void addEvents(const BuildEvents& events);
    Diagnosis result() const;

    // The final status of every counted step, keyed "stage|index" (for compare()).
    struct StepOutcome {
        QString stage;
        int index = 0;
        QString name;
        StepStatus status = StepStatus::Running;
    };
    QList<StepOutcome> stepOutcomes() const;

private:
    struct State;
    std::unique_ptr<State> d;
};

// Whole-log helpers (blocking; run them off the UI thread for big files).
Diagnosis diagnose(QByteArrayView log, LogFormat format = LogFormat::Unknown);
util::Result<Diagnoser> diagnoseFile(const QString& path, LogFormat format = LogFormat::Unknown);
// Reads `device` (open for reading; stdin works) to its end in 1 MiB chunks.
util::Result<Diagnoser> diagnoseDevice(QIODevice& device, const QString& name,
                                       LogFormat format = LogFormat::Unknown);
Comparison compare(const Diagnoser& a, const Diagnoser& b);

nlohmann::json toJson(const Diagnosis& diagnosis);
nlohmann::json toJson(const Comparison& comparison);

} // namespace sagedock::buildlog
