// The util::Job contract, row by row, for every job type of the network side: http::Reply,
// the four registry calls, the credential helper and the matrix refresh. Each type runs against
// real parts (the test registry, a FaultProxy in front of it that stalls every path containing
// "stall", a credential-helper script that hangs on request) through the same scenarios: start,
// cancel before start, cancel while running, double cancel, delete while running.

#include "faultproxy.h"
#include "http/transport.h"
#include "matrix/refreshjob.h"
#include "registry/credentials.h"
#include "registry/manifestparser.h"
#include "registry/registryclient.h"
#include "registryseed.h"
#include "scriptonpath.h"
#include "testenvironment.h"

#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <memory>

#include <signal.h>

using namespace sagedock;
using namespace sagedock::testsupport;
using util::ErrorCode;

namespace {

// Stands in for docker-credential-<name>: answers for "ghcr.io"; for "stall.example" notes its pid
// in $SAGEDOCK_TEST_HELPER_PID (so the test sees it running) and hangs.
const char kHelper[] = R"(#!/bin/sh
read -r key || true
case "$key" in
  stall.example) echo $$ > "$SAGEDOCK_TEST_HELPER_PID.tmp"; mv "$SAGEDOCK_TEST_HELPER_PID.tmp" "$SAGEDOCK_TEST_HELPER_PID"; exec sleep 60 ;;
  *) printf '{"ServerURL":"%s","Username":"u","Secret":"s"}' "$key" ;;
esac
)";

enum class Scenario { Start, CancelBeforeStart, CancelWhileRunning, DoubleCancel, DeleteWhileRunning };

} // namespace

Q_DECLARE_METATYPE(Scenario)

class TestJobContract : public QObject {
    Q_OBJECT

    // A job made for one row; `stall` = work that does not end by itself. running() turns true once
    // the work is in flight (a request reached the proxy, the helper process runs).
    struct Subject {
        std::unique_ptr<util::Job> job;
        std::function<bool()> running;
    };
    using Factory = std::function<Subject(TestJobContract& t, bool stall)>;

    QString m_registry;
    std::unique_ptr<ScriptOnPath> m_helper;
    QString m_pidFile;
    std::unique_ptr<http::Transport> m_transport;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<registry::Client> m_client;
    QString m_path;   // a seeded repository with tag "dev"
    QString m_config; // its config digest
    QString m_matrixPrefix;

    bool stalledRequestSeen() const { return m_proxy->count(QByteArray(), QStringLiteral("stall")) > 0; }
    registry::Repository repository(bool stall) const {
        return {m_proxy->address(), stall ? QStringLiteral("stall/") + m_path : m_path};
    }
    std::function<bool()> proxySeesStall() {
        const int before = m_proxy->count(QByteArray(), QStringLiteral("stall"));
        return [this, before] { return m_proxy->count(QByteArray(), QStringLiteral("stall")) > before; };
    }

    // A full round trip through the transport thread and the event loop: whatever a finished job
    // might still have had queued for it is delivered by the time this returns.
    bool settle() {
        http::Request r;
        r.url = QUrl(QStringLiteral("http://%1/v2/").arg(m_registry));
        std::unique_ptr<http::Reply> canary(m_transport->send(r));
        QSignalSpy spy(canary.get(), &util::Job::finished);
        return spy.wait(20000) && !canary->error();
    }

    static QMap<QString, Factory> factories() {
        QMap<QString, Factory> f;
        f.insert(QStringLiteral("http reply"), [](TestJobContract& t, bool stall) {
            http::Request r;
            r.url = QUrl(QStringLiteral("http://%1/v2/%2")
                             .arg(t.m_proxy->address(), stall ? QStringLiteral("stall") : QString()));
            auto running = t.proxySeesStall();
            return Subject{std::unique_ptr<util::Job>(t.m_transport->send(r)), running};
        });
        f.insert(QStringLiteral("registry tags"), [](TestJobContract& t, bool stall) {
            auto running = t.proxySeesStall();
            return Subject{std::unique_ptr<util::Job>(t.m_client->listTags(t.repository(stall))), running};
        });
        f.insert(QStringLiteral("registry manifest"), [](TestJobContract& t, bool stall) {
            auto running = t.proxySeesStall();
            return Subject{
                std::unique_ptr<util::Job>(t.m_client->manifest(t.repository(stall), QStringLiteral("dev"))),
                running};
        });
        f.insert(QStringLiteral("registry config"), [](TestJobContract& t, bool stall) {
            auto running = t.proxySeesStall();
            // Config blobs are cached by digest: the stalling call asks for one nobody fetched.
            const QString digest = stall ? registry::computeDigest("never fetched") : t.m_config;
            return Subject{std::unique_ptr<util::Job>(t.m_client->config(t.repository(stall), digest)),
                           running};
        });
        f.insert(QStringLiteral("registry digest"), [](TestJobContract& t, bool stall) {
            auto running = t.proxySeesStall();
            return Subject{std::unique_ptr<util::Job>(
                               t.m_client->headDigest(t.repository(stall), QStringLiteral("dev"))),
                           running};
        });
        f.insert(QStringLiteral("credential helper"), [](TestJobContract& t, bool stall) {
            QFile::remove(t.m_pidFile);
            auto job = std::make_unique<registry::CredentialHelper>(
                QStringLiteral("sagedockcontract"),
                stall ? QStringLiteral("stall.example") : QStringLiteral("ghcr.io"), 30000);
            return Subject{std::move(job), [&t] { return QFile::exists(t.m_pidFile); }};
        });
        f.insert(QStringLiteral("matrix refresh"), [](TestJobContract& t, bool stall) {
            matrix::MatrixRequest r;
            r.repositoryPrefix = t.m_matrixPrefix + (stall ? QStringLiteral("stall/") : QString());
            r.systems = {QStringLiteral("ubuntu-jammy"), QStringLiteral("fedora-41")};
            r.packages = {QStringLiteral("standard")};
            auto running = t.proxySeesStall();
            return Subject{std::make_unique<matrix::RefreshJob>(*t.m_client, r), running};
        });
        return f;
    }

    // The helper's pid, once it wrote it.
    qint64 helperPid() const {
        QFile f(m_pidFile);
        return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : 0;
    }

private Q_SLOTS:
    void initTestCase() {
        SAGEDOCK_REQUIRE_ENGINE();
        SAGEDOCK_REQUIRE_REGISTRY(m_registry);
        m_helper = std::make_unique<ScriptOnPath>(QStringLiteral("docker-credential-sagedockcontract"),
                                                  QByteArray(kHelper));
        QVERIFY(m_helper->isValid());
        m_pidFile = m_helper->folder() + QStringLiteral("/helper.pid");
        qputenv("SAGEDOCK_TEST_HELPER_PID", m_pidFile.toLocal8Bit());

        const QString unique = QStringLiteral("contract-%1").arg(QCoreApplication::applicationPid());
        m_path = unique + QStringLiteral("/plain");
        RegistrySeed seed(m_registry);
        auto pushed = seed.pushImage(m_path, QStringLiteral("dev"),
                                     {RegistrySeed::config({}), {QByteArray("contract layer")}, true});
        QVERIFY2(pushed.ok(), qPrintable(pushed.error().toString()));
        m_config = pushed->configDigest;

        m_transport = std::make_unique<http::Transport>();
        m_proxy = std::make_unique<FaultProxy>(m_registry);
        QString why;
        QVERIFY2(m_proxy->start(&why), qPrintable(why));
        // The registry answers everything else; whatever names "stall" is accepted and never answered.
        m_proxy->addRule(
            {.path = QRegularExpression(QStringLiteral("stall")), .fault = FaultProxy::Fault::Stall});
        m_client = std::make_unique<registry::Client>(*m_transport);
        m_matrixPrefix = m_proxy->address() + QLatin1Char('/') + unique + QStringLiteral("/sage/");
    }

    void cleanupTestCase() {
        m_client.reset();
        m_proxy.reset();
        m_transport.reset();
        m_helper.reset();
    }

    void contract_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<Scenario>("scenario");
        const QList<std::pair<const char*, Scenario>> scenarios{
            {"start", Scenario::Start},
            {"cancel before start", Scenario::CancelBeforeStart},
            {"cancel while running", Scenario::CancelWhileRunning},
            {"double cancel", Scenario::DoubleCancel},
            {"delete while running", Scenario::DeleteWhileRunning},
        };
        for (const QString& type : factories().keys())
            for (const auto& [name, scenario] : scenarios)
                QTest::addRow("%s: %s", qPrintable(type), name) << type << scenario;
    }

    void contract() {
        QFETCH(QString, type);
        QFETCH(Scenario, scenario);
        const Factory make = factories().value(type);
        Subject s = make(*this, scenario != Scenario::Start);
        util::Job* job = s.job.get();
        QSignalSpy finished(job, &util::Job::finished);

        switch (scenario) {
        case Scenario::Start:
            job->start();
            job->start(); // a second start changes nothing
            QVERIFY(finished.wait(30000));
            QVERIFY2(!job->error(), qPrintable(job->error().toString()));
            break;
        case Scenario::CancelBeforeStart:
            // Factories may have started the job, but its first event-loop turn has not come yet.
            job->cancel();
            job->start(); // too late: a cancelled job never starts
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
            QCOMPARE(job->error().code, ErrorCode::Cancelled);
            // The work never began (a reply's transfer is handed to the transport in send(), so
            // whether its request got out is a race the cancel may lose).
            if (type != QLatin1String("http reply"))
                QVERIFY(!s.running());
            break;
        case Scenario::CancelWhileRunning:
        case Scenario::DoubleCancel:
            job->start();
            QTRY_VERIFY_WITH_TIMEOUT(s.running(), 20000);
            QVERIFY(!job->isFinished());
            job->cancel();
            if (scenario == Scenario::DoubleCancel)
                job->cancel();
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
            QCOMPARE(job->error().code, ErrorCode::Cancelled);
            QVERIFY(job->isCancelled());
            job->cancel(); // after finished(): nothing
            break;
        case Scenario::DeleteWhileRunning: {
            job->start();
            QTRY_VERIFY_WITH_TIMEOUT(s.running(), 20000);
            const qint64 pid = type == QLatin1String("credential helper") ? helperPid() : 0;
            int emitted = 0;
            connect(job, &util::Job::finished, this, [&emitted] { ++emitted; });
            s.job.reset();
            QVERIFY(settle());
            QCOMPARE(emitted, 0);
            // The helper's process group was stopped without anyone waiting for it.
            if (pid > 0)
                QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(pid), 0) != 0, 10000);
            return;
        }
        }
        QVERIFY(job->isFinished());
        // Exactly once: nothing else arrives, however long the loop runs.
        QVERIFY(settle());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().value<util::Error>().code, job->error().code);
    }
};

QTEST_GUILESS_MAIN(TestJobContract)
#include "tst_jobcontract.moc"
