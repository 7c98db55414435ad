#pragma once
// The build history on the Builds page: one row per recorded build, newest first — when, builder,
// result (icon + text), stage outcomes with cache numbers, the log file. RawRole gives sortable values.
// Usage: model->setRecords(history.load().value()); const imagebuild::BuildRecord* r = model->record(row);

#include "imagebuild/buildrecord.h"

#include <QAbstractTableModel>

namespace sagedock::app {

class BuildHistoryModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BuildHistoryModel)
public:
    enum Column {
        Started,
        What,
        Builder,
        Result,
        Stages,
        Log,
        ColumnCount
    }; // What: RawRole "sage"|"generic"
    enum Roles { RawRole = Qt::UserRole + 1 };
    explicit BuildHistoryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRecords(const QList<imagebuild::BuildRecord>& oldestFirst);
    const imagebuild::BuildRecord* record(int row) const;

private:
    QList<imagebuild::BuildRecord> m_records; // newest first
};

} // namespace sagedock::app
