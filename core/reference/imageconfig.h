#pragma once
// The one image-config type: what an image's config says (OCI image config / `docker image inspect`),
// whether the registry's config blob or the engine's inspect answered. registry::ImageConfig is this
// type; engine::ImageDetails adds what only a local image has (tags, digests, size).
// Usage:
//   const reference::ImageConfig& c = configJob->result();
//   c.envValue(u"SAGE_ROOT"_s);   // "/sage"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace sagedock::reference {

struct ImageHistoryEntry {
    QDateTime created;
    QString createdBy;
    QString comment;
    bool emptyLayer = false;
};

struct ImageConfig {
    QString digest; // of the config blob (= the engine's image ID); empty when not known
    QDateTime created;
    QString architecture;
    QString os;
    QString variant;
    QString user;
    QString workingDir;
    QStringList entrypoint;
    QStringList cmd;
    QStringList exposedPorts; // "8888/tcp"
    QStringList env;          // "KEY=value"
    QMap<QString, QString> labels;
    QStringList diffIds; // rootfs.diff_ids: digests of the uncompressed layers, in order
    QList<ImageHistoryEntry> history;

    // The value of KEY in env ("KEY=value"); empty when unset.
    QString envValue(const QString& name) const;
};

} // namespace sagedock::reference
