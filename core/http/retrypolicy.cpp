#include "http/retrypolicy.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace sagedock::http {

bool isRetryableStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
}

std::optional<qint64> parseRetryAfter(const QByteArray& value, const QDateTime& now) {
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional<qint64>(seconds);
    // IMF-fixdate: "Wed, 21 Oct 2015 07:28:00 GMT" (RFC 9110 §5.6.7).
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(trimmed),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        when = QDateTime::fromString(QString::fromLatin1(trimmed), Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    return std::max<qint64>(0, now.secsTo(when));
}

qint64 backoffDelayMs(const RetryPolicy& policy, int attempt, double random01) {
    const double cap =
        std::min<double>(policy.maxDelayMs, policy.baseDelayMs * std::pow(2.0, std::max(0, attempt - 1)));
    // Full jitter keeps a burst of clients from retrying in lock-step; never less than 10% of the cap.
    return qint64(cap * (0.1 + 0.9 * std::clamp(random01, 0.0, 1.0)));
}

} // namespace sagedock::http
