#pragma once
// The one contract for asynchronous work in SageDock (after KDE's KJob):
//   - start() returns at once and the work begins on the next event-loop turn, so callers connect
//     first even when a factory starts the job for them;
//   - finished(error) is emitted exactly once, only through emitResult() (a QPrivateSignal: nothing
//     outside Job can emit it); a null error means success;
//   - cancel() always ends in exactly one finished() with ErrorCode::Cancelled — at once when the
//     work can stop synchronously, later when it has to wind down (a process group, a transfer);
//     cancel() after finished() does nothing;
//   - deleting a job abandons it: no signal follows, its work is stopped without blocking;
//   - jobs live in the thread that created them and report there; the caller owns them.
// Usage:
//   auto* job = client.listTags(repo);          // a util::ValueJob<TagList>, started
//   connect(job, &util::Job::finished, this, [job](const util::Error& e) {
//       if (!e) use(job->result());
//       job->deleteLater();
//   });
//   ...; job->cancel();                         // finished(Cancelled) follows
// Subclasses implement doStart() (and doCancel() when the work can be stopped) and end with
// emitResult(error) — or setResult(value) then emitResult() for a ValueJob.

#include "util/error.h"

#include <QMutex>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace sagedock::util {

class Job : public QObject {
    Q_OBJECT
public:
    explicit Job(QObject* parent = nullptr);
    ~Job() override;
    Q_DISABLE_COPY_MOVE(Job)

    // Schedules doStart() for the next event-loop turn. A second start(), or one after cancel(), is ignored.
    void start();
    // Ends the job with ErrorCode::Cancelled (exactly one finished(); none if it already finished).
    void cancel();

    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    bool isCancelled() const { return m_cancelRequested; }
    const Error& error() const { return m_error; }

    // Progress: done/total in the job's own unit (bytes, steps, cells); total 0 = unknown.
    qint64 processed() const { return m_processed; }
    qint64 total() const { return m_total; }
    int percent() const; // -1 while unknown
    const QString& progressText() const { return m_progressText; }

Q_SIGNALS:
    void progressChanged();
    // Exactly once per job; error is null on success, ErrorCode::Cancelled after cancel().
    void finished(const sagedock::util::Error& error, QPrivateSignal);

protected:
    // For a job whose work begins before doStart() (a transfer handed over at creation): from now on
    // cancel() asks doCancel() to stop it.
    void markWorkBegun() { m_workBegun = true; }
    // Begins the work; runs in the job's thread one event-loop turn after start().
    virtual void doStart() = 0;
    // Stops the work. Return true when it has stopped now (cancel() then emits the result itself);
    // false when it ends later: call emitResult() when it has — the error is replaced by Cancelled.
    virtual bool doCancel() { return true; }
    // The only way to finish: stores the error and emits finished() once; later calls are ignored.
    void emitResult(Error error = {});
    void setProgress(qint64 processed, qint64 total, const QString& text = {});
    void setProgressText(const QString& text);

private:
    Error m_error;
    QString m_progressText;
    qint64 m_processed = 0;
    qint64 m_total = 0;
    bool m_started = false;
    bool m_workBegun = false; // doStart() has run: from then on cancel() has work to stop
    bool m_finished = false;
    bool m_cancelRequested = false;
};

// A job that also produces a value: result() is valid once finished() reported no error.
template <typename T> class ValueJob : public Job {
public:
    using Job::Job;
    const T& result() const { return m_result; }

protected:
    void setResult(T value) { m_result = std::move(value); }
    T& mutableResult() { return m_result; }

private:
    T m_result{};
};

// Tells background work that its job was cancelled or deleted; checked between steps of the work.
class CancelToken {
public:
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }
    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic_bool> m_flag = std::make_shared<std::atomic_bool>(false);
};

namespace detail {
// Links a job to its work on the pool: the job clears `target` when it dies, so work that ends later
// delivers nothing (and ~QObject drops a delivery already posted).
struct PoolLink {
    QMutex mutex;
    QObject* target = nullptr;
};
// Runs `work` on QThreadPool::globalInstance(); the functor it returns runs in target's thread.
void runInPool(std::shared_ptr<PoolLink> link, std::function<std::function<void()>()> work);
} // namespace detail

// CPU work (planning, comparing logs, parsing a file) as a job on the thread pool, so no UI thread
// ever waits for it. The function gets a CancelToken to check between steps; its Result becomes the
// job's result or error. It must not touch QObjects of other threads.
// Usage:
//   auto* job = new util::TaskJob<Diagnosis>([path](const util::CancelToken& c) { return diagnoseFile(path,
//   c); }); connect(job, &util::Job::finished, this, [job] { ...; job->deleteLater(); }); job->start();
template <typename T> class TaskJob final : public ValueJob<T> {
public:
    using Work = std::function<Result<T>(const CancelToken&)>;
    explicit TaskJob(Work work, QObject* parent = nullptr)
        : ValueJob<T>(parent)
        , m_work(std::move(work))
        , m_link(std::make_shared<detail::PoolLink>()) {
        m_link->target = this;
    }
    ~TaskJob() override {
        m_token.cancel();
        QMutexLocker lock(&m_link->mutex);
        m_link->target = nullptr;
    }

protected:
    void doStart() override {
        detail::runInPool(m_link, [this, work = m_work, token = m_token]() -> std::function<void()> {
            auto result = std::make_shared<Result<T>>(work(token));
            // Runs in the job's thread, only while the job lives.
            return [this, result] {
                if (result->ok()) {
                    this->setResult(std::move(*result).value());
                    this->emitResult();
                } else {
                    this->emitResult(result->error());
                }
            };
        });
    }
    bool doCancel() override {
        m_token.cancel(); // the work may still run to its next check; its result is dropped
        return true;
    }

private:
    Work m_work;
    CancelToken m_token;
    std::shared_ptr<detail::PoolLink> m_link;
};

} // namespace sagedock::util
