// The Builds page after a crash: a history whose last build was left "running" by a SageDock that is
// gone (a real process that has exited) and a torn line. The page says so once, on the page (naming
// the interrupted build) and in the status bar (AppContext::notice); the history then shows the build
// as interrupted, and a second start has nothing more to say. No engine needed.

#include "appcontext.h"
#include "http/transport.h"
#include "imagebuild/buildhistory.h"
#include "models/buildhistorymodel.h"
#include "pages/buildspage.h"
#include "util/settings.h"
#include "widgets/buildhistorypanel.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMainWindow>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace sagedock;

class TestBuildsRecovery : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<util::Settings> m_settings;
    std::unique_ptr<app::AppContext> m_context;

    // The pid of a real process that has ended: what a killed SageDock leaves in its running record.
    static qint64 deadPid() {
        QProcess p;
        p.start(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("echo $$")});
        if (!p.waitForFinished(10000) || p.exitCode() != 0)
            qFatal("sh did not run");
        return p.readAllStandardOutput().trimmed().toLongLong();
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        m_qsettings =
            std::make_unique<QSettings>(m_tmp.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<util::Settings>(m_qsettings.get());
        m_context = std::make_unique<app::AppContext>(*m_settings, http::Transport::shared());
    }

    void tellsOnceAboutAnInterruptedBuild_data() {
        QTest::addColumn<bool>("torn");
        QTest::addColumn<bool>("running");
        QTest::newRow("interrupted build") << false << true;
        QTest::newRow("torn line only") << true << false;
        QTest::newRow("both") << true << true;
    }

    void tellsOnceAboutAnInterruptedBuild() {
        QFETCH(bool, torn);
        QFETCH(bool, running);
        const QString path = m_tmp.filePath(QStringLiteral("%1.jsonl").arg(QTest::currentDataTag()));
        const QString id = QStringLiteral("20261204T031500Z-4d5e6f");
        {
            imagebuild::BuildRecord done;
            done.id = QStringLiteral("20261204T030000Z-1a2b3c");
            done.started = QDateTime::currentDateTimeUtc().addSecs(-600);
            done.success = true;
            QVERIFY(!imagebuild::History(path).append(done));
        }
        if (torn) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write("{\"id\":\"20261204T031000Z-aaaaaa\",\"state\":\"runn"); // a crash mid-append
        }
        if (running) {
            imagebuild::BuildRecord r;
            r.id = id;
            r.started = QDateTime::currentDateTimeUtc();
            r.state = QStringLiteral("running");
            r.ownerPid = deadPid();
            QVERIFY(r.ownerPid > 0);
            QVERIFY(!imagebuild::History(path).append(r));
        }

        QMainWindow window; // the status bar the main window shows notices in
        connect(m_context.get(), &app::AppContext::notice, &window,
                [&window](const QString& text) { window.statusBar()->showMessage(text); });
        QSignalSpy notices(m_context.get(), &app::AppContext::notice);
        auto* page = new app::BuildsPage(*m_context, &window);
        page->setHistoryPath(path);
        window.setCentralWidget(page);
        window.show();

        auto* label = page->findChild<QLabel*>(QStringLiteral("recoveryNotice"));
        QVERIFY(label);
        QTRY_VERIFY(label->isVisible());
        QCOMPARE(notices.count(), 1);
        const QString status = notices.at(0).at(0).toString();
        QCOMPARE(window.statusBar()->currentMessage(), status);
        if (running) {
            QVERIFY2(label->text().contains(id), qPrintable(label->text()));
            QVERIFY2(status.contains(id), qPrintable(status));
            // The history row of that build is interrupted now, not running.
            const app::BuildHistoryModel* model = page->historyModel();
            QTRY_COMPARE(model->rowCount(), 2);
            QCOMPARE(model->record(0)->id, id);
            QCOMPARE(model->record(0)->state, QStringLiteral("interrupted"));
            QCOMPARE(model->index(0, app::BuildHistoryModel::Result).data().toString(),
                     QStringLiteral("interrupted"));
        } else {
            QVERIFY2(status.contains(QStringLiteral("broken lines")), qPrintable(status));
        }
        if (torn)
            QVERIFY2(label->text().contains(QStringLiteral("1 broken line")), qPrintable(label->text()));

        // Said once: the recovery is recorded, a later start (the CLI's `builds` too) has nothing to add.
        QVERIFY(imagebuild::History(path).recover().notices.isEmpty());
        app::BuildsPage second(*m_context);
        auto* panel = second.findChild<app::BuildHistoryPanel*>();
        QVERIFY(panel);
        QSignalSpy checked(panel, &app::BuildHistoryPanel::recovered);
        second.setHistoryPath(path);
        second.show();
        QTRY_COMPARE(checked.count(), 1);
        QVERIFY(checked.at(0).at(0).toStringList().isEmpty());
        QCOMPARE(second.historyModel()->rowCount(), running ? 2 : 1);
        QVERIFY(!second.findChild<QLabel*>(QStringLiteral("recoveryNotice"))->isVisible());
        QCOMPARE(notices.count(), 1);
    }
};

QTEST_MAIN(TestBuildsRecovery)
#include "tst_buildsrecovery.moc"
