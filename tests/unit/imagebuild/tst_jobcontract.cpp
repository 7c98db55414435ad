// The util::Job contract for the build side's jobs, one table for all of them: the planner, the docker
// CLI probe and the runner; finished once after start(), cancel() before the first event-loop turn,
// cancel() while the job's child process runs (a script that records its pid and sleeps), cancel()
// twice, and deleting a running job. After a cancel or a delete nothing the job started is left running.

#include "imagebuild/buildplanner.h"
#include "imagebuild/buildrunner.h"
#include "imagebuild/clicapabilities.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace sagedock;

namespace {
enum class Kind { Planner, Probe, Runner };
enum class Scenario { Start, CancelBeforeStart, CancelWhileRunning, DoubleCancel, DeleteWhileRunning };
} // namespace

Q_DECLARE_METATYPE(Kind)
Q_DECLARE_METATYPE(Scenario)

namespace {

bool writeExecutable(const QString& path, const QByteArray& text) {
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size())
        return false;
    f.close();
    return f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
}

bool alive(qint64 pid) {
    return pid > 0 && ::kill(pid_t(pid), 0) == 0;
}

class TestJobContract : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

    QString pidFile() const { return m_tmp.filePath(QStringLiteral("child.pid")); }
    // A program that answers like `docker --version` / `buildx version` at once, or — `sleeps` —
    // records its pid and sleeps (the running case).
    QByteArray script(bool sleeps) const {
        if (sleeps)
            return "#!/bin/sh\necho $$ > '" + pidFile().toUtf8() + "'\nexec sleep 60\n";
        return "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'Docker version 20.10.24, build abc'; "
               "fi\nexit 0\n";
    }

    // A job of `kind` whose child process sleeps (or answers at once).
    util::Job* makeJob(Kind kind, bool sleeps) {
        const QString docker = m_tmp.filePath(QStringLiteral("bin/docker"));
        if (!writeExecutable(docker, script(sleeps)))
            return nullptr;
        switch (kind) {
        case Kind::Planner: {
            // A Sage checkout whose Dockerfile generator is the script.
            const QString root = m_tmp.filePath(QStringLiteral("sage"));
            QDir().mkpath(root + QStringLiteral("/src"));
            QFile version(root + QStringLiteral("/src/VERSION.txt"));
            if (!version.open(QIODevice::WriteOnly) || version.write("10.9\n") < 0)
                return nullptr;
            version.close();
            const QByteArray generator =
                sleeps ? script(true) : QByteArray("#!/bin/sh\necho 'FROM scratch AS with-targets'\n");
            if (!writeExecutable(root + QStringLiteral("/.github/workflows/write-dockerfile.sh"), generator))
                return nullptr;
            auto* planner = new imagebuild::Planner;
            imagebuild::SageBuildOptions o;
            o.sourceDir = root;
            o.system = QStringLiteral("ubuntu-jammy");
            o.common.tag = QStringLiteral("contract"); // no git describe
            planner->setOptions(o);
            return planner;
        }
        case Kind::Probe: {
            auto* probe = new imagebuild::CliProbe;
            probe->setCandidates({docker});
            probe->setCacheFile({});
            return probe;
        }
        case Kind::Runner: {
            imagebuild::BuildPlan plan;
            plan.mode = imagebuild::BuildPlan::Mode::Generic;
            plan.contextDir = m_tmp.path();
            plan.sourceDir = m_tmp.path();
            plan.dockerfilePath = m_tmp.filePath(QStringLiteral("Dockerfile"));
            plan.dockerfileText = "FROM scratch AS one\n";
            plan.tag = QStringLiteral("contract");
            imagebuild::PlannedStage stage;
            stage.name = QStringLiteral("one");
            stage.image = QStringLiteral("sagedock-contract-one");
            stage.tags << plan.tag;
            plan.stages << stage;
            imagebuild::RunOptions options;
            imagebuild::CliCapabilities caps; // known: the runner skips its own probe
            caps.program = docker;
            caps.clientVersion = QStringLiteral("20.10.24");
            options.capabilities = caps;
            options.historyPath = m_tmp.filePath(QStringLiteral("history.jsonl"));
            options.logDirectory = m_tmp.filePath(QStringLiteral("logs"));
            auto* runner = new imagebuild::Runner;
            runner->setPlan(plan, options);
            return runner;
        }
        }
        return nullptr;
    }

    qint64 waitForChild() const {
        qint64 pid = 0;
        [[maybe_unused]] const bool started = QTest::qWaitFor( // 0 = never started
            [&] {
                QFile f(pidFile());
                pid = f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : 0;
                return pid > 0;
            },
            20000);
        return pid;
    }

private Q_SLOTS:
    void initTestCase() {
        qRegisterMetaType<util::Error>();
        QVERIFY(m_tmp.isValid());
    }

    void cleanup() { QFile::remove(pidFile()); }

    void contract_data() {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<Scenario>("scenario");
        const QList<std::pair<const char*, Kind>> kinds = {
            {"planner", Kind::Planner}, {"probe", Kind::Probe}, {"runner", Kind::Runner}};
        const QList<std::pair<const char*, Scenario>> scenarios = {
            {"start", Scenario::Start},
            {"cancel before start", Scenario::CancelBeforeStart},
            {"cancel while running", Scenario::CancelWhileRunning},
            {"double cancel", Scenario::DoubleCancel},
            {"delete while running", Scenario::DeleteWhileRunning}};
        for (const auto& [kindName, kind] : kinds)
            for (const auto& [scenarioName, scenario] : scenarios)
                QTest::addRow("%s: %s", kindName, scenarioName) << kind << scenario;
    }

    void contract() {
        QFETCH(Kind, kind);
        QFETCH(Scenario, scenario);
        const bool running = scenario != Scenario::Start && scenario != Scenario::CancelBeforeStart;
        QPointer<util::Job> job = makeJob(kind, running);
        QVERIFY(job);
        QSignalSpy finished(job.data(), &util::Job::finished);

        if (scenario == Scenario::CancelBeforeStart) {
            job->start();
            job->cancel(); // before the deferred start ran: finished at once, nothing is started
            QCOMPARE(finished.size(), 1);
            QCOMPARE(finished.first().first().value<util::Error>().code, util::ErrorCode::Cancelled);
            QTest::qWait(50);
            QVERIFY(!QFile::exists(pidFile()));
            QCOMPARE(finished.size(), 1);
            delete job;
            return;
        }
        job->start();
        QCOMPARE(finished.size(), 0); // start() defers the work one event-loop turn
        if (scenario == Scenario::Start) {
            QVERIFY(finished.wait(20000));
            QCOMPARE(finished.size(), 1);
            QVERIFY(finished.first().first().value<util::Error>().code != util::ErrorCode::Cancelled);
            QVERIFY(job->isFinished());
            job->cancel(); // after finished(): nothing
            QTest::qWait(20);
            QCOMPARE(finished.size(), 1);
            QCOMPARE(job->error().code, finished.first().first().value<util::Error>().code);
            delete job;
            return;
        }
        const qint64 pid = waitForChild();
        QVERIFY2(alive(pid), "the job's child process did not start");
        QCOMPARE(finished.size(), 0);
        if (scenario == Scenario::DeleteWhileRunning) {
            delete job; // abandons it: no signal, and its process group is killed without waiting
            QVERIFY(job.isNull());
            QCOMPARE(finished.size(), 0);
            QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 10000);
            return;
        }
        job->cancel();
        if (scenario == Scenario::DoubleCancel)
            job->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QCOMPARE(finished.first().first().value<util::Error>().code, util::ErrorCode::Cancelled);
        QCOMPARE(job->error().code, util::ErrorCode::Cancelled);
        job->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 10000);
        QCOMPARE(finished.size(), 1); // exactly once, also after the process has gone
        delete job;
    }
};

} // namespace

QTEST_GUILESS_MAIN(TestJobContract)
#include "tst_jobcontract.moc"
