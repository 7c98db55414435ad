#pragma once
// Test helpers shared by the launch tests against Docker and against Podman: run a Launcher to its
// end, stop a session through the SessionStore, ask the engine whether a container still exists,
// list the sessions carrying a test label, wait for any asynchronous engine::Client call, check that
// a followed log keeps stdout and stderr apart. Each waits on the event loop with a timeout.
// Usage:
//   const util::Error e = testsupport::runLauncher(job);
//   QVERIFY(testsupport::stopSession(client, id).code == util::ErrorCode::None);
//   auto info = testsupport::awaitResult<engine::PingInfo>(
//       [&](QObject* c, auto done) { client->ping(c, done); });

#include "engine/engineclient.h"
#include "engine/enginejobs.h"
#include "launch/launcher.h"
#include "launch/sessionstore.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

namespace sagedock::testsupport {

// Calls start(context, callback) and waits for the callback's result (a Timeout error if none came).
template <typename T, typename Start> util::Result<T> awaitResult(Start start, int timeoutMs = 10000) {
    QObject context;
    std::optional<util::Result<T>> out;
    start(&context, [&out](util::Result<T> r) { out.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, timeoutMs))
        return util::Error::make(util::ErrorCode::Timeout, QStringLiteral("the engine did not answer"));
    return std::move(*out);
}

// Starts the launcher and waits for finished(); returns its error (null when ready).
inline util::Error runLauncher(launch::Launcher& job, int timeoutMs = 60000) {
    QSignalSpy done(&job, &launch::Launcher::finished);
    job.start();
    if (!done.wait(timeoutMs))
        return util::Error::make(util::ErrorCode::Timeout, QStringLiteral("launcher never finished"));
    return done.first().first().value<util::Error>();
}

inline util::Error stopSession(engine::Client* client, const QString& id, bool keep = false) {
    launch::SessionStore store(client);
    QObject context;
    util::Error result = util::Error::make(util::ErrorCode::Timeout, QStringLiteral("stop never finished"));
    bool finished = false;
    store.stop(
        id, keep, &context,
        [&](util::Error e) {
            result = e;
            finished = true;
        },
        5);
    if (!QTest::qWaitFor([&] { return finished; }, 30000))
        qWarning("timed out waiting for the engine");
    return result;
}

// True unless the engine says NotFound (an unreachable engine counts as "still there").
inline bool containerExists(engine::Client* client, const QString& id) {
    QObject context;
    bool done = false, exists = true;
    client->inspectContainer(id, &context, [&](util::Result<engine::ContainerDetails> r) {
        exists = r.ok() || r.error().code != util::ErrorCode::NotFound;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        qWarning("timed out waiting for the engine");
    return exists;
}

// The sessions carrying all of `labels` ("k=v"); empty on error or timeout.
inline QList<launch::Session> listSessions(engine::Client* client, const QStringList& labels) {
    launch::SessionStore store(client);
    QObject context;
    QList<launch::Session> out;
    bool done = false;
    store.list(
        &context,
        [&](util::Result<QList<launch::Session>> r) {
            if (r.ok())
                out = r.value();
            else
                qWarning("listing sessions failed: %s", qPrintable(r.error().toString()));
            done = true;
        },
        labels);
    if (!QTest::qWaitFor([&] { return done; }, 15000))
        qWarning("timed out waiting for the engine");
    return out;
}

// After the container wrote out1..3 to its stdout and err1..3 to its stderr: follows its log and
// checks that each line arrives on its own stream, in order. Empty when fine, else what went wrong.
inline QString checkFollowedLogsDemux(engine::Client* client, const QString& id) {
    std::unique_ptr<engine::LogStream> logs(client->followLogs(id, false));
    QList<QByteArray> out, err;
    QObject::connect(logs.get(), &engine::LogStream::line, logs.get(),
                     [&](const QByteArray& l, bool isErr) { (isErr ? err : out) << l; });
    const bool complete =
        QTest::qWaitFor([&] { return out.contains("out3") && err.contains("err3"); }, 10000);
    logs->cancel();
    const auto joined = [](const QList<QByteArray>& lines) { return QString::fromUtf8(lines.join(' ')); };
    if (!complete || !(out.indexOf("out1") < out.indexOf("out2")) || !err.contains("err1") ||
        out.contains("err1") || err.contains("out1"))
        return QStringLiteral("stdout: %1; stderr: %2").arg(joined(out), joined(err));
    return {};
}

} // namespace sagedock::testsupport
