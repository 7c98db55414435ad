#include "engine/endpoint.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <nlohmann/json.hpp>

namespace sagedock::engine {

using util::Error;
using util::ErrorCode;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::engine)
};

const QString kDefaultSocket = QStringLiteral("/var/run/docker.sock");

// Context files are written with capitalised keys but docker reads them case-insensitively.
const nlohmann::json* findKey(const nlohmann::json& object, const char* key) {
    if (!object.is_object())
        return nullptr;
    const QString wanted = QString::fromLatin1(key);
    for (auto it = object.begin(); it != object.end(); ++it)
        if (QString::fromStdString(it.key()).compare(wanted, Qt::CaseInsensitive) == 0)
            return &it.value();
    return nullptr;
}

QString stringKey(const nlohmann::json& object, const char* key) {
    const nlohmann::json* v = findKey(object, key);
    return v && v->is_string() ? QString::fromStdString(v->get<std::string>()) : QString();
}

bool boolKey(const nlohmann::json& object, const char* key) {
    const nlohmann::json* v = findKey(object, key);
    return v && v->is_boolean() && v->get<bool>();
}

util::Result<nlohmann::json> readJsonFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorCode::Io, Text::tr("Cannot read %1: %2").arg(path, file.errorString()));
    nlohmann::json doc = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
    if (doc.is_discarded())
        return Error::make(ErrorCode::Parse, Text::tr("%1 is not valid JSON.").arg(path),
                           Text::tr("Fix or remove the file, then try again."));
    return doc;
}

// PEM files of a TLS directory, only those that exist.
void useTlsFiles(Endpoint& e, const QString& dir) {
    const auto pick = [&](const char* name) {
        const QString path = QDir(dir).filePath(QString::fromLatin1(name));
        return QFileInfo::exists(path) ? path : QString();
    };
    e.caFile = pick("ca.pem");
    e.certFile = pick("cert.pem");
    e.keyFile = pick("key.pem");
}

bool isPodmanPath(const QString& path) {
    return path.endsWith(QLatin1String("/podman.sock"));
}

util::Result<Endpoint> fromContext(const EndpointInputs& in, const QString& name, const QString& source) {
    if (name.isEmpty() || name == QLatin1String("default")) {
        auto e = parseHost(QLatin1String("unix://") + kDefaultSocket);
        e.value().source = source;
        e.value().contextName = QStringLiteral("default");
        return e;
    }
    const QString hash = contextDirectoryName(name);
    const QDir contexts(QDir(in.dockerConfigDir()).filePath(QStringLiteral("contexts")));
    const QString metaPath = contexts.filePath(QStringLiteral("meta/%1/meta.json").arg(hash));
    if (!QFileInfo::exists(metaPath))
        return Error::make(
            ErrorCode::NotFound, Text::tr("The docker context \"%1\" does not exist.").arg(name),
            Text::tr("List contexts with `docker context ls`, or choose another one with `docker "
                     "context use NAME` (set by %1).")
                .arg(source));
    auto doc = readJsonFile(metaPath);
    if (!doc.ok())
        return doc.error();
    const nlohmann::json* endpoints = findKey(doc.value(), "Endpoints");
    const nlohmann::json* docker = endpoints ? findKey(*endpoints, "docker") : nullptr;
    const QString host = docker ? stringKey(*docker, "Host") : QString();
    if (host.isEmpty())
        return Error::make(
            ErrorCode::Parse, Text::tr("The docker context \"%1\" has no Docker endpoint.").arg(name),
            Text::tr("Recreate it with `docker context create %1 --docker host=...`.").arg(name));
    const QString tlsDir = contexts.filePath(QStringLiteral("tls/%1/docker").arg(hash));
    const bool hasTls = QFileInfo(tlsDir).isDir();
    auto e = parseHost(host, hasTls);
    if (!e.ok())
        return e;
    Endpoint& ep = e.value();
    ep.source = source;
    ep.contextName = name;
    if (ep.kind == Endpoint::Kind::Tcp) {
        ep.tlsVerify = !boolKey(*docker, "SkipTLSVerify");
        if (hasTls) {
            useTlsFiles(ep, tlsDir);
            ep.tls = true;
        }
    }
    return e;
}

} // namespace

QString Endpoint::baseUrl() const {
    if (kind != Kind::Tcp)
        return QStringLiteral("http://localhost");
    const QString h =
        address.contains(QLatin1Char(':')) ? QLatin1Char('[') + address + QLatin1Char(']') : address;
    return (tls ? QStringLiteral("https://") : QStringLiteral("http://")) + h + QLatin1Char(':') +
           QString::number(port);
}

QString Endpoint::describe() const {
    QString text = host;
    if (!contextName.isEmpty() && contextName != QLatin1String("default"))
        text += Text::tr(" (context %1)").arg(contextName);
    return text;
}

EndpointInputs EndpointInputs::fromProcess(const QString& setting) {
    EndpointInputs in;
    in.setting = setting;
    // Read directly: resolution starts no process, so it needs no process types (processes belong
    // to util::ProcessJob alone).
    for (const char* key : {"DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_TLS_VERIFY",
                            "DOCKER_TLS", "DOCKER_CERT_PATH", "XDG_RUNTIME_DIR"}) {
        if (qEnvironmentVariableIsSet(key))
            in.env.insert(QString::fromLatin1(key), qEnvironmentVariable(key));
    }
    in.home = QDir::homePath();
    return in;
}

QString EndpointInputs::dockerConfigDir() const {
    const QString configured = env.value(QStringLiteral("DOCKER_CONFIG"));
    return configured.isEmpty() ? QDir(home).filePath(QStringLiteral(".docker")) : configured;
}

QString contextDirectoryName(const QString& contextName) {
    return QString::fromLatin1(
        QCryptographicHash::hash(contextName.toUtf8(), QCryptographicHash::Sha256).toHex());
}

util::Result<Endpoint> parseHost(const QString& hostIn, bool tls) {
    const QString host = hostIn.trimmed();
    const auto invalid = [&] {
        return Error::make(ErrorCode::InvalidArgument,
                           Text::tr("\"%1\" is not a Docker engine address.").arg(host),
                           Text::tr("Use unix:///path/to/docker.sock, tcp://host:port or ssh://user@host."));
    };
    Endpoint e;
    if (host.startsWith(QLatin1Char('/'))) {
        e.kind = Endpoint::Kind::Unix;
        e.socketPath = host;
        e.host = QLatin1String("unix://") + host;
        e.isPodmanSocket = isPodmanPath(host);
        return e;
    }
    const qsizetype sep = host.indexOf(QLatin1String("://"));
    if (sep <= 0)
        return invalid();
    const QString scheme = host.left(sep).toLower();
    const QString rest = host.mid(sep + 3);
    e.host = host;
    if (scheme == QLatin1String("unix")) {
        if (!rest.startsWith(QLatin1Char('/')))
            return invalid();
        e.kind = Endpoint::Kind::Unix;
        e.socketPath = rest;
        e.isPodmanSocket = isPodmanPath(rest);
        return e;
    }
    if (scheme == QLatin1String("tcp") || scheme == QLatin1String("http") ||
        scheme == QLatin1String("https")) {
        const QUrl url(QLatin1String("http://") + rest);
        if (!url.isValid() || url.host().isEmpty())
            return invalid();
        e.kind = Endpoint::Kind::Tcp;
        e.tls = tls || scheme == QLatin1String("https");
        e.address = url.host();
        e.port = url.port(e.tls ? 2376 : 2375);
        return e;
    }
    if (scheme == QLatin1String("ssh")) {
        const QUrl url(host);
        if (!url.isValid() || url.host().isEmpty())
            return invalid();
        e.kind = Endpoint::Kind::Ssh;
        e.address = url.host();
        e.port = url.port(22);
        return e;
    }
    return invalid();
}

QStringList candidateSockets(const EndpointInputs& in) {
    QStringList out{kDefaultSocket};
    const QString runtime = in.env.value(QStringLiteral("XDG_RUNTIME_DIR"));
    if (!runtime.isEmpty())
        out << QDir(runtime).filePath(QStringLiteral("docker.sock"));
    out << QStringLiteral("/run/podman/podman.sock");
    if (!runtime.isEmpty())
        out << QDir(runtime).filePath(QStringLiteral("podman/podman.sock"));
    return out;
}

util::Result<Endpoint> resolveEndpoint(const EndpointInputs& in) {
    const QString setting = in.setting.trimmed();
    if (!setting.isEmpty()) {
        if (setting.contains(QLatin1String("://")) || setting.startsWith(QLatin1Char('/'))) {
            auto e = parseHost(setting);
            if (e.ok())
                e.value().source = QStringLiteral("setting");
            return e;
        }
        return fromContext(in, setting, QStringLiteral("setting"));
    }

    const QString dockerHost = in.env.value(QStringLiteral("DOCKER_HOST")).trimmed();
    if (!dockerHost.isEmpty()) {
        const bool verify = !in.env.value(QStringLiteral("DOCKER_TLS_VERIFY")).isEmpty();
        const bool tls = verify || !in.env.value(QStringLiteral("DOCKER_TLS")).isEmpty();
        auto e = parseHost(dockerHost, tls);
        if (!e.ok())
            return e;
        Endpoint& ep = e.value();
        ep.source = QStringLiteral("DOCKER_HOST");
        ep.contextName = QStringLiteral("default");
        if (ep.kind == Endpoint::Kind::Tcp && ep.tls) {
            ep.tlsVerify = verify;
            const QString certPath = in.env.value(QStringLiteral("DOCKER_CERT_PATH"));
            useTlsFiles(ep, certPath.isEmpty() ? in.dockerConfigDir() : certPath);
        }
        return e;
    }

    const QString envContext = in.env.value(QStringLiteral("DOCKER_CONTEXT")).trimmed();
    if (!envContext.isEmpty())
        return fromContext(in, envContext, QStringLiteral("DOCKER_CONTEXT"));

    const QString configPath = QDir(in.dockerConfigDir()).filePath(QStringLiteral("config.json"));
    if (QFileInfo::exists(configPath)) {
        auto doc = readJsonFile(configPath);
        if (!doc.ok())
            return doc.error();
        const QString current = stringKey(doc.value(), "currentContext");
        if (!current.isEmpty() && current != QLatin1String("default"))
            return fromContext(in, current, QStringLiteral("config.json"));
    }

    // Nothing chosen: the default socket, or the first other well-known socket that exists.
    const auto exists =
        in.socketExists ? in.socketExists : [](const QString& p) { return QFileInfo::exists(p); };
    const QStringList candidates = candidateSockets(in);
    QString chosen = kDefaultSocket;
    QString source = QStringLiteral("default");
    if (!exists(kDefaultSocket)) {
        for (const QString& path : candidates) {
            if (exists(path)) {
                chosen = path;
                source = QStringLiteral("candidate");
                break;
            }
        }
    }
    auto e = parseHost(QLatin1String("unix://") + chosen);
    e.value().source = source;
    e.value().contextName = QStringLiteral("default");
    return e;
}

bool sameDaemon(const Endpoint& a, const Endpoint& b) {
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case Endpoint::Kind::Unix:
        return QFileInfo(a.socketPath).absoluteFilePath() == QFileInfo(b.socketPath).absoluteFilePath();
    case Endpoint::Kind::Tcp:
        return a.address == b.address && a.port == b.port && a.tls == b.tls && a.certFile == b.certFile;
    case Endpoint::Kind::Ssh:
        return a.host == b.host;
    }
    return false;
}

} // namespace sagedock::engine
