#include "waitforjob.h"

#include "util/job.h"

#include <QPointer>
#include <QSignalSpy>

namespace sagedock::testsupport {

util::Error waitForJob(util::Job* job, int timeoutMs) {
    if (!job) {
        QTest::qFail("waitForJob: no job (a factory returned nullptr)", __FILE__, __LINE__);
        return util::Error::make(util::ErrorCode::Internal, QStringLiteral("No job to wait for."));
    }
    if (job->isFinished())
        return job->error();
    // The error comes from the signal, not the job: a handler may have deleted the job by the time
    // wait() returns (deleteLater runs in the spy's event loop).
    const QPointer<util::Job> guard(job);
    QSignalSpy spy(job, &util::Job::finished);
    if (spy.wait(timeoutMs) || !spy.isEmpty())
        return spy.at(0).at(0).value<util::Error>();
    const QString what =
        guard ? QStringLiteral("waitForJob: %1 (%2, %3) did not finish within %4 ms")
                    .arg(QString::fromLatin1(guard->metaObject()->className()),
                         guard->objectName().isEmpty() ? QStringLiteral("unnamed") : guard->objectName(),
                         guard->isStarted() ? QStringLiteral("started") : QStringLiteral("never started"))
                    .arg(timeoutMs)
              : QStringLiteral("waitForJob: the job was deleted before it finished");
    QTest::qFail(qPrintable(what), __FILE__, __LINE__);
    return util::Error::make(util::ErrorCode::Timeout, what);
}

} // namespace sagedock::testsupport
