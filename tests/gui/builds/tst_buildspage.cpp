// The Builds page offscreen: detection of the source folder, the plan preview with the exact commands,
// a real two-stage build of the mini Sage checkout (rows per stage, live log, diagnosis, history),
// re-run and compare from the history, and diagnosing a dropped log file. The generic mode: form
// validation (Run disabled with the reason), stages pre-filled from a Dockerfile the test writes, its
// preview, a real three-stage build, re-run from the history (form restored, fully cached) and the
// last inputs restored by a new page. Models run under QAbstractItemModelTester.

#include "appcontext.h"
#include "imagebuild/buildhistory.h"
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
#include <QRadioButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
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
    QString m_genericDockerfile;
    const QString m_genericPrefix = QStringLiteral("sagedock-gui/generic");
    const QStringList m_genericStages = {QStringLiteral("one"), QStringLiteral("two"),
                                         QStringLiteral("three")};

    QString genericImage(const QString& stage) const {
        return m_genericPrefix + QLatin1Char('-') + stage + QLatin1Char(':') + m_tag;
    }

    // Writes `text` to <tmp>/<relative>; returns the absolute path.
    QString writeFile(const QString& relative, const QByteArray& text) {
        const QString path = m_tmp.filePath(relative);
        if (!QDir().mkpath(QFileInfo(path).path()))
            qFatal("cannot create the folder of %s", qPrintable(path));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    // Three named busybox stages (and an unnamed last one, which cannot be a --target). The nonce makes
    // the first build of this test run execute every step.
    QByteArray genericDockerfileText() const {
        const QByteArray base = testsupport::fixtureImage(QStringLiteral("base")).toUtf8();
        return "# A small multi-stage project\n"
               "FROM " +
               base +
               " AS one\n"
               "RUN echo one-" +
               m_tag.toUtf8() +
               " > /one\n"
               "FROM one AS two\n"
               "COPY input.txt /input.txt\n"
               "RUN cat /input.txt > /two\n"
               "from two as three\n"
               "RUN echo three > /three\n"
               "FROM three\n"
               "RUN true\n";
    }

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
        m_context = std::make_unique<app::AppContext>(*m_settings, http::Transport::shared());
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
        for (const QString& stage : m_genericStages)
            testsupport::runDocker({QStringLiteral("rmi"), QStringLiteral("-f"), genericImage(stage)});
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
            QVERIFY(imagebuild::stageSucceeded(model->status(row)));
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
        QCOMPARE(m_page->stageModel()->status(0), imagebuild::StageStatus::Cached);
        QCOMPARE(m_page->stageModel()->status(1), imagebuild::StageStatus::Cached);
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

    void genericValidation_data() {
        QTest::addColumn<QString>("dockerfile"); // relative to the temporary folder; empty: none chosen
        QTest::addColumn<QByteArray>("text");    // written there unless null
        QTest::addColumn<QString>("stages");     // "*": keep what the Dockerfile pre-filled
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("message"); // empty: the form is valid
        const QByteArray named = "FROM busybox AS base\nRUN true\nFROM base AS app\n";
        QTest::newRow("no Dockerfile chosen") << QString() << QByteArray() << "*"
                                              << "ok"
                                              << "Choose a Dockerfile";
        QTest::newRow("missing Dockerfile") << "invalid/missing/Dockerfile" << QByteArray() << "*"
                                            << "ok"
                                            << "does not exist";
        QTest::newRow("a folder") << "invalid" << QByteArray() << "*"
                                  << "ok"
                                  << "is a folder";
        QTest::newRow("not a Dockerfile") << "invalid/text/Dockerfile" << QByteArray("hello\n") << "*"
                                          << "ok"
                                          << "has no FROM line";
        QTest::newRow("no named stages")
            << "invalid/unnamed/Dockerfile" << QByteArray("FROM busybox\nRUN true\nFROM busybox\n") << "*"
            << "ok"
            << "has no named stages";
        QTest::newRow("no stages listed") << "invalid/named/Dockerfile" << named << " , "
                                          << "ok"
                                          << "No stages to build";
        QTest::newRow("unknown stage") << "invalid/named/Dockerfile" << named << "base, nine"
                                       << "ok"
                                       << "has no stage nine";
        QTest::newRow("stage listed twice") << "invalid/named/Dockerfile" << named << "base, app, base"
                                            << "ok"
                                            << "listed twice";
        QTest::newRow("no prefix") << "invalid/named/Dockerfile" << named << "*" << QString()
                                   << "No image prefix";
        QTest::newRow("uppercase prefix") << "invalid/named/Dockerfile" << named << "*"
                                          << "MyProject"
                                          << "must be lowercase";
        QTest::newRow("prefix with a space") << "invalid/named/Dockerfile" << named << "*"
                                             << "my project"
                                             << "Invalid image prefix";
        QTest::newRow("valid") << "invalid/named/Dockerfile" << named << "app"
                               << "my-project/x" << QString();
    }

    void genericValidation() {
        QFETCH(QString, dockerfile);
        QFETCH(QByteArray, text);
        QFETCH(QString, stages);
        QFETCH(QString, prefix);
        QFETCH(QString, message);
        QDir().mkpath(m_tmp.filePath(QStringLiteral("invalid")));
        if (!text.isNull())
            writeFile(dockerfile, text);
        QTest::mouseClick(child<QRadioButton>("genericModeRadio"), Qt::LeftButton);
        QVERIFY(child<QRadioButton>("genericModeRadio")->isChecked());
        QCOMPARE(child<QStackedWidget>("modeStack")->currentIndex(), 1);
        child<QLineEdit>("dockerfileEdit")->clear(); // each row starts from its own pre-filled stages
        child<QLineEdit>("dockerfileEdit")
            ->setText(dockerfile.isEmpty() ? QString() : m_tmp.filePath(dockerfile));
        if (stages != QLatin1String("*"))
            child<QLineEdit>("genericStagesEdit")->setText(stages);
        child<QLineEdit>("imagePrefixEdit")->setText(prefix);
        auto* label = child<QLabel>("validationLabel");
        if (message.isEmpty()) {
            QVERIFY2(child<QPushButton>("runButton")->isEnabled(), qPrintable(label->text()));
            QVERIFY(label->isHidden());
            return;
        }
        QVERIFY(!child<QPushButton>("runButton")->isEnabled());
        QVERIFY(!child<QPushButton>("previewButton")->isEnabled());
        QVERIFY(!label->isHidden());
        QVERIFY2(label->text().contains(message), qPrintable(label->text()));
        // Every message comes with its fix (the hint in parentheses), also as Run's tooltip.
        QVERIFY2(label->text().contains(QLatin1Char('(')), qPrintable(label->text()));
        QVERIFY(child<QPushButton>("runButton")->toolTip().contains(message));
    }

    void genericDockerfileEditedAfterChoosing() {
        const QString path =
            writeFile(QStringLiteral("edited/Dockerfile"), "FROM busybox AS a\nFROM a AS b\nFROM b AS c\n");
        child<QLineEdit>("dockerfileEdit")->setText(path);
        child<QLineEdit>("genericStagesEdit")->setText(QStringLiteral("a, b"));
        child<QLineEdit>("imagePrefixEdit")->setText(QStringLiteral("edited"));
        QVERIFY(child<QPushButton>("previewButton")->isEnabled());
        // Stage b renamed in the file: Preview reads it again, keeps the list and names what is gone.
        writeFile(QStringLiteral("edited/Dockerfile"), "FROM busybox AS a\nFROM a AS bee\nFROM bee AS c\n");
        QSignalSpy ready(m_page.get(), &app::BuildsPage::previewReady);
        QTest::mouseClick(child<QPushButton>("previewButton"), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>("genericStagesEdit")->text(), QStringLiteral("a, b"));
        QVERIFY(!child<QPushButton>("runButton")->isEnabled());
        QVERIFY2(child<QLabel>("validationLabel")->text().contains(QLatin1String("has no stage b.")),
                 qPrintable(child<QLabel>("validationLabel")->text()));
        QVERIFY(child<QLabel>("dockerfileStatusLabel")->text().contains(QLatin1String("a, bee, c")));
        QCOMPARE(ready.count(), 0);
    }

    void genericModePrefillsAndPreviews() {
        writeFile(QStringLiteral("generic/input.txt"), "input-" + m_tag.toUtf8() + "\n");
        m_genericDockerfile = writeFile(QStringLiteral("generic/Dockerfile"), genericDockerfileText());
        child<QLineEdit>("imagePrefixEdit")->clear();
        QTest::mouseClick(child<QRadioButton>("sageModeRadio"), Qt::LeftButton);
        QCOMPARE(child<QStackedWidget>("modeStack")->currentIndex(), 0);
        QTest::mouseClick(child<QRadioButton>("genericModeRadio"), Qt::LeftButton);
        QCOMPARE(child<QStackedWidget>("modeStack")->currentIndex(), 1);
        child<QLineEdit>("dockerfileEdit")->setText(m_genericDockerfile);
        // Pre-filled from FROM … AS name, in file order; the unnamed last stage is left out.
        QCOMPARE(child<QLineEdit>("genericStagesEdit")->text(), QStringLiteral("one, two, three"));
        QVERIFY2(child<QLabel>("dockerfileStatusLabel")->text().contains(QLatin1String("one, two, three")),
                 qPrintable(child<QLabel>("dockerfileStatusLabel")->text()));
        // The context defaults to the Dockerfile's folder; the prefix to that folder's name.
        QVERIFY(child<QLineEdit>("contextEdit")->text().isEmpty());
        QCOMPARE(child<QLineEdit>("imagePrefixEdit")->text(), QStringLiteral("generic"));
        child<QLineEdit>("imagePrefixEdit")->setText(m_genericPrefix);
        child<QLineEdit>("tagEdit")->setText(m_tag);
        QVERIFY2(child<QPushButton>("runButton")->isEnabled(),
                 qPrintable(child<QLabel>("validationLabel")->text()));

        QSignalSpy ready(m_page.get(), &app::BuildsPage::previewReady);
        QTest::mouseClick(child<QPushButton>("previewButton"), Qt::LeftButton);
        QVERIFY(ready.wait(30000));
        const QString text = child<QPlainTextEdit>("planPreview")->toPlainText();
        QVERIFY2(text.startsWith(QStringLiteral("cd ") + QFileInfo(m_genericDockerfile).absolutePath() +
                                 QLatin1Char('\n')),
                 qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("write-dockerfile")), qPrintable(text));
        for (const QString& stage : m_genericStages)
            QVERIFY2(
                text.contains(
                    QStringLiteral(" . -f Dockerfile --target %1 --tag %2").arg(stage, genericImage(stage))),
                qPrintable(text));
        QCOMPARE(text.count(QLatin1String("--target")), 3);
        QCOMPARE(m_page->stageModel()->rowCount(), 3);
    }

    void genericRunBuildsEveryStage() {
        QSignalSpy finished(m_page.get(), &app::BuildsPage::buildFinished);
        QTest::mouseClick(child<QPushButton>("runButton"), Qt::LeftButton);
        QVERIFY(!child<QPushButton>("runButton")->isEnabled());
        QVERIFY(finished.wait(180000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(child<QLabel>("errorLabel")->text()));
        auto* model = m_page->stageModel();
        QCOMPARE(model->rowCount(), 3);
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(
                model->data(model->index(row, app::BuildStageModel::Stage), app::BuildStageModel::RawRole)
                    .toString(),
                m_genericStages.at(row));
            QCOMPARE(model->status(row), imagebuild::StageStatus::Built);
        }
        // The commands as run replace the preview: once each, after the working directory.
        const QString ran = child<QPlainTextEdit>("planPreview")->toPlainText();
        QVERIFY2(ran.startsWith(QStringLiteral("cd ") + QFileInfo(m_genericDockerfile).absolutePath()),
                 qPrintable(ran));
        QCOMPARE(ran.count(QLatin1String("--target")), 3);
        for (const QString& stage : m_genericStages)
            QCOMPARE(testsupport::runDocker(
                         {QStringLiteral("image"), QStringLiteral("inspect"), genericImage(stage)}),
                     0);
        QCOMPARE(m_page->historyModel()->rowCount(), 3);
        auto* history = m_page->historyModel();
        QVERIFY(history->record(0)->arguments.contains(QStringLiteral("--image-prefix")));
        QCOMPARE(
            history->data(history->index(0, app::BuildHistoryModel::What), app::BuildHistoryModel::RawRole),
            QVariant(QStringLiteral("generic")));
        QVERIFY(history->data(history->index(0, app::BuildHistoryModel::What))
                    .toString()
                    .contains(m_genericDockerfile));
        QCOMPARE(
            history->data(history->index(1, app::BuildHistoryModel::What), app::BuildHistoryModel::RawRole),
            QVariant(QStringLiteral("sage")));
        // The last generic inputs are kept.
        QCOMPARE(m_settings->buildMode(), QStringLiteral("generic"));
        QCOMPARE(m_settings->buildDockerfile(), m_genericDockerfile);
        QCOMPARE(m_settings->buildStages(), m_genericStages);
        QCOMPARE(m_settings->buildImagePrefix(), m_genericPrefix);
    }

    void genericRerunFromHistoryIsCached() {
        // Leave the generic form elsewhere; the re-run must restore it.
        child<QLineEdit>("dockerfileEdit")->clear();
        child<QLineEdit>("imagePrefixEdit")->setText(QStringLiteral("elsewhere"));
        QTest::mouseClick(child<QRadioButton>("sageModeRadio"), Qt::LeftButton);
        child<QTableView>("historyTable")->selectRow(0);
        QSignalSpy finished(m_page.get(), &app::BuildsPage::buildFinished);
        QTest::mouseClick(child<QPushButton>("rerunButton"), Qt::LeftButton);
        QVERIFY(child<QRadioButton>("genericModeRadio")->isChecked());
        QCOMPARE(child<QStackedWidget>("modeStack")->currentIndex(), 1);
        QCOMPARE(child<QLineEdit>("dockerfileEdit")->text(), m_genericDockerfile);
        QCOMPARE(child<QLineEdit>("genericStagesEdit")->text(), QStringLiteral("one, two, three"));
        QCOMPARE(child<QLineEdit>("imagePrefixEdit")->text(), m_genericPrefix);
        QVERIFY(finished.wait(180000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(child<QLabel>("errorLabel")->text()));
        QCOMPARE(m_page->historyModel()->rowCount(), 4);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(m_page->stageModel()->status(row), imagebuild::StageStatus::Cached);
    }

    // Records the CLI wrote (--image-prefix=NAME) or without arguments restore the prefix too.
    void genericRerunOfOtherRecords_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("option with =")
            << QStringList{QStringLiteral("build"), QStringLiteral("--image-prefix=") + m_genericPrefix};
        QTest::newRow("no arguments") << QStringList();
    }

    void genericRerunOfOtherRecords() {
        QFETCH(QStringList, arguments);
        imagebuild::BuildRecord record = *m_page->historyModel()->record(0);
        record.arguments = arguments;
        const QString path = m_tmp.filePath(QStringLiteral("history-%1.jsonl").arg(QTest::currentDataTag()));
        QVERIFY(!imagebuild::History(path).append(record));
        m_page->setHistoryPath(path);
        child<QLineEdit>("imagePrefixEdit")->setText(QStringLiteral("elsewhere"));
        child<QTableView>("historyTable")->selectRow(0);
        QSignalSpy finished(m_page.get(), &app::BuildsPage::buildFinished);
        QTest::mouseClick(child<QPushButton>("rerunButton"), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>("imagePrefixEdit")->text(), m_genericPrefix);
        QVERIFY(finished.wait(180000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(child<QLabel>("errorLabel")->text()));
        QCOMPARE(m_page->historyModel()->rowCount(), 2);
        m_page->setHistoryPath(m_tmp.filePath(QStringLiteral("history.jsonl")));
    }

    void genericInputsRestoredByANewPage() {
        app::BuildsPage page(*m_context);
        auto* radio = page.findChild<QRadioButton*>(QStringLiteral("genericModeRadio"));
        QVERIFY(radio && radio->isChecked());
        QCOMPARE(page.findChild<QLineEdit*>(QStringLiteral("dockerfileEdit"))->text(), m_genericDockerfile);
        QCOMPARE(page.findChild<QLineEdit*>(QStringLiteral("genericStagesEdit"))->text(),
                 QStringLiteral("one, two, three"));
        QCOMPARE(page.findChild<QLineEdit*>(QStringLiteral("imagePrefixEdit"))->text(), m_genericPrefix);
        QVERIFY(page.findChild<QLineEdit*>(QStringLiteral("contextEdit"))->text().isEmpty());
    }
};

QTEST_MAIN(TestBuildsPage)
#include "tst_buildspage.moc"
