#include "registryseed.h"

#include "testenvironment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace sagedock::testsupport {

namespace {

QUrl api(const QString& registry, const QString& path) {
    return QUrl(QStringLiteral("http://") + registry + QStringLiteral("/v2/") + path);
}

} // namespace

QString copyImage(const QString& registry, const QString& fromRepo, const QString& fromTag,
                  const QString& toRepo, const QString& toTag, QString* why) {
    http::Request get;
    get.url = api(registry, fromRepo + QStringLiteral("/manifests/") + fromTag);
    get.setHeader("Accept", "application/vnd.docker.distribution.manifest.v2+json, "
                            "application/vnd.oci.image.manifest.v1+json");
    const http::Response m = fetch(get);
    if (m.status != 200) {
        *why = QStringLiteral("GET manifest %1:%2 -> %3 %4")
                   .arg(fromRepo, fromTag)
                   .arg(m.status)
                   .arg(m.error.message);
        return {};
    }
    const QJsonObject doc = QJsonDocument::fromJson(m.body).object();
    QStringList blobs{
        doc.value(QStringLiteral("config")).toObject().value(QStringLiteral("digest")).toString()};
    for (const QJsonValue& l : doc.value(QStringLiteral("layers")).toArray())
        blobs << l.toObject().value(QStringLiteral("digest")).toString();
    for (const QString& blob : blobs) {
        http::Request mount;
        mount.method = "POST";
        mount.url = api(registry, toRepo + QStringLiteral("/blobs/uploads/?mount=") + blob +
                                      QStringLiteral("&from=") + fromRepo);
        const http::Response r = fetch(mount);
        if (r.status != 201) {
            *why = QStringLiteral("mount %1 into %2 -> %3").arg(blob, toRepo).arg(r.status);
            return {};
        }
    }
    http::Request put;
    put.method = "PUT";
    put.url = api(registry, toRepo + QStringLiteral("/manifests/") + toTag);
    put.setHeader("Content-Type", m.header("Content-Type"));
    put.body = m.body;
    const http::Response p = fetch(put);
    if (p.status != 201) {
        *why = QStringLiteral("PUT manifest %1:%2 -> %3 %4")
                   .arg(toRepo, toTag)
                   .arg(p.status)
                   .arg(QString::fromUtf8(p.body));
        return {};
    }
    return QString::fromLatin1(p.header("Docker-Content-Digest"));
}

QStringList localDiffIds(const QString& image) {
    QByteArray out;
    if (runDocker({QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"),
                   QStringLiteral("{{json .RootFS.Layers}}"), image},
                  &out) != 0)
        return {};
    QStringList ids;
    for (const QJsonValue& v : QJsonDocument::fromJson(out.trimmed()).array())
        ids << v.toString();
    return ids;
}

} // namespace sagedock::testsupport
