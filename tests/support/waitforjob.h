#pragma once
// Waits for any util::Job (registry, engine, launch, build, process, task) the one way: a QSignalSpy on
// util::Job::finished, so tests need no per-type waiting code.
// Usage in a test:
//   auto* job = client.listTags(repo);                       // started by the factory
//   const util::Error e = testsupport::waitForJob(job, 30000);
//   QVERIFY2(!e, qPrintable(e.toString()));
// On timeout it records a test failure naming the job (so the test fails even if the caller only
// looks at the error code) and returns ErrorCode::Timeout; callers that go on should
// `if (QTest::currentTestFailed()) return;` or use SAGEDOCK_WAIT_FOR_JOB, which does.

#include "util/error.h"

#include <QTest>

namespace sagedock::util {
class Job;
}

namespace sagedock::testsupport {

// The job's error (null on success) once it has finished — at once when it already has. Starts nothing:
// a job the test has not started times out.
util::Error waitForJob(util::Job* job, int timeoutMs = 30000);

} // namespace sagedock::testsupport

// Waits and stores the error in `var` (declared by the caller); returns from the test once it has failed
// (a timeout, or a failure recorded before).
#define SAGEDOCK_WAIT_FOR_JOB(var, job, timeoutMs)                                                           \
    do {                                                                                                     \
        var = ::sagedock::testsupport::waitForJob((job), (timeoutMs));                                       \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)
