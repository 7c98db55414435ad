// Sessions people can trust (issue 12), offscreen against the real engine with the fixture images:
// the Sessions page follows the engine (a new session appears while Jupyter starts and becomes openable
// without Refresh, a removed one disappears and takes its log with it, the log pane follows the
// selection only); Jupyter from the Launch or the Review page on a folder that already has a running
// session offers to open it or start another; quitting and logging out with running sessions ask
// keep/stop; no browser is said next to Copy URL; bad notebooks folders and an image that dies are one
// sentence each, with nothing deleted or left running; empty Review, Sessions and build history say
// what to do next. Models pass QAbstractItemModelTester.

#include "appcontext.h"
#include "http/transport.h"
#include "launch/launcher.h"
#include "mainwindow.h"
#include "models/releasemodel.h"
#include "models/sessionmodel.h"
#include "pages/launchpage.h"
#include "pages/reviewpage.h"
#include "pages/sessionspage.h"
#include "testenvironment.h"
#include "util/settings.h"
#include "widgets/buildhistorypanel.h"
#include "widgets/emptystate.h"
#include "widgets/enginestatuswidget.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUrlQuery>

#include <memory>

#include <sys/stat.h>
#include <unistd.h>

using namespace sagedock;

class TestSessionLifecycle : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<util::Settings> m_settings;
    std::unique_ptr<app::AppContext> m_context;
    QString m_label;

    QStringList labelFilter() const { return {QStringLiteral("org.sagedock.test=") + m_label}; }

    // A session of the fixture image started by the core Launcher, as another window would.
    launch::Session launchFixture(const QString& folder) {
        launch::LaunchOptions options;
        options.image = testsupport::fixtureImage(QStringLiteral("sagemath"));
        options.notebooksFolder = folder;
        options.extraLabels = {{QStringLiteral("org.sagedock.test"), m_label}};
        auto engine = m_context->services().engine();
        launch::Launcher job(engine.get(), options);
        QSignalSpy finished(&job, &util::Job::finished);
        job.start();
        if (!finished.wait(60000) || finished.first().first().value<util::Error>())
            return {};
        return job.result();
    }

    bool containerExists(const QString& id) {
        return testsupport::runDocker({QStringLiteral("inspect"), id}) == 0;
    }

    static void selectRow(QTreeView* view, int row) { view->setCurrentIndex(view->model()->index(row, 0)); }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        // Closing a MainWindow here must not end the test's event loops.
        QApplication::setQuitOnLastWindowClosed(false);
        QVERIFY(m_tmp.isValid());
        m_label = QStringLiteral("gui-lifecycle-%1").arg(QCoreApplication::applicationPid());
        m_qsettings =
            std::make_unique<QSettings>(m_tmp.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<util::Settings>(m_qsettings.get());
        m_settings->setOpenBrowser(false);
        m_settings->setNotebooksFolder(m_tmp.filePath(QStringLiteral("SageMath")));
        m_settings->setEngineEndpoint(QStringLiteral("unix://") + testsupport::dockerSocket());
        m_settings->setTerminalCommand(QStringLiteral("/nonexistent/terminal"));
        m_settings->setCurrentPage(QStringLiteral("sessions"));
        m_context = std::make_unique<app::AppContext>(*m_settings, http::Transport::shared());
    }

    void cleanupTestCase() { testsupport::removeTestContainers(m_label); }
    void cleanup() { testsupport::removeTestContainers(m_label); }

    void sessionsFollowTheEngine() {
        SAGEDOCK_REQUIRE_ENGINE();
        app::SessionsPage page(*m_context);
        page.resize(900, 600);
        page.show();
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.setLabelFilter(labelFilter());
        auto* empty = page.findChild<app::EmptyState*>(QStringLiteral("sessionsEmptyState"));
        QVERIFY(empty);
        QTRY_VERIFY(empty->isVisible());

        // Started elsewhere (the CLI, another window): it appears and becomes openable by itself.
        const launch::Session a = launchFixture(m_tmp.filePath(QStringLiteral("a")));
        QVERIFY(!a.id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 1, 15000);
        QVERIFY(!empty->isVisible());
        auto* view = page.findChild<QTreeView*>(QStringLiteral("sessionView"));
        selectRow(view, 0);
        auto* open = page.findChild<QPushButton*>(QStringLiteral("openButton"));
        QTRY_VERIFY_WITH_TIMEOUT(open->isEnabled(), 15000); // no Refresh pressed
        QVERIFY(page.findChild<QPushButton*>(QStringLiteral("copyUrlButton"))->isEnabled());

        // The log pane follows the selected session, without pressing Logs.
        auto* logView = page.findChild<QPlainTextEdit*>(QStringLiteral("logView"));
        QTRY_VERIFY_WITH_TIMEOUT(logView->toPlainText().contains(QLatin1String("is running at")), 10000);
        QCOMPARE(page.followedSession(), a.id);

        const launch::Session b = launchFixture(m_tmp.filePath(QStringLiteral("b")));
        QVERIFY(!b.id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 2, 15000);
        for (int r = 0; r < view->model()->rowCount(); ++r)
            if (view->model()->index(r, 0).data(app::SessionModel::IdRole).toString() == b.id)
                selectRow(view, r);
        QTRY_COMPARE(page.followedSession(), b.id);
        QTRY_VERIFY_WITH_TIMEOUT(
            logView->toPlainText().contains(QUrlQuery(b.url).queryItemValue(QStringLiteral("token"))), 10000);
        QVERIFY(!logView->toPlainText().contains(QUrlQuery(a.url).queryItemValue(QStringLiteral("token"))));

        // Removed behind the page's back: it disappears and its log goes with it.
        QCOMPARE(testsupport::runDocker({QStringLiteral("rm"), QStringLiteral("-f"), b.id}), 0);
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 1, 15000);
        QTRY_VERIFY(page.followedSession() != b.id);
        // Its log left the pane with it (b's token was in it while b was followed).
        const QString bToken = QUrlQuery(b.url).queryItemValue(QStringLiteral("token"));
        QVERIFY(!bToken.isEmpty());
        QVERIFY(!logView->toPlainText().contains(bToken));
        QCOMPARE(page.model()->sessions().first().id, a.id);
    }

    // The Launch or Review page, set up to launch the fixture image on `folder` with this test's label;
    // returns the button that launches Jupyter.
    QPushButton* preparePage(const QString& which, std::unique_ptr<QWidget>& page) {
        if (which == QLatin1String("launch")) {
            auto* launchPage = new app::LaunchPage(*m_context);
            page.reset(launchPage);
            launchPage->setExtraLabels({{QStringLiteral("org.sagedock.test"), m_label}});
            launchPage->setRepository(QStringLiteral("sagedock-fixture/sagemath"));
            auto* view = page->findChild<QTreeView*>(QStringLiteral("releaseView"));
            [&] { QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0, 15000); }();
            selectRow(view, 0);
        } else {
            auto* reviewPage = new app::ReviewPage(*m_context);
            page.reset(reviewPage);
            reviewPage->setExtraLabels({{QStringLiteral("org.sagedock.test"), m_label}});
            reviewPage->review(testsupport::fixtureImage(QStringLiteral("sagemath")));
        }
        page->resize(900, 600);
        page->show();
        return page->findChild<QPushButton*>(which == QLatin1String("launch")
                                                 ? QStringLiteral("launchButton")
                                                 : QStringLiteral("jupyterButton"));
    }

    static launch::Launcher* launcherOf(QWidget* page) {
        if (auto* p = qobject_cast<app::LaunchPage*>(page))
            return p->launcher();
        return qobject_cast<app::ReviewPage*>(page)->launcher();
    }

    // Jupyter twice on one folder, from the Launch and from the Review page: the second press offers
    // the running session (one shared check and dialog); Cancel starts nothing; Start Another is on
    // purpose; no browser is said next to Copy URL.
    void sameFolderOffersTheRunningSession_data() {
        QTest::addColumn<QString>("page");
        QTest::newRow("Launch page") << "launch";
        QTest::newRow("Review page") << "review";
    }

    void sameFolderOffersTheRunningSession() {
        SAGEDOCK_REQUIRE_ENGINE();
        QFETCH(QString, page);
        const QString folder = m_tmp.filePath(QStringLiteral("same-") + page);
        const launch::Session running = launchFixture(folder);
        QVERIFY(!running.id.isEmpty());

        m_settings->setNotebooksFolder(folder);
        const auto restore = qScopeGuard([this] {
            m_settings->setOpenBrowser(false);
            m_settings->setNotebooksFolder(m_tmp.filePath(QStringLiteral("SageMath")));
        });
        std::unique_ptr<QWidget> widget;
        QPushButton* launchButton = preparePage(page, widget);
        QVERIFY(launchButton);
        QTRY_VERIFY(launchButton->isEnabled());
        const auto pressAndGetDialog = [&]() -> QMessageBox* {
            QTest::mouseClick(launchButton, Qt::LeftButton);
            QMessageBox* box = nullptr;
            [&] {
                QTRY_VERIFY((box = widget->findChild<QMessageBox*>(QStringLiteral("sameFolderDialog"))));
            }();
            return box;
        };

        QMessageBox* box = pressAndGetDialog();
        QVERIFY(box);
        QVERIFY(box->text().contains(running.name));
        QVERIFY(!launcherOf(widget.get())); // nothing started while the user decides
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!widget->findChild<QMessageBox*>(QStringLiteral("sameFolderDialog")));
        QVERIFY(!launcherOf(widget.get()));

        QTRY_VERIFY(launchButton->isEnabled());
        box = pressAndGetDialog();
        QVERIFY(box);
        box->findChild<QPushButton*>(QStringLiteral("openExistingButton"))->click();
        QCOMPARE(widget->findChild<QLabel*>(QStringLiteral("urlLabel"))->text(), running.url.toString());
        QVERIFY(widget->findChild<QPushButton*>(QStringLiteral("copyButton"))->isVisible());
        QVERIFY(!launcherOf(widget.get()));

        // No browser can be started here (offscreen): the page says so next to Copy URL.
        m_settings->setOpenBrowser(true);
        if (auto* check = widget->findChild<QCheckBox*>(QStringLiteral("openBrowserCheck")))
            check->setChecked(true);
        QTRY_VERIFY(launchButton->isEnabled());
        box = pressAndGetDialog();
        QVERIFY(box);
        QSignalSpy ready(widget.get(), SIGNAL(sessionReady(sagedock::launch::Session)));
        box->findChild<QPushButton*>(QStringLiteral("startAnotherButton"))->click();
        QVERIFY(ready.wait(60000));
        const auto second = ready.first().first().value<launch::Session>();
        QVERIFY(second.id != running.id);
        QVERIFY(second.port != running.port);
        QCOMPARE(second.notebooks, running.notebooks);
        const QString said =
            widget
                ->findChild<QLabel*>(page == QLatin1String("launch") ? QStringLiteral("messageLabel")
                                                                     : QStringLiteral("statusLabel"))
                ->text();
        QVERIFY2(said.contains(QLatin1String("No web browser")) && said.contains(QLatin1String("Copy URL")),
                 qPrintable(said));
        QVERIFY(widget->findChild<QPushButton*>(QStringLiteral("copyButton"))->isVisible());
        QCOMPARE(widget->findChild<QLabel*>(QStringLiteral("urlLabel"))->text(), second.url.toString());
    }

    void quitAsksKeepOrStop_data() {
        QTest::addColumn<QString>("button");
        QTest::addColumn<bool>("stillRunning");
        QTest::newRow("keep") << "keepSessionsButton" << true;
        QTest::newRow("stop") << "stopSessionsButton" << false;
    }

    void quitAsksKeepOrStop() {
        SAGEDOCK_REQUIRE_ENGINE();
        QFETCH(QString, button);
        QFETCH(bool, stillRunning);
        const launch::Session s = launchFixture(m_tmp.filePath(QStringLiteral("quit")));
        QVERIFY(!s.id.isEmpty());
        app::MainWindow window(*m_context);
        auto* sessions = window.findChild<app::SessionsPage*>();
        QVERIFY(sessions);
        sessions->setLabelFilter(labelFilter()); // only this test's sessions may be stopped
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(sessions->runningSessions().size(), 1, 15000);

        QVERIFY(!window.close()); // the question comes first
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox*>(QStringLiteral("quitSessionsDialog"))));
        QVERIFY(window.isVisible());
        box->findChild<QPushButton*>(button)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 30000);
        QCOMPARE(containerExists(s.id), stillRunning);
    }

    // Logout (the session manager's commit-data phase): the same keep/stop question as Quit when the
    // manager allows interaction; without interaction they keep running, the documented default. The
    // manager is a LogoutRequest, what MainWindow adapts Qt's QSessionManager to (only Qt can make one).
    void logoutAsksKeepOrStop_data() {
        QTest::addColumn<bool>("interaction");
        QTest::addColumn<QString>("button"); // "" = no question expected
        QTest::addColumn<bool>("stillRunning");
        QTest::addColumn<bool>("cancelled");
        QTest::newRow("no interaction: keep") << false << "" << true << false;
        QTest::newRow("keep") << true << "keepSessionsButton" << true << false;
        QTest::newRow("stop") << true << "stopSessionsButton" << false << false;
        QTest::newRow("cancel the logout") << true << "cancel" << true << true;
    }

    void logoutAsksKeepOrStop() {
        SAGEDOCK_REQUIRE_ENGINE();
        QFETCH(bool, interaction);
        QFETCH(QString, button);
        QFETCH(bool, stillRunning);
        QFETCH(bool, cancelled);
        struct FakeManager final : app::LogoutRequest {
            bool interaction = true;
            int asked = 0, released = 0, cancels = 0;
            bool allowsInteraction() override {
                ++asked;
                return interaction;
            }
            void release() override { ++released; }
            void cancel() override { ++cancels; }
        } manager;
        manager.interaction = interaction;
        const launch::Session s = launchFixture(m_tmp.filePath(QStringLiteral("logout")));
        QVERIFY(!s.id.isEmpty());
        app::MainWindow window(*m_context);
        auto* sessions = window.findChild<app::SessionsPage*>();
        sessions->setLabelFilter(labelFilter()); // only this test's sessions may be stopped
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(sessions->runningSessions().size(), 1, 15000);

        // The question is modal (the session manager waits): answered from the event loop it runs.
        bool questionSeen = false;
        QTimer answer;
        answer.setInterval(20);
        connect(&answer, &QTimer::timeout, this, [&] {
            auto* box = window.findChild<QMessageBox*>(QStringLiteral("quitSessionsDialog"));
            if (!box || !box->isVisible())
                return;
            questionSeen = true;
            answer.stop();
            if (button == QLatin1String("cancel"))
                box->button(QMessageBox::Cancel)->click();
            else
                box->findChild<QPushButton*>(button)->click();
        });
        answer.start();
        window.handleLogout(manager);
        answer.stop();
        QCOMPARE(questionSeen, !button.isEmpty());
        QCOMPARE(manager.asked, 1);
        QCOMPARE(manager.released, button.isEmpty() ? 0 : 1);
        QCOMPARE(manager.cancels, cancelled ? 1 : 0);
        // When handleLogout returns, the stops are done: the session manager may end the process now.
        QCOMPARE(containerExists(s.id), stillRunning);
        // Decided: closing the window (the session ends) asks nothing more; cancelled: Quit asks again.
        QCOMPARE(window.close(), !cancelled);
        if (cancelled) {
            QMessageBox* box = nullptr;
            QTRY_VERIFY((box = window.findChild<QMessageBox*>(QStringLiteral("quitSessionsDialog"))));
            box->findChild<QPushButton*>(QStringLiteral("keepSessionsButton"))->click();
            QTRY_VERIFY(!window.isVisible());
        }
    }

    // A session started elsewhere appears while Jupyter is still starting (Open greyed, no URL yet) and
    // becomes openable by itself; Open without a browser says so next to Copy URL.
    void startingSessionBecomesOpenable() {
        SAGEDOCK_REQUIRE_ENGINE();
        app::SessionsPage page(*m_context);
        page.resize(900, 600);
        page.show();
        page.setLabelFilter(labelFilter());
        launch::LaunchOptions options;
        options.image = testsupport::fixtureImage(QStringLiteral("sagemath"));
        options.notebooksFolder = m_tmp.filePath(QStringLiteral("slow"));
        options.extraLabels = {{QStringLiteral("org.sagedock.test"), m_label}};
        options.extraEnv << QStringLiteral("FIXTURE_JUPYTER_DELAY=4"); // Jupyter prints its URL after 4 s
        auto engine = m_context->services().engine();
        launch::Launcher job(engine.get(), options);
        QSignalSpy finished(&job, &util::Job::finished);
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 1, 15000);
        QVERIFY2(finished.isEmpty(), "the session must show up before Jupyter is ready");
        auto* view = page.findChild<QTreeView*>(QStringLiteral("sessionView"));
        selectRow(view, 0);
        auto* open = page.findChild<QPushButton*>(QStringLiteral("openButton"));
        auto* copy = page.findChild<QPushButton*>(QStringLiteral("copyUrlButton"));
        QVERIFY(!open->isEnabled());
        QVERIFY(!copy->isEnabled());
        QVERIFY(page.findChild<QPushButton*>(QStringLiteral("stopButton"))->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(open->isEnabled(), 20000); // no Refresh pressed
        QVERIFY(copy->isEnabled());
        QVERIFY(finished.count() == 1 || finished.wait(20000));
        QCOMPARE(page.model()->sessions().first().url, job.result().url);

        QTest::mouseClick(open, Qt::LeftButton);
        const QString said = page.findChild<QLabel*>(QStringLiteral("messageLabel"))->text();
        QVERIFY2(said.contains(QLatin1String("No web browser")) && said.contains(QLatin1String("Copy URL")),
                 qPrintable(said));
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), job.result().url.toString());
    }

    // Bad input and faults on the Launch page: one sentence each (an image's own log where it failed),
    // nothing deleted (the file, the link stay as they were), nothing left running.
    void launchFaultsAreOneSentence_data() {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("words");
        QTest::newRow("folder is a file") << "file"
                                          << "is a file, not a folder.";
        QTest::newRow("folder is a symlink to /") << "link-root"
                                                  << "is the root of the file system";
        QTest::newRow("folder is HOME itself") << "home"
                                               << "is your home folder itself";
        QTest::newRow("folder on a read-only file system") << "read-only"
                                                           << "is on a read-only file system";
        QTest::newRow("image exits before Jupyter is ready")
            << "exits"
            << "The container stopped before Jupyter was ready.";
        // The wait is the user's setting (Preferences ▸ Launch), here its smallest value.
        QTest::newRow("Jupyter never prints a token URL") << "no-token"
                                                          << "Jupyter did not get ready within 5 s.";
    }

    void launchFaultsAreOneSentence() {
        SAGEDOCK_REQUIRE_ENGINE();
        QFETCH(QString, fault);
        QFETCH(QString, words);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const testsupport::FaultyFolder faulty(fault, dir.path());
        QVERIFY2(faulty.error().isEmpty(), qPrintable(faulty.error()));
        const QString folder = faulty.path();
        const bool exits = fault == QLatin1String("exits");
        const bool imageFault = exits || fault == QLatin1String("no-token");
        const QString repository = imageFault ? QStringLiteral("sagedock-fixture/sagemath-faults")
                                              : QStringLiteral("sagedock-fixture/sagemath");
        const QString tag = imageFault ? fault : QStringLiteral("latest");
        const QFileInfo before(folder);

        m_settings->setNotebooksFolder(folder);
        m_settings->setJupyterReadyTimeoutSeconds(util::Settings::kMinReadyTimeoutSeconds);
        const auto restore = qScopeGuard([this] {
            m_settings->setNotebooksFolder(m_tmp.filePath(QStringLiteral("SageMath")));
            m_settings->setJupyterReadyTimeoutSeconds(util::Settings::kDefaultReadyTimeoutSeconds);
        });
        app::LaunchPage page(*m_context);
        page.resize(900, 600);
        page.show();
        page.setExtraLabels({{QStringLiteral("org.sagedock.test"), m_label}});
        page.setRepository(repository);
        auto* view = page.findChild<QTreeView*>(QStringLiteral("releaseView"));
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0, 15000);
        for (int r = 0; r < view->model()->rowCount(); ++r)
            if (view->model()->index(r, 0).data().toString() == tag)
                selectRow(view, r);
        QCOMPARE(view->currentIndex().data().toString(), tag);
        auto* launchButton = page.findChild<QPushButton*>(QStringLiteral("launchButton"));
        QTRY_VERIFY(launchButton->isEnabled());
        QSignalSpy started(&page, &app::LaunchPage::launchStarted);
        QTest::mouseClick(launchButton, Qt::LeftButton);
        QVERIFY(started.count() == 1 || started.wait(15000));
        auto* status = page.findChild<QLabel*>(QStringLiteral("statusLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(!page.launcher(), 60000); // finished, its container removed
        QCOMPARE(status->text(), QStringLiteral("Failed"));
        auto* message = page.findChild<QLabel*>(QStringLiteral("messageLabel"));
        QVERIFY2(message->text().startsWith(QLatin1String("Error: ")) && message->text().contains(words),
                 qPrintable(message->text()));
        if (exits) {
            // The image's own last words are shown under the sentence.
            QVERIFY2(message->text().contains(QLatin1String("No module named notebook (fixture)")),
                     qPrintable(message->text()));
        } else if (imageFault) {
            // The log's tail says what the image did instead of printing its URL.
            QVERIFY2(message->text().contains(QLatin1String("it never prints its URL")),
                     qPrintable(message->text()));
        } else {
            // Refused before anything was created: the sentence is the whole message.
            QCOMPARE(message->text().count(QLatin1Char('\n')), 0);
        }
        // Nothing deleted (a refused folder stays as it was), nothing left running.
        const QFileInfo after(folder);
        QCOMPARE(after.exists(), imageFault || before.exists());
        QCOMPARE(after.isSymLink(), before.isSymLink());
        QCOMPARE(after.isFile(), before.isFile());
        if (fault == QLatin1String("file"))
            QCOMPARE(after.size(), qint64(9));
        QTRY_VERIFY_WITH_TIMEOUT(testsupport::containersLabelled(labelFilter().first()).isEmpty(), 15000);
    }

    // Spaces and non-ASCII letters in the notebooks folder are fine: Jupyter runs on it.
    void folderWithSpacesAndNonAscii() {
        SAGEDOCK_REQUIRE_ENGINE();
        const QString folder = m_tmp.filePath(QStringLiteral("Meine Übungen ∑ 数学"));
        const launch::Session s = launchFixture(folder);
        QVERIFY(!s.id.isEmpty());
        QCOMPARE(s.notebooks, folder);
        QVERIFY(QFileInfo(folder).isDir());
        QByteArray out;
        QCOMPARE(testsupport::runDocker({QStringLiteral("exec"), s.id, QStringLiteral("touch"),
                                         s.containerNotebooks + QStringLiteral("/from-jupyter")},
                                        &out),
                 0);
        QVERIFY(QFileInfo::exists(folder + QStringLiteral("/from-jupyter")));
    }

    // A user outside the docker group: the app runs as uid 65534 (this test binary again, through
    // setpriv, no groups) against the REAL socket; the status bar, the Sessions page and a launch from
    // the Review page each say it in one sentence with the fix. Nothing is started.
    void noEngineAccessIsOneSentence() {
        if (qEnvironmentVariableIsSet("SAGEDOCK_TEST_AS_NOBODY")) {
            QVERIFY(::geteuid() != 0);
            const QString sentence =
                QStringLiteral("Permission denied on the engine socket %1.").arg(testsupport::dockerSocket());
            const QString fix = QStringLiteral("docker group");
            app::MainWindow window(*m_context);
            window.show();
            app::EngineStatusWidget* status = window.engineStatus();
            QTRY_COMPARE_WITH_TIMEOUT(status->state(), app::EngineStatusWidget::State::Unavailable, 15000);
            QVERIFY2(status->text().contains(sentence), qPrintable(status->text()));
            QVERIFY2(status->error().hint.contains(fix), qPrintable(status->error().hint));
            auto* sessions = window.findChild<app::SessionsPage*>();
            auto* sessionsMessage = sessions->findChild<QLabel*>(QStringLiteral("messageLabel"));
            QTRY_VERIFY2_WITH_TIMEOUT(sessionsMessage->text().contains(sentence) &&
                                          sessionsMessage->text().contains(fix),
                                      qPrintable(sessionsMessage->text()), 15000);
            auto* review = window.findChild<app::ReviewPage*>();
            review->review(testsupport::fixtureImage(QStringLiteral("sagemath")));
            QSignalSpy started(review, &app::ReviewPage::launchStarted);
            review->openJupyter();
            QVERIFY(started.count() == 1 || started.wait(15000));
            auto* reviewStatus = review->findChild<QLabel*>(QStringLiteral("statusLabel"));
            QTRY_VERIFY_WITH_TIMEOUT(reviewStatus->text().startsWith(QLatin1String("Error: ")), 15000);
            const QString said = reviewStatus->text();
            QVERIFY2(said.startsWith(QLatin1String("Error: ") + sentence) && said.contains(fix),
                     qPrintable(said));
            QCOMPARE(said.count(QLatin1Char('\n')), 0);
            return;
        }
        QVERIFY2(::geteuid() == 0,
                 "this test runs the app as uid 65534 with setpriv: run it as root (CI does)");
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        QVERIFY2(!setpriv.isEmpty(), "setpriv (util-linux) is needed to run the app as another user");
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(testsupport::dockerSocket()).constData(), &st), 0);
        QVERIFY2((st.st_mode & S_IWOTH) == 0 && st.st_uid != 65534 && st.st_gid != 65534,
                 "the engine socket must not be writable by uid 65534 for this test to mean anything");
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QCOMPARE(::chown(QFile::encodeName(home.path()).constData(), 65534, 65534), 0);
        QProcessEnvironment env = testsupport::otherUserEnvironment(home.path());
        env.insert(QStringLiteral("TMPDIR"), home.path());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("SAGEDOCK_TEST_AS_NOBODY"), QStringLiteral("1"));
        QProcess p;
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(home.path());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(setpriv, {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                          QStringLiteral("--clear-groups"), QCoreApplication::applicationFilePath(),
                          QStringLiteral("noEngineAccessIsOneSentence")});
        QVERIFY(p.waitForFinished(120000));
        const QByteArray out = p.readAll();
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, out.constData());
        QVERIFY2(out.contains("PASS   : TestSessionLifecycle::noEngineAccessIsOneSentence()"),
                 out.constData());
    }

    void emptyStatesSayWhatToDo() {
        app::SessionsPage sessions(*m_context);
        sessions.show();
        sessions.setLabelFilter({QStringLiteral("org.sagedock.test=nothing-has-this-%1").arg(m_label)});
        QSignalSpy page(m_context.get(), &app::AppContext::pageRequested);
        auto* sessionsEmpty = sessions.findChild<app::EmptyState*>(QStringLiteral("sessionsEmptyState"));
        QTRY_VERIFY_WITH_TIMEOUT(sessionsEmpty->isVisible(), 15000);
        sessionsEmpty->button()->click();
        QCOMPARE(page.count(), 1);
        QCOMPARE(page.first().first().toString(), QStringLiteral("launch"));

        app::ReviewPage review(*m_context);
        review.show();
        auto* reviewEmpty = review.findChild<app::EmptyState*>(QStringLiteral("reviewEmptyState"));
        QVERIFY(reviewEmpty && reviewEmpty->isVisible());
        reviewEmpty->button()->click();
        QCOMPARE(review.focusWidget(), review.findChild<QLineEdit*>(QStringLiteral("queryEdit")));

        app::BuildHistoryPanel history;
        history.setHistoryPath(m_tmp.filePath(QStringLiteral("no-history.jsonl")));
        history.show();
        auto* historyEmpty = history.findChild<app::EmptyState*>(QStringLiteral("historyEmptyState"));
        QVERIFY(historyEmpty && historyEmpty->isVisible());
        QSignalSpy build(&history, &app::BuildHistoryPanel::buildRequested);
        historyEmpty->button()->click();
        QCOMPARE(build.count(), 1);
        // One sentence each.
        for (const app::EmptyState* e : {sessionsEmpty, reviewEmpty, historyEmpty}) {
            QVERIFY(e->label()->text().endsWith(QLatin1Char('.')));
            QCOMPARE(e->label()->text().count(QLatin1String(". ")), 0);
        }
    }
};

QTEST_MAIN(TestSessionLifecycle)
#include "tst_sessionlifecycle.moc"
