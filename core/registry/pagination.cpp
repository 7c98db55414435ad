#include "registry/pagination.h"

#include <QCoreApplication>

namespace sagedock::registry {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::registry)
};

// The rel="next" target of one Link header value, or empty.
QByteArray nextTarget(const QByteArray& value) {
    qsizetype pos = 0;
    const qsizetype n = value.size();
    while (pos < n) {
        const qsizetype open = value.indexOf('<', pos);
        if (open < 0)
            return {};
        const qsizetype close = value.indexOf('>', open + 1);
        if (close < 0)
            return {};
        const QByteArray target = value.mid(open + 1, close - open - 1).trimmed();
        // Parameters run to the next comma that is outside quotes.
        pos = close + 1;
        bool quoted = false;
        const qsizetype paramsStart = pos;
        while (pos < n && (quoted || value.at(pos) != ',')) {
            if (value.at(pos) == '"')
                quoted = !quoted;
            ++pos;
        }
        const QByteArray params = value.mid(paramsStart, pos - paramsStart);
        for (const QByteArray& rawParam : params.split(';')) {
            const QByteArray param = rawParam.trimmed();
            const qsizetype eq = param.indexOf('=');
            if (eq < 0 || param.left(eq).trimmed().toLower() != "rel")
                continue;
            QByteArray rel = param.mid(eq + 1).trimmed();
            if (rel.size() >= 2 && rel.startsWith('"') && rel.endsWith('"'))
                rel = rel.mid(1, rel.size() - 2);
            for (const QByteArray& relation : rel.toLower().split(' '))
                if (relation == "next")
                    return target;
        }
        ++pos; // past the comma
    }
    return {};
}

} // namespace

util::Result<QUrl> nextPageUrl(const QList<QByteArray>& linkHeaders, const QUrl& requestUrl) {
    QByteArray target;
    for (const QByteArray& header : linkHeaders) {
        target = nextTarget(header);
        if (!target.isEmpty())
            break;
    }
    if (target.isEmpty())
        return QUrl();
    const QUrl relative = QUrl::fromEncoded(target);
    if (!relative.isValid())
        return util::Error::make(util::ErrorCode::Protocol,
                                 Text::tr("The registry sent an unreadable next-page link: %1")
                                     .arg(QString::fromUtf8(target.left(200))));
    const QUrl next = requestUrl.resolved(relative);
    const auto port = [](const QUrl& u) { return u.port(u.scheme() == QLatin1String("https") ? 443 : 80); };
    if (next.scheme() != requestUrl.scheme() ||
        next.host().compare(requestUrl.host(), Qt::CaseInsensitive) != 0 || port(next) != port(requestUrl))
        return util::Error::make(
            util::ErrorCode::Protocol,
            Text::tr(
                "The registry %1 pointed the next page to another server (%2); SageDock does not follow it.")
                .arg(requestUrl.host(), next.toDisplayString(QUrl::RemoveQuery)),
            Text::tr("Report this to the registry operator; the tags read so far are not used."));
    return next;
}

} // namespace sagedock::registry
