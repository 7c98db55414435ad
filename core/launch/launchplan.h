#pragma once
// Decides how to run a Sage image from the image's own config (not its name) and turns the user's
// options into a container spec: flavor, command, working dir, user, notebooks mount, ports, labels.
// Pure functions: the Launcher feeds them engine data, unit tests feed them tables.
//   sagemath     ENTRYPOINT sage-entrypoint  -> `sage-jupyter` + Jupyter options, the image's user
//   sagemath-dev no entrypoint, WORKDIR .../sage -> ./sage -n jupyter --no-browser --ip=0.0.0.0 --port=8888
//   stage        user root, WORKDIR /sage    -> the same, when /sage/sage exists; earlier stages
//                have no Sage yet: a shell only, with the reason.
// Every flavor runs as the host uid:gid with a HOME of its own (docs/launch-users.md); as root on the
// host, Jupyter gets --allow-root.
// Usage:
//   auto flavor = launch::detectFlavor(image);
//   auto plan = launch::planLaunch(image, options, stageHasSage, hostPort);

#include "engine/types.h"
#include "launch/ports.h"
#include "util/error.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace sagedock::launch {

enum class Flavor { SageMath, SageMathDev, Stage };
QString flavorName(Flavor flavor); // "sagemath", "sagemath-dev", "stage"
std::optional<Flavor> flavorFromName(const QString& name);

// Labels on every session container (values never hold the token).
namespace labels {
inline const QString kSession = QStringLiteral("org.sagedock.session");
inline const QString kImage = QStringLiteral("org.sagedock.image");
inline const QString kFlavor = QStringLiteral("org.sagedock.flavor");
inline const QString kMode = QStringLiteral("org.sagedock.mode"); // jupyter | shell
inline const QString kNotebooks = QStringLiteral("org.sagedock.notebooks");
inline const QString kContainerNotebooks = QStringLiteral("org.sagedock.container-notebooks");
inline const QString kWorkdir = QStringLiteral("org.sagedock.workdir");
// The host uid that started the session (the uid it runs as): `stop --all` stops only the caller's.
inline const QString kOwner = QStringLiteral("org.sagedock.owner");
} // namespace labels

struct LaunchOptions {
    QString image;                           // a validated reference
    QString flavor = QStringLiteral("auto"); // auto | sagemath | sagemath-dev | stage
    QString notebooksFolder;                 // host folder; created on first use
    int port = 0;                            // host port; 0 = first free from preferredPort
    int preferredPort = 8888;
    bool shell = false;                  // a shell session instead of Jupyter
    bool publishOnAllInterfaces = false; // default 127.0.0.1 only
    QStringList command;                 // overrides the flavor's command
    QString workingDir;                  // overrides the image's
    std::optional<uint> hostUid;         // default: this process's uid/gid
    std::optional<uint> hostGid;
    QMap<QString, QString> extraLabels;
    QStringList extraEnv;  // K=V added to the container's environment
    QString containerName; // empty = sagedock-<flavor>-<port>
    bool pullIfMissing = true;
    bool alwaysPull = false;
    int readyTimeoutMs = 120000;
    // Test seam, empty = isPortFree. Between the free-port check and the engine binding the port,
    // another process can take it; the Launcher then retries on "port is already allocated". That
    // race cannot be timed from outside, so integration tests inject a probe that calls a taken
    // port free and so reach the retry path against the real engine.
    PortProbe portProbe;
};

struct LaunchPlan {
    Flavor flavor = Flavor::SageMath;
    bool shell = false;
    QString reason; // why a shell was chosen instead of Jupyter (early stage); empty otherwise
    QString home;   // the image user's home inside the container
    QString workdir;
    QString containerNotebooks; // <home>/notebooks
    QString user;               // "uid:gid" the container runs as: always the host user's
    int containerPort = 8888;
    QString hostAddress; // 127.0.0.1 or 0.0.0.0
    int hostPort = 0;
    engine::CreateSpec spec;
};

// The session's HOME inside the container: its /tmp, which every image has, writable by any uid
// (1777) and the container's alone; never on the host, never shared. It must exist before Sage
// starts (sage-env stops with "HOME directory ... does not exist"), so no fresh subfolder.
inline const QString kSessionHome = QStringLiteral("/tmp");
// HOME and every state directory Sage, Jupyter, IPython, matplotlib and fontconfig write, all
// under kSessionHome, so that any uid can run the session (set explicitly because images may set
// some of them to places under the image user's home).
QStringList sessionStateEnv();

util::Result<Flavor> detectFlavor(const engine::ImageDetails& image);
bool isRootUser(const QString& user); // "", "root", "0", "0:0", "root:root"
// $HOME from the image's env, else /root for root, else /home/<user name>.
QString imageHome(const engine::ImageDetails& image);

// Builds the container spec. `stageHasSage` matters only for stage images (probe of /sage/sage).
util::Result<LaunchPlan> planLaunch(const engine::ImageDetails& image, const LaunchOptions& options,
                                    bool stageHasSage, int hostPort);

} // namespace sagedock::launch
