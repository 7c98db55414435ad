// README screenshots of the Launch and Sessions pages with a real Sage session (scripts/screenshots.sh
// runs it under Xvfb with the real SageMath image of tests/fixtures/realsage). Drives the main window
// as a person would: pick the release, press Launch, wait for Ready, grab the window; open the
// Sessions page, select the session, wait for its log, grab again; stop the session. Built with the
// tests, not a test.
// Usage: screenshots <repository> <tag> <output folder>

#include "appcontext.h"
#include "http/transport.h"
#include "launch/ports.h"
#include "mainwindow.h"
#include "models/sessionmodel.h"
#include "pages/launchpage.h"
#include "pages/sessionspage.h"
#include "util/settings.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

#include <cstdio>

namespace {

template <typename Pred> bool waitFor(Pred done, int timeoutMs) {
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    check.start(50);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

bool save(QWidget& window, const QString& path) {
    // Let pending repaints land before the grab.
    waitFor([] { return false; }, 300);
    const bool ok = window.grab().save(path);
    std::fprintf(stderr, "screenshots: %s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

int fail(const char* what) {
    std::fprintf(stderr, "screenshots: %s\n", what);
    return 1;
}

} // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setQuitOnLastWindowClosed(false);
    if (argc < 4) {
        std::fprintf(stderr, "usage: screenshots <repository> <tag> <output folder>\n");
        return 2;
    }
    const QString repository = QString::fromLocal8Bit(argv[1]);
    const QString tag = QString::fromLocal8Bit(argv[2]);
    const QDir out(QString::fromLocal8Bit(argv[3]));
    QTemporaryDir tmp;
    QSettings qs(tmp.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    sagedock::util::Settings settings(&qs);
    settings.setOpenBrowser(false);
    settings.setNotebooksFolder(QDir::home().filePath(QStringLiteral("SageMath")));
    settings.setJupyterPort(sagedock::launch::findFreePort(QStringLiteral("127.0.0.1"), 8888));
    settings.setCurrentPage(QStringLiteral("launch"));
    sagedock::app::AppContext context(settings, sagedock::http::Transport::shared());
    sagedock::app::MainWindow window(context);
    window.resize(1280, 800);
    window.show();

    auto* page = window.findChild<sagedock::app::LaunchPage*>();
    auto* sessions = window.findChild<sagedock::app::SessionsPage*>();
    if (!page || !sessions)
        return fail("the Launch or Sessions page is missing");
    // Only this program's session is listed and stopped, never others on the same engine.
    page->setExtraLabels({{QStringLiteral("org.sagedock.test"), QStringLiteral("screenshots")}});
    sessions->setLabelFilter({QStringLiteral("org.sagedock.test=screenshots")});
    page->setRepository(repository);
    auto* view = page->findChild<QTreeView*>(QStringLiteral("releaseView"));
    int row = -1;
    if (!waitFor(
            [&] {
                for (int r = 0; r < view->model()->rowCount(); ++r)
                    if (view->model()->index(r, 0).data().toString() == tag)
                        row = r;
                return row >= 0;
            },
            60000))
        return fail("the tag is not listed");
    view->setCurrentIndex(view->model()->index(row, 0));
    bool ready = false;
    QObject::connect(page, &sagedock::app::LaunchPage::sessionReady, page, [&] { ready = true; });
    page->findChild<QPushButton*>(QStringLiteral("launchButton"))->click();
    if (!waitFor([&] { return ready; }, 600000))
        return fail("the session did not get ready");
    if (!save(window, out.filePath(QStringLiteral("launch-page.png"))))
        return 1;

    window.showPage(QStringLiteral("sessions"));
    auto* sessionView = sessions->findChild<QTreeView*>(QStringLiteral("sessionView"));
    auto* open = sessions->findChild<QPushButton*>(QStringLiteral("openButton"));
    auto* log = sessions->findChild<QPlainTextEdit*>(QStringLiteral("logView"));
    if (!waitFor([&] { return sessionView->model()->rowCount() > 0; }, 30000))
        return fail("the Sessions page lists no session");
    sessionView->setCurrentIndex(sessionView->model()->index(0, 0));
    if (!waitFor([&] { return open->isEnabled() && log->toPlainText().contains(QLatin1String("token=")); },
                 30000))
        return fail("the session did not become openable with its log");
    // The token shows in the URL and the log: it is valid only for this session, stopped right below.
    if (!save(window, out.filePath(QStringLiteral("sessions-page.png"))))
        return 1;

    bool stopped = false;
    sessions->stopSessions(sessions->runningSessions(),
                           [&](const sagedock::util::Error&) { stopped = true; });
    waitFor([&] { return stopped; }, 60000);
    return 0;
}
