#include "imagebuild/buildplanner.h"

#include "imagebuild/sagesource.h"
#include "imagebuild/sagesystems.h"
#include "imagebuild/toxini.h"
#include "reference/imagereference.h"
#include "util/atomicfile.h"
#include "util/processjob.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QTemporaryDir>

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
    if (!o.toxEnv.isEmpty()) {
        QStringList args{QStringLiteral("--source"), o.sourceDir, QStringLiteral("--tox-env"), o.toxEnv};
        if (o.posArgs)
            args << QStringLiteral("--") << *o.posArgs;
        return args;
    }
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

bool hasToxDockerEnvironments(const QString& sourceDir) {
    const QString path = QDir(sourceDir).filePath(QStringLiteral("tox.ini"));
    if (!QFileInfo(path).isFile())
        return false;
    const auto ini = ToxIni::load(path);
    if (!ini.ok())
        return true; // a broken tox.ini is reported by the tox path, not silently bypassed
    const QStringList envs = ini->environments();
    return std::any_of(envs.begin(), envs.end(), [](const QString& e) {
        return e == QLatin1String("docker") || e.startsWith(QLatin1String("docker-"));
    });
}

QMap<QString, QString> processEnvironment() {
    QMap<QString, QString> env;
    const QProcessEnvironment pe = QProcessEnvironment::systemEnvironment();
    for (const QString& k : pe.keys())
        env.insert(k, pe.value(k));
    return env;
}

SageBuildOptions toxOptions(const SageBuildOptions& o, const QMap<QString, QString>& environment) {
    SageBuildOptions t = o;
    if (t.toxEnv.isEmpty())
        t.toxEnv = toxEnvName(o.system, o.packages, o.modifiers);
    QMap<QString, QString>& v = t.toxVariables;
    if (v.isEmpty())
        v = environment;
    const SageBuildOptions defaults;
    const CommonBuildOptions& c = o.common;
    if (!o.stages.isEmpty())
        v.insert(QStringLiteral("DOCKER_TARGETS"), o.stages.join(QLatin1Char(' ')));
    if (!c.tag.isEmpty())
        v.insert(QStringLiteral("DOCKER_TAG"), c.tag);
    if (!c.extraTags.isEmpty())
        v.insert(QStringLiteral("EXTRA_DOCKER_TAGS"), c.extraTags.join(QLatin1Char(' ')));
    if (!c.pushPrefix.isEmpty())
        v.insert(QStringLiteral("DOCKER_PUSH_REPOSITORY"), withSlash(c.pushPrefix));
    if (!c.extraBuildArgs.isEmpty()) {
        // tox pastes the variable into its bash loop, which splits and unquotes it.
        QStringList words;
        for (const auto& a : c.extraBuildArgs)
            words << QStringLiteral("--build-arg") << shellQuote(a.first + QLatin1Char('=') + a.second);
        v.insert(QStringLiteral("EXTRA_DOCKER_BUILD_ARGS"), words.join(QLatin1Char(' ')));
    }
    if (!o.extraConfigureArgs.isEmpty())
        v.insert(QStringLiteral("EXTRA_CONFIGURE_ARGS"), o.extraConfigureArgs);
    if (!o.extraSagePackages.isEmpty())
        v.insert(QStringLiteral("EXTRA_SAGE_PACKAGES"), o.extraSagePackages);
    if (o.targetsPre != defaults.targetsPre)
        v.insert(QStringLiteral("TARGETS_PRE"), o.targetsPre);
    if (o.targetsOptional != defaults.targetsOptional)
        v.insert(QStringLiteral("TARGETS_OPTIONAL"), o.targetsOptional);
    if (o.targets != defaults.targets && !t.posArgs) {
        t.posArgs = o.targets.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        // Sage's loop takes TARGETS_PRE from the posargs too, unless the variable is set.
        if (!v.contains(QStringLiteral("TARGETS_PRE")))
            v.insert(QStringLiteral("TARGETS_PRE"), o.targetsPre);
    }
    return t;
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
    else if (!m_sage.toxEnv.isEmpty() ||
             (m_sage.baseImage.isEmpty() && hasToxDockerEnvironments(m_sage.sourceDir))) {
        // The checkout's tox.ini wins over the bundled catalog: --system & co. name a tox environment,
        // and the options given beside a tox environment (the Builds page's tag, push prefix, ...)
        // set the variables its loop reads. toxOptions is idempotent, so the CLI's call before is fine.
        m_sage = toxOptions(m_sage, processEnvironment());
        startTox();
    } else
        startSage();
}

// The tox path: evaluate the environment as tox 4 does, then run its commands in order — those that
// call docker in the planning pass (bash from /bin with a recording `docker` first on PATH, so the
// loop prints every docker call it would make, expanded by bash itself), the others for real (the
// generator must write the Dockerfile the builds read; a command that only runs a tool cannot be
// planned any other way). Sage's loop is never re-implemented here.
void Planner::startTox() {
    BuildPlan& p = m_plan;
    const QFileInfo source(m_sage.sourceDir);
    const QString iniPath = QDir(source.absoluteFilePath()).filePath(QStringLiteral("tox.ini"));
    if (!QFileInfo(iniPath).isFile()) {
        fail(invalid(Text::tr("%1 has no tox.ini.").arg(m_sage.sourceDir),
                     Text::tr("--tox-env needs a checkout with a tox.ini, e.g. SAGE_ROOT.")));
        return;
    }
    const auto ini = ToxIni::load(iniPath);
    if (!ini.ok()) {
        fail(invalid(ini.error().message, ini.error().hint));
        return;
    }
    ToxContext ctx;
    ctx.toxIniDir = QFileInfo(iniPath).absolutePath();
    ctx.environment = m_sage.toxVariables.isEmpty() ? processEnvironment() : m_sage.toxVariables;
    ctx.posArgs = m_sage.posArgs;
    const auto env = evaluateToxEnvironment(ini.value(), m_sage.toxEnv, ctx);
    if (!env.ok()) {
        fail(invalid(env.error().message, env.error().hint));
        return;
    }
    m_toxProcessEnv = toxProcessEnvironment(env.value(), ctx);
    m_toxCommands = env->commands;
    p.fromTox = true;
    p.envName = env->name;
    p.sourceDir = ctx.toxIniDir;
    p.contextDir = ctx.toxIniDir; // tox runs every command in {toxinidir}
    p.system = m_sage.system;
    p.packages = m_sage.packages;
    p.modifiers = m_sage.modifiers;
    auto version = util::readWholeFile(QDir(p.sourceDir).filePath(QStringLiteral("VERSION.txt")), 4096);
    if (version.ok())
        p.sageVersion = QString::fromUtf8(version.value()).section(QLatin1Char(' '), -1).trimmed();
    p.toxDocker = findOnPath(QStringLiteral("docker"), m_toxProcessEnv.value(QStringLiteral("PATH")));
    for (auto it = m_toxProcessEnv.begin(); it != m_toxProcessEnv.end(); ++it)
        p.generatorEnv << qMakePair(it.key(), it.value());
    applyCommonOptions(p, m_sage.common);
    p.pushPrefix.clear(); // pushes are the loop's own
    // tox creates {envdir} before running anything; commands write into it (the Dockerfile).
    QDir().mkpath(env->envDir);
    m_restoreDirs = {env->workDir, env->envDir};
    m_shimDir = std::make_unique<QTemporaryDir>(); // 0700: the shim and its record are ours alone
    const QString shim = m_shimDir->filePath(QStringLiteral("docker"));
    if (!m_shimDir->isValid() ||
        util::writeFileAtomically(shim, planningShimScript(), util::Durability::Unsynced) ||
        !QFile::setPermissions(shim, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) {
        fail(util::Error::make(util::ErrorCode::Io,
                               Text::tr("Cannot prepare the planning pass in %1.").arg(QDir::tempPath())));
        return;
    }
    runToxCommand(0);
}

void Planner::runToxCommand(int index) {
    if (index >= m_toxCommands.size()) {
        afterToxCommands();
        return;
    }
    QStringList argv = m_toxCommands.at(index);
    const bool ignoreExit = argv.first() == QLatin1String("-");
    if (ignoreExit)
        argv.removeFirst();
    if (argv.isEmpty()) {
        runToxCommand(index + 1);
        return;
    }
    const bool planning = callsDocker(argv);
    QMap<QString, QString> env = m_toxProcessEnv;
    QString program;
    if (planning) {
        if (QFileInfo(argv.first()).fileName() == QLatin1String("docker")) {
            // A docker call on its own: the shim records it, no shell needed.
            argv.first() = m_shimDir->filePath(QStringLiteral("docker"));
        } else if (argv.first() == QLatin1String("bash")) {
            argv.first() = QStringLiteral("/bin/bash"); // absolute: a `bash` on PATH never sees the pass
        }
        env.insert(QStringLiteral("PATH"),
                   m_shimDir->path() + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
        // The loop's own writes (tox appends to {toxworkdir}/Dockertags) are undone afterwards, so
        // planning (and --dry-run) leaves the checkout as it found it.
        m_filesBefore = snapshotFiles(m_restoreDirs);
    } else {
        m_plan.toxRealCommands << m_toxCommands.at(index);
    }
    // tox looks the program up on the environment's PATH (the shim's PATH for the planning pass).
    program = findOnPath(argv.first(), env.value(QStringLiteral("PATH")));
    if (program.isEmpty()) {
        fail(util::Error::make(util::ErrorCode::NotFound,
                               Text::tr("%1 is not on the tox environment's PATH.").arg(argv.first()),
                               Text::tr("tox would fail the same way; install it or fix PATH.")));
        return;
    }
    util::ProcessSpec spec;
    spec.program = program;
    spec.arguments = argv.mid(1);
    QStringList envList;
    for (auto it = env.begin(); it != env.end(); ++it)
        envList << it.key() + QLatin1Char('=') + it.value();
    spec.environment = envList;
    spec.workingDirectory = m_plan.contextDir;
    spec.timeoutMs = kGeneratorTimeoutMs;
    spec.killGraceMs = 2000;
    m_process = new util::ProcessJob(spec, this);
    util::ProcessJob* job = m_process;
    const QString shown = m_toxCommands.at(index).join(QLatin1Char(' ')).left(200);
    connect(job, &util::Job::finished, this,
            [this, job, index, planning, ignoreExit, shown](const util::Error& e) {
                m_process = nullptr;
                job->deleteLater();
                if (planning)
                    restoreFiles(m_restoreDirs, m_filesBefore);
                if (e) {
                    fail(util::Error::make(
                        e.code, Text::tr("The tox command \"%1\" did not run: %2").arg(shown, e.message)));
                    return;
                }
                const int code = job->result().exitCode;
                if (code != 0 && !ignoreExit) {
                    const QString err = QString::fromUtf8(job->result().standardError).trimmed().right(500);
                    fail(util::Error::make(util::ErrorCode::Process,
                                           planning
                                               ? Text::tr("The planning pass of \"%1\" failed (exit %2): %3")
                                                     .arg(shown)
                                                     .arg(code)
                                                     .arg(err)
                                               : Text::tr("The tox command \"%1\" failed (exit %2): %3")
                                                     .arg(shown)
                                                     .arg(code)
                                                     .arg(err),
                                           Text::tr("tox -e %1 would stop here too.").arg(m_plan.envName)));
                    return;
                }
                runToxCommand(index + 1);
            });
    job->start();
}

void Planner::afterToxCommands() {
    BuildPlan& p = m_plan;
    QByteArray record;
    QFile calls(m_shimDir->filePath(QStringLiteral("calls")));
    if (calls.open(QIODevice::ReadOnly))
        record = calls.readAll();
    calls.close();
    m_shimDir.reset();
    auto parsed = parsePlanningCalls(record);
    if (!parsed.ok()) {
        fail(parsed.error());
        return;
    }
    if (auto e = applyDockerCalls(p, parsed.value())) {
        fail(e);
        return;
    }
    auto text = util::readWholeFile(p.dockerfilePath, 4 * 1024 * 1024);
    if (text.ok())
        p.dockerfileText = text.value();
    const DockerfileInfo info = DockerfileInfo::parse(p.dockerfileText);
    QStringList names;
    bool hashable = text.ok();
    for (PlannedStage& st : p.stages) {
        const int idx = info.stageIndex(st.name);
        if (idx >= 0)
            st.countedSteps = info.countedStepsFor(idx);
        st.cacheFrom = m_sage.common.cacheFrom; // only what the user asked for: tox uses none
        names << st.name;
        hashable = hashable && idx >= 0;
    }
    if (p.stages.isEmpty() || !m_sage.common.computeInputHashes || !hashable) {
        succeed();
        return;
    }
    computeHashes(names);
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
