#pragma once
// Launches one Sage session: ensure the image (pull with per-layer progress), read its config,
// choose the flavor, pick a free host port on 127.0.0.1, create the labelled container with the
// notebooks folder below the image's home, start it (retrying the next port on "port is already
// allocated"), follow its log to Jupyter's token URL, rewrite it to the host port and wait until
// GET /api answers. A util::ValueJob whose result is the running session: progress through
// stateChanged() and pullProgress(), util::Job::finished(error) once; cancel() stops what runs,
// removes a container it created and ends in Cancelled.
// Usage:
//   auto* job = new launch::Launcher(client, options, this);
//   connect(job, &util::Job::finished, this, [job](const util::Error& e) {
//       if (!e) open(job->result().url);
//       job->deleteLater();
//   });
//   job->start();

#include "engine/engineclient.h"
#include "engine/enginejobs.h"
#include "launch/jupyterurl.h"
#include "launch/launchplan.h"
#include "launch/session.h"
#include "util/job.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QStringList>
#include <QTimer>

namespace sagedock::http {
class Reply;
}

namespace sagedock::launch {

class Launcher final : public util::ValueJob<Session> {
    Q_OBJECT
public:
    enum class State {
        Idle,
        Inspecting,
        Pulling,
        Creating,
        Starting,
        WaitingForJupyter,
        Ready,
        Failed,
        Cancelled
    };
    Q_ENUM(State)

    Launcher(engine::Client* client, LaunchOptions options, QObject* parent = nullptr);
    ~Launcher() override;

    State state() const { return m_state; }
    static QString stateText(State state); // translated, for status lines
    // The session as far as it got (id once created); result() is the same once it is ready.
    const Session& session() const { return m_session; }
    const LaunchPlan& plan() const { return m_plan; }
    engine::PullJob* pullJob() const { return m_pull; } // while pulling
    QStringList lastLogLines() const { return m_logTail; }
    // Milliseconds from start() to the moments that matter (benchmark): -1 until reached.
    qint64 createSentMs() const { return m_createMs; } // the (last) create request went out
    qint64 containerStartedMs() const { return m_startedMs; }
    qint64 urlSeenMs() const { return m_urlMs; }
    qint64 readyMs() const { return m_readyMs; }

Q_SIGNALS:
    void stateChanged(sagedock::launch::Launcher::State state);
    void pullProgress(); // read pullJob()->progress()
    void logLine(const QString& line);
    // The engine refused to start on `port` (taken since the free-port check); the next one is tried.
    void portTaken(int port, const sagedock::util::Error& error);

protected:
    void doStart() override;
    bool doCancel() override;

private:
    void setState(State s);
    void inspect(bool afterPull);
    void pull();
    void probeStage();
    void createAndStart(int attempt);
    void onCreated(util::Result<QString> id, int attempt);
    void followLogs();
    void onLogLine(const QString& line);
    void pollApi();
    void fail(util::Error error);
    void succeed();
    void cleanupContainer();

    engine::Client* m_client;
    LaunchOptions m_options;
    engine::ImageDetails m_image;
    LaunchPlan m_plan;
    Session m_session;
    State m_state = State::Idle;
    bool m_stageHasSage = true;
    int m_hostPort = 0;
    QString m_containerId;
    QPointer<engine::PullJob> m_pull;
    QPointer<engine::LogStream> m_logs;
    QPointer<http::Reply> m_probe;
    JupyterUrlScanner m_scanner;
    QStringList m_logTail;
    QTimer m_timeout;
    QTimer m_pollTimer;
    int m_pollDelayMs = 0; // next retry of GET /api: 10 ms, doubling up to 100 ms
    QElapsedTimer m_clock;
    qint64 m_createMs = -1;
    qint64 m_startedMs = -1;
    qint64 m_urlMs = -1;
    qint64 m_readyMs = -1;
    bool m_done = false; // succeed() or fail() ran: set before their signals, so nothing runs twice
};

} // namespace sagedock::launch
