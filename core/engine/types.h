#pragma once
// Plain values the engine client hands out: engine identity, images, containers, the create spec.
// Parsed from the Engine API's JSON with the from*() functions (unit-testable without an engine).
// Usage: engine::ImageDetails d = engine::imageDetailsFromJson(json);

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include "reference/imageconfig.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace sagedock::engine {

struct PingInfo {
    QString apiVersion;        // the daemon's maximum (Api-Version header)
    QString negotiatedVersion; // what this client uses
    bool podman = false;       // Libpod-API-Version present
    QString libpodVersion;
    QString server; // Server header: "Docker/20.10.24 (linux)", "Libpod/5.0.0"
    QString osType;
};

struct EngineInfo {
    QString product; // "Docker" or "Podman"
    QString version;
    QString apiVersion; // negotiated
    QString maxApiVersion;
    QString minApiVersion;
    QString os;
    QString arch;
    QString kernel;
    QString endpoint; // Endpoint::describe()
};

struct ImageSummary {
    QString id;
    QStringList repoTags;
    QStringList repoDigests;
    QDateTime created;
    qint64 size = 0;
    QMap<QString, QString> labels;
};

// A local image: the one image-config type (reference::ImageConfig: user, env, entrypoint, labels,
// diff IDs, ...) plus what only the engine knows.
struct ImageDetails : reference::ImageConfig {
    QString id; // "sha256:…", the same as digest
    QStringList repoTags;
    QStringList repoDigests;
    qint64 size = 0;
};

struct PortBinding {
    int containerPort = 0;
    QString protocol = QStringLiteral("tcp");
    QString hostIp;
    int hostPort = 0;
};

struct ContainerSummary {
    QString id;
    QString name; // without the leading '/'
    QString image;
    QString state; // running, exited, created, ...
    QString status;
    QDateTime created;
    QMap<QString, QString> labels;
    QList<PortBinding> ports;
};

struct MountInfo {
    QString type;
    QString source;
    QString destination;
    bool readWrite = true;
};

struct ContainerDetails {
    QString id;
    QString name;
    QString image; // as asked for (Config.Image)
    QString imageId;
    QString state;
    bool running = false;
    int exitCode = 0;
    QDateTime startedAt;
    QDateTime created;
    bool tty = false;
    QString user;
    QString workingDir;
    QStringList cmd;
    QMap<QString, QString> labels;
    QList<PortBinding> ports; // NetworkSettings.Ports (actual bindings), else HostConfig.PortBindings
    QList<MountInfo> mounts;
};

struct CreateSpec {
    QString name; // optional
    QString image;
    QStringList cmd;
    std::optional<QStringList> entrypoint; // empty list resets the image's entrypoint
    QString workingDir;
    QString user; // "uid[:gid]" or a name; empty = the image's
    QStringList groupAdd;
    QStringList env;
    QMap<QString, QString> labels;
    QList<PortBinding> ports;
    QStringList binds; // "/host:/ctr[:opts]"
    bool tty = false;
    bool autoRemove = false;
    bool init = false; // an init process as PID 1: forwards SIGTERM, reaps zombie kernels
    int stopTimeoutSec = -1;

    nlohmann::json toJson() const;
};

EngineInfo engineInfoFromJson(const nlohmann::json& j);
ImageSummary imageSummaryFromJson(const nlohmann::json& j);
ImageDetails imageDetailsFromJson(const nlohmann::json& j);
ContainerSummary containerSummaryFromJson(const nlohmann::json& j);
// An id the engine gave a container or an image, safe to put in a request path: letters, digits and
// "_.:-" (image ids are "sha256:..."), at most 128 characters, never empty.
bool isEngineId(const QString& id);
ContainerDetails containerDetailsFromJson(const nlohmann::json& j);

} // namespace sagedock::engine
