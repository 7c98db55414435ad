#include "pages/buildspage.h"

#include "appcontext.h"
#include "imagebuild/renderers.h"
#include "models/buildhistorymodel.h"
#include "models/buildstagemodel.h"
#include "widgets/buildhistorypanel.h"
#include "widgets/buildoptionsform.h"
#include "widgets/diagnosisview.h"
#include "widgets/genericbuildform.h"
#include "widgets/logview.h"
#include "widgets/sagebuildform.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace sagedock::app {

namespace {

QLabel* messageLabel(const char* objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setWordWrap(true);
    label->setVisible(false);
    return label;
}

QPushButton* button(const QString& text, const char* objectName, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(QString::fromLatin1(objectName));
    return b;
}
} // namespace

BuildsPage::BuildsPage(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context) {
    setAcceptDrops(true);
    auto* outer = new QVBoxLayout(this);
    m_recoveryNotice = messageLabel("recoveryNotice", this);
    outer->addWidget(m_recoveryNotice);
    m_tabs = new QTabWidget(this);
    outer->addWidget(m_tabs);

    // --- Build tab: what to build — a Sage checkout (tox's stages) or any multi-stage Dockerfile.
    auto* buildTab = new QWidget(m_tabs);
    auto* buildLayout = new QVBoxLayout(buildTab);
    auto* modeRow = new QHBoxLayout;
    m_sageMode = new QRadioButton(tr("Sage source checkout"), buildTab);
    m_sageMode->setObjectName(QStringLiteral("sageModeRadio"));
    m_genericMode = new QRadioButton(tr("Any Dockerfile"), buildTab);
    m_genericMode->setObjectName(QStringLiteral("genericModeRadio"));
    m_sageMode->setChecked(true);
    modeRow->addWidget(new QLabel(tr("Build:"), buildTab));
    modeRow->addWidget(m_sageMode);
    modeRow->addWidget(m_genericMode);
    modeRow->addStretch();
    buildLayout->addLayout(modeRow);
    m_modeStack = new QStackedWidget(buildTab);
    m_modeStack->setObjectName(QStringLiteral("modeStack"));
    m_sage = new SageBuildForm(m_modeStack);
    m_modeStack->addWidget(m_sage);
    m_generic = new GenericBuildForm(m_modeStack);
    m_generic->setObjectName(QStringLiteral("genericForm"));
    m_modeStack->addWidget(m_generic);
    buildLayout->addWidget(m_modeStack);
    m_options = new BuildOptionsForm(m_context.settings().buildPushPrefix(), buildTab);
    buildLayout->addWidget(m_options);
    m_options->alignLabels({m_sage, m_generic});

    auto* buttons = new QHBoxLayout;
    m_previewButton = button(tr("Preview commands"), "previewButton", buildTab);
    m_runButton = button(tr("Run"), "runButton", buildTab);
    m_cancelButton = button(tr("Cancel"), "cancelButton", buildTab);
    m_cancelButton->setEnabled(false);
    auto* openLog = button(tr("Diagnose a log file…"), "openLogButton", buildTab);
    buttons->addWidget(m_previewButton);
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch();
    buttons->addWidget(openLog);
    buildLayout->addLayout(buttons);
    m_validation = messageLabel("validationLabel", buildTab); // why Run is disabled, and how to fix it
    buildLayout->addWidget(m_validation);
    m_error = messageLabel("errorLabel", buildTab);
    buildLayout->addWidget(m_error);
    buildLayout->addWidget(createRunArea(buildTab), 1);
    m_tabs->addTab(buildTab, tr("Build"));

    m_history = new BuildHistoryPanel(m_tabs);
    m_tabs->addTab(m_history, tr("History"));

    connect(m_genericMode, &QRadioButton::toggled, this, &BuildsPage::modeChanged);
    connect(m_sage, &SageBuildForm::changed, this, &BuildsPage::revalidate);
    connect(m_generic, &GenericBuildForm::changed, this, &BuildsPage::revalidate);
    connect(m_options, &BuildOptionsForm::changed, this, &BuildsPage::revalidate);
    connect(m_previewButton, &QPushButton::clicked, this, &BuildsPage::preview);
    connect(m_runButton, &QPushButton::clicked, this, &BuildsPage::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &BuildsPage::cancel);
    connect(openLog, &QPushButton::clicked, this, &BuildsPage::openLogDialog);
    connect(m_history, &BuildHistoryPanel::rerunRequested, this, &BuildsPage::rerun);
    connect(m_history, &BuildHistoryPanel::buildRequested, this, [this] { m_tabs->setCurrentIndex(0); });
    connect(m_history, &BuildHistoryPanel::recovered, this, &BuildsPage::showRecovery);
    connect(m_history, &BuildHistoryPanel::showLogRequested, this, [this](const QString& path) {
        diagnoseLogFile(path);
        m_tabs->setCurrentIndex(0);
    });
    // The live log's parser events drive the diagnosis (a concatenated log: one docker build per stage).
    connect(m_log, &LogView::eventsParsed, m_diagnosis, &DiagnosisView::addEvents);

    const util::Settings& settings = m_context.settings();
    m_sage->setSourceFolder(settings.buildSourceFolder());
    if (!settings.buildDockerfile().isEmpty())
        m_generic->setValues(settings.buildDockerfile(), settings.buildContextFolder(),
                             settings.buildStages(), settings.buildImagePrefix());
    m_genericMode->setChecked(settings.buildMode() == QLatin1String("generic"));
    modeChanged();
    reloadHistory();
}

BuildsPage::~BuildsPage() = default;

// The plan preview (then the commands as run), one row per stage, the live log and its diagnosis.
QWidget* BuildsPage::createRunArea(QWidget* parent) {
    auto* split = new QSplitter(Qt::Vertical, parent);
    m_preview = new QPlainTextEdit(split);
    m_preview->setObjectName(QStringLiteral("planPreview"));
    m_preview->setReadOnly(true);
    m_preview->setPlaceholderText(tr("The exact commands appear here (Preview commands)."));
    m_stageModel = new BuildStageModel(this);
    auto* stageTable = new QTableView(split);
    stageTable->setObjectName(QStringLiteral("stageTable"));
    stageTable->setModel(m_stageModel);
    stageTable->horizontalHeader()->setStretchLastSection(true);
    stageTable->verticalHeader()->hide();
    m_log = new LogView(split);
    m_log->setObjectName(QStringLiteral("logView"));
    m_diagnosis = new DiagnosisView(split);
    m_diagnosis->setObjectName(QStringLiteral("diagnosisView"));
    return split;
}

BuildHistoryModel* BuildsPage::historyModel() const {
    return m_history->model();
}

void BuildsPage::setHistoryPath(const QString& path) {
    m_history->setHistoryPath(path);
}

bool BuildsPage::isGeneric() const {
    return m_genericMode->isChecked();
}

bool BuildsPage::isRunning() const {
    return m_runner && m_runner->isRunning();
}

void BuildsPage::modeChanged() {
    m_modeStack->setCurrentIndex(isGeneric() ? 1 : 0);
    // A stack is as tall as its tallest page: let only the current one count, so the shorter generic
    // fields leave no gap above the shared ones.
    for (int i = 0; i < m_modeStack->count(); ++i) {
        const QSizePolicy::Policy v =
            i == m_modeStack->currentIndex() ? QSizePolicy::Preferred : QSizePolicy::Ignored;
        m_modeStack->widget(i)->setSizePolicy(QSizePolicy::Preferred, v);
    }
    m_modeStack->updateGeometry();
    m_options->setTagPlaceholder(isGeneric() ? tr("default: latest")
                                             : tr("default: git describe --dirty --always"));
    revalidate();
}

util::Error BuildsPage::validationError() const {
    if (auto e = isGeneric() ? m_generic->validationError() : m_sage->validationError())
        return e;
    return m_options->validationError();
}

void BuildsPage::revalidate() {
    if (!m_runButton) // the forms report changes while the page is still being built
        return;
    const util::Error e = validationError();
    m_validation->setText(e ? tr("⚠ %1").arg(e.toString()) : QString());
    m_validation->setVisible(bool(e));
    m_runButton->setEnabled(!isRunning() && !e);
    m_previewButton->setEnabled(!isRunning() && !e);
    m_runButton->setToolTip(e ? e.toString() : QString());
}

imagebuild::RunOptions BuildsPage::runOptions() const {
    imagebuild::RunOptions r = m_options->runOptions();
    r.historyPath = m_history->historyPath();
    r.engine = m_context.services().engine();
    // Recorded in the history like the CLI's argv.
    r.arguments = isGeneric() ? imagebuild::cliArguments(m_generic->options(m_options->commonOptions()))
                              : imagebuild::cliArguments(m_sage->options(m_options->commonOptions()));
    return r;
}

void BuildsPage::showError(const QString& text) {
    m_error->setText(text.isEmpty() ? QString() : tr("⚠ %1").arg(text));
    m_error->setVisible(!text.isEmpty());
}

void BuildsPage::plan(std::function<void(const imagebuild::BuildPlan&)> next) {
    delete m_planner; // a plan still being made for older inputs is dropped
    auto* planner = new imagebuild::Planner(this);
    m_planner = planner;
    connect(planner, &util::Job::finished, this,
            [this, planner, next = std::move(next)](const util::Error& e) {
                planner->deleteLater();
                if (e) {
                    setRunning(false);
                    showError(e.toString());
                    return;
                }
                next(planner->result());
            });
    if (isGeneric())
        planner->planGeneric(m_generic->options(m_options->commonOptions()));
    else
        planner->planSage(m_sage->options(m_options->commonOptions()));
}

// The checkout's tox.ini decides what a Sage build runs: a plan waits until it has been read (it is
// read on the pool whenever the folder changes, so a re-run or a quick click can come first).
bool BuildsPage::waitForToxIni(void (BuildsPage::*then)()) {
    if (isGeneric() || m_sage->toxIniState() != SageBuildForm::ToxIniState::Reading)
        return false;
    if (!m_waitingForToxIni) {
        m_waitingForToxIni = true;
        m_sage->afterToxIniRead([this, then] {
            m_waitingForToxIni = false;
            (this->*then)();
        });
    }
    return true;
}

// The Dockerfile may have changed since it was chosen: read it again before planning.
bool BuildsPage::checkForm() {
    if (isGeneric())
        m_generic->refresh();
    if (const auto e = validationError()) {
        showError(e.toString());
        return false;
    }
    showError({});
    return true;
}

void BuildsPage::preview() {
    if (waitForToxIni(&BuildsPage::preview) || !checkForm())
        return;
    plan([this](const imagebuild::BuildPlan& p) {
        delete m_probe;
        auto* probe = new imagebuild::CliProbe(this);
        m_probe = probe;
        probe->setRequiredMode(runOptions().builderMode);
        connect(probe, &util::Job::finished, this, [this, probe, p](const util::Error& e) {
            probe->deleteLater();
            if (e) {
                showError(e.toString());
                return;
            }
            m_preview->setPlainText(imagebuild::previewCommands(p, probe->result()).join(QLatin1Char('\n')));
            m_stageModel->setStages(p.stages);
            Q_EMIT previewReady();
        });
        probe->start();
    });
}

void BuildsPage::saveInputs() {
    util::Settings& s = m_context.settings();
    s.setBuildMode(isGeneric() ? QStringLiteral("generic") : QStringLiteral("sage"));
    s.setBuildPushPrefix(m_options->pushPrefix());
    if (isGeneric()) {
        s.setBuildDockerfile(m_generic->dockerfile());
        s.setBuildContextFolder(m_generic->contextDir());
        s.setBuildStages(m_generic->stages());
        s.setBuildImagePrefix(m_generic->imagePrefix());
    } else {
        s.setBuildSourceFolder(m_sage->sourceFolder());
    }
}

void BuildsPage::run() {
    if (isRunning() || waitForToxIni(&BuildsPage::run) || !checkForm())
        return;
    saveInputs();
    setRunning(true);
    plan([this](const imagebuild::BuildPlan& p) { startRun(p); });
}

void BuildsPage::startRun(const imagebuild::BuildPlan& plan) {
    m_stageModel->setStages(plan.stages);
    m_log->clear();
    m_diagnosis->clear();
    // The commands as they are run follow (not a previous preview of perhaps other inputs).
    m_preview->setPlainText(imagebuild::previewPreamble(plan).join(QLatin1Char('\n')));
    delete m_runner;
    auto* runner = new imagebuild::Runner(this);
    m_runner = runner;
    connect(runner, &imagebuild::Runner::stageStarted, this, [this](int i, const QString& command) {
        m_stageModel->setStarted(i);
        m_preview->appendPlainText(command);
    });
    connect(runner, &imagebuild::Runner::stageProgress, m_stageModel, &BuildStageModel::setProgress);
    connect(runner, &imagebuild::Runner::stageFinished, m_stageModel, &BuildStageModel::setResult);
    connect(runner, &imagebuild::Runner::logData, this,
            [this](int, const QByteArray& data) { m_log->appendData(data); });
    connect(runner, &util::Job::finished, this, [this, runner] {
        runner->deleteLater();
        const imagebuild::BuildRecord& r = runner->result();
        m_log->finish();
        setRunning(false);
        showError(r.error);
        reloadHistory();
        Q_EMIT buildFinished(r.success);
    });
    runner->start(plan, runOptions());
}

void BuildsPage::cancel() {
    if (m_runner)
        m_runner->cancel();
    if (m_planner)
        m_planner->cancel();
}

void BuildsPage::setRunning(bool running) {
    m_cancelButton->setEnabled(running);
    if (running) {
        m_runButton->setEnabled(false);
        m_previewButton->setEnabled(false);
    } else {
        revalidate();
    }
}

// History::recover() found builds a killed SageDock left running, or torn lines: said here and in
// the status bar, once (recover() records that it was said).
void BuildsPage::showRecovery(const QStringList& notices, const QStringList& interruptedIds) {
    if (notices.isEmpty())
        return;
    m_recoveryNotice->setText(tr("SageDock stopped unexpectedly last time; the build history was repaired:") +
                              QLatin1Char('\n') + notices.join(QLatin1Char('\n')));
    m_recoveryNotice->setVisible(true);
    Q_EMIT m_context.notice(
        interruptedIds.isEmpty()
            ? tr("The build history had broken lines; they were skipped (see the Builds page).")
            : tr("Build %1 was interrupted when SageDock stopped (see the Builds page).", nullptr,
                 int(interruptedIds.size()))
                  .arg(interruptedIds.join(QStringLiteral(", "))));
}

void BuildsPage::reloadHistory() {
    if (const util::Error e = m_history->reload())
        showError(e.toString());
}

// Fills the form from the record (the page parses nothing itself: imagebuild::recordInputs) and runs.
void BuildsPage::rerun(const imagebuild::BuildRecord& record) {
    const imagebuild::RecordInputs in = imagebuild::recordInputs(record);
    m_options->setTag(in.tag);
    m_options->setPushPrefix(in.pushPrefix);
    if (in.generic) {
        m_generic->setValues(in.dockerfile, in.context, in.stages, in.imagePrefix);
        m_genericMode->setChecked(true);
    } else {
        m_sageMode->setChecked(true);
        m_sage->setValues(in);
    }
    m_tabs->setCurrentIndex(0);
    run();
}

void BuildsPage::openLogDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Diagnose a build log"), QString(),
                                                      tr("Build logs (*.log *.txt);;All files (*)"));
    if (!path.isEmpty())
        diagnoseLogFile(path);
}

bool BuildsPage::diagnoseLogFile(const QString& path) {
    if (isRunning()) {
        showError(tr("A build is running; diagnose the log when it has finished."));
        return false;
    }
    m_log->clear();
    m_diagnosis->clear();
    QString error;
    if (!m_log->loadFile(path, &error)) {
        showError(tr("Cannot read %1: %2").arg(path, error));
        return false;
    }
    showError({});
    m_tabs->setCurrentIndex(0);
    return true;
}

void BuildsPage::dragEnterEvent(QDragEnterEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void BuildsPage::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    if (diagnoseLogFile(urls.first().toLocalFile()))
        event->acceptProposedAction();
}

} // namespace sagedock::app
