// The job contract (util/job.h) for the engine and launch jobs, against the real engine with the fixture
// images: a pull from the test registry, a followed container log, the engine's event stream, a whole
// launch, and a detached program (launch::startDetached). Every job type runs every scenario:
//   start                 — finished() comes one event-loop turn later at the earliest, then exactly once;
//   cancel before start   — finished(Cancelled) at once, and the work never begins;
//   cancel after start    — cancelled while it works: finished(Cancelled) once, nothing after it;
//   double cancel         — a second cancel() (and one after the end) changes nothing;
//   delete while running  — no signal, no crash, nothing delivered to the dead job afterwards.
// "While it works" is a signal of the job's own that proves the work is under way (the first progress,
// log line, event, state or the program's start), so no scenario depends on timing.

#include "../launch/registryonlyimage.h"
#include "../launch/sessionhelpers.h"
#include "engine/engineclient.h"
#include "engine/enginejobs.h"
#include "launch/desktop.h"
#include "launch/launcher.h"
#include "testenvironment.h"
#include "util/processjob.h"

#include <QPointer>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace sagedock;

namespace {

// One job type: how to make it (started, as its factory returns it) and how to see it at work.
struct JobType {
    std::function<util::Job*()> make;
    // Connects `working` to the job's first sign of being under way (called once).
    std::function<void(util::Job*, std::function<void()> working)> onWorking;
    std::function<void()> poke;       // makes the work happen (an event to report); may be empty
    bool endsByItself = true;         // finishes without cancel()
    bool runsAfterStartSignal = true; // still running when `working` fired (not so for detached)
};

} // namespace

class TestJobContract : public QObject {
    Q_OBJECT
    QString m_label;
    QString m_registry;
    QString m_pullImage; // only in the test registry: pulling it downloads and unpacks
    std::unique_ptr<engine::Client> m_client;
    QTemporaryDir m_tmp;

    // A container of the fixture image that prints "ready" and then sleeps `seconds`.
    QString runContainer(int seconds) {
        QByteArray out;
        const int code = testsupport::runDocker(
            {QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--label"),
             QStringLiteral("org.sagedock.test=") + m_label, QStringLiteral("--entrypoint"),
             QStringLiteral("sh"), testsupport::fixtureImage(QStringLiteral("sagemath")),
             QStringLiteral("-c"), QStringLiteral("echo ready; sleep %1").arg(seconds)},
            &out);
        return code == 0 ? QString::fromUtf8(out.trimmed()) : QString();
    }

    JobType jobType(const QString& name, bool natural) {
        JobType t;
        if (name == QLatin1String("pull")) {
            t.make = [this] { return m_client->pull(m_pullImage); };
            t.onWorking = [](util::Job* job, std::function<void()> working) {
                QObject::connect(job, &util::Job::progressChanged, job, working, Qt::SingleShotConnection);
            };
        } else if (name == QLatin1String("logs")) {
            // The natural end of a followed log is the container's exit.
            const QString id = runContainer(natural ? 1 : 300);
            t.make = [this, id] { return m_client->followLogs(id, false); };
            t.onWorking = [](util::Job* job, std::function<void()> working) {
                QObject::connect(static_cast<engine::LogStream*>(job), &engine::LogStream::line, job, working,
                                 Qt::SingleShotConnection);
            };
        } else if (name == QLatin1String("events")) {
            t.make = [this] {
                return m_client->events({QStringLiteral("org.sagedock.test=") + m_label},
                                        {QStringLiteral("create")});
            };
            t.onWorking = [](util::Job* job, std::function<void()> working) {
                QObject::connect(static_cast<engine::EventStream*>(job), &engine::EventStream::event, job,
                                 working, Qt::SingleShotConnection);
            };
            // The stream reports only what happens after it connected: create containers until one is seen.
            t.poke = [this] {
                testsupport::runDocker({QStringLiteral("create"), QStringLiteral("--label"),
                                        QStringLiteral("org.sagedock.test=") + m_label,
                                        testsupport::fixtureImage(QStringLiteral("sagemath"))});
            };
            t.endsByItself = false;
        } else if (name == QLatin1String("launcher")) {
            t.make = [this] {
                launch::LaunchOptions o;
                o.image = testsupport::fixtureImage(QStringLiteral("sagemath"));
                o.notebooksFolder = m_tmp.filePath(QStringLiteral("nb"));
                o.extraLabels.insert(QStringLiteral("org.sagedock.test"), m_label);
                o.readyTimeoutMs = 30000;
                auto* job = new launch::Launcher(m_client.get(), o);
                job->start();
                return job;
            };
            t.onWorking = [](util::Job* job, std::function<void()> working) {
                // A working state, not the Cancelled that cancel() itself reports.
                auto fired = std::make_shared<bool>(false);
                QObject::connect(static_cast<launch::Launcher*>(job), &launch::Launcher::stateChanged, job,
                                 [working, fired](launch::Launcher::State s) {
                                     using State = launch::Launcher::State;
                                     if (*fired || s == State::Cancelled || s == State::Failed)
                                         return;
                                     *fired = true;
                                     working();
                                 });
            };
        } else if (name == QLatin1String("detached process")) {
            t.make = [] { return launch::startDetached({QStringLiteral("/bin/true")}); };
            t.onWorking = [](util::Job* job, std::function<void()> working) {
                QObject::connect(static_cast<util::ProcessJob*>(job), &util::ProcessJob::started, job,
                                 working, Qt::SingleShotConnection);
            };
            // Finished as soon as it started: there is no "running" to delete it in.
            t.runsAfterStartSignal = false;
        }
        return t;
    }

    static bool waitUntil(const JobType& t, const bool& flag) {
        for (int i = 0; i < 30; ++i) {
            if (t.poke)
                t.poke();
            if (QTest::qWaitFor([&flag] { return flag; }, 2000))
                return true;
        }
        return false;
    }

    // Lets whatever is still queued for a job (engine answers, timers) arrive: one engine round trip
    // through the same transport and event loop.
    void drain() {
        const auto ping = testsupport::awaitResult<engine::PingInfo>(
            [&](QObject* c, auto done) { m_client->ping(c, done); });
        QVERIFY2(ping.ok(), qPrintable(ping.error().toString()));
    }

private Q_SLOTS:
    void initTestCase() {
        SAGEDOCK_REQUIRE_ENGINE();
        SAGEDOCK_REQUIRE_REGISTRY(m_registry);
        QVERIFY(m_tmp.isValid());
        m_label = QStringLiteral("contract-%1").arg(QCoreApplication::applicationPid());
        auto ep = engine::parseHost(QStringLiteral("unix://") + testsupport::dockerSocket());
        QVERIFY(ep.ok());
        m_client = std::make_unique<engine::Client>(ep.value());
        drain(); // negotiated before the first job
        // 20 MB of random bytes: the pull is still at work well after its first progress.
        m_pullImage = m_registry + QStringLiteral("/sagedock-test/contract-pull:") + m_label;
        QString why;
        QVERIFY2(testsupport::pushRegistryOnlyImage(m_pullImage, 20'000'000, m_label, &why), qPrintable(why));
    }

    void cleanup() {
        testsupport::removeTestContainers(m_label);
        testsupport::runDocker({QStringLiteral("rmi"), QStringLiteral("-f"), m_pullImage});
    }

    void contract_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("scenario");
        for (const char* type : {"pull", "logs", "events", "launcher", "detached process"})
            for (const char* scenario : {"start", "cancel before start", "cancel after start",
                                         "double cancel", "delete while running"}) {
                // A detached process finishes as soon as it has started: there is no running job to delete.
                if (QByteArray(type) == "detached process" && QByteArray(scenario) == "delete while running")
                    continue;
                QTest::addRow("%s: %s", type, scenario)
                    << QString::fromLatin1(type) << QString::fromLatin1(scenario);
            }
    }

    void contract() {
        QFETCH(QString, type);
        QFETCH(QString, scenario);
        const JobType t = jobType(type, scenario == QLatin1String("start"));

        std::unique_ptr<util::Job> job(t.make());
        QList<util::Error> results;
        connect(job.get(), &util::Job::finished, this, [&results](const util::Error& e) { results << e; });
        bool working = false;
        t.onWorking(job.get(), [&] {
            working = true;
            if (scenario == QLatin1String("cancel after start")) {
                job->cancel();
            } else if (scenario == QLatin1String("double cancel")) {
                job->cancel();
                job->cancel();
            }
        });
        // Started by its factory, but nothing has happened yet: callers connect after it returns.
        QVERIFY(job->isStarted());
        QVERIFY(!job->isFinished());
        QVERIFY(results.isEmpty());

        if (scenario == QLatin1String("start")) {
            if (t.endsByItself) {
                QTRY_COMPARE_WITH_TIMEOUT(results.size(), 1, 120000);
                QVERIFY2(!results.first(), qPrintable(results.first().toString()));
            } else {
                QVERIFY(waitUntil(t, working));
                QVERIFY(!job->isFinished());
                job->cancel();
                QCOMPARE(results.size(), 1);
                QCOMPARE(results.first().code, util::ErrorCode::Cancelled);
            }
            QVERIFY(working);
            // cancel() after the end does nothing.
            const util::Error end = job->error();
            job->cancel();
            QCOMPARE(job->error().code, end.code);
        } else if (scenario == QLatin1String("cancel before start")) {
            job->cancel();
            QCOMPARE(results.size(), 1); // at once
            QCOMPARE(results.first().code, util::ErrorCode::Cancelled);
            drain();
            QVERIFY2(!working, "the work began after cancel()");
        } else if (scenario == QLatin1String("cancel after start") ||
                   scenario == QLatin1String("double cancel")) {
            QVERIFY(waitUntil(t, working));
            QCOMPARE(results.size(), 1); // at once, from inside the job's own signal
            QCOMPARE(results.first().code, util::ErrorCode::Cancelled);
        } else if (scenario == QLatin1String("delete while running")) {
            QVERIFY(waitUntil(t, working));
            QVERIFY2(!job->isFinished(), qPrintable(job->error().toString()));
            job.reset();
            QVERIFY(results.isEmpty());
        }
        drain();
        QVERIFY2(results.size() <= 1, "finished() came more than once");
        if (job) {
            QVERIFY(job->isFinished());
            QCOMPARE(job->error().code, results.first().code);
        }
    }
};

QTEST_GUILESS_MAIN(TestJobContract)
#include "tst_jobcontract.moc"
