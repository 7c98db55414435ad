#include "imagebuild/clicapabilities.h"

#include "util/atomicfile.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/processjob.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace sagedock::imagebuild {

namespace {
constexpr int kProbeTimeoutMs = 15000;

constexpr qint64 kCacheMaxAgeSec = 24 * 3600;

int majorOf(const QString& version) {
    return version.section(QLatin1Char('.'), 0, 0).toInt();
}

QString fileStamp(const QFileInfo& fi) {
    return fi.exists() ? QStringLiteral("%1:%2:%3")
                             .arg(fi.canonicalFilePath())
                             .arg(fi.size())
                             .arg(fi.lastModified().toMSecsSinceEpoch())
                       : QString();
}

// What decides a CLI's answers: the binary itself and the buildx plugins it would load (the docker
// CLI's plugin directories, including the user's). An upgrade or a new plugin changes the stamp.
QString fingerprint(const QString& program) {
    QStringList parts{fileStamp(QFileInfo(program))};
    const QString dockerConfig =
        qEnvironmentVariable("DOCKER_CONFIG", QDir::homePath() + QStringLiteral("/.docker"));
    const QStringList pluginDirs{QString(dockerConfig + QStringLiteral("/cli-plugins")),
                                 QStringLiteral("/usr/local/lib/docker/cli-plugins"),
                                 QStringLiteral("/usr/local/libexec/docker/cli-plugins"),
                                 QStringLiteral("/usr/lib/docker/cli-plugins"),
                                 QStringLiteral("/usr/libexec/docker/cli-plugins")};
    for (const QString& dir : pluginDirs)
        parts << fileStamp(QFileInfo(dir + QStringLiteral("/docker-buildx")));
    parts << fileStamp(QFileInfo(dockerConfig + QStringLiteral("/config.json"))); // cliPluginsExtraDirs
    return parts.join(QLatin1Char('|'));
}

QJsonObject readCache(const QString& path) {
    if (path.isEmpty())
        return {};
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.read(1024 * 1024)).object();
}
} // namespace

QString builderModeName(BuilderMode mode) {
    switch (mode) {
    case BuilderMode::Legacy:
        return QStringLiteral("legacy");
    case BuilderMode::BuildKit:
        return QStringLiteral("buildkit");
    case BuilderMode::Buildx:
        return QStringLiteral("buildx");
    }
    return {};
}

std::optional<BuilderMode> builderModeFromName(const QString& name) {
    for (BuilderMode m : {BuilderMode::Legacy, BuilderMode::BuildKit, BuilderMode::Buildx})
        if (builderModeName(m) == name)
            return m;
    return std::nullopt;
}

struct CliProbe::Candidate {
    QString program;
    QString clientVersion;
    QString buildxVersion;
    QString fingerprint;
    bool fromCache = false;
    std::unique_ptr<util::ProcessJob> version; // deleting a running one kills it without waiting
    std::unique_ptr<util::ProcessJob> buildx;
};

CliProbe::CliProbe(QObject* parent)
    : util::ValueJob<CliCapabilities>(parent)
    , m_cacheFile(QDir(util::cacheDirectory()).filePath(QStringLiteral("docker-cli-probe.json"))) {}

CliProbe::~CliProbe() = default;

QStringList CliProbe::defaultCandidates() {
    QStringList out;
    QSet<QString> seen;
    QStringList dirs = qEnvironmentVariable("PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts);
    dirs << QStringLiteral("/usr/bin") << QStringLiteral("/usr/local/bin");
    for (const QString& d : dirs) {
        const QFileInfo fi(QDir(d).filePath(QStringLiteral("docker")));
        if (!fi.isFile() || !fi.isExecutable())
            continue;
        const QString canonical = fi.canonicalFilePath();
        if (seen.contains(canonical))
            continue;
        seen.insert(canonical);
        out << fi.absoluteFilePath();
    }
    return out;
}

void CliProbe::setCandidates(const QStringList& programs) {
    m_programs = programs;
}

void CliProbe::setRequiredMode(std::optional<BuilderMode> mode) {
    m_required = mode;
}

void CliProbe::setCacheFile(const QString& path) {
    m_cacheFile = path;
}

void CliProbe::rememberAnswers() const {
    if (m_cacheFile.isEmpty())
        return;
    QJsonObject all = readCache(m_cacheFile);
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    bool changed = false;
    for (const auto& c : m_candidates) {
        if (c->fromCache || c->clientVersion.isEmpty())
            continue; // a CLI that did not answer is asked again next time
        all.insert(c->program, QJsonObject{{QStringLiteral("fingerprint"), c->fingerprint},
                                           {QStringLiteral("client"), c->clientVersion},
                                           {QStringLiteral("buildx"), c->buildxVersion},
                                           {QStringLiteral("probed"), now}});
        changed = true;
    }
    if (!changed)
        return;
    // A cache: a lost write only means one more probe, so no fsync on the build's critical path.
    QDir().mkpath(QFileInfo(m_cacheFile).absolutePath());
    if (auto e = util::writeFileAtomically(m_cacheFile, QJsonDocument(all).toJson(QJsonDocument::Compact),
                                           util::Durability::Unsynced))
        util::logWarning(QStringLiteral("docker CLI probe cache: %1").arg(e.toString()));
}

void CliProbe::doStart() {
    if (m_programs.isEmpty())
        m_programs = defaultCandidates();
    if (m_programs.isEmpty()) {
        emitResult(util::Error::make(util::ErrorCode::NotFound, tr("No docker command found on PATH."),
                                     tr("Install the docker CLI (apt-get install docker.io).")));
        return;
    }
    const QJsonObject cache = readCache(m_cacheFile);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_cachedAnswers = 0;
    // Both questions to every candidate at once: the probe costs one process round trip, not six.
    for (const QString& program : m_programs) {
        auto c = std::make_shared<Candidate>();
        c->program = program;
        c->fingerprint = fingerprint(program);
        m_candidates << c;
        const QJsonObject known = cache.value(program).toObject();
        const QDateTime probed =
            QDateTime::fromString(known.value(QStringLiteral("probed")).toString(), Qt::ISODate);
        if (!c->fingerprint.startsWith(QLatin1Char('|')) &&
            known.value(QStringLiteral("fingerprint")).toString() == c->fingerprint && probed.isValid() &&
            probed.secsTo(now) >= 0 && probed.secsTo(now) < kCacheMaxAgeSec) {
            c->clientVersion = known.value(QStringLiteral("client")).toString();
            c->buildxVersion = known.value(QStringLiteral("buildx")).toString();
            c->fromCache = true;
            ++m_cachedAnswers;
            continue;
        }
        auto launch = [this](std::unique_ptr<util::ProcessJob>& slot, const QString& program,
                             const QStringList& args, QString* result) {
            util::ProcessSpec spec;
            spec.program = program;
            spec.arguments = args;
            spec.timeoutMs = kProbeTimeoutMs;
            spec.killGraceMs = 1000;
            slot = std::make_unique<util::ProcessJob>(spec);
            util::ProcessJob* p = slot.get();
            connect(p, &util::Job::finished, this, [this, p, result](const util::Error& e) {
                if (!e && p->result().exitCode == 0) {
                    // "Docker version 28.2.2, build e6534b4" / "github.com/docker/buildx v0.12.1 ..."
                    static const QRegularExpression rx(QStringLiteral("v?(\\d+\\.\\d+\\.\\d+[^\\s,]*)"));
                    const auto m = rx.match(QString::fromUtf8(p->result().standardOutput));
                    if (m.hasMatch())
                        *result = m.captured(1);
                }
                --m_pending;
                checkDone();
            });
            ++m_pending;
            p->start();
        };
        launch(c->version, c->program, {QStringLiteral("--version")}, &c->clientVersion);
        launch(c->buildx, c->program, {QStringLiteral("buildx"), QStringLiteral("version")},
               &c->buildxVersion);
    }
    if (m_pending == 0) // every answer came from the cache (doStart already runs a turn after start())
        checkDone();
}

bool CliProbe::doCancel() {
    m_candidates.clear(); // their process jobs die with them: SIGKILL to each group, no waiting
    m_pending = 0;
    return true;
}

void CliProbe::checkDone() {
    if (m_pending > 0 || isFinished())
        return;
    rememberAnswers();
    QList<CliCapabilities> found;
    for (const auto& c : m_candidates) {
        if (c->clientVersion.isEmpty())
            continue;
        CliCapabilities caps;
        caps.program = c->program;
        caps.clientVersion = c->clientVersion;
        caps.buildxVersion = c->buildxVersion;
        if (!c->buildxVersion.isEmpty()) {
            caps.mode = BuilderMode::Buildx;
            const QStringList v = c->buildxVersion.split(QLatin1Char('.'));
            caps.rawJson = v.value(0).toInt() > 0 || v.value(1).toInt() >= 12;
        } else if (majorOf(c->clientVersion) < 23) {
            caps.mode = BuilderMode::BuildKit; // DOCKER_BUILDKIT=1 with the client's own BuildKit session
        } else {
            caps.mode = BuilderMode::Legacy; // DOCKER_BUILDKIT=1 would fail: "buildx component is missing"
        }
        found << caps;
    }
    if (found.isEmpty()) {
        emitResult(util::Error::make(util::ErrorCode::Process, tr("The docker command does not run."),
                                     tr("Check the docker CLI installation (docker --version).")));
        return;
    }
    auto rank = [](BuilderMode m) { return int(m); };
    if (m_required) {
        // Every CLI can run the legacy builder; BuildKit-capable CLIs can do what the mode asks.
        for (const CliCapabilities& c : found)
            if (rank(c.mode) >= rank(*m_required)) {
                CliCapabilities chosen = c;
                chosen.mode = *m_required;
                if (chosen.mode != BuilderMode::Buildx)
                    chosen.rawJson = false;
                setResult(chosen);
                emitResult();
                return;
            }
        emitResult(util::Error::make(
            util::ErrorCode::NotFound,
            tr("No docker CLI here can build with %1.").arg(builderModeName(*m_required)),
            tr("Install the buildx plugin, or use a docker CLI older than 23.0 for classic BuildKit.")));
        return;
    }
    const CliCapabilities* best = &found.first();
    for (const CliCapabilities& c : found)
        if (rank(c.mode) > rank(best->mode))
            best = &c;
    setResult(*best);
    emitResult();
}

} // namespace sagedock::imagebuild
