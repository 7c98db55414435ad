#include "waitforjob.h"

#include "util/job.h"

#include <QSignalSpy>

namespace sagedock::testsupport {

util::Error waitForJob(util::Job* job, int timeoutMs) {
    if (!job) {
        QTest::qFail("waitForJob: no job (a factory returned nullptr)", __FILE__, __LINE__);
        return util::Error::make(util::ErrorCode::Internal, QStringLiteral("No job to wait for."));
    }
    if (job->isFinished())
        return job->error();
    QSignalSpy spy(job, &util::Job::finished);
    // wait() returns at the first emission; finished() is emitted at most once.
    if (!spy.wait(timeoutMs) && !job->isFinished()) {
        const QString what =
            QStringLiteral("waitForJob: %1 (%2, %3) did not finish within %4 ms")
                .arg(QString::fromLatin1(job->metaObject()->className()),
                     job->objectName().isEmpty() ? QStringLiteral("unnamed") : job->objectName(),
                     job->isStarted() ? QStringLiteral("started") : QStringLiteral("never started"))
                .arg(timeoutMs);
        QTest::qFail(qPrintable(what), __FILE__, __LINE__);
        return util::Error::make(util::ErrorCode::Timeout, what);
    }
    return job->error();
}

} // namespace sagedock::testsupport
