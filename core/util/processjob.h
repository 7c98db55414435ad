#pragma once
// The one owner of child processes. Everything SageDock runs (docker build, the Sage Dockerfile
// generator, docker-credential-*, ssh, xdg-open, the docker CLI probe) goes through a ProcessJob:
// an argv list (never a shell string), an environment, a working folder, its own process group,
// a timeout, output as it arrives, and a cancel that never blocks the caller — SIGINT to the whole
// group, SIGKILL after a grace period, finished(Cancelled) once the group leader has exited.
// Deleting a running job kills its group and lets the process be reaped in the background.
// A non-zero exit status is not an error of the job: result().exitCode says how the program ended.
// Usage:
//   util::ProcessSpec spec{.program = QStringLiteral("docker"), .arguments = {"version"}};
//   auto* job = new util::ProcessJob(spec, this);
//   connect(job, &util::Job::finished, this, [job](const util::Error& e) {
//       if (!e && job->result().exitCode == 0) use(job->result().standardOutput);
//       job->deleteLater();
//   });
//   job->start();

#include "util/job.h"

#include <QByteArray>
#include <QStringList>
#include <QTimer>

#include <optional>

class QProcess;

namespace sagedock::util {

struct ProcessSpec {
    QString program;                        // a name found on PATH, or a path
    QStringList arguments;                  // argv[1..]
    std::optional<QStringList> environment; // "KEY=value" entries; nullopt = inherit ours
    QString workingDirectory;               // empty = ours
    int timeoutMs = 0;                      // 0 = none; then the group is stopped like cancel()
    int killGraceMs = 5000;                 // SIGINT → SIGKILL
    bool ownProcessGroup = true;            // so cancel reaches grandchildren (docker build's buildx …)
    bool mergeChannels = false;             // stderr into stdout, in order
    QByteArray standardInput;               // written at start; stdin is closed after it unless keepStdinOpen
    bool keepStdinOpen = false;
    qint64 maxCapturedBytes = 16LL * 1024 * 1024; // per channel kept in the result; output signals see all
    // Start and forget (a terminal, a browser): the program runs in a session of its own and may outlive
    // SageDock; the job finishes as soon as it started (exitCode 0, no output) and nothing stops it.
    bool detached = false;
};

struct ProcessResult {
    int exitCode = -1;
    bool crashed = false;      // ended by a signal
    QByteArray standardOutput; // up to maxCapturedBytes
    QByteArray standardError;
    bool outputTruncated = false;
};

class ProcessJob final : public ValueJob<ProcessResult> {
    Q_OBJECT
public:
    explicit ProcessJob(ProcessSpec spec, QObject* parent = nullptr);
    ~ProcessJob() override;

    const ProcessSpec& spec() const { return m_spec; }
    qint64 pid() const { return m_pid; } // 0 until started
    void writeStandardInput(const QByteArray& data);
    void closeStandardInput();

    // This process's environment as "KEY=value" entries, to extend for ProcessSpec::environment.
    static QStringList systemEnvironment();
    // Sends a signal to a process group (the pid of a job with ownProcessGroup); false if none.
    static bool signalGroup(qint64 pgid, int signal);

Q_SIGNALS:
    void started(qint64 pid);
    void standardOutputReceived(const QByteArray& chunk);
    void standardErrorReceived(const QByteArray& chunk);

protected:
    void doStart() override;
    bool doCancel() override;

private:
    void startDetached();
    void stopGroup(); // SIGINT now, SIGKILL after the grace period
    void onFinished(int exitCode, bool crashed);
    void capture(QByteArray& into, const QByteArray& chunk);

    ProcessSpec m_spec;
    QProcess* m_process = nullptr;
    qint64 m_pid = 0;
    QTimer m_timeout;
    QTimer m_killTimer;
    bool m_timedOut = false;
    bool m_truncated = false;
    QByteArray m_out;
    QByteArray m_err;
};

} // namespace sagedock::util
