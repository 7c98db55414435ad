#pragma once
// The Builds page: build Sage's stages locally like `tox -e docker-<system>-<packages>`, or the named
// stages of any Dockerfile (the generic mode). A form (source folder and what was detected in it, the
// tox environments its tox.ini offers — or, without one, the system from the built-in table — package
// set, modifiers, arguments after --, stages — or Dockerfile, context, stages, image prefix — then tag, cache
// sources, push prefix, builder; Run stays disabled with the reason shown until it is valid), a plan preview
// with the exact commands, a run with one row per stage (progress, cached/executed), the live log and the
// cache diagnosis filling in as stages finish; the history with re-run and compare; and any log file (open or
// drag and drop) diagnosed — the CI-log case.

#include "imagebuild/buildplanner.h"
#include "imagebuild/buildrunner.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTabWidget;

namespace sagedock::app {

class AppContext;
class BuildHistoryModel;
class BuildHistoryPanel;
class BuildOptionsForm;
class BuildStageModel;
class DiagnosisView;
class GenericBuildForm;
class LogView;
class SageBuildForm;

// Assembles the parts (SageBuildForm, GenericBuildForm, BuildHistoryPanel) and runs the use cases:
// plan (imagebuild::Planner), probe the docker CLI, preview (imagebuild::previewCommands), run
// (imagebuild::Runner), each a util::Job.
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
    BuildHistoryModel* historyModel() const;

Q_SIGNALS:
    void previewReady();
    void buildFinished(bool success);

protected:
    void dragEnterEvent(class QDragEnterEvent* event) override;
    void dropEvent(class QDropEvent* event) override;

private:
    QWidget* createRunArea(QWidget* parent);
    void showRecovery(const QStringList& notices, const QStringList& interruptedIds);
    bool isGeneric() const;
    bool isRunning() const;
    void modeChanged();
    // Null when Run can start; else the reason and its fix (shown under the buttons).
    util::Error validationError() const;
    void revalidate();
    bool checkForm(); // re-reads the Dockerfile; false (and the reason shown) when Run cannot start
    // True when tox.ini is still being read: `then` runs once it has been.
    bool waitForToxIni(void (BuildsPage::*then)());
    imagebuild::RunOptions runOptions() const;
    // Plans the form's build (either mode) and hands the plan on; failures are shown.
    void plan(std::function<void(const imagebuild::BuildPlan&)> next);
    void preview();
    void saveInputs();
    void run();
    void startRun(const imagebuild::BuildPlan& plan);
    void cancel();
    void rerun(const imagebuild::BuildRecord& record);
    void openLogDialog();
    void showError(const QString& text);
    void setRunning(bool running);

    AppContext& m_context;
    // Each dies with the page (or with the next one of its kind): a running one is stopped.
    QPointer<imagebuild::Planner> m_planner;
    QPointer<imagebuild::Runner> m_runner;
    QPointer<imagebuild::CliProbe> m_probe;

    QTabWidget* m_tabs = nullptr;
    QRadioButton* m_sageMode = nullptr;
    QRadioButton* m_genericMode = nullptr;
    QStackedWidget* m_modeStack = nullptr;
    SageBuildForm* m_sage = nullptr;
    GenericBuildForm* m_generic = nullptr;
    BuildOptionsForm* m_options = nullptr;
    QPushButton* m_previewButton = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_recoveryNotice = nullptr; // what History::recover() repaired at start-up
    QLabel* m_validation = nullptr;
    QPlainTextEdit* m_preview = nullptr;
    BuildStageModel* m_stageModel = nullptr;
    LogView* m_log = nullptr;
    DiagnosisView* m_diagnosis = nullptr;
    BuildHistoryPanel* m_history = nullptr;
    bool m_waitingForToxIni = false;
};

} // namespace sagedock::app
