#pragma once
// Reading what registries serve (protocols.md A4/A5): image manifests and indexes in their four media
// types, the platform pick from an index (attestation entries hidden), image config blobs, digests.
// Usage:
//   auto parsed = registry::parseManifest(body, response.header("Content-Type"));
//   if (parsed->isIndex) auto entry = registry::pickPlatform(parsed->platforms, u"linux/amd64"_s);

#include "registry/registryclient.h"
#include "util/error.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace sagedock::registry {

inline constexpr char kOciIndex[] = "application/vnd.oci.image.index.v1+json";
inline constexpr char kOciManifest[] = "application/vnd.oci.image.manifest.v1+json";
inline constexpr char kDockerList[] = "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr char kDockerManifest[] = "application/vnd.docker.distribution.manifest.v2+json";
// The Accept header every manifest request sends: all four, so registry 2.8 neither hides OCI
// manifests nor quietly swaps an index for its linux/amd64 child.
QByteArray manifestAcceptHeader();

struct ParsedManifest {
    QString mediaType;
    bool isIndex = false;
    QList<PlatformEntry> platforms; // index only, attestations removed
    int hiddenAttestations = 0;
    Descriptor config; // image manifest only
    QList<Descriptor> layers;
    QMap<QString, QString> annotations;
};

// `contentType` wins over the body's mediaType when both are present and they must agree; a body
// without either is recognised by its fields. Schema 1 manifests are refused with a hint.
util::Result<ParsedManifest> parseManifest(const QByteArray& body, const QByteArray& contentType);
// "linux/amd64" or "linux/arm64/v8"; a wanted platform without variant accepts any variant.
std::optional<PlatformEntry> pickPlatform(const QList<PlatformEntry>& platforms, const QString& platform);
util::Result<ImageConfig> parseImageConfig(const QByteArray& body);

// Digests: "sha256:<64 hex>" or "sha512:<128 hex>".
bool isDigest(const QString& text);
QString computeDigest(const QByteArray& bytes, const QString& algorithm = QStringLiteral("sha256"));
// True when `bytes` hash to `digest` (sha256 and sha512 are checked; other algorithms are not trusted).
bool verifyDigest(const QByteArray& bytes, const QString& digest);
// RFC 3339 with any number of fractional digits ("2024-05-01T10:20:30.123456789Z").
QDateTime parseRfc3339(const QString& text);

} // namespace sagedock::registry
