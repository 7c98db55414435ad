// Launch and Sessions pages offscreen against the real engine: the fixture image is listed as a
// downloaded release, Launch brings it to Ready with its URL, the Sessions page shows the session,
// follows its log, shows the shell command and stops it; a release only in the registry is pulled
// with the download, then the unpacking, on the bar. The Review page sorts its images by value
// (size, date, pipeline stage) when a header is clicked. Models pass QAbstractItemModelTester.

#include "appcontext.h"
#include "http/transport.h"
#include "models/releasemodel.h"
#include "models/reviewimagemodel.h"
#include "models/sessionmodel.h"
#include "pages/launchpage.h"
#include "pages/reviewpage.h"
#include "pages/sessionspage.h"
#include "registryonlyimage.h"
#include "testenvironment.h"
#include "util/paths.h"
#include "util/settings.h"
#include "widgets/notebooksfolderrow.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <algorithm>
#include <memory>

using namespace sagedock;

class TestLaunchPages : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<util::Settings> m_settings;
    std::unique_ptr<app::AppContext> m_context;
    QString m_label;

    void removeTestContainers() { testsupport::removeTestContainers(m_label); }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
        m_label = QStringLiteral("gui-launch-%1").arg(QCoreApplication::applicationPid());
        m_qsettings =
            std::make_unique<QSettings>(m_tmp.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<util::Settings>(m_qsettings.get());
        m_settings->setOpenBrowser(false);
        m_settings->setNotebooksFolder(m_tmp.filePath(QStringLiteral("SageMath")));
        m_settings->setEngineEndpoint(QStringLiteral("unix://") + testsupport::dockerSocket());
        m_settings->setTerminalCommand(QStringLiteral("/nonexistent/terminal"));
        m_context = std::make_unique<app::AppContext>(*m_settings, http::Transport::shared());
    }

    void cleanupTestCase() { removeTestContainers(); }

    void releaseOrder_data() {
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<QStringList>("sorted");
        QTest::newRow("hub tags") << QStringList{QStringLiteral("10.7"),        QStringLiteral("9.8"),
                                                 QStringLiteral("develop"),     QStringLiteral("10.8.beta3"),
                                                 QStringLiteral("latest"),      QStringLiteral("10.8.rc0"),
                                                 QStringLiteral("10.7.1"),      QStringLiteral("10.8"),
                                                 QStringLiteral("10.8.beta10"), QStringLiteral("10.4-py3"),
                                                 QStringLiteral("nightly")}
                                  << QStringList{QStringLiteral("latest"),      QStringLiteral("develop"),
                                                 QStringLiteral("10.8"),        QStringLiteral("10.8.rc0"),
                                                 QStringLiteral("10.8.beta10"), QStringLiteral("10.8.beta3"),
                                                 QStringLiteral("10.7.1"),      QStringLiteral("10.7"),
                                                 QStringLiteral("9.8"),         QStringLiteral("nightly")};
    }

    void releaseOrder() {
        QFETCH(QStringList, tags);
        app::ReleaseModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRepository(QStringLiteral("sagemath/sagemath"));
        model.setRemoteTags(tags);
        engine::ImageSummary local;
        local.repoTags = {QStringLiteral("sagemath/sagemath:10.7"), QStringLiteral("other/image:1")};
        local.size = 4'200'000'000;
        model.setLocalImages({local});
        QStringList got;
        for (const auto& r : model.releases())
            got << r.tag;
        QTEST(got, "sorted");
        const int row = int(got.indexOf(QStringLiteral("10.7")));
        QVERIFY(model.data(model.index(row, app::ReleaseModel::LocalColumn), app::ReleaseModel::LocalRole)
                    .toBool());
        QCOMPARE(model.data(model.index(row, app::ReleaseModel::SizeColumn), app::ReleaseModel::SizeRole)
                     .toLongLong(),
                 4'200'000'000LL);
        QCOMPARE(
            model.data(model.index(0, app::ReleaseModel::KindColumn), app::ReleaseModel::KindRole).toString(),
            QStringLiteral("latest"));
        QCOMPARE(model.imageAt(0), QStringLiteral("sagemath/sagemath:latest"));
        // Local availability is said in words, not only with colour.
        QVERIFY(!model.data(model.index(row, app::ReleaseModel::LocalColumn)).toString().isEmpty());
    }

    void sessionModel() {
        app::SessionModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        launch::Session a;
        a.id = QStringLiteral("a");
        a.name = QStringLiteral("sagedock-sagemath-1");
        a.state = QStringLiteral("running");
        a.port = 8888;
        a.flavor = QStringLiteral("sagemath");
        a.mode = QStringLiteral("jupyter");
        a.startedAt = QDateTime(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC);
        launch::Session b = a;
        b.id = QStringLiteral("b");
        b.mode = QStringLiteral("shell");
        b.port = 0;
        b.state = QStringLiteral("exited");
        model.setSessions({a, b});
        model.setNow(QDateTime(QDate(2026, 1, 1), QTime(12, 5), Qt::UTC));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0, app::SessionModel::UptimeColumn), app::SessionModel::SortRole)
                     .toLongLong(),
                 2 * 3600 + 5 * 60);
        QVERIFY(model.data(model.index(1, app::SessionModel::FlavorColumn))
                    .toString()
                    .contains(QLatin1String("shell")));
        QCOMPARE(
            model.data(model.index(1, app::SessionModel::PortColumn), app::SessionModel::SortRole).toInt(),
            0);
        model.setSessions({});
        QCOMPARE(model.rowCount(), 0);
    }

    void launchThenSessions() {
        SAGEDOCK_REQUIRE_ENGINE();
        app::LaunchPage page(*m_context);
        page.resize(900, 600);
        page.show();
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.setExtraLabels({{QStringLiteral("org.sagedock.test"), m_label}});
        // The fixture image stands in for sagemath/sagemath; with no Docker Hub answer (offline
        // machine) the page still lists what is already downloaded.
        page.setRepository(QStringLiteral("sagedock-fixture/sagemath"));
        QTRY_VERIFY2_WITH_TIMEOUT(page.model()->rowCount() > 0,
                                  qPrintable(page.findChild<QLabel*>(QStringLiteral("messageLabel"))->text()),
                                  15000);
        auto* view = page.findChild<QTreeView*>(QStringLiteral("releaseView"));
        QVERIFY(view);
        const QModelIndex first = view->model()->index(0, 0);
        QCOMPARE(first.data().toString(), QStringLiteral("latest"));
        QVERIFY(first.data(app::ReleaseModel::LocalRole).toBool());
        view->setCurrentIndex(first);

        auto* launchButton = page.findChild<QPushButton*>(QStringLiteral("launchButton"));
        QVERIFY(launchButton);
        QTRY_VERIFY(launchButton->isEnabled());
        QSignalSpy ready(&page, &app::LaunchPage::sessionReady);
        QTest::mouseClick(launchButton, Qt::LeftButton);
        QVERIFY(!launchButton->isEnabled()); // one launch at a time
        auto* status = page.findChild<QLabel*>(QStringLiteral("statusLabel"));
        QVERIFY(ready.wait(30000));
        const auto session = ready.first().first().value<launch::Session>();
        QCOMPARE(status->text(), QStringLiteral("Ready"));
        auto* url = page.findChild<QLabel*>(QStringLiteral("urlLabel"));
        QCOMPARE(url->text(), session.url.toString());
        QVERIFY(url->text().startsWith(QLatin1String("http://127.0.0.1:")));
        QVERIFY(page.findChild<QPushButton*>(QStringLiteral("copyButton"))->isVisible());
        QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("copyButton")), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), session.url.toString());
        http::Request api;
        api.url = QUrl(QStringLiteral("http://127.0.0.1:%1/api").arg(session.port));
        QCOMPARE(testsupport::fetch(api).status, 200);
        QVERIFY(QFileInfo(m_tmp.filePath(QStringLiteral("SageMath"))).isDir()); // created on first use

        app::SessionsPage sessions(*m_context);
        sessions.resize(900, 600);
        sessions.show();
        QAbstractItemModelTester sessionTester(sessions.model(),
                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
        sessions.setLabelFilter({QStringLiteral("org.sagedock.test=") + m_label});
        QTRY_COMPARE_WITH_TIMEOUT(sessions.model()->rowCount(), 1, 15000);
        QCOMPARE(sessions.model()->sessions().first().id, session.id);
        QCOMPARE(sessions.model()->sessions().first().url, session.url);
        auto* sessionView = sessions.findChild<QTreeView*>(QStringLiteral("sessionView"));
        sessionView->setCurrentIndex(sessionView->model()->index(0, 0));

        QTest::mouseClick(sessions.findChild<QPushButton*>(QStringLiteral("logsButton")), Qt::LeftButton);
        auto* logView = sessions.findChild<QPlainTextEdit*>(QStringLiteral("logView"));
        QTRY_VERIFY_WITH_TIMEOUT(logView->toPlainText().contains(QLatin1String("is running at")), 10000);

        QTest::mouseClick(sessions.findChild<QPushButton*>(QStringLiteral("shellButton")), Qt::LeftButton);
        auto* command = sessions.findChild<QLineEdit*>(QStringLiteral("shellCommandEdit"));
        QCOMPARE(command->text(), QStringLiteral("docker exec -it %1 bash").arg(session.name));

        QSignalSpy stopped(&sessions, &app::SessionsPage::stopped);
        QTest::mouseClick(sessions.findChild<QPushButton*>(QStringLiteral("stopButton")), Qt::LeftButton);
        QVERIFY(stopped.wait(30000));
        QVERIFY(!stopped.first().at(1).value<util::Error>());
        QTRY_COMPARE_WITH_TIMEOUT(sessions.model()->rowCount(), 0, 15000);
        QVERIFY(testsupport::runDocker({QStringLiteral("inspect"), session.id}) != 0); // removed
    }

    void cancelDuringLaunch() {
        SAGEDOCK_REQUIRE_ENGINE();
        app::LaunchPage page(*m_context);
        page.setExtraLabels({{QStringLiteral("org.sagedock.test"), m_label}});
        page.setRepository(QStringLiteral("sagedock-fixture/sagemath"));
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowCount() > 0, 15000);
        auto* view = page.findChild<QTreeView*>(QStringLiteral("releaseView"));
        view->setCurrentIndex(view->model()->index(0, 0));
        // The page first looks for a running session on the same folder (async), then launches.
        QSignalSpy started(&page, &app::LaunchPage::launchStarted);
        page.launchSelected();
        QVERIFY(started.count() == 1 || started.wait(10000));
        QVERIFY(page.launcher());
        QSignalSpy finished(page.launcher(), &launch::Launcher::finished);
        QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("cancelButton")), Qt::LeftButton);
        QVERIFY(finished.count() == 1 || finished.wait(10000));
        QCOMPARE(finished.first().first().value<util::Error>().code, util::ErrorCode::Cancelled);
        QCOMPARE(page.findChild<QLabel*>(QStringLiteral("statusLabel"))->text(), QStringLiteral("Cancelled"));
        QTRY_VERIFY(page.findChild<QPushButton*>(QStringLiteral("launchButton"))->isEnabled());
        // Nothing left running.
        QByteArray ids;
        QTRY_VERIFY_WITH_TIMEOUT(
            (testsupport::runDocker({QStringLiteral("ps"), QStringLiteral("-aq"), QStringLiteral("--filter"),
                                     QStringLiteral("label=org.sagedock.test=") + m_label},
                                    &ids),
             ids.trimmed().isEmpty()),
            15000);
    }

    // A release only in the registry: Launch pulls it, and the page shows the download, then the
    // unpacking (the bar follows the engine's "Extracting" progress instead of sitting at 100 %).
    void pullShowsDownloadThenUnpacking() {
        SAGEDOCK_REQUIRE_ENGINE();
        QString registry;
        SAGEDOCK_REQUIRE_REGISTRY(registry);
        const QString repository = registry + QStringLiteral("/sagedock-test/gui-pull-") + m_label;
        const QString image = repository + QStringLiteral(":latest");
        const auto removeImage = qScopeGuard([&] {
            removeTestContainers();
            testsupport::runDocker({QStringLiteral("rmi"), QStringLiteral("-f"), image});
        });
        QString why;
        QVERIFY2(testsupport::pushRegistryOnlyImage(image, 20'000'000, m_label, &why), qPrintable(why));

        app::LaunchPage page(*m_context);
        page.resize(900, 600);
        page.show();
        page.setExtraLabels({{QStringLiteral("org.sagedock.test"), m_label}});
        page.setRepository(repository);
        auto* view = page.findChild<QTreeView*>(QStringLiteral("releaseView"));
        QTRY_VERIFY2_WITH_TIMEOUT(view->model()->rowCount() > 0,
                                  qPrintable(page.findChild<QLabel*>(QStringLiteral("messageLabel"))->text()),
                                  15000);
        QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("latest"));
        QVERIFY(!view->model()->index(0, 0).data(app::ReleaseModel::LocalRole).toBool());
        view->setCurrentIndex(view->model()->index(0, 0));
        QSignalSpy ready(&page, &app::LaunchPage::sessionReady);
        auto* bar = page.findChild<QProgressBar*>(QStringLiteral("pullProgress"));
        auto* text = page.findChild<QLabel*>(QStringLiteral("layersLabel"));
        struct Sample {
            bool downloadsDone;
            qint64 downloaded, extracted, total;
            int bar, barMax;
            QString text;
        };
        QList<Sample> samples;
        launch::Launcher* job = nullptr;
        // The page first looks for a running session on the same folder (async), then starts the
        // Launcher: the samples are connected the moment it starts, before any progress.
        connect(&page, &app::LaunchPage::launchStarted, this, [&] {
            job = page.launcher();
            // Connected after the page's own slot: sees the widgets as the page left them.
            connect(job, &launch::Launcher::pullProgress, this, [&] {
                const engine::PullProgress& p = job->pullJob()->progress();
                samples.append({p.downloadsDone(), p.bytesDone(), p.bytesExtracted(), p.bytesTotal(),
                                bar->value(), bar->maximum(), text->text()});
            });
        });
        page.launchSelected();
        QTRY_VERIFY(job);
        QVERIFY2(ready.wait(60000),
                 qPrintable(page.findChild<QLabel*>(QStringLiteral("messageLabel"))->text()));

        bool sawDownload = false, sawUnpacking = false;
        for (const Sample& s : samples) {
            if (s.downloadsDone && s.total > 0) {
                sawUnpacking = true;
                QVERIFY2(s.text.startsWith(QLatin1String("Unpacking: ")), qPrintable(s.text));
                QCOMPARE(s.bar, int(s.extracted / 1024));
            } else {
                sawDownload = true;
                QVERIFY2(!s.text.contains(QLatin1String("Unpacking")), qPrintable(s.text));
                QCOMPARE(s.bar, int(s.downloaded / 1024));
            }
        }
        QVERIFY(sawDownload);
        QVERIFY(sawUnpacking);
        QVERIFY(samples.last().total >= 20'000'000);
        QCOMPARE(samples.last().bar, samples.last().barMax); // ends full, unpacked
    }

    void reviewPageImageReference() {
        app::ReviewPage page(*m_context);
        auto* query = page.findChild<QLineEdit*>(QStringLiteral("queryEdit"));
        query->setText(QStringLiteral("docker.io/sagemath/sagemath:10.7"));
        QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("lookUpButton")), Qt::LeftButton);
        QCOMPARE(page.model()->rowCount(), 1);
        QCOMPARE(page.model()->imageAt(0), QStringLiteral("sagemath/sagemath:10.7"));
        // An unusable query is reported inline and clears the previous list.
        query->setText(QStringLiteral("ghcr.io/UPPER/case:tag"));
        QTest::keyClick(query, Qt::Key_Return);
        QCOMPARE(page.model()->rowCount(), 0);
        QVERIFY(page.findChild<QLabel*>(QStringLiteral("resolvedLabel"))
                    ->text()
                    .startsWith(QLatin1String("Error:")));
    }

    // Both pages carry the same folder row; a folder saved by a launch on one page (or in Preferences)
    // shows on the other, unless the user has typed in that box meanwhile.
    void notebooksFolderRowIsShared() {
        QSettings qsettings(m_tmp.filePath(QStringLiteral("folder.ini")), QSettings::IniFormat);
        util::Settings settings(&qsettings);
        settings.setNotebooksFolder(QStringLiteral("/srv/notebooks"));
        app::AppContext context(settings, http::Transport::shared());
        app::ReviewPage review(context);
        QVERIFY(review.findChild<app::NotebooksFolderRow*>());
        app::NotebooksFolderRow launchRow(context), reviewRow(context);
        auto* launchEdit = launchRow.findChild<QLineEdit*>(QStringLiteral("notebooksEdit"));
        auto* reviewEdit = reviewRow.findChild<QLineEdit*>(QStringLiteral("notebooksEdit"));
        QVERIFY(launchRow.findChild<QPushButton*>(QStringLiteral("chooseFolderButton")));
        QCOMPARE(launchEdit->text(), QStringLiteral("/srv/notebooks"));
        launchRow.show();
        reviewRow.show();

        reviewEdit->clear();
        QTest::keyClicks(reviewEdit, QStringLiteral("  /home/rev/work  "));
        QCOMPARE(reviewRow.folder(), QStringLiteral("/home/rev/work"));
        QCOMPARE(settings.notebooksFolder(), QStringLiteral("/srv/notebooks")); // not saved by typing
        QCOMPARE(reviewRow.commit(), QStringLiteral("/home/rev/work"));
        QCOMPARE(settings.notebooksFolder(), QStringLiteral("/home/rev/work"));
        launchRow.hide();
        launchRow.show();
        QCOMPARE(launchEdit->text(), QStringLiteral("/home/rev/work"));

        // Typed but not launched: kept when the page is shown again.
        launchEdit->clear();
        QTest::keyClicks(launchEdit, QStringLiteral("/tmp/mine"));
        launchRow.hide();
        launchRow.show();
        QCOMPARE(launchEdit->text(), QStringLiteral("/tmp/mine"));

        // Preferences saved another default: shown in an unedited box only.
        reviewRow.commit();
        settings.setNotebooksFolder(QStringLiteral("/srv/prefs"));
        context.notifySettingsChanged();
        QCOMPARE(reviewEdit->text(), QStringLiteral("/srv/prefs"));
        QCOMPARE(launchEdit->text(), QStringLiteral("/tmp/mine"));

        // An empty box means the default folder.
        launchEdit->clear();
        QCOMPARE(launchRow.commit(), util::defaultNotebooksDirectory());
        QCOMPARE(settings.notebooksFolder(), util::defaultNotebooksDirectory());
    }

    // Three images whose formatted text sorts differently from their values: "1.2 GB" < "900.0 MB"
    // < "95.0 MB" as text, 12/1/25 < 2/3/26 < 11/20/26 in time but not as text, and the stages in
    // pipeline order (with-system-packages < configured < with-targets), not alphabetically.
    static QList<app::ReviewImageModel::Image> reviewImages() {
        const QString prefix = QStringLiteral("ghcr.io/sagemath/sage/sage-ubuntu-jammy-standard-");
        return {
            {prefix + QStringLiteral("with-targets:10.8"), QStringLiteral("ubuntu-jammy"),
             QStringLiteral("standard"), QStringLiteral("with-targets"), 1'200'000'000,
             QDateTime(QDate(2025, 12, 1), QTime(9, 0), Qt::UTC)},
            {prefix + QStringLiteral("configured:10.8"), QStringLiteral("ubuntu-jammy"),
             QStringLiteral("standard"), QStringLiteral("configured"), 95'000'000,
             QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC)},
            {prefix + QStringLiteral("with-system-packages:10.8"), QStringLiteral("ubuntu-jammy"),
             QStringLiteral("standard"), QStringLiteral("with-system-packages"), 900'000'000,
             QDateTime(QDate(2026, 2, 3), QTime(9, 0), Qt::UTC)},
        };
    }

    void reviewImageModelRoles() {
        app::ReviewImageModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        for (const auto& image : reviewImages())
            model.addImage(image);
        QCOMPARE(inserted.count(), 3);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(app::ReviewImageModel::ColumnCount));
        using M = app::ReviewImageModel;
        QCOMPARE(model.data(model.index(0, M::SizeColumn), M::SizeRole).toLongLong(), 1'200'000'000LL);
        QCOMPARE(model.data(model.index(0, M::SizeColumn)).toString(), app::humanSize(1'200'000'000));
        QCOMPARE(model.data(model.index(1, M::CreatedColumn), M::CreatedRole).toDateTime(),
                 QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC));
        QVERIFY(!model.data(model.index(1, M::CreatedColumn)).toString().isEmpty());
        // Stage order is the pipeline's: with-system-packages (0) < configured (2) < with-targets (5).
        QCOMPARE(model.data(model.index(2, M::StageColumn), M::StageIndexRole).toInt(), 0);
        QCOMPARE(model.data(model.index(1, M::StageColumn), M::StageIndexRole).toInt(), 2);
        QCOMPARE(model.data(model.index(0, M::StageColumn), M::StageIndexRole).toInt(), 5);
        // Every column of a row knows its image (the page reads it from the current cell).
        QCOMPARE(model.data(model.index(1, M::SizeColumn), M::ImageRole).toString(), model.imageAt(1));
        QCOMPARE(model.headerData(M::CreatedColumn, Qt::Horizontal).toString(), QStringLiteral("Created"));
        // An image reference alone: no stage, size or date, shown as blanks.
        model.addImage({QStringLiteral("sagemath/sagemath:10.7"), {}, {}, {}, -1, {}});
        QCOMPARE(model.data(model.index(3, M::StageColumn), M::StageIndexRole).toInt(), -1);
        QVERIFY(model.data(model.index(3, M::SizeColumn)).toString().isEmpty());
        QVERIFY(model.data(model.index(3, M::CreatedColumn)).toString().isEmpty());
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.imageAt(0).isEmpty());
    }

    // The stages of the view's rows, top to bottom (they identify the rows of reviewImages()).
    static QStringList viewStages(const QTreeView* view) {
        QStringList out;
        for (int row = 0; row < view->model()->rowCount(); ++row)
            out << view->model()->index(row, app::ReviewImageModel::StageColumn).data().toString();
        return out;
    }

    void reviewPageSortsByValue_data() {
        QTest::addColumn<int>("column");
        QTest::addColumn<QStringList>("ascending");
        QTest::newRow("size numerically")
            << int(app::ReviewImageModel::SizeColumn)
            << QStringList{QStringLiteral("configured"), QStringLiteral("with-system-packages"),
                           QStringLiteral("with-targets")};
        QTest::newRow("created chronologically")
            << int(app::ReviewImageModel::CreatedColumn)
            << QStringList{QStringLiteral("with-targets"), QStringLiteral("with-system-packages"),
                           QStringLiteral("configured")};
        QTest::newRow("stage in pipeline order")
            << int(app::ReviewImageModel::StageColumn)
            << QStringList{QStringLiteral("with-system-packages"), QStringLiteral("configured"),
                           QStringLiteral("with-targets")};
    }

    void reviewPageSortsByValue() {
        QFETCH(int, column);
        QFETCH(QStringList, ascending);
        app::ReviewPage page(*m_context);
        page.resize(1200, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const auto& image : reviewImages())
            page.model()->addImage(image);
        auto* view = page.findChild<QTreeView*>(QStringLiteral("imageView"));
        QVERIFY(view);
        QHeaderView* header = view->header();
        const auto clickHeader = [&] {
            const QPoint centre(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                                header->height() / 2);
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
        };
        QStringList descending = ascending;
        std::reverse(descending.begin(), descending.end());
        clickHeader();
        QCOMPARE(header->sortIndicatorSection(), column);
        const Qt::SortOrder first = header->sortIndicatorOrder();
        QCOMPARE(viewStages(view), first == Qt::AscendingOrder ? ascending : descending);
        clickHeader(); // the other way round
        QCOMPARE_NE(header->sortIndicatorOrder(), first);
        QCOMPARE(viewStages(view), first == Qt::AscendingOrder ? descending : ascending);
    }
};

QTEST_MAIN(TestLaunchPages)
#include "tst_launchpages.moc"
