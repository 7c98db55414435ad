#include "launch/jupyterurl.h"

#include <QRegularExpression>

namespace sagedock::launch {

bool JupyterUrl::isLoopback() const {
    return host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost") ||
           host == QLatin1String("[::1]");
}

QString JupyterUrl::basePath() const {
    QString p = path.isEmpty() ? QStringLiteral("/") : path;
    for (const char* page : {"lab", "tree"}) {
        const QString suffix = QLatin1Char('/') + QLatin1String(page);
        if (p.endsWith(suffix)) {
            p.chop(suffix.size());
            break;
        }
    }
    if (!p.endsWith(QLatin1Char('/')))
        p += QLatin1Char('/');
    return p;
}

std::optional<JupyterUrl> parseJupyterUrl(const QString& line) {
    // protocols.md E: host may be 127.0.0.1, localhost, [::1] or the container's hostname.
    static const QRegularExpression re(QStringLiteral(
        R"((https?)://(127\.0\.0\.1|localhost|\[::1\]|[^\s/:?]+):(\d+)(/[^\s?]*)?\?token=([0-9a-f]+)\b)"));
    const QRegularExpressionMatch m = re.match(line);
    if (!m.hasMatch())
        return std::nullopt;
    JupyterUrl u;
    u.host = m.captured(2);
    u.port = m.captured(3).toInt();
    u.path = m.captured(4).isEmpty() ? QStringLiteral("/") : m.captured(4);
    u.token = m.captured(5);
    if (u.port <= 0 || u.port > 65535)
        return std::nullopt;
    return u;
}

QUrl hostUrl(const JupyterUrl& url, const QString& hostAddress, int hostPort) {
    QUrl out;
    out.setScheme(QStringLiteral("http"));
    out.setHost(hostAddress);
    out.setPort(hostPort);
    out.setPath(url.path);
    out.setQuery(QStringLiteral("token=") + url.token);
    return out;
}

QUrl apiUrl(const JupyterUrl& url, const QString& hostAddress, int hostPort) {
    QUrl out;
    out.setScheme(QStringLiteral("http"));
    out.setHost(hostAddress);
    out.setPort(hostPort);
    out.setPath(url.basePath() + QStringLiteral("api"));
    return out;
}

bool JupyterUrlScanner::feedLine(const QString& line) {
    auto u = parseJupyterUrl(line);
    if (!u)
        return false;
    if (m_url && (m_url->isLoopback() || !u->isLoopback()))
        return false;
    m_url = u;
    return true;
}

} // namespace sagedock::launch
