#pragma once
// The Builds page: build Sage's stages locally like `tox -e docker-<system>-<packages>`, or the named
// stages of any Dockerfile (the generic mode). A form (source folder and what was detected in it, system
// from the catalog, package set, stages — or Dockerfile, context, stages, image prefix — then tag, cache
// sources, push prefix, builder; Run stays disabled with the reason shown until it is valid), a plan preview
// with the exact commands, a run with one row per stage (progress, cached/executed), the live log and the
// cache diagnosis filling in as stages finish; the history with re-run and compare; and any log file (open or
// drag and drop) diagnosed — the CI-log case.

#include "imagebuild/buildplanner.h"
#include "imagebuild/buildrunner.h"

#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTableView;
class QTabWidget;

namespace sagedock::app {

class AppContext;
class BuildHistoryModel;
class BuildStageModel;
class DiagnosisView;
class GenericBuildForm;
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
    bool isGeneric() const;
    void modeChanged();
    QStringList sageStages() const;
    // Null when Run can start; else the reason and its fix (shown under the buttons).
    util::Error validationError() const;
    void revalidate();
    bool checkForm(); // re-reads the Dockerfile; false (and the reason shown) when Run cannot start
    imagebuild::CommonBuildOptions commonOptions() const;
    imagebuild::SageBuildOptions sageOptions() const;
    imagebuild::RunOptions runOptions() const;
    // Plans the form's build (either mode) and hands the plan on; failures are shown.
    void plan(std::function<void(const imagebuild::BuildPlan&)> next);
    void preview();
    void saveInputs();
    void run();
    void startRun(const imagebuild::BuildPlan& plan);
    void cancel();
    void rerunSelected();
    void compareSelected();
    void openLogDialog();
    void fillForm(const imagebuild::BuildRecord& record);
    void showError(const QString& text);
    void setRunning(bool running);

    AppContext& m_context;
    QString m_historyPath;
    std::unique_ptr<imagebuild::Planner> m_planner;
    std::unique_ptr<imagebuild::Runner> m_runner;
    std::unique_ptr<imagebuild::CliProbe> m_probe;

    QTabWidget* m_tabs;
    QRadioButton* m_sageMode;
    QRadioButton* m_genericMode;
    QStackedWidget* m_modeStack;
    GenericBuildForm* m_generic;
    util::Error m_sageError; // what detectSource found wrong
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
    QLabel* m_validation;
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
