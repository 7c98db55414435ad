#pragma once
// The build matrix as a two-level tree for the Matrix page: top-level rows are distributions
// ("Ubuntu", "Fedora", in catalog order), their children are system × package-set rows, and the
// columns are System, Packages, then one column per selected stage. Cells carry colour AND an
// icon and a text label, so the state reads without colour.
// Usage:
//   MatrixModel model;
//   model.setSnapshot(job->snapshot());                              // a new matrix::RefreshJob
//   model.updateCell(row, col, job->snapshot().rows[row].cells[col]);    // on cellChanged
//   proxy.setSourceModel(&model); proxy.setSortRole(MatrixModel::SortRole);

#include "matrix/snapshot.h"

#include <QAbstractItemModel>
#include <QList>
#include <QSortFilterProxyModel>

namespace sagedock::app {

class MatrixModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixModel)
public:
    enum Column { SystemColumn = 0, PackagesColumn = 1, FirstStageColumn = 2 };
    enum Role {
        SortRole = Qt::UserRole + 1, // raw value to sort by: catalog grouping key, stage status order
        StatusRole,                  // int(matrix::CellStatus) of a stage cell
        ChainRole,                   // int(matrix::Chain) of a stage cell
        ProblemRole,     // bool: this cell (or, on System/group rows, anything in the row) is a problem
        FilterTextRole,  // text the page filters on: system, packages, distribution
        SnapshotRowRole, // int: index into Snapshot::rows; -1 on group rows
        StageRole,       // QString: the stage of a stage column
        ImageRole,       // QString: the full image reference of a stage cell
    };

    explicit MatrixModel(QObject* parent = nullptr);
    ~MatrixModel() override;

    void setSnapshot(const matrix::Snapshot& snapshot);
    void updateCell(int snapshotRow, int stageIndex, const matrix::Cell& cell);
    void clear();
    const matrix::Snapshot& snapshot() const { return m_snapshot; }
    // The snapshot row and stage index behind a (source) index; false for group rows and non-stage columns.
    bool cellAt(const QModelIndex& index, int* snapshotRow, int* stageIndex) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct Group {
        QString key;     // "ubuntu"
        QString name;    // "Ubuntu"
        QList<int> rows; // indices into m_snapshot.rows, in display order
    };
    void rebuildGroups();
    QVariant groupData(int group, int column, int role) const;
    QVariant rowData(int snapshotRow, int column, int role) const;
    QVariant cellData(int snapshotRow, int stageIndex, int role) const;
    bool rowHasProblem(int snapshotRow) const;

    matrix::Snapshot m_snapshot;
    QList<Group> m_groups;
    QList<std::pair<int, int>> m_position; // snapshot row -> (group, row within group)
    QStringList m_sortKeys;                // per snapshot row: catalog grouping key + package set
    QDateTime m_now;                       // for relative times; refreshed on each update
};

// Text filter on system / package set / distribution and "only problems", over the tree: a
// distribution row stays while any of its systems does.
class MatrixFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixFilterModel)
public:
    explicit MatrixFilterModel(QObject* parent = nullptr);
    void setText(const QString& text);
    void setOnlyProblems(bool only);
    bool onlyProblems() const { return m_onlyProblems; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    bool m_onlyProblems = false;
};

} // namespace sagedock::app
