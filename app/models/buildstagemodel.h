#pragma once
// One row per planned stage of a build on the Builds page: status (icon + text), steps done/total,
// cached and executed so far, the current step, elapsed seconds, the image. RawRole gives numbers and
// the status name for sorting and tests.
// Usage: model->setStages(plan.stages); connect(runner, &imagebuild::Runner::stageProgress, model,
// &BuildStageModel::setProgress);

#include "imagebuild/buildplan.h"
#include "imagebuild/buildrecord.h"
#include "imagebuild/buildrunner.h"

#include <QAbstractTableModel>

namespace sagedock::app {

class BuildStageModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BuildStageModel)
public:
    enum Column { Stage, Status, Progress, Cached, Executed, CurrentStep, Elapsed, Image, ColumnCount };
    enum Roles { RawRole = Qt::UserRole + 1 };
    explicit BuildStageModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setStages(const QList<imagebuild::PlannedStage>& stages);
    void setStarted(int row);
    void setProgress(int row, const imagebuild::StageProgress& progress);
    void setResult(int row, const imagebuild::StageResult& result);
    imagebuild::StageStatus status(int row) const;

private:
    struct Row {
        QString stage;
        QString image;
        imagebuild::StageStatus status = imagebuild::StageStatus::Pending;
        imagebuild::StageProgress progress;
        QString note;
    };
    void changed(int row);
    QList<Row> m_rows;
};

} // namespace sagedock::app
