#include "registry/manifestparser.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace sagedock::registry {

namespace {

using util::Error;
using util::ErrorCode;

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::registry)
};

QString str(const QJsonObject& o, const char* key) {
    return o.value(QLatin1String(key)).toString();
}

QMap<QString, QString> stringMap(const QJsonValue& v) {
    QMap<QString, QString> map;
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

QStringList stringList(const QJsonValue& v) {
    QStringList list;
    for (const QJsonValue& item : v.toArray())
        list.append(item.toString());
    return list;
}

Descriptor descriptor(const QJsonObject& o) {
    return Descriptor{str(o, "mediaType"), str(o, "digest"),
                      qint64(o.value(QLatin1String("size")).toDouble()),
                      stringMap(o.value(QLatin1String("annotations")))};
}

bool isIndexType(const QString& t) {
    return t == QLatin1String(kOciIndex) || t == QLatin1String(kDockerList);
}

bool isManifestType(const QString& t) {
    return t == QLatin1String(kOciManifest) || t == QLatin1String(kDockerManifest);
}

bool isAttestation(const PlatformEntry& e) {
    return e.descriptor.annotations.value(QStringLiteral("vnd.docker.reference.type")) ==
               QLatin1String("attestation-manifest") ||
           (e.os == QLatin1String("unknown") && e.architecture == QLatin1String("unknown"));
}

Error invalid(const QString& why) {
    return Error::make(ErrorCode::Protocol, Text::tr("The registry sent an unusable manifest: %1.").arg(why),
                       Text::tr("Check that the image was pushed completely; try again later."));
}

} // namespace

QByteArray manifestAcceptHeader() {
    return QByteArray(kOciIndex) + ", " + kOciManifest + ", " + kDockerList + ", " + kDockerManifest;
}

util::Result<ParsedManifest> parseManifest(const QByteArray& body, const QByteArray& contentType) {
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return invalid(Text::tr("not JSON (%1)").arg(err.errorString()));
    const QJsonObject root = doc.object();
    // Content-Type parameters (charset) are ignored.
    QString headerType = QString::fromLatin1(contentType.split(';').first().trimmed()).toLower();
    if (headerType == QLatin1String("application/json") ||
        headerType == QLatin1String("application/octet-stream") || headerType == QLatin1String("text/plain"))
        headerType.clear();
    const QString bodyType = str(root, "mediaType");
    if (!headerType.isEmpty() && !bodyType.isEmpty() && headerType != bodyType)
        return invalid(Text::tr("Content-Type %1 but the body says %2").arg(headerType, bodyType));
    QString type = headerType.isEmpty() ? bodyType : headerType;
    if (type.isEmpty()) {
        if (root.contains(QLatin1String("manifests")))
            type = QLatin1String(kOciIndex);
        else if (root.contains(QLatin1String("config")) && root.contains(QLatin1String("layers")))
            type = QLatin1String(kOciManifest);
    }
    if (type.startsWith(QLatin1String("application/vnd.docker.distribution.manifest.v1")) ||
        root.value(QLatin1String("schemaVersion")).toInt() == 1)
        return Error::make(ErrorCode::Protocol,
                           Text::tr("The image uses the retired schema 1 manifest format."),
                           Text::tr("Push the image again with a current docker or buildx."));
    ParsedManifest m;
    m.mediaType = type;
    m.annotations = stringMap(root.value(QLatin1String("annotations")));
    if (isIndexType(type)) {
        m.isIndex = true;
        const QJsonValue list = root.value(QLatin1String("manifests"));
        if (!list.isArray())
            return invalid(Text::tr("an index without a manifests list"));
        for (const QJsonValue& v : list.toArray()) {
            const QJsonObject o = v.toObject();
            const QJsonObject p = o.value(QLatin1String("platform")).toObject();
            PlatformEntry e{descriptor(o), str(p, "os"), str(p, "architecture"), str(p, "variant"),
                            str(p, "os.version")};
            if (!isDigest(e.descriptor.digest))
                return invalid(Text::tr("an index entry without a valid digest"));
            if (isAttestation(e))
                ++m.hiddenAttestations;
            else
                m.platforms.append(e);
        }
        return m;
    }
    if (!isManifestType(type))
        return Error::make(ErrorCode::Protocol,
                           Text::tr("The registry sent a manifest of unknown type %1.").arg(type),
                           Text::tr("SageDock reads OCI and Docker v2 images only."));
    const QJsonObject config = root.value(QLatin1String("config")).toObject();
    m.config = descriptor(config);
    if (!isDigest(m.config.digest))
        return invalid(Text::tr("no valid config digest"));
    const QJsonValue layers = root.value(QLatin1String("layers"));
    if (!layers.isArray())
        return invalid(Text::tr("no layers list"));
    for (const QJsonValue& v : layers.toArray()) {
        Descriptor d = descriptor(v.toObject());
        if (!isDigest(d.digest))
            return invalid(Text::tr("a layer without a valid digest"));
        m.layers.append(d);
    }
    return m;
}

std::optional<PlatformEntry> pickPlatform(const QList<PlatformEntry>& platforms, const QString& platform) {
    const QStringList want = platform.split(QLatin1Char('/'));
    if (want.size() < 2)
        return std::nullopt;
    const QString& os = want.at(0);
    const QString& arch = want.at(1);
    const QString variant = want.value(2);
    std::optional<PlatformEntry> loose;
    for (const PlatformEntry& e : platforms) {
        if (e.os != os || e.architecture != arch)
            continue;
        if (variant.isEmpty() || e.variant == variant)
            return e;
        // arm64 images usually say "v8" or nothing: accept the one without a variant as well.
        if (e.variant.isEmpty() && !loose)
            loose = e;
    }
    return loose;
}

util::Result<ImageConfig> parseImageConfig(const QByteArray& body) {
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Error::make(ErrorCode::Protocol,
                           Text::tr("The image configuration is not valid JSON (%1).").arg(err.errorString()),
                           Text::tr("Check that the image was pushed completely."));
    const QJsonObject root = doc.object();
    ImageConfig c;
    c.created = parseRfc3339(str(root, "created"));
    c.architecture = str(root, "architecture");
    c.os = str(root, "os");
    c.variant = str(root, "variant");
    const QJsonObject cfg = root.value(QLatin1String("config")).toObject();
    c.user = str(cfg, "User");
    c.workingDir = str(cfg, "WorkingDir");
    c.entrypoint = stringList(cfg.value(QLatin1String("Entrypoint")));
    c.cmd = stringList(cfg.value(QLatin1String("Cmd")));
    c.exposedPorts = cfg.value(QLatin1String("ExposedPorts")).toObject().keys();
    c.env = stringList(cfg.value(QLatin1String("Env")));
    c.labels = stringMap(cfg.value(QLatin1String("Labels")));
    c.diffIds = stringList(root.value(QLatin1String("rootfs")).toObject().value(QLatin1String("diff_ids")));
    for (const QJsonValue& v : root.value(QLatin1String("history")).toArray()) {
        const QJsonObject h = v.toObject();
        c.history.append(HistoryEntry{parseRfc3339(str(h, "created")), str(h, "created_by"),
                                      str(h, "comment"), h.value(QLatin1String("empty_layer")).toBool()});
    }
    return c;
}

bool isDigest(const QString& text) {
    static const QRegularExpression re(QStringLiteral("^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$"));
    return re.match(text).hasMatch();
}

QString computeDigest(const QByteArray& bytes, const QString& algorithm) {
    const auto algo =
        algorithm == QLatin1String("sha512") ? QCryptographicHash::Sha512 : QCryptographicHash::Sha256;
    return algorithm + QLatin1Char(':') + QString::fromLatin1(QCryptographicHash::hash(bytes, algo).toHex());
}

bool verifyDigest(const QByteArray& bytes, const QString& digest) {
    if (!isDigest(digest))
        return false;
    return computeDigest(bytes, digest.section(QLatin1Char(':'), 0, 0)) == digest;
}

QDateTime parseRfc3339(const QString& text) {
    if (text.isEmpty())
        return {};
    // Qt reads at most milliseconds: cut longer fractions (Go writes nanoseconds).
    static const QRegularExpression frac(QStringLiteral("\\.(\\d{3})\\d+"));
    QString t = text;
    t.replace(frac, QStringLiteral(".\\1"));
    QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(t, Qt::ISODate);
    return dt.isValid() ? dt.toUTC() : QDateTime();
}

} // namespace sagedock::registry
