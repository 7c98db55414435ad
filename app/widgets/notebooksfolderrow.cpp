#include "widgets/notebooksfolderrow.h"

#include "appcontext.h"
#include "util/paths.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace sagedock::app {

NotebooksFolderRow::NotebooksFolderRow(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("&Notebooks folder:"), this);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("notebooksEdit"));
    m_edit->setText(m_context.settings().notebooksFolder());
    m_edit->setToolTip(
        tr("Mounted in the container below its home folder (as ~/notebooks); created when needed."));
    label->setBuddy(m_edit);
    auto* choose = new QPushButton(tr("Choose…"), this);
    choose->setObjectName(QStringLiteral("chooseFolderButton"));
    layout->addWidget(label);
    layout->addWidget(m_edit, 1);
    layout->addWidget(choose);
    connect(choose, &QPushButton::clicked, this, &NotebooksFolderRow::choose);
    connect(&m_context, &AppContext::settingsChanged, this, &NotebooksFolderRow::reload);
}

QString NotebooksFolderRow::folder() const {
    const QString folder = m_edit->text().trimmed();
    return folder.isEmpty() ? util::defaultNotebooksDirectory() : folder;
}

QString NotebooksFolderRow::commit() {
    const QString chosen = folder();
    m_context.settings().setNotebooksFolder(chosen);
    m_edit->setModified(false);
    return chosen;
}

void NotebooksFolderRow::choose() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Notebooks folder"), m_edit->text());
    if (dir.isEmpty())
        return;
    m_edit->setText(dir);
    m_edit->setModified(true); // chosen here: kept until a launch saves it, like typing
}

void NotebooksFolderRow::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    reload(); // the other page may have saved another folder meanwhile
}

void NotebooksFolderRow::reload() {
    if (!m_edit->isModified())
        m_edit->setText(m_context.settings().notebooksFolder());
}

} // namespace sagedock::app
