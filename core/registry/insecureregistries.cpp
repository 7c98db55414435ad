#include "registry/insecureregistries.h"

#include "http/request.h"
#include "util/log.h"
#include "util/userfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sagedock::registry {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::registry)
};

// daemon.json is a few hundred bytes; the cap only guards against a wrong file.
constexpr qint64 kMaxDaemonJsonBytes = 1024 * 1024;

// "host", "host:port", "[v6]:port", "v6" -> host without brackets, port ("" when none).
std::pair<QString, QString> split(const QString& hostPort) {
    if (hostPort.startsWith(QLatin1Char('['))) {
        const qsizetype end = hostPort.indexOf(QLatin1Char(']'));
        if (end < 0)
            return {hostPort, QString()};
        const QString rest = hostPort.mid(end + 1);
        return {hostPort.mid(1, end - 1), rest.startsWith(QLatin1Char(':')) ? rest.mid(1) : QString()};
    }
    if (hostPort.count(QLatin1Char(':')) > 1) // a bare IPv6 address
        return {hostPort, QString()};
    const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':'));
    return colon > 0 ? std::pair{hostPort.left(colon), hostPort.mid(colon + 1)}
                     : std::pair{hostPort, QString()};
}

QString normalized(QString entry) {
    entry = entry.trimmed();
    for (const QLatin1String scheme : {QLatin1String("http://"), QLatin1String("https://")})
        if (entry.startsWith(scheme, Qt::CaseInsensitive))
            entry = entry.mid(scheme.size());
    while (entry.endsWith(QLatin1Char('/'))) // "host:5000/"; a CIDR never ends in '/'
        entry.chop(1);
    return entry;
}

} // namespace

bool isInsecureRegistry(const QStringList& entries, const QString& hostPort) {
    const auto [host, port] = split(hostPort);
    if (http::isLoopbackHost(host))
        return true;
    QHostAddress address;
    const bool isIp = address.setAddress(host);
    for (const QString& raw : entries) {
        const QString entry = normalized(raw);
        if (entry.isEmpty())
            continue;
        if (entry.contains(QLatin1Char('/'))) { // CIDR
            const auto subnet = QHostAddress::parseSubnet(entry);
            if (isIp && subnet.second >= 0 && !subnet.first.isNull() && address.isInSubnet(subnet))
                return true;
            continue;
        }
        const auto [entryHost, entryPort] = split(entry);
        if (entryHost.compare(host, Qt::CaseInsensitive) != 0) {
            // The same IP address written differently (::1 vs 0:0:0:0:0:0:0:1).
            QHostAddress entryAddress;
            if (!isIp || !entryAddress.setAddress(entryHost) || !entryAddress.isEqual(address))
                continue;
        }
        if (entryPort.isEmpty() || entryPort == port)
            return true;
    }
    return false;
}

util::Result<QStringList> insecureRegistriesFromDaemonJson(const QByteArray& json) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return util::Error::make(util::ErrorCode::InvalidArgument,
                                 Text::tr("daemon.json is not a JSON object (%1).").arg(error.errorString()),
                                 Text::tr("dockerd refuses such a file too; fix it and restart dockerd."));
    QStringList entries;
    for (const QJsonValue& v : doc.object().value(QLatin1String("insecure-registries")).toArray())
        if (const QString entry = normalized(v.toString()); !entry.isEmpty())
            entries.append(entry);
    return entries;
}

QStringList dockerDaemonJsonPaths() {
    const QString overridden = qEnvironmentVariable("SAGEDOCK_DAEMON_JSON");
    if (!overridden.isEmpty())
        return {overridden};
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty())
        config = QDir::homePath() + QStringLiteral("/.config");
    return {QStringLiteral("/etc/docker/daemon.json"), config + QStringLiteral("/docker/daemon.json")};
}

QStringList readDaemonInsecureRegistries(const QStringList& paths) {
    QStringList entries;
    for (const QString& path : paths) {
        auto text = util::readUserFile(path, kMaxDaemonJsonBytes);
        if (!text.ok()) {
            if (text.error().code != util::ErrorCode::NotFound)
                util::logWarning(QStringLiteral("%1 skipped: %2").arg(path, text.error().toString()));
            continue;
        }
        auto parsed = insecureRegistriesFromDaemonJson(text.value());
        if (!parsed.ok()) {
            util::logWarning(QStringLiteral("%1 skipped: %2").arg(path, parsed.error().toString()));
            continue;
        }
        entries += parsed.value();
    }
    return entries;
}

} // namespace sagedock::registry
