#include "widgets/sagebuildform.h"

#include "imagebuild/sagesource.h"
#include "imagebuild/sagesystems.h"
#include "reference/catalog.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

namespace sagedock::app {

namespace {
// The fields came from the Builds page: its translation context keeps their translations.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::app::BuildsPage)
};
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
    m_system = new QComboBox(this);
    m_system->setObjectName(QStringLiteral("systemCombo"));
    for (const QString& factor : imagebuild::knownSageSystems())
        if (const auto s = imagebuild::sageSystem(factor))
            m_system->addItem(Text::tr("%1 (%2)").arg(s->factor, s->baseImage), s->factor);
    form->addRow(Text::tr("System:"), m_system);
    m_packages = new QComboBox(this);
    m_packages->setObjectName(QStringLiteral("packagesCombo"));
    for (const QString& p : imagebuild::sagePackageSets())
        m_packages->addItem(p, p);
    m_packages->setCurrentIndex(m_packages->findData(QStringLiteral("standard")));
    form->addRow(Text::tr("Package set:"), m_packages);
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

    connect(m_source, &QLineEdit::textChanged, this, &SageBuildForm::detectSource);
    connect(m_stages, &QListWidget::itemChanged, this, &SageBuildForm::changed);
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
        Q_EMIT changed();
        return;
    }
    // Two small files: cheap enough for the UI thread.
    auto s = imagebuild::SageSource::detect(dir);
    if (!s.ok()) {
        m_sourceError = s.error();
        m_detected->setText(Text::tr("⚠ %1").arg(s.error().toString()));
        Q_EMIT changed();
        return;
    }
    m_detected->setText(Text::tr("✓ SageMath %1; Dockerfile generator %2%3")
                            .arg(s->version, s->generator,
                                 s->generatorAtExpectedPath
                                     ? QString()
                                     : Text::tr(" (not where %1 keeps it)").arg(s->version)));
    Q_EMIT changed();
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
    o.stages = stages();
    o.common = common;
    return o;
}

void SageBuildForm::setValues(const imagebuild::RecordInputs& in) {
    m_source->setText(in.source);
    if (const int sys = m_system->findData(in.system); sys >= 0)
        m_system->setCurrentIndex(sys);
    if (const int pk = m_packages->findData(in.packages); pk >= 0)
        m_packages->setCurrentIndex(pk);
    for (int i = 0; i < m_stages->count(); ++i)
        m_stages->item(i)->setCheckState(in.stages.contains(m_stages->item(i)->text()) ? Qt::Checked
                                                                                       : Qt::Unchecked);
}

} // namespace sagedock::app
