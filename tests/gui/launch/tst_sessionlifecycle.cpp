// Sessions people can trust (issue 12), offscreen against the real engine with the fixture image:
// the Sessions page follows the engine (a new session appears and becomes openable without Refresh,
// a removed one disappears and takes its log with it, the log pane follows the selection only);
// Launch on a folder that already has a running session offers to open it or start another; quitting
// with running sessions asks keep/stop; no browser is said next to Copy URL; empty Review, Sessions and
// build history say what to do next. Models pass QAbstractItemModelTester.

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

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

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

        // Removed behind the page's back: it disappears and its log goes with it.
        QCOMPARE(testsupport::runDocker({QStringLiteral("rm"), QStringLiteral("-f"), b.id}), 0);
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 1, 15000);
        QTRY_VERIFY(page.followedSession() != b.id);
        QVERIFY(!logView->toPlainText().contains(b.name));
        QCOMPARE(page.model()->sessions().first().id, a.id);
    }

    // Launch twice on one folder: the second press offers the running session; Start Another is on purpose.
    void sameFolderOffersTheRunningSession() {
        SAGEDOCK_REQUIRE_ENGINE();
        const QString folder = m_tmp.filePath(QStringLiteral("same"));
        const launch::Session running = launchFixture(folder);
        QVERIFY(!running.id.isEmpty());

        m_settings->setNotebooksFolder(folder);
        app::LaunchPage page(*m_context);
        page.resize(900, 600);
        page.show();
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.setExtraLabels({{QStringLiteral("org.sagedock.test"), m_label}});
        page.setRepository(QStringLiteral("sagedock-fixture/sagemath"));
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowCount() > 0, 15000);
        auto* view = page.findChild<QTreeView*>(QStringLiteral("releaseView"));
        selectRow(view, 0);
        auto* launchButton = page.findChild<QPushButton*>(QStringLiteral("launchButton"));
        QTRY_VERIFY(launchButton->isEnabled());

        QTest::mouseClick(launchButton, Qt::LeftButton);
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = page.findChild<QMessageBox*>(QStringLiteral("sameFolderDialog"))));
        QVERIFY(box->text().contains(running.name));
        QVERIFY(!page.launcher()); // nothing started while the user decides
        box->findChild<QPushButton*>(QStringLiteral("openExistingButton"))->click();
        QCOMPARE(page.findChild<QLabel*>(QStringLiteral("urlLabel"))->text(), running.url.toString());
        QVERIFY(page.findChild<QPushButton*>(QStringLiteral("copyButton"))->isVisible());
        QVERIFY(!page.launcher());

        // No browser can be started here (offscreen): the page says so next to Copy URL.
        page.findChild<QCheckBox*>(QStringLiteral("openBrowserCheck"))->setChecked(true);
        QTRY_VERIFY(launchButton->isEnabled());
        QTest::mouseClick(launchButton, Qt::LeftButton);
        QTRY_VERIFY((box = page.findChild<QMessageBox*>(QStringLiteral("sameFolderDialog"))));
        QSignalSpy ready(&page, &app::LaunchPage::sessionReady);
        box->findChild<QPushButton*>(QStringLiteral("startAnotherButton"))->click();
        QVERIFY(ready.wait(60000));
        const auto second = ready.first().first().value<launch::Session>();
        QVERIFY(second.id != running.id);
        QVERIFY(second.port != running.port);
        QVERIFY(page.findChild<QLabel*>(QStringLiteral("messageLabel"))
                    ->text()
                    .contains(QLatin1String("No web browser")));
        QVERIFY(page.findChild<QPushButton*>(QStringLiteral("copyButton"))->isVisible());
        m_settings->setOpenBrowser(false);
        m_settings->setNotebooksFolder(m_tmp.filePath(QStringLiteral("SageMath")));
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
