#include "models/matrixmodel.h"

#include "icons.h"
#include "matrix/renderers.h"
#include "reference/catalog.h"
#include "reference/sagename.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QHash>
#include <QIcon>

#include <algorithm>

namespace sagedock::app {

namespace {

// Tree ids: 0 for group rows, group + 1 for the system rows below a group.
constexpr quintptr kGroupId = 0;

QString iconName(const matrix::Cell& c) {
    switch (c.status) {
    case matrix::CellStatus::Pending:
        return QStringLiteral("status-busy");
    case matrix::CellStatus::Missing:
        return QStringLiteral("status-missing");
    case matrix::CellStatus::Error:
        return QStringLiteral("status-error");
    case matrix::CellStatus::Present:
        break;
    }
    if (c.chain == matrix::Chain::Broken)
        return QStringLiteral("status-broken");
    if (c.chain == matrix::Chain::ParentMissing || c.chain == matrix::Chain::None)
        return QStringLiteral("status-warning");
    return QStringLiteral("status-ok");
}

QColor background(const matrix::Cell& c) {
    switch (c.status) {
    case matrix::CellStatus::Pending:
        return {};
    case matrix::CellStatus::Missing:
        return QColor(0xe6, 0xe6, 0xe6);
    case matrix::CellStatus::Error:
        return QColor(0xff, 0xdf, 0xa0);
    case matrix::CellStatus::Present:
        break;
    }
    if (c.chain == matrix::Chain::Broken)
        return QColor(0xf6, 0xb8, 0xb0);
    if (c.chain == matrix::Chain::ParentMissing || c.chain == matrix::Chain::None)
        return QColor(0xff, 0xf1, 0xb8);
    return QColor(0xcf, 0xee, 0xcf);
}

// Severity for sorting a stage column: problems first.
int severity(const matrix::Cell& c) {
    if (c.status == matrix::CellStatus::Error)
        return 0;
    if (c.chain == matrix::Chain::Broken)
        return 1;
    if (c.chain == matrix::Chain::ParentMissing)
        return 2;
    if (c.status == matrix::CellStatus::Missing)
        return 3;
    if (c.status == matrix::CellStatus::Pending)
        return 5;
    return 4;
}

} // namespace

MatrixModel::MatrixModel(QObject* parent)
    : QAbstractItemModel(parent) {}

MatrixModel::~MatrixModel() = default;

void MatrixModel::setSnapshot(const matrix::Snapshot& snapshot) {
    beginResetModel();
    m_snapshot = snapshot;
    m_now = QDateTime::currentDateTimeUtc();
    rebuildGroups();
    endResetModel();
}

void MatrixModel::clear() {
    setSnapshot(matrix::Snapshot{});
}

void MatrixModel::rebuildGroups() {
    const auto& cat = reference::Catalog::bundled();
    m_groups.clear();
    m_position = QList<std::pair<int, int>>(m_snapshot.rows.size(), {-1, -1});
    QList<int> order(m_snapshot.rows.size());
    for (int i = 0; i < order.size(); ++i)
        order[i] = i;
    m_sortKeys = QStringList(m_snapshot.rows.size());
    for (int r = 0; r < m_snapshot.rows.size(); ++r)
        m_sortKeys[r] = cat.groupingKey(m_snapshot.rows[r].system) + m_snapshot.rows[r].packages;
    // Distribution groups in catalog order; inside a group, catalog order of systems, then package set.
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return m_sortKeys[a] < m_sortKeys[b]; });
    for (int r : order) {
        const QString key = reference::SageName::distributionOf(m_snapshot.rows[r].system);
        if (m_groups.isEmpty() || m_groups.last().key != key)
            m_groups.append({key, cat.distributionName(key), {}});
        m_position[r] = {int(m_groups.size()) - 1, int(m_groups.last().rows.size())};
        m_groups.last().rows.append(r);
    }
}

void MatrixModel::updateCell(int snapshotRow, int stageIndex, const matrix::Cell& cell) {
    if (snapshotRow < 0 || snapshotRow >= m_snapshot.rows.size() || stageIndex < 0 ||
        stageIndex >= m_snapshot.rows[snapshotRow].cells.size())
        return;
    const bool rowProblemBefore = rowHasProblem(snapshotRow);
    const bool cellProblemBefore = m_snapshot.rows[snapshotRow].cells[stageIndex].isProblem();
    m_snapshot.rows[snapshotRow].cells[stageIndex] = cell;
    m_now = QDateTime::currentDateTimeUtc();
    const auto [group, row] = m_position[snapshotRow];
    const QModelIndex cellIndex = createIndex(row, FirstStageColumn + stageIndex, quintptr(group + 1));
    Q_EMIT dataChanged(cellIndex, cellIndex);
    // The System column and the group row summarise their cells. Tell views only when that summary
    // changed, and only for ProblemRole: a proxy then re-filters this row instead of re-sorting all.
    if (rowHasProblem(snapshotRow) != rowProblemBefore) {
        const QModelIndex systemIndex = createIndex(row, SystemColumn, quintptr(group + 1));
        Q_EMIT dataChanged(systemIndex, systemIndex, {ProblemRole});
        const QModelIndex groupIndex = createIndex(group, SystemColumn, kGroupId);
        Q_EMIT dataChanged(groupIndex, groupIndex, {ProblemRole});
    }
    if (cell.isProblem() != cellProblemBefore) {
        const QModelIndex groupStage = createIndex(group, FirstStageColumn + stageIndex, kGroupId);
        Q_EMIT dataChanged(groupStage, groupStage, {Qt::DisplayRole, ProblemRole});
    }
}

bool MatrixModel::cellAt(const QModelIndex& index, int* snapshotRow, int* stageIndex) const {
    if (!index.isValid() || index.model() != this || index.internalId() == kGroupId ||
        index.column() < FirstStageColumn)
        return false;
    const int group = int(index.internalId()) - 1;
    if (group < 0 || group >= m_groups.size() || index.row() >= m_groups[group].rows.size())
        return false;
    if (snapshotRow)
        *snapshotRow = m_groups[group].rows[index.row()];
    if (stageIndex)
        *stageIndex = index.column() - FirstStageColumn;
    return true;
}

QModelIndex MatrixModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= columnCount(parent))
        return {};
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, column, kGroupId) : QModelIndex();
    if (parent.internalId() != kGroupId || parent.column() != 0 || parent.row() >= m_groups.size())
        return {};
    if (row >= m_groups[parent.row()].rows.size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex MatrixModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == kGroupId)
        return {};
    return createIndex(int(child.internalId()) - 1, 0, kGroupId);
}

int MatrixModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() == kGroupId && parent.column() == 0 && parent.row() < m_groups.size())
        return int(m_groups[parent.row()].rows.size());
    return 0;
}

int MatrixModel::columnCount(const QModelIndex&) const {
    return FirstStageColumn + int(m_snapshot.stages.size());
}

Qt::ItemFlags MatrixModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant MatrixModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (role == Qt::DisplayRole) {
        if (section == SystemColumn)
            return tr("System");
        if (section == PackagesColumn)
            return tr("Packages");
        return m_snapshot.stages.value(section - FirstStageColumn);
    }
    if (role == Qt::ToolTipRole && section >= FirstStageColumn)
        return tr("Stage %1 (%2 of the selected stages)")
            .arg(m_snapshot.stages.value(section - FirstStageColumn))
            .arg(section - FirstStageColumn + 1);
    if (role == StageRole && section >= FirstStageColumn)
        return m_snapshot.stages.value(section - FirstStageColumn);
    return {};
}

QVariant MatrixModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.model() != this)
        return {};
    if (index.internalId() == kGroupId)
        return groupData(index.row(), index.column(), role);
    const int group = int(index.internalId()) - 1;
    if (group >= m_groups.size() || index.row() >= m_groups[group].rows.size())
        return {};
    return rowData(m_groups[group].rows[index.row()], index.column(), role);
}

bool MatrixModel::rowHasProblem(int snapshotRow) const {
    const auto& cells = m_snapshot.rows[snapshotRow].cells;
    return std::any_of(cells.begin(), cells.end(), [](const matrix::Cell& c) { return c.isProblem(); });
}

QVariant MatrixModel::groupData(int group, int column, int role) const {
    if (group < 0 || group >= m_groups.size())
        return {};
    const Group& g = m_groups[group];
    int problems = 0;
    for (int r : g.rows) {
        if (column >= FirstStageColumn) {
            if (m_snapshot.rows[r].cells.value(column - FirstStageColumn).isProblem())
                ++problems;
        } else if (rowHasProblem(r)) {
            ++problems;
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        if (column == SystemColumn)
            return tr("%1 (%n row(s))", nullptr, int(g.rows.size())).arg(g.name);
        if (column >= FirstStageColumn && problems > 0)
            return tr("%n problem(s)", nullptr, problems);
        return {};
    case Qt::FontRole: {
        QFont f;
        f.setBold(true);
        return f;
    }
    case SortRole:
        return QStringLiteral("%1").arg(group, 3, 10, QLatin1Char('0'));
    case ProblemRole:
        return problems > 0;
    case FilterTextRole:
        return QString(g.name + QLatin1Char(' ') + g.key);
    case SnapshotRowRole:
        return -1;
    default:
        return {};
    }
}

QVariant MatrixModel::rowData(int snapshotRow, int column, int role) const {
    const matrix::Row& row = m_snapshot.rows[snapshotRow];
    if (column >= FirstStageColumn)
        return cellData(snapshotRow, column - FirstStageColumn, role);
    switch (role) {
    case Qt::DisplayRole:
        return column == SystemColumn ? row.system : row.packages;
    case Qt::ToolTipRole:
        if (column == SystemColumn) {
            const QString base = reference::Catalog::bundled().baseImage(row.system);
            return base.isEmpty() ? row.system : tr("%1, built FROM %2").arg(row.system, base);
        }
        return {};
    case SortRole:
        return column == SystemColumn ? m_sortKeys.value(snapshotRow) : row.packages;
    case ProblemRole:
        return rowHasProblem(snapshotRow);
    case FilterTextRole: {
        const auto& cat = reference::Catalog::bundled();
        const QString distribution = cat.distributionName(reference::SageName::distributionOf(row.system));
        return QString(row.system + QLatin1Char(' ') + row.packages + QLatin1Char(' ') + distribution);
    }
    case SnapshotRowRole:
        return snapshotRow;
    default:
        return {};
    }
}

QVariant MatrixModel::cellData(int snapshotRow, int stageIndex, int role) const {
    const matrix::Row& row = m_snapshot.rows[snapshotRow];
    if (stageIndex < 0 || stageIndex >= row.cells.size())
        return {};
    const matrix::Cell& c = row.cells[stageIndex];
    switch (role) {
    case Qt::DisplayRole:
        return matrix::cellLabel(c);
    case Qt::DecorationRole: {
        // One QIcon per state: building an SVG icon per data() call is what made big matrices crawl.
        static QHash<QString, QIcon> cache;
        const QString name = iconName(c);
        auto it = cache.find(name);
        if (it == cache.end())
            it = cache.insert(name, icons::named(name.toLatin1().constData()));
        return *it;
    }
    case Qt::BackgroundRole: {
        const QColor color = background(c);
        return color.isValid() ? QVariant(QBrush(color)) : QVariant();
    }
    case Qt::ForegroundRole:
        // Fixed light backgrounds need dark text in every theme.
        return background(c).isValid() ? QVariant(QBrush(QColor(0x20, 0x20, 0x20))) : QVariant();
    case Qt::ToolTipRole:
        return matrix::cellDetails(c, stageIndex > 0 ? m_snapshot.stages.value(stageIndex - 1) : QString(),
                                   m_now);
    case Qt::AccessibleTextRole:
        return QString(c.stage + QLatin1Char(' ') + matrix::cellLabel(c));
    case SortRole:
        return severity(c);
    case StatusRole:
        return int(c.status);
    case ChainRole:
        return int(c.chain);
    case ProblemRole:
        return c.isProblem();
    case FilterTextRole:
        return QString(row.system + QLatin1Char(' ') + row.packages);
    case SnapshotRowRole:
        return snapshotRow;
    case StageRole:
        return c.stage;
    case ImageRole:
        return c.image;
    default:
        return {};
    }
}

MatrixFilterModel::MatrixFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent) {
    setRecursiveFilteringEnabled(true);
    setSortRole(MatrixModel::SortRole);
    // dataChanged carrying ProblemRole re-runs the filter for that row (see MatrixModel::updateCell).
    setFilterRole(MatrixModel::ProblemRole);
    setDynamicSortFilter(true);
}

void MatrixFilterModel::setText(const QString& text) {
    m_text = text.trimmed();
    invalidateFilter();
}

void MatrixFilterModel::setOnlyProblems(bool only) {
    m_onlyProblems = only;
    invalidateFilter();
}

bool MatrixFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (!sourceParent.isValid())
        return false; // distribution rows show exactly when one of their systems does (recursive filtering)
    const QModelIndex idx = sourceModel()->index(sourceRow, MatrixModel::SystemColumn, sourceParent);
    if (m_onlyProblems && !idx.data(MatrixModel::ProblemRole).toBool())
        return false;
    if (m_text.isEmpty())
        return true;
    const QString hay = idx.data(MatrixModel::FilterTextRole).toString();
    const QStringList words = m_text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return std::all_of(words.begin(), words.end(),
                       [&](const QString& w) { return hay.contains(w, Qt::CaseInsensitive); });
}

} // namespace sagedock::app
