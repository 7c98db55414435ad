#include "models/buildstagemodel.h"

#include "icons.h"

namespace sagedock::app {

namespace {
QString statusText(imagebuild::StageStatus s) {
    switch (s) {
    case imagebuild::StageStatus::Pending:
        return BuildStageModel::tr("waiting");
    case imagebuild::StageStatus::Running:
        return BuildStageModel::tr("running");
    case imagebuild::StageStatus::Built:
        return BuildStageModel::tr("built");
    case imagebuild::StageStatus::Cached:
        return BuildStageModel::tr("cached");
    case imagebuild::StageStatus::Skipped:
        return BuildStageModel::tr("skipped");
    case imagebuild::StageStatus::Failed:
        return BuildStageModel::tr("failed");
    case imagebuild::StageStatus::Cancelled:
        return BuildStageModel::tr("cancelled");
    }
    return {};
}
const char* statusIcon(imagebuild::StageStatus s) {
    switch (s) {
    case imagebuild::StageStatus::Pending:
        return "status-missing";
    case imagebuild::StageStatus::Running:
        return "status-busy";
    case imagebuild::StageStatus::Built:
    case imagebuild::StageStatus::Cached:
    case imagebuild::StageStatus::Skipped:
        return "status-ok";
    case imagebuild::StageStatus::Failed:
        return "status-error";
    case imagebuild::StageStatus::Cancelled:
        return "status-warning";
    }
    return "status-missing";
}
} // namespace

BuildStageModel::BuildStageModel(QObject* parent)
    : QAbstractTableModel(parent) {}

int BuildStageModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BuildStageModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BuildStageModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& r = m_rows.at(index.row());
    const auto& p = r.progress;
    if (role == RawRole) {
        switch (index.column()) {
        case Stage:
            return r.stage;
        case Status:
            return imagebuild::stageStatusName(r.status);
        case Progress:
            return p.stepsDone;
        case Cached:
            return p.cached;
        case Executed:
            return p.executed;
        case CurrentStep:
            return p.currentStep;
        case Elapsed:
            return p.elapsedSeconds;
        case Image:
            return r.image;
        }
        return {};
    }
    if (role == Qt::DecorationRole && index.column() == Status)
        return icons::named(statusIcon(r.status));
    if (role == Qt::ToolTipRole)
        return r.note.isEmpty() ? QVariant() : QVariant(r.note);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Stage:
        return r.stage;
    case Status:
        return statusText(r.status);
    case Progress:
        if (r.status == imagebuild::StageStatus::Pending || r.status == imagebuild::StageStatus::Skipped)
            return QString();
        return tr("%1 / %2").arg(p.stepsDone).arg(p.stepsTotal);
    case Cached:
        return p.cached;
    case Executed:
        return p.executed;
    case CurrentStep:
        return r.status == imagebuild::StageStatus::Skipped ? r.note : p.currentStep;
    case Elapsed:
        return r.status == imagebuild::StageStatus::Pending ? QString()
                                                            : tr("%1 s").arg(p.elapsedSeconds, 0, 'f', 1);
    case Image:
        return r.image;
    }
    return {};
}

QVariant BuildStageModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Stage:
        return tr("Stage");
    case Status:
        return tr("Status");
    case Progress:
        return tr("Steps");
    case Cached:
        return tr("Cached");
    case Executed:
        return tr("Executed");
    case CurrentStep:
        return tr("Current step");
    case Elapsed:
        return tr("Elapsed");
    case Image:
        return tr("Image");
    }
    return {};
}

void BuildStageModel::setStages(const QList<imagebuild::PlannedStage>& stages) {
    beginResetModel();
    m_rows.clear();
    for (const auto& s : stages)
        m_rows.append(Row{s.name, s.imageRef(), imagebuild::StageStatus::Pending, {}, {}});
    endResetModel();
}

void BuildStageModel::setStarted(int row) {
    if (row < 0 || row >= m_rows.size())
        return;
    m_rows[row].status = imagebuild::StageStatus::Running;
    changed(row);
}

void BuildStageModel::setProgress(int row, const imagebuild::StageProgress& progress) {
    if (row < 0 || row >= m_rows.size())
        return;
    m_rows[row].progress = progress;
    changed(row);
}

void BuildStageModel::setResult(int row, const imagebuild::StageResult& result) {
    if (row < 0 || row >= m_rows.size())
        return;
    Row& r = m_rows[row];
    r.status = result.status;
    r.note = result.note;
    r.progress.cached = result.cached;
    r.progress.executed = result.executed;
    r.progress.stepsDone = result.cached + result.executed + result.failed;
    r.progress.stepsTotal = std::max(r.progress.stepsTotal, result.steps);
    if (result.durationSeconds > 0)
        r.progress.elapsedSeconds = result.durationSeconds;
    if (result.firstExecuted)
        r.progress.currentStep = result.firstExecuted->step;
    changed(row);
}

imagebuild::StageStatus BuildStageModel::status(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).status : imagebuild::StageStatus::Pending;
}

void BuildStageModel::changed(int row) {
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace sagedock::app
