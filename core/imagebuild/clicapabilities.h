#pragma once
// What the docker CLI on this machine can build with, richest first: buildx (BuildKit, rawjson progress
// from buildx 0.12), classic BuildKit through DOCKER_BUILDKIT=1 (CLIs before 23.0 carry it built in), or
// only the legacy builder (a 23+ CLI without the buildx plugin). CliProbe looks at every `docker` on
// PATH (and /usr/bin, /usr/local/bin), asynchronously, and picks the richest. Answers are remembered
// per CLI binary (path, size, mtime, and the buildx plugins it could load) for a day, so a build does not
// pay four Go process starts each time; a changed or upgraded CLI is probed again.
// A util::ValueJob: the chosen CLI is its result; cancel() stops the probes without waiting.
// Usage:
//   auto* probe = new imagebuild::CliProbe(this);
//   connect(probe, &util::Job::finished, this, [probe](const util::Error& e) {
//       if (!e) use(probe->result());
//       probe->deleteLater();
//   });
//   probe->start();

#include "util/job.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace sagedock::imagebuild {

enum class BuilderMode { Legacy, BuildKit, Buildx };
QString builderModeName(BuilderMode mode); // "legacy", "buildkit", "buildx"
std::optional<BuilderMode> builderModeFromName(const QString& name);

struct CliCapabilities {
    QString program;       // the docker CLI to run
    QString clientVersion; // "20.10.24+dfsg1"
    QString buildxVersion; // empty without the plugin
    BuilderMode mode = BuilderMode::Legacy;
    bool rawJson = false;  // buildx >= 0.12 prints --progress=rawjson
    QString serverVersion; // filled by the runner from the engine
};

class CliProbe final : public util::ValueJob<CliCapabilities> {
    Q_OBJECT
public:
    explicit CliProbe(QObject* parent = nullptr);
    ~CliProbe() override;

    // Candidates to look at; default: every `docker` on PATH, then /usr/bin and /usr/local/bin.
    void setCandidates(const QStringList& programs);
    // Pick the richest candidate that supports `mode` (e.g. force the legacy builder); default: richest.
    void setRequiredMode(std::optional<BuilderMode> mode);
    // Where answers are remembered; default <cache directory>/docker-cli-probe.json, empty: never.
    void setCacheFile(const QString& path);
    // How many candidates were answered from the cache file in the last start() (tests, benchmarks).
    int cachedAnswers() const { return m_cachedAnswers; }

    static QStringList defaultCandidates();

protected:
    void doStart() override;
    bool doCancel() override;

private:
    struct Candidate;
    void checkDone();
    void rememberAnswers() const;
    QStringList m_programs;
    QString m_cacheFile;
    int m_cachedAnswers = 0;
    std::optional<BuilderMode> m_required;
    QList<std::shared_ptr<Candidate>> m_candidates;
    int m_pending = 0;
};

} // namespace sagedock::imagebuild
