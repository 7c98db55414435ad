// dockerd's insecure-registries rules: which host[:port] may be reached over plain HTTP for each kind
// of entry (host, host:port, CIDR, with a scheme), loopback always; and daemon.json read as dockerd
// reads it, where a missing, broken, endless or blocking file is skipped, never hangs.

#include "registry/insecureregistries.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace sagedock;
using namespace sagedock::registry;

class TestInsecureRegistries : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decide_data() {
        QTest::addColumn<QStringList>("entries");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("insecure");
        const QStringList none;
        const QStringList hostPort{QStringLiteral("registry.lan:5000")};
        const QStringList hostOnly{QStringLiteral("registry.lan")};
        const QStringList cidr{QStringLiteral("10.0.0.0/8"), QStringLiteral("fd00::/8")};
        const QStringList scheme{QStringLiteral("http://192.0.2.7:5000/")};
        const QStringList ipv6{QStringLiteral("[2001:db8::1]:5000")};
        // Loopback: dockerd's built-in 127.0.0.0/8.
        QTest::newRow("127.0.0.1:5000, no entries") << none << "127.0.0.1:5000" << true;
        QTest::newRow("127.8.9.10, no entries") << none << "127.8.9.10" << true;
        QTest::newRow("localhost:5000, no entries") << none << "localhost:5000" << true;
        QTest::newRow("[::1]:5000, no entries") << none << "[::1]:5000" << true;
        QTest::newRow("ghcr.io, no entries") << none << "ghcr.io" << false;
        QTest::newRow("192.0.2.7:5000, no entries") << none << "192.0.2.7:5000" << false;
        // host:port names that port only.
        QTest::newRow("host:port, same") << hostPort << "registry.lan:5000" << true;
        QTest::newRow("host:port, case") << hostPort << "REGISTRY.lan:5000" << true;
        QTest::newRow("host:port, other port") << hostPort << "registry.lan:5001" << false;
        QTest::newRow("host:port, no port") << hostPort << "registry.lan" << false;
        QTest::newRow("host:port, other host") << hostPort << "registry.lan.evil:5000" << false;
        // host alone: any port.
        QTest::newRow("host, port 5000") << hostOnly << "registry.lan:5000" << true;
        QTest::newRow("host, no port") << hostOnly << "registry.lan" << true;
        QTest::newRow("host, sub-domain") << hostOnly << "a.registry.lan" << false;
        // CIDR: IP hosts inside, any port; names are not resolved.
        QTest::newRow("CIDR, inside") << cidr << "10.1.2.3:5000" << true;
        QTest::newRow("CIDR, inside, no port") << cidr << "10.255.0.1" << true;
        QTest::newRow("CIDR, outside") << cidr << "11.0.0.1:5000" << false;
        QTest::newRow("CIDR, IPv6 inside") << cidr << "[fd12::5]:5000" << true;
        QTest::newRow("CIDR, IPv6 outside") << cidr << "[2001:db8::5]:5000" << false;
        QTest::newRow("CIDR, a name") << cidr << "registry.lan:5000" << false;
        // dockerd drops a scheme and a trailing slash.
        QTest::newRow("http:// entry") << scheme << "192.0.2.7:5000" << true;
        QTest::newRow("http:// entry, other port") << scheme << "192.0.2.7:443" << false;
        QTest::newRow("IPv6 host:port") << ipv6 << "[2001:db8::1]:5000" << true;
        QTest::newRow("IPv6 written longer") << ipv6 << "[2001:db8:0:0:0:0:0:1]:5000" << true;
        QTest::newRow("IPv6 other port") << ipv6 << "[2001:db8::1]:5001" << false;
        QTest::newRow("garbage entries")
            << QStringList{QStringLiteral(""), QStringLiteral("/"), QStringLiteral("10.0.0.0/99"),
                           QStringLiteral("not a cidr/8")}
            << "10.0.0.1:5000" << false;
    }
    void decide() {
        QFETCH(QStringList, entries);
        QFETCH(QString, host);
        QFETCH(bool, insecure);
        QCOMPARE(isInsecureRegistry(entries, host), insecure);
    }

    void daemonJson_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QStringList>("entries");
        QTest::newRow("entries") << QByteArray(
                                        "{\"insecure-registries\":[\"10.0.0.0/8\",\"https://r.lan:5000/\"]}")
                                 << true
                                 << QStringList{QStringLiteral("10.0.0.0/8"), QStringLiteral("r.lan:5000")};
        QTest::newRow("none") << QByteArray(R"({"data-root":"/var/lib/docker"})") << true << QStringList();
        QTest::newRow("not strings") << QByteArray(R"({"insecure-registries":[1,null,"r.lan"]})") << true
                                     << QStringList{QStringLiteral("r.lan")};
        QTest::newRow("not an object") << QByteArray(R"(["r.lan"])") << false << QStringList();
        QTest::newRow("truncated") << QByteArray(R"({"insecure-registries":["r.lan")") << false
                                   << QStringList();
    }
    void daemonJson() {
        QFETCH(QByteArray, json);
        QFETCH(bool, ok);
        QFETCH(QStringList, entries);
        const auto parsed = insecureRegistriesFromDaemonJson(json);
        QCOMPARE(parsed.ok(), ok);
        if (ok)
            QCOMPARE(parsed.value(), entries);
    }

    // Files as a user's machine has them: only the good ones count, and nothing blocks.
    void readFiles() {
        QTemporaryDir dir;
        const auto write = [&dir](const QString& name, const QByteArray& text) {
            QFile f(dir.filePath(name));
            return f.open(QIODevice::WriteOnly) && f.write(text) == text.size() ? f.fileName() : QString();
        };
        const QString system =
            write(QStringLiteral("system.json"), R"({"insecure-registries":["10.0.0.0/8"]})");
        const QString rootless =
            write(QStringLiteral("rootless.json"), R"({"insecure-registries":["r.lan"]})");
        const QString broken = write(QStringLiteral("broken.json"), "{insecure");
        QVERIFY(!system.isEmpty() && !rootless.isEmpty() && !broken.isEmpty());
        const QString fifo = dir.filePath(QStringLiteral("fifo.json"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const QStringList entries =
            readDaemonInsecureRegistries({system, dir.filePath(QStringLiteral("missing.json")), broken, fifo,
                                          QStringLiteral("/dev/zero"), dir.path(), rootless});
        QCOMPARE(entries, (QStringList{QStringLiteral("10.0.0.0/8"), QStringLiteral("r.lan")}));
    }

    void paths() {
        qputenv("SAGEDOCK_DAEMON_JSON", "/tmp/x/daemon.json");
        QCOMPARE(dockerDaemonJsonPaths(), QStringList{QStringLiteral("/tmp/x/daemon.json")});
        qunsetenv("SAGEDOCK_DAEMON_JSON");
        qputenv("XDG_CONFIG_HOME", "/home/u/.cfg");
        QCOMPARE(dockerDaemonJsonPaths(), (QStringList{QStringLiteral("/etc/docker/daemon.json"),
                                                       QStringLiteral("/home/u/.cfg/docker/daemon.json")}));
    }
};

QTEST_GUILESS_MAIN(TestInsecureRegistries)
#include "tst_insecureregistries.moc"
