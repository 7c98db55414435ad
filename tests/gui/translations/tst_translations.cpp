// The German translation as the app loads it (app::installTranslators, the .qm under :/i18n), asked
// with the contexts the code really uses at run time. One row per kind of context holder: a QObject
// class, a free function with QCoreApplication::translate, and Q_DECLARE_TR_FUNCTIONS holders in
// core (including one inside a function whose return type lupdate once misread). A string missing
// here means lupdate filed it under a context nobody asks for.

#include "dialogs/aboutdialog.h"
#include "languages.h"
#include "registry/registryclient.h"
#include "services/services.h"
#include "util/job.h"
#include "util/settings.h"

#include "waitforjob.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace sagedock;

class TestTranslations : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_backend;
    std::unique_ptr<util::Settings> m_settings;

    QString registryErrorForInvalidRepository() {
        services::ServicesOptions options{
            .registryCacheDirectory = m_dir.filePath(QStringLiteral("cache")),
            .credentials = [](const QString&, registry::CredentialCallback done) {
                done(registry::Credentials{});
            }};
        services::Services services(*m_settings, options);
        std::unique_ptr<registry::TagsJob> job(services.registry()->listTags(registry::Repository{}));
        testsupport::waitForJob(job.get());
        return job->error().message + QLatin1Char(' ') + job->error().hint;
    }

private Q_SLOTS:
    void initTestCase() {
        QCOMPARE(app::installTranslators(QStringLiteral("de")), QStringLiteral("de"));
        m_backend =
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<util::Settings>(m_backend.get());
        m_settings->setEngineEndpoint(QStringLiteral("unix:///nonexistent/sagedock-test.sock"));
    }

    void translated_data() {
        QTest::addColumn<std::function<QString()>>("text");
        QTest::addColumn<QString>("german");

        QTest::newRow("QObject class (AboutDialog)") << std::function<QString()>([] {
            app::AboutDialog dialog;
            return dialog.windowTitle();
        }) << QStringLiteral("Über SageDock");
        QTest::newRow("free function, context sagedock::app")
            << std::function<QString()>([] { return app::availableLanguages().constFirst().nativeName; })
            << QStringLiteral("Systemstandard");
        QTest::newRow("Text holder sagedock::util (job cancel)") << std::function<QString()>([] {
            util::TaskJob<int> job([](const util::CancelToken&) { return util::Result<int>(1); });
            job.start();
            job.cancel();
            return job.error().message;
        }) << QStringLiteral("Abgebrochen.");
        QTest::newRow("Text holder sagedock::registry, util::Error-returning function")
            << std::function<QString()>([this] { return registryErrorForInvalidRepository(); })
            << QStringLiteral("„/“ ist kein gültiger Repository-Name. Verwenden Sie Host/Pfad, zum Beispiel "
                              "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-with-targets.");
    }
    void translated() {
        QFETCH(std::function<QString()>, text);
        QFETCH(QString, german);
        QCOMPARE(text(), german);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
