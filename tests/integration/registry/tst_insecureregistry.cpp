// Plain HTTP off loopback, as dockerd allows it: a real docker-registry speaking plain HTTP on this
// machine's non-loopback address is reached only when it is marked insecure (the preference, as
// host:port or host; dockerd's daemon.json "insecure-registries", as host:port or a CIDR holding the
// address); otherwise the answer is one sentence naming the host and the fix. On loopback it just
// works (dockerd's built-in 127.0.0.0/8).

#include "http/transport.h"
#include "registry/registryclient.h"
#include "registryfixture.h"
#include "registryseed.h"
#include "registryserver.h"

#include <QFile>
#include <QNetworkInterface>
#include <QTemporaryDir>
#include <QTest>

using namespace sagedock;
using namespace sagedock::testsupport;

class TestInsecureRegistry : public QObject {
    Q_OBJECT
    RegistryServer m_server{QStringLiteral("0.0.0.0")};
    std::unique_ptr<http::Transport> m_transport;
    QString m_lan; // this machine's first non-loopback IPv4 address
    QTemporaryDir m_tmp;
    const QString m_path = QStringLiteral("sagemath/sage/sage-debian-bookworm-standard-configured");

    enum class Where { Lan, Loopback };

private Q_SLOTS:
    void initTestCase() {
        for (const QHostAddress& a : QNetworkInterface::allAddresses())
            if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback() && m_lan.isEmpty())
                m_lan = a.toString();
        QVERIFY2(!m_lan.isEmpty(), "this test needs a non-loopback IPv4 address on this machine");
        QString why;
        QVERIFY2(m_server.start(&why), qPrintable(why));
        RegistrySeed seed(m_server.address());
        auto seeded = seedSageRepository(seed, m_path);
        QVERIFY2(seeded.ok(), qPrintable(seeded.error().toString()));
        m_transport = std::make_unique<http::Transport>();
    }

    void reach_data() {
        QTest::addColumn<Where>("where");
        QTest::addColumn<QStringList>("preference"); // registry/insecure
        QTest::addColumn<QString>("daemonJson");     // "" = no file; %1 = the LAN address, %2 = port
        QTest::addColumn<bool>("reached");
        const QStringList none;
        const QString hostPort = QStringLiteral("%1:%2");
        QTest::newRow("LAN, nothing marked") << Where::Lan << none << QString() << false;
        QTest::newRow("LAN, preference host:port")
            << Where::Lan << QStringList{hostPort} << QString() << true;
        QTest::newRow("LAN, preference host")
            << Where::Lan << QStringList{QStringLiteral("%1")} << QString() << true;
        QTest::newRow("LAN, preference other port")
            << Where::Lan << QStringList{QStringLiteral("%1:1")} << QString() << false;
        QTest::newRow("LAN, daemon.json host:port")
            << Where::Lan << none << QStringLiteral(R"({"insecure-registries":["%1:%2"]})") << true;
        QTest::newRow("LAN, daemon.json CIDR")
            << Where::Lan << none << QStringLiteral(R"({"insecure-registries":["%1/24"]})") << true;
        QTest::newRow("LAN, daemon.json other CIDR")
            << Where::Lan << none << QStringLiteral(R"({"insecure-registries":["198.18.0.0/15"]})") << false;
        QTest::newRow("LAN, daemon.json broken")
            << Where::Lan << none << QStringLiteral(R"({"insecure-registries":["%1")") << false;
        QTest::newRow("loopback, nothing marked") << Where::Loopback << none << QString() << true;
    }

    void reach() {
        QFETCH(Where, where);
        QFETCH(QStringList, preference);
        QFETCH(QString, daemonJson);
        QFETCH(bool, reached);
        const QString port = QString::number(m_server.port());
        registry::ClientOptions options;
        for (const QString& entry : std::as_const(preference))
            options.insecureRegistries << entry.arg(m_lan, port);
        if (!daemonJson.isEmpty()) {
            QFile file(
                m_tmp.filePath(QString::fromLatin1(QTest::currentDataTag()) + QStringLiteral(".json")));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QString(daemonJson)
                           .replace(QStringLiteral("%1"), m_lan)
                           .replace(QStringLiteral("%2"), port)
                           .toUtf8());
            options.daemonJsonFiles = {file.fileName()};
        }
        registry::Client client(*m_transport, options);
        const QString host =
            (where == Where::Lan ? m_lan : QStringLiteral("127.0.0.1")) + QLatin1Char(':') + port;
        std::unique_ptr<registry::TagsJob> job(client.listTags(registry::Repository{host, m_path}));
        QVERIFY(waitFor(job.get(), 20000));
        if (reached) {
            QVERIFY2(!job->error(), qPrintable(job->error().toString()));
            QVERIFY(job->result().tags.contains(QStringLiteral("dev")));
            return;
        }
        const QString text = job->error().toString();
        QVERIFY2(text.contains(QStringLiteral("speaks only plain HTTP")) && text.contains(host) &&
                     text.contains(QStringLiteral("Preferences")),
                 qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestInsecureRegistry)
#include "tst_insecureregistry.moc"
