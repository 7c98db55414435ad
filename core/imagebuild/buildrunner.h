#pragma once
// Runs a BuildPlan: picks the richest builder the docker CLI offers (CliProbe), then per stage in order
// one `docker build --target` through a util::ProcessJob (argv only, its own process group: cancel()
// signals the whole group, and a legacy build's intermediate container is removed), feeding the output to
// buildlog's parser for live progress and the cache diagnosis. Optionally resumes (stages whose input
// hash and image match the last record of the same plan are reused) and skips stages whose input-hash
// tag exists locally or in the registry (pulled, retagged, not rebuilt). Pushes when the plan has a
// push prefix. Writes the log (size-capped) and appends the build to the history.
// A util::ValueJob: its result is the BuildRecord — also when the build failed or was cancelled (then
// finished() carries the error, and the record says which stage and why). cancel() winds the running
// step down (SIGINT to its group, SIGKILL after a grace period) and finishes once it has stopped;
// deleting a running runner kills its process groups without waiting.
// Usage:
//   auto* runner = new imagebuild::Runner(this);
//   connect(runner, &imagebuild::Runner::stageProgress, this, ...);
//   connect(runner, &util::Job::finished, this, [runner](const util::Error& e) {
//       show(runner->result(), e); runner->deleteLater(); });
//   runner->start(plan, {.resume = true});

#include "buildlog/buildevent.h"
#include "imagebuild/buildplan.h"
#include "imagebuild/buildrecord.h"
#include "util/job.h"

#include <QElapsedTimer>
#include <QFile>

#include <functional>
#include <memory>
#include <optional>

namespace sagedock::engine {
class Client;
}

namespace sagedock::util {
class ProcessJob;
}

namespace sagedock::buildlog {
class Parser;
class Diagnoser;
} // namespace sagedock::buildlog

namespace sagedock::imagebuild {

struct RunOptions {
    bool resume = false;                               // needs input hashes in the plan
    bool skipExisting = false;                         // needs input hashes in the plan
    std::optional<BuilderMode> builderMode;            // force legacy / buildkit / buildx
    QStringList dockerCandidates;                      // default: CliProbe::defaultCandidates()
    QString historyPath;                               // empty = History::defaultPath()
    QString logDirectory;                              // empty = History::defaultLogDirectory()
    qint64 maxLogBytes = 64LL * 1024 * 1024;           // one build's log
    qint64 maxLogDirectoryBytes = 512LL * 1024 * 1024; // all logs
    bool recordHistory = true;
    bool lineEvents = false; // also emit Line events (for a log view)
    QStringList arguments;   // for the history record
    int stageTimeoutMs = 0;  // 0 = none (Sage builds take hours)
    // Already probed (e.g. beside the planner, to save a round trip): the runner skips its own probe.
    std::optional<CliCapabilities> capabilities;
    // The services' engine client: asked for the engine version (for the record) when it talks to
    // the daemon the build's CLI uses; otherwise, or when null, `docker version` answers.
    std::shared_ptr<engine::Client> engine;
};

struct StageProgress {
    int stepsDone = 0;
    int stepsTotal = 0;
    int cached = 0;
    int executed = 0;
    QString currentStep;
    double elapsedSeconds = 0;
};

class Runner final : public util::ValueJob<BuildRecord> {
    Q_OBJECT
public:
    explicit Runner(QObject* parent = nullptr);
    ~Runner() override; // kills running process groups (no waiting); no finished() follows

    // What to run; start() then runs it. start(plan, options) sets and starts.
    void setPlan(const BuildPlan& plan, const RunOptions& options = {});
    using util::Job::start;
    void start(const BuildPlan& plan, const RunOptions& options = {});
    bool isRunning() const { return isStarted() && !isFinished(); }
    const BuildRecord& record() const { return m_record; }
    const CliCapabilities& capabilities() const { return m_caps; }
    const BuildPlan& plan() const { return m_plan; }

Q_SIGNALS:
    void capabilitiesReady(const sagedock::imagebuild::CliCapabilities& caps);
    void stageStarted(int index, const QString& command);
    void stageProgress(int index, const sagedock::imagebuild::StageProgress& progress);
    void stageFinished(int index, const sagedock::imagebuild::StageResult& result);
    void logData(int index, const QByteArray& chunk);
    void buildEvents(int index, const sagedock::buildlog::BuildEvents& events);

protected:
    void doStart() override;
    bool doCancel() override;

private:
    using ToolDone = std::function<void(int exitCode, const QByteArray& output)>;
    void runTool(const QStringList& args, ToolDone done, int timeoutMs = 600000);
    void useCapabilities(const CliCapabilities& caps);
    void runPreCommands(int index);
    void nextStage();
    void tryResume(int index, std::function<void(bool)> done);
    void trySkipExisting(int index, std::function<void(bool)> done);
    void tagAll(int index, const QString& from, std::function<void(bool)> done);
    void buildStage(int index);
    void onBuildOutput(const QByteArray& data);
    void onBuildFinished(const util::Error& error, int exitCode);
    void afterBuild(int index, bool ok);
    void pushStage(int index, QStringList refs, std::function<void()> done);
    void finishStage(int index, StageResult result);
    void finishBuild(const util::Error& error = {});
    void finishBuild(const QString& error); // a failure in these words (ErrorCode::Process)
    void finishCancelled();
    void writeLog(const QByteArray& data);
    QString historyPath() const;
    void writeRunningRecord(); // the live record, state "running", into the history
    void emitProgress(bool force);
    void askEngineVersion();

    BuildPlan m_plan;
    RunOptions m_options;
    CliCapabilities m_caps;
    CliCapabilities m_stageCaps; // m_caps with the running stage's builder (a tox loop's DOCKER_BUILDKIT)
    BuildRecord m_record;
    std::optional<BuildRecord> m_previous;
    bool m_running = false;
    bool m_cancelled = false;
    int m_current = -1;

    // Children of the runner: deleting one (or the runner) kills its process group without waiting.
    util::ProcessJob* m_build = nullptr;
    util::ProcessJob* m_tool = nullptr;
    util::ProcessJob* m_engineVersion = nullptr; // `docker version` where the API cannot be asked (ssh)
    std::unique_ptr<QObject> m_engineApi;        // context of GET /version on the shared engine client
    util::Job* m_probe = nullptr;
    std::unique_ptr<buildlog::Parser> m_parser;
    std::unique_ptr<buildlog::Diagnoser> m_diagnoser;
    QElapsedTimer m_stageTimer;
    QElapsedTimer m_progressTimer;
    StageProgress m_progress;
    QString m_iidFile;
    QString m_legacyContainer; // " ---> Running in <id>": removed after a cancel
    std::unique_ptr<QFile> m_log;
    qint64 m_logBytes = 0;
    bool m_logTruncated = false;
};

} // namespace sagedock::imagebuild

Q_DECLARE_METATYPE(sagedock::imagebuild::StageProgress)
