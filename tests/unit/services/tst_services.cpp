// services::Services: the one owner of the transport and the clients. One instance of each is
// shared; the settings reach them (extra CA, insecure registries, endpoint); reload() rebuilds only
// what changed, and a holder of an old client keeps it usable.

#include "engine/engineclient.h"
#include "http/transport.h"
#include "registry/registryclient.h"
#include "services/services.h"
#include "util/settings.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <sys/stat.h>

using namespace sagedock;

class TestServices : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_backend;
    std::unique_ptr<util::Settings> m_settings;

    services::ServicesOptions options() const {
        return {.registryCacheDirectory = m_dir.filePath(QStringLiteral("cache")),
                .credentials = [](const QString&, registry::CredentialCallback done) {
                    done(registry::Credentials{});
                }};
    }

private Q_SLOTS:
    void init() {
        m_backend =
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_backend->clear();
        m_settings = std::make_unique<util::Settings>(m_backend.get());
        // A fixed socket: resolution never depends on this machine's DOCKER_HOST or contexts.
        m_settings->setEngineEndpoint(QStringLiteral("unix:///nonexistent/sagedock-test.sock"));
    }

    void oneInstanceShared() {
        services::Services services(*m_settings, options());
        QVERIFY(services.engine());
        QVERIFY(services.registry());
        QCOMPARE(services.engine().get(), services.engine().get());
        QCOMPARE(services.registry().get(), services.registry().get());
        // Both clients talk through the services' one transport.
        QCOMPARE(&services.engine()->http(), &services.transport());
        QCOMPARE(&services.registry()->transport(), &services.transport());
        QCOMPARE(services.engine()->endpoint().socketPath, QStringLiteral("/nonexistent/sagedock-test.sock"));
        QCOMPARE(services.registry()->options().cacheDirectory, m_dir.filePath(QStringLiteral("cache")));
    }

    void extraCaReachesTheRegistryClient() {
        const QString ca = m_dir.filePath(QStringLiteral("extra-ca.pem"));
        m_settings->setExtraCaBundle(ca);
        services::Services services(*m_settings, options());
        QCOMPARE(services.transport().options().extraCaBundle, ca);
        QCOMPARE(services.registry()->transport().options().extraCaBundle, ca);
        QCOMPARE(services.engine()->http().options().extraCaBundle, ca);
    }

    // A bad Extra CA setting is a warning, never a hang: the transport reads the file on its own
    // thread (a FIFO without a writer, a device that never ends, a file without certificates).
    void badExtraCaIsAWarning_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("says");
        QTest::newRow("named pipe") << QStringLiteral("fifo") << QStringLiteral("named pipe");
        QTest::newRow("device") << QStringLiteral("/dev/zero") << QStringLiteral("device");
        QTest::newRow("no certificate") << QStringLiteral("text") << QStringLiteral("no PEM certificate");
        QTest::newRow("missing") << QStringLiteral("missing") << QStringLiteral("No such file");
        QTest::newRow("folder") << QStringLiteral("/etc") << QStringLiteral("a folder");
    }

    void badExtraCaIsAWarning() {
        QFETCH(QString, kind);
        QFETCH(QString, says);
        QString path = kind;
        if (kind == QLatin1String("fifo")) {
            path = m_dir.filePath(QStringLiteral("ca.fifo"));
            QFile::remove(path);
            QCOMPARE(::mkfifo(path.toLocal8Bit().constData(), 0600), 0);
        } else if (kind == QLatin1String("text")) {
            path = m_dir.filePath(QStringLiteral("ca.txt"));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a certificate\n");
        } else if (kind == QLatin1String("missing")) {
            path = m_dir.filePath(QStringLiteral("nothing-here.pem"));
        }
        m_settings->setExtraCaBundle(path);
        QElapsedTimer timer;
        timer.start();
        services::Services services(*m_settings, options());
        QVERIFY2(timer.elapsed() < 2000, "building the services waited on the CA file");
        QTRY_VERIFY_WITH_TIMEOUT(services.transport().extraCaProblem(), 10000);
        const QString text = services.transport().extraCaProblem().toString();
        QVERIFY2(text.contains(says) && text.contains(QStringLiteral("Extra CA certificates")),
                 qPrintable(text));
        // The same sentence from the check the GUI and the CLI run themselves.
        QCOMPARE(http::Transport::caBundleProblem(path).toString(), text);
    }

    void insecureRegistriesReachTheRegistryClient() {
        const QStringList hosts{QStringLiteral("registry.lan:5000"), QStringLiteral("10.0.0.7")};
        m_settings->setInsecureRegistries(hosts);
        services::Services services(*m_settings, options());
        QCOMPARE(services.registry()->options().insecureRegistries, hosts);
        QCOMPARE(services::Services::registryOptions(*m_settings, options()).insecureRegistries, hosts);
    }

    void rebuiltOnSettingsChange() {
        services::Services services(*m_settings, options());
        QSignalSpy changed(&services, &services::Services::changed);
        const std::shared_ptr<registry::Client> oldRegistry = services.registry();
        const std::shared_ptr<engine::Client> oldEngine = services.engine();
        http::Transport* oldTransport = &services.transport();

        // Nothing the clients read changed: same instances (the token cache survives).
        m_settings->setMatrixTag(QStringLiteral("10.8"));
        QVERIFY(!services.reload());
        QCOMPARE(changed.count(), 0);
        QVERIFY(services.registry() == oldRegistry);
        QVERIFY(services.engine() == oldEngine);

        // Insecure registries: new clients, same transport.
        m_settings->setInsecureRegistries({QStringLiteral("registry.lan:5000")});
        QVERIFY(services.reload());
        QCOMPARE(changed.count(), 1);
        QVERIFY(services.registry() != oldRegistry);
        QCOMPARE(services.registry()->options().insecureRegistries,
                 QStringList{QStringLiteral("registry.lan:5000")});
        QCOMPARE(&services.transport(), oldTransport);
        // A holder of the old client (a page mid-refresh) still has a working client.
        QVERIFY(oldRegistry->options().insecureRegistries.isEmpty());
        QCOMPARE(&oldRegistry->transport(), oldTransport);

        // The extra CA: a new transport under new clients.
        const QString ca = m_dir.filePath(QStringLiteral("ca.pem"));
        m_settings->setExtraCaBundle(ca);
        QVERIFY(services.reload());
        QCOMPARE(changed.count(), 2);
        QCOMPARE(services.transport().options().extraCaBundle, ca);
        QCOMPARE(services.registry()->transport().options().extraCaBundle, ca);
        QCOMPARE(services.engine()->http().options().extraCaBundle, ca);
        // The old clients keep the old transport alive.
        QVERIFY(oldEngine->http().options().extraCaBundle.isEmpty());

        // The endpoint.
        m_settings->setEngineEndpoint(QStringLiteral("tcp://127.0.0.1:2375"));
        QVERIFY(services.reload());
        QCOMPARE(changed.count(), 3);
        QCOMPARE(services.engine()->endpoint().port, 2375);
    }

    void unusableEndpointIsAnError() {
        m_settings->setEngineEndpoint(QStringLiteral("ftp://nowhere"));
        services::Services services(*m_settings, options());
        QVERIFY(!services.engine());
        QVERIFY(services.engineError());
        QVERIFY(services.registry()); // the registry does not need an engine
        m_settings->setEngineEndpoint(QStringLiteral("unix:///nonexistent/sagedock-test.sock"));
        QVERIFY(services.reload());
        QVERIFY(services.engine());
        QVERIFY(!services.engineError());
    }

    void borrowedTransport() {
        services::ServicesOptions o = options();
        o.transport = &http::Transport::shared();
        services::Services services(*m_settings, o);
        QCOMPARE(&services.transport(), &http::Transport::shared());
        QCOMPARE(&services.registry()->transport(), &http::Transport::shared());
        m_settings->setExtraCaBundle(m_dir.filePath(QStringLiteral("ca.pem")));
        QVERIFY(services.reload());
        QCOMPARE(&services.transport(), &http::Transport::shared()); // borrowed: never replaced
    }
};

QTEST_GUILESS_MAIN(TestServices)
#include "tst_services.moc"
