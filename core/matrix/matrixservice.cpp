#include "matrix/matrixservice.h"

#include "matrix/chainanalyzer.h"
#include "reference/catalog.h"
#include "reference/imagereference.h"
#include "reference/sagename.h"
#include "registry/registryclient.h"

#include <QCoreApplication>

namespace sagedock::matrix {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("sagedock::matrix", text);
}

util::Error usage(const QString& message, const QString& hint = {}) {
    return util::Error::make(util::ErrorCode::InvalidArgument, message, hint);
}

QString repositoryFor(const MatrixRequest& r, const QString& system, const QString& packages,
                      const QString& stage) {
    return r.repositoryPrefix + reference::SageName::compose(system, packages, stage);
}

QStringList deduplicated(const QStringList& in) {
    QStringList out;
    for (const QString& s : in) {
        const QString t = s.trimmed();
        if (!t.isEmpty() && !out.contains(t))
            out << t;
    }
    return out;
}

} // namespace

MatrixRequest MatrixRequest::normalized() const {
    const auto& cat = reference::Catalog::bundled();
    MatrixRequest r = *this;
    r.repositoryPrefix = r.repositoryPrefix.trimmed();
    if (r.repositoryPrefix.isEmpty())
        r.repositoryPrefix = cat.defaultRepository();
    if (!r.repositoryPrefix.endsWith(QLatin1Char('/')))
        r.repositoryPrefix += QLatin1Char('/');
    r.tag = r.tag.trimmed();
    r.systems = deduplicated(r.systems);
    if (r.systems.isEmpty())
        r.systems = cat.ciSystems();
    r.packages = deduplicated(r.packages);
    if (r.packages.isEmpty())
        r.packages = cat.ciPackageSets();
    r.stages = deduplicated(r.stages);
    if (r.stages.isEmpty())
        r.stages = cat.publishedStages();
    else {
        // Unknown stages stay (validate() names them); known ones go into build order.
        QStringList ordered = cat.orderedStages(r.stages);
        for (const QString& s : r.stages) {
            if (!ordered.contains(s))
                ordered << s;
        }
        r.stages = ordered;
    }
    return r;
}

util::Error MatrixRequest::validate() const {
    const auto& cat = reference::Catalog::bundled();
    if (auto e = reference::ImageReference::validateTag(tag))
        return e;
    for (const QString& stage : stages) {
        if (cat.stageIndex(stage) < 0)
            return usage(tr("Unknown stage '%1'.").arg(stage),
                         tr("Known stages: %1.").arg(cat.stages().join(QStringLiteral(", "))));
    }
    for (const QString& p : packages) {
        const QStringList parts = p.split(QLatin1Char('-'));
        bool ok = cat.packageSets().contains(parts.first());
        for (qsizetype i = 1; i < parts.size(); ++i)
            ok = ok && cat.modifiers().contains(parts[i]);
        if (!ok)
            return usage(tr("Unknown package set '%1'.").arg(p),
                         tr("Use %1, optionally followed by modifiers such as -sitepackages.")
                             .arg(cat.packageSets().join(QStringLiteral(", "))));
    }
    for (const QString& system : systems) {
        // The whole repository name must be a valid reference; this also checks the prefix.
        const QString repo = repositoryFor(*this, system, packages.value(0), stages.value(0));
        const auto parsed = reference::ImageReference::parseRepository(repo);
        if (!parsed.ok())
            return usage(tr("'%1' is not a valid repository: %2").arg(repo, parsed.error().message),
                         parsed.error().hint);
        const auto name = reference::SageName::parse(repo);
        if (!name.ok() || name->system != system)
            return usage(tr("The system '%1' cannot be told apart in '%2'.").arg(system, repo),
                         tr("A system name must not end in a package set, modifier or stage name."));
    }
    return {};
}

MatrixService::MatrixService(registry::Client& client, QObject* parent)
    : QObject(parent)
    , m_client(client) {}

MatrixService::~MatrixService() {
    abortJobs();
}

util::Error MatrixService::refresh(const MatrixRequest& input) {
    const MatrixRequest request = input.normalized();
    if (auto e = request.validate())
        return e;
    abortJobs();
    ++m_generation;

    m_snapshot = Snapshot{};
    m_snapshot.repository = request.repositoryPrefix;
    m_snapshot.tag = request.tag;
    m_snapshot.generated = QDateTime::currentDateTimeUtc();
    m_snapshot.stages = request.stages;
    m_queue.clear();
    for (const QString& packages : request.packages) {
        for (const QString& system : request.systems) {
            Row row;
            row.system = system;
            row.packages = packages;
            for (const QString& stage : request.stages) {
                Cell cell;
                cell.stage = stage;
                cell.image = repositoryFor(request, system, packages, stage) + QLatin1Char(':') + request.tag;
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
    m_done = 0;
    m_total = int(m_queue.size());
    m_inFlight = 0;
    m_running = true;
    Q_EMIT started();
    Q_EMIT progress(0, m_total);
    if (m_total == 0) {
        m_running = false;
        m_snapshot.completed = QDateTime::currentDateTimeUtc();
        Q_EMIT finished({});
        return {};
    }
    launchMore();
    return {};
}

void MatrixService::cancel() {
    if (!m_running)
        return;
    abortJobs();
    m_queue.clear();
    ++m_generation;
    const util::Error cancelled =
        util::Error::make(util::ErrorCode::Cancelled, tr("The refresh was cancelled."), tr("Refresh again."));
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
    const quint64 generation = m_generation;
    for (const Slot& s : touched) {
        if (generation != m_generation)
            return;
        Q_EMIT cellChanged(s.row, s.column);
    }
    if (generation == m_generation)
        Q_EMIT finished(cancelled);
}

void MatrixService::abortJobs() {
    // Deleting a registry job abandons it without a signal.
    const auto jobs = m_jobs;
    m_jobs.clear();
    qDeleteAll(jobs);
    m_inFlight = 0;
    m_running = false;
}

void MatrixService::track(registry::Job* job) {
    m_jobs << job;
}

void MatrixService::untrack(registry::Job* job) {
    m_jobs.removeOne(job);
    job->deleteLater();
}

void MatrixService::launchMore() {
    while (m_running && m_inFlight < m_maxInFlight && !m_queue.isEmpty())
        startCell(m_queue.takeFirst());
}

void MatrixService::startCell(Slot slot) {
    const Cell& cell = m_snapshot.rows[slot.row].cells[slot.column];
    const QString repoText = cell.image.left(cell.image.lastIndexOf(QLatin1Char(':')));
    const auto repo = registry::Repository::parse(repoText);
    ++m_inFlight;
    if (!repo.ok()) {
        failCell(slot, repo.error());
        return;
    }
    registry::ManifestJob* job = m_client.manifest(repo.value(), m_snapshot.tag);
    track(job);
    connect(job, &registry::Job::finished, this, [this, slot, job] { onManifest(slot, job); });
}

void MatrixService::onManifest(Slot slot, registry::Job* job) {
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
    const auto* mj = static_cast<registry::ManifestJob*>(job);
    const registry::Manifest& m = mj->result();
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
    track(cj);
    connect(cj, &registry::Job::finished, this, [this, slot, cj] { onConfig(slot, cj); });
}

void MatrixService::onConfig(Slot slot, registry::Job* job) {
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

void MatrixService::failCell(Slot slot, const util::Error& error) {
    Cell& cell = m_snapshot.rows[slot.row].cells[slot.column];
    cell.status = CellStatus::Error;
    cell.error = error;
    completeCell(slot);
}

void MatrixService::completeCell(Slot slot) {
    --m_inFlight;
    ++m_done;
    const QList<int> changed = ChainAnalyzer::applyToRow(m_snapshot.rows[slot.row]);
    // A receiver may cancel or start another refresh from these signals: stop touching state then.
    const quint64 generation = m_generation;
    Q_EMIT cellChanged(slot.row, slot.column);
    for (int col : changed) {
        if (col != slot.column && generation == m_generation && m_running)
            Q_EMIT cellChanged(slot.row, col);
    }
    if (generation != m_generation || !m_running)
        return;
    Q_EMIT progress(m_done, m_total);
    if (generation != m_generation || !m_running)
        return;
    if (m_done == m_total) {
        m_running = false;
        m_snapshot.completed = QDateTime::currentDateTimeUtc();
        Q_EMIT finished({});
        return;
    }
    launchMore();
}

} // namespace sagedock::matrix
