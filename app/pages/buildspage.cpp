#include "pages/buildspage.h"

#include "appcontext.h"
#include "buildlog/diagnosis.h"
#include "imagebuild/buildhistory.h"
#include "imagebuild/sagesource.h"
#include "imagebuild/sagesystems.h"
#include "models/buildhistorymodel.h"
#include "models/buildstagemodel.h"
#include "reference/catalog.h"
#include "reference/imagereference.h"
#include "widgets/diagnosisview.h"
#include "widgets/genericbuildform.h"
#include "widgets/logview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>

namespace sagedock::app {

namespace {
QStringList splitList(const QString& text) {
    QStringList out;
    for (const QString& part : text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts))
        out << part;
    return out;
}

// The image prefix of a generic build: as given (--image-prefix), else taken back from the first
// stage's image ([push prefix]<prefix>-<stage>:<tag>) for records that lack the arguments.
QString genericImagePrefix(const imagebuild::BuildRecord& record) {
    const QString option = QStringLiteral("--image-prefix");
    for (qsizetype i = 0; i < record.arguments.size(); ++i) {
        const QString& a = record.arguments.at(i);
        if (a == option && i + 1 < record.arguments.size())
            return record.arguments.at(i + 1);
        if (a.startsWith(option + QLatin1Char('='))) // the CLI accepts --image-prefix=NAME too
            return a.mid(option.size() + 1);
    }
    if (record.stages.isEmpty())
        return {};
    const imagebuild::StageResult& first = record.stages.first();
    QString image = first.image.left(first.image.lastIndexOf(QLatin1Char(':')));
    const QString push = record.plan.contains("push_prefix") && record.plan.at("push_prefix").is_string()
                             ? QString::fromStdString(record.plan.at("push_prefix").get<std::string>())
                             : QString();
    if (!push.isEmpty() && image.startsWith(push))
        image = image.mid(push.size());
    if (image.endsWith(QLatin1Char('-') + first.stage))
        return image.chopped(first.stage.size() + 1);
    return image.chopped(first.stage.size());
}

// The mode's fields and the shared ones are separate forms: one label width lines their fields up.
void alignLabels(const QList<QFormLayout*>& forms) {
    QList<QWidget*> labels;
    int width = 0;
    for (QFormLayout* f : forms)
        for (int row = 0; f && row < f->rowCount(); ++row)
            if (QLayoutItem* item = f->itemAt(row, QFormLayout::LabelRole); item && item->widget()) {
                labels << item->widget();
                width = std::max(width, item->widget()->sizeHint().width());
            }
    for (QWidget* label : labels)
        label->setMinimumWidth(width);
}

// What precedes the stage commands in the preview: the working directory, and for Sage the generator.
QStringList preamble(const imagebuild::BuildPlan& plan) {
    QStringList lines{QStringLiteral("cd ") + imagebuild::shellQuote(plan.contextDir)};
    if (plan.mode == imagebuild::BuildPlan::Mode::Sage)
        lines << plan.generatorDisplay();
    return lines;
}
} // namespace

BuildsPage::BuildsPage(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_historyPath(imagebuild::History::defaultPath()) {
    setAcceptDrops(true);
    auto* outer = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    outer->addWidget(m_tabs);

    // --- Build tab: form, preview, stages, log, diagnosis
    auto* buildTab = new QWidget(m_tabs);
    auto* buildLayout = new QVBoxLayout(buildTab);
    // What to build: a Sage checkout (tox's stages) or any multi-stage Dockerfile.
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
    auto* sagePage = new QWidget(m_modeStack);
    auto* sageForm = new QFormLayout(sagePage);
    sageForm->setContentsMargins(0, 0, 0, 0);
    auto* sourceRow = new QHBoxLayout;
    m_source = new QLineEdit(buildTab);
    m_source->setObjectName(QStringLiteral("sourceEdit"));
    m_source->setPlaceholderText(tr("Sage source checkout (SAGE_ROOT)"));
    auto* browse = new QPushButton(tr("Browse…"), buildTab);
    sourceRow->addWidget(m_source);
    sourceRow->addWidget(browse);
    sageForm->addRow(tr("Source folder:"), sourceRow);
    m_detected = new QLabel(buildTab);
    m_detected->setObjectName(QStringLiteral("detectedLabel"));
    sageForm->addRow(QString(), m_detected);
    m_system = new QComboBox(buildTab);
    m_system->setObjectName(QStringLiteral("systemCombo"));
    for (const QString& factor : imagebuild::knownSageSystems())
        if (const auto s = imagebuild::sageSystem(factor))
            m_system->addItem(tr("%1 (%2)").arg(s->factor, s->baseImage), s->factor);
    sageForm->addRow(tr("System:"), m_system);
    m_packages = new QComboBox(buildTab);
    m_packages->setObjectName(QStringLiteral("packagesCombo"));
    for (const QString& p : imagebuild::sagePackageSets())
        m_packages->addItem(p, p);
    m_packages->setCurrentIndex(m_packages->findData(QStringLiteral("standard")));
    sageForm->addRow(tr("Package set:"), m_packages);
    m_stages = new QListWidget(buildTab);
    m_stages->setObjectName(QStringLiteral("stagesList"));
    m_stages->setMaximumHeight(130);
    // Checked by default: CI's docker_targets, the stages Sage's workflow builds and pushes.
    const auto& catalog = reference::Catalog::bundled();
    for (const QString& s : catalog.stages()) {
        auto* item = new QListWidgetItem(s, m_stages);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(catalog.publishedStages().contains(s) ? Qt::Checked : Qt::Unchecked);
    }
    sageForm->addRow(tr("Stages:"), m_stages);
    m_modeStack->addWidget(sagePage);
    m_generic = new GenericBuildForm(m_modeStack);
    m_generic->setObjectName(QStringLiteral("genericForm"));
    m_modeStack->addWidget(m_generic);
    buildLayout->addWidget(m_modeStack);

    // Shared by both modes.
    auto* form = new QFormLayout;
    m_tag = new QLineEdit(buildTab);
    m_tag->setObjectName(QStringLiteral("tagEdit"));
    form->addRow(tr("Tag:"), m_tag);
    m_cacheFrom = new QLineEdit(buildTab);
    m_cacheFrom->setObjectName(QStringLiteral("cacheFromEdit"));
    m_cacheFrom->setPlaceholderText(
        tr("default: the registry's images of the same names at dev and at the tag"));
    form->addRow(tr("Cache sources:"), m_cacheFrom);
    m_pushPrefix = new QLineEdit(m_context.settings().buildPushPrefix(), buildTab);
    m_pushPrefix->setObjectName(QStringLiteral("pushPrefixEdit"));
    m_pushPrefix->setPlaceholderText(tr("e.g. ghcr.io/me/sage/ (empty: no push)"));
    form->addRow(tr("Push prefix:"), m_pushPrefix);
    auto* optionsRow = new QHBoxLayout;
    m_builderMode = new QComboBox(buildTab);
    m_builderMode->setObjectName(QStringLiteral("builderModeCombo"));
    m_builderMode->addItem(tr("Richest available"), QString());
    m_builderMode->addItem(tr("BuildKit (buildx)"), QStringLiteral("buildx"));
    m_builderMode->addItem(tr("BuildKit (DOCKER_BUILDKIT=1)"), QStringLiteral("buildkit"));
    m_builderMode->addItem(tr("Legacy builder"), QStringLiteral("legacy"));
    m_resume = new QCheckBox(tr("Resume from the last run"), buildTab);
    m_resume->setObjectName(QStringLiteral("resumeCheck"));
    m_skipExisting = new QCheckBox(tr("Skip stages whose inputs are in the registry"), buildTab);
    m_skipExisting->setObjectName(QStringLiteral("skipExistingCheck"));
    optionsRow->addWidget(m_builderMode);
    optionsRow->addWidget(m_resume);
    optionsRow->addWidget(m_skipExisting);
    optionsRow->addStretch();
    form->addRow(tr("Builder:"), optionsRow);
    buildLayout->addLayout(form);
    alignLabels({sageForm, qobject_cast<QFormLayout*>(m_generic->layout()), form});

    auto* buttons = new QHBoxLayout;
    m_previewButton = new QPushButton(tr("Preview commands"), buildTab);
    m_previewButton->setObjectName(QStringLiteral("previewButton"));
    m_runButton = new QPushButton(tr("Run"), buildTab);
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_cancelButton = new QPushButton(tr("Cancel"), buildTab);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setEnabled(false);
    auto* openLog = new QPushButton(tr("Diagnose a log file…"), buildTab);
    openLog->setObjectName(QStringLiteral("openLogButton"));
    buttons->addWidget(m_previewButton);
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch();
    buttons->addWidget(openLog);
    buildLayout->addLayout(buttons);
    // Why Run is disabled, and how to fix it.
    m_validation = new QLabel(buildTab);
    m_validation->setObjectName(QStringLiteral("validationLabel"));
    m_validation->setWordWrap(true);
    m_validation->setVisible(false);
    buildLayout->addWidget(m_validation);
    m_error = new QLabel(buildTab);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    buildLayout->addWidget(m_error);

    auto* split = new QSplitter(Qt::Vertical, buildTab);
    m_preview = new QPlainTextEdit(split);
    m_preview->setObjectName(QStringLiteral("planPreview"));
    m_preview->setReadOnly(true);
    m_preview->setPlaceholderText(tr("The exact commands appear here (Preview commands)."));
    m_stageModel = new BuildStageModel(this);
    m_stageTable = new QTableView(split);
    m_stageTable->setObjectName(QStringLiteral("stageTable"));
    m_stageTable->setModel(m_stageModel);
    m_stageTable->horizontalHeader()->setStretchLastSection(true);
    m_stageTable->verticalHeader()->hide();
    m_log = new LogView(split);
    m_log->setObjectName(QStringLiteral("logView"));
    m_diagnosis = new DiagnosisView(split);
    m_diagnosis->setObjectName(QStringLiteral("diagnosisView"));
    buildLayout->addWidget(split, 1);
    m_tabs->addTab(buildTab, tr("Build"));

    // --- History tab
    auto* historyTab = new QWidget(m_tabs);
    auto* historyLayout = new QVBoxLayout(historyTab);
    m_historyModel = new BuildHistoryModel(this);
    m_historyTable = new QTableView(historyTab);
    m_historyTable->setObjectName(QStringLiteral("historyTable"));
    m_historyTable->setModel(m_historyModel);
    m_historyTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_historyTable->horizontalHeader()->setStretchLastSection(true);
    historyLayout->addWidget(m_historyTable, 2);
    auto* historyButtons = new QHBoxLayout;
    auto* rerun = new QPushButton(tr("Re-run"), historyTab);
    rerun->setObjectName(QStringLiteral("rerunButton"));
    auto* compare = new QPushButton(tr("Compare two builds"), historyTab);
    compare->setObjectName(QStringLiteral("compareButton"));
    auto* showLog = new QPushButton(tr("Show log and diagnosis"), historyTab);
    showLog->setObjectName(QStringLiteral("showLogButton"));
    historyButtons->addWidget(rerun);
    historyButtons->addWidget(compare);
    historyButtons->addWidget(showLog);
    historyButtons->addStretch();
    historyLayout->addLayout(historyButtons);
    m_compare = new QPlainTextEdit(historyTab);
    m_compare->setObjectName(QStringLiteral("compareOutput"));
    m_compare->setReadOnly(true);
    historyLayout->addWidget(m_compare, 1);
    m_tabs->addTab(historyTab, tr("History"));

    connect(m_source, &QLineEdit::textChanged, this, &BuildsPage::detectSource);
    connect(m_genericMode, &QRadioButton::toggled, this, &BuildsPage::modeChanged);
    connect(m_generic, &GenericBuildForm::changed, this, &BuildsPage::revalidate);
    connect(m_stages, &QListWidget::itemChanged, this, &BuildsPage::revalidate);
    connect(m_tag, &QLineEdit::textChanged, this, &BuildsPage::revalidate);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Sage source folder"), m_source->text());
        if (!dir.isEmpty())
            m_source->setText(dir);
    });
    connect(m_previewButton, &QPushButton::clicked, this, &BuildsPage::preview);
    connect(m_runButton, &QPushButton::clicked, this, &BuildsPage::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &BuildsPage::cancel);
    connect(openLog, &QPushButton::clicked, this, &BuildsPage::openLogDialog);
    connect(rerun, &QPushButton::clicked, this, &BuildsPage::rerunSelected);
    connect(compare, &QPushButton::clicked, this, &BuildsPage::compareSelected);
    connect(showLog, &QPushButton::clicked, this, [this] {
        const auto rows = m_historyTable->selectionModel()->selectedRows();
        if (const auto* r = rows.isEmpty() ? nullptr : m_historyModel->record(rows.first().row())) {
            diagnoseLogFile(r->logPath);
            m_tabs->setCurrentIndex(0);
        }
    });
    // The live log's parser events drive the diagnosis (a concatenated log: one docker build per stage).
    connect(m_log, &LogView::eventsParsed, m_diagnosis, &DiagnosisView::addEvents);

    const util::Settings& settings = m_context.settings();
    m_source->setText(settings.buildSourceFolder());
    detectSource();
    if (!settings.buildDockerfile().isEmpty())
        m_generic->setValues(settings.buildDockerfile(), settings.buildContextFolder(),
                             settings.buildStages(), settings.buildImagePrefix());
    m_genericMode->setChecked(settings.buildMode() == QLatin1String("generic"));
    modeChanged();
    reloadHistory();
}

BuildsPage::~BuildsPage() = default;

void BuildsPage::setHistoryPath(const QString& path) {
    m_historyPath = path;
    reloadHistory();
}

void BuildsPage::detectSource() {
    const QString dir = m_source->text().trimmed();
    m_sageError = {};
    if (dir.isEmpty()) {
        m_sageError = util::Error::make(util::ErrorCode::InvalidArgument, tr("No source folder chosen."),
                                        tr("Choose a Sage source checkout (the folder with VERSION.txt) or "
                                           "build any Dockerfile instead."));
        m_detected->setText(m_sageError.message);
        revalidate();
        return;
    }
    // Two small files: cheap enough for the UI thread.
    auto s = imagebuild::SageSource::detect(dir);
    if (!s.ok()) {
        m_sageError = s.error();
        m_detected->setText(tr("⚠ %1").arg(s.error().toString()));
        revalidate();
        return;
    }
    m_detected->setText(
        tr("✓ SageMath %1; Dockerfile generator %2%3")
            .arg(s->version, s->generator,
                 s->generatorAtExpectedPath ? QString() : tr(" (not where %1 keeps it)").arg(s->version)));
    revalidate();
}

bool BuildsPage::isGeneric() const {
    return m_genericMode->isChecked();
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
    m_tag->setPlaceholderText(isGeneric() ? tr("default: latest")
                                          : tr("default: git describe --dirty --always"));
    revalidate();
}

QStringList BuildsPage::sageStages() const {
    QStringList out;
    for (int i = 0; i < m_stages->count(); ++i)
        if (m_stages->item(i)->checkState() == Qt::Checked)
            out << m_stages->item(i)->text();
    return out;
}

util::Error BuildsPage::validationError() const {
    if (isGeneric()) {
        if (auto e = m_generic->validationError())
            return e;
    } else {
        if (m_sageError)
            return m_sageError;
        if (sageStages().isEmpty())
            return util::Error::make(util::ErrorCode::InvalidArgument, tr("No stages ticked."),
                                     tr("Tick the stages to build, e.g. with-targets."));
    }
    const QString tag = m_tag->text().trimmed();
    if (!tag.isEmpty())
        if (auto e = reference::ImageReference::validateTag(tag))
            return util::Error::make(util::ErrorCode::InvalidArgument,
                                     tr("Invalid tag %1: %2").arg(tag, e.message), e.hint);
    return {};
}

void BuildsPage::revalidate() {
    const util::Error e = validationError();
    m_validation->setText(e ? tr("⚠ %1").arg(e.toString()) : QString());
    m_validation->setVisible(bool(e));
    const bool running = m_runner && m_runner->isRunning();
    m_runButton->setEnabled(!running && !e);
    m_previewButton->setEnabled(!running && !e);
    m_runButton->setToolTip(e ? e.toString() : QString());
}

imagebuild::CommonBuildOptions BuildsPage::commonOptions() const {
    imagebuild::CommonBuildOptions c;
    c.tag = m_tag->text().trimmed();
    c.cacheFrom = splitList(m_cacheFrom->text());
    c.pushPrefix = m_pushPrefix->text().trimmed();
    c.computeInputHashes = m_resume->isChecked() || m_skipExisting->isChecked();
    return c;
}

imagebuild::SageBuildOptions BuildsPage::sageOptions() const {
    imagebuild::SageBuildOptions o;
    o.sourceDir = m_source->text().trimmed();
    o.system = m_system->currentData().toString();
    o.packages = m_packages->currentData().toString();
    o.stages = sageStages();
    o.common = commonOptions();
    return o;
}

imagebuild::RunOptions BuildsPage::runOptions() const {
    imagebuild::RunOptions r;
    r.resume = m_resume->isChecked();
    r.skipExisting = m_skipExisting->isChecked();
    r.builderMode = imagebuild::builderModeFromName(m_builderMode->currentData().toString());
    r.historyPath = m_historyPath;
    r.engine = m_context.services().engine();
    // Recorded in the history like the CLI's argv.
    if (isGeneric()) {
        r.arguments = m_generic->cliArguments();
    } else {
        const auto o = sageOptions();
        r.arguments = {QStringLiteral("--source"),   o.sourceDir,
                       QStringLiteral("--system"),   o.system,
                       QStringLiteral("--packages"), o.packages,
                       QStringLiteral("--stages"),   o.stages.join(QLatin1Char(','))};
    }
    const auto c = commonOptions();
    if (!c.tag.isEmpty())
        r.arguments << QStringLiteral("--tag") << c.tag;
    if (!c.pushPrefix.isEmpty())
        r.arguments << QStringLiteral("--push") << c.pushPrefix;
    return r;
}

void BuildsPage::showError(const QString& text) {
    m_error->setText(text.isEmpty() ? QString() : tr("⚠ %1").arg(text));
    m_error->setVisible(!text.isEmpty());
}

void BuildsPage::plan(std::function<void(const imagebuild::BuildPlan&)> next) {
    m_planner = std::make_unique<imagebuild::Planner>();
    connect(m_planner.get(), &imagebuild::Planner::finished, this,
            [this, next = std::move(next)](const util::Result<imagebuild::BuildPlan>& plan) {
                if (!plan.ok()) {
                    setRunning(false);
                    showError(plan.error().toString());
                    return;
                }
                next(plan.value());
            });
    if (isGeneric())
        m_planner->planGeneric(m_generic->options(commonOptions()));
    else
        m_planner->planSage(sageOptions());
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
    if (!checkForm())
        return;
    plan([this](const imagebuild::BuildPlan& p) {
        m_probe = std::make_unique<imagebuild::CliProbe>();
        m_probe->setRequiredMode(runOptions().builderMode);
        connect(m_probe.get(), &imagebuild::CliProbe::finished, this,
                [this, p](const util::Result<imagebuild::CliCapabilities>& caps) {
                    if (!caps.ok()) {
                        showError(caps.error().toString());
                        return;
                    }
                    QStringList lines = preamble(p);
                    for (int i = 0; i < p.stages.size(); ++i) {
                        lines << imagebuild::stageCommand(p, i, caps.value()).display();
                        lines += imagebuild::pushCommands(p, i, caps.value());
                    }
                    m_preview->setPlainText(lines.join(QLatin1Char('\n')));
                    m_stageModel->setStages(p.stages);
                    Q_EMIT previewReady();
                });
        m_probe->start();
    });
}

void BuildsPage::saveInputs() {
    util::Settings& s = m_context.settings();
    s.setBuildMode(isGeneric() ? QStringLiteral("generic") : QStringLiteral("sage"));
    s.setBuildPushPrefix(m_pushPrefix->text().trimmed());
    if (isGeneric()) {
        s.setBuildDockerfile(m_generic->dockerfile());
        s.setBuildContextFolder(m_generic->contextDir());
        s.setBuildStages(m_generic->stages());
        s.setBuildImagePrefix(m_generic->imagePrefix());
    } else {
        s.setBuildSourceFolder(m_source->text().trimmed());
    }
}

void BuildsPage::run() {
    if (m_runner && m_runner->isRunning())
        return;
    if (!checkForm())
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
    m_preview->setPlainText(preamble(plan).join(QLatin1Char('\n')));
    m_runner = std::make_unique<imagebuild::Runner>();
    imagebuild::Runner* runner = m_runner.get();
    connect(runner, &imagebuild::Runner::stageStarted, this, [this](int i, const QString& command) {
        m_stageModel->setStarted(i);
        m_preview->appendPlainText(command);
    });
    connect(runner, &imagebuild::Runner::stageProgress, m_stageModel, &BuildStageModel::setProgress);
    connect(runner, &imagebuild::Runner::stageFinished, m_stageModel, &BuildStageModel::setResult);
    connect(runner, &imagebuild::Runner::logData, this,
            [this](int, const QByteArray& data) { m_log->appendData(data); });
    connect(runner, &imagebuild::Runner::finished, this, [this](const imagebuild::BuildRecord& r) {
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

void BuildsPage::reloadHistory() {
    auto records = imagebuild::History(m_historyPath).load(500);
    if (!records.ok()) {
        showError(records.error().toString());
        return;
    }
    m_historyModel->setRecords(records.value());
}

void BuildsPage::fillForm(const imagebuild::BuildRecord& record) {
    const auto& p = record.plan;
    auto str = [&p](const char* key) {
        return p.contains(key) && p.at(key).is_string() ? QString::fromStdString(p.at(key).get<std::string>())
                                                        : QString();
    };
    m_tag->setText(str("tag"));
    m_pushPrefix->setText(str("push_prefix"));
    if (str("mode") == QLatin1String("generic")) {
        QStringList stages;
        if (p.contains("stages") && p.at("stages").is_array())
            for (const auto& s : p.at("stages"))
                stages << QString::fromStdString(s.value("stage", std::string()));
        m_generic->setValues(str("dockerfile"), str("context"), stages, genericImagePrefix(record));
        m_genericMode->setChecked(true);
        return;
    }
    m_sageMode->setChecked(true);
    m_source->setText(str("source"));
    const int sys = m_system->findData(str("system"));
    if (sys >= 0)
        m_system->setCurrentIndex(sys);
    const int pk = m_packages->findData(str("packages"));
    if (pk >= 0)
        m_packages->setCurrentIndex(pk);
    QStringList stages;
    for (const auto& s : record.stages)
        stages << s.stage;
    if (p.contains("stages") && p.at("stages").is_array()) {
        stages.clear();
        for (const auto& s : p.at("stages"))
            stages << QString::fromStdString(s.value("stage", std::string()));
    }
    for (int i = 0; i < m_stages->count(); ++i)
        m_stages->item(i)->setCheckState(stages.contains(m_stages->item(i)->text()) ? Qt::Checked
                                                                                    : Qt::Unchecked);
}

void BuildsPage::rerunSelected() {
    const auto rows = m_historyTable->selectionModel()->selectedRows();
    const imagebuild::BuildRecord* r = rows.isEmpty() ? nullptr : m_historyModel->record(rows.first().row());
    if (!r)
        return;
    fillForm(*r);
    m_tabs->setCurrentIndex(0);
    run();
}

void BuildsPage::compareSelected() {
    const auto rows = m_historyTable->selectionModel()->selectedRows();
    if (rows.size() != 2) {
        m_compare->setPlainText(tr("Select two builds to compare."));
        return;
    }
    // Newest first in the table: compare the older (A) with the newer (B).
    const imagebuild::BuildRecord* b = m_historyModel->record(std::min(rows.at(0).row(), rows.at(1).row()));
    const imagebuild::BuildRecord* a = m_historyModel->record(std::max(rows.at(0).row(), rows.at(1).row()));
    const QString pathA = a->logPath, pathB = b->logPath;
    m_compare->setPlainText(tr("Comparing…"));
    auto out = std::make_shared<QString>();
    QThread* worker = QThread::create([pathA, pathB, out] {
        auto da = buildlog::diagnoseFile(pathA);
        auto db = buildlog::diagnoseFile(pathB);
        if (!da.ok() || !db.ok()) {
            *out = (da.ok() ? db.error() : da.error()).toString();
            return;
        }
        const buildlog::Comparison c = buildlog::compare(da.value(), db.value());
        QStringList lines;
        lines << BuildsPage::tr("Cached in A (%1), executed in B (%2):").arg(pathA, pathB);
        for (const auto& s : c.cachedInAExecutedInB)
            lines << QStringLiteral("  [%1 %2] %3").arg(s.stage).arg(s.index).arg(s.stepB);
        lines << BuildsPage::tr("Executed in A, cached in B:");
        for (const auto& s : c.executedInACachedInB)
            lines << QStringLiteral("  [%1 %2] %3").arg(s.stage).arg(s.index).arg(s.stepB);
        lines << BuildsPage::tr("Only in A: %1 steps; only in B: %2 steps.")
                     .arg(c.onlyInA.size())
                     .arg(c.onlyInB.size());
        *out = lines.join(QLatin1Char('\n'));
    });
    connect(worker, &QThread::finished, this, [this, out] { m_compare->setPlainText(*out); });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

void BuildsPage::openLogDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Diagnose a build log"), QString(),
                                                      tr("Build logs (*.log *.txt);;All files (*)"));
    if (!path.isEmpty())
        diagnoseLogFile(path);
}

bool BuildsPage::diagnoseLogFile(const QString& path) {
    if (m_runner && m_runner->isRunning()) {
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
