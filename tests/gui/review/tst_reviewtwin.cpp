// The Review page, offscreen, looking up a tag on the registry twin (TLS served by docker-registry,
// tokens it validates itself, 50 ms round trip): the CA only in the Extra CA certificates preference,
// only in a certs.d folder (SAGEDOCK_CERTS_D), or nowhere, when the page says which file to put where.
// The page reaches the registry through the services it is given, like the app. A bad Extra CA file
// (missing, a folder, a FIFO, /dev/zero, garbage) is a warning in the main window's status bar, never
// a dialog or a hang, and the look-up still works with the CA in certs.d.

#include "appcontext.h"
#include "badcafile.h"
#include "mainwindow.h"
#include "pages/reviewpage.h"
#include "registrytwin.h"
#include "util/settings.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace sagedock;
using testsupport::RegistryTwin;

class TestReviewTwin : public QObject {
    Q_OBJECT
    RegistryTwin m_twin{RegistryTwin::Options{.latencyMs = 25}};
    QTemporaryDir m_tmp;

    enum class Trust { None, CertsD, ExtraCa };

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
        QString why;
        QVERIFY2(m_twin.start(&why), qPrintable(why));
        const auto chain = m_twin.seedStageChain(QStringLiteral("sagemath/sage"),
                                                 QStringLiteral("ubuntu-jammy"), QStringLiteral("dev"));
        QVERIFY2(chain.ok(), qPrintable(chain.error().toString()));
    }

    void lookUp_data() {
        QTest::addColumn<Trust>("trust");
        QTest::addColumn<QString>("status"); // what the status line says when the look-up is done
        // Unknown CA first: the registry client's disk cache would answer a later look-up by itself.
        QTest::newRow("unknown CA") << Trust::None << QStringLiteral("does not trust");
        QTest::newRow("Extra CA preference") << Trust::ExtraCa << QStringLiteral("5 image(s) found.");
        QTest::newRow("CA in certs.d") << Trust::CertsD << QStringLiteral("5 image(s) found.");
    }

    void lookUp() {
        QFETCH(Trust, trust);
        QFETCH(QString, status);
        const QString row = QString::fromLatin1(QTest::currentDataTag());
        const QString certs = m_tmp.filePath(row + QStringLiteral("/certs.d"));
        const QString registry = m_twin.registryProxied();
        QDir().mkpath(certs + QLatin1Char('/') + registry);
        if (trust == Trust::CertsD)
            QVERIFY(QFile::copy(m_twin.caFile(),
                                certs + QLatin1Char('/') + registry + QStringLiteral("/ca.crt")));
        qputenv("SAGEDOCK_CERTS_D", certs.toLocal8Bit()); // read when the services build the client
        QSettings qsettings(m_tmp.filePath(row + QStringLiteral("/settings.ini")), QSettings::IniFormat);
        util::Settings settings(&qsettings);
        settings.setMatrixRepository(registry + QStringLiteral("/sagemath/sage/"));
        settings.setMatrixPackages(QStringLiteral("standard"));
        settings.setExtraCaBundle(trust == Trust::ExtraCa ? m_twin.caFile() : QString());
        app::AppContext context(settings); // its own services: transport, extra CA, registry client
        app::ReviewPage page(context);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* query = page.findChild<QLineEdit*>(QStringLiteral("queryEdit"));
        auto* label = page.findChild<QLabel*>(QStringLiteral("statusLabel"));
        QVERIFY(query && label);
        query->setText(QStringLiteral("dev"));
        QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("lookUpButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!label->text().isEmpty(), 60000);
        QVERIFY2(label->text().contains(status), qPrintable(label->text()));
        if (trust == Trust::None) // the fix names the certs.d folder of this registry
            QVERIFY2(label->text().contains(certs + QLatin1Char('/') + registry + QStringLiteral("/ca.crt")),
                     qPrintable(label->text()));
        qunsetenv("SAGEDOCK_CERTS_D");
    }

    void badExtraCa_data() { testsupport::addBadCaFileRows(); }

    void badExtraCa() {
        QFETCH(QString, kind);
        QFETCH(QString, says);
        const QString row =
            QStringLiteral("bad-") +
            QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char('/'), QLatin1Char('_'));
        QDir().mkpath(m_tmp.filePath(row));
        const QString path = testsupport::makeBadCaFile(kind, m_tmp.filePath(row));
        QVERIFY(!path.isEmpty());
        const QString certs = m_tmp.filePath(row + QStringLiteral("/certs.d"));
        const QString registry = m_twin.registryProxied();
        QVERIFY(QDir().mkpath(certs + QLatin1Char('/') + registry));
        QVERIFY(
            QFile::copy(m_twin.caFile(), certs + QLatin1Char('/') + registry + QStringLiteral("/ca.crt")));
        qputenv("SAGEDOCK_CERTS_D", certs.toLocal8Bit());
        QSettings qsettings(m_tmp.filePath(row + QStringLiteral("/settings.ini")), QSettings::IniFormat);
        util::Settings settings(&qsettings);
        settings.setMatrixRepository(registry + QStringLiteral("/sagemath/sage/"));
        settings.setMatrixPackages(QStringLiteral("standard"));
        settings.setExtraCaBundle(path);
        settings.setCurrentPage(QStringLiteral("review"));
        app::AppContext context(settings);
        QElapsedTimer timer;
        timer.start();
        app::MainWindow window(context);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY2(timer.elapsed() < 3000, "the window waited on the Extra CA file");
        auto* warning = window.findChild<QLabel*>(QStringLiteral("caWarningLabel"));
        QVERIFY(warning);
        QTRY_VERIFY_WITH_TIMEOUT(warning->isVisible(), 10000);
        for (const QString& fragment : {says, path, QStringLiteral("Extra CA certificates")})
            QVERIFY2(warning->text().contains(fragment), qPrintable(warning->text()));
        for (QWidget* w : QApplication::topLevelWidgets()) // a warning, not a dialog
            QVERIFY2(!(qobject_cast<QDialog*>(w) && w->isVisible()), qPrintable(w->objectName()));
        // Requests go on with the system's CAs (plus certs.d).
        auto* page = window.findChild<app::ReviewPage*>();
        QVERIFY(page);
        auto* query = page->findChild<QLineEdit*>(QStringLiteral("queryEdit"));
        auto* label = page->findChild<QLabel*>(QStringLiteral("statusLabel"));
        QVERIFY(query && label);
        query->setText(QStringLiteral("dev"));
        QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("lookUpButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!label->text().isEmpty(), 60000);
        QVERIFY2(label->text().contains(QStringLiteral("5 image(s) found.")), qPrintable(label->text()));
        // Fixing the setting takes the warning away.
        settings.setExtraCaBundle(QString());
        context.notifySettingsChanged();
        QTRY_VERIFY_WITH_TIMEOUT(!warning->isVisible(), 10000);
        qunsetenv("SAGEDOCK_CERTS_D");
    }
};

QTEST_MAIN(TestReviewTwin)
#include "tst_reviewtwin.moc"
