// The app shell as a user meets it: the engine status finds the real engine (and explains a wrong
// endpoint with a fix), Preferences edits the typed settings, About names the version.

#include "appcontext.h"
#include "dialogs/aboutdialog.h"
#include "dialogs/preferencesdialog.h"
#include "mainwindow.h"
#include "pages/matrixpage.h"
#include "testenvironment.h"
#include "widgets/enginestatuswidget.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace sagedock;

class TestShell : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_backend;
    std::unique_ptr<util::Settings> m_settings;
    std::unique_ptr<http::Transport> m_http;
    std::unique_ptr<app::AppContext> m_context;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        SAGEDOCK_REQUIRE_ENGINE();
        m_http = std::make_unique<http::Transport>();
    }
    void init() {
        m_backend =
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_backend->clear();
        m_settings = std::make_unique<util::Settings>(m_backend.get());
        m_settings->setEngineEndpoint(QStringLiteral("unix://") + testsupport::dockerSocket());
        m_context = std::make_unique<app::AppContext>(*m_settings, *m_http);
    }

    void engineStatusShowsRealEngine() {
        app::MainWindow window(*m_context);
        window.show();
        app::EngineStatusWidget* status = window.engineStatus();
        QTRY_COMPARE_WITH_TIMEOUT(status->state(), app::EngineStatusWidget::State::Available, 10000);
        QVERIFY2(status->text().contains(QLatin1String("Docker")) ||
                     status->text().contains(QLatin1String("Podman")),
                 qPrintable(status->text()));
        QVERIFY(status->text().contains(QLatin1String("API 1.")));
        QVERIFY(!status->findChild<QToolButton*>(QStringLiteral("engineRetry"))->isVisible());
    }

    void engineStatusExplainsMissingSocket() {
        m_settings->setEngineEndpoint(QStringLiteral("unix:///nonexistent/docker.sock"));
        app::MainWindow window(*m_context);
        window.show();
        app::EngineStatusWidget* status = window.engineStatus();
        QTRY_COMPARE_WITH_TIMEOUT(status->state(), app::EngineStatusWidget::State::Unavailable, 10000);
        QVERIFY(status->text().startsWith(QLatin1String("No engine")));
        QVERIFY2(!status->error().hint.isEmpty(), "an unavailable engine must come with a fix");
        auto* retry = status->findChild<QToolButton*>(QStringLiteral("engineRetry"));
        QVERIFY(retry->isVisible());

        // Fixing the endpoint and pressing Retry brings the engine back.
        m_settings->setEngineEndpoint(QStringLiteral("unix://") + testsupport::dockerSocket());
        QSignalSpy spy(status, &app::EngineStatusWidget::stateChanged);
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(status->state(), app::EngineStatusWidget::State::Available, 10000);
        QVERIFY(spy.count() >= 1);
    }

    void preferencesSaveTypedSettings() {
        app::PreferencesDialog dialog(*m_settings);
        dialog.show();
        auto* endpoint = dialog.findChild<QLineEdit*>(QStringLiteral("engineEndpoint"));
        auto* insecure = dialog.findChild<QLineEdit*>(QStringLiteral("insecureRegistries"));
        auto* port = dialog.findChild<QSpinBox*>(QStringLiteral("jupyterPort"));
        auto* publishAll = dialog.findChild<QCheckBox*>(QStringLiteral("publishAll"));
        auto* readyTimeout = dialog.findChild<QSpinBox*>(QStringLiteral("readyTimeout"));
        auto* repository = dialog.findChild<QLineEdit*>(QStringLiteral("matrixRepository"));
        QVERIFY(endpoint && insecure && port && publishAll && readyTimeout && repository);
        QCOMPARE(readyTimeout->value(), 120);
        QVERIFY(!publishAll->isChecked()); // 127.0.0.1 only by default
        endpoint->setText(QStringLiteral("tcp://build-host:2376"));
        insecure->setText(QStringLiteral("10.1.1.1:5000, localhost:5001"));
        port->setValue(9000);
        readyTimeout->setValue(300);
        repository->setText(QStringLiteral("ghcr.io/me/sage"));
        auto* buttons = dialog.findChild<QDialogButtonBox*>();
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QCOMPARE(m_settings->engineEndpoint(), QStringLiteral("tcp://build-host:2376"));
        QCOMPARE(m_settings->insecureRegistries(),
                 (QStringList{QStringLiteral("10.1.1.1:5000"), QStringLiteral("localhost:5001")}));
        QCOMPARE(m_settings->jupyterPort(), 9000);
        QCOMPARE(m_settings->jupyterReadyTimeoutSeconds(), 300);
        QCOMPARE(m_settings->matrixRepository(), QStringLiteral("ghcr.io/me/sage/")); // Sage needs the slash
    }

    void preferencesCancelKeepsSettings() {
        m_settings->setJupyterPort(8888);
        app::PreferencesDialog dialog(*m_settings);
        dialog.show();
        dialog.findChild<QSpinBox*>(QStringLiteral("jupyterPort"))->setValue(9100);
        auto* buttons = dialog.findChild<QDialogButtonBox*>();
        QTest::mouseClick(buttons->button(QDialogButtonBox::Cancel), Qt::LeftButton);
        QCOMPARE(m_settings->jupyterPort(), 8888);
    }

    void aboutNamesVersion() {
        app::AboutDialog about;
        about.show();
        auto* text = about.findChild<QLabel*>(QStringLiteral("aboutText"));
        QVERIFY(text->text().contains(QStringLiteral(SAGEDOCK_VERSION)));
    }

    void matrixLaunchOpensReviewPage() {
        // A maintainer presses "Launch…" on a matrix cell: the Review page takes over with that image.
        app::MainWindow window(*m_context);
        window.show();
        QVERIFY(window.showPage(QStringLiteral("launch")));
        auto* matrix = window.findChild<app::MatrixPage*>();
        QVERIFY(matrix);
        const QString image =
            QStringLiteral("127.0.0.1:5000/sagemath/sage/sage-ubuntu-jammy-standard-with-targets:dev");
        Q_EMIT matrix->launchRequested(image);
        QCOMPARE(window.currentPageId(), QStringLiteral("review"));
        auto* query = window.findChild<QLineEdit*>(QStringLiteral("queryEdit"));
        QVERIFY(query);
        QCOMPARE(query->text(), image);
    }

    void pagesAreNavigable() {
        app::MainWindow window(*m_context);
        window.show();
        auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigation"));
        QVERIFY(navigation);
        for (int row = 0; row < navigation->count(); ++row) {
            const QString id = navigation->item(row)->data(Qt::UserRole).toString();
            QVERIFY(window.showPage(id));
            QCOMPARE(window.currentPageId(), id);
        }
        QVERIFY(!window.showPage(QStringLiteral("no-such-page")));
    }
};

QTEST_MAIN(TestShell)
#include "tst_shell.moc"
