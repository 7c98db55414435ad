#include "engine/errors.h"

#include "util/redact.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

#include <unistd.h>

namespace sagedock::engine {

using util::Error;
using util::ErrorCode;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::engine)
};

QString startHint(const Endpoint& endpoint) {
    if (endpoint.isPodmanSocket)
        return Text::tr(
            "Start Podman's API socket: systemctl --user enable --now podman.socket (or sudo systemctl "
            "enable --now podman.socket for the rootful one).");
    return Text::tr(
        "Start Docker: sudo systemctl start docker (or start Docker Desktop), or choose another engine in "
        "Preferences / with DOCKER_HOST.");
}

} // namespace

QString engineMessage(const QByteArray& body) {
    const nlohmann::json doc = nlohmann::json::parse(body.toStdString(), nullptr, false);
    if (doc.is_object()) {
        for (const char* key : {"message", "cause", "error"}) {
            auto it = doc.find(key);
            if (it != doc.end() && it->is_string())
                return util::serverText(QString::fromStdString(it->get<std::string>()).trimmed());
        }
    }
    // Only the start of a body that is not JSON: it is shown in one sentence.
    return util::serverText(QString::fromUtf8(body.left(4096)).trimmed());
}

Error connectionError(const http::Response& response, const Endpoint& endpoint) {
    if (response.error.code == ErrorCode::Cancelled)
        return response.error;
    if (endpoint.kind == Endpoint::Kind::Unix) {
        const QByteArray path = QFile::encodeName(endpoint.socketPath);
        if (!QFileInfo::exists(endpoint.socketPath))
            return Error::make(ErrorCode::EngineUnavailable,
                               Text::tr("The container engine is not running: there is no socket at %1.")
                                   .arg(endpoint.socketPath),
                               startHint(endpoint));
        // The usual first-day problem: the socket is there but belongs to root:docker.
        if (::access(path.constData(), W_OK) != 0)
            return Error::make(
                ErrorCode::PermissionDenied,
                Text::tr("Permission denied on the engine socket %1.").arg(endpoint.socketPath),
                Text::tr("Add yourself to the docker group: sudo usermod -aG docker $USER, then log in "
                         "again."));
        return Error::make(ErrorCode::EngineUnavailable,
                           Text::tr("The container engine at %1 does not answer (%2).")
                               .arg(endpoint.socketPath, response.error.message),
                           startHint(endpoint));
    }
    if (response.error.code == ErrorCode::Tls)
        return Error::make(
            ErrorCode::Tls,
            Text::tr("The TLS connection to the engine at %1 failed: %2")
                .arg(endpoint.host, response.error.message),
            Text::tr("Check the certificates of the docker context (ca.pem, cert.pem, key.pem) or "
                     "DOCKER_CERT_PATH."));
    return Error::make(
        ErrorCode::EngineUnavailable,
        Text::tr("Cannot reach the container engine at %1 (%2).").arg(endpoint.host, response.error.message),
        Text::tr("Check that the daemon listens there and that DOCKER_HOST or the docker context is "
                 "right."));
}

Error errorFromMessage(int status, const QString& message, const QString& action) {
    // Every caller passes the engine's own words (a body, an in-band stream error): server text.
    const QString m = util::serverText(message);
    static const QRegularExpression portRe(
        QStringLiteral("Bind for ([^ ]+) failed: port is already allocated"));
    if (m.contains(QLatin1String("port is already allocated")) ||
        m.contains(QLatin1String("address already in use"))) {
        const auto match = portRe.match(m);
        const QString where = match.hasMatch() ? match.captured(1) : QString();
        return Error::make(ErrorCode::Conflict,
                           where.isEmpty() ? Text::tr("The host port is already in use.")
                                           : Text::tr("The host port %1 is already in use.").arg(where),
                           Text::tr("Choose another port, or stop what is using it."));
    }
    if (m.contains(QLatin1String("is already in use by container")))
        return Error::make(ErrorCode::Conflict, Text::tr("The container name is already in use: %1").arg(m),
                           Text::tr("Remove the old container (docker rm NAME) or choose another name."));
    if (m.contains(QLatin1String("pull access denied")) ||
        m.contains(QLatin1String("repository does not exist")))
        return Error::make(
            ErrorCode::Denied, Text::tr("The image cannot be pulled: %1").arg(m),
            Text::tr("Check the image name and tag; private images need `docker login REGISTRY`."));
    if (m.startsWith(QLatin1String("No such image")) || m.contains(QLatin1String("manifest unknown")) ||
        (m.contains(QLatin1String("manifest for")) && m.contains(QLatin1String("not found"))))
        return Error::make(ErrorCode::NotFound, Text::tr("The image does not exist: %1").arg(m),
                           Text::tr("Check the name and tag, or pull it first."));
    if (m.startsWith(QLatin1String("No such container")))
        return Error::make(ErrorCode::NotFound, Text::tr("The container no longer exists: %1").arg(m),
                           Text::tr("It was removed; refresh the list of sessions."));
    if (m.contains(QLatin1String("toomanyrequests")) || m.contains(QLatin1String("rate limit")))
        return Error::make(ErrorCode::RateLimited, Text::tr("The registry refused the pull: %1").arg(m),
                           Text::tr("Wait a while or log in (docker login) to get a higher pull limit."));
    // Podman runs --init (which SageDock asks for) with catatonit; distributions ship it as a separate,
    // only recommended package, and tini or dumb-init satisfy that recommendation without helping.
    if (m.contains(QLatin1String("container-init binary not found")))
        return Error::make(
            ErrorCode::Process, Text::tr("Podman cannot run the container's init process: %1").arg(m),
            Text::tr("Install catatonit (Debian, Ubuntu: sudo apt install catatonit) or set init_path "
                     "in containers.conf."));
    if (m.contains(QLatin1String("is too old")) || m.contains(QLatin1String("is too new")))
        return Error::make(ErrorCode::Protocol,
                           Text::tr("The engine does not accept this API version: %1").arg(m),
                           Text::tr("Update Docker or Podman."));
    ErrorCode code = ErrorCode::HttpStatus;
    if (status == 404)
        code = ErrorCode::NotFound;
    else if (status == 409)
        code = ErrorCode::Conflict;
    else if (status == 401)
        code = ErrorCode::Unauthorized;
    else if (status == 403)
        code = ErrorCode::Denied;
    else if (status == 400)
        code = ErrorCode::InvalidArgument;
    const QString what = m.isEmpty() ? Text::tr("HTTP status %1").arg(status) : m;
    return Error::make(code, Text::tr("The engine could not %1: %2").arg(action, what),
                       Text::tr("See the engine's log (journalctl -u docker) for details."));
}

Error errorFromResponse(const http::Response& response, const Endpoint& endpoint, const QString& action) {
    if (response.error)
        return connectionError(response, endpoint);
    return errorFromMessage(response.status, engineMessage(response.body), action);
}

} // namespace sagedock::engine
