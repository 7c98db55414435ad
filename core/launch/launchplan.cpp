#include "launch/launchplan.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <unistd.h>

namespace sagedock::launch {

using util::Error;
using util::ErrorCode;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::launch)
};

// A shell session's PID 1: stays up, and ends at once on SIGTERM (a bare sh as PID 1 ignores it).
const QStringList kKeepAlive{
    QStringLiteral("/bin/sh"), QStringLiteral("-c"),
    QStringLiteral("trap 'exit 0' TERM INT; while :; do sleep 3600 & wait $!; done")};

QString userName(const QString& user) {
    return user.section(QLatin1Char(':'), 0, 0);
}

// The group to add when running as the host uid, so the image user's files (home 0750) stay readable.
QString userGroup(const QString& user) {
    const QString group = user.section(QLatin1Char(':'), 1, 1);
    return group.isEmpty() ? userName(user) : group;
}

QString randomSuffix() {
    return QString::number(QRandomGenerator::global()->generate() & 0xffffff, 16)
        .rightJustified(6, QLatin1Char('0'));
}

} // namespace

QStringList sessionStateEnv() {
    const QString home = kSessionHome;
    return {QStringLiteral("HOME=") + home,
            QStringLiteral("DOT_SAGE=") + home + QStringLiteral("/.sage"),
            QStringLiteral("JUPYTER_DATA_DIR=") + home + QStringLiteral("/.local/share/jupyter"),
            QStringLiteral("JUPYTER_RUNTIME_DIR=") + home + QStringLiteral("/.local/share/jupyter/runtime"),
            QStringLiteral("IPYTHONDIR=") + home + QStringLiteral("/.ipython"),
            QStringLiteral("MPLCONFIGDIR=") + home + QStringLiteral("/.config/matplotlib"),
            QStringLiteral("XDG_CACHE_HOME=") + home + QStringLiteral("/.cache"),
            QStringLiteral("XDG_CONFIG_HOME=") + home + QStringLiteral("/.config"),
            QStringLiteral("XDG_DATA_HOME=") + home + QStringLiteral("/.local/share")};
}

QString flavorName(Flavor flavor) {
    switch (flavor) {
    case Flavor::SageMath:
        return QStringLiteral("sagemath");
    case Flavor::SageMathDev:
        return QStringLiteral("sagemath-dev");
    case Flavor::Stage:
        return QStringLiteral("stage");
    }
    return {};
}

std::optional<Flavor> flavorFromName(const QString& name) {
    for (Flavor f : {Flavor::SageMath, Flavor::SageMathDev, Flavor::Stage})
        if (flavorName(f) == name)
            return f;
    return std::nullopt;
}

bool isRootUser(const QString& user) {
    const QString name = userName(user.trimmed());
    return name.isEmpty() || name == QLatin1String("root") || name == QLatin1String("0");
}

QString imageHome(const engine::ImageDetails& image) {
    const QString home = image.envValue(QStringLiteral("HOME"));
    if (!home.isEmpty())
        return home;
    if (isRootUser(image.user))
        return QStringLiteral("/root");
    const QString name = userName(image.user);
    bool numeric = false;
    name.toUInt(&numeric);
    return numeric ? QStringLiteral("/home/sage") : QStringLiteral("/home/") + name;
}

util::Result<Flavor> detectFlavor(const engine::ImageDetails& image) {
    for (const QString& part : image.entrypoint)
        if (part.endsWith(QLatin1String("sage-entrypoint")))
            return Flavor::SageMath;
    const QString wd = image.workingDir;
    if (image.entrypoint.isEmpty() && wd.endsWith(QLatin1String("/sage")) && wd != QLatin1String("/sage"))
        return Flavor::SageMathDev;
    if (wd == QLatin1String("/sage") && isRootUser(image.user))
        return Flavor::Stage;
    return Error::make(ErrorCode::InvalidArgument,
                       Text::tr("This image does not look like a SageMath image (entrypoint \"%1\", working "
                                "directory \"%2\", user \"%3\").")
                           .arg(image.entrypoint.join(QLatin1Char(' ')), wd, image.user),
                       Text::tr("Choose the flavor yourself: --flavor sagemath, sagemath-dev or stage."));
}

util::Result<LaunchPlan> planLaunch(const engine::ImageDetails& image, const LaunchOptions& options,
                                    bool stageHasSage, int hostPort) {
    LaunchPlan plan;
    if (options.flavor.isEmpty() || options.flavor == QLatin1String("auto")) {
        auto detected = detectFlavor(image);
        if (!detected.ok())
            return detected.error();
        plan.flavor = detected.value();
    } else if (auto f = flavorFromName(options.flavor)) {
        plan.flavor = *f;
    } else {
        return Error::make(ErrorCode::InvalidArgument, Text::tr("Unknown flavor \"%1\".").arg(options.flavor),
                           Text::tr("Use auto, sagemath, sagemath-dev or stage."));
    }
    if (options.notebooksFolder.isEmpty())
        return Error::make(ErrorCode::InvalidArgument, Text::tr("No notebooks folder was given."),
                           Text::tr("Choose a folder for the notebooks."));
    if (options.notebooksFolder.contains(QLatin1Char(':')) ||
        options.notebooksFolder.contains(QLatin1Char(',')))
        return Error::make(
            ErrorCode::InvalidArgument,
            Text::tr("The notebooks folder %1 contains ':' or ',', which a bind mount cannot express.")
                .arg(options.notebooksFolder),
            Text::tr("Choose a folder without those characters."));

    plan.home = imageHome(image);
    plan.workdir = !options.workingDir.isEmpty()  ? options.workingDir
                   : !image.workingDir.isEmpty()  ? image.workingDir
                   : plan.flavor == Flavor::Stage ? QStringLiteral("/sage")
                                                  : plan.home;
    const uint uid = options.hostUid.value_or(::getuid());
    const uint gid = options.hostGid.value_or(::getgid());
    const bool asRoot = uid == 0;
    // Below the home, never over it: the home holds SAGE_ROOT and .bashrc in Sage's images. A root
    // image's home (/root) is 0700, out of reach for the host uid: then a folder of its own at /.
    plan.containerNotebooks =
        !asRoot && isRootUser(image.user)
            ? QStringLiteral("/notebooks")
            : (plan.home.endsWith(QLatin1Char('/')) ? plan.home : plan.home + QLatin1Char('/')) +
                  QStringLiteral("notebooks");
    plan.hostAddress =
        options.publishOnAllInterfaces ? QStringLiteral("0.0.0.0") : QStringLiteral("127.0.0.1");
    plan.hostPort = hostPort;
    plan.shell = options.shell;
    if (plan.flavor == Flavor::Stage && !stageHasSage && !plan.shell && options.command.isEmpty()) {
        plan.shell = true;
        plan.reason =
            Text::tr("This stage image has no built Sage yet (/sage/sage is missing; Sage is built in the "
                     "with-targets stage), so it can only open a shell.");
    }

    engine::CreateSpec& spec = plan.spec;
    spec.image = options.image;
    spec.workingDir = plan.workdir;
    spec.init = true;
    spec.name = options.containerName.isEmpty()
                    ? QStringLiteral("sagedock-%1-%2").arg(flavorName(plan.flavor), randomSuffix())
                    : options.containerName;
    // The path of Sage's launcher, relative when we run in the image's own working directory.
    const QString sageDir = image.workingDir.isEmpty() ? QStringLiteral("/sage") : image.workingDir;
    const QString sageScript =
        plan.workdir == sageDir ? QStringLiteral("./sage") : sageDir + QStringLiteral("/sage");
    const QStringList jupyterOptions{QStringLiteral("--no-browser"), QStringLiteral("--ip=0.0.0.0"),
                                     QStringLiteral("--port=%1").arg(plan.containerPort),
                                     QStringLiteral("--notebook-dir=") + plan.containerNotebooks};
    if (plan.shell) {
        spec.entrypoint = kKeepAlive;
        spec.init = false; // the keep-alive loop handles SIGTERM itself
    } else if (!options.command.isEmpty()) {
        spec.cmd = options.command;
        if (plan.flavor != Flavor::SageMath)
            spec.entrypoint = QStringList{};
    } else if (plan.flavor == Flavor::SageMath) {
        // sage-entrypoint adds --no-browser --ip='0.0.0.0' --port=8888 itself.
        spec.cmd = {QStringLiteral("sage-jupyter"),
                    QStringLiteral("--notebook-dir=") + plan.containerNotebooks};
    } else {
        spec.entrypoint = QStringList{};
        spec.cmd = QStringList{sageScript, QStringLiteral("-n"), QStringLiteral("jupyter")} + jupyterOptions;
    }

    // Any host uid, any image user, nothing opened to the world (docs/launch-users.md): the
    // container runs as the host uid:gid, so every file it writes into the mounted folder belongs
    // to the host user; the image user's group is added so a 0750 home (and SAGE_ROOT under it)
    // stays readable; HOME and every state directory Jupyter, IPython, Sage, matplotlib and
    // fontconfig write move to a fresh directory of the session's own inside the container.
    plan.user = QStringLiteral("%1:%2").arg(uid).arg(gid);
    spec.user = plan.user;
    if (!asRoot && !isRootUser(image.user))
        spec.groupAdd = {userGroup(image.user)};
    // There is no passwd entry for an arbitrary uid; tools that ask for a user name read these.
    const QString name = asRoot                   ? QStringLiteral("root")
                         : isRootUser(image.user) ? QStringLiteral("sage")
                                                  : userName(image.user);
    spec.env << QStringLiteral("USER=") + name << QStringLiteral("LOGNAME=") + name;
    spec.env += sessionStateEnv();
    // Jupyter refuses to run as root unless told; as root on the host the files are root's anyway.
    if (asRoot && !plan.shell && options.command.isEmpty())
        spec.cmd << QStringLiteral("--allow-root");

    spec.env += options.extraEnv;
    if (!plan.shell)
        spec.ports << engine::PortBinding{plan.containerPort, QStringLiteral("tcp"), plan.hostAddress,
                                          hostPort};
    spec.binds << options.notebooksFolder + QLatin1Char(':') + plan.containerNotebooks;

    spec.labels = options.extraLabels;
    spec.labels.insert(labels::kSession, QStringLiteral("1"));
    spec.labels.insert(labels::kImage, options.image);
    spec.labels.insert(labels::kFlavor, flavorName(plan.flavor));
    spec.labels.insert(labels::kMode, plan.shell ? QStringLiteral("shell") : QStringLiteral("jupyter"));
    spec.labels.insert(labels::kNotebooks, options.notebooksFolder);
    spec.labels.insert(labels::kContainerNotebooks, plan.containerNotebooks);
    spec.labels.insert(labels::kWorkdir, plan.workdir);
    spec.labels.insert(labels::kOwner, QString::number(uid));
    return plan;
}

} // namespace sagedock::launch
