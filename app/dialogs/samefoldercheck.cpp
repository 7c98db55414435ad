#include "dialogs/samefoldercheck.h"

#include "launch/sessionstore.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

namespace sagedock::app {

SameFolderCheck::SameFolderCheck(QWidget* page)
    : QObject(page)
    , m_page(page) {}

void SameFolderCheck::run(launch::SessionStore* store, const launch::LaunchOptions& options,
                          Decided decided) {
    if (!store || options.shell) {
        decided(Decision::Launch, {});
        return;
    }
    QStringList labelFilter;
    for (auto it = options.extraLabels.cbegin(); it != options.extraLabels.cend(); ++it)
        labelFilter << it.key() + QLatin1Char('=') + it.value();
    m_busy = true;
    Q_EMIT busyChanged(true);
    const QString folder = options.notebooksFolder;
    store->list(
        this,
        [this, folder, decided](util::Result<QList<launch::Session>> r) {
            m_busy = false;
            Q_EMIT busyChanged(false);
            const std::optional<launch::Session> running =
                r.ok() ? launch::runningJupyterOn(r.value(), folder) : std::nullopt;
            if (running)
                ask(*running, decided);
            else
                decided(Decision::Launch, {});
        },
        labelFilter);
}

void SameFolderCheck::ask(const launch::Session& running, Decided decided) {
    auto* box = new QMessageBox(QMessageBox::Question, tr("A session is already running"),
                                tr("%1 already runs Jupyter on the folder %2 (%3).")
                                    .arg(running.name, running.notebooks, running.image),
                                QMessageBox::NoButton, m_page);
    box->setObjectName(QStringLiteral("sameFolderDialog"));
    box->setInformativeText(tr("Open that session, or start another one on the same folder?"));
    auto* open = box->addButton(tr("&Open It"), QMessageBox::AcceptRole);
    open->setObjectName(QStringLiteral("openExistingButton"));
    box->addButton(tr("&Start Another"), QMessageBox::ActionRole)
        ->setObjectName(QStringLiteral("startAnotherButton"));
    box->setDefaultButton(open);
    box->addButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [running, decided](QAbstractButton* b) {
        if (b->objectName() == QLatin1String("openExistingButton"))
            decided(Decision::OpenExisting, running);
        else if (b->objectName() == QLatin1String("startAnotherButton"))
            decided(Decision::Launch, {});
        else
            decided(Decision::Cancel, {});
    });
    box->open();
}

} // namespace sagedock::app
