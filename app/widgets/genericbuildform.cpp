#include "widgets/genericbuildform.h"

#include "imagebuild/dockerfileinfo.h"
#include "reference/imagereference.h"
#include "util/atomicfile.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>

namespace sagedock::app {

namespace {
// Far larger than any real Dockerfile; keeps a mistyped path to a huge file from stalling the UI.
constexpr qint64 kMaxDockerfileBytes = 4 * 1024 * 1024;

util::Error invalid(const QString& message, const QString& hint) {
    return util::Error::make(util::ErrorCode::InvalidArgument, message, hint);
}

// Only `FROM … AS name` stages can be built with --target; unnamed ones are "stage-<n>" internally.
QStringList namedStages(const imagebuild::DockerfileInfo& info) {
    QStringList out;
    for (const auto& s : info.stages) {
        const QRegularExpression as(
            QStringLiteral("\\sAS\\s+%1\\s*$").arg(QRegularExpression::escape(s.name)),
            QRegularExpression::CaseInsensitiveOption);
        if (as.match(info.lines.value(s.firstLine).trimmed()).hasMatch())
            out << s.name;
    }
    return out;
}

// The planner's naming: <prefix>-<stage>, or <prefix><stage> when the prefix ends in '/' or '-'.
QString imageName(const QString& prefix, const QString& stage) {
    if (prefix.endsWith(QLatin1Char('/')) || prefix.endsWith(QLatin1Char('-')))
        return prefix + stage;
    return prefix + QLatin1Char('-') + stage;
}

// A starting point for the prefix: the context folder's name as a valid repository name.
QString suggestedPrefix(const QString& folder) {
    QString name = QFileInfo(folder).fileName().toLower();
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9._-]+")), QStringLiteral("-"));
    name.remove(QRegularExpression(QStringLiteral("^[._-]+|[._-]+$")));
    return reference::ImageReference::validatePath(name) ? QString() : name;
}
} // namespace

GenericBuildForm::GenericBuildForm(QWidget* parent)
    : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    auto* fileRow = new QHBoxLayout;
    m_dockerfile = new QLineEdit(this);
    m_dockerfile->setObjectName(QStringLiteral("dockerfileEdit"));
    m_dockerfile->setPlaceholderText(tr("Path of a multi-stage Dockerfile"));
    auto* browseFile = new QPushButton(tr("Browse…"), this);
    browseFile->setObjectName(QStringLiteral("dockerfileBrowseButton"));
    fileRow->addWidget(m_dockerfile);
    fileRow->addWidget(browseFile);
    form->addRow(tr("Dockerfile:"), fileRow);
    m_dockerfileStatus = new QLabel(this);
    m_dockerfileStatus->setObjectName(QStringLiteral("dockerfileStatusLabel"));
    m_dockerfileStatus->setWordWrap(true);
    form->addRow(QString(), m_dockerfileStatus);
    auto* contextRow = new QHBoxLayout;
    m_context = new QLineEdit(this);
    m_context->setObjectName(QStringLiteral("contextEdit"));
    m_context->setPlaceholderText(tr("default: the Dockerfile's folder"));
    auto* browseContext = new QPushButton(tr("Browse…"), this);
    browseContext->setObjectName(QStringLiteral("contextBrowseButton"));
    contextRow->addWidget(m_context);
    contextRow->addWidget(browseContext);
    form->addRow(tr("Build context:"), contextRow);
    m_stages = new QLineEdit(this);
    m_stages->setObjectName(QStringLiteral("genericStagesEdit"));
    m_stages->setPlaceholderText(tr("stages in build order, comma separated"));
    m_stages->setToolTip(tr("Filled from the Dockerfile's FROM … AS name lines. Remove stages you do not "
                            "need or change their order; each is built with docker build --target."));
    form->addRow(tr("Stages:"), m_stages);
    m_prefix = new QLineEdit(this);
    m_prefix->setObjectName(QStringLiteral("imagePrefixEdit"));
    m_prefix->setPlaceholderText(tr("e.g. myproject: images are myproject-<stage>"));
    form->addRow(tr("Image prefix:"), m_prefix);

    connect(m_dockerfile, &QLineEdit::textChanged, this, [this] {
        inspectDockerfile();
        Q_EMIT changed();
    });
    for (QLineEdit* edit : {m_context, m_stages, m_prefix})
        connect(edit, &QLineEdit::textChanged, this, &GenericBuildForm::changed);
    connect(browseFile, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Dockerfile"), dockerfile(),
                                         tr("Dockerfiles (*Dockerfile* *.dockerfile);;All files (*)"));
        if (!file.isEmpty())
            m_dockerfile->setText(file);
    });
    connect(browseContext, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Build context"), contextDir());
        if (!dir.isEmpty())
            m_context->setText(dir);
    });
    inspectDockerfile();
}

QString GenericBuildForm::dockerfile() const {
    return m_dockerfile->text().trimmed();
}

QString GenericBuildForm::contextDir() const {
    const QString ctx = m_context->text().trimmed();
    if (!ctx.isEmpty() || dockerfile().isEmpty())
        return ctx;
    return QFileInfo(dockerfile()).absolutePath();
}

QStringList GenericBuildForm::stages() const {
    return m_stages->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
}

QString GenericBuildForm::imagePrefix() const {
    return m_prefix->text().trimmed();
}

imagebuild::GenericBuildOptions
GenericBuildForm::options(const imagebuild::CommonBuildOptions& common) const {
    imagebuild::GenericBuildOptions o;
    o.dockerfile = dockerfile();
    o.contextDir = contextDir();
    o.stages = stages();
    o.imagePrefix = imagePrefix();
    o.common = common;
    return o;
}

QStringList GenericBuildForm::cliArguments() const {
    return {QStringLiteral("--dockerfile"),   dockerfile(),
            QStringLiteral("--context"),      contextDir(),
            QStringLiteral("--stages"),       stages().join(QLatin1Char(',')),
            QStringLiteral("--image-prefix"), imagePrefix()};
}

void GenericBuildForm::setValues(const QString& dockerfilePath, const QString& context,
                                 const QStringList& stageList, const QString& prefix) {
    // The Dockerfile first: it pre-fills the stages, which the given list then replaces.
    if (m_dockerfile->text() == dockerfilePath)
        refresh(); // the file may have changed since
    else
        m_dockerfile->setText(dockerfilePath);
    const bool contextIsDefault = !dockerfilePath.isEmpty() && QFileInfo(dockerfilePath).absolutePath() ==
                                                                   QFileInfo(context).absoluteFilePath();
    m_context->setText(contextIsDefault ? QString() : context);
    if (!stageList.isEmpty())
        m_stages->setText(stageList.join(QStringLiteral(", ")));
    m_prefix->setText(prefix);
}

void GenericBuildForm::refresh() {
    inspectDockerfile();
    Q_EMIT changed();
}

void GenericBuildForm::inspectDockerfile() {
    const QString path = dockerfile();
    const QString beforePath = m_inspectedPath;
    m_namedStages.clear();
    m_inspectedPath.clear();
    m_dockerfileError = {};
    const QFileInfo fi(path);
    if (path.isEmpty()) {
        m_dockerfileError =
            invalid(tr("Choose a Dockerfile."),
                    tr("Type its path or use Browse…; the build context defaults to its folder."));
    } else if (!fi.exists()) {
        m_dockerfileError = invalid(tr("The Dockerfile %1 does not exist.").arg(path),
                                    tr("Check the path, or choose the file with Browse…."));
    } else if (fi.isDir()) {
        m_dockerfileError = invalid(tr("%1 is a folder, not a Dockerfile.").arg(path),
                                    tr("Choose the Dockerfile inside it."));
    } else {
        // One small file: cheap enough for the UI thread (and capped).
        auto text = util::readWholeFile(fi.absoluteFilePath(), kMaxDockerfileBytes);
        if (!text.ok()) {
            m_dockerfileError =
                invalid(tr("Cannot read the Dockerfile %1: %2").arg(path, text.error().message),
                        tr("Check that the file exists and that you may read it."));
        } else {
            const auto info = imagebuild::DockerfileInfo::parse(text.value());
            m_namedStages = namedStages(info);
            m_inspectedPath = fi.absoluteFilePath();
            if (info.stages.isEmpty())
                m_dockerfileError = invalid(tr("%1 has no FROM line; it is not a Dockerfile.").arg(path),
                                            tr("Choose the project's Dockerfile."));
            else if (m_namedStages.isEmpty())
                m_dockerfileError =
                    invalid(tr("%1 has no named stages.").arg(path),
                            tr("Stages are built by name: write FROM <image> AS <name> for each "
                               "stage you want to build."));
        }
    }
    if (m_dockerfileError) {
        m_dockerfileStatus->setText(tr("⚠ %1").arg(m_dockerfileError.toString()));
        return;
    }
    m_dockerfileStatus->setText(tr("✓ %n named stage(s): %1", nullptr, int(m_namedStages.size()))
                                    .arg(m_namedStages.join(QStringLiteral(", "))));
    // Another Dockerfile (or an empty list): start from all of its stages, in file order. The same one
    // read again keeps the user's list (validation names any stage that is gone).
    if (m_inspectedPath != beforePath || stages().isEmpty())
        m_stages->setText(m_namedStages.join(QStringLiteral(", ")));
    if (m_prefix->text().trimmed().isEmpty())
        m_prefix->setText(suggestedPrefix(contextDir()));
}

util::Error GenericBuildForm::validationError() const {
    if (m_dockerfileError)
        return m_dockerfileError;
    const QString ctx = contextDir();
    if (!QFileInfo(ctx).isDir())
        return invalid(tr("The build context %1 is not a folder.").arg(ctx),
                       tr("Choose the folder the Dockerfile's COPY and ADD paths are relative to, or leave "
                          "the field empty for the Dockerfile's folder."));
    const QStringList list = stages();
    const QString inFile = m_namedStages.join(QStringLiteral(", "));
    if (list.isEmpty())
        return invalid(tr("No stages to build."),
                       tr("List stages in build order, separated by commas: %1.").arg(inFile));
    for (const QString& s : list) {
        if (!m_namedStages.contains(s))
            return invalid(tr("The Dockerfile has no stage %1.").arg(s), tr("Stages in it: %1.").arg(inFile));
        if (list.count(s) > 1)
            return invalid(tr("The stage %1 is listed twice.").arg(s),
                           tr("List each stage once, in build order."));
    }
    const QString prefix = imagePrefix();
    if (prefix.isEmpty())
        return invalid(
            tr("No image prefix."),
            tr("Images are named <prefix>-<stage>; e.g. myproject gives myproject-%1.").arg(list.first()));
    auto ref = reference::ImageReference::parseRepository(imageName(prefix, list.first()));
    if (!ref.ok())
        return invalid(tr("Invalid image prefix %1: %2").arg(prefix, ref.error().message), ref.error().hint);
    return {};
}

} // namespace sagedock::app
