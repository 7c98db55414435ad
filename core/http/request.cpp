#include "http/request.h"

#include <QHostAddress>

namespace sagedock::http {

void Request::setHeader(const QByteArray& name, const QByteArray& value) {
    headers.removeIf([&](const Header& h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    headers.append({name, value});
}

QByteArray Request::header(const QByteArray& name) const {
    for (const Header& h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

QByteArray Response::header(const QByteArray& name) const {
    QByteArray found;
    for (const Header& h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            found = h.second;
    return found;
}

QList<QByteArray> Response::headerValues(const QByteArray& name) const {
    QList<QByteArray> values;
    for (const Header& h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            values.append(h.second);
    return values;
}

bool isLoopbackHost(const QString& host) {
    QString h = host;
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    if (h.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(h) && address.isLoopback();
}

QString hostPort(const QUrl& url) {
    const QString host =
        url.host().contains(QLatin1Char(':')) ? QLatin1Char('[') + url.host() + QLatin1Char(']') : url.host();
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(host).arg(url.port()) : host;
}

} // namespace sagedock::http
