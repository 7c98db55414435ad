#include "widgets/buildoptionsform.h"

#include "reference/imagereference.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRegularExpression>

#include <algorithm>

namespace sagedock::app {

namespace {
// The fields came from the Builds page: its translation context keeps their translations.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::app::BuildsPage)
};
} // namespace

BuildOptionsForm::BuildOptionsForm(const QString& pushPrefix, QWidget* parent)
    : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_tag = new QLineEdit(this);
    m_tag->setObjectName(QStringLiteral("tagEdit"));
    form->addRow(Text::tr("Tag:"), m_tag);
    m_cacheFrom = new QLineEdit(this);
    m_cacheFrom->setObjectName(QStringLiteral("cacheFromEdit"));
    m_cacheFrom->setPlaceholderText(
        Text::tr("default: the registry's images of the same names at dev and at the tag"));
    form->addRow(Text::tr("Cache sources:"), m_cacheFrom);
    m_pushPrefix = new QLineEdit(pushPrefix, this);
    m_pushPrefix->setObjectName(QStringLiteral("pushPrefixEdit"));
    m_pushPrefix->setPlaceholderText(Text::tr("e.g. ghcr.io/me/sage/ (empty: no push)"));
    form->addRow(Text::tr("Push prefix:"), m_pushPrefix);
    auto* optionsRow = new QHBoxLayout;
    m_builderMode = new QComboBox(this);
    m_builderMode->setObjectName(QStringLiteral("builderModeCombo"));
    m_builderMode->addItem(Text::tr("Richest available"), QString());
    m_builderMode->addItem(Text::tr("BuildKit (buildx)"), QStringLiteral("buildx"));
    m_builderMode->addItem(Text::tr("BuildKit (DOCKER_BUILDKIT=1)"), QStringLiteral("buildkit"));
    m_builderMode->addItem(Text::tr("Legacy builder"), QStringLiteral("legacy"));
    m_resume = new QCheckBox(Text::tr("Resume from the last run"), this);
    m_resume->setObjectName(QStringLiteral("resumeCheck"));
    m_skipExisting = new QCheckBox(Text::tr("Skip stages whose inputs are in the registry"), this);
    m_skipExisting->setObjectName(QStringLiteral("skipExistingCheck"));
    optionsRow->addWidget(m_builderMode);
    optionsRow->addWidget(m_resume);
    optionsRow->addWidget(m_skipExisting);
    optionsRow->addStretch();
    form->addRow(Text::tr("Builder:"), optionsRow);
    connect(m_tag, &QLineEdit::textChanged, this, &BuildOptionsForm::changed);
}

imagebuild::CommonBuildOptions BuildOptionsForm::commonOptions() const {
    imagebuild::CommonBuildOptions c;
    c.tag = m_tag->text().trimmed();
    c.cacheFrom =
        m_cacheFrom->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    c.pushPrefix = pushPrefix();
    c.computeInputHashes = m_resume->isChecked() || m_skipExisting->isChecked();
    return c;
}

imagebuild::RunOptions BuildOptionsForm::runOptions() const {
    imagebuild::RunOptions r;
    r.resume = m_resume->isChecked();
    r.skipExisting = m_skipExisting->isChecked();
    r.builderMode = imagebuild::builderModeFromName(m_builderMode->currentData().toString());
    return r;
}

util::Error BuildOptionsForm::validationError() const {
    const QString tag = m_tag->text().trimmed();
    if (!tag.isEmpty())
        if (auto e = reference::ImageReference::validateTag(tag))
            return util::Error::make(util::ErrorCode::InvalidArgument,
                                     Text::tr("Invalid tag %1: %2").arg(tag, e.message), e.hint);
    return {};
}

QString BuildOptionsForm::pushPrefix() const {
    return m_pushPrefix->text().trimmed();
}

void BuildOptionsForm::setTag(const QString& tag) {
    m_tag->setText(tag);
}

void BuildOptionsForm::setPushPrefix(const QString& prefix) {
    m_pushPrefix->setText(prefix);
}

void BuildOptionsForm::setTagPlaceholder(const QString& text) {
    m_tag->setPlaceholderText(text);
}

void BuildOptionsForm::alignLabels(const QList<QWidget*>& otherForms) {
    QList<QWidget*> labels;
    int width = 0;
    for (QWidget* form : otherForms + QList<QWidget*>{this}) {
        auto* f = qobject_cast<QFormLayout*>(form->layout());
        for (int row = 0; f && row < f->rowCount(); ++row)
            if (QLayoutItem* item = f->itemAt(row, QFormLayout::LabelRole); item && item->widget()) {
                labels << item->widget();
                width = std::max(width, item->widget()->sizeHint().width());
            }
    }
    for (QWidget* label : labels)
        label->setMinimumWidth(width);
}

} // namespace sagedock::app
