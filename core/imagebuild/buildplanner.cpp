#include "imagebuild/buildplanner.h"

#include "imagebuild/sagesource.h"
#include "imagebuild/sagesystems.h"
#include "reference/imagereference.h"
#include "util/atomicfile.h"
#include "util/processjob.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace sagedock::imagebuild {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::imagebuild)
};
// lupdate loses Text's context in a function whose return type is qualified (util::Error f()).
using util::Error;
Error invalid(const QString& message, const QString& hint = {}) {
    return util::Error::make(util::ErrorCode::InvalidArgument, message, hint);
}
QString withSlash(QString prefix) {
    if (!prefix.isEmpty() && !prefix.endsWith(QLatin1Char('/')))
        prefix += QLatin1Char('/');
    return prefix;
}
// Every reference the plan will hand to docker passes the reference grammar first.
Error checkReference(const QString& ref) {
    auto r = reference::ImageReference::parse(ref);
    if (!r.ok())
        return invalid(Text::tr("Invalid image reference %1: %2").arg(ref, r.error().message),
                       r.error().hint);
    return {};
}
} // namespace

namespace {
// The options both modes take the same way (tags, push prefix, cache, builder).
void applyCommonOptions(BuildPlan& p, const CommonBuildOptions& c) {
    p.extraTags = c.extraTags;
    p.pushPrefix = withSlash(c.pushPrefix);
    p.inlineCache = c.inlineCache;
    p.dockerContext = c.dockerContext;
    p.buildxBuilder = c.buildxBuilder;
    p.pull = c.pull;
    p.noCache = c.noCache;
}

} // namespace

QString toxEnvName(const QString& system, const QString& packages, const QStringList& modifiers) {
    QStringList parts{QStringLiteral("docker"), system, packages};
    parts += modifiers;
    return parts.join(QLatin1Char('-'));
}

QString imageStem(const QString& envName, bool legacyToxLoop) {
    QString stem = envName;
    if (legacyToxLoop) // 9.8: `sed s/-incremental//` only, so images are named sage-docker-...
        return QStringLiteral("sage-") + stem.replace(QLatin1String("-incremental"), QString());
    if (stem.startsWith(QLatin1String("docker-")))
        stem = stem.mid(7);
    stem.replace(QLatin1String("-incremental"), QString());
    return QStringLiteral("sage-") + stem;
}

namespace {
QStringList withCommonArguments(QStringList arguments, const CommonBuildOptions& c) {
    if (!c.tag.isEmpty())
        arguments << QStringLiteral("--tag") << c.tag;
    if (!c.pushPrefix.isEmpty())
        arguments << QStringLiteral("--push") << c.pushPrefix;
    return arguments;
}
} // namespace

QStringList cliArguments(const SageBuildOptions& o) {
    return withCommonArguments({QStringLiteral("--source"), o.sourceDir, QStringLiteral("--system"), o.system,
                                QStringLiteral("--packages"), o.packages, QStringLiteral("--stages"),
                                o.stages.join(QLatin1Char(','))},
                               o.common);
}

QStringList cliArguments(const GenericBuildOptions& o) {
    return withCommonArguments({QStringLiteral("--dockerfile"), o.dockerfile, QStringLiteral("--context"),
                                o.contextDir, QStringLiteral("--stages"), o.stages.join(QLatin1Char(',')),
                                QStringLiteral("--image-prefix"), o.imagePrefix},
                               o.common);
}

Planner::Planner(QObject* parent)
    : util::ValueJob<BuildPlan>(parent) {}

// Children die with the planner: a running generator's group is killed without waiting.
Planner::~Planner() = default;

void Planner::setOptions(const SageBuildOptions& options) {
    m_sage = options;
    m_plan = BuildPlan{};
    m_plan.mode = BuildPlan::Mode::Sage;
}

void Planner::setOptions(const GenericBuildOptions& options) {
    m_generic = options;
    m_plan = BuildPlan{};
    m_plan.mode = BuildPlan::Mode::Generic;
}

void Planner::planSage(const SageBuildOptions& options) {
    setOptions(options);
    start();
}

void Planner::planGeneric(const GenericBuildOptions& options) {
    setOptions(options);
    start();
}

void Planner::doStart() {
    if (m_plan.mode == BuildPlan::Mode::Generic)
        startGeneric();
    else
        startSage();
}

bool Planner::doCancel() {
    stopChildren();
    return true;
}

void Planner::stopChildren() {
    delete m_process; // kills the group at once; reaped in the background
    m_process = nullptr;
    delete m_hashing; // the hashing stops at its next check; its result is dropped
    m_hashing = nullptr;
}

void Planner::fail(const util::Error& error) {
    stopChildren();
    emitResult(error);
}

void Planner::succeed() {
    setResult(m_plan);
    emitResult();
}

void Planner::startSage() {
    const SageBuildOptions& options = m_sage;
    BuildPlan& p = m_plan;
    auto source = SageSource::detect(options.sourceDir);
    if (!source.ok()) {
        fail(source.error());
        return;
    }
    const auto system = sageSystem(options.system);
    if (!system && options.baseImage.isEmpty()) {
        fail(
            invalid(Text::tr("Unknown system %1.").arg(m_sage.system),
                    Text::tr("Use one of tox's system factors, e.g. ubuntu-jammy, or give the base image.")));
        return;
    }
    if (!sagePackageSets().contains(options.packages)) {
        fail(invalid(Text::tr("Unknown package set %1.").arg(m_sage.packages),
                     Text::tr("Use minimal, standard or maximal.")));
        return;
    }
    const bool incremental = options.modifiers.contains(QStringLiteral("incremental"));
    p.sourceDir = source->root;
    p.contextDir = source->root;
    p.sageVersion = source->version;
    p.generator = source->generator;
    p.system = options.system;
    p.packages = options.packages;
    p.modifiers = options.modifiers;
    p.envName = toxEnvName(options.system, options.packages, options.modifiers);
    p.dockerfilePath = QDir(p.sourceDir).filePath(QStringLiteral(".tox/%1/Dockerfile").arg(p.envName));

    // tox.ini: FULL_BASE_IMAGE_AND_TAG from the system factor, or the previous build for -incremental.
    const QString pkgStem = imageStem(toxEnvName(options.system, options.packages, {}));
    if (incremental)
        p.baseImage = withSlash(options.fromRepository) + pkgStem + QLatin1Char('-') + options.fromTarget +
                      QLatin1Char(':') + options.fromTag;
    else
        p.baseImage = options.baseImage.isEmpty() ? system->baseImage : options.baseImage;
    if (!options.baseImage.isEmpty())
        p.baseImage = options.baseImage;

    QString configure = QStringLiteral(
        "--enable-experimental-packages --enable-download-from-upstream-url --enable-build-as-root");
    if (system && system->conda)
        configure += QStringLiteral(" --with-python=python3");
    else if (system && !system->python.isEmpty())
        configure += QStringLiteral(" --with-system-python3=force --with-python=") + system->python;
    else
        configure += QStringLiteral(" --with-system-python3=yes");
    if (!options.extraConfigureArgs.isEmpty())
        configure += QLatin1Char(' ') + options.extraConfigureArgs;

    QStringList extra{QStringLiteral("_bootstrap")};
    if (incremental)
        extra << QStringLiteral("git");
    if (system && !system->python.isEmpty())
        extra << QLatin1Char('_') + system->python
              << QStringLiteral("_bootstrap _prereq liblzma libffi libpng");
    else if (system && system->conda)
        extra << QStringLiteral("_bootstrap _prereq liblzma libffi libpng");
    if (!options.extraSagePackages.isEmpty())
        extra << options.extraSagePackages;

    QString listArgs = QStringLiteral("--has-file=spkg-configure.m4 :standard:");
    bool ignoreMissing = system ? system->ignoreMissing : false;
    if (options.packages == QLatin1String("minimal"))
        listArgs = QStringLiteral("_prereq");
    else if (options.packages == QLatin1String("maximal")) {
        listArgs = QStringLiteral(":standard: :optional:");
        ignoreMissing = true;
    }
    p.generatorArgs = {system ? system->system : QStringLiteral("debian"), listArgs, QStringLiteral("yes"),
                       ignoreMissing ? QStringLiteral("yes") : QStringLiteral("no"),
                       extra.join(QLatin1Char(' '))};

    const CommonBuildOptions& c = options.common;
    applyCommonOptions(p, c);

    // tox's setenv for the generator (passenv values are taken from our environment when set).
    const bool skipPkgInstall = incremental && options.packages == QLatin1String("maximal");
    p.generatorEnv = {{QStringLiteral("FULL_BASE_IMAGE_AND_TAG"), p.baseImage},
                      {QStringLiteral("CONFIGURE_ARGS"), configure},
                      {QStringLiteral("BOOTSTRAP"), QStringLiteral("./bootstrap")},
                      {QStringLiteral("SKIP_SYSTEM_PKG_INSTALL"),
                       skipPkgInstall ? QStringLiteral("yes") : QStringLiteral("no")},
                      {QStringLiteral("BUILDKIT_PROGRESS"), QStringLiteral("plain")}};
    if (system && system->conda)
        p.generatorEnv.append({QStringLiteral("USE_CONDARC"), QStringLiteral("condarc.yml")});
    for (const char* passed : {"DOCKER_BUILDKIT", "GITHUB_ACTIONS"}) {
        const QString v = qEnvironmentVariable(passed);
        if (!v.isEmpty() &&
            !(source->major == 10 && source->minor < 8 && qstrcmp(passed, "GITHUB_ACTIONS") == 0))
            p.generatorEnv.append({QString::fromLatin1(passed), v});
    }

    // tox's loop: TARGETS_PRE, TARGETS, TARGETS_OPTIONAL, then EXTRA_DOCKER_BUILD_ARGS; 9.x passed more.
    if (source->isLegacyToxLoop()) {
        p.buildArgs << qMakePair(QStringLiteral("EXTRA_CONFIGURE_ARGS"), configure)
                    << qMakePair(QStringLiteral("BASE_IMAGE"), p.baseImage)
                    << qMakePair(QStringLiteral("BOOTSTRAP"), QStringLiteral("./bootstrap"));
        if (system && system->conda)
            p.buildArgs << qMakePair(QStringLiteral("USE_CONDARC"), QStringLiteral("condarc.yml"));
    }
    p.buildArgs << qMakePair(QStringLiteral("TARGETS_PRE"), options.targetsPre)
                << qMakePair(QStringLiteral("TARGETS"), options.targets)
                << qMakePair(QStringLiteral("TARGETS_OPTIONAL"), options.targetsOptional);
    p.buildArgs += c.extraBuildArgs;
    if (c.inlineCache)
        p.buildArgs << qMakePair(QStringLiteral("BUILDKIT_INLINE_CACHE"), QStringLiteral("1"));

    if (!c.tag.isEmpty()) {
        p.tag = c.tag;
        runGenerator();
        return;
    }
    // BUILD_TAG={env:DOCKER_TAG:$(git describe --dirty --always)}; no git, no repository or a
    // hung git (20 s): the Sage version.
    util::ProcessSpec git;
    git.program = QStringLiteral("git");
    git.arguments = {QStringLiteral("describe"), QStringLiteral("--dirty"), QStringLiteral("--always")};
    git.workingDirectory = p.sourceDir;
    git.timeoutMs = 20000;
    git.killGraceMs = 1000;
    m_process = new util::ProcessJob(git, this);
    util::ProcessJob* describe = m_process;
    connect(describe, &util::Job::finished, this, [this, describe](const util::Error& e) {
        const QString out = QString::fromUtf8(describe->result().standardOutput).trimmed();
        m_plan.tag = (!e && describe->result().exitCode == 0 && !out.isEmpty()) ? out : m_plan.sageVersion;
        m_process = nullptr;
        describe->deleteLater();
        runGenerator();
    });
    describe->start();
}

void Planner::runGenerator() {
    BuildPlan& p = m_plan;
    if (auto e = reference::ImageReference::validateTag(p.tag)) {
        fail(invalid(Text::tr("Invalid tag %1: %2").arg(p.tag, e.message)));
        return;
    }
    p.generatorEnv.prepend({QStringLiteral("BUILD_TAG"), p.tag});
    // A clean environment like tox's: only what the script needs from ours, then tox's setenv.
    QStringList env;
    for (const char* keep : {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "DOCKER_HOST"})
        if (qEnvironmentVariableIsSet(keep))
            env << QString::fromLatin1(keep) + QLatin1Char('=') + qEnvironmentVariable(keep);
    for (const auto& e : p.generatorEnv)
        env << e.first + QLatin1Char('=') + e.second;
    QStringList argv{p.generator};
    argv += p.generatorArgs;
    util::ProcessSpec spec;
    spec.program = QStringLiteral("bash");
    spec.arguments = argv;
    spec.environment = env;
    spec.workingDirectory = p.sourceDir;
    spec.timeoutMs = kGeneratorTimeoutMs;
    spec.killGraceMs = 2000;
    m_process = new util::ProcessJob(spec, this);
    util::ProcessJob* generator = m_process;
    connect(generator, &util::Job::finished, this, [this, generator](const util::Error& e) {
        m_process = nullptr;
        generator->deleteLater();
        if (e.code == util::ErrorCode::Timeout) {
            fail(util::Error::make(util::ErrorCode::Timeout, Text::tr("%1 did not finish within %2 s.")
                                                                 .arg(m_plan.generator)
                                                                 .arg(kGeneratorTimeoutMs / 1000)));
            return;
        }
        if (e) { // it did not start
            fail(util::Error::make(util::ErrorCode::Process, Text::tr("bash could not be started."),
                                   Text::tr("Install bash; write-dockerfile.sh is a bash script.")));
            return;
        }
        const QByteArray out = generator->result().standardOutput;
        const QString err = QString::fromUtf8(generator->result().standardError).trimmed();
        const int code = generator->result().exitCode;
        if (code != 0) {
            fail(util::Error::make(
                util::ErrorCode::Process,
                Text::tr("%1 failed (exit %2): %3").arg(m_plan.generator).arg(code).arg(err.left(500)),
                Text::tr("Run it by hand from the source folder to see why.")));
            return;
        }
        if (!out.contains("FROM")) {
            fail(util::Error::make(util::ErrorCode::Parse,
                                   Text::tr("%1 printed no Dockerfile.").arg(m_plan.generator),
                                   Text::tr("Check that the source folder is a complete Sage checkout.")));
            return;
        }
        QDir().mkpath(QFileInfo(m_plan.dockerfilePath).path());
        // Generated output, written again by every plan (tox writes it the same way): never half
        // written, but not worth an fsync on the way to the first stage.
        if (auto e = util::writeFileAtomically(m_plan.dockerfilePath, out, util::Durability::Unsynced)) {
            fail(e);
            return;
        }
        m_plan.dockerfileText = out;
        afterDockerfile();
    });
    generator->start();
}

void Planner::startGeneric() {
    const GenericBuildOptions& options = m_generic;
    BuildPlan& p = m_plan;
    const CommonBuildOptions& c = options.common;
    p.tag = c.tag.isEmpty() ? QStringLiteral("latest") : c.tag;
    applyCommonOptions(p, c);
    p.buildArgs = c.extraBuildArgs;
    if (c.inlineCache)
        p.buildArgs << qMakePair(QStringLiteral("BUILDKIT_INLINE_CACHE"), QStringLiteral("1"));
    const QFileInfo ctx(options.contextDir);
    const QFileInfo df(options.dockerfile);
    util::Error error;
    if (!ctx.isDir())
        error = invalid(Text::tr("The build context %1 is not a folder.").arg(options.contextDir));
    else if (options.stages.isEmpty())
        error = invalid(Text::tr("No stages given."),
                        Text::tr("List the stages in build order, e.g. --stages base,app."));
    else if (options.imagePrefix.isEmpty())
        error = invalid(Text::tr("No image prefix given."), Text::tr("Give --image-prefix, e.g. myproject."));
    if (!error) {
        auto text = util::readWholeFile(df.absoluteFilePath(), 4 * 1024 * 1024);
        if (!text.ok())
            error = util::Error::make(util::ErrorCode::NotFound,
                                      Text::tr("Cannot read the Dockerfile %1.").arg(options.dockerfile),
                                      text.error().message);
        else
            p.dockerfileText = text.value();
    }
    if (error) {
        fail(error);
        return;
    }
    p.contextDir = ctx.absoluteFilePath();
    p.sourceDir = p.contextDir;
    p.dockerfilePath = df.absoluteFilePath();
    afterDockerfile();
}

void Planner::afterDockerfile() {
    BuildPlan& p = m_plan;
    const DockerfileInfo info = DockerfileInfo::parse(p.dockerfileText);
    const bool sage = p.mode == BuildPlan::Mode::Sage;
    const CommonBuildOptions& c = sage ? m_sage.common : m_generic.common;
    QStringList stageNames = sage ? m_sage.stages : m_generic.stages;
    if (stageNames.isEmpty())
        stageNames << QStringLiteral("with-targets"); // tox: {env:DOCKER_TARGETS:with-targets}
    QString stem;
    if (sage) {
        auto src = SageSource::detect(p.sourceDir);
        stem = p.pushPrefix + imageStem(p.envName, src.ok() && src->isLegacyToxLoop()) + QLatin1Char('-');
    } else {
        stem = p.pushPrefix + m_generic.imagePrefix;
        if (!stem.endsWith(QLatin1Char('/')) && !stem.endsWith(QLatin1Char('-')))
            stem += QLatin1Char('-');
    }
    const QString cachePrefix = withSlash(c.cacheRegistry.isEmpty() ? c.pushPrefix : c.cacheRegistry);
    for (const QString& name : stageNames) {
        const int idx = info.stageIndex(name);
        if (idx < 0) {
            QStringList have;
            for (const auto& s : info.stages)
                have << s.name;
            fail(invalid(Text::tr("The Dockerfile has no stage %1.").arg(name),
                         Text::tr("Stages in it: %1").arg(have.join(QStringLiteral(", ")))));
            return;
        }
        PlannedStage st;
        st.name = name;
        st.image = stem + name;
        st.tags << p.tag;
        for (const QString& t : p.extraTags)
            if (!st.tags.contains(t))
                st.tags << t;
        st.countedSteps = info.countedStepsFor(idx);
        if (!c.cacheFrom.isEmpty()) {
            st.cacheFrom = c.cacheFrom;
        } else if (c.defaultCacheSources && !cachePrefix.isEmpty()) {
            const QString base = sage ? cachePrefix + imageStem(p.envName) + QLatin1Char('-') + name
                                      : cachePrefix + m_generic.imagePrefix + QLatin1Char('-') + name;
            st.cacheFrom << base + QStringLiteral(":dev");
            if (p.tag != QLatin1String("dev"))
                st.cacheFrom << base + QLatin1Char(':') + p.tag;
        }
        QStringList refs = st.cacheFrom;
        refs << st.imageRef();
        for (const QString& ref : refs)
            if (auto e = checkReference(ref)) {
                fail(e);
                return;
            }
        for (const QString& t : st.tags)
            if (auto e = reference::ImageReference::validateTag(t)) {
                fail(invalid(Text::tr("Invalid tag %1: %2").arg(t, e.message)));
                return;
            }
        p.stages << st;
    }
    if (!c.computeInputHashes) {
        succeed();
        return;
    }
    computeHashes(stageNames);
}

void Planner::computeHashes(const QStringList& stageNames) {
    // Hashing reads every file the stages copy (all of src/ for Sage): on the pool, cancellable
    // between stages.
    auto* job = new util::TaskJob<QStringList>(
        [info = DockerfileInfo::parse(m_plan.dockerfileText), names = stageNames, args = m_plan.buildArgs,
         ctx = m_plan.contextDir](const util::CancelToken& token) -> util::Result<QStringList> {
            QStringList hashes;
            for (const QString& n : names) {
                if (token.isCancelled())
                    return util::Error::make(util::ErrorCode::Cancelled, Text::tr("Cancelled."));
                auto h = stageInputHash(info, info.stageIndex(n), args, ctx);
                if (!h.ok())
                    return h.error();
                hashes << h.value();
            }
            return hashes;
        },
        this);
    m_hashing = job;
    connect(job, &util::Job::finished, this, [this, job](const util::Error& e) {
        m_hashing = nullptr;
        job->deleteLater();
        if (e) {
            fail(e);
            return;
        }
        for (int i = 0; i < m_plan.stages.size(); ++i)
            m_plan.stages[i].inputHash = job->result().value(i);
        succeed();
    });
    job->start();
}

} // namespace sagedock::imagebuild
