#pragma once
// Builds a matrix Snapshot from a registry: for every system × package set × stage it asks for the
// manifest of `<prefix>sage-<system>-<packages>-<stage>:<tag>` and its config, then judges each
// stage's layer chain against the previous selected stage. Cells stream in as answers arrive; a
// repository that fails is one error cell, never the whole matrix.
// Usage:
//   matrix::MatrixService service(client);           // a registry::Client living in this thread
//   connect(&service, &MatrixService::cellChanged, view, ...);
//   connect(&service, &MatrixService::finished, this, [&](const util::Error& e) { ... });
//   if (auto e = service.refresh(request)) reportUsage(e);   // invalid prefix, tag or stage
//   service.cancel();                                         // finished(Cancelled) follows

#include "matrix/snapshot.h"
#include "util/error.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace sagedock::registry {
class Client;
class Job;
} // namespace sagedock::registry

namespace sagedock::matrix {

struct MatrixRequest {
    QString repositoryPrefix; // "ghcr.io/sagemath/sage/"; a missing trailing '/' is added
    QString tag = QStringLiteral("dev");
    QStringList systems;  // rows, in this order (per package set)
    QStringList packages; // "standard", "minimal", or with modifiers: "standard-sitepackages"
    QStringList stages;   // sorted into build order; empty = the five stages CI publishes

    // The request with defaults filled in (bundled catalog: CI systems, CI package sets, published stages).
    MatrixRequest normalized() const;
    // Why the request cannot run (bad prefix, tag, stage or package set), or a null Error.
    util::Error validate() const;
};

class MatrixService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixService)
public:
    explicit MatrixService(registry::Client& client, QObject* parent = nullptr);
    ~MatrixService() override;

    // Starts a refresh (cancelling a running one, which then emits no finished()). Returns a usage
    // error without starting when the request is invalid.
    util::Error refresh(const MatrixRequest& request);
    void cancel();
    bool isRunning() const { return m_running; }

    const Snapshot& snapshot() const { return m_snapshot; }
    int done() const { return m_done; }
    int total() const { return m_total; }
    // Requests in flight at once; the HTTP engine bounds connections per host below this.
    void setMaxInFlight(int n) { m_maxInFlight = n > 0 ? n : 1; }

Q_SIGNALS:
    void started(); // snapshot() now has every row and pending cell
    void cellChanged(int row, int column);
    void progress(int done, int total);                // repositories answered / asked
    void finished(const sagedock::util::Error& error); // null, or Cancelled

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
    void track(registry::Job* job);
    void untrack(registry::Job* job);
    void abortJobs();

    registry::Client& m_client;
    Snapshot m_snapshot;
    QList<Slot> m_queue;
    QList<registry::Job*> m_jobs;
    int m_inFlight = 0;
    int m_maxInFlight = 48;
    int m_done = 0;
    int m_total = 0;
    bool m_running = false;
    quint64 m_generation = 0; // bumped by refresh() and cancel()
};

} // namespace sagedock::matrix
