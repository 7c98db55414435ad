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
#include "util/processjob.h"

#include <QByteArray>
#include <QMap>
#include <QObject>
#include <QString>

#include <optional>

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

// One `docker-credential-<name> get` run, as a job over a util::ProcessJob (the server key on stdin,
// stopped after the timeout). A helper that says "credentials not found" yields empty Credentials;
// a missing, failing, hanging or garbling helper is the job's error (and logged, never the secret).
// Usage:
//   auto* run = new CredentialHelper(QStringLiteral("secretservice"), QStringLiteral("ghcr.io"), 10000);
//   connect(run, &util::Job::finished, this, [run](const util::Error& e) { ...; run->deleteLater(); });
//   run->start();
class CredentialHelper final : public util::ValueJob<Credentials> {
    Q_OBJECT
public:
    CredentialHelper(QString name, QString serverKey, int timeoutMs, QObject* parent = nullptr);
    ~CredentialHelper() override;
    QString program() const; // "docker-credential-<name>"

protected:
    void doStart() override;
    bool doCancel() override;

private:
    void onProcessFinished(const util::Error& error);
    void fail(util::Error error);

    QString m_name;
    QString m_serverKey;
    int m_timeoutMs;
    util::ProcessJob* m_process = nullptr;
};

} // namespace sagedock::registry
