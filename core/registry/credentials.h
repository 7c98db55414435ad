#pragma once
// Registry credentials the way the docker CLI finds them (protocols.md B4): $DOCKER_CONFIG/config.json
// (or ~/.docker/config.json), then credHelpers[host], else credsStore, else auths[host].auth
// (base64 "user:password", split at the first ':'); DOCKER_AUTH_CONFIG adds inline auths.
// Helpers run as `docker-credential-<name> get` with the server key on stdin and a timeout.
// Secrets are never logged and never appear in error messages.
// Usage:
//   registry::ClientOptions options{.credentials = registry::dockerConfigCredentials()};
//   // or, directly:
//   auto config = registry::DockerConfig::load(registry::DockerConfig::defaultPath());
//   QString helper = config->helperFor(u"ghcr.io"_s);

#include "registry/registryclient.h"
#include "util/error.h"

#include <QByteArray>
#include <QMap>
#include <QObject>
#include <QString>

#include <optional>

class QProcess;
class QTimer;

namespace sagedock::registry {

// The config.json key for a registry host: "https://index.docker.io/v1/" for Docker Hub, else host[:port].
QString credentialKey(const QString& host);
// "https://ghcr.io/v2/" → "ghcr.io" (how the CLI matches old keys written with scheme or path).
QString hostnameOfKey(const QString& key);
// base64 "user:secret" → Credentials; trailing NUL bytes removed.
util::Result<Credentials> decodeAuth(const QByteArray& base64);

struct DockerConfig {
    QMap<QString, QString> auths;          // key → base64 auth (may be empty when identitytoken is set)
    QMap<QString, QString> identityTokens; // key → identitytoken
    QString credsStore;
    QMap<QString, QString> credHelpers; // key → helper suffix

    static QString defaultPath(); // $DOCKER_CONFIG/config.json or ~/.docker/config.json
    // A missing file is an empty config; a broken one is an error naming the file.
    static util::Result<DockerConfig> load(const QString& path);
    static util::Result<DockerConfig> parse(const QByteArray& json);
    // Adds the auths of DOCKER_AUTH_CONFIG ({"auths":{host:{auth}}}); the file's entries win.
    void mergeEnvironment(const QByteArray& json);

    // Helper suffix answering for `host` ("" = use the inline auths).
    QString helperFor(const QString& host) const;
    // The inline entry for `host`, if any (exact key first, then keys reduced to their hostname).
    std::optional<Credentials> inlineCredentials(const QString& host) const;
};

// One `docker-credential-<name> get` run: owns its QProcess, kills it after the timeout.
// finished() is emitted once; a helper that says "credentials not found" yields empty Credentials.
class CredentialHelper final : public QObject {
    Q_OBJECT
public:
    CredentialHelper(QString name, int timeoutMs, QObject* parent = nullptr);
    ~CredentialHelper() override;
    void get(const QString& serverKey);
    void cancel();
    const util::Result<Credentials>& result() const { return m_result; }
    QString program() const; // "docker-credential-<name>"

Q_SIGNALS:
    void finished();

private:
    void done(util::Result<Credentials> result);
    QString m_name;
    int m_timeoutMs;
    QProcess* m_process = nullptr;
    QTimer* m_timer = nullptr;
    util::Result<Credentials> m_result;
    bool m_finished = false;
};

} // namespace sagedock::registry
