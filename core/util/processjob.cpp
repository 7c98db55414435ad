#include "util/processjob.h"

#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>

#include <signal.h>
#include <unistd.h>

namespace sagedock::util {

ProcessJob::ProcessJob(ProcessSpec spec, QObject* parent)
    : ValueJob<ProcessResult>(parent)
    , m_spec(std::move(spec)) {
    m_timeout.setSingleShot(true);
    m_killTimer.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        stopGroup();
    });
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        if (m_pid > 0) {
            m_spec.ownProcessGroup ? signalGroup(m_pid, SIGKILL) : bool(::kill(pid_t(m_pid), SIGKILL) == 0);
        }
    });
}

ProcessJob::~ProcessJob() {
    if (!m_process) {
        return;
    }
    m_process->disconnect(this);
    if (m_process->state() == QProcess::NotRunning) {
        delete m_process;
        return;
    }
    // Never wait here: kill the group and let the QProcess reap its child and delete itself.
    QProcess* orphan = m_process;
    orphan->setParent(nullptr);
    QObject::connect(orphan, &QProcess::finished, orphan, &QObject::deleteLater);
    // m_pid is set when started() is reported, a turn after the fork: use the fork's pid, and kill the
    // leader itself too, which before its exec may not have made its own group yet.
    if (m_spec.ownProcessGroup) {
        signalGroup(orphan->processId(), SIGKILL);
    }
    orphan->kill();
}

QStringList ProcessJob::systemEnvironment() {
    return QProcessEnvironment::systemEnvironment().toStringList();
}

bool ProcessJob::signalGroup(qint64 pgid, int signal) {
    return pgid > 1 && ::kill(-pid_t(pgid), signal) == 0;
}

void ProcessJob::writeStandardInput(const QByteArray& data) {
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->write(data);
    }
}

void ProcessJob::closeStandardInput() {
    if (m_process) {
        m_process->closeWriteChannel();
    }
}

namespace {

// Program, arguments, working folder and environment of a spec.
void configure(QProcess& process, const ProcessSpec& spec) {
    process.setProgram(spec.program);
    process.setArguments(spec.arguments);
    if (!spec.workingDirectory.isEmpty()) {
        process.setWorkingDirectory(spec.workingDirectory);
    }
    if (spec.environment) {
        QProcessEnvironment env;
        for (const QString& entry : *spec.environment) {
            const qsizetype eq = entry.indexOf(QLatin1Char('='));
            if (eq > 0) {
                env.insert(entry.left(eq), entry.mid(eq + 1));
            }
        }
        process.setProcessEnvironment(env);
    }
}

Error startError(const QString& program, const QString& why) {
    const QString name = QFileInfo(program).fileName();
    return Error::make(ErrorCode::Process, ProcessJob::tr("Could not start %1: %2").arg(name, why),
                       ProcessJob::tr("Check that %1 is installed and on PATH.").arg(name));
}

} // namespace

void ProcessJob::doStart() {
    if (m_spec.detached) {
        startDetached();
        return;
    }
    m_process = new QProcess(this);
    configure(*m_process, m_spec);
    if (m_spec.ownProcessGroup) {
        // A group of its own: cancel and timeouts reach everything the program starts.
        m_process->setChildProcessModifier([] { ::setpgid(0, 0); });
    }
    m_process->setProcessChannelMode(m_spec.mergeChannels ? QProcess::MergedChannels
                                                          : QProcess::SeparateChannels);

    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        const QByteArray chunk = m_process->readAllStandardOutput();
        capture(m_out, chunk);
        Q_EMIT standardOutputReceived(chunk);
    });
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        const QByteArray chunk = m_process->readAllStandardError();
        capture(m_err, chunk);
        Q_EMIT standardErrorReceived(chunk);
    });
    connect(m_process, &QProcess::started, this, [this] {
        m_pid = m_process->processId();
        if (m_killTimer.isActive()) {
            stopGroup(); // cancelled or timed out while starting: no SIGINT could go out without the pid
        }
        if (!m_spec.standardInput.isEmpty()) {
            m_process->write(m_spec.standardInput);
        }
        if (!m_spec.keepStdinOpen) {
            m_process->closeWriteChannel();
        }
        Q_EMIT started(m_pid);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart) {
            return; // crashes and timeouts end in finished()
        }
        emitResult(startError(m_spec.program, m_process->errorString()));
    });
    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        onFinished(exitCode, status == QProcess::CrashExit);
    });
    if (m_spec.timeoutMs > 0) {
        m_timeout.start(m_spec.timeoutMs);
    }
    // m_pid stays 0 until started() is delivered: a stop requested before then is sent from the
    // started handler, and the destructor uses the fork's own pid.
    m_process->start();
}

void ProcessJob::startDetached() {
    QProcess process;
    configure(process, m_spec);
    qint64 pid = 0;
    // Returns once the program was executed (or failed to be): no waiting for it to end.
    if (!process.startDetached(&pid)) {
        emitResult(startError(m_spec.program, process.errorString()));
        return;
    }
    m_pid = pid;
    Q_EMIT started(pid);
    ProcessResult result;
    result.exitCode = 0;
    setResult(std::move(result));
    emitResult();
}

bool ProcessJob::doCancel() {
    if (!m_process || m_process->state() == QProcess::NotRunning) {
        return true;
    }
    stopGroup();
    return false; // finished(Cancelled) follows when the process has exited
}

void ProcessJob::stopGroup() {
    m_timeout.stop();
    if (m_pid > 0) {
        m_spec.ownProcessGroup ? signalGroup(m_pid, SIGINT) : bool(::kill(pid_t(m_pid), SIGINT) == 0);
    }
    if (!m_killTimer.isActive()) {
        m_killTimer.start(qMax(0, m_spec.killGraceMs));
    }
}

void ProcessJob::onFinished(int exitCode, bool crashed) {
    m_timeout.stop();
    m_killTimer.stop();
    if (m_spec.ownProcessGroup && m_pid > 0) {
        // The leader is gone; anything it left in its group goes too (no orphaned docker build).
        signalGroup(m_pid, SIGKILL);
    }
    // Output still buffered in the pipe arrives before finished() in Qt; nothing left to read here.
    ProcessResult result;
    result.exitCode = crashed ? -1 : exitCode;
    result.crashed = crashed;
    result.standardOutput = std::move(m_out);
    result.standardError = std::move(m_err);
    result.outputTruncated = m_truncated;
    setResult(std::move(result));
    if (m_timedOut) {
        const QString name = QFileInfo(m_spec.program).fileName();
        emitResult(Error::make(ErrorCode::Timeout, tr("%1 did not finish within %2 s and was stopped.")
                                                       .arg(name)
                                                       .arg(double(m_spec.timeoutMs) / 1000.0, 0, 'g', 3)));
        return;
    }
    emitResult();
}

void ProcessJob::capture(QByteArray& into, const QByteArray& chunk) {
    const qint64 room = m_spec.maxCapturedBytes - into.size();
    if (room >= chunk.size()) {
        into.append(chunk);
    } else {
        if (room > 0) {
            into.append(chunk.left(room));
        }
        m_truncated = true;
    }
}

} // namespace sagedock::util
