#pragma once
// Where the Docker (or Podman) engine is: resolved the way the docker CLI does it, so SageDock talks
// to the same daemon as `docker ps` in the same shell.
// Order: explicit SageDock setting (a host URL or a context name), DOCKER_HOST, DOCKER_CONTEXT,
// `currentContext` in $DOCKER_CONFIG/config.json, then the default socket. When nothing is chosen
// and /var/run/docker.sock is missing, the rootless Docker and Podman sockets are tried in turn.
// Usage:
//   auto endpoint = engine::resolveEndpoint(engine::EndpointInputs::fromProcess(settings.engineEndpoint()));
//   if (!endpoint.ok()) report(endpoint.error());

#include "util/error.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>

namespace sagedock::engine {

struct Endpoint {
    enum class Kind { Unix, Tcp, Ssh };
    Kind kind = Kind::Unix;
    QString host;       // as written: unix:///var/run/docker.sock, tcp://h:2376, ssh://u@h
    QString socketPath; // Unix
    QString address;    // Tcp: host name or IP (IPv6 without brackets)
    int port = 0;       // Tcp
    bool tls = false;
    bool tlsVerify = true;
    QString caFile; // PEM files, empty when not used
    QString certFile;
    QString keyFile;
    QString source;      // "setting", "DOCKER_HOST", "DOCKER_CONTEXT", "config.json", "default", "candidate"
    QString contextName; // the docker context used, "default" when none
    bool isPodmanSocket = false; // the path is one of Podman's well-known sockets

    // http(s)://host:port for Tcp, http://localhost for Unix (the name does not matter there).
    QString baseUrl() const;
    QString describe() const; // for people: "unix:///var/run/docker.sock (context default)"
};

// Everything resolution reads from the outside world, so tests can feed tables of it.
struct EndpointInputs {
    QString setting;             // util::Settings::engineEndpoint()
    QHash<QString, QString> env; // DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, DOCKER_TLS_VERIFY, ...
    QString home;                // for ~/.docker
    std::function<bool(const QString& path)> socketExists; // default: QFileInfo::exists

    static EndpointInputs fromProcess(const QString& setting);
    QString dockerConfigDir() const; // $DOCKER_CONFIG or ~/.docker
};

util::Result<Endpoint> resolveEndpoint(const EndpointInputs& inputs);

// True when both reach the same daemon the same way (socket path, or address, port and TLS), however
// they were written or found.
bool sameDaemon(const Endpoint& a, const Endpoint& b);

// Parses a DOCKER_HOST-style URL: unix://path, tcp://host[:port], ssh://[user@]host[:port], or a bare
// absolute socket path. tls selects the default tcp port (2376 instead of 2375).
util::Result<Endpoint> parseHost(const QString& host, bool tls = false);

// The sockets worth trying when nothing is configured, in order: Docker rootful, Docker rootless,
// Podman rootful, Podman rootless.
QStringList candidateSockets(const EndpointInputs& inputs);

// sha256 hex of a context name: the directory name docker uses under contexts/meta and contexts/tls.
QString contextDirectoryName(const QString& contextName);

} // namespace sagedock::engine
