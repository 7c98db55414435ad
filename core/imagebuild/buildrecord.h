#pragma once
// What one build did: per stage the outcome (built, cached, skipped, failed, cancelled), cache numbers,
// the first executed step with its reason, cache imports, image ID; plus the arguments, docker CLI and
// engine versions and the log file. One JSON line per build in the history (buildhistory.h).
// Usage: nlohmann::json j = record.toJson(); auto back = imagebuild::BuildRecord::fromJson(j);

#include "buildlog/diagnosis.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>
#include <optional>

namespace sagedock::imagebuild {

enum class StageStatus { Pending, Running, Built, Cached, Skipped, Failed, Cancelled };
QString stageStatusName(StageStatus status); // "built", "cached", ... ("pending", "running" while live)
StageStatus stageStatusFromName(const QString& name);
inline bool stageSucceeded(StageStatus s) {
    return s == StageStatus::Built || s == StageStatus::Cached || s == StageStatus::Skipped;
}

struct StageResult {
    QString stage;
    QString image; // main reference image:tag
    QStringList tags;
    StageStatus status = StageStatus::Pending;
    int steps = 0, cached = 0, executed = 0, failed = 0;
    std::optional<buildlog::FirstExecuted> firstExecuted;
    double durationSeconds = 0;
    QString imageId;   // sha256:...
    QString inputHash; // empty when not computed
    QList<buildlog::CacheImport> cacheImports;
    QString note; // why skipped ("resumed", "inputs present locally", "pulled ..."), error text
    QStringList pushed;
    QString command; // the docker build line as run

    nlohmann::json toJson() const; // the CLI's per-stage JSON plus the extra fields
    static StageResult fromJson(const nlohmann::json& j);
};

struct BuildRecord {
    QString id; // "20261121T051500Z-1a2b3c"
    QDateTime started, finished;
    QString planKey;
    QStringList arguments; // as the user gave them (CLI argv or the form's values)
    nlohmann::json plan;   // BuildPlan::toJson()
    QString cli;           // program path
    QString cliVersion;
    QString builder; // "legacy", "buildkit", "buildx"
    QString engineVersion;
    QList<StageResult> stages;
    QString logPath;
    bool success = false;
    QString error;
    // "running" from the moment the build starts (the record is in the history already), then
    // "finished"; "interrupted" when its owner died without finishing it (History::recover).
    // The Runner sets "running" itself; a record made anywhere else is a finished one.
    QString state = QStringLiteral("finished");
    qint64 ownerPid = 0; // the SageDock process running the build, while running
    qint64 childPid = 0; // the docker build's process (and process group) while it runs

    nlohmann::json toJson() const;
    static BuildRecord fromJson(const nlohmann::json& j);
    const StageResult* stage(const QString& name) const;
};

// The inputs a build was made from, read back from its record (to fill a form for a re-run).
struct RecordInputs {
    bool generic = false;
    QString tag;
    QString pushPrefix;
    QStringList stages; // in build order
    // Sage mode
    QString source;
    QString system;
    QString packages;
    QString sageVersion; // as detected when planning ("10.5.beta3")
    QString toxEnv;      // "docker-ubuntu-jammy-standard"
    // Generic mode
    QString dockerfile;
    QString context;
    QString imagePrefix; // --image-prefix as given, else taken back from the first stage's image
};
RecordInputs recordInputs(const BuildRecord& record);

} // namespace sagedock::imagebuild
