// The planner without an engine: Sage source detection, tox's names, the generator call and the
// plan it gives for the mini Sage checkout, the exact docker commands per builder, input hashes,
// Dockerfile analysis, and the CLI probe's choice among docker CLIs (fake ones, as scripts).

#include "imagebuild/buildplanner.h"
#include "imagebuild/clicapabilities.h"
#include "imagebuild/dockerfileinfo.h"
#include "imagebuild/sagesource.h"
#include "testenvironment.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <optional>

using namespace sagedock;

namespace {

bool writeFile(const QString& path, const QByteArray& data, bool executable = false) {
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size())
        return false;
    f.close();
    if (executable)
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeGroup |
                         QFileDevice::ExeOther);
    return true;
}

QString copyFixture(const QTemporaryDir& tmp) {
    const QString dest = tmp.filePath(QStringLiteral("sage"));
    QDir().mkpath(dest);
    QProcess cp;
    cp.start(QStringLiteral("cp"),
             {QStringLiteral("-a"),
              QDir(testsupport::sourceDir()).filePath(QStringLiteral("tests/fixtures/minisage/.")), dest});
    cp.waitForFinished(30000);
    return dest;
}

// Starts the job (start() is deferred, so connecting first is enough) and waits for its result.
template <typename T>
util::Result<T> resultOf(util::ValueJob<T>& job, const std::function<void()>& start, int timeoutMs) {
    std::optional<util::Error> error;
    QObject::connect(&job, &util::Job::finished, &job, [&error](const util::Error& e) { error = e; });
    start();
    if (!QTest::qWaitFor([&error] { return error.has_value(); }, timeoutMs))
        return util::Error::make(util::ErrorCode::Timeout, QStringLiteral("job timed out"));
    if (*error)
        return *error;
    return job.result();
}

util::Result<imagebuild::BuildPlan> runPlanner(const imagebuild::SageBuildOptions& o) {
    imagebuild::Planner planner;
    return resultOf<imagebuild::BuildPlan>(
        planner, [&] { planner.planSage(o); }, 60000);
}

util::Result<imagebuild::BuildPlan> runGeneric(const imagebuild::GenericBuildOptions& o) {
    imagebuild::Planner planner;
    return resultOf<imagebuild::BuildPlan>(
        planner, [&] { planner.planGeneric(o); }, 60000);
}

} // namespace

class TestBuildPlanner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sourceDetection_data() {
        QTest::addColumn<QString>("versionFile");
        QTest::addColumn<QByteArray>("versionText");
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("generator");
        QTest::addColumn<bool>("atExpectedPath");
        QTest::newRow("10.9.beta3") << "src/VERSION.txt" << QByteArray("10.9.beta3\n")
                                    << ".github/workflows/write-dockerfile.sh"
                                    << "10.9.beta3"
                                    << ".github/workflows/write-dockerfile.sh" << true;
        QTest::newRow("10.8") << "src/VERSION.txt" << QByteArray("10.8\n")
                              << ".github/workflows/write-dockerfile.sh"
                              << "10.8"
                              << ".github/workflows/write-dockerfile.sh" << true;
        QTest::newRow("10.4") << "src/VERSION.txt" << QByteArray("10.4\n") << ".ci/write-dockerfile.sh"
                              << "10.4"
                              << ".ci/write-dockerfile.sh" << true;
        QTest::newRow("9.8 from VERSION.txt")
            << "VERSION.txt" << QByteArray("SageMath version 9.8, Release Date: 2023-02-11\n")
            << "build/bin/write-dockerfile.sh"
            << "9.8"
            << "build/bin/write-dockerfile.sh" << true;
        QTest::newRow("10.5 branch with the moved script")
            << "src/VERSION.txt" << QByteArray("10.5.beta1\n") << ".github/workflows/write-dockerfile.sh"
            << "10.5.beta1"
            << ".github/workflows/write-dockerfile.sh" << false;
    }
    void sourceDetection() {
        QFETCH(QString, versionFile);
        QFETCH(QByteArray, versionText);
        QFETCH(QString, script);
        QFETCH(QString, version);
        QFETCH(QString, generator);
        QFETCH(bool, atExpectedPath);
        QTemporaryDir tmp;
        QVERIFY(writeFile(tmp.filePath(versionFile), versionText));
        QVERIFY(writeFile(tmp.filePath(script), "#!/bin/bash\n", true));
        auto s = imagebuild::SageSource::detect(tmp.path());
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(s->version, version);
        QCOMPARE(s->generator, generator);
        QCOMPARE(s->generatorAtExpectedPath, atExpectedPath);
    }

    void sourceDetectionErrors() {
        QTemporaryDir tmp;
        auto none = imagebuild::SageSource::detect(tmp.path());
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, util::ErrorCode::NotFound);
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("src/VERSION.txt")), "10.9\n"));
        auto noScript = imagebuild::SageSource::detect(tmp.path());
        QVERIFY(!noScript.ok());
        QVERIFY(noScript.error().message.contains(QLatin1String(".github/workflows/write-dockerfile.sh")));
        QVERIFY(!imagebuild::SageSource::detect(tmp.filePath(QStringLiteral("missing"))).ok());
    }

    void toxNames_data() {
        QTest::addColumn<QString>("system");
        QTest::addColumn<QString>("packages");
        QTest::addColumn<QStringList>("modifiers");
        QTest::addColumn<bool>("legacyLoop");
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("stem");
        QTest::newRow("plain") << "ubuntu-jammy"
                               << "standard" << QStringList{} << false << "docker-ubuntu-jammy-standard"
                               << "sage-ubuntu-jammy-standard";
        QTest::newRow("incremental dropped") << "fedora-41"
                                             << "minimal" << QStringList{QStringLiteral("incremental")}
                                             << false << "docker-fedora-41-minimal-incremental"
                                             << "sage-fedora-41-minimal";
        QTest::newRow("sitepackages kept") << "ubuntu-noble"
                                           << "standard" << QStringList{QStringLiteral("sitepackages")}
                                           << false << "docker-ubuntu-noble-standard-sitepackages"
                                           << "sage-ubuntu-noble-standard-sitepackages";
        QTest::newRow("9.8 keeps docker-")
            << "debian-bullseye"
            << "standard" << QStringList{} << true << "docker-debian-bullseye-standard"
            << "sage-docker-debian-bullseye-standard";
    }
    void toxNames() {
        QFETCH(QString, system);
        QFETCH(QString, packages);
        QFETCH(QStringList, modifiers);
        QFETCH(bool, legacyLoop);
        QFETCH(QString, env);
        QFETCH(QString, stem);
        QCOMPARE(imagebuild::toxEnvName(system, packages, modifiers), env);
        QCOMPARE(imagebuild::imageStem(env, legacyLoop), stem);
    }

    void planMiniSage() {
        QTemporaryDir tmp;
        const QString src = copyFixture(tmp);
        imagebuild::SageBuildOptions o;
        o.sourceDir = src;
        o.system = QStringLiteral("ubuntu-jammy");
        o.stages = {QStringLiteral("with-system-packages"), QStringLiteral("configured"),
                    QStringLiteral("with-targets")};
        o.common.tag = QStringLiteral("10.9.beta3");
        o.common.pushPrefix = QStringLiteral("ghcr.io/me/sage");
        o.common.extraBuildArgs = {{QStringLiteral("NUMPROC"), QStringLiteral("9")}};
        auto p = runPlanner(o);
        QVERIFY2(p.ok(), qPrintable(p.error().toString()));
        QCOMPARE(p->sageVersion, QStringLiteral("10.9.beta3"));
        QCOMPARE(p->generator, QStringLiteral(".github/workflows/write-dockerfile.sh"));
        QCOMPARE(p->envName, QStringLiteral("docker-ubuntu-jammy-standard"));
        QCOMPARE(
            p->generatorArgs,
            (QStringList{QStringLiteral("debian"), QStringLiteral("--has-file=spkg-configure.m4 :standard:"),
                         QStringLiteral("yes"), QStringLiteral("no"), QStringLiteral("_bootstrap")}));
        QCOMPARE(p->baseImage, QStringLiteral("ubuntu:jammy"));
        QCOMPARE(p->dockerfilePath, src + QStringLiteral("/.tox/docker-ubuntu-jammy-standard/Dockerfile"));
        QFile df(p->dockerfilePath);
        QVERIFY(df.open(QIODevice::ReadOnly));
        const QByteArray text = df.readAll();
        QCOMPARE(text, p->dockerfileText);
        QVERIFY(text.contains("ARG BASE_IMAGE=ubuntu:jammy\n"));
        QVERIFY(text.contains("--with-system-python3=yes"));
        QCOMPARE(p->buildArgs.size(), 4);
        QCOMPARE(p->buildArgs.at(0),
                 qMakePair(QStringLiteral("TARGETS_PRE"), QStringLiteral("all-sage-local")));
        QCOMPARE(p->buildArgs.at(3), qMakePair(QStringLiteral("NUMPROC"), QStringLiteral("9")));
        QCOMPARE(p->stages.size(), 3);
        const auto& st = p->stages.at(2);
        QCOMPARE(st.image, QStringLiteral("ghcr.io/me/sage/sage-ubuntu-jammy-standard-with-targets"));
        QCOMPARE(st.imageRef(),
                 QStringLiteral("ghcr.io/me/sage/sage-ubuntu-jammy-standard-with-targets:10.9.beta3"));
        QCOMPARE(st.cacheFrom,
                 (QStringList{
                     QStringLiteral("ghcr.io/me/sage/sage-ubuntu-jammy-standard-with-targets:dev"),
                     QStringLiteral("ghcr.io/me/sage/sage-ubuntu-jammy-standard-with-targets:10.9.beta3")}));
        QVERIFY(st.inputHash.isEmpty()); // not asked for
        QVERIFY2(p->generatorDisplay().startsWith(QLatin1String(
                     "BUILD_TAG=10.9.beta3 FULL_BASE_IMAGE_AND_TAG=ubuntu:jammy CONFIGURE_ARGS=")),
                 qPrintable(p->generatorDisplay()));
    }

    void planVariants_data() {
        QTest::addColumn<QString>("system");
        QTest::addColumn<QString>("packages");
        QTest::addColumn<QStringList>("modifiers");
        QTest::addColumn<QStringList>("generatorArgs");
        QTest::addColumn<QString>("baseImage");
        QTest::addColumn<QString>("configureContains");
        QTest::newRow("centos python3.12")
            << "centos-stream-9-python3.12"
            << "standard" << QStringList{}
            << QStringList{QStringLiteral("fedora"),
                           QStringLiteral("--has-file=spkg-configure.m4 :standard:"), QStringLiteral("yes"),
                           QStringLiteral("yes"),
                           QStringLiteral("_bootstrap _python3.12 _bootstrap _prereq liblzma libffi libpng")}
            << "quay.io/centos/centos:stream9"
            << "--with-system-python3=force --with-python=python3.12";
        QTest::newRow("maximal ignores missing")
            << "ubuntu-jammy"
            << "maximal" << QStringList{}
            << QStringList{QStringLiteral("debian"), QStringLiteral(":standard: :optional:"),
                           QStringLiteral("yes"), QStringLiteral("yes"), QStringLiteral("_bootstrap")}
            << "ubuntu:jammy"
            << "--with-system-python3=yes";
        QTest::newRow("fedora-39 from the reference catalog")
            << "fedora-39"
            << "standard" << QStringList{}
            << QStringList{QStringLiteral("fedora"),
                           QStringLiteral("--has-file=spkg-configure.m4 :standard:"), QStringLiteral("yes"),
                           QStringLiteral("no"), QStringLiteral("_bootstrap")}
            << "fedora:39"
            << "--with-system-python3=yes";
        QTest::newRow("minimal incremental")
            << "debian-bookworm"
            << "minimal" << QStringList{QStringLiteral("incremental")}
            << QStringList{QStringLiteral("debian"), QStringLiteral("_prereq"), QStringLiteral("yes"),
                           QStringLiteral("no"), QStringLiteral("_bootstrap git")}
            << "ghcr.io/sagemath/sage/sage-debian-bookworm-minimal-with-targets:dev"
            << "--enable-build-as-root";
    }
    void planVariants() {
        QFETCH(QString, system);
        QFETCH(QString, packages);
        QFETCH(QStringList, modifiers);
        QFETCH(QStringList, generatorArgs);
        QFETCH(QString, baseImage);
        QFETCH(QString, configureContains);
        QTemporaryDir tmp;
        imagebuild::SageBuildOptions o;
        o.sourceDir = copyFixture(tmp);
        o.system = system;
        o.packages = packages;
        o.modifiers = modifiers;
        o.common.tag = QStringLiteral("dev");
        auto p = runPlanner(o);
        QVERIFY2(p.ok(), qPrintable(p.error().toString()));
        QCOMPARE(p->generatorArgs, generatorArgs);
        QCOMPARE(p->baseImage, baseImage);
        QString configure;
        for (const auto& e : p->generatorEnv)
            if (e.first == QLatin1String("CONFIGURE_ARGS"))
                configure = e.second;
        QVERIFY2(configure.contains(configureContains), qPrintable(configure));
        // tox's default DOCKER_TARGETS
        QCOMPARE(p->stages.size(), 1);
        QCOMPARE(p->stages.first().name, QStringLiteral("with-targets"));
        QVERIFY(p->stages.first().cacheFrom.isEmpty()); // no registry given: no default sources
    }

    void planErrors_data() {
        QTest::addColumn<QString>("system");
        QTest::addColumn<QString>("packages");
        QTest::addColumn<QString>("stage");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("push");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown system") << "alpine-3"
                                        << "standard"
                                        << "configured"
                                        << "dev"
                                        << ""
                                        << "Unknown system";
        QTest::newRow("unknown packages") << "ubuntu-jammy"
                                          << "huge"
                                          << "configured"
                                          << "dev"
                                          << ""
                                          << "package set";
        QTest::newRow("unknown stage") << "ubuntu-jammy"
                                       << "standard"
                                       << "with-everything"
                                       << "dev"
                                       << ""
                                       << "no stage with-everything";
        QTest::newRow("bad tag") << "ubuntu-jammy"
                                 << "standard"
                                 << "configured"
                                 << "-bad:tag"
                                 << ""
                                 << "Invalid tag";
        QTest::newRow("bad push prefix") << "ubuntu-jammy"
                                         << "standard"
                                         << "configured"
                                         << "dev"
                                         << "Not A Registry"
                                         << "Invalid image reference";
    }
    void planErrors() {
        QFETCH(QString, system);
        QFETCH(QString, packages);
        QFETCH(QString, stage);
        QFETCH(QString, tag);
        QFETCH(QString, push);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        imagebuild::SageBuildOptions o;
        o.sourceDir = copyFixture(tmp);
        o.system = system;
        o.packages = packages;
        o.stages = {stage};
        o.common.tag = tag;
        o.common.pushPrefix = push;
        auto p = runPlanner(o);
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, util::ErrorCode::InvalidArgument);
        QVERIFY2(p.error().message.contains(message), qPrintable(p.error().message));
    }

    void generatorFailureIsReported() {
        QTemporaryDir tmp;
        const QString src = copyFixture(tmp);
        QVERIFY(writeFile(src + QStringLiteral("/.github/workflows/write-dockerfile.sh"),
                          "echo 'sage-package: not found' >&2\nexit 3\n", true));
        imagebuild::SageBuildOptions o;
        o.sourceDir = src;
        o.system = QStringLiteral("ubuntu-jammy");
        o.common.tag = QStringLiteral("dev");
        auto p = runPlanner(o);
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, util::ErrorCode::Process);
        QVERIFY(p.error().message.contains(QLatin1String("sage-package: not found")));
    }

    void stageCommands_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("rawJson");
        QTest::addColumn<QString>("expected");
        const QString tail =
            QStringLiteral(" . -f .tox/docker-ubuntu-jammy-standard/Dockerfile --target configured --tag "
                           "reg.example/sage/sage-ubuntu-jammy-standard-configured:dev --build-arg "
                           "TARGETS_PRE=all-sage-local "
                           "--build-arg TARGETS=build --build-arg TARGETS_OPTIONAL=ptest --build-arg "
                           "BUILDKIT_INLINE_CACHE=1 "
                           "--cache-from reg.example/sage/sage-ubuntu-jammy-standard-configured:dev");
        QTest::newRow("legacy") << int(imagebuild::BuilderMode::Legacy) << false
                                << QStringLiteral("DOCKER_BUILDKIT=0 docker build") + tail;
        QTest::newRow("buildkit") << int(imagebuild::BuilderMode::BuildKit) << false
                                  << QStringLiteral("DOCKER_BUILDKIT=1 docker build --progress=plain") + tail;
        QTest::newRow("buildx rawjson")
            << int(imagebuild::BuilderMode::Buildx) << true
            << QStringLiteral("docker buildx build --load --progress=rawjson") + tail;
        QTest::newRow("buildx plain") << int(imagebuild::BuilderMode::Buildx) << false
                                      << QStringLiteral("docker buildx build --load --progress=plain") + tail;
    }
    void stageCommands() {
        QFETCH(int, mode);
        QFETCH(bool, rawJson);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        imagebuild::SageBuildOptions o;
        o.sourceDir = copyFixture(tmp);
        o.system = QStringLiteral("ubuntu-jammy");
        o.stages = {QStringLiteral("configured")};
        o.common.tag = QStringLiteral("dev");
        o.common.pushPrefix = QStringLiteral("reg.example/sage/");
        o.common.inlineCache = true;
        auto p = runPlanner(o);
        QVERIFY2(p.ok(), qPrintable(p.error().toString()));
        imagebuild::CliCapabilities caps;
        caps.program = QStringLiteral("docker");
        caps.mode = imagebuild::BuilderMode(mode);
        caps.rawJson = rawJson;
        const auto cmd = imagebuild::stageCommand(p.value(), 0, caps);
        QCOMPARE(cmd.display(), expected);
        QCOMPARE(cmd.workingDirectory, p->contextDir);
        QCOMPARE(imagebuild::pushCommands(p.value(), 0, caps),
                 QStringList{QStringLiteral(
                     "docker push reg.example/sage/sage-ubuntu-jammy-standard-configured:dev")});
    }

    void contextAndBuilderOptions() {
        QTemporaryDir tmp;
        imagebuild::SageBuildOptions o;
        o.sourceDir = copyFixture(tmp);
        o.system = QStringLiteral("ubuntu-jammy");
        o.stages = {QStringLiteral("configured")};
        o.common.tag = QStringLiteral("dev");
        o.common.dockerContext = QStringLiteral("remote");
        o.common.buildxBuilder = QStringLiteral("k8s");
        o.common.cacheFrom = {
            QStringLiteral("ghcr.io/sagemath/sage/sage-ubuntu-jammy-standard-configured:dev")};
        auto p = runPlanner(o);
        QVERIFY2(p.ok(), qPrintable(p.error().toString()));
        imagebuild::CliCapabilities caps;
        caps.mode = imagebuild::BuilderMode::Buildx;
        const QString line = imagebuild::stageCommand(p.value(), 0, caps).display();
        QVERIFY2(line.startsWith(QLatin1String("docker --context remote buildx build --builder k8s --load")),
                 qPrintable(line));
        QVERIFY(line.endsWith(
            QLatin1String("--cache-from ghcr.io/sagemath/sage/sage-ubuntu-jammy-standard-configured:dev")));
    }

    void genericPlan() {
        QTemporaryDir tmp;
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("ctx/Dockerfile")),
                          "FROM busybox AS base\nRUN true\nFROM base AS app\nCOPY app.txt /app.txt\n"));
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("ctx/app.txt")), "v1\n"));
        imagebuild::GenericBuildOptions g;
        g.dockerfile = tmp.filePath(QStringLiteral("ctx/Dockerfile"));
        g.contextDir = tmp.filePath(QStringLiteral("ctx"));
        g.stages = {QStringLiteral("base"), QStringLiteral("app")};
        g.imagePrefix = QStringLiteral("myproject");
        g.common.computeInputHashes = true;
        auto p = runGeneric(g);
        QVERIFY2(p.ok(), qPrintable(p.error().toString()));
        QCOMPARE(p->stages.at(0).imageRef(), QStringLiteral("myproject-base:latest"));
        QCOMPARE(p->stages.at(1).imageRef(), QStringLiteral("myproject-app:latest"));
        QCOMPARE(p->stages.at(1).countedSteps, 3); // FROM busybox, RUN, COPY
        QCOMPARE(p->stages.at(0).inputHash.size(), 64);
        imagebuild::CliCapabilities caps;
        caps.mode = imagebuild::BuilderMode::BuildKit;
        QCOMPARE(imagebuild::stageCommand(p.value(), 1, caps).display(),
                 QStringLiteral(
                     "DOCKER_BUILDKIT=1 docker build --progress=plain . -f Dockerfile --target app --tag "
                     "myproject-app:latest"));
        g.stages = {QStringLiteral("nope")};
        QVERIFY(!runGeneric(g).ok());
    }

    void dockerfileInfo() {
        const QByteArray text =
            "# syntax\nARG BASE=busybox\nFROM ${BASE} AS one\nARG A=1\nRUN echo a \\\n  && echo b\n"
            "WORKDIR /w\nCOPY [\"x y\", \"z\", \"/dst/\"]\nFROM one AS two\nENV E=1\n"
            "COPY --from=one /w /w2\nADD https://example.org/f /f\nADD --chown=1 dir/ /d\n"
            "FROM scratch\nCOPY --from=two /d /d\n";
        const auto info = imagebuild::DockerfileInfo::parse(text);
        QCOMPARE(info.globalArgNames, QStringList{QStringLiteral("BASE")});
        QCOMPARE(info.stages.size(), 3);
        QCOMPARE(info.stages.at(0).name, QStringLiteral("one"));
        QCOMPARE(info.stages.at(0).parent, -1);
        QCOMPARE(info.stages.at(0).argNames, QStringList{QStringLiteral("A")});
        QCOMPARE(info.stages.at(0).countedSteps, 4); // FROM external, RUN, WORKDIR, COPY
        QCOMPARE(info.stages.at(0).contextSources, (QStringList{QStringLiteral("x y"), QStringLiteral("z")}));
        QCOMPARE(info.stages.at(1).parent, 0);
        QCOMPARE(info.stages.at(1).contextSources, QStringList{QStringLiteral("dir/")});
        QCOMPARE(info.stages.at(2).name, QStringLiteral("stage-2"));
        QCOMPARE(info.chain(1), (QList<int>{0, 1}));
        QCOMPARE(info.countedStepsFor(1), 7);
        QVERIFY(info.textUpTo(0).endsWith("COPY [\"x y\", \"z\", \"/dst/\"]"));
    }

    // Which stages' input hashes change when one input changes.
    void inputHashes_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("buildArg");
        QTest::addColumn<QStringList>("changed");
        const QStringList all = testsupport::sageStages();
        QTest::newRow("src file: with-targets on") << "src/sage/all.py"
                                                   << "" << all.mid(5);
        QTest::newRow("build/ file: bootstrapped on") << "build/bin/configure.in"
                                                      << "" << all.mid(1);
        QTest::newRow("file nobody copies") << "README.md"
                                            << "" << QStringList{};
        QTest::newRow("ignored by .dockerignore") << "src/sage/x.pyc"
                                                  << "" << QStringList{};
        QTest::newRow("TARGETS") << ""
                                 << "TARGETS" << all.mid(5);
        QTest::newRow("TARGETS_PRE") << ""
                                     << "TARGETS_PRE" << all.mid(4);
        QTest::newRow("undeclared arg") << ""
                                        << "NOT_USED" << QStringList{};
    }
    void inputHashes() {
        QFETCH(QString, file);
        QFETCH(QString, buildArg);
        QFETCH(QStringList, changed);
        QTemporaryDir tmp;
        imagebuild::SageBuildOptions o;
        o.sourceDir = copyFixture(tmp);
        o.system = QStringLiteral("ubuntu-jammy");
        o.stages = testsupport::sageStages();
        o.common.tag = QStringLiteral("dev");
        o.common.computeInputHashes = true;
        if (!file.isEmpty() && QFile::exists(o.sourceDir + QLatin1Char('/') + file) == false)
            QVERIFY(writeFile(o.sourceDir + QLatin1Char('/') + file, "before\n"));
        auto before = runPlanner(o);
        QVERIFY2(before.ok(), qPrintable(before.error().toString()));
        if (!file.isEmpty())
            QVERIFY(writeFile(o.sourceDir + QLatin1Char('/') + file, "after\n"));
        if (!buildArg.isEmpty())
            o.common.extraBuildArgs << qMakePair(buildArg, QStringLiteral("other"));
        if (buildArg == QLatin1String("TARGETS"))
            o.targets = QStringLiteral("other"); // the planner's own TARGETS
        if (buildArg == QLatin1String("TARGETS_PRE")) {
            o.common.extraBuildArgs.clear();
            o.targetsPre = QStringLiteral("other");
        }
        if (buildArg == QLatin1String("TARGETS"))
            o.common.extraBuildArgs.clear();
        auto after = runPlanner(o);
        QVERIFY2(after.ok(), qPrintable(after.error().toString()));
        QStringList actual;
        for (int i = 0; i < before->stages.size(); ++i) {
            QCOMPARE(before->stages.at(i).inputHash.size(), 64);
            if (before->stages.at(i).inputHash != after->stages.at(i).inputHash)
                actual << before->stages.at(i).name;
        }
        QCOMPARE(actual, changed);
    }

    // The probe runs every candidate; fake CLIs answer like docker 28 (no buildx), 20.10, and buildx.
    void cliProbe_data() {
        QTest::addColumn<QStringList>("candidates"); // "clientVersion[/buildxVersion]"
        QTest::addColumn<QString>("required");
        QTest::addColumn<int>("chosen"); // index into candidates, -1 = error
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("rawJson");
        QTest::newRow("28 without buildx: legacy")
            << QStringList{QStringLiteral("28.2.2")} << "" << 0 << "legacy" << false;
        QTest::newRow("20.10 beats 28 without buildx")
            << QStringList{QStringLiteral("28.2.2"), QStringLiteral("20.10.24+dfsg1")} << "" << 1
            << "buildkit" << false;
        QTest::newRow("buildx 0.12 gives rawjson")
            << QStringList{QStringLiteral("20.10.24"), QStringLiteral("27.1.0/0.12.1")} << "" << 1 << "buildx"
            << true;
        QTest::newRow("buildx 0.11 plain")
            << QStringList{QStringLiteral("24.0.7/0.11.2")} << "" << 0 << "buildx" << false;
        QTest::newRow("legacy forced") << QStringList{QStringLiteral("28.2.2"), QStringLiteral("20.10.24")}
                                       << "legacy" << 0 << "legacy" << false;
        QTest::newRow("buildkit forced, none can")
            << QStringList{QStringLiteral("28.2.2")} << "buildkit" << -1 << "" << false;
    }
    void cliProbe() {
        QFETCH(QStringList, candidates);
        QFETCH(QString, required);
        QFETCH(int, chosen);
        QFETCH(QString, mode);
        QFETCH(bool, rawJson);
        QTemporaryDir tmp;
        QStringList programs;
        for (int i = 0; i < candidates.size(); ++i) {
            const QString client = candidates.at(i).section(QLatin1Char('/'), 0, 0);
            const QString buildx = candidates.at(i).section(QLatin1Char('/'), 1, 1);
            const QString path = tmp.filePath(QStringLiteral("cli%1/docker").arg(i));
            QByteArray script = "#!/bin/sh\nif [ \"$1\" = --version ]; then echo \"Docker version " +
                                client.toUtf8() + ", build abc\"; exit 0; fi\n";
            if (!buildx.isEmpty())
                script += "if [ \"$1\" = buildx ]; then echo \"github.com/docker/buildx v" + buildx.toUtf8() +
                          " 1234\"; exit 0; fi\n";
            script += "echo \"docker: '$1' is not a docker command.\" >&2\nexit 1\n";
            QVERIFY(writeFile(path, script, true));
            programs << path;
        }
        imagebuild::CliProbe probe;
        probe.setCandidates(programs);
        probe.setCacheFile(tmp.filePath(QStringLiteral("probe.json")));
        if (!required.isEmpty())
            probe.setRequiredMode(imagebuild::builderModeFromName(required));
        std::optional<util::Result<imagebuild::CliCapabilities>> result;
        result = resultOf<imagebuild::CliCapabilities>(
            probe, [&] { probe.start(); }, 20000);
        QVERIFY(result->error().code != util::ErrorCode::Timeout);
        if (chosen < 0) {
            QVERIFY(!result->ok());
            return;
        }
        QVERIFY2(result->ok(), qPrintable(result->error().toString()));
        QCOMPARE(result->value().program, programs.at(chosen));
        QCOMPARE(imagebuild::builderModeName(result->value().mode), mode);
        QCOMPARE(result->value().rawJson, rawJson);
    }

    // The probe's answers are remembered per CLI binary: the second build runs no `docker --version`,
    // and an upgraded CLI (new size and mtime) is asked again.
    void cliProbeRemembersAnswersUntilTheCliChanges() {
        QTemporaryDir tmp;
        const QString calls = tmp.filePath(QStringLiteral("calls"));
        const QString program = tmp.filePath(QStringLiteral("bin/docker"));
        auto writeCli = [&](const QByteArray& version) {
            return writeFile(program,
                             "#!/bin/sh\necho \"$1\" >> '" + calls.toUtf8() +
                                 "'\nif [ \"$1\" = --version ]; then echo \"Docker version " + version +
                                 ", build abc\"; exit 0; fi\nexit 1\n",
                             true);
        };
        auto callCount = [&] {
            QFile f(calls);
            return f.open(QIODevice::ReadOnly) ? int(f.readAll().count('\n')) : 0;
        };
        auto probeOnce = [&](int* cached) -> QString {
            imagebuild::CliProbe probe;
            probe.setCandidates({program});
            probe.setCacheFile(tmp.filePath(QStringLiteral("cache/probe.json")));
            const auto result = resultOf<imagebuild::CliCapabilities>(
                probe, [&] { probe.start(); }, 20000);
            if (!result.ok())
                return QStringLiteral("<no answer>");
            *cached = probe.cachedAnswers();
            return result.value().clientVersion + QLatin1Char('/') +
                   imagebuild::builderModeName(result.value().mode);
        };
        QVERIFY(writeCli("20.10.24"));
        int cached = -1;
        QCOMPARE(probeOnce(&cached), QStringLiteral("20.10.24/buildkit"));
        QCOMPARE(cached, 0);
        QCOMPARE(callCount(), 2); // --version and buildx version, once each
        QCOMPARE(probeOnce(&cached), QStringLiteral("20.10.24/buildkit"));
        QCOMPARE(cached, 1);
        QCOMPARE(callCount(), 2);    // answered from the cache: no process ran
        QVERIFY(writeCli("28.2.2")); // an upgrade: other size, other mtime
        QCOMPARE(probeOnce(&cached), QStringLiteral("28.2.2/legacy"));
        QCOMPARE(cached, 0);
        QCOMPARE(callCount(), 4);
    }
};

QTEST_GUILESS_MAIN(TestBuildPlanner)
#include "tst_buildplanner.moc"
