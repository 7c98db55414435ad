#include "registry/registryerrors.h"

#include "http/retrypolicy.h"
#include "util/redact.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace sagedock::registry {

namespace {

using util::Error;
using util::ErrorCode;

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::registry)
};

QString shortMessage(const QString& message) {
    QString m = message.simplified();
    if (m.size() > 200)
        m = m.left(197) + QStringLiteral("...");
    return m;
}

// "429 Too Many Requests" style suffix from the registry's own words, when it said any.
QString detail(const RegistryErrorBody& body) {
    return body.message.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(shortMessage(body.message));
}

} // namespace

bool isDockerHub(const QString& host) {
    return host == QLatin1String("docker.io") || host == QLatin1String("index.docker.io") ||
           host == QLatin1String("registry-1.docker.io");
}

RegistryErrorBody parseErrorBody(const QByteArray& body) {
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonArray errors = doc.object().value(QLatin1String("errors")).toArray();
    if (errors.isEmpty())
        return {};
    const QJsonObject first = errors.first().toObject();
    // The message may echo the request (credentials) or carry terminal escapes: server text.
    return {first.value(QLatin1String("code")).toString().toUpper(),
            util::serverText(first.value(QLatin1String("message")).toString())};
}

QString loginCommand(const QString& host) {
    return isDockerHub(host) ? QStringLiteral("docker login") : QStringLiteral("docker login %1").arg(host);
}

Error responseError(const http::Response& response, const ErrorContext& context, const QDateTime& now) {
    if (response.error)
        return response.error;
    const int status = response.status;
    const RegistryErrorBody body = parseErrorBody(response.body);
    const QString repo = context.repository.toString();
    const QString host = context.repository.host;
    const QString ref = context.reference;
    QString code = body.code;
    if (code.isEmpty()) {
        switch (status) {
        case 401:
            code = QStringLiteral("UNAUTHORIZED");
            break;
        case 403:
            code = QStringLiteral("DENIED");
            break;
        case 429:
            code = QStringLiteral("TOOMANYREQUESTS");
            break;
        default:
            break;
        }
    }

    if (code == QLatin1String("NAME_UNKNOWN") || (status == 404 && code.isEmpty() && ref.isEmpty()))
        return Error::make(ErrorCode::NotFound, Text::tr("Repository %1 does not exist.").arg(repo),
                           Text::tr("Check the name: registry host, owner and image name."));
    if (code == QLatin1String("MANIFEST_UNKNOWN") ||
        (status == 404 && code.isEmpty() && !ref.startsWith(QLatin1String("sha256:")) && !ref.isEmpty()))
        return Error::make(ErrorCode::NotFound, Text::tr("%1 has no tag or manifest %2.").arg(repo, ref),
                           Text::tr("Check the tag against the repository's tag list."));
    if (code == QLatin1String("BLOB_UNKNOWN") || (status == 404 && code.isEmpty()))
        return Error::make(
            ErrorCode::NotFound, Text::tr("%1 has no blob or manifest %2.").arg(repo, ref),
            Text::tr("The image may have been deleted or pushed incompletely; push it again."));
    if (code == QLatin1String("UNAUTHORIZED")) {
        if (context.hadCredentials)
            return Error::make(
                ErrorCode::Unauthorized,
                Text::tr("%1 refused the stored credentials for %2.").arg(host, repo),
                Text::tr("Run `%1` again with a valid password or token.").arg(loginCommand(host)));
        QString hint =
            Text::tr("Run `%1` and try again; some registries also answer this way for repositories "
                     "that do not exist.")
                .arg(loginCommand(host));
        if (context.credentialProblem)
            hint = context.credentialProblem.message + QLatin1Char(' ') + hint;
        return Error::make(ErrorCode::Unauthorized, Text::tr("Reading %1 needs a login.").arg(repo), hint);
    }
    if (code == QLatin1String("DENIED"))
        return Error::make(
            ErrorCode::Denied, Text::tr("Access to %1 is denied%2.").arg(repo, detail(body)),
            context.hadCredentials
                ? Text::tr("The account used for %1 may not read this repository.").arg(host)
                : Text::tr("Run `%1` with an account that may read it.").arg(loginCommand(host)));
    if (code == QLatin1String("TOOMANYREQUESTS") || status == 429) {
        QDateTime until;
        if (auto after = http::parseRetryAfter(response.header("Retry-After"), now))
            until = now.addSecs(*after);
        else if (const RateLimit limit = parseRateLimit(response, now); limit.reset.isValid())
            until = limit.reset;
        const QString hint =
            isDockerHub(host)
                ? Text::tr("Wait, or log in (`docker login`): accounts get a higher pull limit.")
                : Text::tr("Wait a while, then try again.");
        if (until.isValid())
            return Error::make(ErrorCode::RateLimited,
                               Text::tr("%1 rate limited the requests until %2.")
                                   .arg(host, until.toLocalTime().toString(QStringLiteral("HH:mm"))),
                               hint);
        return Error::make(ErrorCode::RateLimited,
                           Text::tr("%1 is rate limiting the requests%2.").arg(host, detail(body)), hint);
    }
    if (code == QLatin1String("NAME_INVALID") || code == QLatin1String("TAG_INVALID"))
        return Error::make(
            ErrorCode::InvalidArgument,
            Text::tr("%1 refused the name %2%3.").arg(host, ref.isEmpty() ? repo : ref, detail(body)),
            Text::tr("Check the spelling: lowercase path, tags of letters, digits, '.', '_' and '-'."));
    if (code == QLatin1String("UNSUPPORTED") || status == 405)
        return Error::make(ErrorCode::HttpStatus,
                           Text::tr("%1 does not support this request%2.").arg(host, detail(body)));
    if (code == QLatin1String("MANIFEST_INVALID") || code == QLatin1String("DIGEST_INVALID"))
        return Error::make(
            ErrorCode::Protocol,
            Text::tr("%1 reports an invalid manifest for %2%3.").arg(host, repo, detail(body)));
    if (status >= 500)
        return Error::make(ErrorCode::HttpStatus,
                           Text::tr("%1 answered with HTTP %2%3.").arg(host).arg(status).arg(detail(body)),
                           Text::tr("The registry has a problem; try again later."));
    return Error::make(ErrorCode::HttpStatus,
                       Text::tr("%1 answered with HTTP %2%3.").arg(host).arg(status).arg(detail(body)));
}

RateLimit parseRateLimit(const http::Response& response, const QDateTime& now) {
    RateLimit limit;
    // "100;w=21600": the count before ';', the window in seconds after "w=".
    const auto parse = [](const QByteArray& value, int* count, int* window) {
        if (value.isEmpty())
            return;
        const QList<QByteArray> parts = value.split(';');
        bool ok = false;
        const int n = parts.first().trimmed().toInt(&ok);
        if (ok)
            *count = n;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray p = parts.at(i).trimmed();
            if (p.startsWith("w=")) {
                const int w = p.mid(2).toInt(&ok);
                if (ok && window)
                    *window = w;
            }
        }
    };
    parse(response.header("ratelimit-limit"), &limit.limit, &limit.windowSec);
    parse(response.header("ratelimit-remaining"), &limit.remaining,
          limit.windowSec ? nullptr : &limit.windowSec);
    limit.source = QString::fromLatin1(response.header("docker-ratelimit-source"));
    bool ok = false;
    const qint64 reset = response.header("ratelimit-reset").trimmed().toLongLong(&ok);
    if (ok && reset >= 0)
        // The IETF draft sends seconds until the window resets; some servers send a Unix time.
        limit.reset = reset > 1000000000 ? QDateTime::fromSecsSinceEpoch(reset, Qt::UTC) : now.addSecs(reset);
    if (limit.isValid())
        limit.seenAt = now;
    return limit;
}

bool allowsStaleAnswer(const Error& error) {
    switch (error.code) {
    case ErrorCode::Network:
    case ErrorCode::Timeout:
    case ErrorCode::Tls:
    case ErrorCode::HttpStatus:
    case ErrorCode::TooLarge:
    case ErrorCode::Protocol:
    case ErrorCode::Parse:
    case ErrorCode::RateLimited:
        return true;
    default:
        return false;
    }
}

} // namespace sagedock::registry
