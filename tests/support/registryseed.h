#pragma once
// Writes images straight into a registry through the OCI Distribution API (no docker needed):
// blobs (upload or cross-repository mount), image manifests built from a config and layers, indexes
// with platform entries and a BuildKit-style attestation entry. Synchronous: for test set-up and
// benchmark seeding only.
// Usage:
//   testsupport::RegistrySeed seed(registryAddress);
//   auto image = seed.pushImage("sagemath/sage/sage-x-standard-configured", "dev",
//                               {.config = RegistrySeed::config({.user = "sage", .layers = 2}), .layers =
//                               {...}});
//   QVERIFY2(image.ok(), qPrintable(image.error().toString()));

#include "util/error.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

namespace sagedock::testsupport {

class RegistrySeed {
public:
    struct ConfigSpec {
        QString architecture = QStringLiteral("amd64");
        QString os = QStringLiteral("linux");
        QString variant{};
        QString user{};
        QString workingDir{};
        QStringList entrypoint{};
        QStringList cmd{};
        QStringList exposedPorts{}; // "8888/tcp"
        QStringList env{};
        QMap<QString, QString> labels{};
        QStringList diffIds{};   // rootfs.diff_ids
        QStringList createdBy{}; // one history entry per line; lines starting with "ENV"/"LABEL"/"WORKDIR"
                                 // are empty layers
        QString created = QStringLiteral("2026-11-01T10:00:00.123456789Z");
    };
    struct ImageSpec {
        QByteArray config{};        // JSON; see config()
        QList<QByteArray> layers{}; // layer blob contents (any bytes: registries do not unpack them)
        bool oci = true;            // OCI media types, else Docker v2
    };
    struct Pushed {
        QString digest; // of the manifest
        QByteArray manifest;
        QString mediaType;
        QString configDigest;
        QStringList layerDigests;
        qint64 layerBytes = 0;
        qint64 size = 0; // manifest size
    };
    struct PlatformImage {
        QString platform; // "linux/amd64", "linux/arm64/v8"
        Pushed image;
    };

    explicit RegistrySeed(QString registryAddress); // "127.0.0.1:PORT"

    static QByteArray config(const ConfigSpec& spec);
    // diff_ids for `layers` as the config should list them (sha256 of the bytes, as for uncompressed layers).
    static QStringList diffIdsOf(const QList<QByteArray>& layers);

    util::Result<QString> pushBlob(const QString& repository, const QByteArray& data);
    // Cross-repository mount (POST ...?mount=&from=); falls back to an upload when the registry refuses.
    util::Result<QString> mountBlob(const QString& repository, const QString& digest,
                                    const QString& fromRepository, const QByteArray& data);
    util::Result<QString> pushManifest(const QString& repository, const QString& reference,
                                       const QString& mediaType, const QByteArray& body);
    util::Result<Pushed> pushImage(const QString& repository, const QString& tag, const ImageSpec& spec);
    // An index over images already pushed to `repository`; `attestation` adds an unknown/unknown
    // attestation-manifest entry like BuildKit's provenance. Tag empty = push by digest only.
    util::Result<Pushed> pushIndex(const QString& repository, const QString& tag,
                                   const QList<PlatformImage>& images, bool attestation = true,
                                   bool oci = true);
    util::Error deleteManifest(const QString& repository, const QString& digest);

    int requestsSent() const { return m_requests; }

private:
    QString m_address;
    int m_requests = 0;
};

} // namespace sagedock::testsupport
