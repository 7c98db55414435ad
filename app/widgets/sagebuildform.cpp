#include "widgets/sagebuildform.h"

#include "imagebuild/sagesource.h"
#include "imagebuild/sagesystems.h"
#include "models/toxenvironmentmodel.h"
#include "reference/catalog.h"
#include "util/job.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

namespace sagedock::app {

namespace {
// The fields came from the Builds page: its translation context keeps their translations.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::app::BuildsPage)
};

// What the background read of a checkout's tox.ini hands back.
struct ToxIniRead {
    std::optional<imagebuild::ToxIni> ini; // nullopt: the checkout has no tox.ini
    QList<imagebuild::DockerEnvironment> environments;
};

void selectData(QComboBox* combo, const QString& value) {
    int i = combo->findData(value);
    if (i < 0) { // a name tox.ini accepts although no list names it
        combo->addItem(value, value);
        i = combo->count() - 1;
    }
    combo->setCurrentIndex(i);
}
} // namespace

SageBuildForm::SageBuildForm(QWidget* parent)
    : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    auto* sourceRow = new QHBoxLayout;
    m_source = new QLineEdit(this);
    m_source->setObjectName(QStringLiteral("sourceEdit"));
    m_source->setPlaceholderText(Text::tr("Sage source checkout (SAGE_ROOT)"));
    auto* browse = new QPushButton(Text::tr("Browse…"), this);
    sourceRow->addWidget(m_source);
    sourceRow->addWidget(browse);
    form->addRow(Text::tr("Source folder:"), sourceRow);
    m_detected = new QLabel(this);
    m_detected->setObjectName(QStringLiteral("detectedLabel"));
    form->addRow(QString(), m_detected);

    // The checkout's tox environments: search, then a tree system -> environments.
    auto* toxBox = new QVBoxLayout;
    m_toxSearch = new QLineEdit(this);
    m_toxSearch->setObjectName(QStringLiteral("toxSearchEdit"));
    m_toxSearch->setPlaceholderText(Text::tr("Search tox environments, e.g. jammy standard"));
    m_toxSearch->setClearButtonEnabled(true);
    toxBox->addWidget(m_toxSearch);
    m_toxModel = new ToxEnvironmentModel(this);
    m_toxProxy = new QSortFilterProxyModel(this);
    m_toxProxy->setSourceModel(m_toxModel);
    m_toxProxy->setRecursiveFilteringEnabled(true);
    m_toxProxy->setFilterRole(ToxEnvironmentModel::SearchRole);
    m_toxProxy->setFilterKeyColumn(ToxEnvironmentModel::Name);
    m_toxProxy->setSortRole(ToxEnvironmentModel::RawRole);
    m_toxTree = new QTreeView(this);
    m_toxTree->setObjectName(QStringLiteral("toxEnvTree"));
    m_toxTree->setModel(m_toxProxy);
    m_toxTree->setSortingEnabled(true);
    m_toxTree->sortByColumn(ToxEnvironmentModel::Name, Qt::AscendingOrder);
    m_toxTree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_toxTree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_toxTree->setUniformRowHeights(true);
    m_toxTree->setMaximumHeight(170);
    m_toxTree->header()->setSectionResizeMode(ToxEnvironmentModel::Name, QHeaderView::Stretch);
    m_toxTree->header()->setStretchLastSection(false);
    toxBox->addWidget(m_toxTree);
    m_toxNote = new QLabel(this);
    m_toxNote->setObjectName(QStringLiteral("toxNoteLabel"));
    m_toxNote->setWordWrap(true);
    toxBox->addWidget(m_toxNote);
    form->addRow(Text::tr("tox environment:"), toxBox);

    m_system = new QComboBox(this);
    m_system->setObjectName(QStringLiteral("systemCombo"));
    form->addRow(Text::tr("System:"), m_system);
    m_packages = new QComboBox(this);
    m_packages->setObjectName(QStringLiteral("packagesCombo"));
    for (const QString& p : imagebuild::sagePackageSets())
        m_packages->addItem(p, p);
    m_packages->setCurrentIndex(m_packages->findData(QStringLiteral("standard")));
    form->addRow(Text::tr("Package set:"), m_packages);
    m_modifiers = new QLineEdit(this);
    m_modifiers->setObjectName(QStringLiteral("modifiersEdit"));
    m_modifiers->setPlaceholderText(Text::tr("none; e.g. incremental, sitepackages"));
    form->addRow(Text::tr("Modifiers:"), m_modifiers);
    m_toxEnv = new QLabel(this);
    m_toxEnv->setObjectName(QStringLiteral("toxEnvLabel"));
    m_toxEnv->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(Text::tr("Builds like:"), m_toxEnv);
    m_posArgs = new QLineEdit(this);
    m_posArgs->setObjectName(QStringLiteral("posArgsEdit"));
    m_posArgs->setPlaceholderText(
        Text::tr("optional, e.g. config.status (make targets, like tox -e … -- ARGS)"));
    form->addRow(Text::tr("Arguments after --:"), m_posArgs);
    m_stages = new QListWidget(this);
    m_stages->setObjectName(QStringLiteral("stagesList"));
    m_stages->setMaximumHeight(130);
    // All stages in build order; ticked: the ones CI builds and pushes (its docker_targets default).
    const reference::Catalog& catalog = reference::Catalog::bundled();
    for (const QString& s : catalog.stages()) {
        auto* item = new QListWidgetItem(s, m_stages);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(catalog.publishedStages().contains(s) ? Qt::Checked : Qt::Unchecked);
    }
    form->addRow(Text::tr("Stages:"), m_stages);
    fillSystems({});

    connect(m_source, &QLineEdit::textChanged, this, &SageBuildForm::detectSource);
    connect(m_stages, &QListWidget::itemChanged, this, &SageBuildForm::changed);
    connect(m_system, &QComboBox::currentIndexChanged, this, &SageBuildForm::fieldsChanged);
    connect(m_packages, &QComboBox::currentIndexChanged, this, &SageBuildForm::fieldsChanged);
    connect(m_modifiers, &QLineEdit::textChanged, this, &SageBuildForm::fieldsChanged);
    connect(m_posArgs, &QLineEdit::textChanged, this, &SageBuildForm::changed);
    connect(m_toxSearch, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_toxProxy->setFilterRegularExpression(ToxEnvironmentModel::searchPattern(text));
        if (!text.trimmed().isEmpty())
            m_toxTree->expandAll();
    });
    connect(m_toxTree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (!m_syncingTree)
                    environmentChosen(current);
            });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, Text::tr("Sage source folder"), m_source->text());
        if (!dir.isEmpty())
            m_source->setText(dir);
    });
    detectSource();
}

QString SageBuildForm::sourceFolder() const {
    return m_source->text().trimmed();
}

void SageBuildForm::setSourceFolder(const QString& folder) {
    m_source->setText(folder);
    detectSource(); // also when unchanged: the folder may have changed on disk
}

void SageBuildForm::detectSource() {
    const QString dir = sourceFolder();
    m_sourceError = {};
    if (dir.isEmpty()) {
        m_sourceError =
            util::Error::make(util::ErrorCode::InvalidArgument, Text::tr("No source folder chosen."),
                              Text::tr("Choose a Sage source checkout (the folder with VERSION.txt) or "
                                       "build any Dockerfile instead."));
        m_detected->setText(m_sourceError.message);
        readToxIni({});
        return;
    }
    // Two small files: cheap enough for the UI thread. tox.ini is larger and is read on the pool.
    auto s = imagebuild::SageSource::detect(dir);
    if (!s.ok()) {
        m_sourceError = s.error();
        m_detected->setText(Text::tr("⚠ %1").arg(s.error().toString()));
        readToxIni({});
        return;
    }
    m_detected->setText(Text::tr("✓ SageMath %1; Dockerfile generator %2%3")
                            .arg(s->version, s->generator,
                                 s->generatorAtExpectedPath
                                     ? QString()
                                     : Text::tr(" (not where %1 keeps it)").arg(s->version)));
    readToxIni(s->root);
}

// Reads <dir>/tox.ini on the thread pool; an empty dir forgets the last one.
void SageBuildForm::readToxIni(const QString& dir) {
    delete m_toxJob; // a read for a previous folder delivers nothing
    m_ini.reset();
    m_toxError = {};
    m_toxModel->setEnvironments({});
    if (dir.isEmpty()) {
        toxIniRead({}, std::nullopt, {});
        m_toxState = ToxIniState::None;
        m_toxNote->clear();
        return;
    }
    m_toxState = ToxIniState::Reading;
    m_toxNote->setText(Text::tr("Reading tox.ini…"));
    const QString path = QDir(dir).filePath(QStringLiteral("tox.ini"));
    auto* job = new util::TaskJob<ToxIniRead>(
        [path](const util::CancelToken&) -> util::Result<ToxIniRead> {
            if (!QFileInfo::exists(path))
                return ToxIniRead{};
            auto ini = imagebuild::ToxIni::load(path);
            if (!ini.ok())
                return ini.error();
            ToxIniRead read;
            read.environments = imagebuild::dockerEnvironments(ini.value());
            read.ini = std::move(ini).value();
            return read;
        },
        this);
    m_toxJob = job;
    connect(job, &util::Job::finished, this, [this, job](const util::Error& e) {
        job->deleteLater();
        if (e)
            toxIniRead(e, std::nullopt, {});
        else
            toxIniRead({}, job->result().ini, job->result().environments);
    });
    job->start();
    Q_EMIT changed();
}

void SageBuildForm::toxIniRead(const util::Error& error, const std::optional<imagebuild::ToxIni>& ini,
                               const QList<imagebuild::DockerEnvironment>& environments) {
    m_ini = ini;
    m_toxError = error;
    m_toxModel->setEnvironments(environments);
    QStringList systems;
    for (const imagebuild::DockerEnvironment& e : environments)
        if (!systems.contains(e.system))
            systems << e.system;
    if (error) {
        m_toxState = ToxIniState::Invalid;
        m_toxNote->setText(Text::tr("⚠ tox.ini: %1").arg(error.toString()));
    } else if (!ini) {
        m_toxState = ToxIniState::Absent;
        m_toxNote->setText(Text::tr("No tox.ini in this folder: SageDock's own table of systems is used."));
    } else {
        m_toxState = ToxIniState::Loaded;
        m_toxNote->setText(Text::tr("tox.ini offers %1 docker environments for %2 systems; any other name it "
                                    "accepts can be put together below.")
                               .arg(environments.size())
                               .arg(systems.size()));
    }
    const bool offer = m_toxState == ToxIniState::Loaded;
    m_toxSearch->setVisible(offer);
    m_toxTree->setVisible(offer);
    fillSystems(systems);
    fieldsChanged();
    const auto pending = std::exchange(m_afterRead, {});
    for (const auto& next : pending)
        next();
}

// tox.ini's systems when it was read, else the built-in table; the current choice is kept.
void SageBuildForm::fillSystems(const QStringList& systems) {
    const QString current = m_system->currentData().toString();
    const QSignalBlocker block(m_system);
    m_system->clear();
    if (!systems.isEmpty()) {
        for (const QString& s : systems)
            m_system->addItem(s, s);
    } else {
        for (const QString& factor : imagebuild::knownSageSystems())
            if (const auto s = imagebuild::sageSystem(factor))
                m_system->addItem(Text::tr("%1 (%2)").arg(s->factor, s->baseImage), s->factor);
    }
    if (!current.isEmpty())
        selectData(m_system, current);
}

void SageBuildForm::afterToxIniRead(std::function<void()> next) {
    if (m_toxState == ToxIniState::Reading)
        m_afterRead << std::move(next);
    else
        next();
}

void SageBuildForm::environmentChosen(const QModelIndex& proxyIndex) {
    const QString name = proxyIndex.data(ToxEnvironmentModel::EnvironmentRole).toString();
    const auto e = imagebuild::splitDockerEnvironment(name);
    if (!e) // a system heading
        return;
    {
        const QSignalBlocker b1(m_system), b2(m_packages), b3(m_modifiers);
        selectData(m_system, e->system);
        selectData(m_packages, e->packages);
        m_modifiers->setText(e->modifiers.join(QStringLiteral(", ")));
    }
    fieldsChanged();
}

// The tree shows the environment the fields name, when it lists it.
void SageBuildForm::selectEnvironmentRow() {
    const QModelIndex source = m_toxModel->indexOf(toxEnvironment());
    const QModelIndex index = m_toxProxy->mapFromSource(source);
    if (index == m_toxTree->currentIndex())
        return;
    m_syncingTree = true;
    if (index.isValid()) {
        m_toxTree->setCurrentIndex(index);
        m_toxTree->scrollTo(index);
    } else {
        m_toxTree->selectionModel()->clear();
    }
    m_syncingTree = false;
}

void SageBuildForm::fieldsChanged() {
    const QString env = toxEnvironment();
    m_toxEnv->setText(Text::tr("tox -e %1").arg(env));
    m_unknownFactors = m_ini ? m_ini->unknownFactors(env) : QStringList();
    selectEnvironmentRow();
    Q_EMIT changed();
}

QStringList SageBuildForm::modifiers() const {
    static const QRegularExpression separators(QStringLiteral("[\\s,-]+"));
    return m_modifiers->text().split(separators, Qt::SkipEmptyParts);
}

QString SageBuildForm::toxEnvironment() const {
    return imagebuild::toxEnvName(m_system->currentData().toString(), m_packages->currentData().toString(),
                                  modifiers());
}

std::optional<QStringList> SageBuildForm::posArgs() const {
    if (m_posArgs->text().trimmed().isEmpty())
        return std::nullopt;
    const auto words = imagebuild::parseSimpleShellCommand(m_posArgs->text());
    if (!words.ok() || !words->stdoutFile.isEmpty())
        return std::nullopt;
    return words->argv;
}

// The words after `--` are split as a shell would; what a shell would have to run is refused.
util::Error SageBuildForm::posArgsError() const {
    if (m_posArgs->text().trimmed().isEmpty())
        return {};
    const auto words = imagebuild::parseSimpleShellCommand(m_posArgs->text());
    if (words.ok() && words->stdoutFile.isEmpty())
        return {};
    return util::Error::make(util::ErrorCode::InvalidArgument,
                             Text::tr("The arguments after -- are not plain words: %1")
                                 .arg(words.ok() ? Text::tr("a redirection") : words.error().message),
                             Text::tr("Give make targets or words in quotes, without $, ` or redirections."));
}

QStringList SageBuildForm::stages() const {
    QStringList out;
    for (int i = 0; i < m_stages->count(); ++i)
        if (m_stages->item(i)->checkState() == Qt::Checked)
            out << m_stages->item(i)->text();
    return out;
}

util::Error SageBuildForm::validationError() const {
    if (m_sourceError)
        return m_sourceError;
    if (m_toxState == ToxIniState::Invalid)
        return m_toxError;
    if (m_toxState == ToxIniState::Loaded && !m_unknownFactors.isEmpty()) {
        const QString env = toxEnvironment();
        const QString closest = m_ini->closestName(env);
        return util::Error::make(util::ErrorCode::NotFound,
                                 Text::tr("The checkout's tox.ini does not define %1 (no %2 factor).")
                                     .arg(env, m_unknownFactors.join(QStringLiteral(", "))),
                                 closest.isEmpty() ? Text::tr("Choose one of the environments listed above.")
                                                   : Text::tr("Did you mean %1?").arg(closest));
    }
    if (const util::Error e = posArgsError())
        return e;
    if (stages().isEmpty())
        return util::Error::make(util::ErrorCode::InvalidArgument, Text::tr("No stages ticked."),
                                 Text::tr("Tick the stages to build, e.g. with-targets."));
    return {};
}

imagebuild::SageBuildOptions SageBuildForm::options(const imagebuild::CommonBuildOptions& common) const {
    imagebuild::SageBuildOptions o;
    o.sourceDir = sourceFolder();
    o.system = m_system->currentData().toString();
    o.packages = m_packages->currentData().toString();
    o.modifiers = modifiers();
    o.stages = stages();
    // The checkout's tox.ini is the source of truth when it has one.
    if (m_toxState == ToxIniState::Loaded)
        o.toxEnv = toxEnvironment();
    o.posArgs = posArgs();
    o.common = common;
    return o;
}

void SageBuildForm::setValues(const imagebuild::RecordInputs& in) {
    m_source->setText(in.source);
    {
        const QSignalBlocker b1(m_system), b2(m_packages), b3(m_modifiers);
        const auto e = imagebuild::splitDockerEnvironment(in.toxEnv);
        if (const QString system = e ? e->system : in.system; !system.isEmpty())
            selectData(m_system, system);
        if (const QString packages = e ? e->packages : in.packages; !packages.isEmpty())
            selectData(m_packages, packages);
        m_modifiers->setText(e ? e->modifiers.join(QStringLiteral(", ")) : QString());
    }
    for (int i = 0; i < m_stages->count(); ++i)
        m_stages->item(i)->setCheckState(in.stages.contains(m_stages->item(i)->text()) ? Qt::Checked
                                                                                       : Qt::Unchecked);
    fieldsChanged();
}

} // namespace sagedock::app
