#pragma once
// The sessions SageDock started, found again from the engine alone (labelled containers), so they
// survive an app restart; the Jupyter URL is re-read from each container's log. Stop is graceful
// (SIGTERM, then the engine's SIGKILL after the timeout, then an explicit kill if that failed) and
// removes the container unless asked to keep it. watch() follows engine events for live lists, and
// re-reads a starting session's log until its URL is there (openable the moment Jupyter is ready).
// Usage:
//   auto* store = new launch::SessionStore(client, this);
//   connect(store, &launch::SessionStore::sessionsChanged, model, &SessionModel::setSessions);
//   store->refresh(); store->watch();

#include "engine/engineclient.h"
#include "engine/enginejobs.h"
#include "launch/session.h"
#include "util/error.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

namespace sagedock::launch {

// A session read back from a container (labels, ports, state); url stays empty (needs the log).
Session sessionFromContainer(const engine::ContainerSummary& container);

// The sessions `stop` acts on: each of `ids` (a name or an id prefix, exactly one match each), or with
// `all` those `uid` started (label org.sagedock.owner), or with `allUsers` every one.
util::Result<QList<Session>> selectSessions(const QList<Session>& sessions, const QStringList& ids, bool all,
                                            bool allUsers, uint uid);

// The running Jupyter session on the notebooks folder `folder` (made absolute and clean), if any. A
// second Jupyter on one folder is rarely meant: the Launch and Review pages offer this one instead.
std::optional<Session> runningJupyterOn(const QList<Session>& sessions, const QString& folder);

class SessionStore : public QObject {
    Q_OBJECT
public:
    using ListCallback = std::function<void(util::Result<QList<Session>>)>;
    using Done = std::function<void(util::Error)>;

    explicit SessionStore(engine::Client* client, QObject* parent = nullptr);
    ~SessionStore() override;

    // All SageDock sessions (running first), URLs re-read from the logs of running Jupyter sessions.
    // `extraLabels` narrows the list (tests use their own label).
    void list(QObject* context, ListCallback done, const QStringList& extraLabels = {});
    // Lists, keeps the result in sessions() and emits sessionsChanged() (or errorOccurred()).
    void refresh();
    const QList<Session>& sessions() const { return m_sessions; }
    // Labels ("k=v") refresh() requires in addition to the session label (tests, filtered views).
    void setLabelFilter(const QStringList& labels) { m_labelFilter = labels; }

    // Graceful stop, then forced; removes the container unless keep.
    void stop(const QString& id, bool keep, QObject* context, Done done, int timeoutSec = 10);
    // Follows engine events for SageDock containers and refreshes (debounced) when one changes.
    void watch();

Q_SIGNALS:
    void sessionsChanged(const QList<sagedock::launch::Session>& sessions);
    void errorOccurred(const sagedock::util::Error& error);

private:
    engine::Client* m_client;
    QList<Session> m_sessions;
    QStringList m_labelFilter;
    QPointer<engine::EventStream> m_events;
    QTimer m_debounce;
    // A running Jupyter session whose log has no token URL yet is still starting: while watching,
    // its log is read again (250 ms, doubling to 1 s; Sage takes seconds to start) so it becomes
    // openable within a second of being ready, without an engine event or a manual refresh.
    QTimer m_urlRetry;
    int m_urlRetryMs = 0;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
};

} // namespace sagedock::launch
