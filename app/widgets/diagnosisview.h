#pragma once
// The cache diagnosis of a build log as a panel: one row per stage (steps, cached, executed, failed,
// duration, first executed step and why), and below it the selected stage's first executed step with the
// full reason, the cache imports (ok/failed with the message), warnings and errors. Each state has an
// icon and a word, not only a colour. Feed it live (addEvents, refreshed at most every 200 ms) or
// give it a finished diagnosis.
// Usage:
//   auto* dv = new DiagnosisView(this);
//   connect(logView, &LogView::eventsParsed, dv, &DiagnosisView::addEvents);   // live
//   dv->setDiagnosis(buildlog::diagnose(bytes));                               // finished

#include "buildlog/diagnosis.h"

#include <QAbstractTableModel>
#include <QWidget>

class QLabel;
class QListWidget;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace sagedock::app {

class DiagnosisModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosisModel)
public:
    enum Column { Stage, Steps, Cached, Executed, Failed, Duration, FirstExecuted, Reason, ColumnCount };
    enum Roles {
        RawRole = Qt::UserRole + 1, // numbers as numbers (sorting), -1 for an unknown duration
        ReasonCodeRole,             // buildlog::reasonCode() of the first executed step ("" if none)
    };
    explicit DiagnosisModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setStages(const QList<buildlog::StageDiagnosis>& stages);
    const buildlog::StageDiagnosis* stage(int row) const;

private:
    QList<buildlog::StageDiagnosis> m_stages;
};

class DiagnosisView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosisView)
public:
    explicit DiagnosisView(QWidget* parent = nullptr);
    ~DiagnosisView() override;

    void setDiagnosis(const buildlog::Diagnosis& diagnosis);
    const buildlog::Diagnosis& diagnosis() const { return m_diagnosis; }
    void clear();
    DiagnosisModel* model() const { return m_model; }

public Q_SLOTS:
    // Live: parser events of a running build (a LogView's eventsParsed). Refreshes within 200 ms.
    void addEvents(const sagedock::buildlog::BuildEvents& events);
    void setFormat(sagedock::buildlog::LogFormat format);

private:
    void refresh();
    void showSelected();

    buildlog::Diagnoser m_diagnoser;
    buildlog::Diagnosis m_diagnosis;
    DiagnosisModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    QLabel* m_summary;
    QLabel* m_detail;
    QListWidget* m_notes;
    QTimer* m_refresh;
};

} // namespace sagedock::app
