#include "mainwindow.h"

#include "appcontext.h"
#include "dialogs/aboutdialog.h"
#include "dialogs/preferencesdialog.h"
#include "http/transport.h"
#include "icons.h"
#include "pages.h"
#include "pages/sessionspage.h"
#include "util/job.h"
#include "util/log.h"
#include "util/paths.h"
#include "widgets/enginestatuswidget.h"

#include <QAction>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QEventLoop>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSessionManager>
#include <QStackedWidget>
#include <QStatusBar>
#include <QUrl>
#include <QVBoxLayout>

#include <memory>

namespace sagedock::app {

MainWindow::MainWindow(AppContext& context, QWidget* parent)
    : QMainWindow(parent)
    , m_context(context) {
    setWindowTitle(tr("SageDock"));
    setWindowIcon(icons::appIcon());
    setObjectName(QStringLiteral("mainWindow"));

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setIconSize(QSize(24, 24));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setSpacing(2);
    m_navigation->setMaximumWidth(190);
    m_navigation->setMinimumWidth(150);
    m_navigation->setAccessibleName(tr("Pages"));

    m_stack = new QStackedWidget(central);
    m_stack->setObjectName(QStringLiteral("pages"));

    for (const PageEntry& page : createPages(context, m_stack)) {
        auto* item = new QListWidgetItem(page.icon, page.title, m_navigation);
        item->setData(Qt::UserRole, page.id);
        item->setSizeHint(QSize(0, 40));
        page.widget->setObjectName(page.id + QStringLiteral("Page"));
        // A scroll area lets the window shrink below a busy page's minimum size (small laptop
        // screens) instead of growing past the screen edge.
        auto* scroll = new QScrollArea(m_stack);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(page.widget);
        m_stack->addWidget(scroll);
        m_pageIds.append(page.id);
    }
    if (m_pageIds.isEmpty()) {
        // A build without pages still tells the user what the window is for.
        auto* empty = new QLabel(tr("No pages were built into this copy of SageDock."), m_stack);
        empty->setAlignment(Qt::AlignCenter);
        m_stack->addWidget(empty);
        m_navigation->hide();
    }
    connect(m_navigation, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connect(&context, &AppContext::pageRequested, this, [this](const QString& id) { showPage(id); });
    connect(&context, &AppContext::notice, this,
            [this](const QString& text) { statusBar()->showMessage(text); });

    layout->addWidget(m_navigation);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_engineStatus = new EngineStatusWidget(context, this);
    m_caWarning = new QLabel(this);
    m_caWarning->setObjectName(QStringLiteral("caWarningLabel"));
    m_caWarning->setWordWrap(true);
    m_caWarning->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caWarning->hide();
    statusBar()->addPermanentWidget(m_caWarning, 1);
    statusBar()->addPermanentWidget(m_engineStatus);
    statusBar()->setSizeGripEnabled(true);

    buildMenus();

    if (!restoreGeometry(context.settings().windowGeometry())) {
        // Wide enough for the matrix's stage columns, never larger than the screen.
        QSize size(1360, 840);
        if (const QScreen* s = screen())
            size = size.boundedTo(s->availableGeometry().size() * 0.95);
        resize(size);
    }
    if (!showPage(context.settings().currentPage()) && !m_pageIds.isEmpty())
        m_navigation->setCurrentRow(0);
    m_engineStatus->refresh();
    connect(&context, &AppContext::settingsChanged, this, &MainWindow::checkExtraCa);
    checkExtraCa();
    connect(qGuiApp, &QGuiApplication::commitDataRequest, this, &MainWindow::onCommitDataRequest);
}

MainWindow::~MainWindow() = default;

bool MainWindow::showPage(const QString& id) {
    const int index = m_pageIds.indexOf(id);
    if (index < 0)
        return false;
    m_navigation->setCurrentRow(index);
    return true;
}

QString MainWindow::currentPageId() const {
    const int row = m_navigation->currentRow();
    return row >= 0 && row < m_pageIds.size() ? m_pageIds.at(row) : QString();
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* logs = file->addAction(tr("Open &Log Folder"));
    connect(logs, &QAction::triggered, this,
            [] { QDesktopServices::openUrl(QUrl::fromLocalFile(util::logDirectory())); });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* prefs = edit->addAction(tr("&Preferences…"));
    prefs->setObjectName(QStringLiteral("actionPreferences"));
    prefs->setShortcut(QKeySequence::Preferences);
    connect(prefs, &QAction::triggered, this, &MainWindow::openPreferences);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About SageDock"));
    about->setObjectName(QStringLiteral("actionAbout"));
    connect(about, &QAction::triggered, this, &MainWindow::openAbout);
}

void MainWindow::openPreferences() {
    auto* dialog = new PreferencesDialog(m_context.settings(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        m_context.notifySettingsChanged();
        m_engineStatus->refresh();
    });
    dialog->open();
}

void MainWindow::openAbout() {
    auto* dialog = new AboutDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::checkExtraCa() {
    delete m_caCheck.data(); // a result for an older setting is of no use
    const QString path = m_context.settings().extraCaBundle();
    // The file is one the user named: it may be a FIFO, a device or on a stalled disk, so it is
    // never read on this thread. Requests go on with the system's CAs meanwhile.
    auto* job = new util::TaskJob<bool>(
        [path](const util::CancelToken&) -> util::Result<bool> {
            if (const util::Error problem = http::Transport::caBundleProblem(path))
                return problem;
            return true;
        },
        this);
    m_caCheck = job;
    connect(job, &util::Job::finished, this, [this, job] {
        job->deleteLater();
        const util::Error problem = job->error();
        m_caWarning->setVisible(bool(problem));
        m_caWarning->setText(problem ? tr("Warning: %1").arg(problem.toString()) : QString());
        m_caWarning->setToolTip(m_caWarning->text());
    });
    job->start();
}

SessionsPage* MainWindow::sessionsPage() const {
    return findChild<SessionsPage*>();
}

QMessageBox* MainWindow::newQuitQuestion(qsizetype count) {
    auto* box = new QMessageBox(QMessageBox::Question, tr("Quit SageDock"),
                                tr("%n SageMath session(s) are still running.", nullptr, int(count)),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("quitSessionsDialog"));
    box->setInformativeText(tr("Keep them running (SageDock finds them again the next time it starts), or "
                               "stop them now?"));
    box->addButton(tr("&Keep Running"), QMessageBox::AcceptRole)
        ->setObjectName(QStringLiteral("keepSessionsButton"));
    box->addButton(tr("&Stop Them"), QMessageBox::DestructiveRole)
        ->setObjectName(QStringLiteral("stopSessionsButton"));
    box->setDefaultButton(box->addButton(QMessageBox::Cancel));
    return box;
}

void MainWindow::askAboutSessions() {
    if (m_quitQuestion) {
        m_quitQuestion->raise();
        return;
    }
    SessionsPage* sessions = sessionsPage();
    const QList<launch::Session> running = sessions->runningSessions();
    m_quitQuestion = newQuitQuestion(running.size());
    m_quitQuestion->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_quitQuestion, &QMessageBox::buttonClicked, this, [this, sessions, running](QAbstractButton* b) {
        m_quitQuestion = nullptr;
        if (b->objectName() == QLatin1String("keepSessionsButton")) {
            m_quitDecided = true;
            close();
        } else if (b->objectName() == QLatin1String("stopSessionsButton")) {
            statusBar()->showMessage(tr("Stopping %n session(s)…", nullptr, int(running.size())));
            sessions->stopSessions(running, [this](const util::Error& e) {
                if (e) {
                    // Still open: the user sees what failed and decides again.
                    statusBar()->showMessage(tr("Could not stop every session: %1").arg(e.toString()));
                    return;
                }
                m_quitDecided = true;
                close();
            });
        }
    });
    m_quitQuestion->open();
}

void MainWindow::onCommitDataRequest(QSessionManager& manager) {
    struct Adapter final : LogoutRequest {
        QSessionManager& m;
        explicit Adapter(QSessionManager& manager)
            : m(manager) {}
        bool allowsInteraction() override { return m.allowsInteraction(); }
        void release() override { m.release(); }
        void cancel() override { m.cancel(); }
    } request(manager);
    handleLogout(request);
}

void MainWindow::handleLogout(LogoutRequest& request) {
    // The session manager ends the process once this returns, so this is the one place SageDock
    // waits on the user (a modal question) and on the engine (the stops, in a local event loop).
    SessionsPage* sessions = sessionsPage();
    const QList<launch::Session> running = sessions ? sessions->runningSessions() : QList<launch::Session>{};
    if (running.isEmpty() || !request.allowsInteraction()) {
        m_quitDecided = true; // no question possible: they keep running, found again on the next start
        util::logInfo(QStringLiteral("logout: %1 session(s) keep running").arg(running.size()));
        return;
    }
    std::unique_ptr<QMessageBox> box(newQuitQuestion(running.size()));
    box->exec();
    const QString answer = box->clickedButton() ? box->clickedButton()->objectName() : QString();
    request.release();
    if (answer == QLatin1String("keepSessionsButton")) {
        m_quitDecided = true;
        return;
    }
    if (answer != QLatin1String("stopSessionsButton")) {
        request.cancel();
        return;
    }
    util::Error failed;
    bool stopped = false;
    QEventLoop stopping;
    sessions->stopSessions(running, [&](const util::Error& e) {
        failed = e;
        stopped = true;
        stopping.quit();
    });
    if (!stopped) // done() may run at once
        stopping.exec();
    if (failed) {
        // Still running: the logout stops here so the user sees what failed.
        statusBar()->showMessage(tr("Could not stop every session: %1").arg(failed.toString()));
        request.cancel();
        return;
    }
    m_quitDecided = true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (SessionsPage* sessions = sessionsPage();
        !m_quitDecided && sessions && !sessions->runningSessions().isEmpty()) {
        event->ignore();
        askAboutSessions();
        return;
    }
    m_context.settings().setWindowGeometry(saveGeometry());
    m_context.settings().setCurrentPage(currentPageId());
    m_context.settings().sync();
    util::logInfo(QStringLiteral("main window closed"));
    event->accept();
}

} // namespace sagedock::app
