#include "registry/credentials.h"

#include "util/log.h"
#include "util/userfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace sagedock::registry {

namespace {

using util::Error;
using util::ErrorCode;

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::registry)
};

const QString kHubKey = QStringLiteral("https://index.docker.io/v1/");

bool isDockerHub(const QString& host) {
    return host == QLatin1String("docker.io") || host == QLatin1String("index.docker.io") ||
           host == QLatin1String("registry-1.docker.io") || host == kHubKey;
}

void readAuths(const QJsonObject& auths, DockerConfig& config, bool overwrite) {
    for (auto it = auths.begin(); it != auths.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        if (!overwrite && (config.auths.contains(it.key()) || config.identityTokens.contains(it.key())))
            continue;
        const QString auth = entry.value(QLatin1String("auth")).toString();
        const QString identity = entry.value(QLatin1String("identitytoken")).toString();
        if (!auth.isEmpty())
            config.auths.insert(it.key(), auth);
        if (!identity.isEmpty())
            config.identityTokens.insert(it.key(), identity);
    }
}

} // namespace

QString credentialKey(const QString& host) {
    return isDockerHub(host) ? kHubKey : host;
}

QString hostnameOfKey(const QString& key) {
    QString h = key;
    if (h.startsWith(QLatin1String("http://")))
        h = h.mid(7);
    else if (h.startsWith(QLatin1String("https://")))
        h = h.mid(8);
    const qsizetype slash = h.indexOf(QLatin1Char('/'));
    return slash >= 0 ? h.left(slash) : h;
}

util::Result<Credentials> decodeAuth(const QByteArray& base64) {
    const auto decoded =
        QByteArray::fromBase64Encoding(base64.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error::make(ErrorCode::Parse, Text::tr("A stored registry login is not valid base64."),
                           Text::tr("Log in again with `docker login`."));
    QByteArray text = *decoded;
    while (text.endsWith('\0'))
        text.chop(1);
    const qsizetype colon = text.indexOf(':');
    if (colon < 0)
        return Error::make(ErrorCode::Parse, Text::tr("A stored registry login has no user name."),
                           Text::tr("Log in again with `docker login`."));
    return Credentials{QString::fromUtf8(text.left(colon)), QString::fromUtf8(text.mid(colon + 1)), false};
}

QString DockerConfig::defaultPath() {
    const QString dir = qEnvironmentVariable("DOCKER_CONFIG");
    if (!dir.isEmpty())
        return QDir(dir).filePath(QStringLiteral("config.json"));
    return QDir::home().filePath(QStringLiteral(".docker/config.json"));
}

namespace {
constexpr qint64 kMaxDockerConfigBytes = 64LL * 1024 * 1024;
} // namespace

util::Result<DockerConfig> DockerConfig::load(const QString& path) {
    if (!QFileInfo::exists(path))
        return DockerConfig{};
    // The user's own file: read whole up to a size no real config reaches (a credential store of
    // thousands of registries is a few MB), and above it say "too large", never a wrong parse error.
    const util::Result<QByteArray> bytes = util::readUserFile(path, kMaxDockerConfigBytes);
    if (!bytes.ok())
        return bytes.error();
    auto parsed = parse(bytes.value());
    if (!parsed.ok())
        return Error::make(parsed.error().code, Text::tr("%1: %2").arg(path, parsed.error().message),
                           parsed.error().hint);
    return parsed;
}

util::Result<DockerConfig> DockerConfig::parse(const QByteArray& json) {
    if (json.trimmed().isEmpty())
        return DockerConfig{};
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Error::make(
            ErrorCode::Parse,
            Text::tr("the docker configuration is not valid JSON (%1).").arg(err.errorString()),
            Text::tr("Fix or remove the file, then run `docker login` again."));
    const QJsonObject root = doc.object();
    DockerConfig config;
    readAuths(root.value(QLatin1String("auths")).toObject(), config, true);
    config.credsStore = root.value(QLatin1String("credsStore")).toString();
    const QJsonObject helpers = root.value(QLatin1String("credHelpers")).toObject();
    for (auto it = helpers.begin(); it != helpers.end(); ++it)
        config.credHelpers.insert(it.key(), it.value().toString());
    return config;
}

void DockerConfig::mergeEnvironment(const QByteArray& json) {
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    readAuths(root.value(QLatin1String("auths")).toObject(), *this, false);
}

QString DockerConfig::helperFor(const QString& host) const {
    const QString key = credentialKey(host);
    for (const QString& candidate : {key, hostnameOfKey(key), host})
        if (const QString h = credHelpers.value(candidate); !h.isEmpty())
            return h;
    if (isDockerHub(host))
        for (const QString& candidate : {QStringLiteral("docker.io"), QStringLiteral("index.docker.io")})
            if (const QString h = credHelpers.value(candidate); !h.isEmpty())
                return h;
    return credsStore;
}

std::optional<Credentials> DockerConfig::inlineCredentials(const QString& host) const {
    const QString key = credentialKey(host);
    auto fromKey = [this](const QString& k) -> std::optional<Credentials> {
        if (const QString identity = identityTokens.value(k); !identity.isEmpty()) {
            Credentials c;
            if (auto decoded = decodeAuth(auths.value(k).toLatin1()); decoded.ok())
                c.username = decoded->username;
            c.secret = identity;
            c.identityToken = true;
            return c;
        }
        if (auths.contains(k)) {
            auto decoded = decodeAuth(auths.value(k).toLatin1());
            if (decoded.ok())
                return decoded.value();
        }
        return std::nullopt;
    };
    if (auto c = fromKey(key))
        return c;
    const QString wanted = hostnameOfKey(key);
    for (auto it = auths.keyBegin(); it != auths.keyEnd(); ++it)
        if (hostnameOfKey(*it) == wanted)
            if (auto c = fromKey(*it))
                return c;
    for (auto it = identityTokens.keyBegin(); it != identityTokens.keyEnd(); ++it)
        if (hostnameOfKey(*it) == wanted)
            if (auto c = fromKey(*it))
                return c;
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
CredentialHelper::CredentialHelper(QString name, QString serverKey, int timeoutMs, QObject* parent)
    : util::ValueJob<Credentials>(parent)
    , m_name(std::move(name))
    , m_serverKey(std::move(serverKey))
    , m_timeoutMs(timeoutMs) {}

// The ProcessJob is a child: deleting it kills the helper's group without waiting.
CredentialHelper::~CredentialHelper() = default;

QString CredentialHelper::program() const {
    return QStringLiteral("docker-credential-") + m_name;
}

void CredentialHelper::doStart() {
    const QString exe = QStandardPaths::findExecutable(program());
    if (exe.isEmpty())
        return fail(Error::make(ErrorCode::Process,
                                Text::tr("The credential helper %1 is not installed.").arg(program()),
                                Text::tr("Install it, or remove it from ~/.docker/config.json.")));
    util::ProcessSpec spec;
    spec.program = exe;
    spec.arguments = {QStringLiteral("get")};
    spec.standardInput = m_serverKey.toUtf8();
    spec.timeoutMs = m_timeoutMs;
    // A helper that ignores SIGINT (waiting on a keyring prompt) is not waited for long.
    spec.killGraceMs = 1000;
    spec.maxCapturedBytes = 1024 * 1024;
    m_process = new util::ProcessJob(std::move(spec), this);
    connect(m_process, &util::Job::finished, this, &CredentialHelper::onProcessFinished);
    m_process->start();
}

bool CredentialHelper::doCancel() {
    if (!m_process || m_process->isFinished())
        return true;
    m_process->cancel(); // its finished(Cancelled) ends us through onProcessFinished()
    return false;
}

void CredentialHelper::onProcessFinished(const util::Error& error) {
    if (error.code == ErrorCode::Timeout)
        return fail(
            Error::make(ErrorCode::Timeout,
                        Text::tr("The credential helper %1 did not answer within %2 s.")
                            .arg(program())
                            .arg(m_timeoutMs / 1000.0),
                        Text::tr("It may be waiting for a keyring unlock; unlock it and try again.")));
    if (error.code == ErrorCode::Cancelled)
        return emitResult(error);
    if (error)
        return fail(Error::make(ErrorCode::Process,
                                Text::tr("Cannot run the credential helper %1.").arg(program()),
                                Text::tr("Check that it is installed and executable.")));
    const util::ProcessResult& run = m_process->result();
    const QByteArray& out = run.standardOutput;
    if (run.crashed || run.exitCode != 0) {
        // On failure the helper prints its error text on stdout (never the secret).
        const QString text = QString::fromUtf8(out).trimmed();
        if (text.contains(QLatin1String("credentials not found"), Qt::CaseInsensitive)) {
            setResult(Credentials{});
            return emitResult();
        }
        return fail(Error::make(ErrorCode::Process,
                                Text::tr("The credential helper %1 failed: %2")
                                    .arg(program(), text.left(160).isEmpty()
                                                        ? Text::tr("exit code %1").arg(run.exitCode)
                                                        : text.left(160)),
                                Text::tr("Run `docker login` again, or check the helper's setup.")));
    }
    const QJsonObject obj = QJsonDocument::fromJson(out).object();
    if (obj.isEmpty())
        return fail(
            Error::make(ErrorCode::Parse,
                        Text::tr("The credential helper %1 gave an unreadable answer.").arg(program())));
    Credentials c;
    c.username = obj.value(QLatin1String("Username")).toString();
    c.secret = obj.value(QLatin1String("Secret")).toString();
    // docker's native store marks identity tokens with this user name.
    if (c.username == QLatin1String("<token>")) {
        c.identityToken = true;
        c.username.clear();
    }
    setResult(std::move(c));
    emitResult();
}

void CredentialHelper::fail(util::Error error) {
    util::logWarning(error.message);
    emitResult(std::move(error));
}

// ---------------------------------------------------------------------------------------------
QStringList dockerCertsRoots() {
    const QString overridden = qEnvironmentVariable("SAGEDOCK_CERTS_D");
    if (!overridden.isEmpty())
        return {overridden};
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty())
        config = QDir::homePath() + QStringLiteral("/.config");
    return {QStringLiteral("/etc/docker/certs.d"), config + QStringLiteral("/docker/certs.d")};
}

CredentialLookup dockerConfigCredentials(int helperTimeoutMs) {
    return [helperTimeoutMs](const QString& host, CredentialCallback done) {
        auto loaded = DockerConfig::load(DockerConfig::defaultPath());
        if (!loaded.ok()) {
            done(loaded.error());
            return;
        }
        DockerConfig config = std::move(loaded).value();
        const QByteArray env = qgetenv("DOCKER_AUTH_CONFIG");
        if (!env.isEmpty())
            config.mergeEnvironment(env);
        const QString helper = config.helperFor(host);
        if (helper.isEmpty()) {
            done(config.inlineCredentials(host).value_or(Credentials{}));
            return;
        }
        auto* run = new CredentialHelper(helper, credentialKey(host), helperTimeoutMs);
        QObject::connect(run, &util::Job::finished, run, [run, done](const util::Error& error) {
            done(error ? util::Result<Credentials>(error) : util::Result<Credentials>(run->result()));
            run->deleteLater();
        });
        run->start();
    };
}

} // namespace sagedock::registry
