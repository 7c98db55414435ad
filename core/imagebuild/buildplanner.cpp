#include "imagebuild/buildplanner.h"

#include "imagebuild/sagesource.h"
#include "imagebuild/sagesystems.h"
#include "reference/imagereference.h"
#include "util/atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QThread>
#include <QTimer>

namespace sagedock::imagebuild {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("sagedock::imagebuild", text);
}
util::Error invalid(const QString& message, const QString& hint = {}) {
    return util::Error::make(util::ErrorCode::InvalidArgument, message, hint);
}
QString withSlash(QString prefix) {
    if (!prefix.isEmpty() && !prefix.endsWith(QLatin1Char('/')))
        prefix += QLatin1Char('/');
    return prefix;
}
// Every reference the plan will hand to docker passes the reference grammar first.
util::Error checkReference(const QString& ref) {
    auto r = reference::ImageReference::parse(ref);
    if (!r.ok())
        return invalid(tr("Invalid image reference %1: %2").arg(ref, r.error().message), r.error().hint);
    return {};
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

Planner::Planner(QObject* parent)
    : QObject(parent) {}

Planner::~Planner() {
    cancel();
}

void Planner::cancel() {
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
    if (!m_done)
        fail(util::Error::make(util::ErrorCode::Cancelled, tr("Planning was cancelled.")));
}

void Planner::fail(const util::Error& error) {
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(error);
}

void Planner::succeed() {
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(m_plan);
}

void Planner::planSage(const SageBuildOptions& options) {
    m_sage = options;
    BuildPlan& p = m_plan;
    p.mode = BuildPlan::Mode::Sage;
    auto source = SageSource::detect(options.sourceDir);
    if (!source.ok()) {
        QTimer::singleShot(0, this, [this, e = source.error()] { fail(e); });
        return;
    }
    const auto system = sageSystem(options.system);
    if (!system && options.baseImage.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            fail(invalid(tr("Unknown system %1.").arg(m_sage.system),
                         tr("Use one of tox's system factors, e.g. ubuntu-jammy, or give the base image.")));
        });
        return;
    }
    if (!sagePackageSets().contains(options.packages)) {
        QTimer::singleShot(0, this, [this] {
            fail(invalid(tr("Unknown package set %1.").arg(m_sage.packages),
                         tr("Use minimal, standard or maximal.")));
        });
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
    p.extraTags = c.extraTags;
    p.pushPrefix = withSlash(c.pushPrefix);
    p.inlineCache = c.inlineCache;
    p.dockerContext = c.dockerContext;
    p.buildxBuilder = c.buildxBuilder;
    p.pull = c.pull;
    p.noCache = c.noCache;

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
    // BUILD_TAG={env:DOCKER_TAG:$(git describe --dirty --always)}
    m_process = std::make_unique<QProcess>();
    m_process->setWorkingDirectory(p.sourceDir);
    connect(m_process.get(), &QProcess::finished, this, [this](int code, QProcess::ExitStatus st) {
        const QString out = QString::fromUtf8(m_process->readAllStandardOutput()).trimmed();
        m_plan.tag = (st == QProcess::NormalExit && code == 0 && !out.isEmpty()) ? out : m_plan.sageVersion;
        runGenerator();
    });
    connect(m_process.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            m_process->disconnect(this);
            m_plan.tag = m_plan.sageVersion;
            QTimer::singleShot(0, this, [this] { runGenerator(); });
        }
    });
    m_process->start(QStringLiteral("git"),
                     {QStringLiteral("describe"), QStringLiteral("--dirty"), QStringLiteral("--always")});
    QTimer::singleShot(20000, m_process.get(), [p = m_process.get()] { p->kill(); });
}

void Planner::runGenerator() {
    BuildPlan& p = m_plan;
    if (auto e = reference::ImageReference::validateTag(p.tag)) {
        fail(invalid(tr("Invalid tag %1: %2").arg(p.tag, e.message)));
        return;
    }
    p.generatorEnv.prepend({QStringLiteral("BUILD_TAG"), p.tag});
    QProcessEnvironment env;
    const QProcessEnvironment sys = QProcessEnvironment::systemEnvironment();
    for (const char* keep : {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "DOCKER_HOST"})
        if (sys.contains(QString::fromLatin1(keep)))
            env.insert(QString::fromLatin1(keep), sys.value(QString::fromLatin1(keep)));
    for (const auto& e : p.generatorEnv)
        env.insert(e.first, e.second);
    m_process = std::make_unique<QProcess>();
    m_process->setWorkingDirectory(p.sourceDir);
    m_process->setProcessEnvironment(env);
    connect(m_process.get(), &QProcess::finished, this, [this](int code, QProcess::ExitStatus st) {
        const QByteArray out = m_process->readAllStandardOutput();
        const QString err = QString::fromUtf8(m_process->readAllStandardError()).trimmed();
        if (st != QProcess::NormalExit || code != 0) {
            fail(util::Error::make(
                util::ErrorCode::Process,
                tr("%1 failed (exit %2): %3").arg(m_plan.generator).arg(code).arg(err.left(500)),
                tr("Run it by hand from the source folder to see why.")));
            return;
        }
        if (!out.contains("FROM")) {
            fail(util::Error::make(util::ErrorCode::Parse,
                                   tr("%1 printed no Dockerfile.").arg(m_plan.generator),
                                   tr("Check that the source folder is a complete Sage checkout.")));
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
    connect(m_process.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            m_process->disconnect(this);
            QTimer::singleShot(0, this, [this] {
                fail(util::Error::make(util::ErrorCode::Process, tr("bash could not be started."),
                                       tr("Install bash; write-dockerfile.sh is a bash script.")));
            });
        }
    });
    QStringList argv{p.generator};
    argv += p.generatorArgs;
    m_process->start(QStringLiteral("bash"), argv);
    QTimer::singleShot(kGeneratorTimeoutMs, m_process.get(), [this] {
        if (m_process->state() != QProcess::NotRunning) {
            m_process->disconnect(this);
            m_process->kill();
            fail(util::Error::make(
                util::ErrorCode::Timeout,
                tr("%1 did not finish within %2 s.").arg(m_plan.generator).arg(kGeneratorTimeoutMs / 1000)));
        }
    });
}

void Planner::planGeneric(const GenericBuildOptions& options) {
    m_generic = options;
    BuildPlan& p = m_plan;
    p.mode = BuildPlan::Mode::Generic;
    const CommonBuildOptions& c = options.common;
    p.tag = c.tag.isEmpty() ? QStringLiteral("latest") : c.tag;
    p.extraTags = c.extraTags;
    p.pushPrefix = withSlash(c.pushPrefix);
    p.inlineCache = c.inlineCache;
    p.dockerContext = c.dockerContext;
    p.buildxBuilder = c.buildxBuilder;
    p.pull = c.pull;
    p.noCache = c.noCache;
    p.buildArgs = c.extraBuildArgs;
    if (c.inlineCache)
        p.buildArgs << qMakePair(QStringLiteral("BUILDKIT_INLINE_CACHE"), QStringLiteral("1"));
    const QFileInfo ctx(options.contextDir);
    const QFileInfo df(options.dockerfile);
    util::Error error;
    if (!ctx.isDir())
        error = invalid(tr("The build context %1 is not a folder.").arg(options.contextDir));
    else if (options.stages.isEmpty())
        error =
            invalid(tr("No stages given."), tr("List the stages in build order, e.g. --stages base,app."));
    else if (options.imagePrefix.isEmpty())
        error = invalid(tr("No image prefix given."), tr("Give --image-prefix, e.g. myproject."));
    if (!error) {
        auto text = util::readWholeFile(df.absoluteFilePath(), 4 * 1024 * 1024);
        if (!text.ok())
            error = util::Error::make(util::ErrorCode::NotFound,
                                      tr("Cannot read the Dockerfile %1.").arg(options.dockerfile),
                                      text.error().message);
        else
            p.dockerfileText = text.value();
    }
    if (error) {
        QTimer::singleShot(0, this, [this, error] { fail(error); });
        return;
    }
    p.contextDir = ctx.absoluteFilePath();
    p.sourceDir = p.contextDir;
    p.dockerfilePath = df.absoluteFilePath();
    QTimer::singleShot(0, this, [this] { afterDockerfile(); });
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
            fail(invalid(tr("The Dockerfile has no stage %1.").arg(name),
                         tr("Stages in it: %1").arg(have.join(QStringLiteral(", ")))));
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
                fail(invalid(tr("Invalid tag %1: %2").arg(t, e.message)));
                return;
            }
        p.stages << st;
    }
    if (!c.computeInputHashes) {
        succeed();
        return;
    }
    // Hashing reads every file the stages copy (all of src/ for Sage): off this thread.
    auto result = std::make_shared<util::Result<QStringList>>(QStringList());
    QStringList names = stageNames;
    BuildArgs args = p.buildArgs;
    QString ctx = p.contextDir;
    QThread* worker = QThread::create([info, names, args, ctx, result] {
        QStringList hashes;
        for (const QString& n : names) {
            auto h = stageInputHash(info, info.stageIndex(n), args, ctx);
            if (!h.ok()) {
                *result = h.error();
                return;
            }
            hashes << h.value();
        }
        *result = hashes;
    });
    connect(worker, &QThread::finished, this, [this, result] {
        if (!result->ok()) {
            fail(result->error());
            return;
        }
        for (int i = 0; i < m_plan.stages.size(); ++i)
            m_plan.stages[i].inputHash = result->value().value(i);
        succeed();
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

} // namespace sagedock::imagebuild
