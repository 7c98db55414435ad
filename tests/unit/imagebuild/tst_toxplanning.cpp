// Planning from a checkout's tox environment without an engine: which commands go through the
// planning pass, the planning docker shim (run by a real bash), turning its record into stages, and
// the Planner on tests/fixtures/tox/distro: the loop's docker build argv verbatim, pushes in order,
// the log-copy run dropped, the loop's Dockertags undone, unknown environments refused by name.

#include "imagebuild/buildplanner.h"
#include "imagebuild/toxplanning.h"
#include "testenvironment.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace sagedock;
using namespace sagedock::imagebuild;

namespace {

QString fixture(const QString& name) {
    return QDir(testsupport::sourceDir()).filePath(QStringLiteral("tests/fixtures/tox/") + name);
}

bool copyTree(const QString& from, const QString& to) {
    QProcess cp;
    cp.start(QStringLiteral("cp"), {QStringLiteral("-a"), from, to});
    return cp.waitForFinished(30000) && cp.exitCode() == 0;
}

util::Result<BuildPlan> plan(const SageBuildOptions& options) {
    Planner planner;
    std::optional<util::Error> error;
    QObject::connect(&planner, &util::Job::finished, &planner, [&error](const util::Error& e) { error = e; });
    planner.planSage(options);
    if (!QTest::qWaitFor([&error] { return error.has_value(); }, 60000))
        return util::Error::make(util::ErrorCode::Timeout, QStringLiteral("planner did not finish"));
    if (*error)
        return *error;
    return planner.result();
}

} // namespace

class TestToxPlanning : public QObject {
    Q_OBJECT

private slots:
    void callsDocker_data() {
        QTest::addColumn<QStringList>("argv");
        QTest::addColumn<bool>("docker");
        auto bash = [](const char* script) { return QStringList{"bash", "-c", QString::fromUtf8(script)}; };
        QTest::newRow("generator") << bash(".ci/write-dockerfile.sh debian x > /r/.tox/e/Dockerfile")
                                   << false;
        QTest::newRow("loop") << bash("for s in a; do DOCKER_BUILDKIT=1 docker build . ; done") << true;
        QTest::newRow("push after semicolon") << bash("true;docker push x") << true;
        QTest::newRow("pipe") << bash("echo | docker load") << true;
        QTest::newRow("name only") << bash("echo sage-docker-ubuntu $DOCKER_TAG dockerd") << false;
        QTest::newRow("docker itself") << QStringList{"docker", "run", "--rm", "x"} << true;
        QTest::newRow("docker by path") << QStringList{"/usr/bin/docker", "info"} << true;
        QTest::newRow("ignored exit") << QStringList{"-", "docker", "pull", "x"} << true;
        QTest::newRow("other tool") << QStringList{"tox-record", "delegate", "docker"} << false;
    }
    void callsDocker() {
        QFETCH(QStringList, argv);
        QFETCH(bool, docker);
        QCOMPARE(imagebuild::callsDocker(argv), docker);
    }

    // The shim under a real bash: argv exactly as bash expanded it, DOCKER_BUILDKIT as set per call.
    void shimRecordsWhatBashExpands() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile shim(dir.filePath(QStringLiteral("docker")));
        QVERIFY(shim.open(QIODevice::WriteOnly));
        shim.write(planningShimScript());
        shim.close();
        QVERIFY(shim.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QProcess bash;
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), dir.path() + QStringLiteral(":/usr/bin:/bin"));
        bash.setProcessEnvironment(env);
        bash.start(
            QStringLiteral("/bin/bash"),
            {QStringLiteral("-c"), QStringLiteral("t='a b'; DOCKER_BUILDKIT=1 docker build . --build-arg "
                                                  "X=\"$t\" -t 'q\"uote'; docker push '' ; docker")});
        QVERIFY(bash.waitForFinished(30000));
        QCOMPARE(bash.exitCode(), 0);
        QFile calls(dir.filePath(QStringLiteral("calls")));
        QVERIFY(calls.open(QIODevice::ReadOnly));
        const auto parsed = parsePlanningCalls(calls.readAll());
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
        QCOMPARE(parsed->size(), 3);
        QCOMPARE(parsed->at(0).argv,
                 (QStringList{"build", ".", "--build-arg", "X=a b", "-t", QStringLiteral("q\"uote")}));
        QCOMPARE(parsed->at(0).dockerBuildkit, std::optional<QString>(QStringLiteral("1")));
        QCOMPARE(parsed->at(1).argv, (QStringList{"push", ""}));
        QVERIFY(!parsed->at(1).dockerBuildkit.has_value());
        QCOMPARE(parsed->at(2).argv, QStringList{});
        QVERIFY(!parsePlanningCalls(QByteArray("3\0"
                                               "0\0"
                                               "build\0",
                                               10))
                     .ok());
    }

    void dockerCallsToStages() {
        BuildPlan p;
        p.contextDir = QStringLiteral("/src");
        const QList<PlannedDockerCall> calls{
            {{"run", "--rm", "--privileged", "binfmt"}, std::nullopt},
            {{"build", ".", "-f", ".tox/e/Dockerfile", "--target", "base", "--tag", "r:5000/x-base:1",
              "--tag", "r:5000/x-base:dev", "--build-arg", "A=b c"},
             QStringLiteral("1")},
            {{"run", "r:5000/x-base:1", "bash", "-c", "tar -c -f - /sage"}, std::nullopt},
            {{"push", "r:5000/x-base:1"}, std::nullopt},
            {{"push", "r:5000/x-base:1"}, std::nullopt},
            {{"build", ".", "--target", "next", "-t", "x-next"}, QStringLiteral("0")},
        };
        QVERIFY(!applyDockerCalls(p, calls));
        QCOMPARE(p.toxPreCommands, (QList<QStringList>{{"run", "--rm", "--privileged", "binfmt"}}));
        QCOMPARE(p.stages.size(), 2);
        QCOMPARE(p.stages[0].name, QStringLiteral("base"));
        QCOMPARE(p.stages[0].image, QStringLiteral("r:5000/x-base"));
        QCOMPARE(p.stages[0].tags, (QStringList{"1", "dev"}));
        QCOMPARE(p.stages[0].toxBuildArgv, calls[1].argv);
        QCOMPARE(p.stages[0].toxPushRefs, (QStringList{"r:5000/x-base:1", "r:5000/x-base:1"}));
        QCOMPARE(p.stages[1].tags, QStringList{"latest"});
        QCOMPARE(p.dockerfilePath, QStringLiteral("/src/.tox/e/Dockerfile"));
        QCOMPARE(p.buildArgs, (BuildArgs{{"A", "b c"}}));
        CliCapabilities caps;
        caps.program = QStringLiteral("docker");
        caps.mode = BuilderMode::Buildx;
        QCOMPARE(
            stageCommand(p, 0, caps).display(),
            QStringLiteral("DOCKER_BUILDKIT=1 docker build --progress=plain . -f .tox/e/Dockerfile --target "
                           "base --tag r:5000/x-base:1 --tag r:5000/x-base:dev --build-arg 'A=b c'"));
        QCOMPARE(stageCommand(p, 1, caps).display(),
                 QStringLiteral("DOCKER_BUILDKIT=0 docker build . --target next -t x-next"));

        BuildPlan q;
        const QList<PlannedDockerCall> odd{{{"build", "."}, std::nullopt}, {{"tag", "a", "b"}, std::nullopt}};
        const util::Error e = applyDockerCalls(q, odd);
        QVERIFY(e);
        QVERIFY2(e.message.contains(QLatin1String("docker tag a b")), qPrintable(e.message));
    }

    // The Planner on the distro fixture: the CI case's environment, read from toxVariables.
    void plansFromTheLoop() {
        QTemporaryDir tmp;
        const QString root = tmp.filePath(QStringLiteral("distro"));
        QVERIFY(copyTree(fixture(QStringLiteral("distro")), root));
        // An earlier tox run's Dockertags: the planning pass appends to it and must truncate it back.
        QVERIFY(QDir().mkpath(root + QStringLiteral("/.tox")));
        QFile tags(root + QStringLiteral("/.tox/Dockertags"));
        QVERIFY(tags.open(QIODevice::WriteOnly));
        tags.write("old line\n");
        tags.close();

        SageBuildOptions o;
        o.sourceDir = root;
        o.toxEnv = QStringLiteral("docker-ubuntu-jammy-standard");
        o.toxVariables = {{"PATH", "/usr/bin:/bin"},
                          {"HOME", tmp.path()},
                          {"DOCKER_TARGETS", "configured with-targets"},
                          {"DOCKER_PUSH_REPOSITORY", "ghcr.io/me/"},
                          {"DOCKER_TAG", "t1"},
                          {"EXTRA_DOCKER_TAGS", "dev"},
                          {"EXTRA_DOCKER_BUILD_ARGS", "--build-arg X=\"1 2\""}};
        o.posArgs = QStringList{QStringLiteral("config.status")};
        const auto p = plan(o);
        QVERIFY2(p.ok(), qPrintable(p.error().toString()));
        QVERIFY(p->fromTox);
        QCOMPARE(p->envName, o.toxEnv);
        QCOMPARE(p->stages.size(), 2);
        const QString df = root + QStringLiteral("/.tox/docker-ubuntu-jammy-standard/Dockerfile");
        QCOMPARE(p->stages[1].toxBuildArgv,
                 (QStringList{"build", ".", "-f", df, "--target", "with-targets", "--tag",
                              "ghcr.io/me/sage-ubuntu-jammy-standard-with-targets:t1", "--tag",
                              "ghcr.io/me/sage-ubuntu-jammy-standard-with-targets:dev", "--build-arg",
                              "TARGETS_PRE=config.status", "--build-arg", "TARGETS=config.status",
                              "--build-arg", "TARGETS_OPTIONAL=ptest", "--build-arg", "X=1 2"}));
        QCOMPARE(p->stages[1].toxPushRefs,
                 (QStringList{"ghcr.io/me/sage-ubuntu-jammy-standard-with-targets:t1",
                              "ghcr.io/me/sage-ubuntu-jammy-standard-with-targets:dev"}));
        QCOMPARE(p->stages[0].toxDockerBuildkit, std::optional<QString>(QStringLiteral("1")));
        QCOMPARE(p->dockerfilePath, df);
        QVERIFY(p->dockerfileText.contains("AS with-targets"));
        QVERIFY(p->stages[1].countedSteps > 0);
        QCOMPARE(p->toxRealCommands.size(), 1); // the generator ran; the loop only in the planning pass
        QVERIFY(p->toxRealCommands[0].at(2).startsWith(QLatin1String(".ci/write-dockerfile.sh debian")));
        QVERIFY(tags.open(QIODevice::ReadOnly));
        QCOMPARE(tags.readAll(), QByteArray("old line\n"));
    }

    void refusesWhatToxRefuses_data() {
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("misspelled") << "docker-ubuntu-jamy-standard"
                                    << "docker-ubuntu-jammy-standard";
        QTest::newRow("unknown factor") << "docker-ubuntu-jammy-standard-turbo"
                                        << "turbo";
    }
    void refusesWhatToxRefuses() {
        QFETCH(QString, env);
        QFETCH(QString, sentence);
        SageBuildOptions o;
        o.sourceDir = fixture(QStringLiteral("distro"));
        o.toxEnv = env;
        o.toxVariables = {{"PATH", "/usr/bin:/bin"}};
        const auto p = plan(o);
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, util::ErrorCode::InvalidArgument);
        QVERIFY2(p.error().toString().contains(sentence), qPrintable(p.error().toString()));
    }

    // The build log's first line names the environment; diagnose-log reads it back.
    void logHeaderNamesTheEnvironment() {
        BuildPlan p;
        p.envName = QStringLiteral("docker-fedora-40-standard");
        p.sourceDir = QStringLiteral("/src/sage");
        const QString header = toxLogHeader(p);
        QCOMPARE(header,
                 QStringLiteral("### sagedock: tox environment docker-fedora-40-standard in /src/sage\n"));
        QCOMPARE(toxEnvironmentOfLogLine(header), p.envName);
        QCOMPARE(toxEnvironmentOfLogLine(QStringLiteral("#1 [internal] load build definition")), QString());
    }

    // --system & co. on a checkout with docker environments become a tox run.
    void optionsMapOntoTox() {
        QVERIFY(hasToxDockerEnvironments(fixture(QStringLiteral("distro"))));
        QVERIFY(!hasToxDockerEnvironments(fixture(QStringLiteral("recorder"))));
        SageBuildOptions o;
        o.system = QStringLiteral("fedora-40");
        o.packages = QStringLiteral("maximal");
        o.modifiers = {QStringLiteral("incremental")};
        o.stages = {QStringLiteral("configured"), QStringLiteral("with-targets")};
        o.targets = QStringLiteral("build doc-html");
        o.common.tag = QStringLiteral("t");
        o.common.extraTags = {QStringLiteral("a"), QStringLiteral("b")};
        o.common.pushPrefix = QStringLiteral("ghcr.io/me");
        o.common.extraBuildArgs = {{QStringLiteral("M"), QStringLiteral("-k V=0")}};
        const SageBuildOptions t = toxOptions(o, {{"PATH", "/bin"}, {"TARGETS_PRE", "keep"}});
        QCOMPARE(t.toxEnv, QStringLiteral("docker-fedora-40-maximal-incremental"));
        QVERIFY(t.posArgs.has_value());
        QCOMPARE(*t.posArgs, (QStringList{"build", "doc-html"}));
        QCOMPARE(t.toxVariables.value("DOCKER_TARGETS"), QStringLiteral("configured with-targets"));
        QCOMPARE(t.toxVariables.value("DOCKER_TAG"), QStringLiteral("t"));
        QCOMPARE(t.toxVariables.value("EXTRA_DOCKER_TAGS"), QStringLiteral("a b"));
        QCOMPARE(t.toxVariables.value("DOCKER_PUSH_REPOSITORY"), QStringLiteral("ghcr.io/me/"));
        QCOMPARE(t.toxVariables.value("EXTRA_DOCKER_BUILD_ARGS"), QStringLiteral("--build-arg 'M=-k V=0'"));
        QCOMPARE(t.toxVariables.value("TARGETS_PRE"), QStringLiteral("keep"));
        QCOMPARE(t.toxVariables.value("PATH"), QStringLiteral("/bin"));
    }
};

QTEST_GUILESS_MAIN(TestToxPlanning)
#include "tst_toxplanning.moc"
