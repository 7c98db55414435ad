#include "registryseed.h"

#include "http/request.h"
#include "testenvironment.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace sagedock::testsupport {

namespace {

using util::Error;
using util::ErrorCode;

QString sha256(const QByteArray& data) {
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

Error failure(const QString& what, const http::Response& r) {
    return Error::make(ErrorCode::HttpStatus, QStringLiteral("%1: HTTP %2 %3 %4")
                                                  .arg(what)
                                                  .arg(r.status)
                                                  .arg(r.error ? r.error.toString() : QString(),
                                                       QString::fromUtf8(r.body.left(300))));
}

QJsonObject descriptor(const QString& mediaType, const QString& digest, qint64 size) {
    return QJsonObject{{QStringLiteral("mediaType"), mediaType},
                       {QStringLiteral("digest"), digest},
                       {QStringLiteral("size"), double(size)}};
}

} // namespace

RegistrySeed::RegistrySeed(QString registryAddress)
    : m_address(std::move(registryAddress)) {}

QStringList RegistrySeed::diffIdsOf(const QList<QByteArray>& layers) {
    QStringList ids;
    for (const QByteArray& l : layers)
        ids.append(sha256(l));
    return ids;
}

QByteArray RegistrySeed::config(const ConfigSpec& spec) {
    QJsonObject cfg;
    if (!spec.user.isEmpty())
        cfg.insert(QStringLiteral("User"), spec.user);
    if (!spec.workingDir.isEmpty())
        cfg.insert(QStringLiteral("WorkingDir"), spec.workingDir);
    if (!spec.entrypoint.isEmpty())
        cfg.insert(QStringLiteral("Entrypoint"), QJsonArray::fromStringList(spec.entrypoint));
    if (!spec.cmd.isEmpty())
        cfg.insert(QStringLiteral("Cmd"), QJsonArray::fromStringList(spec.cmd));
    if (!spec.env.isEmpty())
        cfg.insert(QStringLiteral("Env"), QJsonArray::fromStringList(spec.env));
    if (!spec.exposedPorts.isEmpty()) {
        QJsonObject ports;
        for (const QString& p : spec.exposedPorts)
            ports.insert(p, QJsonObject());
        cfg.insert(QStringLiteral("ExposedPorts"), ports);
    }
    if (!spec.labels.isEmpty()) {
        QJsonObject labels;
        for (auto it = spec.labels.begin(); it != spec.labels.end(); ++it)
            labels.insert(it.key(), it.value());
        cfg.insert(QStringLiteral("Labels"), labels);
    }
    QJsonArray history;
    for (const QString& step : spec.createdBy) {
        QJsonObject h{{QStringLiteral("created"), spec.created}, {QStringLiteral("created_by"), step}};
        if (step.startsWith(QLatin1String("ENV")) || step.startsWith(QLatin1String("LABEL")) ||
            step.startsWith(QLatin1String("WORKDIR")) || step.startsWith(QLatin1String("CMD")) ||
            step.startsWith(QLatin1String("USER")))
            h.insert(QStringLiteral("empty_layer"), true);
        history.append(h);
    }
    QJsonObject root{{QStringLiteral("architecture"), spec.architecture},
                     {QStringLiteral("os"), spec.os},
                     {QStringLiteral("created"), spec.created},
                     {QStringLiteral("config"), cfg},
                     {QStringLiteral("rootfs"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("layers")},
                                  {QStringLiteral("diff_ids"), QJsonArray::fromStringList(spec.diffIds)}}},
                     {QStringLiteral("history"), history}};
    if (!spec.variant.isEmpty())
        root.insert(QStringLiteral("variant"), spec.variant);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

util::Result<QString> RegistrySeed::pushBlob(const QString& repository, const QByteArray& data) {
    const QString digest = sha256(data);
    http::Request head;
    head.method = "HEAD";
    head.url = QUrl(QStringLiteral("http://%1/v2/%2/blobs/%3").arg(m_address, repository, digest));
    ++m_requests;
    if (fetch(head).status == 200)
        return digest;
    http::Request start;
    start.method = "POST";
    start.url = QUrl(QStringLiteral("http://%1/v2/%2/blobs/uploads/").arg(m_address, repository));
    ++m_requests;
    const http::Response started = fetch(start);
    if (started.status != 202)
        return failure(QStringLiteral("starting a blob upload to %1").arg(repository), started);
    QUrl location = start.url.resolved(QUrl::fromEncoded(started.header("Location")));
    QUrlQuery query(location);
    query.addQueryItem(QStringLiteral("digest"), digest);
    location.setQuery(query);
    http::Request put;
    put.method = "PUT";
    put.url = location;
    put.body = data;
    put.setHeader("Content-Type", "application/octet-stream");
    ++m_requests;
    const http::Response done = fetch(put);
    if (done.status != 201)
        return failure(QStringLiteral("uploading a blob to %1").arg(repository), done);
    return digest;
}

util::Result<QString> RegistrySeed::mountBlob(const QString& repository, const QString& digest,
                                              const QString& fromRepository, const QByteArray& data) {
    http::Request mount;
    mount.method = "POST";
    mount.url = QUrl(QStringLiteral("http://%1/v2/%2/blobs/uploads/?mount=%3&from=%4")
                         .arg(m_address, repository, digest, fromRepository));
    ++m_requests;
    if (fetch(mount).status == 201)
        return digest;
    return pushBlob(repository, data);
}

util::Result<QString> RegistrySeed::pushManifest(const QString& repository, const QString& reference,
                                                 const QString& mediaType, const QByteArray& body) {
    http::Request put;
    put.method = "PUT";
    put.url = QUrl(QStringLiteral("http://%1/v2/%2/manifests/%3").arg(m_address, repository, reference));
    put.body = body;
    put.setHeader("Content-Type", mediaType.toLatin1());
    ++m_requests;
    const http::Response r = fetch(put);
    if (r.status != 201)
        return failure(QStringLiteral("pushing manifest %1:%2").arg(repository, reference), r);
    return sha256(body);
}

util::Result<RegistrySeed::Pushed> RegistrySeed::pushImage(const QString& repository, const QString& tag,
                                                           const ImageSpec& spec) {
    Pushed p;
    auto config = pushBlob(repository, spec.config);
    if (!config.ok())
        return config.error();
    p.configDigest = config.value();
    QJsonArray layers;
    const QString layerType = spec.oci ? QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip")
                                       : QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip");
    for (const QByteArray& layer : spec.layers) {
        auto d = pushBlob(repository, layer);
        if (!d.ok())
            return d.error();
        p.layerDigests.append(d.value());
        p.layerBytes += layer.size();
        layers.append(descriptor(layerType, d.value(), layer.size()));
    }
    p.mediaType = spec.oci ? QStringLiteral("application/vnd.oci.image.manifest.v1+json")
                           : QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
    const QString configType = spec.oci ? QStringLiteral("application/vnd.oci.image.config.v1+json")
                                        : QStringLiteral("application/vnd.docker.container.image.v1+json");
    const QJsonObject manifest{
        {QStringLiteral("schemaVersion"), 2},
        {QStringLiteral("mediaType"), p.mediaType},
        {QStringLiteral("config"), descriptor(configType, p.configDigest, spec.config.size())},
        {QStringLiteral("layers"), layers}};
    p.manifest = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
    p.size = p.manifest.size();
    auto pushed = pushManifest(repository, tag.isEmpty() ? sha256(p.manifest) : tag, p.mediaType, p.manifest);
    if (!pushed.ok())
        return pushed.error();
    p.digest = pushed.value();
    return p;
}

util::Result<RegistrySeed::Pushed> RegistrySeed::pushIndex(const QString& repository, const QString& tag,
                                                           const QList<PlatformImage>& images,
                                                           bool attestation, bool oci) {
    QJsonArray manifests;
    for (const PlatformImage& img : images) {
        const QStringList parts = img.platform.split(QLatin1Char('/'));
        QJsonObject platform{{QStringLiteral("os"), parts.value(0)},
                             {QStringLiteral("architecture"), parts.value(1)}};
        if (parts.size() > 2)
            platform.insert(QStringLiteral("variant"), parts.value(2));
        QJsonObject entry = descriptor(img.image.mediaType, img.image.digest, img.image.size);
        entry.insert(QStringLiteral("platform"), platform);
        manifests.append(entry);
    }
    if (attestation && !images.isEmpty()) {
        // Shaped like BuildKit's provenance attestation: an image manifest for unknown/unknown.
        ImageSpec spec;
        spec.config =
            R"({"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers","diff_ids":[]}})";
        spec.layers = {QByteArray(
            R"({"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://slsa.dev/provenance/v0.2"})")};
        auto att = pushImage(repository, QString(), spec);
        if (!att.ok())
            return att.error();
        QJsonObject entry = descriptor(att->mediaType, att->digest, att->size);
        entry.insert(QStringLiteral("platform"),
                     QJsonObject{{QStringLiteral("os"), QStringLiteral("unknown")},
                                 {QStringLiteral("architecture"), QStringLiteral("unknown")}});
        entry.insert(QStringLiteral("annotations"),
                     QJsonObject{{QStringLiteral("vnd.docker.reference.digest"), images.first().image.digest},
                                 {QStringLiteral("vnd.docker.reference.type"),
                                  QStringLiteral("attestation-manifest")}});
        manifests.append(entry);
    }
    Pushed p;
    p.mediaType = oci ? QStringLiteral("application/vnd.oci.image.index.v1+json")
                      : QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json");
    const QJsonObject index{{QStringLiteral("schemaVersion"), 2},
                            {QStringLiteral("mediaType"), p.mediaType},
                            {QStringLiteral("manifests"), manifests}};
    p.manifest = QJsonDocument(index).toJson(QJsonDocument::Compact);
    p.size = p.manifest.size();
    auto pushed = pushManifest(repository, tag.isEmpty() ? sha256(p.manifest) : tag, p.mediaType, p.manifest);
    if (!pushed.ok())
        return pushed.error();
    p.digest = pushed.value();
    return p;
}

Error RegistrySeed::deleteManifest(const QString& repository, const QString& digest) {
    http::Request del;
    del.method = "DELETE";
    del.url = QUrl(QStringLiteral("http://%1/v2/%2/manifests/%3").arg(m_address, repository, digest));
    ++m_requests;
    const http::Response r = fetch(del);
    if (r.status != 202)
        return failure(QStringLiteral("deleting %1@%2").arg(repository, digest), r);
    return {};
}

} // namespace sagedock::testsupport
