#include "models/reviewimagemodel.h"

#include "models/releasemodel.h"
#include "reference/catalog.h"

#include <limits>

namespace sagedock::app {

ReviewImageModel::ReviewImageModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void ReviewImageModel::clear() {
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void ReviewImageModel::addImage(const Image& image) {
    // The matrix look-up reports a cell again when the chain analysis of its row changes: one row per
    // image, updated in place.
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).image == image.image) {
            m_rows[i] = image;
            Q_EMIT dataChanged(index(int(i), 0), index(int(i), columnCount({}) - 1));
            return;
        }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(image);
    endInsertRows();
}

QString ReviewImageModel::imageAt(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).image : QString();
}

int ReviewImageModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReviewImageModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReviewImageModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Image& r = m_rows.at(index.row());
    switch (role) {
    case ImageRole:
        return r.image;
    case SizeRole:
        return r.size;
    case CreatedRole:
        return r.created;
    case StageIndexRole:
        return r.stage.isEmpty() ? -1 : reference::Catalog::bundled().stageIndex(r.stage);
    case SortRole:
        switch (index.column()) {
        case StageColumn: {
            // Pipeline order; unknown stages (and none) after the known ones.
            const int stage = data(index, StageIndexRole).toInt();
            return stage >= 0 ? stage : std::numeric_limits<int>::max();
        }
        case SizeColumn:
            return r.size;
        case CreatedColumn:
            return r.created;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case ImageColumn:
            return r.image;
        case SystemColumn:
            return r.system;
        case PackagesColumn:
            return r.packages;
        case StageColumn:
            return r.stage;
        case SizeColumn:
            return humanSize(r.size);
        case CreatedColumn:
            return shortDateTime(r.created);
        }
        break;
    case Qt::ToolTipRole:
        return r.image;
    default:
        break;
    }
    return {};
}

QVariant ReviewImageModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ImageColumn:
        return tr("Image");
    case SystemColumn:
        return tr("System");
    case PackagesColumn:
        return tr("Packages");
    case StageColumn:
        return tr("Stage");
    case SizeColumn:
        return tr("Size");
    case CreatedColumn:
        return tr("Created");
    }
    return {};
}

} // namespace sagedock::app
