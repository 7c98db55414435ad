#include "matrix/refreshjob.h"

#include "matrix/chainanalyzer.h"
#include "registry/registryclient.h"

#include <QCoreApplication>
#include <QPointer>

namespace sagedock::matrix {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::matrix)
};

// The repository a cell's image lives in ("host/path:tag" without the tag).
util::Result<registry::Repository> repositoryOf(const Cell& cell) {
    return registry::Repository::parse(cell.image.left(cell.image.lastIndexOf(QLatin1Char(':'))));
}

} // namespace

RefreshJob::RefreshJob(registry::Client& client, const MatrixRequest& input, QObject* parent)
    : util::Job(parent)
    , m_client(client) {
    const MatrixRequest request = input.normalized();
    m_invalid = request.validate();
    m_snapshot.repository = request.repositoryPrefix;
    m_snapshot.tag = request.tag;
    m_snapshot.generated = QDateTime::currentDateTimeUtc();
    m_snapshot.stages = request.stages;
    if (m_invalid)
        return;
    for (const QString& packages : request.packages) {
        for (const QString& system : request.systems) {
            Row row;
            row.system = system;
            row.packages = packages;
            for (const QString& stage : request.stages) {
                Cell cell;
                cell.stage = stage;
                cell.image = request.repositoryFor(system, packages, stage) + QLatin1Char(':') + request.tag;
                row.cells << cell;
            }
            m_snapshot.rows << row;
        }
    }
    // Ask column by column: the first stages of every row fill in first, which is what people read first.
    for (int col = 0; col < m_snapshot.stages.size(); ++col) {
        for (int row = 0; row < m_snapshot.rows.size(); ++row)
            m_queue << Slot{row, col};
    }
    setProgress(0, m_queue.size());
}

RefreshJob::~RefreshJob() {
    abortJobs();
}

void RefreshJob::doStart() {
    if (m_invalid)
        return emitResult(m_invalid);
    setProgress(0, m_queue.size());
    if (m_queue.isEmpty()) {
        m_snapshot.completed = QDateTime::currentDateTimeUtc();
        return emitResult();
    }
    // Every image of the matrix will be read: a cold run asks the token service for all their scopes
    // in its first round instead of a few per wave.
    QList<registry::Repository> repositories;
    for (const Slot& s : std::as_const(m_queue))
        if (const auto repo = repositoryOf(m_snapshot.rows[s.row].cells[s.column]); repo.ok())
            repositories << repo.value();
    m_client.expectRepositories(repositories);
    launchMore();
}

bool RefreshJob::doCancel() {
    abortJobs();
    m_queue.clear();
    const util::Error cancelled = util::Error::make(
        util::ErrorCode::Cancelled, Text::tr("The refresh was cancelled."), Text::tr("Refresh again."));
    QList<Slot> touched;
    for (int r = 0; r < m_snapshot.rows.size(); ++r) {
        for (int c = 0; c < m_snapshot.rows[r].cells.size(); ++c) {
            Cell& cell = m_snapshot.rows[r].cells[c];
            if (cell.status == CellStatus::Pending) {
                cell.status = CellStatus::Error;
                cell.error = cancelled;
                touched << Slot{r, c};
            }
        }
        ChainAnalyzer::applyToRow(m_snapshot.rows[r]);
    }
    m_snapshot.completed = QDateTime::currentDateTimeUtc();
    // A receiver may delete the job from cellChanged(); finished() is then abandoned with it.
    QPointer<RefreshJob> alive(this);
    for (const Slot& s : touched) {
        Q_EMIT cellChanged(s.row, s.column);
        if (!alive)
            return false;
    }
    return true;
}

void RefreshJob::abortJobs() {
    // Deleting a registry job abandons it without a signal.
    const auto jobs = std::exchange(m_jobs, {});
    qDeleteAll(jobs);
    m_inFlight = 0;
}

void RefreshJob::untrack(registry::Job* job) {
    m_jobs.removeOne(job);
    job->deleteLater();
}

void RefreshJob::launchMore() {
    while (!isFinished() && m_inFlight < m_maxInFlight && !m_queue.isEmpty())
        startCell(m_queue.takeFirst());
}

void RefreshJob::startCell(Slot slot) {
    const auto repo = repositoryOf(m_snapshot.rows[slot.row].cells[slot.column]);
    ++m_inFlight;
    if (!repo.ok()) {
        failCell(slot, repo.error());
        return;
    }
    registry::ManifestJob* job = m_client.manifest(repo.value(), m_snapshot.tag);
    m_jobs << job;
    connect(job, &util::Job::finished, this, [this, slot, job] { onManifest(slot, job); });
}

void RefreshJob::onManifest(Slot slot, registry::Job* job) {
    untrack(job);
    Cell& cell = m_snapshot.rows[slot.row].cells[slot.column];
    if (job->error()) {
        if (job->error().code == util::ErrorCode::NotFound) {
            cell.status = CellStatus::Missing;
            cell.error = {};
            cell.fetchedAt = job->provenance().fetchedAt;
            completeCell(slot);
        } else {
            failCell(slot, job->error());
        }
        return;
    }
    const registry::Manifest& m = static_cast<registry::ManifestJob*>(job)->result();
    cell.digest = m.digest;
    cell.size = m.totalCompressedSize();
    cell.layers = int(m.layers.size());
    cell.layerList.clear();
    for (const registry::Descriptor& d : m.layers) {
        Layer l;
        l.digest = d.digest;
        l.size = d.size;
        cell.layerList << l;
    }
    cell.stale = job->provenance().isStale();
    cell.fetchedAt = job->provenance().fetchedAt;
    if (cell.stale)
        m_snapshot.stale = true;

    registry::ConfigJob* cj = m_client.config(m.repository, m.config.digest);
    m_jobs << cj;
    connect(cj, &util::Job::finished, this, [this, slot, cj] { onConfig(slot, cj); });
}

void RefreshJob::onConfig(Slot slot, registry::Job* job) {
    untrack(job);
    if (job->error()) {
        failCell(slot, job->error());
        return;
    }
    Cell& cell = m_snapshot.rows[slot.row].cells[slot.column];
    const registry::ImageConfig& config = static_cast<registry::ConfigJob*>(job)->result();
    cell.created = config.created;
    // diff_ids and manifest layers correspond one to one; history entries with empty_layer do not count.
    QList<const registry::HistoryEntry*> layerHistory;
    for (const registry::HistoryEntry& h : config.history) {
        if (!h.emptyLayer)
            layerHistory << &h;
    }
    if (config.diffIds.size() != cell.layerList.size()) {
        // Still usable for the chain (diff_ids are what it compares); keep what the config says.
        cell.layerList.resize(config.diffIds.size());
    }
    for (qsizetype i = 0; i < config.diffIds.size(); ++i) {
        Layer& l = cell.layerList[i];
        l.diffId = config.diffIds[i];
        if (i < layerHistory.size()) {
            l.createdBy = layerHistory[i]->createdBy;
            l.created = layerHistory[i]->created;
        }
    }
    if (job->provenance().isStale()) {
        cell.stale = true;
        m_snapshot.stale = true;
    }
    cell.status = CellStatus::Present;
    cell.error = {};
    completeCell(slot);
}

void RefreshJob::failCell(Slot slot, const util::Error& error) {
    Cell& cell = m_snapshot.rows[slot.row].cells[slot.column];
    cell.status = CellStatus::Error;
    cell.error = error;
    completeCell(slot);
}

void RefreshJob::completeCell(Slot slot) {
    --m_inFlight;
    ++m_done;
    const QList<int> changed = ChainAnalyzer::applyToRow(m_snapshot.rows[slot.row]);
    // A receiver may cancel or delete the job from these signals: stop touching state then.
    QPointer<RefreshJob> alive(this);
    Q_EMIT cellChanged(slot.row, slot.column);
    for (int col : changed) {
        if (!alive || isFinished())
            return;
        if (col != slot.column)
            Q_EMIT cellChanged(slot.row, col);
    }
    if (!alive || isFinished())
        return;
    setProgress(m_done, total());
    if (!alive || isFinished())
        return;
    if (m_done == total()) {
        m_snapshot.completed = QDateTime::currentDateTimeUtc();
        emitResult();
        return;
    }
    launchMore();
}

} // namespace sagedock::matrix
