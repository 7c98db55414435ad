#include "launch/launcher.h"
#include "launch/notebooksfolder.h"

#include "engine/enginejobs.h"
#include "http/reply.h"
#include "launch/ports.h"
#include "reference/imagereference.h"
#include "util/log.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace sagedock::launch {

using util::Error;
using util::ErrorCode;

namespace {
constexpr int kMaxPortAttempts = 10;
constexpr int kLogTailLines = 20;
constexpr int kFirstApiRetryMs = 10;
constexpr int kMaxApiRetryMs = 100;
} // namespace

Launcher::Launcher(engine::Client* client, LaunchOptions options, QObject* parent)
    : util::ValueJob<Session>(parent)
    , m_client(client)
    , m_options(std::move(options)) {
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(Error::make(ErrorCode::Timeout,
                         tr("Jupyter did not get ready within %1 s. Last log lines:\n%2")
                             .arg(m_options.readyTimeoutMs / 1000)
                             .arg(m_logTail.join(QLatin1Char('\n'))),
                         tr("Look at the full log (docker logs) or try again with a longer timeout.")));
    });
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &Launcher::pollApi);
}

Launcher::~Launcher() {
    delete m_pull.data();
    delete m_logs.data();
    delete m_probe.data();
}

QString Launcher::stateText(State state) {
    switch (state) {
    case State::Idle:
        return tr("Waiting");
    case State::Inspecting:
        return tr("Reading the image…");
    case State::Pulling:
        return tr("Downloading the image…");
    case State::Creating:
        return tr("Creating the container…");
    case State::Starting:
        return tr("Starting the container…");
    case State::WaitingForJupyter:
        return tr("Starting Jupyter…");
    case State::Ready:
        return tr("Ready");
    case State::Failed:
        return tr("Failed");
    case State::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

void Launcher::setState(State s) {
    if (m_state == s)
        return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

void Launcher::doStart() {
    m_clock.start();
    auto ref = reference::ImageReference::parse(m_options.image.trimmed());
    if (!ref.ok()) {
        fail(ref.error());
        return;
    }
    m_options.image = ref->familiar();
    if (m_options.notebooksFolder.isEmpty())
        m_options.notebooksFolder = QDir::home().filePath(QStringLiteral("SageMath"));
    m_options.notebooksFolder = QDir::cleanPath(QFileInfo(m_options.notebooksFolder).absoluteFilePath());
    // Refused before anything is pulled or created: `/`, HOME itself, system folders, files, ...
    if (Error e = checkNotebooksFolder(inspectNotebooksFolder(m_options.notebooksFolder))) {
        fail(std::move(e));
        return;
    }
    if (m_options.alwaysPull)
        pull();
    else
        inspect(false);
}

void Launcher::inspect(bool afterPull) {
    if (m_done)
        return;
    setState(State::Inspecting);
    m_client->inspectImage(m_options.image, this, [this, afterPull](util::Result<engine::ImageDetails> r) {
        if (m_done)
            return; // cancelled while the engine answered
        if (!r.ok()) {
            if (r.error().code == ErrorCode::NotFound && !afterPull && m_options.pullIfMissing) {
                pull();
                return;
            }
            fail(r.error());
            return;
        }
        m_image = r.value();
        const bool autoFlavor = m_options.flavor.isEmpty() || m_options.flavor == QLatin1String("auto");
        auto detected = detectFlavor(m_image);
        const bool stage = autoFlavor ? detected.ok() && detected.value() == Flavor::Stage
                                      : m_options.flavor == QLatin1String("stage");
        if (stage && !m_options.shell && m_options.command.isEmpty())
            probeStage();
        else
            createAndStart(1);
    });
}

void Launcher::pull() {
    if (m_done)
        return;
    setState(State::Pulling);
    m_pull = m_client->pull(m_options.image);
    m_pull->setParent(this);
    connect(m_pull, &util::Job::progressChanged, this, &Launcher::pullProgress);
    connect(m_pull, &util::Job::finished, this, [this](const Error& e) {
        m_pull->deleteLater();
        if (e) {
            fail(e);
            return;
        }
        inspect(true);
    });
}

// Stage images share one config (root, WORKDIR /sage) from `bootstrapped` on; only the files tell
// whether Sage was built yet. A throwaway container answers `test -x /sage/sage` in well under a second.
void Launcher::probeStage() {
    setState(State::Creating);
    engine::CreateSpec probe;
    probe.image = m_options.image;
    probe.entrypoint = QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                   QStringLiteral("test -x \"$1\""), QStringLiteral("sh")};
    const QString wd = m_image.workingDir.isEmpty() ? QStringLiteral("/sage") : m_image.workingDir;
    probe.cmd = QStringList{wd + QStringLiteral("/sage")};
    probe.labels = m_options.extraLabels;
    probe.labels.insert(QStringLiteral("org.sagedock.probe"), QStringLiteral("1"));
    m_client->createContainer(probe, this, [this](util::Result<QString> id) {
        if (!id.ok()) {
            fail(id.error());
            return;
        }
        const QString probeId = id.value();
        m_client->startContainer(probeId, this, [this, probeId](Error e) {
            if (e) {
                m_client->removeContainer(probeId, true, this, [](Error) {});
                fail(e);
                return;
            }
            m_client->waitContainer(probeId, QStringLiteral("not-running"), this,
                                    [this, probeId](util::Result<int> code) {
                                        m_client->removeContainer(probeId, true, this, [](Error) {});
                                        if (!code.ok()) {
                                            fail(code.error());
                                            return;
                                        }
                                        m_stageHasSage = code.value() == 0;
                                        createAndStart(1);
                                    });
        });
    });
}

void Launcher::createAndStart(int attempt) {
    if (m_done)
        return;
    setState(State::Creating);
    const LaunchPlan shape = [&] {
        auto p = planLaunch(m_image, m_options, m_stageHasSage, 0);
        return p.ok() ? p.value() : LaunchPlan{};
    }();
    if (!shape.shell) {
        if (m_options.port > 0 && attempt == 1) {
            m_hostPort = m_options.port;
        } else {
            const int from = attempt == 1 ? m_options.preferredPort : m_hostPort + 1;
            m_hostPort =
                findFreePort(shape.hostAddress.isEmpty() ? QStringLiteral("127.0.0.1") : shape.hostAddress,
                             from, {}, 100, m_options.portProbe);
            if (m_hostPort == 0) {
                fail(Error::make(ErrorCode::Conflict, tr("No free host port from %1 on.").arg(from),
                                 tr("Stop other Jupyter servers or choose a port with --port.")));
                return;
            }
        }
    }
    auto planned = planLaunch(m_image, m_options, m_stageHasSage, m_hostPort);
    if (!planned.ok()) {
        fail(planned.error());
        return;
    }
    m_plan = planned.value();

    // The notebooks folder is created on first use; the container runs as the host user, so the
    // folder's own permissions are what it gets (checked in doStart, never changed).
    if (!QDir().mkpath(m_options.notebooksFolder)) {
        fail(Error::make(ErrorCode::Io,
                         tr("Cannot create the notebooks folder %1.").arg(m_options.notebooksFolder),
                         tr("Choose a folder you can write to.")));
        return;
    }

    m_createMs = m_clock.elapsed();
    // The answer is taken by the client, not this job: a launch cancelled (or deleted) while the
    // create request is in flight must still remove the container the engine creates after all.
    QPointer<Launcher> self(this);
    engine::Client* client = m_client;
    m_client->createContainer(m_plan.spec, m_client, [self, client, attempt](util::Result<QString> id) {
        if (!self || self->m_done) {
            if (id.ok())
                client->removeContainer(id.value(), true, client, [](Error) {});
            return;
        }
        self->onCreated(std::move(id), attempt);
    });
}

void Launcher::onCreated(util::Result<QString> id, int attempt) {
    if (!id.ok()) {
        fail(id.error());
        return;
    }
    m_containerId = id.value();
    setState(State::Starting);
    m_client->startContainer(m_containerId, this, [this, attempt](Error e) {
        if (m_done)
            return;
        if (e) {
            const bool portClash = e.code == ErrorCode::Conflict && !m_plan.shell && m_options.port == 0;
            if (portClash && attempt < kMaxPortAttempts) {
                util::logInfo(QStringLiteral("host port %1 is taken; trying the next one").arg(m_hostPort));
                Q_EMIT portTaken(m_hostPort, e);
                const QString stale = std::exchange(m_containerId, QString());
                m_client->removeContainer(stale, true, this,
                                          [this, attempt](Error) { createAndStart(attempt + 1); });
                return;
            }
            fail(e);
            return;
        }
        m_startedMs = m_clock.elapsed();
        m_session.id = m_containerId;
        m_session.name = m_plan.spec.name;
        m_session.image = m_options.image;
        m_session.flavor = flavorName(m_plan.flavor);
        m_session.mode = m_plan.shell ? QStringLiteral("shell") : QStringLiteral("jupyter");
        m_session.hostAddress = m_plan.hostAddress;
        m_session.port = m_plan.shell ? 0 : m_hostPort;
        m_session.workdir = m_plan.workdir;
        m_session.notebooks = m_options.notebooksFolder;
        m_session.containerNotebooks = m_plan.containerNotebooks;
        m_session.state = QStringLiteral("running");
        m_session.startedAt = QDateTime::currentDateTimeUtc();
        m_session.reason = m_plan.reason;
        m_session.owner = m_plan.spec.labels.value(labels::kOwner).toInt();
        if (m_plan.shell) {
            succeed();
            return;
        }
        setState(State::WaitingForJupyter);
        m_timeout.start(m_options.readyTimeoutMs);
        followLogs();
    });
}

void Launcher::followLogs() {
    m_logs = m_client->followLogs(m_containerId, m_plan.spec.tty);
    m_logs->setParent(this);
    connect(m_logs, &engine::LogStream::line, this,
            [this](const QByteArray& text, bool) { onLogLine(QString::fromUtf8(text)); });
    connect(m_logs, &util::Job::finished, this, [this](const Error& e) {
        if (m_done || m_state == State::Ready)
            return;
        if (e && e.code != ErrorCode::Cancelled) {
            fail(e);
            return;
        }
        // The log ends when the container exits: Jupyter died before it was ready.
        fail(Error::make(ErrorCode::Process,
                         tr("The container stopped before Jupyter was ready. Last log lines:\n%1")
                             .arg(m_logTail.join(QLatin1Char('\n'))),
                         tr("Check that the image runs Sage (try a shell in it) or pick another flavor.")));
    });
}

void Launcher::onLogLine(const QString& line) {
    // Never keep or forward the token itself in logs: redaction happens in util::log; the tail is for errors.
    m_logTail.append(line);
    while (m_logTail.size() > kLogTailLines)
        m_logTail.removeFirst();
    Q_EMIT logLine(line);
    const bool hadUrl = m_scanner.url().has_value();
    if (m_scanner.feedLine(line) && !hadUrl) {
        m_urlMs = m_clock.elapsed();
        m_pollDelayMs = kFirstApiRetryMs;
        pollApi();
    }
}

void Launcher::pollApi() {
    if (m_done || m_probe || !m_scanner.url())
        return;
    const QString host =
        m_plan.hostAddress == QLatin1String("0.0.0.0") ? QStringLiteral("127.0.0.1") : m_plan.hostAddress;
    http::Request r;
    r.url = apiUrl(*m_scanner.url(), host, m_hostPort);
    r.retry.maxAttempts = 1;
    r.connectTimeoutMs = 2000;
    r.totalTimeoutMs = 3000;
    m_probe = m_client->http().send(r);
    m_probe->setParent(this);
    connect(m_probe, &http::Reply::finished, this, [this] {
        const http::Response resp = m_probe->response();
        m_probe->deleteLater();
        m_probe = nullptr;
        if (m_done)
            return;
        if (resp.isSuccess()) {
            m_readyMs = m_clock.elapsed();
            m_session.url =
                hostUrl(*m_scanner.url(),
                        m_session.hostAddress == QLatin1String("0.0.0.0") ? QStringLiteral("127.0.0.1")
                                                                          : m_session.hostAddress,
                        m_hostPort);
            succeed();
            return;
        }
        // The URL may be printed a moment before the server answers (or docker-proxy forwards to
        // it): retry soon, then back off, so readiness is seen within ~10 ms without hammering.
        m_pollTimer.start(m_pollDelayMs);
        m_pollDelayMs = std::min(m_pollDelayMs * 2, kMaxApiRetryMs);
    });
}

void Launcher::succeed() {
    m_done = true;
    m_timeout.stop();
    m_pollTimer.stop();
    if (m_logs) {
        m_logs->disconnect(this);
        m_logs->cancel();
        m_logs->deleteLater();
    }
    setState(State::Ready);
    util::logInfo(QStringLiteral("session %1 (%2, %3) ready on port %4 after %5 ms")
                      .arg(m_session.name, m_session.image, m_session.flavor)
                      .arg(m_session.port)
                      .arg(m_clock.elapsed()));
    setResult(m_session);
    emitResult();
}

void Launcher::fail(Error error) {
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    m_pollTimer.stop();
    if (m_pull && !m_pull->isFinished())
        m_pull->cancel();
    if (m_logs) {
        m_logs->disconnect(this);
        m_logs->cancel();
    }
    setState(error.code == ErrorCode::Cancelled ? State::Cancelled : State::Failed);
    util::logWarning(QStringLiteral("launch of %1 failed: %2").arg(m_options.image, error.message));
    if (error.code != ErrorCode::Cancelled && !m_containerId.isEmpty()) {
        // A failure is reported once its container is gone: the CLI exits on this result, and a
        // timed-out or dead Jupyter must not be left running (or lying around).
        QPointer<Launcher> self(this);
        m_client->removeContainer(std::exchange(m_containerId, QString()), true, m_client,
                                  [self, error](Error) {
                                      if (self)
                                          self->emitResult(error);
                                  });
        return;
    }
    cleanupContainer();
    emitResult(std::move(error));
}

bool Launcher::doCancel() {
    // Everything stops (or is handed to the engine to remove) at once; our own message says what ended.
    fail(Error::make(ErrorCode::Cancelled, tr("The launch was cancelled.")));
    return true;
}

void Launcher::cleanupContainer() {
    if (m_containerId.isEmpty())
        return;
    // The client outlives this job in every caller; the removal must finish even if we are deleted.
    m_client->removeContainer(std::exchange(m_containerId, QString()), true, m_client, [](Error) {});
}

} // namespace sagedock::launch
