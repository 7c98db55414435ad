#pragma once
// A build plan: what `tox -e docker-<system>-<packages>` (or a generic multi-stage build) would run —
// the generator call and its output, the build arguments, and one `docker build --target <stage>` per
// stage with its tags and cache sources. Plain values; the runner executes it, the CLI prints it.
// Usage:
//   imagebuild::StageCommand cmd = imagebuild::stageCommand(plan, 0, capabilities);
//   io.out << cmd.display();   // "DOCKER_BUILDKIT=1 docker build . -f ... --target with-system-packages ..."

#include "imagebuild/clicapabilities.h"
#include "imagebuild/dockerfileinfo.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

#include <nlohmann/json_fwd.hpp>

namespace sagedock::imagebuild {

using EnvList = QList<QPair<QString, QString>>;

struct PlannedStage {
    QString name;     // "with-targets"
    QString image;    // repository without tag: "[push prefix]sage-ubuntu-jammy-standard-with-targets"
    QStringList tags; // the first is the main tag
    QStringList cacheFrom;
    QString inputHash;    // sha256 hex of the stage's inputs (empty when not computed)
    int countedSteps = 0; // steps BuildKit counts for this target (progress total)
    // Planned from a tox environment: the `docker build` arguments its loop ran, verbatim (the
    // runner adds only its own builder flags), DOCKER_BUILDKIT as the loop set it, every --tag ref,
    // and the `docker push` refs that followed the build, in order.
    QStringList toxBuildArgv;
    std::optional<QString> toxDockerBuildkit;
    QStringList toxTagRefs;
    QStringList toxPushRefs;

    QString imageRef() const { return image + QLatin1Char(':') + tags.value(0); }
    QString inputTag() const { return QStringLiteral("inputs-") + inputHash.left(16); }
    QString inputRef() const { return image + QLatin1Char(':') + inputTag(); }
};

struct BuildPlan {
    enum class Mode { Sage, Generic };
    Mode mode = Mode::Sage;

    // Sage mode: what was detected and how the generator ran (tox's step 1).
    QString sourceDir; // also the build context (".")
    QString sageVersion;
    QString system;   // tox system factor, "ubuntu-jammy"
    QString packages; // "standard"
    QStringList modifiers;
    QString envName;           // "docker-ubuntu-jammy-standard"
    QString generator;         // relative path of write-dockerfile.sh
    QStringList generatorArgs; // its five positional arguments
    EnvList generatorEnv;      // the environment tox gives it
    QString baseImage;         // FULL_BASE_IMAGE_AND_TAG
    // Planned from the checkout's tox.ini (`--tox-env`): the commands that ran for real while
    // planning (the generator), docker calls to run before the first stage, and the `docker` tox's
    // PATH finds (the one the runner runs).
    bool fromTox = false;
    QList<QStringList> toxRealCommands;
    QList<QStringList> toxPreCommands;
    QString toxDocker;

    // Both modes.
    QString contextDir;     // absolute; the runner's working directory
    QString dockerfilePath; // absolute
    QByteArray dockerfileText;
    BuildArgs buildArgs; // --build-arg K=V in order (TARGETS_PRE, TARGETS, TARGETS_OPTIONAL, extras)
    QString tag;
    QStringList extraTags;
    QList<PlannedStage> stages;
    QString pushPrefix; // ends with '/', e.g. "ghcr.io/me/sage/"; empty = no push
    bool inlineCache = false;
    QString dockerContext; // `docker --context NAME`
    QString buildxBuilder; // `docker buildx build --builder NAME` (buildx only)
    bool pull = false;     // --pull
    bool noCache = false;  // --no-cache

    int stageIndex(const QString& name) const;
    // Identity of the build (what, not its inputs): same key = same images. Used by resume.
    QString key() const;
    nlohmann::json toJson() const;
    // The generator call as a shell line (for dry runs): "FULL_BASE_IMAGE_AND_TAG=... bash ... > Dockerfile".
    QString generatorDisplay() const;
};

// A process to run: program + argv + extra environment, and how to show it.
struct StageCommand {
    QString program;
    QStringList arguments;
    EnvList environment; // added to the runner's environment
    QString workingDirectory;
    QString display() const; // a shell-quoted line people can paste
};

StageCommand stageCommand(const BuildPlan& plan, int stageIndex, const CliCapabilities& caps);
QStringList pushCommands(const BuildPlan& plan, int stageIndex, const CliCapabilities& caps); // display
// The docker calls before the first stage (tox plans only), as StageCommands.
QList<StageCommand> preCommands(const BuildPlan& plan, const CliCapabilities& caps);
// A tox plan whose docker does not say its version (`docker --version` prints nothing, e.g. a wrapper):
// builds still run as the loop asks (its DOCKER_BUILDKIT), the version stays unknown, and the warning
// says so.
CliCapabilities toxFallbackCapabilities(const BuildPlan& plan);
QString toxProbeWarning(const BuildPlan& plan, const QString& probeError);
// The build log's first line for a tox plan ("### sagedock: tox environment NAME in DIR"), and the
// environment named by such a line (empty for any other line): diagnose-log reports it.
QString toxLogHeader(const BuildPlan& plan);
QString toxEnvironmentOfLogLine(const QString& line);
// The builder a tox stage runs with: DOCKER_BUILDKIT=0 legacy, set otherwise BuildKit, unset what the
// CLI picks by itself (caps.mode).
BuilderMode toxBuilderMode(const PlannedStage& stage, const CliCapabilities& caps);
QString shellQuote(const QString& word);

} // namespace sagedock::imagebuild
