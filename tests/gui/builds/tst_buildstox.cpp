// The Builds page with a checkout that has a tox.ini (a copy of tests/fixtures/tox/distro, the tree
// real tox 4 was recorded on), offscreen: tox.ini is read off the UI thread and its docker
// environments offered grouped by system; searching, picking one (system, package set, modifiers
// follow), what the form asks the planner for (options.toxEnv, posargs split like a shell), the
// preview of that request, names tox.ini does not define, and the two other cases: no tox.ini (the
// built-in table serves, with a note) and a tox.ini that cannot be read (its error, Run disabled).
// No engine is needed: the preview only asks the docker CLI for its version.

#include "appcontext.h"
#include "models/toxenvironmentmodel.h"
#include "pages/buildspage.h"
#include "scriptonpath.h"
#include "testenvironment.h"
#include "widgets/sagebuildform.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace sagedock;
using app::SageBuildForm;
using app::ToxEnvironmentModel;

class TestBuildsTox : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<util::Settings> m_settings;
    std::unique_ptr<app::AppContext> m_context;
    std::unique_ptr<app::BuildsPage> m_page;
    // The stand-in generator reports its call through `tox-record`; here it only has to exist.
    std::unique_ptr<testsupport::ScriptOnPath> m_recorder;
    QString m_checkout;

    template <typename T> T* child(const char* name) {
        T* w = m_page->findChild<T*>(QString::fromLatin1(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }
    SageBuildForm* form() { return m_page->findChild<SageBuildForm*>(); }
    imagebuild::SageBuildOptions request() { return form()->options({}); }

    QString copyFixture(const QString& relative, const QString& name) {
        const QString to = m_tmp.filePath(name);
        QDir().mkpath(to);
        QProcess cp;
        cp.start(QStringLiteral("cp"),
                 {QStringLiteral("-a"),
                  QDir(testsupport::sourceDir()).filePath(relative + QStringLiteral("/.")), to});
        if (!cp.waitForFinished(30000) || cp.exitCode() != 0)
            qFatal("cannot copy %s", qPrintable(relative));
        return to;
    }

    // The fixture tree as a checkout: its VERSION.txt is tox.ini's (a bare version), so the version
    // SageDock detects comes from src/VERSION.txt, as in a Sage checkout.
    QString distroCheckout(const QString& name) {
        const QString dir = copyFixture(QStringLiteral("tests/fixtures/tox/distro"), name);
        QDir().mkpath(dir + QStringLiteral("/src"));
        QFile version(dir + QStringLiteral("/src/VERSION.txt"));
        if (!version.open(QIODevice::WriteOnly) || version.write("10.5.beta3\n") != 11)
            qFatal("cannot write %s", qPrintable(version.fileName()));
        return dir;
    }

    void openSource(const QString& dir) {
        child<QLineEdit>("sourceEdit")->setText(dir);
        QTRY_VERIFY(form()->toxIniState() != SageBuildForm::ToxIniState::Reading);
    }

    // The environment names the tree shows, with the systems they sit under.
    QStringList shownEnvironments() {
        const QAbstractItemModel* model = child<QTreeView>("toxEnvTree")->model();
        QStringList out;
        for (int s = 0; s < model->rowCount(); ++s) {
            const QModelIndex system = model->index(s, 0);
            for (int e = 0; e < model->rowCount(system); ++e)
                out << system.data().toString() + QStringLiteral(": ") +
                           model->index(e, 0, system).data().toString();
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        m_qsettings =
            std::make_unique<QSettings>(m_tmp.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<util::Settings>(m_qsettings.get());
        m_context = std::make_unique<app::AppContext>(*m_settings, http::Transport::shared());
        m_recorder =
            std::make_unique<testsupport::ScriptOnPath>(QStringLiteral("tox-record"), "#!/bin/sh\nexit 0\n");
        QVERIFY(m_recorder->isValid());
        m_checkout = distroCheckout(QStringLiteral("distro"));
        m_page = std::make_unique<app::BuildsPage>(*m_context);
        m_page->setHistoryPath(m_tmp.filePath(QStringLiteral("history.jsonl")));
        m_page->resize(1200, 1000);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        new QAbstractItemModelTester(form()->toxModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, m_page.get());
        new QAbstractItemModelTester(child<QTreeView>("toxEnvTree")->model(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, m_page.get());
    }

    void cleanupTestCase() { m_page.reset(); }

    void offersTheCheckoutsEnvironments() {
        openSource(m_checkout);
        QCOMPARE(form()->toxIniState(), SageBuildForm::ToxIniState::Loaded);
        QVERIFY2(child<QLabel>("toxNoteLabel")
                     ->text()
                     .contains(QLatin1String("33 docker environments for 11 systems")),
                 qPrintable(child<QLabel>("toxNoteLabel")->text()));
        QVERIFY(child<QTreeView>("toxEnvTree")->isVisible());
        QVERIFY(child<QLineEdit>("toxSearchEdit")->isVisible());
        QCOMPARE(shownEnvironments().size(), 33);
        // The system field lists tox.ini's systems now, not the built-in table.
        auto* systems = child<QComboBox>("systemCombo");
        QCOMPARE(systems->count(), 11);
        QVERIFY(systems->findData(QStringLiteral("manylinux-2_28")) >= 0);
        QVERIFY(systems->findData(QStringLiteral("ubuntu-noble")) < 0);
    }

    void searchAndPick() {
        QTest::keyClicks(child<QLineEdit>("toxSearchEdit"), QStringLiteral("jammy stand"));
        QCOMPARE(shownEnvironments(),
                 QStringList{QStringLiteral("ubuntu-jammy: docker-ubuntu-jammy-standard")});
        auto* tree = child<QTreeView>("toxEnvTree");
        const QModelIndex env = tree->model()->index(0, 0, tree->model()->index(0, 0));
        QTRY_VERIFY(tree->visualRect(env).isValid());
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(env).center());
        QCOMPARE(child<QComboBox>("systemCombo")->currentData().toString(), QStringLiteral("ubuntu-jammy"));
        QCOMPARE(child<QComboBox>("packagesCombo")->currentData().toString(), QStringLiteral("standard"));
        QCOMPARE(child<QLineEdit>("modifiersEdit")->text(), QString());
        QVERIFY(child<QLabel>("toxEnvLabel")->text().contains(QLatin1String("docker-ubuntu-jammy-standard")));
        QCOMPARE(request().toxEnv, QStringLiteral("docker-ubuntu-jammy-standard"));
        QCOMPARE(request().system, QStringLiteral("ubuntu-jammy"));
        QVERIFY(!request().posArgs);
        QVERIFY(child<QPushButton>("runButton")->isEnabled());

        // Another pick from a wider search: the fields follow.
        child<QLineEdit>("toxSearchEdit")->clear();
        QTest::keyClicks(child<QLineEdit>("toxSearchEdit"), QStringLiteral("PYTHON3.12 max"));
        QCOMPARE(shownEnvironments(),
                 QStringList{QStringLiteral("gentoo-python3.12: docker-gentoo-python3.12-maximal")});
        const QModelIndex gentoo = tree->model()->index(0, 0, tree->model()->index(0, 0));
        QTRY_VERIFY(tree->visualRect(gentoo).isValid());
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(gentoo).center());
        QCOMPARE(request().toxEnv, QStringLiteral("docker-gentoo-python3.12-maximal"));
        child<QLineEdit>("toxSearchEdit")->clear();
        QCOMPARE(shownEnvironments().size(), 33);
        // The tree keeps showing what the fields name.
        QCOMPARE(tree->currentIndex().data(ToxEnvironmentModel::EnvironmentRole).toString(),
                 QStringLiteral("docker-gentoo-python3.12-maximal"));
    }

    // The convenience fields name any environment tox.ini accepts; others are refused with a close match.
    void fieldsNameTheEnvironment_data() {
        QTest::addColumn<QString>("system");
        QTest::addColumn<QString>("packages");
        QTest::addColumn<QString>("modifiers");
        QTest::addColumn<QString>("toxEnv");
        QTest::addColumn<QString>("refusal"); // empty: accepted
        QTest::newRow("listed") << "ubuntu-jammy"
                                << "minimal"
                                << ""
                                << "docker-ubuntu-jammy-minimal"
                                << "";
        QTest::newRow("modifiers") << "debian-bookworm"
                                   << "standard"
                                   << "incremental, sitepackages"
                                   << "docker-debian-bookworm-standard-incremental-sitepackages"
                                   << "";
        QTest::newRow("modifiers typed tox's way") << "fedora-40"
                                                   << "maximal"
                                                   << "nobootstrap-incremental"
                                                   << "docker-fedora-40-maximal-nobootstrap-incremental"
                                                   << "";
        QTest::newRow("unknown modifier") << "ubuntu-jammy"
                                          << "standard"
                                          << "turbo"
                                          << "docker-ubuntu-jammy-standard-turbo"
                                          << "no turbo factor";
        QTest::newRow("misspelled modifier") << "ubuntu-jammy"
                                             << "standard"
                                             << "incremantal"
                                             << "docker-ubuntu-jammy-standard-incremantal"
                                             << "Did you mean docker-ubuntu-jammy-standard-incremental?";
    }

    void fieldsNameTheEnvironment() {
        QFETCH(QString, system);
        QFETCH(QString, packages);
        QFETCH(QString, modifiers);
        QFETCH(QString, toxEnv);
        QFETCH(QString, refusal);
        auto* systems = child<QComboBox>("systemCombo");
        systems->setCurrentIndex(systems->findData(system));
        auto* sets = child<QComboBox>("packagesCombo");
        sets->setCurrentIndex(sets->findData(packages));
        child<QLineEdit>("modifiersEdit")->setText(modifiers);
        QCOMPARE(form()->toxEnvironment(), toxEnv);
        QVERIFY(child<QLabel>("toxEnvLabel")->text().contains(toxEnv));
        auto* tree = child<QTreeView>("toxEnvTree");
        const bool listed = form()->toxModel()->indexOf(toxEnv).isValid();
        QCOMPARE(tree->currentIndex().data(ToxEnvironmentModel::EnvironmentRole).toString(),
                 listed ? toxEnv : QString());
        auto* label = child<QLabel>("validationLabel");
        if (refusal.isEmpty()) {
            QVERIFY2(child<QPushButton>("runButton")->isEnabled(), qPrintable(label->text()));
            QCOMPARE(request().toxEnv, toxEnv);
            return;
        }
        QVERIFY(!child<QPushButton>("runButton")->isEnabled());
        QVERIFY(!child<QPushButton>("previewButton")->isEnabled());
        QVERIFY2(label->text().contains(QLatin1String("does not define ") + toxEnv),
                 qPrintable(label->text()));
        QVERIFY2(label->text().contains(refusal), qPrintable(label->text()));
    }

    void argumentsAfterDashDash_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("posArgs"); // empty: refused
        QTest::newRow("one target") << "config.status" << QStringList{QStringLiteral("config.status")};
        QTest::newRow("two targets") << "build doc-html"
                                     << QStringList{QStringLiteral("build"), QStringLiteral("doc-html")};
        QTest::newRow("quoted") << "build 'SAGE_NUM_THREADS=4 V=0'"
                                << QStringList{QStringLiteral("build"),
                                               QStringLiteral("SAGE_NUM_THREADS=4 V=0")};
        QTest::newRow("expansion refused") << "build $(nproc)" << QStringList();
        QTest::newRow("redirection refused") << "build > log" << QStringList();
    }

    void argumentsAfterDashDash() {
        QFETCH(QString, text);
        QFETCH(QStringList, posArgs);
        child<QLineEdit>("modifiersEdit")->clear();
        child<QLineEdit>("posArgsEdit")->setText(text);
        if (posArgs.isEmpty()) {
            QVERIFY(!child<QPushButton>("runButton")->isEnabled());
            QVERIFY2(child<QLabel>("validationLabel")->text().contains(QLatin1String("not plain words")),
                     qPrintable(child<QLabel>("validationLabel")->text()));
            return;
        }
        QVERIFY2(child<QPushButton>("runButton")->isEnabled(),
                 qPrintable(child<QLabel>("validationLabel")->text()));
        QCOMPARE(request().posArgs, std::optional<QStringList>(posArgs));
    }

    // Preview right after the folder is (re)opened: it waits for tox.ini, then plans what the form asks.
    void previewOfTheRequest() {
        child<QLineEdit>("posArgsEdit")->setText(QStringLiteral("config.status"));
        auto* systems = child<QComboBox>("systemCombo");
        systems->setCurrentIndex(systems->findData(QStringLiteral("ubuntu-jammy")));
        auto* sets = child<QComboBox>("packagesCombo");
        sets->setCurrentIndex(sets->findData(QStringLiteral("standard")));
        child<QLineEdit>("tagEdit")->setText(QStringLiteral("guitox"));
        form()->setSourceFolder(m_checkout);
        QCOMPARE(form()->toxIniState(), SageBuildForm::ToxIniState::Reading);
        QSignalSpy ready(m_page.get(), &app::BuildsPage::previewReady);
        QTest::mouseClick(child<QPushButton>("previewButton"), Qt::LeftButton);
        QVERIFY(ready.wait(60000));
        QCOMPARE(ready.count(), 1);
        QCOMPARE(form()->toxIniState(), SageBuildForm::ToxIniState::Loaded);
        const imagebuild::SageBuildOptions o = request();
        QCOMPARE(o.toxEnv, QStringLiteral("docker-ubuntu-jammy-standard"));
        QCOMPARE(o.posArgs, std::optional<QStringList>(QStringList{QStringLiteral("config.status")}));
        QCOMPARE(o.sourceDir, m_checkout);
        const QString text = child<QPlainTextEdit>("planPreview")->toPlainText();
        QVERIFY2(text.contains(QLatin1String(".ci/write-dockerfile.sh")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("sage-ubuntu-jammy-standard-with-targets:guitox")),
                 qPrintable(text));
        child<QLineEdit>("posArgsEdit")->clear();
    }

    void noToxIni() {
        const QString minisage =
            copyFixture(QStringLiteral("tests/fixtures/minisage"), QStringLiteral("minisage"));
        QVERIFY(!QFile::exists(minisage + QStringLiteral("/tox.ini")));
        openSource(minisage);
        QCOMPARE(form()->toxIniState(), SageBuildForm::ToxIniState::Absent);
        QVERIFY2(child<QLabel>("toxNoteLabel")->text().contains(QLatin1String("No tox.ini")),
                 qPrintable(child<QLabel>("toxNoteLabel")->text()));
        QVERIFY(child<QTreeView>("toxEnvTree")->isHidden());
        QVERIFY(child<QLineEdit>("toxSearchEdit")->isHidden());
        QCOMPARE(form()->toxModel()->rowCount(), 0);
        // The built-in table: every system with its base image; the chosen one is kept.
        auto* systems = child<QComboBox>("systemCombo");
        QVERIFY(systems->count() > 11);
        QCOMPARE(systems->currentData().toString(), QStringLiteral("ubuntu-jammy"));
        QVERIFY(systems->currentText().contains(QLatin1String("ubuntu:jammy")));
        QVERIFY(child<QPushButton>("runButton")->isEnabled());
        QCOMPARE(request().toxEnv, QString());
        QCOMPARE(request().system, QStringLiteral("ubuntu-jammy"));
    }

    void unreadableToxIni_data() {
        QTest::addColumn<QByteArray>("ini");
        QTest::newRow("section twice") << QByteArray("[tox]\n[testenv]\nsetenv = A=1\n[testenv]\n");
        QTest::newRow("text before any section") << QByteArray("envlist = docker-ubuntu-jammy-standard\n");
    }

    void unreadableToxIni() {
        QFETCH(QByteArray, ini);
        const QString dir =
            distroCheckout(QStringLiteral("bad-%1").arg(QTest::currentDataTag()).replace(u' ', u'-'));
        QFile file(dir + QStringLiteral("/tox.ini"));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(ini);
        file.close();
        const auto expected = imagebuild::ToxIni::parse(QString::fromUtf8(ini));
        QVERIFY(!expected.ok());
        openSource(dir);
        QCOMPARE(form()->toxIniState(), SageBuildForm::ToxIniState::Invalid);
        QVERIFY2(child<QLabel>("toxNoteLabel")->text().contains(expected.error().message),
                 qPrintable(child<QLabel>("toxNoteLabel")->text()));
        QVERIFY2(child<QLabel>("validationLabel")->text().contains(expected.error().message),
                 qPrintable(child<QLabel>("validationLabel")->text()));
        QVERIFY(!child<QPushButton>("runButton")->isEnabled());
        QVERIFY(!child<QPushButton>("previewButton")->isEnabled());
        QVERIFY(child<QTreeView>("toxEnvTree")->isHidden());
        // Fixed on disk: opening the folder again reads it again.
        openSource(m_checkout);
        QCOMPARE(form()->toxIniState(), SageBuildForm::ToxIniState::Loaded);
        QVERIFY(child<QPushButton>("runButton")->isEnabled());
    }
};

QTEST_MAIN(TestBuildsTox)
#include "tst_buildstox.moc"
