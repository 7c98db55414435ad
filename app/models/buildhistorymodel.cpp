#include "models/buildhistorymodel.h"

#include "icons.h"

#include <QLocale>

#include <algorithm>

namespace sagedock::app {

BuildHistoryModel::BuildHistoryModel(QObject* parent)
    : QAbstractTableModel(parent) {}

int BuildHistoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_records.size());
}

int BuildHistoryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BuildHistoryModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_records.size())
        return {};
    const imagebuild::BuildRecord& r = m_records.at(index.row());
    auto stages = [&r] {
        QStringList parts;
        for (const auto& s : r.stages)
            parts << tr("%1: %2 (%3/%4 cached)")
                         .arg(s.stage, imagebuild::stageStatusName(s.status))
                         .arg(s.cached)
                         .arg(s.steps);
        return parts.join(QStringLiteral("; "));
    };
    const imagebuild::RecordInputs inputs = imagebuild::recordInputs(r);
    // Which build: the tox environment of a Sage checkout, or the Dockerfile of a generic build.
    auto what = [&] {
        if (inputs.generic)
            return tr("Dockerfile %1").arg(inputs.dockerfile);
        return tr("SageMath %1: %2").arg(inputs.sageVersion, inputs.toxEnv);
    };
    if (role == RawRole) {
        switch (index.column()) {
        case Started:
            return r.started;
        case What:
            return inputs.generic ? QStringLiteral("generic") : QStringLiteral("sage");
        case Builder:
            return r.builder;
        case Result:
            return r.success;
        case Stages:
            return int(r.stages.size());
        case Log:
            return r.logPath;
        }
        return {};
    }
    if (role == Qt::DecorationRole && index.column() == Result)
        return icons::named(r.success ? "status-ok" : "status-error");
    if (role == Qt::ToolTipRole && index.column() == Result && !r.error.isEmpty())
        return r.error;
    if (role == Qt::ToolTipRole && index.column() == What)
        return r.arguments.join(QLatin1Char(' '));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Started:
        return QLocale().toString(r.started.toLocalTime(), QLocale::ShortFormat);
    case What:
        return what();
    case Builder:
        return r.builder;
    case Result:
        if (r.state == QLatin1String("interrupted")) // its SageDock was killed or crashed (History::recover)
            return tr("interrupted");
        if (r.state == QLatin1String("running"))
            return tr("running");
        return r.success ? tr("succeeded") : tr("failed");
    case Stages:
        return stages();
    case Log:
        return r.logPath;
    }
    return {};
}

QVariant BuildHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Started:
        return tr("Started");
    case What:
        return tr("Build");
    case Builder:
        return tr("Builder");
    case Result:
        return tr("Result");
    case Stages:
        return tr("Stages");
    case Log:
        return tr("Log");
    }
    return {};
}

void BuildHistoryModel::setRecords(const QList<imagebuild::BuildRecord>& oldestFirst) {
    beginResetModel();
    m_records = oldestFirst;
    std::reverse(m_records.begin(), m_records.end());
    endResetModel();
}

const imagebuild::BuildRecord* BuildHistoryModel::record(int row) const {
    return row >= 0 && row < m_records.size() ? &m_records.at(row) : nullptr;
}

} // namespace sagedock::app
