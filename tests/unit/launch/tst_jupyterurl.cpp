// Token URLs from real-shaped Jupyter start-up logs (Server, Lab, Notebook 7, classic) and their
// rewrite to the host port.

#include "launch/jupyterurl.h"

#include <QTest>

using namespace sagedock;

class TestJupyterUrl : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parse_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("found");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("base");
        const QString tok = QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef");
        QTest::newRow("lab loopback")
            << "[I 2026-05-04 10:00:00.123 ServerApp]     http://127.0.0.1:8888/lab?token=" + tok << true
            << "127.0.0.1" << 8888 << "/lab"
            << "/";
        QTest::newRow("lab hostname")
            << "[I 2026-05-04 10:00:00.123 ServerApp] http://3f2a9c1b7d4e:8888/lab?token=" + tok << true
            << "3f2a9c1b7d4e" << 8888 << "/lab"
            << "/";
        QTest::newRow("notebook 7") << "        http://127.0.0.1:8888/tree?token=" + tok << true
                                    << "127.0.0.1" << 8888 << "/tree"
                                    << "/";
        QTest::newRow("jupyter server")
            << "    http://localhost:9999/?token=" + tok << true << "localhost" << 9999 << "/"
            << "/";
        QTest::newRow("classic") << "[I 10:00:00.123 NotebookApp]  or http://127.0.0.1:8888/?token=" + tok
                                 << true << "127.0.0.1" << 8888 << "/"
                                 << "/";
        QTest::newRow("ipv6") << "    http://[::1]:8888/lab?token=" + tok << true << "[::1]" << 8888 << "/lab"
                              << "/";
        QTest::newRow("base url") << "    http://127.0.0.1:8888/user/ada/lab?token=" + tok << true
                                  << "127.0.0.1" << 8888 << "/user/ada/lab"
                                  << "/user/ada/";
        QTest::newRow("token from config") << "[I ServerApp] http://127.0.0.1:8888/lab?token=..." << false
                                           << QString() << 0 << QString() << QString();
        QTest::newRow("file url")
            << "        file:///home/sage/.local/share/jupyter/runtime/jpserver-7-open.html" << false
            << QString() << 0 << QString() << QString();
        QTest::newRow("no token") << "[I ServerApp] Jupyter Server 2.14.2 is running at:" << false
                                  << QString() << 0 << QString() << QString();
    }

    void parse() {
        QFETCH(QString, line);
        QFETCH(bool, found);
        const auto u = launch::parseJupyterUrl(line);
        QCOMPARE(u.has_value(), found);
        if (!found)
            return;
        QTEST(u->host, "host");
        QTEST(u->port, "port");
        QTEST(u->path, "path");
        QTEST(u->basePath(), "base");
        QCOMPARE(u->token.size(), 48);
    }

    void rewriteToHostPort() {
        const auto u = launch::parseJupyterUrl(QStringLiteral("http://abc123:8888/tree?token=deadbeef"));
        QVERIFY(u);
        QCOMPARE(launch::hostUrl(*u, QStringLiteral("127.0.0.1"), 8890).toString(),
                 QStringLiteral("http://127.0.0.1:8890/tree?token=deadbeef"));
        QCOMPARE(launch::apiUrl(*u, QStringLiteral("127.0.0.1"), 8890).toString(),
                 QStringLiteral("http://127.0.0.1:8890/api"));
    }

    void scannerPrefersLoopback() {
        // The CRITICAL block of Jupyter Server lists the hostname URL first.
        const QStringList log = {
            QStringLiteral("[I 2026-05-04 10:00:00.100 ServerApp] Serving notebooks from local directory: "
                           "/home/sage/notebooks"),
            QStringLiteral("[I 2026-05-04 10:00:00.101 ServerApp] Jupyter Server 2.14.2 is running at:"),
            QStringLiteral("[I 2026-05-04 10:00:00.102 ServerApp] http://c0ffee:8888/lab?token=aaaa"),
            QStringLiteral("[I 2026-05-04 10:00:00.103 ServerApp]     http://127.0.0.1:8888/lab?token=aaaa"),
            QStringLiteral("    Or copy and paste one of these URLs:"),
            QStringLiteral("        http://c0ffee:8888/lab?token=aaaa"),
        };
        launch::JupyterUrlScanner s;
        QList<bool> improved;
        for (const QString& l : log)
            improved << s.feedLine(l);
        QCOMPARE(improved, (QList<bool>{false, false, true, true, false, false}));
        QVERIFY(s.url());
        QCOMPARE(s.url()->host, QStringLiteral("127.0.0.1"));
    }
};

QTEST_GUILESS_MAIN(TestJupyterUrl)
#include "tst_jupyterurl.moc"
