// Flavor detection from image configs and the container spec each flavor gets.

#include "launch/desktop.h"
#include "launch/launchplan.h"
#include "launch/sessionstore.h"

#include <QTest>

using namespace sagedock;
using launch::Flavor;

Q_DECLARE_METATYPE(sagedock::engine::ImageDetails)

namespace {

engine::ImageDetails image(QString user, QString workdir, QStringList entrypoint, QStringList env = {}) {
    engine::ImageDetails d;
    d.user = std::move(user);
    d.workingDir = std::move(workdir);
    d.entrypoint = std::move(entrypoint);
    d.env = std::move(env);
    return d;
}

const engine::ImageDetails kSageMath = image(
    QStringLiteral("sage"), QStringLiteral("/home/sage"), {QStringLiteral("/usr/local/bin/sage-entrypoint")},
    {QStringLiteral("HOME=/home/sage"), QStringLiteral("LANG=C.UTF-8")});
const engine::ImageDetails kSageMathDev =
    image(QStringLiteral("sage"), QStringLiteral("/home/sage/sage"), {}, {QStringLiteral("HOME=/home/sage")});
const engine::ImageDetails kStage = image(QString(), QStringLiteral("/sage"), {});
const engine::ImageDetails kUbuntu = image(QString(), QString(), {});

} // namespace

class TestLaunchPlan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void detect_data() {
        QTest::addColumn<engine::ImageDetails>("img");
        QTest::addColumn<int>("flavor"); // -1 = not a Sage image
        QTest::newRow("sagemath") << kSageMath << int(Flavor::SageMath);
        QTest::newRow("sagemath old workdir")
            << image(QStringLiteral("sage"), QStringLiteral("/home/sage/sage"),
                     {QStringLiteral("/usr/local/bin/sage-entrypoint")})
            << int(Flavor::SageMath);
        QTest::newRow("sagemath-dev") << kSageMathDev << int(Flavor::SageMathDev);
        QTest::newRow("stage root empty") << kStage << int(Flavor::Stage);
        QTest::newRow("stage root named")
            << image(QStringLiteral("root"), QStringLiteral("/sage"), {}) << int(Flavor::Stage);
        QTest::newRow("stage non-root is not a stage")
            << image(QStringLiteral("sage"), QStringLiteral("/sage"), {}) << -1;
        QTest::newRow("ubuntu") << kUbuntu << -1;
    }

    void detect() {
        QFETCH(engine::ImageDetails, img);
        QFETCH(int, flavor);
        const auto r = launch::detectFlavor(img);
        QCOMPARE(r.ok(), flavor >= 0);
        if (r.ok())
            QCOMPARE(int(r.value()), flavor);
        else
            QVERIFY(r.error().hint.contains(QLatin1String("--flavor")));
    }

    void plan_data() {
        QTest::addColumn<engine::ImageDetails>("img");
        QTest::addColumn<bool>("stageHasSage");
        QTest::addColumn<bool>("shell");
        QTest::addColumn<uint>("uid");
        QTest::addColumn<QStringList>("cmd");
        QTest::addColumn<QString>("entrypoint"); // "image" = kept, else the joined override
        QTest::addColumn<QString>("workdir");
        QTest::addColumn<QString>("notebooks");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QStringList>("groupAdd");
        QTest::addColumn<bool>("planShell");

        const QString nb = QStringLiteral("--notebook-dir=/home/sage/notebooks");
        const QStringList sage{QStringLiteral("sage")};
        const QStringList devCmd{QStringLiteral("./sage"),       QStringLiteral("-n"),
                                 QStringLiteral("jupyter"),      QStringLiteral("--no-browser"),
                                 QStringLiteral("--ip=0.0.0.0"), QStringLiteral("--port=8888")};
        QTest::newRow("sagemath as host uid") << kSageMath << true << false << 1001u
                                              << QStringList{QStringLiteral("sage-jupyter"), nb} << "image"
                                              << "/home/sage"
                                              << "/home/sage/notebooks"
                                              << "1001:1001" << sage << false;
        // The uid that differs from the image's (issue 12): same shape, any uid.
        QTest::newRow("sagemath as uid 4242") << kSageMath << true << false << 4242u
                                              << QStringList{QStringLiteral("sage-jupyter"), nb} << "image"
                                              << "/home/sage"
                                              << "/home/sage/notebooks"
                                              << "4242:4242" << sage << false;
        // Root on the host: root in the container too (files stay root's), never a chmod 0777.
        QTest::newRow("sagemath as host root")
            << kSageMath << true << false << 0u
            << QStringList{QStringLiteral("sage-jupyter"), nb, QStringLiteral("--allow-root")} << "image"
            << "/home/sage"
            << "/home/sage/notebooks"
            << "0:0" << QStringList{} << false;
        QTest::newRow("sagemath-dev")
            << kSageMathDev << true << false << 1000u << devCmd + QStringList{nb} << ""
            << "/home/sage/sage"
            << "/home/sage/notebooks"
            << "1000:1001" << sage << false;
        QTest::newRow("sagemath-dev as host root")
            << kSageMathDev << true << false << 0u << devCmd + QStringList{nb, QStringLiteral("--allow-root")}
            << ""
            << "/home/sage/sage"
            << "/home/sage/notebooks"
            << "0:0" << QStringList{} << false;
        // A root image run by another uid: /root is 0700, so the notebooks get a folder at /.
        QTest::newRow("stage with-targets")
            << kStage << true << false << 1000u
            << devCmd + QStringList{QStringLiteral("--notebook-dir=/notebooks")} << ""
            << "/sage"
            << "/notebooks"
            << "1000:1001" << QStringList{} << false;
        QTest::newRow("stage with-targets as host root")
            << kStage << true << false << 0u
            << devCmd + QStringList{QStringLiteral("--notebook-dir=/root/notebooks"),
                                    QStringLiteral("--allow-root")}
            << ""
            << "/sage"
            << "/root/notebooks"
            << "0:0" << QStringList{} << false;
        QTest::newRow("stage configured: shell only")
            << kStage << false << false << 1000u << QStringList{} << "keepalive"
            << "/sage"
            << "/notebooks"
            << "1000:1001" << QStringList{} << true;
        QTest::newRow("sagemath shell asked")
            << kSageMath << true << true << 1001u << QStringList{} << "keepalive"
            << "/home/sage"
            << "/home/sage/notebooks"
            << "1001:1001" << sage << true;
        QTest::newRow("sagemath shell as host root")
            << kSageMath << true << true << 0u << QStringList{} << "keepalive"
            << "/home/sage"
            << "/home/sage/notebooks"
            << "0:0" << QStringList{} << true;
    }

    void plan() {
        QFETCH(engine::ImageDetails, img);
        QFETCH(bool, stageHasSage);
        QFETCH(bool, shell);
        QFETCH(uint, uid);
        launch::LaunchOptions o;
        o.image = QStringLiteral("x/y:1");
        o.notebooksFolder = QStringLiteral("/home/me/SageMath");
        o.shell = shell;
        o.hostUid = uid;
        o.hostGid = uid == 1000u ? 1001u : uid;
        const auto r = launch::planLaunch(img, o, stageHasSage, 8890);
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        const launch::LaunchPlan& p = r.value();
        QTEST(p.spec.cmd, "cmd");
        QFETCH(QString, entrypoint);
        if (entrypoint == QLatin1String("image"))
            QVERIFY(!p.spec.entrypoint.has_value());
        else if (entrypoint == QLatin1String("keepalive"))
            QVERIFY(p.spec.entrypoint && p.spec.entrypoint->value(0) == QLatin1String("/bin/sh"));
        else
            QCOMPARE(p.spec.entrypoint.value_or(QStringList{QStringLiteral("unset")}).join(QLatin1Char(' ')),
                     entrypoint);
        QTEST(p.workdir, "workdir");
        QTEST(p.containerNotebooks, "notebooks");
        QTEST(p.spec.user, "user");
        QTEST(p.user, "user");
        QTEST(p.spec.groupAdd, "groupAdd");
        QTEST(p.shell, "planShell");
        QFETCH(bool, planShell);
        QFETCH(QString, notebooks);
        QCOMPARE(p.spec.binds, QStringList{QStringLiteral("/home/me/SageMath:") + notebooks});
        // Never over the home itself.
        QVERIFY(notebooks != launch::imageHome(img));
        if (planShell) {
            QVERIFY(p.spec.ports.isEmpty());
        } else {
            QCOMPARE(p.spec.ports.size(), 1);
            QCOMPARE(p.spec.ports[0].hostIp, QStringLiteral("127.0.0.1"));
            QCOMPARE(p.spec.ports[0].hostPort, 8890);
            QCOMPARE(p.spec.ports[0].containerPort, 8888);
        }
        // Every state directory is the session's own, whatever the uid (sessionState checks the set).
        for (const QString& kv : launch::sessionStateEnv())
            QVERIFY2(p.spec.env.contains(kv), qPrintable(kv));
        const QString user = uid == 0 ? QStringLiteral("root") : QStringLiteral("sage");
        QVERIFY(p.spec.env.contains(QStringLiteral("USER=") + user));
        QVERIFY(p.spec.env.contains(QStringLiteral("LOGNAME=") + user));
        QCOMPARE(p.spec.labels.value(launch::labels::kSession), QStringLiteral("1"));
        QCOMPARE(p.spec.labels.value(launch::labels::kNotebooks), QStringLiteral("/home/me/SageMath"));
        QCOMPARE(p.spec.labels.value(launch::labels::kContainerNotebooks), notebooks);
        for (const QString& v : p.spec.labels)
            QVERIFY(!v.contains(QLatin1String("token")));
    }

    // What Jupyter (data and runtime dirs, notebook-signing database), IPython, Sage, matplotlib and
    // fontconfig write goes under one HOME of the session's own, never under the image user's home
    // (0750, another uid's: "[Errno 13] Permission denied: '/home/sage/.local'" in issue 12).
    void sessionState() {
        const QStringList env = launch::sessionStateEnv();
        const QString home = launch::kSessionHome;
        QCOMPARE(home, QStringLiteral("/tmp"));
        QStringList keys;
        for (const QString& kv : env) {
            const QString key = kv.section(QLatin1Char('='), 0, 0);
            const QString value = kv.section(QLatin1Char('='), 1);
            keys << key;
            QVERIFY2(value == home || value.startsWith(home + QLatin1Char('/')), qPrintable(kv));
        }
        for (const char* key : {"HOME", "DOT_SAGE", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR",
                                "MPLCONFIGDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"})
            QVERIFY2(keys.contains(QLatin1String(key)), key);
        QCOMPARE(keys.removeDuplicates(), 0);

        // The caller's own variables come after, so they win (Docker keeps the last of a name).
        launch::LaunchOptions o;
        o.image = QStringLiteral("x/y:1");
        o.notebooksFolder = QStringLiteral("/n");
        o.hostUid = 4242u;
        o.hostGid = 4242u;
        o.extraEnv = {QStringLiteral("MPLCONFIGDIR=/elsewhere")};
        const auto r = launch::planLaunch(kSageMath, o, true, 9000);
        QVERIFY(r.ok());
        QVERIFY(r->spec.env.indexOf(QStringLiteral("MPLCONFIGDIR=/elsewhere")) >
                r->spec.env.indexOf(QStringLiteral("MPLCONFIGDIR=") + home +
                                    QStringLiteral("/.config/matplotlib")));
    }

    void planOptions() {
        launch::LaunchOptions o;
        o.image = QStringLiteral("x/y:1");
        o.notebooksFolder = QStringLiteral("/n");
        o.publishOnAllInterfaces = true;
        o.workingDir = QStringLiteral("/work");
        o.command = {QStringLiteral("sage"), QStringLiteral("-c"), QStringLiteral("1+1")};
        o.flavor = QStringLiteral("sagemath-dev");
        o.hostUid = 1000u;
        o.hostGid = 1000u;
        auto r = launch::planLaunch(kSageMath, o, true, 9000);
        QVERIFY(r.ok());
        QCOMPARE(r->flavor, Flavor::SageMathDev);
        QCOMPARE(r->spec.ports[0].hostIp, QStringLiteral("0.0.0.0"));
        QCOMPARE(r->spec.workingDir, QStringLiteral("/work"));
        QCOMPARE(r->spec.cmd, o.command);

        o.flavor = QStringLiteral("nonsense");
        QVERIFY(!launch::planLaunch(kSageMath, o, true, 9000).ok());
        o.flavor = QStringLiteral("auto");
        o.notebooksFolder = QStringLiteral("/a:b");
        QCOMPARE(launch::planLaunch(kSageMath, o, true, 9000).error().code, util::ErrorCode::InvalidArgument);
        QCOMPARE(launch::planLaunch(kUbuntu, launch::LaunchOptions{}, true, 9000).error().code,
                 util::ErrorCode::InvalidArgument);
    }

    void imageHome_data() {
        QTest::addColumn<engine::ImageDetails>("img");
        QTest::addColumn<QString>("home");
        QTest::newRow("env") << kSageMath << "/home/sage";
        QTest::newRow("root") << kStage << "/root";
        QTest::newRow("named user") << image(QStringLiteral("ada:ada"), QString(), {}) << "/home/ada";
    }

    void imageHome() {
        QFETCH(engine::ImageDetails, img);
        QTEST(launch::imageHome(img), "home");
    }

    void terminal_data() {
        QTest::addColumn<QString>("preferred");
        QTest::addColumn<QString>("terminalEnv");
        QTest::addColumn<QStringList>("installed");
        QTest::addColumn<QStringList>("argv");
        const QStringList exec{QStringLiteral("docker"), QStringLiteral("exec"), QStringLiteral("-it"),
                               QStringLiteral("s1"), QStringLiteral("bash")};
        QTest::newRow("TERMINAL") << QString() << "kitty"
                                  << QStringList{QStringLiteral("kitty"), QStringLiteral("xterm")}
                                  << QStringList{QStringLiteral("/usr/bin/kitty"), QStringLiteral("-e")} +
                                         exec;
        QTest::newRow("x-terminal-emulator")
            << QString() << QString()
            << QStringList{QStringLiteral("x-terminal-emulator"), QStringLiteral("xterm")}
            << QStringList{QStringLiteral("/usr/bin/x-terminal-emulator"), QStringLiteral("-e")} + exec;
        QTest::newRow("gnome-terminal uses --")
            << QString() << QString() << QStringList{QStringLiteral("gnome-terminal")}
            << QStringList{QStringLiteral("/usr/bin/gnome-terminal"), QStringLiteral("--")} + exec;
        QTest::newRow("preference first")
            << "konsole"
            << "kitty" << QStringList{QStringLiteral("kitty"), QStringLiteral("konsole")}
            << QStringList{QStringLiteral("/usr/bin/konsole"), QStringLiteral("-e")} + exec;
        QTest::newRow("none") << QString() << QString() << QStringList{} << QStringList{};
    }

    void terminal() {
        QFETCH(QString, preferred);
        QFETCH(QString, terminalEnv);
        QFETCH(QStringList, installed);
        const QStringList exec{QStringLiteral("docker"), QStringLiteral("exec"), QStringLiteral("-it"),
                               QStringLiteral("s1"), QStringLiteral("bash")};
        const auto find = [installed](const QString& n) {
            return installed.contains(n) ? QStringLiteral("/usr/bin/") + n : QString();
        };
        QTEST(launch::terminalArgv(exec, preferred, find, terminalEnv), "argv");
    }

    void sessionFromContainer() {
        engine::ContainerSummary c;
        c.id = QStringLiteral("abc");
        c.name = QStringLiteral("sagedock-sagemath-1");
        c.image = QStringLiteral("sha256:ffff");
        c.state = QStringLiteral("running");
        c.labels = {{launch::labels::kImage, QStringLiteral("sagemath/sagemath:10.7")},
                    {launch::labels::kFlavor, QStringLiteral("sagemath")},
                    {launch::labels::kNotebooks, QStringLiteral("/home/me/SageMath")},
                    {launch::labels::kContainerNotebooks, QStringLiteral("/home/sage/notebooks")},
                    {launch::labels::kWorkdir, QStringLiteral("/home/sage")}};
        c.ports = {engine::PortBinding{8888, QStringLiteral("tcp"), QStringLiteral("::"), 8891},
                   engine::PortBinding{8888, QStringLiteral("tcp"), QStringLiteral("127.0.0.1"), 8890}};
        const launch::Session s = launch::sessionFromContainer(c);
        QCOMPARE(s.image, QStringLiteral("sagemath/sagemath:10.7"));
        QCOMPARE(s.port, 8890);
        QCOMPARE(s.mode, QStringLiteral("jupyter"));
        const nlohmann::json j = s.toJson();
        for (const char* key :
             {"id", "name", "image", "flavor", "url", "port", "workdir", "notebooks", "container_notebooks"})
            QVERIFY2(j.contains(key), key);
        QVERIFY(j["url"].is_null());
        QVERIFY(j["port"] == 8890);
    }
};

QTEST_GUILESS_MAIN(TestLaunchPlan)
#include "tst_launchplan.moc"
