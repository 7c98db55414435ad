// sagedock-cli launch / ps / stop / shell as a user (or a CI job) runs them: JSON fields, exit codes,
// one-line errors on stderr (bad notebooks folders, an image that dies, a Jupyter that never gets
// ready), and no container left behind; `shell` on a real pseudo-terminal and without one; a user
// outside the docker group gets the permission sentence with its fix. Scratch settings through
// XDG_CONFIG_HOME.

#include "testenvironment.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace sagedock;

class TestLaunchCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_cli;

    struct Run {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    Run cli(const QStringList& args, int timeoutMs = 60000, const QByteArray& input = {}) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + testsupport::dockerSocket());
        p.setProcessEnvironment(env);
        p.start(m_cli, args);
        // stdin is a pipe, never a terminal: what a CI job or a script gives the CLI.
        p.write(input);
        p.closeWriteChannel();
        Run r;
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    // A shell session of the fixture sagemath-dev image launched by the CLI; its name ("" on failure).
    QString launchShellSession() {
        const Run launched =
            cli({QStringLiteral("launch"), testsupport::fixtureImage(QStringLiteral("sagemath-dev")),
                 QStringLiteral("--shell"), QStringLiteral("--notebooks"),
                 m_tmp.filePath(QStringLiteral("nb")), QStringLiteral("--json")});
        if (launched.code != 0)
            qWarning("launch failed: %s", launched.err.constData());
        return QJsonDocument::fromJson(launched.out).object().value(QLatin1String("name")).toString();
    }

private Q_SLOTS:
    void initTestCase() {
        SAGEDOCK_REQUIRE_ENGINE();
        QVERIFY(m_tmp.isValid());
        m_cli = qEnvironmentVariable("SAGEDOCK_CLI");
        QVERIFY2(QFileInfo(m_cli).isExecutable(), "SAGEDOCK_CLI must name the built sagedock-cli");
    }

    void cleanupTestCase() {
        // Only sessions whose notebooks live in this test's scratch folder are ours.
        QByteArray ids;
        testsupport::runDocker(
            {QStringLiteral("ps"), QStringLiteral("-aq"), QStringLiteral("--filter"),
             QStringLiteral("label=org.sagedock.notebooks=") + m_tmp.filePath(QStringLiteral("nb"))},
            &ids);
        const QStringList list = QString::fromUtf8(ids).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (!list.isEmpty())
            testsupport::runDocker(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} + list);
    }

    void launchPsStop() {
        const QString nb = m_tmp.filePath(QStringLiteral("nb"));
        const Run launched = cli(
            {QStringLiteral("launch"), testsupport::fixtureImage(QStringLiteral("sagemath-dev")),
             QStringLiteral("--notebooks"), nb, QStringLiteral("--no-browser"), QStringLiteral("--json")});
        QVERIFY2(launched.code == 0, launched.err.constData());
        // --json: stderr carries errors only (no progress lines, no "no browser found").
        QCOMPARE(launched.err, QByteArray());
        const QJsonObject s = QJsonDocument::fromJson(launched.out).object();
        QCOMPARE(s.value(QLatin1String("owner")).toInt(-1), int(::getuid()));
        QCOMPARE(s.value(QLatin1String("browser")).toString(), QStringLiteral("not-requested"));
        for (const char* key :
             {"id", "name", "image", "flavor", "url", "port", "workdir", "notebooks", "container_notebooks"})
            QVERIFY2(s.contains(QLatin1String(key)), key);
        QCOMPARE(s.value(QLatin1String("flavor")).toString(), QStringLiteral("sagemath-dev"));
        QCOMPARE(s.value(QLatin1String("workdir")).toString(), QStringLiteral("/home/sage/sage"));
        QCOMPARE(s.value(QLatin1String("notebooks")).toString(), nb);
        QCOMPARE(s.value(QLatin1String("container_notebooks")).toString(),
                 QStringLiteral("/home/sage/notebooks"));
        const int port = s.value(QLatin1String("port")).toInt();
        QVERIFY(s.value(QLatin1String("url"))
                    .toString()
                    .startsWith(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
        const QString id = s.value(QLatin1String("id")).toString();

        http::Request api;
        api.url = QUrl(QStringLiteral("http://127.0.0.1:%1/api").arg(port));
        QCOMPARE(testsupport::fetch(api).status, 200);

        const Run ps = cli({QStringLiteral("ps"), QStringLiteral("--json")});
        QCOMPARE(ps.code, 0);
        bool found = false;
        for (const QJsonValue& v : QJsonDocument::fromJson(ps.out).array())
            if (v.toObject().value(QLatin1String("id")).toString() == id) {
                found = true;
                QCOMPARE(v.toObject().value(QLatin1String("url")).toString(),
                         s.value(QLatin1String("url")).toString());
            }
        QVERIFY(found);

        // The table: every value starts exactly under its header, however long the values are.
        const Run table = cli({QStringLiteral("ps")});
        QCOMPARE(table.code, 0);
        const QList<QByteArray> lines = table.out.split('\n');
        const QByteArray header = lines.first();
        for (const QByteArray& line : lines) {
            if (!line.contains(s.value(QLatin1String("name")).toString().toUtf8()))
                continue;
            for (const char* column : {"OWNER", "FLAVOR", "PORT", "STATE", "IMAGE", "URL"}) {
                const qsizetype at = header.indexOf(column);
                QVERIFY(at > 0);
                QCOMPARE(line.at(at - 1), ' ');
                QCOMPARE(line.at(at - 2), ' ');
                QVERIFY(line.at(at) != ' ');
            }
        }

        const Run stopped =
            cli({QStringLiteral("stop"), id.left(12), QStringLiteral("--timeout"), QStringLiteral("2")});
        QVERIFY2(stopped.code == 0, stopped.err.constData());
        QVERIFY(testsupport::runDocker({QStringLiteral("inspect"), id}) != 0);

        const Run again = cli({QStringLiteral("stop"), id.left(12)});
        QCOMPARE(again.code, 1);
        QVERIFY(again.err.startsWith("sagedock-cli: No SageDock session matches"));
        QCOMPARE(again.err.count('\n'), 1); // one line
    }

    // `shell` without a terminal: one sentence on stderr, then the command reads stdin (argv, no
    // shell string on the host) and its output and exit status are the CLI's.
    void shellWithoutTerminal() {
        const QString name = launchShellSession();
        QVERIFY(!name.isEmpty());
        const Run shell = cli({QStringLiteral("shell"), name, QStringLiteral("--"), QStringLiteral("sh")},
                              60000, "echo \"in $(pwd) as $(id -u)\"\nexit 3\n");
        QCOMPARE(shell.code, 3);
        QCOMPARE(shell.out, QByteArray("in /home/sage/sage as " + QByteArray::number(::getuid()) + "\n"));
        QVERIFY2(shell.err.startsWith("sagedock-cli: no terminal here"), shell.err.constData());
        QCOMPARE(shell.err.count('\n'), 1);
        const Run unknown = cli({QStringLiteral("shell"), QStringLiteral("no-such-session")});
        QCOMPARE(unknown.code, 1);
        QVERIFY(unknown.err.contains("No SageDock session matches no-such-session"));
        QCOMPARE(cli({QStringLiteral("stop"), name, QStringLiteral("--timeout"), QStringLiteral("1")}).code,
                 0);
    }

    // `shell` with a terminal: a real pseudo-terminal (Debian's python3 `pty`) runs the CLI; the shell
    // in the session draws its prompt in the session's working folder, a typed command runs on a TTY
    // inside the container, and `exit 7` is the CLI's exit status. The driver prints the transcript.
    void shellWithTerminal() {
        const QString name = launchShellSession();
        QVERIFY(!name.isEmpty());
        const auto stop = qScopeGuard([&] {
            cli({QStringLiteral("stop"), name, QStringLiteral("--timeout"), QStringLiteral("1")});
        });
        const QString python = QStringLiteral("/usr/bin/python3"); // Debian's, with its pty module
        QVERIFY2(QFileInfo(python).isExecutable(), "Debian's /usr/bin/python3 drives the pseudo-terminal");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + testsupport::dockerSocket());
        env.insert(QStringLiteral("TERM"), QStringLiteral("xterm"));
        p.setProcessEnvironment(env);
        p.start(python, {testsupport::sourceDir() + QStringLiteral("/tests/integration/launch/ptyshell.py"),
                         m_cli, QStringLiteral("shell"), name,
                         // The fixture's /bin/bash is busybox without its bash applet: its sh instead.
                         QStringLiteral("--"), QStringLiteral("sh")});
        QVERIFY(p.waitForFinished(90000));
        const QByteArray transcript = p.readAllStandardOutput();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 7, transcript.constData());
        QVERIFY2(transcript.contains("/dev/pts/"), transcript.constData()); // a TTY inside the container
        QVERIFY2(transcript.contains("marker-42"), transcript.constData());
        QVERIFY2(!transcript.contains("no terminal here"), transcript.constData());
    }

    // Bad input and faults: one sentence on stderr (with the image's last log lines where the image
    // failed), exit 1, nothing deleted, nothing left running. Spaces and non-ASCII letters work.
    void launchFaults_data() {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QByteArray>("words"); // empty: the launch works
        QTest::newRow("folder is a file") << "file" << QByteArray("is a file, not a folder.");
        QTest::newRow("folder is a symlink to /")
            << "link-root" << QByteArray("is the root of the file system");
        QTest::newRow("folder on a read-only file system")
            << "read-only" << QByteArray("is on a read-only file system");
        QTest::newRow("image exits before Jupyter is ready")
            << "exits" << QByteArray("The container stopped before Jupyter was ready.");
        QTest::newRow("Jupyter never prints a token URL")
            << "no-token" << QByteArray("Jupyter did not get ready within 3 s.");
        QTest::newRow("folder with spaces and non-ASCII") << "spaces" << QByteArray();
    }

    void launchFaults() {
        QFETCH(QString, fault);
        QFETCH(QByteArray, words);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const testsupport::FaultyFolder faulty(fault, dir.path());
        QVERIFY2(faulty.error().isEmpty(), qPrintable(faulty.error()));
        const QString folder = faulty.path();
        QString image = testsupport::fixtureImage(QStringLiteral("sagemath"));
        QStringList extra;
        if (fault == QLatin1String("exits") || fault == QLatin1String("no-token")) {
            image = QStringLiteral("sagedock-fixture/sagemath-faults:") + fault;
            extra << QStringLiteral("--timeout") << QStringLiteral("3");
        }
        const QFileInfo before(folder);
        const Run r = cli(QStringList{QStringLiteral("launch"), image, QStringLiteral("--notebooks"), folder,
                                      QStringLiteral("--no-browser"), QStringLiteral("--json")} +
                          extra);
        const auto ours = [&] {
            return testsupport::containersLabelled(QStringLiteral("org.sagedock.notebooks=") + folder);
        };
        if (words.isEmpty()) {
            QVERIFY2(r.code == 0, r.err.constData());
            const QJsonObject s = QJsonDocument::fromJson(r.out).object();
            QCOMPARE(s.value(QLatin1String("notebooks")).toString(), folder);
            QVERIFY(QFileInfo(folder).isDir());
            const QString id = s.value(QLatin1String("id")).toString();
            QCOMPARE(testsupport::runDocker({QStringLiteral("exec"), id, QStringLiteral("touch"),
                                             s.value(QLatin1String("container_notebooks")).toString() +
                                                 QStringLiteral("/from-jupyter")}),
                     0);
            QVERIFY(QFileInfo::exists(folder + QStringLiteral("/from-jupyter")));
            QCOMPARE(cli({QStringLiteral("stop"), id, QStringLiteral("--timeout"), QStringLiteral("1")}).code,
                     0);
            QVERIFY(ours().isEmpty());
            return;
        }
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        QVERIFY2(r.err.startsWith("sagedock-cli: ") && r.err.contains(words), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1); // one line, the log tail included
        if (fault == QLatin1String("exits"))
            QVERIFY2(r.err.contains("No module named notebook (fixture)"), r.err.constData());
        if (fault == QLatin1String("no-token"))
            QVERIFY2(r.err.contains("it never prints its URL"), r.err.constData());
        const QFileInfo after(folder); // a refused folder stays as it was; a failed launch deletes nothing
        QCOMPARE(after.exists(), !extra.isEmpty() || before.exists());
        QCOMPARE(after.isSymLink(), before.isSymLink());
        if (fault == QLatin1String("file"))
            QCOMPARE(after.size(), qint64(9));
        QTRY_VERIFY_WITH_TIMEOUT(ours().isEmpty(), 15000);
    }

    // `stop --all` stops the caller's sessions only; `--all-users` is the explicit way to stop another
    // user's. uid 4243 (no other test uses it) in the socket's group runs the CLI through setpriv.
    void stopAllIsPerUser() {
        QVERIFY2(::geteuid() == 0,
                 "this test runs the CLI as uid 4243 with setpriv: run it as root (CI does)");
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        QVERIFY2(!setpriv.isEmpty(), "setpriv (util-linux) is needed to run the CLI as another user");
        const QString socket = testsupport::dockerSocket();
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(socket).constData(), &st), 0);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QCOMPARE(::chown(QFile::encodeName(home.path()).constData(), 4243, 4243), 0);
        const auto asOther = [&](const QStringList& args) {
            QProcessEnvironment env;
            env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
            env.insert(QStringLiteral("HOME"), home.path());
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
            env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + socket);
            QProcess p;
            p.setProcessEnvironment(env);
            p.setWorkingDirectory(home.path());
            p.start(setpriv, QStringList{QStringLiteral("--reuid=4243"), QStringLiteral("--regid=4243"),
                                         QStringLiteral("--groups=%1").arg(st.st_gid), m_cli} +
                                 args);
            Run r;
            if (p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit)
                r.code = p.exitCode();
            r.out = p.readAllStandardOutput();
            r.err = p.readAllStandardError();
            return r;
        };
        const QString image = testsupport::fixtureImage(QStringLiteral("sagemath-dev"));
        const Run mine =
            cli({QStringLiteral("launch"), image, QStringLiteral("--shell"), QStringLiteral("--notebooks"),
                 m_tmp.filePath(QStringLiteral("nb")), QStringLiteral("--json")});
        QVERIFY2(mine.code == 0, mine.err.constData());
        const QString mineId =
            QJsonDocument::fromJson(mine.out).object().value(QLatin1String("id")).toString();
        const Run theirs = asOther({QStringLiteral("launch"), image, QStringLiteral("--shell"),
                                    QStringLiteral("--notebooks"), home.filePath(QStringLiteral("nb")),
                                    QStringLiteral("--json")});
        QVERIFY2(theirs.code == 0, theirs.err.constData());
        const QJsonObject theirSession = QJsonDocument::fromJson(theirs.out).object();
        const QString theirId = theirSession.value(QLatin1String("id")).toString();
        const auto removeTheirs = qScopeGuard([&] {
            testsupport::runDocker({QStringLiteral("rm"), QStringLiteral("-f"), theirId});
        });
        QCOMPARE(theirSession.value(QLatin1String("owner")).toInt(), 4243);

        const Run stopped = asOther({QStringLiteral("stop"), QStringLiteral("--all"),
                                     QStringLiteral("--timeout"), QStringLiteral("1")});
        QVERIFY2(stopped.code == 0, stopped.err.constData());
        QCOMPARE(stopped.out, "stopped and removed " +
                                  theirSession.value(QLatin1String("name")).toString().toUtf8() + "\n");
        QVERIFY(testsupport::runDocker({QStringLiteral("inspect"), theirId}) != 0);
        QCOMPARE(testsupport::runDocker({QStringLiteral("inspect"), mineId}),
                 0); // root's session is untouched
        const Run none = asOther({QStringLiteral("stop"), QStringLiteral("--all")});
        QCOMPARE(none.code, 0);
        QCOMPARE(none.out, QByteArray("No SageDock sessions of yours.\n"));
        QCOMPARE(cli({QStringLiteral("stop"), mineId, QStringLiteral("--timeout"), QStringLiteral("1")}).code,
                 0);
    }

    // The first-day problem: the user is not in the docker group. The test drops to nobody
    // (uid/gid 65534, no supplementary groups) with setpriv and talks to the REAL socket, which is
    // root:docker 0660; the CLI must say so in one sentence with the fix.
    void permissionDeniedOnSocket_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("ps") << QStringList{QStringLiteral("ps")};
        QTest::newRow("ps --json") << QStringList{QStringLiteral("ps"), QStringLiteral("--json")};
        QTest::newRow("launch") << QStringList{QStringLiteral("launch"),
                                               testsupport::fixtureImage(QStringLiteral("sagemath")),
                                               QStringLiteral("--no-browser")};
    }

    void permissionDeniedOnSocket() {
        QFETCH(QStringList, args);
        const QString socket = testsupport::dockerSocket();
        QVERIFY2(::geteuid() == 0, "this test drops privileges with setpriv: run it as root (CI does)");
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        QVERIFY2(!setpriv.isEmpty(), "setpriv (util-linux) is needed to run the CLI as another user");
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(socket).constData(), &st), 0);
        QVERIFY2((st.st_mode & S_IWOTH) == 0 && st.st_uid != 65534 && st.st_gid != 65534,
                 "the engine socket must not be writable by uid 65534 for this test to mean anything");

        // A home the unprivileged user owns: settings, cache, notebooks folder.
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QCOMPARE(::chown(QFile::encodeName(home.path()).constData(), 65534, 65534), 0);
        const QProcessEnvironment env = testsupport::otherUserEnvironment(home.path());
        QProcess p;
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(home.path());
        QStringList argv{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                         QStringLiteral("--clear-groups"), m_cli};
        argv += args;
        if (args.first() == QLatin1String("launch"))
            argv << QStringLiteral("--notebooks") << home.filePath(QStringLiteral("nb"));
        p.start(setpriv, argv);
        QVERIFY(p.waitForFinished(30000));
        const QByteArray err = p.readAllStandardError();
        const QByteArray out = p.readAllStandardOutput();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 1, err.constData());
        QVERIFY2(out.isEmpty(), out.constData()); // nothing half-listed on stdout
        const QByteArray expected = "sagedock-cli: Permission denied on the engine socket " +
                                    QFile::encodeName(socket) +
                                    ". (Add yourself to the docker group: sudo usermod -aG docker $USER, "
                                    "then log in again.)\n";
        // The error is the last line (launch prints its progress lines before it), and it is one line.
        QVERIFY2(err.endsWith(expected), err.constData());
        if (args.first() == QLatin1String("ps"))
            QCOMPARE(err, expected);
    }

    void usageAndFailures_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("stderrPart");
        QTest::newRow("no image") << QStringList{QStringLiteral("launch")} << 2 << QByteArray("IMAGE");
        QTest::newRow("bad flavor") << QStringList{QStringLiteral("launch"), QStringLiteral("x"),
                                                   QStringLiteral("--flavor"), QStringLiteral("jupyter")}
                                    << 2 << QByteArray("--flavor");
        QTest::newRow("bad port") << QStringList{QStringLiteral("launch"), QStringLiteral("x"),
                                                 QStringLiteral("--port"), QStringLiteral("70000")}
                                  << 2 << QByteArray("--port");
        QTest::newRow("stop nothing") << QStringList{QStringLiteral("stop")} << 2 << QByteArray("--all");
        QTest::newRow("stop --all and --all-users")
            << QStringList{QStringLiteral("stop"), QStringLiteral("--all"), QStringLiteral("--all-users")}
            << 2 << QByteArray("--all-users");
        QTest::newRow("shell without a session")
            << QStringList{QStringLiteral("shell")} << 2 << QByteArray("SESSION");
        QTest::newRow("notebooks is /")
            << QStringList{QStringLiteral("launch"),
                           testsupport::fixtureImage(QStringLiteral("sagemath-dev")),
                           QStringLiteral("--notebooks"), QStringLiteral("/"), QStringLiteral("--no-browser")}
            << 1 << QByteArray("root of the file system");
        QTest::newRow("notebooks is HOME")
            << QStringList{QStringLiteral("launch"),
                           testsupport::fixtureImage(QStringLiteral("sagemath-dev")),
                           QStringLiteral("--notebooks"), QDir::homePath(), QStringLiteral("--no-browser")}
            << 1 << QByteArray("home folder itself");
        QTest::newRow("invalid reference")
            << QStringList{QStringLiteral("launch"), QStringLiteral("Not/Valid:@@"),
                           QStringLiteral("--no-browser")}
            << 1 << QByteArray("sagedock-cli: ");
        QTest::newRow("not a sage image")
            << QStringList{QStringLiteral("launch"), testsupport::fixtureImage(QStringLiteral("base")),
                           QStringLiteral("--no-browser")}
            << 1 << QByteArray("--flavor");
    }

    void usageAndFailures() {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QTEST(r.code, "code");
        QFETCH(QByteArray, stderrPart);
        QVERIFY2(r.err.contains(stderrPart), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestLaunchCli)
#include "tst_cli.moc"
