#pragma once
// The Builds page: build Sage's stages locally like `tox -e docker-<system>-<packages>`. A form (source
// folder and what was detected in it, system from the catalog, package set, stages, tag, cache sources,
// push prefix, builder), a plan preview with the exact commands, a run with one row per stage
// (progress, cached/executed), the live log and the cache diagnosis filling in as stages finish; the
// history with re-run and compare; and any log file (open or drag and drop) diagnosed — the CI-log case.

#include "build/buildplanner.h"
#include "build/buildrunner.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTabWidget;

namespace sagedock::app {

class AppContext;
class BuildHistoryModel;
class BuildStageModel;
class DiagnosisView;
class LogView;

class BuildsPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BuildsPage)
public:
    explicit BuildsPage(AppContext& context, QWidget* parent = nullptr);
    ~BuildsPage() override;

    // Shows a finished log (a CI log, a previous build) with its diagnosis. False if it cannot be read.
    bool diagnoseLogFile(const QString& path);
    void reloadHistory();
    // Where the history is read from and written to (tests point it elsewhere).
    void setHistoryPath(const QString& path);

    BuildStageModel* stageModel() const { return m_stageModel; }
    BuildHistoryModel* historyModel() const { return m_historyModel; }

Q_SIGNALS:
    void previewReady();
    void buildFinished(bool success);

protected:
    void dragEnterEvent(class QDragEnterEvent* event) override;
    void dropEvent(class QDropEvent* event) override;

private:
    void detectSource();
    build::SageBuildOptions formOptions() const;
    build::RunOptions runOptions() const;
    void preview();
    void run();
    void startRun(const build::BuildPlan& plan);
    void cancel();
    void rerunSelected();
    void compareSelected();
    void openLogDialog();
    void fillForm(const build::BuildRecord& record);
    void showError(const QString& text);
    void setRunning(bool running);

    AppContext& m_context;
    QString m_historyPath;
    std::unique_ptr<build::Planner> m_planner;
    std::unique_ptr<build::Runner> m_runner;
    std::unique_ptr<build::CliProbe> m_probe;

    QTabWidget* m_tabs;
    QLineEdit* m_source;
    QLabel* m_detected;
    QComboBox* m_system;
    QComboBox* m_packages;
    QListWidget* m_stages;
    QLineEdit* m_tag;
    QLineEdit* m_cacheFrom;
    QLineEdit* m_pushPrefix;
    QComboBox* m_builderMode;
    QCheckBox* m_resume;
    QCheckBox* m_skipExisting;
    QPushButton* m_previewButton;
    QPushButton* m_runButton;
    QPushButton* m_cancelButton;
    QLabel* m_error;
    QPlainTextEdit* m_preview;
    BuildStageModel* m_stageModel;
    QTableView* m_stageTable;
    LogView* m_log;
    DiagnosisView* m_diagnosis;
    BuildHistoryModel* m_historyModel;
    QTableView* m_historyTable;
    QPlainTextEdit* m_compare;
};

} // namespace sagedock::app
