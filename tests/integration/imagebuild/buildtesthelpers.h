#pragma once
// Shared by the build integration tests: a private copy of the mini Sage checkout with a unique
// nonce (so no cache from an earlier run can hit), synchronous plan/run helpers, and docker queries.

#include "imagebuild/buildplanner.h"
#include "imagebuild/buildrunner.h"
#include "testenvironment.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

namespace sagedock::buildtest {

// Copies tests/fixtures/minisage (symlinks and modes kept) into `dest`.
inline bool copyFixture(const QString& dest) {
    QProcess cp;
    cp.start(QStringLiteral("cp"),
             {QStringLiteral("-a"),
              QDir(testsupport::sourceDir()).filePath(QStringLiteral("tests/fixtures/minisage/.")), dest});
    return cp.waitForFinished(30000) && cp.exitCode() == 0;
}

inline bool writeFile(const QString& path, const QByteArray& data) {
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

inline util::Result<imagebuild::BuildPlan> plan(const imagebuild::SageBuildOptions& options) {
    imagebuild::Planner planner;
    std::optional<util::Error> error;
    QObject::connect(&planner, &util::Job::finished, &planner, [&error](const util::Error& e) { error = e; });
    planner.planSage(options);
    if (!QTest::qWaitFor([&error] { return error.has_value(); }, 60000))
        return util::Error::make(util::ErrorCode::Timeout, QStringLiteral("planner did not finish"));
    if (*error)
        return *error;
    return planner.result();
}

// Runs the plan to the end (the runner's finished signal), returns the record.
inline imagebuild::BuildRecord run(imagebuild::Runner& runner, const imagebuild::BuildPlan& plan,
                                   const imagebuild::RunOptions& options, int timeoutMs = 180000) {
    bool done = false;
    auto c = QObject::connect(&runner, &util::Job::finished, &runner, [&done] { done = true; });
    runner.start(plan, options);
    if (!QTest::qWaitFor([&done] { return done; }, timeoutMs))
        runner.cancel();
    QObject::disconnect(c);
    return runner.record();
}

inline QString dockerOut(const QStringList& args) {
    QByteArray out;
    testsupport::runDocker(args, &out, 120000);
    return QString::fromUtf8(out).trimmed();
}

} // namespace sagedock::buildtest
