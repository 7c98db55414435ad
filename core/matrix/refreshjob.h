#pragma once
// Refreshes a build matrix from a registry, as a util::Job: for every system × package set × stage
// it asks for the manifest of `<prefix>sage-<system>-<packages>-<stage>:<tag>` and its config, then
// judges each stage's layer chain against the previous selected stage. Cells stream in through
// cellChanged() as answers arrive; progress counts repositories answered (util::Job::processed() of
// total()). A repository that fails is one error cell, never the whole matrix. cancel() marks the
// cells still pending as cancelled errors and ends the job with Cancelled at once; deleting the job
// abandons its registry calls.
// Usage:
//   auto* job = new matrix::RefreshJob(client, request, this);  // a registry::Client of this thread
//   model.setSnapshot(job->snapshot());                         // every row, cells pending
//   connect(job, &matrix::RefreshJob::cellChanged, view, ...);
//   connect(job, &util::Job::finished, this, [job](const util::Error& e) { ...; job->deleteLater(); });
//   job->start();                  // an invalid request (see MatrixRequest::validate) ends with its error

#include "matrix/matrixrequest.h"
#include "matrix/snapshot.h"
#include "util/job.h"

#include <QList>

namespace sagedock::registry {
class Client;
class Job;
} // namespace sagedock::registry

namespace sagedock::matrix {

class RefreshJob final : public util::Job {
    Q_OBJECT
public:
    RefreshJob(registry::Client& client, const MatrixRequest& request, QObject* parent = nullptr);
    ~RefreshJob() override;

    // Valid from construction: every row and pending cell of the normalized request.
    const Snapshot& snapshot() const { return m_snapshot; }
    // Requests in flight at once; the HTTP transport bounds connections per host below this.
    void setMaxInFlight(int n) { m_maxInFlight = n > 0 ? n : 1; }
    // Each image costs two requests in a row (manifest, config); at 50 ms per round trip, 48 images at
    // a time left the matrix 13 waves of round trips long. HTTP/2 multiplexes these over one
    // connection (docker-registry and ghcr.io allow 100-250 streams); HTTP/1.1 hosts queue them on the
    // transport's few connections. Measured in docs/benchmarks/matrix-tls.md.
    static constexpr int kDefaultMaxInFlight = 160;

Q_SIGNALS:
    void cellChanged(int row, int column);

protected:
    void doStart() override;
    bool doCancel() override;

private:
    struct Slot {
        int row = 0;
        int column = 0;
    };
    void launchMore();
    void startCell(Slot slot);
    void onManifest(Slot slot, registry::Job* job);
    void onConfig(Slot slot, registry::Job* job);
    void completeCell(Slot slot);
    void failCell(Slot slot, const util::Error& error);
    void untrack(registry::Job* job);
    void abortJobs();

    registry::Client& m_client;
    util::Error m_invalid; // why the request cannot run; reported by doStart()
    Snapshot m_snapshot;
    QList<Slot> m_queue;
    QList<registry::Job*> m_jobs;
    int m_inFlight = 0;
    int m_maxInFlight = kDefaultMaxInFlight;
    int m_done = 0;
};

} // namespace sagedock::matrix
