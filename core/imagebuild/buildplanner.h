#pragma once
// Turns "build these Sage stages" into a BuildPlan, the way `tox -e docker-<system>-<packages>` does:
// version and generator path from the checkout, write-dockerfile.sh run on the host with bash from
// SAGE_ROOT and tox's environment (its Dockerfile goes to <source>/.tox/<env>/Dockerfile, as tox
// writes it), tox's build arguments, one target per stage tagged
// [<push prefix>]sage-<system>-<packages>[-<modifiers>]-<stage>:<tag>, cache sources, and on request
// each stage's input hash (for skip-when-present and resume). Generic mode takes any Dockerfile.
// With SageBuildOptions::toxEnv (or --system & co. on a checkout whose tox.ini defines docker
// environments) the plan comes from the checkout's tox.ini instead: its commands run in order, the
// generator for real, the docker loop in a planning pass with a recording docker (toxplanning.h), and
// each stage keeps the loop's `docker build` argv verbatim (docs/build.md, "From a tox environment").
// A util::ValueJob: one plan per Planner (its result), finished once; cancel() stops git, the
// generator's process group and the input hashing on the pool without waiting for them.
// Usage:
//   auto* planner = new imagebuild::Planner(this);
//   connect(planner, &util::Job::finished, this, [planner](const util::Error& e) {
//       if (!e) use(planner->result());
//       planner->deleteLater();
//   });
//   planner->planSage({.sourceDir = dir, .system = u"ubuntu-jammy"_s, .stages = {...}}); // starts it

#include "imagebuild/buildplan.h"
#include "imagebuild/toxplanning.h"
#include "reference/catalog.h"
#include "util/job.h"

#include <QMap>

#include <memory>
#include <optional>

class QTemporaryDir;

namespace sagedock::util {
class ProcessJob;
}

namespace sagedock::imagebuild {

// What both modes share.
struct CommonBuildOptions {
    QString tag;              // Sage: empty = `git describe --dirty --always` (tox), else the Sage version
    QStringList extraTags;    // EXTRA_DOCKER_TAGS
    BuildArgs extraBuildArgs; // EXTRA_DOCKER_BUILD_ARGS' --build-arg pairs (NUMPROC, USE_MAKEFLAGS, ...)
    QStringList cacheFrom;    // explicit --cache-from refs (replace the defaults)
    bool defaultCacheSources = true; // the registry's images of the same names at `dev` and at the tag
    QString cacheRegistry;           // prefix for the default cache sources; empty = the push prefix
    QString pushPrefix;              // DOCKER_PUSH_REPOSITORY (a '/' is appended when missing)
    bool inlineCache = false;        // --build-arg BUILDKIT_INLINE_CACHE=1
    QString dockerContext;
    QString buildxBuilder;
    bool computeInputHashes = false;
    bool pull = false;
    bool noCache = false;
};

struct SageBuildOptions {
    QString sourceDir;
    // Plan from the checkout's tox.ini: the environment tox would run (`tox -e NAME -- POSARGS`), and
    // the process environment tox would see (empty: this process's). When set, the options below
    // that tox takes from its environment are ignored (see toxOptions for the mapping).
    QString toxEnv;
    std::optional<QStringList> posArgs;
    QMap<QString, QString> toxVariables;
    QString system;                                // tox factor: "ubuntu-jammy", "fedora-41", ...
    QString packages = QStringLiteral("standard"); // minimal, standard, maximal
    QStringList modifiers;                         // "incremental", "sitepackages"
    QStringList stages;                            // empty = tox's default DOCKER_TARGETS (with-targets)
    QString baseImage;                             // override the catalog's FULL_BASE_IMAGE_AND_TAG
    QString targetsPre = QStringLiteral("all-sage-local");
    QString targets = QStringLiteral("build");
    QString targetsOptional = QStringLiteral("ptest");
    QString extraConfigureArgs;
    QString extraSagePackages;
    // docker-incremental: the image it builds on.
    QString fromRepository = reference::Catalog::bundled().defaultRepository();
    QString fromTarget = QStringLiteral("with-targets");
    QString fromTag = QStringLiteral("dev");
    CommonBuildOptions common;
};

struct GenericBuildOptions {
    QString dockerfile;
    QString contextDir;
    QStringList stages;        // in build order
    QString imagePrefix;       // images are <prefix>-<stage> ("<prefix><stage>" when it ends in '/' or '-')
    CommonBuildOptions common; // tag empty = "latest"
};

// True when SOURCE/tox.ini defines docker environments (then --system & co. go through it).
bool hasToxDockerEnvironments(const QString& sourceDir);
// --system/--packages/--modifiers/--stages & co. as a tox run: the environment name, and the
// variables tox's loop reads (DOCKER_TARGETS, DOCKER_TAG, EXTRA_DOCKER_TAGS, DOCKER_PUSH_REPOSITORY,
// EXTRA_DOCKER_BUILD_ARGS, EXTRA_CONFIGURE_ARGS, EXTRA_SAGE_PACKAGES, TARGETS_PRE, TARGETS_OPTIONAL)
// set from the options given on top of `environment`; --targets becomes the posargs.
SageBuildOptions toxOptions(const SageBuildOptions& options, const QMap<QString, QString>& environment);
// This process's environment as a map (what tox would see when started from here).
QMap<QString, QString> processEnvironment();

// The tox environment name for system/packages/modifiers: "docker-ubuntu-jammy-standard-incremental".
QString toxEnvName(const QString& system, const QString& packages, const QStringList& modifiers);
// BUILD_IMAGE_STEM: "sage-ubuntu-jammy-standard" (-incremental dropped, -sitepackages kept).
QString imageStem(const QString& envName, bool legacyToxLoop = false);

// The `sagedock-cli build` arguments for these options (recorded in the history, like the CLI's argv):
// the mode's inputs, then --tag and --push when set.
QStringList cliArguments(const SageBuildOptions& options);
QStringList cliArguments(const GenericBuildOptions& options);

class Planner final : public util::ValueJob<BuildPlan> {
    Q_OBJECT
public:
    explicit Planner(QObject* parent = nullptr);
    ~Planner() override;

    // Set what to plan; start() then plans it. The plan*() shorthands set and start.
    void setOptions(const SageBuildOptions& options);
    void setOptions(const GenericBuildOptions& options);
    void planSage(const SageBuildOptions& options);
    void planGeneric(const GenericBuildOptions& options);

    static constexpr int kGeneratorTimeoutMs = 120000;

protected:
    void doStart() override;
    bool doCancel() override;

private:
    void startSage();
    void startGeneric();
    void startTox();
    void runToxCommand(int index);
    void afterToxCommands();
    void runGenerator();
    void afterDockerfile();
    void computeHashes(const QStringList& stageNames);
    void fail(const util::Error& error);
    void succeed();
    void stopChildren();

    SageBuildOptions m_sage;
    GenericBuildOptions m_generic;
    BuildPlan m_plan;
    util::ProcessJob* m_process = nullptr; // git describe, then the generator
    util::Job* m_hashing = nullptr;
    // The tox path: the environment's commands, the environment they run with, and the planning
    // pass's private folder (the docker shim and the calls it recorded).
    QList<QStringList> m_toxCommands;
    QMap<QString, QString> m_toxProcessEnv;
    std::unique_ptr<QTemporaryDir> m_shimDir;
    QStringList m_restoreDirs;
    FileSizes m_filesBefore;
};

} // namespace sagedock::imagebuild
