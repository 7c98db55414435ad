// What the CLI's session commands act on, as pure functions: which sessions `stop` selects (owner label,
// --all vs --all-users, names and id prefixes), the docker argv `sagedock-cli shell` runs, and which
// running session a launch on the same notebooks folder offers instead (the Launch and Review pages).

#include "launch/desktop.h"
#include "launch/sessionstore.h"

#include <QTest>

using namespace sagedock;

namespace {

launch::Session session(const QString& id, const QString& name, int owner) {
    launch::Session s;
    s.id = id;
    s.name = name;
    s.owner = owner;
    s.state = QStringLiteral("running");
    s.workdir = QStringLiteral("/home/sage");
    return s;
}

const QList<launch::Session> kSessions{session(QStringLiteral("aaa111"), QStringLiteral("mine-1"), 1000),
                                       session(QStringLiteral("aab222"), QStringLiteral("mine-2"), 1000),
                                       session(QStringLiteral("bbb333"), QStringLiteral("theirs"), 4242),
                                       session(QStringLiteral("ccc444"), QStringLiteral("unlabelled"), -1)};

} // namespace

class TestSessionCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void select_data() {
        QTest::addColumn<QStringList>("ids");
        QTest::addColumn<bool>("all");
        QTest::addColumn<bool>("allUsers");
        QTest::addColumn<uint>("uid");
        QTest::addColumn<QStringList>("expected"); // names; empty + error = "error"
        QTest::addColumn<QString>("error");
        QTest::newRow("--all: only mine")
            << QStringList{} << true << false << 1000u
            << QStringList{QStringLiteral("mine-1"), QStringLiteral("mine-2")} << QString();
        QTest::newRow("--all as 4242")
            << QStringList{} << true << false << 4242u << QStringList{QStringLiteral("theirs")} << QString();
        QTest::newRow("--all, none mine")
            << QStringList{} << true << false << 7u << QStringList{} << QString();
        QTest::newRow("--all-users: everything")
            << QStringList{} << false << true << 1000u
            << QStringList{QStringLiteral("mine-1"), QStringLiteral("mine-2"), QStringLiteral("theirs"),
                           QStringLiteral("unlabelled")}
            << QString();
        QTest::newRow("by name") << QStringList{QStringLiteral("theirs")} << false << false << 1000u
                                 << QStringList{QStringLiteral("theirs")} << QString();
        QTest::newRow("by id prefix") << QStringList{QStringLiteral("aab")} << false << false << 1000u
                                      << QStringList{QStringLiteral("mine-2")} << QString();
        QTest::newRow("ambiguous prefix") << QStringList{QStringLiteral("aa")} << false << false << 1000u
                                          << QStringList{} << "matches several";
        QTest::newRow("unknown") << QStringList{QStringLiteral("zzz")} << false << false << 1000u
                                 << QStringList{} << "No SageDock session matches zzz";
    }

    void select() {
        QFETCH(QStringList, ids);
        QFETCH(bool, all);
        QFETCH(bool, allUsers);
        QFETCH(uint, uid);
        QFETCH(QStringList, expected);
        QFETCH(QString, error);
        const auto r = launch::selectSessions(kSessions, ids, all, allUsers, uid);
        QCOMPARE(r.ok(), error.isEmpty());
        if (!r.ok()) {
            QVERIFY2(r.error().message.contains(error), qPrintable(r.error().message));
            return;
        }
        QStringList names;
        for (const launch::Session& s : r.value())
            names << s.name;
        QCOMPARE(names, expected);
    }

    void runningOnFolder_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("expected"); // name; empty = none
        QTest::newRow("running Jupyter") << "/home/me/SageMath"
                                         << "jupyter";
        QTest::newRow("same folder, unclean") << "/home/me/./SageMath/"
                                              << "jupyter";
        QTest::newRow("only a shell there") << "/home/me/shells"
                                            << "";
        QTest::newRow("only a stopped one there") << "/home/me/old"
                                                  << "";
        QTest::newRow("another folder") << "/home/me/Other"
                                        << "";
    }

    void runningOnFolder() {
        QFETCH(QString, folder);
        QFETCH(QString, expected);
        const auto with = [](const QString& name, const QString& notebooks, const QString& mode,
                             const QString& state) {
            launch::Session s = session(name, name, 1000);
            s.notebooks = notebooks;
            s.mode = mode;
            s.state = state;
            return s;
        };
        const QList<launch::Session> sessions{with(QStringLiteral("old"), QStringLiteral("/home/me/old"),
                                                   QStringLiteral("jupyter"), QStringLiteral("exited")),
                                              with(QStringLiteral("shell"), QStringLiteral("/home/me/shells"),
                                                   QStringLiteral("shell"), QStringLiteral("running")),
                                              with(QStringLiteral("jupyter"),
                                                   QStringLiteral("/home/me/SageMath"),
                                                   QStringLiteral("jupyter"), QStringLiteral("running"))};
        const std::optional<launch::Session> found = launch::runningJupyterOn(sessions, folder);
        QCOMPARE(found ? found->name : QString(), expected);
    }

    void execArgv_data() {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<bool>("tty");
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QStringList>("argv");
        const QStringList tail{QStringLiteral("-w"), QStringLiteral("/home/sage"), QStringLiteral("mine-1")};
        QTest::newRow("terminal: -it bash") << "unix:///var/run/docker.sock" << false << true << QStringList{}
                                            << QStringList{QStringLiteral("docker"),
                                                           QStringLiteral("--host"),
                                                           QStringLiteral("unix:///var/run/docker.sock"),
                                                           QStringLiteral("exec"),
                                                           QStringLiteral("-i"),
                                                           QStringLiteral("-t")} +
                                                   tail + QStringList{QStringLiteral("bash")};
        QTest::newRow("no terminal: -i only, a command as argv")
            << "unix:///run/user/1000/docker.sock" << false << false
            << QStringList{QStringLiteral("sage"), QStringLiteral("-c"), QStringLiteral("print(1 + 1)")}
            << QStringList{QStringLiteral("docker"), QStringLiteral("--host"),
                           QStringLiteral("unix:///run/user/1000/docker.sock"), QStringLiteral("exec"),
                           QStringLiteral("-i")} +
                   tail +
                   QStringList{QStringLiteral("sage"), QStringLiteral("-c"), QStringLiteral("print(1 + 1)")};
        QTest::newRow("tcp with TLS") << "tcp://engine:2376" << true << true << QStringList{}
                                      << QStringList{QStringLiteral("docker"),
                                                     QStringLiteral("--host"),
                                                     QStringLiteral("tcp://engine:2376"),
                                                     QStringLiteral("--tlsverify"),
                                                     QStringLiteral("--tlscacert"),
                                                     QStringLiteral("/c/ca.pem"),
                                                     QStringLiteral("exec"),
                                                     QStringLiteral("-i"),
                                                     QStringLiteral("-t")} +
                                             tail + QStringList{QStringLiteral("bash")};
    }

    void execArgv() {
        QFETCH(QString, host);
        QFETCH(bool, tls);
        QFETCH(bool, tty);
        QFETCH(QStringList, command);
        engine::Endpoint e;
        e.host = host;
        if (tls) {
            e.kind = engine::Endpoint::Kind::Tcp;
            e.tls = true;
            e.caFile = QStringLiteral("/c/ca.pem");
        }
        QTEST(launch::dockerExecArgv(e, kSessions.first(), tty, command), "argv");
    }
};

QTEST_GUILESS_MAIN(TestSessionCli)
#include "tst_sessioncli.moc"
