#include "launch/sessionstore.h"

#include "engine/enginejobs.h"
#include "launch/jupyterurl.h"
#include "launch/launchplan.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <memory>

namespace sagedock::launch {

using util::Error;
using util::ErrorCode;

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::launch)
};
} // namespace

Session sessionFromContainer(const engine::ContainerSummary& c) {
    Session s;
    s.id = c.id;
    s.name = c.name;
    s.image = c.labels.value(labels::kImage, c.image);
    s.flavor = c.labels.value(labels::kFlavor);
    s.mode = c.labels.value(labels::kMode, QStringLiteral("jupyter"));
    s.notebooks = c.labels.value(labels::kNotebooks);
    s.containerNotebooks = c.labels.value(labels::kContainerNotebooks);
    s.workdir = c.labels.value(labels::kWorkdir);
    bool ownerOk = false;
    const uint owner = c.labels.value(labels::kOwner).toUInt(&ownerOk);
    s.owner = ownerOk ? int(owner) : -1;
    s.state = c.state;
    s.startedAt = c.created;
    for (const engine::PortBinding& p : c.ports) {
        if (p.containerPort == 8888 && p.hostPort > 0 &&
            (s.port == 0 || p.hostIp == QLatin1String("127.0.0.1"))) {
            s.port = p.hostPort;
            s.hostAddress = p.hostIp.isEmpty() ? QStringLiteral("127.0.0.1") : p.hostIp;
        }
    }
    return s;
}

util::Result<QList<Session>> selectSessions(const QList<Session>& sessions, const QStringList& ids, bool all,
                                            bool allUsers, uint uid) {
    QList<Session> targets;
    for (const Session& s : sessions)
        if (allUsers || (all && s.isOwnedBy(uid)))
            targets << s;
    for (const QString& id : ids) {
        QList<Session> matches;
        for (const Session& s : sessions)
            if (s.name == id || (!id.isEmpty() && s.id.startsWith(id)))
                matches << s;
        if (matches.size() != 1)
            return Error::make(ErrorCode::NotFound,
                               matches.isEmpty() ? Text::tr("No SageDock session matches %1.").arg(id)
                                                 : Text::tr("%1 matches several sessions.").arg(id),
                               Text::tr("See `sagedock-cli ps`."));
        targets << matches.first();
    }
    return targets;
}

std::optional<Session> runningJupyterOn(const QList<Session>& sessions, const QString& folder) {
    const QString clean = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    for (const Session& s : sessions)
        if (s.isRunning() && !s.isShell() && s.notebooks == clean)
            return s;
    return std::nullopt;
}

SessionStore::SessionStore(engine::Client* client, QObject* parent)
    : QObject(parent)
    , m_client(client) {
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(200);
    connect(&m_debounce, &QTimer::timeout, this, &SessionStore::refresh);
    m_urlRetry.setSingleShot(true);
    connect(&m_urlRetry, &QTimer::timeout, this, &SessionStore::refresh);
}

SessionStore::~SessionStore() {
    delete m_events.data();
}

void SessionStore::list(QObject* context, ListCallback done, const QStringList& extraLabels) {
    QStringList filter{labels::kSession + QStringLiteral("=1")};
    filter += extraLabels;
    QPointer<QObject> guard(context);
    m_client->listContainers(
        filter, true, this, [this, guard, done](util::Result<QList<engine::ContainerSummary>> r) {
            if (!guard)
                return;
            if (!r.ok()) {
                done(r.error());
                return;
            }
            auto sessions = std::make_shared<QList<Session>>();
            for (const auto& c : r.value())
                sessions->append(sessionFromContainer(c));
            std::stable_sort(sessions->begin(), sessions->end(), [](const Session& a, const Session& b) {
                return a.isRunning() != b.isRunning() ? a.isRunning() : a.startedAt > b.startedAt;
            });
            // Re-read the token URL of each running Jupyter session from its log.
            auto pending = std::make_shared<int>(0);
            for (const Session& s : *sessions)
                if (s.isRunning() && !s.isShell() && s.port > 0)
                    ++*pending;
            if (*pending == 0) {
                done(*sessions);
                return;
            }
            for (qsizetype i = 0; i < sessions->size(); ++i) {
                const Session& s = sessions->at(i);
                if (!s.isRunning() || s.isShell() || s.port <= 0)
                    continue;
                // Session containers never use a TTY (see planLaunch), so the log is multiplexed.
                m_client->readLogs(s.id, -1, false, this,
                                   [sessions, pending, i, guard, done](util::Result<QByteArray> log) {
                                       if (log.ok()) {
                                           JupyterUrlScanner scanner;
                                           for (const QByteArray& line : log.value().split('\n'))
                                               scanner.feedLine(QString::fromUtf8(line));
                                           Session& s = (*sessions)[i];
                                           if (scanner.url())
                                               s.url = hostUrl(*scanner.url(),
                                                               s.hostAddress == QLatin1String("0.0.0.0")
                                                                   ? QStringLiteral("127.0.0.1")
                                                                   : s.hostAddress,
                                                               s.port);
                                       }
                                       if (--*pending == 0 && guard)
                                           done(*sessions);
                                   });
            }
        });
}

void SessionStore::refresh() {
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    m_refreshing = true;
    list(
        this,
        [this](util::Result<QList<Session>> r) {
            m_refreshing = false;
            if (r.ok()) {
                m_sessions = r.value();
                const bool starting =
                    std::any_of(m_sessions.cbegin(), m_sessions.cend(), [](const Session& s) {
                        return s.isRunning() && !s.isShell() && s.port > 0 && s.url.isEmpty();
                    });
                if (starting && m_events) {
                    m_urlRetryMs = m_urlRetryMs == 0 ? 250 : std::min(m_urlRetryMs * 2, 1000);
                    m_urlRetry.start(m_urlRetryMs);
                } else {
                    m_urlRetryMs = 0;
                }
                Q_EMIT sessionsChanged(m_sessions);
            } else {
                Q_EMIT errorOccurred(r.error());
            }
            if (std::exchange(m_refreshAgain, false))
                refresh();
        },
        m_labelFilter);
}

void SessionStore::stop(const QString& id, bool keep, QObject* context, Done done, int timeoutSec) {
    QPointer<QObject> guard(context);
    auto finish = [guard, done](Error e) {
        if (guard)
            done(e);
    };
    auto removeOrKeep = [this, id, keep, finish](Error stopError) {
        if (keep) {
            finish(stopError);
            return;
        }
        m_client->removeContainer(id, true, this, [this, finish](Error e) {
            finish(e);
            m_debounce.start();
        });
    };
    m_client->stopContainer(id, timeoutSec, this, [this, id, removeOrKeep](Error e) {
        if (!e || e.code == ErrorCode::NotFound) {
            removeOrKeep(e.code == ErrorCode::NotFound ? Error{} : e);
            return;
        }
        // The graceful stop failed (engine timeout or error): force it.
        m_client->killContainer(id, this, [removeOrKeep](Error killError) { removeOrKeep(killError); });
    });
}

void SessionStore::watch() {
    if (m_events)
        return;
    m_events = m_client->events({labels::kSession + QStringLiteral("=1")},
                                {QStringLiteral("start"), QStringLiteral("die"), QStringLiteral("destroy"),
                                 QStringLiteral("create"), QStringLiteral("stop")});
    m_events->setParent(this);
    connect(m_events, &engine::EventStream::event, this,
            [this](const engine::EngineEvent&) { m_debounce.start(); });
    connect(m_events, &engine::EventStream::finished, this, [this](const Error& e) {
        m_events->deleteLater();
        if (e && e.code != ErrorCode::Cancelled)
            Q_EMIT errorOccurred(e);
        // The engine closed the stream (restart): reconnect a little later.
        if (!e || e.code != ErrorCode::Cancelled)
            QTimer::singleShot(2000, this, &SessionStore::watch);
    });
}

} // namespace sagedock::launch
