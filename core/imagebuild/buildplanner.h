#pragma once
// Turns "build these Sage stages" into a BuildPlan, the way `tox -e docker-<system>-<packages>` does:
// version and generator path from the checkout, write-dockerfile.sh run on the host with bash from
// SAGE_ROOT and tox's environment (its Dockerfile goes to <source>/.tox/<env>/Dockerfile, as tox
// writes it), tox's build arguments, one target per stage tagged
// [<push prefix>]sage-<system>-<packages>[-<modifiers>]-<stage>:<tag>, cache sources, and on request
// each stage's input hash (for skip-when-present and resume). Generic mode takes any Dockerfile.
// A job: one plan per Planner, finished() once, cancel() kills the generator.
// Usage:
//   auto* planner = new imagebuild::Planner(this);
//   connect(planner, &imagebuild::Planner::finished, this, [planner](const util::Result<imagebuild::BuildPlan>& r)
//   {...}); planner->planSage({.sourceDir = dir, .system = u"ubuntu-jammy"_s, .stages = {...}});

#include "imagebuild/buildplan.h"
#include "reference/catalog.h"

#include <QObject>
#include <QPointer>
#include <QProcess>

#include <memory>

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

// The tox environment name for system/packages/modifiers: "docker-ubuntu-jammy-standard-incremental".
QString toxEnvName(const QString& system, const QString& packages, const QStringList& modifiers);
// BUILD_IMAGE_STEM: "sage-ubuntu-jammy-standard" (-incremental dropped, -sitepackages kept).
QString imageStem(const QString& envName, bool legacyToxLoop = false);

class Planner : public QObject {
    Q_OBJECT
public:
    explicit Planner(QObject* parent = nullptr);
    ~Planner() override;

    void planSage(const SageBuildOptions& options);
    void planGeneric(const GenericBuildOptions& options);
    void cancel();

    static constexpr int kGeneratorTimeoutMs = 120000;

Q_SIGNALS:
    void finished(const sagedock::util::Result<sagedock::imagebuild::BuildPlan>& result);

private:
    void runGenerator();
    void afterDockerfile();
    void fail(const util::Error& error);
    void succeed();

    SageBuildOptions m_sage;
    GenericBuildOptions m_generic;
    BuildPlan m_plan;
    std::unique_ptr<QProcess> m_process;
    bool m_done = false;
};

} // namespace sagedock::imagebuild
