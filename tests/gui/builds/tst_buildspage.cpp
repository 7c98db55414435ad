// The Builds page offscreen: detection of the source folder, the plan preview with the exact commands,
// a real two-stage build of the mini Sage checkout (rows per stage, live log, diagnosis, history),
// re-run and compare from the history, and diagnosing a dropped log file. Models run under
// QAbstractItemModelTester.

#include "appcontext.h"
#include "build/buildhistory.h"
#include "models/buildhistorymodel.h"
#include "models/buildstagemodel.h"
#include "pages/buildspage.h"
#include "testenvironment.h"
#include "widgets/diagnosisview.h"
#include "widgets/logview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace sagedock;

class TestBuildsPage : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<util::Settings> m_settings;
    std::unique_ptr<app::AppContext> m_context;
    std::unique_ptr<app::BuildsPage> m_page;
    QString m_source;
    QString m_tag;

    template <typename T> T* child(const char* name) {
        T* w = m_page->findChild<T*>(QString::fromLatin1(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }

private Q_SLOTS:
    void initTestCase() {
        SAGEDOCK_REQUIRE_ENGINE();
        QStandardPaths::setTestModeEnabled(true);
        m_qsettings =
            std::make_unique<QSettings>(m_tmp.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<util::Settings>(m_qsettings.get());
        m_context = std::make_unique<app::AppContext>(*m_settings, http::Engine::shared());
        m_source = m_tmp.filePath(QStringLiteral("sage"));
        QDir().mkpath(m_source);
        QProcess cp;
        cp.start(QStringLiteral("cp"),
                 {QStringLiteral("-a"),
                  QDir(testsupport::sourceDir()).filePath(QStringLiteral("tests/fixtures/minisage/.")),
                  m_source});
        QVERIFY(cp.waitForFinished(30000) && cp.exitCode() == 0);
        m_tag = QStringLiteral("gui") + QString::number(QRandomGenerator::global()->generate64(), 36);
        QFile nonce(m_source + QStringLiteral("/build/pkgs/_nonce/distros.txt"));
        QVERIFY(QDir().mkpath(QFileInfo(nonce).path()));
        QVERIFY(nonce.open(QIODevice::WriteOnly));
        nonce.write("debian: nonce-" + m_tag.toUtf8() + "\n");
        nonce.close();
        QCOMPARE(
            testsupport::runDocker({QStringLiteral("tag"), testsupport::fixtureImage(QStringLiteral("base")),
                                    QStringLiteral("ubuntu:jammy")}),
            0);
        m_page = std::make_unique<app::BuildsPage>(*m_context);
        m_page->setHistoryPath(m_tmp.filePath(QStringLiteral("history.jsonl")));
        m_page->resize(1200, 900);
        m_page->show();
        new QAbstractItemModelTester(m_page->stageModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, m_page.get());
        new QAbstractItemModelTester(m_page->historyModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, m_page.get());
    }

    void cleanupTestCase() {
        for (const char* stage : {"with-system-packages", "bootstrapped"})
            testsupport::runDocker(
                {QStringLiteral("rmi"), QStringLiteral("-f"),
                 QStringLiteral("sage-ubuntu-jammy-standard-%1:%2").arg(QLatin1String(stage), m_tag)});
        m_page.reset();
    }

    void detectsTheSource() {
        child<QLineEdit>("sourceEdit")->setText(m_source + QStringLiteral("/nowhere"));
        QVERIFY(child<QLabel>("detectedLabel")->text().contains(QLatin1String("does not exist")));
        child<QLineEdit>("sourceEdit")->setText(m_source);
        QVERIFY2(child<QLabel>("detectedLabel")->text().contains(QLatin1String("10.9.beta3")),
                 qPrintable(child<QLabel>("detectedLabel")->text()));
        QVERIFY(child<QLabel>("detectedLabel")
                    ->text()
                    .contains(QLatin1String(".github/workflows/write-dockerfile.sh")));
    }

    void previewShowsTheExactCommands() {
        auto* stages = child<QListWidget>("stagesList");
        for (int i = 0; i < stages->count(); ++i)
            stages->item(i)->setCheckState(i < 2 ? Qt::Checked : Qt::Unchecked);
        child<QLineEdit>("tagEdit")->setText(m_tag);
        QSignalSpy ready(m_page.get(), &app::BuildsPage::previewReady);
        QTest::mouseClick(child<QPushButton>("previewButton"), Qt::LeftButton);
        QVERIFY(ready.wait(30000));
        const QString text = child<QPlainTextEdit>("planPreview")->toPlainText();
        QVERIFY2(text.contains(QLatin1String("bash .github/workflows/write-dockerfile.sh debian")),
                 qPrintable(text));
        QVERIFY(text.contains(
            QLatin1String(
                "--target with-system-packages --tag sage-ubuntu-jammy-standard-with-system-packages:") +
            m_tag));
        QVERIFY(text.contains(QLatin1String("--target bootstrapped")));
        QVERIFY(!text.contains(QLatin1String("--target configured")));
        QCOMPARE(m_page->stageModel()->rowCount(), 2);
        QCOMPARE(m_page->stageModel()->data(m_page->stageModel()->index(0, app::BuildStageModel::Status),
                                            app::BuildStageModel::RawRole),
                 QVariant(QStringLiteral("pending")));
    }

    void runShowsStagesLogAndDiagnosis() {
        QSignalSpy finished(m_page.get(), &app::BuildsPage::buildFinished);
        QTest::mouseClick(child<QPushButton>("runButton"), Qt::LeftButton);
        QVERIFY(!child<QPushButton>("runButton")->isEnabled());
        QVERIFY(finished.wait(180000));
        QCOMPARE(finished.first().first().toBool(), true);
        auto* model = m_page->stageModel();
        QCOMPARE(model->rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            QVERIFY(build::stageSucceeded(model->status(row)));
            QVERIFY(
                model->data(model->index(row, app::BuildStageModel::Status), Qt::DecorationRole).isValid());
        }
        // The first build of this nonce executes the first stage's RUN.
        QVERIFY(model->data(model->index(0, app::BuildStageModel::Executed), app::BuildStageModel::RawRole)
                    .toInt() >= 1);
        auto* log = m_page->findChild<app::LogView*>(QStringLiteral("logView"));
        QTRY_VERIFY(log->lineCount() > 10);
        auto* diagnosis = m_page->findChild<app::DiagnosisView*>(QStringLiteral("diagnosisView"));
        QTRY_VERIFY(diagnosis->model()->rowCount() >= 2);
        QCOMPARE(m_page->historyModel()->rowCount(), 1);
        QVERIFY(child<QPushButton>("runButton")->isEnabled());
    }

    void rerunAndCompareFromHistory() {
        auto* table = child<QTableView>("historyTable");
        table->selectRow(0);
        QSignalSpy finished(m_page.get(), &app::BuildsPage::buildFinished);
        QTest::mouseClick(child<QPushButton>("rerunButton"), Qt::LeftButton);
        QVERIFY(finished.wait(180000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(m_page->historyModel()->rowCount(), 2);
        // The second run is fully cached.
        QCOMPARE(m_page->stageModel()->status(0), build::StageStatus::Cached);
        QCOMPARE(m_page->stageModel()->status(1), build::StageStatus::Cached);
        table->selectAll();
        QTest::mouseClick(child<QPushButton>("compareButton"), Qt::LeftButton);
        auto* out = child<QPlainTextEdit>("compareOutput");
        QTRY_VERIFY_WITH_TIMEOUT(out->toPlainText().contains(QLatin1String("Only in A")), 20000);
        // Executed in the first (A), cached in the second (B): the first stage's RUN.
        const QString text = out->toPlainText();
        const qsizetype section = text.indexOf(QLatin1String("Executed in A, cached in B:"));
        QVERIFY2(section >= 0 && text.indexOf(QLatin1String("with-system-packages"), section) > section,
                 qPrintable(text));
    }

    void droppedLogIsDiagnosed() {
        const QString path =
            testsupport::sampleLog(QStringLiteral("buildkit-plain-copy-changed-import-error.log"));
        QVERIFY(QFile::exists(path));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_page.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_page.get(), &drop);
        auto* log = m_page->findChild<app::LogView*>(QStringLiteral("logView"));
        QTRY_VERIFY(log->lineCount() > 20);
        auto* diagnosis = m_page->findChild<app::DiagnosisView*>(QStringLiteral("diagnosisView"));
        QTRY_VERIFY(!diagnosis->diagnosis().cacheImports.isEmpty());
        QCOMPARE(diagnosis->diagnosis().cacheImports.first().ok, false);
    }
};

QTEST_MAIN(TestBuildsPage)
#include "tst_buildspage.moc"
