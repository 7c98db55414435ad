#include "registrytwin.h"

#include "reference/catalog.h"
#include "testenvironment.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace sagedock::testsupport {

namespace {

// Debian's interpreter: it has python3-jwt and python3-cryptography (an earlier python3 on PATH may not).
const QString kPython = QStringLiteral("/usr/bin/python3");

QString twinScript() {
    return sourceDir() + QStringLiteral("/tests/fixtures/registrytwin/twin.py");
}

QByteArray layerBytes(const QString& what) {
    // Registries never unpack layers: distinct bytes per stage are enough to make distinct blobs.
    return QStringLiteral("registry twin layer: %1\n").arg(what).toUtf8().repeated(16);
}

// Sage-like release tags, oldest first: 9.0.beta1 … 9.0.rc1 … 9.0, 9.1.beta1 …
QStringList sageLikeTags(int count) {
    QStringList tags;
    for (int major = 9; tags.size() < count; ++major) {
        for (int minor = 0; minor < 10 && tags.size() < count; ++minor) {
            const QString version = QStringLiteral("%1.%2").arg(major).arg(minor);
            for (int beta = 1; beta <= 10 && tags.size() < count; ++beta)
                tags << QStringLiteral("%1.beta%2").arg(version).arg(beta);
            for (int rc = 1; rc <= 4 && tags.size() < count; ++rc)
                tags << QStringLiteral("%1.rc%2").arg(version).arg(rc);
            if (tags.size() < count)
                tags << version;
        }
    }
    return tags;
}

} // namespace

RegistryTwin::RegistryTwin()
    : RegistryTwin(Options{}) {}

RegistryTwin::RegistryTwin(Options options)
    : m_options(std::move(options)) {}

RegistryTwin::~RegistryTwin() {
    for (const QString& folder : std::as_const(m_dockerTrust))
        QDir(folder).removeRecursively();
    if (m_createdCertsD)
        QDir().rmdir(QStringLiteral("/etc/docker/certs.d")); // only if empty: other hosts' trust stays
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate(); // twin.py stops its own children on SIGTERM
        if (!m_process->waitForFinished(10000))
            m_process->kill();
        m_process->waitForFinished(2000);
    }
}

bool RegistryTwin::start(QString* why) {
    if (!QFileInfo::exists(kPython) ||
        QStandardPaths::findExecutable(QStringLiteral("docker-registry")).isEmpty() ||
        QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
        *why = QStringLiteral("The registry twin needs /usr/bin/python3 (python3-jwt, python3-cryptography), "
                              "docker-registry and openssl: apt-get install them (packaging/deps-test.txt; "
                              "scripts/test does).");
        return false;
    }
    QStringList args{twinScript(),
                     QStringLiteral("up"),
                     QStringLiteral("--dir"),
                     m_dir.path(),
                     QStringLiteral("--latency-ms"),
                     QString::number(m_options.latencyMs),
                     QStringLiteral("--token-lifetime"),
                     QString::number(m_options.tokenLifetimeS),
                     QStringLiteral("--hub-page-size"),
                     QString::number(m_options.hubPageSize),
                     QStringLiteral("--watch-stdin")};
    for (auto it = m_options.users.cbegin(); it != m_options.users.cend(); ++it)
        args << QStringLiteral("--user") << it.key() + QLatin1Char(':') + it.value();
    if (!m_options.anonymousPull)
        args << QStringLiteral("--no-anonymous");
    m_process = std::make_unique<QProcess>();
    // The twin's log lines land in the test's output; its stdin stays open so that it stops by itself
    // (--watch-stdin) if this test process dies without running the destructor.
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->start(kPython, args);
    if (!m_process->waitForStarted(10000)) {
        *why = QStringLiteral("the registry twin did not start: %1").arg(m_process->errorString());
        return false;
    }
    const QString ready = m_dir.filePath(QStringLiteral("twin.json"));
    QDeadlineTimer deadline(60000);
    while (!QFileInfo::exists(ready)) {
        if (deadline.hasExpired() || m_process->state() == QProcess::NotRunning) {
            *why = QStringLiteral("the registry twin (%1) did not come up within 60 s; its logs are in %2")
                       .arg(twinScript(), m_dir.path());
            m_dir.setAutoRemove(false);
            return false;
        }
        m_process->waitForFinished(100); // start-up poll of a child process; not a test synchronisation
    }
    QFile file(ready);
    if (!file.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("cannot read %1").arg(ready);
        return false;
    }
    const QJsonObject doc = QJsonDocument::fromJson(file.readAll()).object();
    for (auto it = doc.begin(); it != doc.end(); ++it)
        m_endpoints.insert(it.key(),
                           it.value().isString() ? it.value().toString() : it.value().toVariant().toString());
    return true;
}

bool RegistryTwin::writeKnob(const QString& key, const QString& value) {
    QSaveFile file(m_endpoints.value(key));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(value.toUtf8());
    return file.commit(); // atomic: the twin never reads half a value
}

bool RegistryTwin::setIssuerFault(IssuerFault fault) {
    static const QMap<IssuerFault, QString> names{{IssuerFault::None, QString()},
                                                  {IssuerFault::Http500, QStringLiteral("500")},
                                                  {IssuerFault::MalformedJson, QStringLiteral("malformed")},
                                                  {IssuerFault::NoScope, QStringLiteral("noscope")},
                                                  {IssuerFault::Expired, QStringLiteral("expired")},
                                                  {IssuerFault::WrongSignature, QStringLiteral("badsig")}};
    return writeKnob(QStringLiteral("issuerFaultFile"), names.value(fault));
}

bool RegistryTwin::setLatencyMs(int perDirection) {
    return writeKnob(QStringLiteral("latencyFile"), QString::number(perDirection));
}

bool RegistryTwin::setTokenValidSeconds(int seconds) {
    return writeKnob(QStringLiteral("tokenValidFile"), seconds > 0 ? QString::number(seconds) : QString());
}

bool RegistryTwin::setDropAfterBytes(int bytes) {
    return writeKnob(QStringLiteral("dropAfterFile"), bytes > 0 ? QString::number(bytes) : QString());
}

int RegistryTwin::tokensIssued() const {
    QFile file(m_endpoints.value(QStringLiteral("tokensIssuedFile")));
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toInt() : 0;
}

int RegistryTwin::connectionsAccepted(const QString& address) const {
    QFile file(m_dir.filePath(QStringLiteral("connections.json")));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(address.section(QLatin1Char(':'), -1))
        .toInt();
}

bool RegistryTwin::trustInDocker(QString* why) {
    m_createdCertsD = m_createdCertsD || !QFileInfo::exists(QStringLiteral("/etc/docker/certs.d"));
    for (const QString& address : {registry(), registryProxied(), hub(), hubProxied()}) {
        const QString folder = QStringLiteral("/etc/docker/certs.d/") + address;
        if (!QDir().mkpath(folder) || !QFile::copy(caFile(), folder + QStringLiteral("/ca.crt"))) {
            *why = QStringLiteral("cannot write %1/ca.crt (the Docker trust for the twin needs root)")
                       .arg(folder);
            return false;
        }
        m_dockerTrust << folder;
    }
    return true;
}

util::Result<QMap<QString, QString>> RegistryTwin::seedStageChain(const QString& prefix,
                                                                  const QString& system, const QString& tag) {
    RegistrySeed seed = seeder();
    QMap<QString, QString> digests;
    QList<QByteArray> layers;
    QStringList history;
    for (const QString& stage : reference::Catalog::bundled().publishedStages()) {
        layers << layerBytes(system + QLatin1Char('/') + stage);
        history << QStringLiteral("RUN make %1").arg(stage);
        RegistrySeed::ImageSpec spec;
        spec.layers = layers;
        spec.config = RegistrySeed::config({.user = QStringLiteral("sage"),
                                            .workingDir = QStringLiteral("/sage"),
                                            .labels = {{QStringLiteral("org.sagedock.twin.stage"), stage}},
                                            .diffIds = RegistrySeed::diffIdsOf(layers),
                                            .createdBy = history});
        const QString repository = QStringLiteral("%1/sage-%2-standard-%3").arg(prefix, system, stage);
        auto pushed = seed.pushImage(repository, tag, spec);
        if (!pushed.ok())
            return pushed.error();
        digests.insert(stage, pushed->digest);
    }
    return digests;
}

util::Result<RegistrySeed::Pushed> RegistryTwin::seedIndex(const QString& repository, const QString& tag) {
    RegistrySeed seed = seeder();
    QList<RegistrySeed::PlatformImage> images;
    for (const QString& platform : {QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8")}) {
        const QStringList parts = platform.split(QLatin1Char('/'));
        const QList<QByteArray> layers{layerBytes(repository + QLatin1Char(' ') + platform)};
        RegistrySeed::ImageSpec spec;
        spec.layers = layers;
        spec.config = RegistrySeed::config({.architecture = parts.at(1),
                                            .os = parts.at(0),
                                            .variant = parts.value(2),
                                            .user = QStringLiteral("sage"),
                                            .diffIds = RegistrySeed::diffIdsOf(layers),
                                            .createdBy = {QStringLiteral("RUN make build")}});
        auto pushed = seed.pushImage(repository, QString(), spec);
        if (!pushed.ok())
            return pushed.error();
        images << RegistrySeed::PlatformImage{platform, pushed.value()};
    }
    return seed.pushIndex(repository, tag, images);
}

util::Result<QStringList> RegistryTwin::seedHubTags(int count) {
    const QString repository = QStringLiteral("sagemath/sagemath");
    RegistrySeed seed = seeder();
    const QList<QByteArray> layers{layerBytes(repository)};
    RegistrySeed::ImageSpec spec;
    spec.layers = layers;
    spec.config = RegistrySeed::config({.user = QStringLiteral("sage"),
                                        .diffIds = RegistrySeed::diffIdsOf(layers),
                                        .createdBy = {QStringLiteral("RUN make")}});
    const QStringList tags = sageLikeTags(count);
    auto image = seed.pushImage(repository, tags.constLast(), spec);
    if (!image.ok())
        return image.error();
    for (const QString& tag : tags) {
        auto pushed = seed.pushManifest(repository, tag, image->mediaType, image->manifest);
        if (!pushed.ok())
            return pushed.error();
    }
    return tags;
}

} // namespace sagedock::testsupport
