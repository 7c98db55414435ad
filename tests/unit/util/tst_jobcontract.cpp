// The job contract of core/util/job.h, run row by row for every job type: deferred start, exactly one
// finished(), cancel before / during / after, double cancel, deletion while running, progress. Then
// what only util::ProcessJob promises: argv, environment, working folder, timeout, SIGINT to the whole
// group, SIGKILL after the grace period, a program that cannot start, capped output, exit status.
// A new job type joins by adding one JobType (its factories) to jobTypes(); every contract row then
// runs for it.

#include "util/job.h"
#include "util/processjob.h"
#include "waitforjob.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>

#include <errno.h>
#include <signal.h>
#include <unistd.h>

using namespace sagedock;
using util::ErrorCode;
using util::ProcessJob;
using util::ProcessSpec;

namespace {

constexpr int kWaitMs = 20000; // two cores shared with builds and other tests: generous, never slept

// What the job asked of a factory does once started.
enum class Outcome { Succeed, Fail, RunUntilStopped };

// A util::Job written the way subclasses are. It counts its doStart()/doCancel() calls; it either stops
// at once when cancelled or winds down one turn later and then reports an error of its own (which the
// contract replaces by Cancelled). Succeeding takes three turns and reports progress on each.
class TestJob final : public util::Job {
public:
    TestJob(Outcome outcome, bool windsDown)
        : m_outcome(outcome)
        , m_windsDown(windsDown) {}
    int starts = 0;
    int cancels = 0;

protected:
    void doStart() override {
        ++starts;
        switch (m_outcome) {
        case Outcome::Succeed:
            setProgress(0, 3, QStringLiteral("Counting"));
            step();
            break;
        case Outcome::Fail:
            emitResult(util::Error::make(ErrorCode::NotFound, QStringLiteral("No such tag: 10.5.beta3.")));
            break;
        case Outcome::RunUntilStopped:
            break; // waits for cancel() or deletion
        }
    }
    bool doCancel() override {
        ++cancels;
        if (!m_windsDown)
            return true;
        QTimer::singleShot(0, this, [this] {
            emitResult(util::Error::make(ErrorCode::Io, QStringLiteral("Interrupted while writing.")));
        });
        return false;
    }

private:
    void step() {
        QTimer::singleShot(0, this, [this] {
            setProgress(processed() + 1, 3, QStringLiteral("Counted %1 of 3").arg(processed() + 1));
            if (processed() < 3)
                step();
            else
                emitResult();
        });
    }
    Outcome m_outcome;
    bool m_windsDown;
};

// What a TaskJob's work tells the test from the pool thread.
struct WorkFlags {
    std::atomic_bool began{false};
    std::atomic_bool ended{false};
};

// One line of /proc/<pid>/stat: "pid (comm) state ppid pgrp ...".
struct ProcessStat {
    QString pidAndName; // "4711 (sleep)"
    char state = '?';   // 'Z': ended, waiting to be reaped
    qint64 ppid = 0;
    qint64 pgrp = 0;
};

QList<ProcessStat> processes() {
    QList<ProcessStat> out;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!entry.at(0).isDigit() || !stat.open(QIODevice::ReadOnly))
            continue; // not a process, or one that ended while we looked
        // comm may hold spaces and parentheses: split after the last ')'.
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (close < 0 || fields.size() < 3 || fields.at(0).isEmpty())
            continue;
        out << ProcessStat{QString::fromLatin1(line.left(close + 1)), fields.at(0).at(0),
                           fields.at(1).toLongLong(), fields.at(2).toLongLong()};
    }
    return out;
}

// A process group is gone when no member is left running. Members that are zombies count as gone:
// they wait for a reaper (init, or our QProcess on its next turn), not for us.
bool groupRunning(qint64 pgid) {
    if (pgid <= 1 || (::kill(-pid_t(pgid), 0) != 0 && errno == ESRCH))
        return false;
    const QList<ProcessStat> all = processes();
    return std::any_of(all.cbegin(), all.cend(),
                       [pgid](const ProcessStat& p) { return p.pgrp == pgid && p.state != 'Z'; });
}

// Our child processes that have not ended.
QStringList livingChildren() {
    QStringList out;
    for (const ProcessStat& p : processes())
        if (p.ppid == qint64(::getpid()) && p.state != 'Z')
            out << p.pidAndName;
    return out;
}

ProcessJob* shellJob(const QString& script, QObject* parent = nullptr) {
    ProcessSpec spec;
    spec.program = QStringLiteral("sh");
    spec.arguments = {QStringLiteral("-c"), script};
    return new ProcessJob(spec, parent);
}

// One job type under the contract: how to make it, and how to observe its work from outside.
struct JobType {
    std::function<util::Job*(Outcome)> make;
    ErrorCode failure = ErrorCode::None;             // the error of make(Outcome::Fail)
    std::function<bool(util::Job*)> begun;           // its work has observably begun
    std::function<void(util::Job*)> checkSuccess;    // the result of make(Outcome::Succeed)
    std::function<std::function<bool()>(util::Job*)> // taken before deleting a running job: true
        workStopped;                                 // once its work has stopped
    bool reportsProgress = false;
};

QMap<QString, JobType> jobTypes() {
    QMap<QString, JobType> types;
    for (const bool windsDown : {false, true}) {
        JobType t;
        t.make = [windsDown](Outcome o) { return new TestJob(o, windsDown); };
        t.failure = ErrorCode::NotFound;
        t.begun = [](util::Job* j) { return static_cast<TestJob*>(j)->starts > 0; };
        t.checkSuccess = [](util::Job* j) { QCOMPARE(static_cast<TestJob*>(j)->starts, 1); };
        t.workStopped = [](util::Job*) { return [] { return true; }; }; // nothing runs outside the object
        t.reportsProgress = true;
        types.insert(windsDown ? QStringLiteral("Job winding down") : QStringLiteral("Job stopping at once"),
                     t);
    }

    // The flags of each TaskJob made, by job; a later job at the same address replaces the entry.
    static QHash<const util::Job*, std::shared_ptr<WorkFlags>> taskFlags;
    JobType task;
    task.make = [](Outcome o) -> util::Job* {
        auto flags = std::make_shared<WorkFlags>();
        auto* job = new util::TaskJob<int>([o, flags](const util::CancelToken& token) -> util::Result<int> {
            flags->began = true;
            struct Ended {
                WorkFlags* f;
                ~Ended() { f->ended = true; }
            } ended{flags.get()};
            if (o == Outcome::Fail)
                return util::Error::make(ErrorCode::Parse, QStringLiteral("Line 3 is not a build step."));
            if (o == Outcome::RunUntilStopped) {
                // Stands in for long CPU work that checks its token between steps; gives up after a minute
                // so a broken cancel cannot keep the pool (and the test's exit) waiting forever.
                QElapsedTimer clock;
                clock.start();
                while (!token.isCancelled() && clock.elapsed() < 60000)
                    QThread::msleep(2);
            }
            return 6 * 7;
        });
        taskFlags.insert(job, flags);
        return job;
    };
    task.failure = ErrorCode::Parse;
    task.begun = [](util::Job* j) { return taskFlags.value(j)->began.load(); };
    task.checkSuccess = [](util::Job* j) { QCOMPARE(static_cast<util::TaskJob<int>*>(j)->result(), 42); };
    task.workStopped = [](util::Job* j) {
        std::shared_ptr<WorkFlags> flags = taskFlags.value(j);
        return [flags] { return flags->ended.load(); };
    };
    types.insert(QStringLiteral("TaskJob"), task);

    JobType process;
    process.make = [](Outcome o) -> util::Job* {
        switch (o) {
        case Outcome::Succeed:
            return shellJob(QStringLiteral("echo ready"));
        case Outcome::Fail: {
            ProcessSpec spec;
            spec.program = QStringLiteral("sagedock-no-such-program");
            return new ProcessJob(spec);
        }
        case Outcome::RunUntilStopped:
            // A grandchild in the same group: cancel and deletion have to reach it too.
            return shellJob(QStringLiteral("sleep 981 & wait"));
        }
        return nullptr;
    };
    process.failure = ErrorCode::Process;
    process.begun = [](util::Job* j) { return static_cast<ProcessJob*>(j)->pid() > 0; };
    process.checkSuccess = [](util::Job* j) {
        const util::ProcessResult& r = static_cast<ProcessJob*>(j)->result();
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.standardOutput, QByteArray("ready\n"));
    };
    process.workStopped = [](util::Job* j) {
        const qint64 pgid = static_cast<ProcessJob*>(j)->pid();
        return [pgid] { return !groupRunning(pgid); };
    };
    types.insert(QStringLiteral("ProcessJob"), process);
    return types;
}

// Lets queued calls and zero timers run, so a second finished() would have arrived.
void turns(int n = 5) {
    for (int i = 0; i < n; ++i)
        QCoreApplication::processEvents();
}

} // namespace

class TestJobContract : public QObject {
    Q_OBJECT

    // One row per job type; `progressOnly` keeps the types that report progress.
    static void typeRows(bool progressOnly = false) {
        QTest::addColumn<QString>("type");
        const auto types = jobTypes();
        for (auto it = types.cbegin(); it != types.cend(); ++it)
            if (!progressOnly || it->reportsProgress)
                QTest::newRow(qPrintable(it.key())) << it.key();
    }
    static JobType type() {
        QFETCH(QString, type);
        return jobTypes().value(type);
    }
    // Starts a job that runs until stopped and waits until its work has begun.
    static void startRunning(const JobType& t, std::unique_ptr<util::Job>& job) {
        job.reset(t.make(Outcome::RunUntilStopped));
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(t.begun(job.get()), kWaitMs);
    }

private Q_SLOTS:
    void startSucceeds_data() { typeRows(); }
    void startSucceeds() {
        const JobType t = type();
        std::unique_ptr<util::Job> job(t.make(Outcome::Succeed));
        QSignalSpy spy(job.get(), &util::Job::finished);
        job->start();
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, job.get(), kWaitMs);
        QVERIFY2(!e, qPrintable(e.toString()));
        turns();
        QCOMPARE(spy.size(), 1);
        QVERIFY(job->isFinished());
        QVERIFY(!job->isCancelled());
        QCOMPARE(spy.at(0).at(0).value<util::Error>().code, ErrorCode::None);
        t.checkSuccess(job.get());
    }

    void startFails_data() { typeRows(); }
    void startFails() {
        const JobType t = type();
        std::unique_ptr<util::Job> job(t.make(Outcome::Fail));
        QSignalSpy spy(job.get(), &util::Job::finished);
        job->start();
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, job.get(), kWaitMs);
        QCOMPARE(e.code, t.failure);
        QVERIFY(!e.message.isEmpty());
        turns();
        QCOMPARE(spy.size(), 1);
        QCOMPARE(job->error().code, t.failure);
    }

    // start() only schedules: a factory may start the job and the caller still connects in time.
    void startIsDeferred_data() { typeRows(); }
    void startIsDeferred() {
        const JobType t = type();
        std::unique_ptr<util::Job> job(t.make(Outcome::Succeed));
        job->start();
        QVERIFY(job->isStarted());
        QVERIFY(!t.begun(job.get()));
        QVERIFY(!job->isFinished());
        QSignalSpy spy(job.get(), &util::Job::finished); // connected after start(), as after a factory
        job->start();                                    // ignored
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, job.get(), kWaitMs);
        QVERIFY2(!e, qPrintable(e.toString()));
        turns();
        QCOMPARE(spy.size(), 1);
        t.checkSuccess(job.get()); // one doStart() (TestJob counts them)
    }

    void cancelBeforeStart_data() { typeRows(); }
    void cancelBeforeStart() {
        const JobType t = type();
        std::unique_ptr<util::Job> job(t.make(Outcome::Succeed));
        QSignalSpy spy(job.get(), &util::Job::finished);
        job->cancel();
        QCOMPARE(spy.size(), 1); // nothing to stop: at once
        QCOMPARE(job->error().code, ErrorCode::Cancelled);
        job->start(); // ignored after finished
        turns();
        QVERIFY(!job->isStarted());
        QVERIFY(!t.begun(job.get()));
        QCOMPARE(spy.size(), 1);
    }

    // Cancelled between start() and the turn doStart() would run in: the work never begins.
    void cancelBeforeFirstTurn_data() { typeRows(); }
    void cancelBeforeFirstTurn() {
        const JobType t = type();
        std::unique_ptr<util::Job> job(t.make(Outcome::Succeed));
        QSignalSpy spy(job.get(), &util::Job::finished);
        job->start();
        job->cancel();
        QCOMPARE(spy.size(), 1); // the work has not begun, so there is nothing to wind down
        QCOMPARE(job->error().code, ErrorCode::Cancelled);
        turns();
        QVERIFY(!t.begun(job.get()));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(job->error().code, ErrorCode::Cancelled);
    }

    void cancelWhileRunning_data() { typeRows(); }
    void cancelWhileRunning() {
        const JobType t = type();
        std::unique_ptr<util::Job> job;
        startRunning(t, job);
        if (QTest::currentTestFailed())
            return;
        const std::function<bool()> stopped = t.workStopped(job.get());
        QSignalSpy spy(job.get(), &util::Job::finished);
        job->cancel();
        QVERIFY(job->isCancelled());
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, job.get(), kWaitMs);
        QCOMPARE(e.code, ErrorCode::Cancelled);
        QVERIFY(!e.message.isEmpty());
        turns();
        QCOMPARE(spy.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(stopped(), kWaitMs);
    }

    void doubleCancel_data() { typeRows(); }
    void doubleCancel() {
        const JobType t = type();
        std::unique_ptr<util::Job> job;
        startRunning(t, job);
        if (QTest::currentTestFailed())
            return;
        QSignalSpy spy(job.get(), &util::Job::finished);
        job->cancel();
        job->cancel();
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, job.get(), kWaitMs);
        QCOMPARE(e.code, ErrorCode::Cancelled);
        job->cancel();
        turns();
        QCOMPARE(spy.size(), 1);
        if (auto* testJob = dynamic_cast<TestJob*>(job.get()))
            QCOMPARE(testJob->cancels, 1);
    }

    void cancelAfterFinished_data() { typeRows(); }
    void cancelAfterFinished() {
        const JobType t = type();
        std::unique_ptr<util::Job> job(t.make(Outcome::Succeed));
        QSignalSpy spy(job.get(), &util::Job::finished);
        job->start();
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, job.get(), kWaitMs);
        QVERIFY2(!e, qPrintable(e.toString()));
        job->cancel();
        turns();
        QCOMPARE(spy.size(), 1);
        QCOMPARE(job->error().code, ErrorCode::None);
        QVERIFY(!job->isCancelled());
        t.checkSuccess(job.get());
    }

    // Deleting abandons: no signal, no crash, and the work (a thread's loop, a process group) stops.
    void deleteWhileRunning_data() { typeRows(); }
    void deleteWhileRunning() {
        const JobType t = type();
        std::unique_ptr<util::Job> job;
        startRunning(t, job);
        if (QTest::currentTestFailed())
            return;
        const std::function<bool()> stopped = t.workStopped(job.get());
        QSignalSpy spy(job.get(), &util::Job::finished);
        QElapsedTimer clock;
        clock.start();
        job.reset();
        QVERIFY2(clock.elapsed() < 1000, "deleting a job must not wait for its work");
        QTRY_VERIFY_WITH_TIMEOUT(stopped(), kWaitMs);
        turns();
        QCOMPARE(spy.size(), 0);
    }

    void deleteBeforeFirstTurn_data() { typeRows(); }
    void deleteBeforeFirstTurn() {
        const JobType t = type();
        std::unique_ptr<util::Job> job(t.make(Outcome::RunUntilStopped));
        QSignalSpy spy(job.get(), &util::Job::finished);
        job->start();
        job.reset();
        turns(); // the pending doStart() died with the job
        QCOMPARE(spy.size(), 0);
    }

    void progress_data() { typeRows(true); }
    void progress() {
        const JobType t = type();
        std::unique_ptr<util::Job> job(t.make(Outcome::Succeed));
        QCOMPARE(job->percent(), -1); // unknown total
        QList<int> percents;
        QStringList texts;
        connect(job.get(), &util::Job::progressChanged, this, [&] {
            percents << job->percent();
            texts << job->progressText();
        });
        job->start();
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, job.get(), kWaitMs);
        QVERIFY2(!e, qPrintable(e.toString()));
        QCOMPARE(percents, (QList<int>{0, 33, 66, 100}));
        QCOMPARE(texts.first(), QStringLiteral("Counting"));
        QCOMPARE(texts.last(), QStringLiteral("Counted 3 of 3"));
        QCOMPARE(job->processed(), job->total());
    }

    // The shared helper: a job that never finishes is a test failure that names it, not a hang.
    void waitForJobReportsTimeout() {
        TestJob job(Outcome::RunUntilStopped, false);
        job.setObjectName(QStringLiteral("stuck"));
        job.start();
        QEXPECT_FAIL("", "waitForJob records the timeout as a failure", Continue);
        const util::Error e = testsupport::waitForJob(&job, 50);
        QCOMPARE(e.code, ErrorCode::Timeout);
        QVERIFY2(e.message.contains(QLatin1String("(stuck, started) did not finish within 50 ms")),
                 qPrintable(e.message));
        QVERIFY(!job.isFinished());
    }

    // --- What only ProcessJob promises ---

    void processArgvIsNotAShellString() {
        ProcessSpec spec;
        spec.program = QStringLiteral("printf");
        const QStringList words{QStringLiteral("two words; echo injected"), QStringLiteral("$HOME"),
                                QStringLiteral("*"), QStringLiteral("'quoted' \"twice\""), QString()};
        spec.arguments = QStringList{QStringLiteral("%s|\n")} + words;
        ProcessJob job(spec);
        job.start();
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, &job, kWaitMs);
        QVERIFY2(!e, qPrintable(e.toString()));
        QCOMPARE(job.result().exitCode, 0);
        QCOMPARE(QString::fromUtf8(job.result().standardOutput),
                 QString(words.join(QStringLiteral("|\n")) + QStringLiteral("|\n")));
    }

    void processEnvironmentAndWorkingDirectory() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ProcessSpec spec;
        spec.program = QStringLiteral("sh");
        spec.arguments = {QStringLiteral("-c"),
                          QStringLiteral(R"(printf '%s\n' "$SAGEDOCK_JOB_TEST" "${HOME-unset}"; pwd -P)")};
        // The given environment replaces ours (HOME is not inherited); values keep spaces and '='.
        spec.environment = QStringList{QStringLiteral("SAGEDOCK_JOB_TEST=10.5.beta3 a=b; c"),
                                       QStringLiteral("PATH=") + qEnvironmentVariable("PATH")};
        spec.workingDirectory = dir.path();
        ProcessJob job(spec);
        job.start();
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, &job, kWaitMs);
        QVERIFY2(!e, qPrintable(e.toString()));
        QCOMPARE(QString::fromUtf8(job.result().standardOutput),
                 QString(QStringLiteral("10.5.beta3 a=b; c\nunset\n") +
                         QFileInfo(dir.path()).canonicalFilePath() + QStringLiteral("\n")));
        QVERIFY(
            ProcessJob::systemEnvironment().contains(QStringLiteral("PATH=") + qEnvironmentVariable("PATH")));
    }

    void processTimeout() {
        ProcessSpec spec;
        spec.program = QStringLiteral("sleep");
        spec.arguments = {QStringLiteral("982")};
        spec.timeoutMs = 300;
        ProcessJob job(spec);
        qint64 pid = 0;
        connect(&job, &ProcessJob::started, this, [&pid](qint64 p) { pid = p; });
        job.start();
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, &job, kWaitMs);
        QCOMPARE(e.code, ErrorCode::Timeout);
        QVERIFY2(e.message.contains(QLatin1String("sleep")), qPrintable(e.message));
        QVERIFY(pid > 0);
        QCOMPARE(pid, job.pid());
        QTRY_VERIFY_WITH_TIMEOUT(!groupRunning(pid), kWaitMs);
    }

    // SIGINT goes to the whole group: the grandchild's own trap runs (it leaves a file), and the
    // job ends long before the SIGKILL that would follow the grace period.
    void processCancelReachesGrandchild() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString marker = dir.filePath(QStringLiteral("grandchild-got-SIGINT"));
        ProcessSpec spec;
        spec.program = QStringLiteral("sh");
        // The leader waits for its child in the foreground; the child traps SIGINT and waits for a
        // background sleep (started with SIGINT ignored, as POSIX shells do) that only the group kill ends.
        const QString child =
            QStringLiteral(R"(trap 'touch "$1"; exit 0' INT; sleep 980 & echo ready; wait)");
        spec.arguments = {
            QStringLiteral("-c"),
            QStringLiteral(R"(trap 'echo leader-got-INT' INT; sh -c "$1" child "$2"; echo leader-done)"),
            QStringLiteral("leader"), child, marker};
        spec.killGraceMs = 10 * 60 * 1000;
        ProcessJob job(spec);
        QByteArray out;
        connect(&job, &ProcessJob::standardOutputReceived, this, [&out](const QByteArray& c) { out += c; });
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(out.contains("ready"), kWaitMs);
        const qint64 pgid = job.pid();
        QVERIFY(groupRunning(pgid));
        job.cancel();
        QVERIFY(!job.isFinished()); // winds down: finished() follows when the leader has exited
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, &job, kWaitMs);
        QCOMPARE(e.code, ErrorCode::Cancelled);
        QVERIFY2(QFile::exists(marker), "SIGINT did not reach the grandchild");
        QCOMPARE(job.result().standardOutput, QByteArray("ready\nleader-got-INT\nleader-done\n"));
        QCOMPARE(job.result().exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!groupRunning(pgid), kWaitMs); // the background sleep too
    }

    // Cancelled in the turn the program is being started, before its pid is reported: SIGINT still
    // goes out once the pid is known, not only SIGKILL at the end of the grace period.
    void processCancelWhileStarting() {
        ProcessSpec spec;
        spec.program = QStringLiteral("sleep");
        spec.arguments = {QStringLiteral("977")};
        spec.killGraceMs = 10 * 60 * 1000;
        ProcessJob job(spec);
        qint64 pidAtCancel = -1;
        job.start();
        // Queued behind doStart(), so it runs right after it.
        QTimer::singleShot(0, &job, [&] {
            pidAtCancel = job.pid();
            job.cancel();
        });
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, &job, kWaitMs);
        QCOMPARE(e.code, ErrorCode::Cancelled);
        QVERIFY2(pidAtCancel == 0, "the cancel came after the start was reported: this row tests nothing");
        QTRY_VERIFY_WITH_TIMEOUT(!groupRunning(job.pid()), kWaitMs);
    }

    // Deleted in the turn the program is being started, before its pid is reported: the forked child
    // is killed all the same, not left running without an owner.
    void processDeleteWhileStarting() {
        QCOMPARE(livingChildren(), QStringList()); // earlier rows left nothing behind
        ProcessSpec spec;
        spec.program = QStringLiteral("sleep");
        spec.arguments = {QStringLiteral("976")};
        auto* job = new ProcessJob(spec);
        QSignalSpy spy(job, &util::Job::finished);
        qint64 pidAtDelete = -1;
        job->start();
        // Queued behind doStart() (which forks), so it runs right after it.
        QTimer::singleShot(0, this, [&] {
            pidAtDelete = job->pid();
            delete job;
        });
        QTRY_VERIFY_WITH_TIMEOUT(pidAtDelete >= 0, kWaitMs);
        QVERIFY2(pidAtDelete == 0, "the delete came after the start was reported: this row tests nothing");
        QTRY_COMPARE_WITH_TIMEOUT(livingChildren(), QStringList(), kWaitMs);
        QCOMPARE(spy.size(), 0);
    }

    // A child that traps SIGINT and carries on gets SIGKILL (with everything in its group) after the grace.
    void processKillAfterGrace() {
        ProcessSpec spec;
        spec.program = QStringLiteral("sh");
        spec.arguments = {
            QStringLiteral("-c"),
            QStringLiteral("trap 'echo ignoring-INT' INT; echo ready; while :; do sleep 979 & wait; done")};
        spec.killGraceMs = 500;
        ProcessJob job(spec);
        QByteArray out;
        connect(&job, &ProcessJob::standardOutputReceived, this, [&out](const QByteArray& c) { out += c; });
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(out.contains("ready"), kWaitMs);
        const qint64 pgid = job.pid();
        QElapsedTimer clock;
        clock.start();
        job.cancel();
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, &job, kWaitMs);
        // QTimer's default coarse timers may fire up to 5 % early.
        QVERIFY2(clock.elapsed() >= spec.killGraceMs * 95 / 100,
                 qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(e.code, ErrorCode::Cancelled);
        QVERIFY(job.result().standardOutput.contains("ignoring-INT")); // SIGINT came first
        QVERIFY(job.result().crashed);                                 // then SIGKILL
        QTRY_VERIFY_WITH_TIMEOUT(!groupRunning(pgid), kWaitMs);
    }

    void processFailsToStart() {
        ProcessSpec spec;
        spec.program = QStringLiteral("/nonexistent/sagedock-helper");
        ProcessJob job(spec);
        job.start();
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, &job, kWaitMs);
        QCOMPARE(e.code, ErrorCode::Process);
        QVERIFY2(e.message.startsWith(QLatin1String("Could not start sagedock-helper")),
                 qPrintable(e.message));
        QVERIFY2(e.hint.contains(QLatin1String("sagedock-helper")), qPrintable(e.hint));
        turns();
        QVERIFY(job.isFinished());
    }

    // The result keeps maxCapturedBytes of each channel; the output signals see everything.
    void processOutputIsCapped() {
        ProcessSpec spec;
        spec.program = QStringLiteral("sh");
        spec.arguments = {QStringLiteral("-c"), QStringLiteral("head -c 1000000 /dev/zero; echo oops >&2")};
        spec.maxCapturedBytes = 4096;
        ProcessJob job(spec);
        qint64 seen = 0;
        connect(&job, &ProcessJob::standardOutputReceived, this,
                [&seen](const QByteArray& c) { seen += c.size(); });
        job.start();
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, &job, kWaitMs);
        QVERIFY2(!e, qPrintable(e.toString()));
        QCOMPARE(seen, 1000000);
        QCOMPARE(job.result().standardOutput, QByteArray(4096, '\0'));
        QCOMPARE(job.result().standardError, QByteArray("oops\n"));
        QVERIFY(job.result().outputTruncated);
        QCOMPARE(job.result().exitCode, 0);
    }

    // How the program ended is the result, not an error of the job.
    void processExitStatus_data() {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<bool>("crashed");
        QTest::newRow("exit 0") << QStringLiteral("exit 0") << 0 << false;
        QTest::newRow("exit 3") << QStringLiteral("exit 3") << 3 << false;
        QTest::newRow("exit 127 (command not found)")
            << QStringLiteral("sagedock-no-such-command") << 127 << false;
        QTest::newRow("SIGKILL") << QStringLiteral("kill -KILL $$") << -1 << true;
        QTest::newRow("SIGTERM") << QStringLiteral("kill -TERM $$") << -1 << true;
    }
    void processExitStatus() {
        QFETCH(QString, script);
        QFETCH(int, exitCode);
        QFETCH(bool, crashed);
        std::unique_ptr<ProcessJob> job(shellJob(script));
        job->start();
        util::Error e;
        SAGEDOCK_WAIT_FOR_JOB(e, job.get(), kWaitMs);
        QVERIFY2(!e, qPrintable(e.toString()));
        QCOMPARE(job->result().exitCode, exitCode);
        QCOMPARE(job->result().crashed, crashed);
        QVERIFY(!job->result().outputTruncated);
    }
};

QTEST_GUILESS_MAIN(TestJobContract)
#include "tst_jobcontract.moc"
