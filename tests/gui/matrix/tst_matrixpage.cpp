// The Matrix page, offscreen, against a real registry: refresh with progress, cells filling in,
// details panel with the layer comparison and the pull line, filters, tags from the registry,
// cancel, the offline banner and every export format.

#include "appcontext.h"
#include "http/transport.h"
#include "models/matrixmodel.h"
#include "pages/matrixpage.h"
#include "reference/catalog.h"
#include "registryseed.h"
#include "testenvironment.h"
#include "util/settings.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <nlohmann/json.hpp>

using namespace sagedock;

class TestMatrixPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<util::Settings> m_settings;
    std::unique_ptr<app::AppContext> m_context;
    std::unique_ptr<app::MatrixPage> m_page;
    QString m_registry;
    QString m_prefix;

    template <typename T> T* child(const char* name) {
        T* w = m_page->findChild<T*>(QLatin1String(name));
        if (!w)
            qWarning() << "no child" << name;
        return w;
    }
    QString repoPath(const QString& system, const QString& stage) const {
        return m_prefix.section(QLatin1Char('/'), 1) + QStringLiteral("sage-") + system +
               QStringLiteral("-standard-") + stage;
    }
    QString src(const QString& name) const {
        return m_prefix.section(QLatin1Char('/'), 1) + QStringLiteral("src-") + name;
    }
    bool copy(const QString& source, const QString& system, const QString& stage, QString* why) {
        return !testsupport::copyImage(m_registry, src(source), QStringLiteral("latest"),
                                       repoPath(system, stage), QStringLiteral("dev"), why)
                    .isEmpty();
    }
    // The first proxy index whose cell has this label, searching every group.
    QModelIndex findCell(const QString& label) {
        QAbstractItemModel* m = m_page->filterModel();
        for (int g = 0; g < m->rowCount(); ++g) {
            const QModelIndex group = m->index(g, 0);
            for (int r = 0; r < m->rowCount(group); ++r)
                for (int c = app::MatrixModel::FirstStageColumn; c < m->columnCount(group); ++c) {
                    const QModelIndex i = m->index(r, c, group);
                    if (i.data().toString().startsWith(label))
                        return i;
                }
        }
        return {};
    }
    int visibleRows() {
        QAbstractItemModel* m = m_page->filterModel();
        int n = 0;
        for (int g = 0; g < m->rowCount(); ++g)
            n += m->rowCount(m->index(g, 0));
        return n;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        SAGEDOCK_REQUIRE_ENGINE();
        SAGEDOCK_REQUIRE_REGISTRY(m_registry);
        QVERIFY(m_tmp.isValid());
        m_prefix =
            m_registry + QStringLiteral("/g%1/sage/").arg(QRandomGenerator::global()->generate() % 1000000);
        const QStringList stages = reference::Catalog::bundled().publishedStages();
        QString why;
        for (const QString& stage : stages)
            QVERIFY2(testsupport::pushToRegistry(testsupport::fixtureImage(QStringLiteral("stage-") + stage),
                                                 m_registry, src(stage) + QStringLiteral(":latest"), &why),
                     qPrintable(why));
        // A "configured" that is not built on with-system-packages: the sagemath fixture shares only the
        // base.
        QVERIFY2(testsupport::pushToRegistry(testsupport::fixtureImage(QStringLiteral("sagemath")),
                                             m_registry,
                                             src(QStringLiteral("other")) + QStringLiteral(":latest"), &why),
                 qPrintable(why));
        for (const QString& stage : stages)
            QVERIFY2(copy(stage, QStringLiteral("ubuntu-jammy"), stage, &why), qPrintable(why));
        QVERIFY2(copy(stages[0], QStringLiteral("fedora-41"), stages[0], &why), qPrintable(why));
        QVERIFY2(copy(QStringLiteral("other"), QStringLiteral("fedora-41"), stages[1], &why),
                 qPrintable(why));
        QVERIFY2(copy(stages[0], QStringLiteral("debian-bookworm"), stages[0], &why), qPrintable(why));
        QVERIFY2(copy(stages[2], QStringLiteral("debian-bookworm"), stages[2], &why), qPrintable(why));

        m_qsettings =
            std::make_unique<QSettings>(m_tmp.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<util::Settings>(m_qsettings.get());
        m_settings->setMatrixRepository(m_prefix);
        m_settings->setMatrixPackages(QStringLiteral("standard"));
        m_context = std::make_unique<app::AppContext>(*m_settings, http::Transport::shared());
        m_page = std::make_unique<app::MatrixPage>(*m_context);
        m_page->resize(1200, 800);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void cleanupTestCase() { m_page.reset(); }

    void refreshFillsTheMatrix() {
        QAbstractItemModelTester tester(m_page->filterModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(child<QLineEdit>("repositoryEdit")->text(), m_prefix);
        QCOMPARE(child<QComboBox>("packagesCombo")->currentData().toString(), QStringLiteral("standard"));
        QSignalSpy finished(m_page.get(), &app::MatrixPage::refreshFinished);
        QSignalSpy cells(m_page->model(), &QAbstractItemModel::dataChanged);
        QTest::mouseClick(child<QPushButton>("refreshButton"), Qt::LeftButton);
        QVERIFY(child<QPushButton>("cancelButton")->isEnabled());
        QVERIFY(finished.wait(60000));
        // 9 CI systems × standard × 5 stages, answered one by one.
        auto* progress = child<QProgressBar>("progressBar");
        QCOMPARE(progress->maximum(), 45);
        QCOMPARE(progress->value(), 45);
        QVERIFY(cells.size() >= 45);
        QVERIFY(!child<QPushButton>("cancelButton")->isEnabled());
        QVERIFY(child<QPushButton>("refreshButton")->isEnabled());
        const QString last = child<QLabel>("lastRefreshLabel")->text();
        QVERIFY2(last.contains(QLatin1String("9 present")), qPrintable(last));
        QVERIFY2(last.contains(QLatin1String("1 broken")), qPrintable(last));
        QVERIFY(child<QLabel>("offlineBanner")->isHidden());
        QCOMPARE(m_settings->matrixRepository(), m_prefix);
        // Grouped by distribution, in catalog order.
        QVERIFY(m_page->filterModel()->index(0, 0).data().toString().startsWith(QLatin1String("Ubuntu")));
    }

    void detailsCompareLayersWithTheParent() {
        const QModelIndex broken = findCell(QStringLiteral("BROKEN"));
        QVERIFY(broken.isValid());
        auto* view = child<QTreeView>("matrixView");
        view->setCurrentIndex(broken);
        const QString image = m_prefix + QStringLiteral("sage-fedora-41-standard-configured:dev");
        QCOMPARE(child<QLabel>("detailsTitle")->text(), image);
        QCOMPARE(child<QLineEdit>("pullLine")->text(), QStringLiteral("docker pull ") + image);
        QVERIFY(child<QLabel>("detailsText")
                    ->text()
                    .contains(QLatin1String("Not built on with-system-packages")));
        auto* layers = child<QTableWidget>("layerTable");
        QVERIFY(layers->rowCount() >= 2);
        QCOMPARE(layers->item(0, 2)->text(), QStringLiteral("shared"));
        QStringList states;
        for (int r = 0; r < layers->rowCount(); ++r)
            states << layers->item(r, 2)->text();
        QVERIFY2(states.contains(QStringLiteral("differs from parent")),
                 qPrintable(states.join(QLatin1Char(','))));
        // created_by of a layer the sagemath fixture added.
        bool sawCommand = false;
        for (int r = 0; r < layers->rowCount(); ++r)
            sawCommand = sawCommand || layers->item(r, 4)->text().contains(QLatin1String("sage"));
        QVERIFY(sawCommand);
        QTest::mouseClick(child<QPushButton>("copyPullButton"), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("docker pull ") + image);
        // A loopback registry has no GitHub package page.
        QVERIFY(!child<QPushButton>("packagePageButton")->isEnabled());

        const QModelIndex intact = findCell(QStringLiteral("ok"));
        view->setCurrentIndex(intact);
        QVERIFY(child<QLabel>("detailsText")->text().startsWith(QLatin1String("sha256:")));
    }

    void fitsA1280PixelWindow() {
        // After a refresh and with a cell's details shown, the page's widest state. On a 1366x768 laptop
        // the window is at most 1280 px wide and the navigation (at most 190 px) sits beside the page;
        // a wider minimum made the page scroll sideways.
        const int needed = m_page->minimumSizeHint().width();
        QVERIFY2(needed <= 1280 - 190, qPrintable(QStringLiteral("the page needs %1 px").arg(needed)));
        // Nothing was hidden to get there: every control of both toolbar rows is still shown.
        for (const char* name : {"repositoryEdit", "tagCombo", "packagesCombo", "systemsCombo", "filterEdit",
                                 "onlyProblemsCheck", "refreshButton", "cancelButton", "progressBar",
                                 "exportButton", "lastRefreshLabel"}) {
            QWidget* w = child<QWidget>(name);
            QVERIFY2(w && w->isVisible(), name);
        }
    }

    void filtersNarrowTheView() {
        QCOMPARE(visibleRows(), 9);
        QTest::mouseClick(child<QCheckBox>("onlyProblemsCheck"), Qt::LeftButton);
        // Every system but ubuntu-jammy has a missing, broken or parentless stage.
        QCOMPARE(visibleRows(), 8);
        QTest::mouseClick(child<QCheckBox>("onlyProblemsCheck"), Qt::LeftButton);
        QTest::keyClicks(child<QLineEdit>("filterEdit"), QStringLiteral("fedora"));
        QCOMPARE(visibleRows(), 2);
        child<QLineEdit>("filterEdit")->clear();
        QCOMPARE(visibleRows(), 9);
    }

    void exportsTheCurrentView() {
        QTest::keyClicks(child<QLineEdit>("filterEdit"), QStringLiteral("ubuntu"));
        QCOMPARE(visibleRows(), 2);
        for (const char* format : {"png", "svg", "html", "csv", "json"}) {
            const QString path = m_tmp.filePath(QStringLiteral("export.") + QLatin1String(format));
            const util::Error e = m_page->exportTo(QLatin1String(format), path);
            QVERIFY2(!e, qPrintable(e.toString()));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(f.size() > 100, format);
        }
        QVERIFY(!QImage(m_tmp.filePath(QStringLiteral("export.png"))).isNull());
        QFile svg(m_tmp.filePath(QStringLiteral("export.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
        QFile json(m_tmp.filePath(QStringLiteral("export.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const auto j = nlohmann::json::parse(json.readAll().toStdString());
        QCOMPARE(j["rows"].size(), size_t(2)); // only what the filter shows
        QCOMPARE(j["rows"][0]["system"].get<std::string>(), std::string("ubuntu-jammy"));
        QFile csv(m_tmp.filePath(QStringLiteral("export.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count("\r\n"), 11);
        QVERIFY(m_page->exportTo(QStringLiteral("bmp"), m_tmp.filePath(QStringLiteral("x.bmp"))));
        child<QLineEdit>("filterEdit")->clear();
    }

    void tagsComeFromTheRegistry() {
        QSignalSpy loaded(m_page.get(), &app::MatrixPage::tagsLoaded);
        m_page->reloadTags();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.first().first().toStringList(), QStringList{QStringLiteral("dev")});
        QCOMPARE(child<QComboBox>("tagCombo")->itemText(0), QStringLiteral("dev"));
    }

    void cancelKeepsWhatArrived() {
        QSignalSpy finished(m_page.get(), &app::MatrixPage::refreshFinished);
        auto* systems = child<QComboBox>("systemsCombo");
        systems->setCurrentIndex(systems->findData(QStringLiteral("all")));
        QTest::mouseClick(child<QPushButton>("refreshButton"), Qt::LeftButton);
        QVERIFY(child<QPushButton>("cancelButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>("cancelButton"), Qt::LeftButton);
        QCOMPARE(finished.size(), 1);
        QVERIFY(child<QLabel>("lastRefreshLabel")->text().contains(QLatin1String("cancelled")));
        QVERIFY(child<QPushButton>("refreshButton")->isEnabled());
        systems->setCurrentIndex(systems->findData(QStringLiteral("ci")));
    }

    void offlineBannerWhenTheRegistryIsGone() {
        // Port 9 on loopback: nothing listens, every request is refused.
        auto* repo = child<QLineEdit>("repositoryEdit");
        repo->setText(QStringLiteral("127.0.0.1:9/nowhere/sage/"));
        QSignalSpy finished(m_page.get(), &app::MatrixPage::refreshFinished);
        QTest::mouseClick(child<QPushButton>("refreshButton"), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QTRY_VERIFY(child<QLabel>("offlineBanner")->isVisible());
        QVERIFY(child<QLabel>("offlineBanner")->text().contains(QLatin1String("Offline")));
        // A bad prefix is refused inline, with no refresh started.
        repo->setText(QStringLiteral("ghcr.io/SageMath/"));
        QTest::mouseClick(child<QPushButton>("refreshButton"), Qt::LeftButton);
        QVERIFY(child<QLabel>("errorLabel")->isVisible());
        QVERIFY(child<QLabel>("errorLabel")->text().contains(QLatin1String("lowercase")));
        QVERIFY(child<QPushButton>("refreshButton")->isEnabled());
    }
};

QTEST_MAIN(TestMatrixPage)
#include "tst_matrixpage.moc"
