#include "registry/credentials.h"

#include "util/log.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTimer>

namespace sagedock::registry {

namespace {

using util::Error;
using util::ErrorCode;

QString tr(const char* text) {
    return QCoreApplication::translate("sagedock::registry", text);
}

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
        return Error::make(ErrorCode::Parse, tr("A stored registry login is not valid base64."),
                           tr("Log in again with `docker login`."));
    QByteArray text = *decoded;
    while (text.endsWith('\0'))
        text.chop(1);
    const qsizetype colon = text.indexOf(':');
    if (colon < 0)
        return Error::make(ErrorCode::Parse, tr("A stored registry login has no user name."),
                           tr("Log in again with `docker login`."));
    return Credentials{QString::fromUtf8(text.left(colon)), QString::fromUtf8(text.mid(colon + 1)), false};
}

QString DockerConfig::defaultPath() {
    const QString dir = qEnvironmentVariable("DOCKER_CONFIG");
    if (!dir.isEmpty())
        return QDir(dir).filePath(QStringLiteral("config.json"));
    return QDir::home().filePath(QStringLiteral(".docker/config.json"));
}

util::Result<DockerConfig> DockerConfig::load(const QString& path) {
    QFile file(path);
    if (!file.exists())
        return DockerConfig{};
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorCode::Io, tr("Cannot read %1: %2").arg(path, file.errorString()),
                           tr("Check the file's permissions."));
    auto parsed = parse(file.read(4 * 1024 * 1024));
    if (!parsed.ok())
        return Error::make(parsed.error().code, tr("%1: %2").arg(path, parsed.error().message),
                           parsed.error().hint);
    return parsed;
}

util::Result<DockerConfig> DockerConfig::parse(const QByteArray& json) {
    if (json.trimmed().isEmpty())
        return DockerConfig{};
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Error::make(ErrorCode::Parse,
                           tr("the docker configuration is not valid JSON (%1).").arg(err.errorString()),
                           tr("Fix or remove the file, then run `docker login` again."));
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
CredentialHelper::CredentialHelper(QString name, int timeoutMs, QObject* parent)
    : QObject(parent)
    , m_name(std::move(name))
    , m_timeoutMs(timeoutMs)
    , m_result(Credentials{}) {}

CredentialHelper::~CredentialHelper() {
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

QString CredentialHelper::program() const {
    return QStringLiteral("docker-credential-") + m_name;
}

void CredentialHelper::get(const QString& serverKey) {
    const QString exe = QStandardPaths::findExecutable(program());
    if (exe.isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                done(Error::make(ErrorCode::Process,
                                 tr("The credential helper %1 is not installed.").arg(program()),
                                 tr("Install it, or remove it from ~/.docker/config.json.")));
            },
            Qt::QueuedConnection);
        return;
    }
    m_process = new QProcess(this);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        m_process->disconnect(this);
        m_process->kill();
        done(Error::make(ErrorCode::Timeout,
                         tr("The credential helper %1 did not answer within %2 s.")
                             .arg(program())
                             .arg(m_timeoutMs / 1000.0),
                         tr("It may be waiting for a keyring unlock; unlock it and try again.")));
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return; // crashes and exits arrive through finished()
        done(Error::make(ErrorCode::Process, tr("Cannot run the credential helper %1.").arg(program()),
                         tr("Check that it is installed and executable.")));
    });
    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        const QByteArray out = m_process->readAllStandardOutput();
        if (status != QProcess::NormalExit || exitCode != 0) {
            // On failure the helper prints its error text on stdout (never the secret).
            const QString text = QString::fromUtf8(out).trimmed();
            if (text.contains(QLatin1String("credentials not found"), Qt::CaseInsensitive)) {
                done(Credentials{});
                return;
            }
            done(Error::make(ErrorCode::Process,
                             tr("The credential helper %1 failed: %2")
                                 .arg(program(), text.left(160).isEmpty() ? tr("exit code %1").arg(exitCode)
                                                                          : text.left(160)),
                             tr("Run `docker login` again, or check the helper's setup.")));
            return;
        }
        const QJsonObject obj = QJsonDocument::fromJson(out).object();
        if (obj.isEmpty()) {
            done(Error::make(ErrorCode::Parse,
                             tr("The credential helper %1 gave an unreadable answer.").arg(program())));
            return;
        }
        Credentials c;
        c.username = obj.value(QLatin1String("Username")).toString();
        c.secret = obj.value(QLatin1String("Secret")).toString();
        // docker's native store marks identity tokens with this user name.
        if (c.username == QLatin1String("<token>")) {
            c.identityToken = true;
            c.username.clear();
        }
        done(c);
    });
    m_process->setProgram(exe);
    m_process->setArguments({QStringLiteral("get")});
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_timer->start(m_timeoutMs);
    m_process->start();
    m_process->write(serverKey.toUtf8());
    m_process->closeWriteChannel();
}

void CredentialHelper::cancel() {
    if (m_finished)
        return;
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
    }
    done(Error::make(ErrorCode::Cancelled, tr("Cancelled.")));
}

void CredentialHelper::done(util::Result<Credentials> result) {
    if (m_finished)
        return;
    m_finished = true;
    if (m_timer)
        m_timer->stop();
    m_result = std::move(result);
    if (!m_result.ok())
        util::logWarning(m_result.error().message);
    Q_EMIT finished();
}

// ---------------------------------------------------------------------------------------------
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
        auto* run = new CredentialHelper(helper, helperTimeoutMs);
        QObject::connect(run, &CredentialHelper::finished, run, [run, done] {
            done(run->result());
            run->deleteLater();
        });
        run->get(credentialKey(host));
    };
}

} // namespace sagedock::registry
