#include "util/job.h"

#include <QPointer>
#include <QThreadPool>
#include <QTimer>

namespace sagedock::util {

Job::Job(QObject* parent)
    : QObject(parent) {}

Job::~Job() = default;

void Job::start() {
    if (m_started || m_finished) {
        return;
    }
    m_started = true;
    // One event-loop turn later, so whoever started the job (or a factory that did) can connect.
    // A job deleted or cancelled in between never runs: the timer dies with the object, and
    // m_finished is checked.
    QTimer::singleShot(0, this, [this] {
        if (!m_finished) {
            m_workBegun = true;
            doStart();
        }
    });
}

void Job::cancel() {
    if (m_finished || m_cancelRequested) {
        return;
    }
    m_cancelRequested = true;
    // A job cancelled before its first turn has nothing to stop (and doStart() will not run). Asking
    // doCancel() then would let a job that winds down later run doStart() after cancel().
    const bool stoppedNow = !m_workBegun || doCancel();
    if (stoppedNow) {
        emitResult(Error::make(ErrorCode::Cancelled, tr("Cancelled.")));
    }
}

int Job::percent() const {
    if (m_total <= 0) {
        return -1;
    }
    return int(qBound(qint64(0), m_processed * 100 / m_total, qint64(100)));
}

void Job::emitResult(Error error) {
    if (m_finished) {
        return;
    }
    if (m_cancelRequested && error.code != ErrorCode::Cancelled) {
        error = Error::make(ErrorCode::Cancelled, tr("Cancelled."));
    }
    m_finished = true;
    m_error = std::move(error);
    Q_EMIT finished(m_error, QPrivateSignal());
}

void Job::setProgress(qint64 processed, qint64 total, const QString& text) {
    m_processed = processed;
    m_total = total;
    if (!text.isNull()) {
        m_progressText = text;
    }
    Q_EMIT progressChanged();
}

void Job::setProgressText(const QString& text) {
    m_progressText = text;
    Q_EMIT progressChanged();
}

namespace detail {

void runInPool(std::shared_ptr<PoolLink> link, std::function<std::function<void()>()> work) {
    QThreadPool::globalInstance()->start([link = std::move(link), work = std::move(work)] {
        {
            QMutexLocker lock(&link->mutex);
            if (!link->target) {
                return; // the job died before the work began
            }
        }
        std::function<void()> deliver = work();
        QMutexLocker lock(&link->mutex);
        if (link->target) {
            // Posted while the job cannot be destroyed; ~QObject discards it if the job dies first.
            QMetaObject::invokeMethod(link->target, std::move(deliver), Qt::QueuedConnection);
        }
    });
}

} // namespace detail

} // namespace sagedock::util
