// `sagedock-cli build`: Sage stage builds the way `tox -e docker-<system>-<packages>` runs them (or any
// multi-stage Dockerfile), through the core planner and runner: progress per stage, cache numbers and
// the first executed step, history, resume, skip-when-present. --dry-run prints the exact commands.
// `--tox-env NAME [-- POSARGS]` runs what `tox -e NAME` runs, from the checkout's tox.ini, with this
// process's environment as tox's.

#include "command.h"
#include "output.h"

#include "imagebuild/buildhistory.h"
#include "imagebuild/buildplanner.h"
#include "imagebuild/buildrunner.h"
#include "imagebuild/renderers.h"
#include "imagebuild/toxplanning.h"
#include "services/services.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <optional>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

using namespace sagedock;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::cli)
};

QStringList listValues(const QCommandLineParser& p, const QString& name) {
    QStringList out;
    for (const QString& v : p.values(name))
        for (const QString& part : v.split(QLatin1Char(','), Qt::SkipEmptyParts))
            out << part.trimmed();
    return out;
}

// Ctrl-C / SIGTERM cancel the build (docker runs in its own process group, so the terminal's SIGINT
// does not reach it): a self-pipe turns the signal into an event-loop notification.
int g_signalPipe[2] = {-1, -1};
void onSignal(int) {
    const char c = 1;
    [[maybe_unused]] auto n = ::write(g_signalPipe[1], &c, 1);
}

struct Session : QObject {
    imagebuild::Planner planner;
    imagebuild::Runner runner;
    imagebuild::CliProbe probe;           // runs beside the planner: the build starts one round trip earlier
    std::optional<util::Error> capsError; // set once the probe has finished
    std::optional<util::Error> planError; // set once the planner has finished
    std::function<void()> bothReady;
    std::unique_ptr<QSocketNotifier> notifier;
};

} // namespace

SAGEDOCK_CLI_COMMAND(
    "build", "Build Sage's stages like tox (or any multi-stage Dockerfile), with cache diagnosis.",
    [](QCommandLineParser& p) {
        auto opt = [&p](const char* name, const char* desc, const char* value = nullptr) {
            if (value)
                p.addOption({QString::fromLatin1(name), QString::fromUtf8(desc), QString::fromLatin1(value)});
            else
                p.addOption({QString::fromLatin1(name), QString::fromUtf8(desc)});
        };
        opt("source", "Sage source checkout (SAGE_ROOT).", "dir");
        opt("tox-env",
            "Run what `tox -e NAME` runs, from the checkout's tox.ini (posargs after --), e.g. "
            "docker-ubuntu-jammy-standard.",
            "name");
        opt("system", "tox system factor, e.g. ubuntu-jammy.", "system");
        opt("packages", "Package set: minimal, standard (default), maximal.", "packages");
        opt("modifiers", "tox modifiers, comma-separated (incremental, sitepackages).", "list");
        opt("stages", "Stages to build in order, comma-separated (default: tox's with-targets).", "list");
        opt("tag", "Image tag (default: git describe --dirty --always, like tox).", "tag");
        opt("extra-tag", "Another tag for every stage (repeatable).", "tag");
        opt("build-arg", "Extra --build-arg NAME=VALUE (repeatable), like EXTRA_DOCKER_BUILD_ARGS.", "arg");
        opt("targets", "TARGETS build argument (default build).", "targets");
        opt("targets-pre", "TARGETS_PRE build argument (default all-sage-local).", "targets");
        opt("targets-optional", "TARGETS_OPTIONAL build argument (default ptest).", "targets");
        opt("base-image", "Override the catalog's base image.", "ref");
        opt("cache-from", "Cache source image (repeatable); replaces the default sources.", "ref");
        opt("cache-registry", "Prefix for the default cache sources (default: the push prefix).", "prefix");
        opt("no-default-cache", "Use no cache sources unless --cache-from is given.");
        opt("push", "Push every stage to this repository prefix (DOCKER_PUSH_REPOSITORY).", "prefix");
        opt("inline-cache", "Embed inline cache metadata (BUILDKIT_INLINE_CACHE=1).");
        opt("docker-context", "Build on this docker context.", "name");
        opt("builder", "docker buildx builder to build with (remote or Kubernetes BuildKit).", "name");
        opt("builder-mode", "Force legacy, buildkit or buildx (default: the richest available).", "mode");
        opt("resume",
            "Reuse the stages the last run of the same build finished; start at the first not built.");
        opt("skip-existing", "Skip stages whose input-hash tag exists locally or in the registry.");
        opt("pull", "Always look for a newer base image (--pull).");
        opt("no-cache", "Build without the layer cache (--no-cache).");
        opt("dockerfile", "Generic mode: the Dockerfile.", "file");
        opt("context", "Generic mode: the build context folder.", "dir");
        opt("image-prefix", "Generic mode: images are named <prefix>-<stage>.", "name");
        opt("dry-run", "Print the commands without running them.");
        opt("json", "Print JSON.");
    },
    [](const QCommandLineParser& p, cli::Io& io, cli::Done done) {
        const bool generic = p.isSet(QStringLiteral("dockerfile"));
        // tox's posargs: what follows `--` (nullopt without one, as for tox).
        std::optional<QStringList> posArgs;
        {
            const QStringList all = QCoreApplication::arguments();
            const qsizetype dashes = all.indexOf(QStringLiteral("--"));
            if (dashes >= 0)
                posArgs = all.mid(dashes + 1);
        }
        if (!p.positionalArguments().isEmpty() && !posArgs) {
            done(cli::usageError(io, QStringLiteral("build"),
                                 Text::tr("unexpected argument '%1'").arg(p.positionalArguments().first())));
            return;
        }
        const bool toxPath =
            !generic && (p.isSet(QStringLiteral("tox-env")) ||
                         (p.isSet(QStringLiteral("source")) && !p.isSet(QStringLiteral("base-image")) &&
                          imagebuild::hasToxDockerEnvironments(p.value(QStringLiteral("source")))));
        const bool json = p.isSet(QStringLiteral("json"));
        imagebuild::CommonBuildOptions common;
        common.tag = p.value(QStringLiteral("tag"));
        common.extraTags = p.values(QStringLiteral("extra-tag"));
        for (const QString& a : p.values(QStringLiteral("build-arg"))) {
            const qsizetype eq = a.indexOf(QLatin1Char('='));
            if (eq <= 0) {
                done(cli::usageError(io, QStringLiteral("build"),
                                     Text::tr("--build-arg needs NAME=VALUE, got %1").arg(a)));
                return;
            }
            common.extraBuildArgs << qMakePair(a.left(eq), a.mid(eq + 1));
        }
        common.cacheFrom = p.values(QStringLiteral("cache-from"));
        common.defaultCacheSources = !p.isSet(QStringLiteral("no-default-cache"));
        common.cacheRegistry = p.value(QStringLiteral("cache-registry"));
        common.pushPrefix = p.value(QStringLiteral("push"));
        common.inlineCache = p.isSet(QStringLiteral("inline-cache"));
        common.dockerContext = p.value(QStringLiteral("docker-context"));
        common.buildxBuilder = p.value(QStringLiteral("builder"));
        common.pull = p.isSet(QStringLiteral("pull"));
        common.noCache = p.isSet(QStringLiteral("no-cache"));
        imagebuild::RunOptions run;
        run.resume = p.isSet(QStringLiteral("resume"));
        run.skipExisting = p.isSet(QStringLiteral("skip-existing"));
        run.arguments = QCoreApplication::arguments().mid(1);
        run.engine = cli::services().engine();
        common.computeInputHashes = run.resume || run.skipExisting;
        if (p.isSet(QStringLiteral("builder-mode"))) {
            run.builderMode = imagebuild::builderModeFromName(p.value(QStringLiteral("builder-mode")));
            if (!run.builderMode) {
                done(cli::usageError(io, QStringLiteral("build"),
                                     Text::tr("--builder-mode must be legacy, buildkit or buildx")));
                return;
            }
        }
        if (!common.buildxBuilder.isEmpty() && !run.builderMode)
            run.builderMode = imagebuild::BuilderMode::Buildx;

        auto* session = new Session;
        session->probe.setRequiredMode(run.builderMode);
        if (toxPath) { // tox runs the docker its PATH finds; so does the build
            const QString docker =
                imagebuild::findOnPath(QStringLiteral("docker"), qEnvironmentVariable("PATH"));
            if (!docker.isEmpty())
                session->probe.setCandidates({docker});
        }
        QObject::connect(&session->planner, &util::Job::finished, session, [session](const util::Error& e) {
            session->planError = e;
            if (session->capsError)
                session->bothReady();
        });
        QObject::connect(&session->probe, &util::Job::finished, session, [session](const util::Error& e) {
            session->capsError = e;
            if (session->planError)
                session->bothReady();
        });
        session->probe.start();
        session->bothReady = [&p, &io, done, session, run, json]() mutable {
            const util::Error planError = *session->planError;
            if (planError) {
                const int code = planError.code == util::ErrorCode::InvalidArgument
                                     ? cli::usageError(io, QStringLiteral("build"), planError.toString())
                                     : cli::printError(io, planError);
                session->deleteLater();
                done(code);
                return;
            }
            const imagebuild::BuildPlan& pl = session->planner.result();
            imagebuild::CliCapabilities caps;
            if (*session->capsError && pl.fromTox) {
                io.err << "sagedock-cli: warning: "
                       << imagebuild::toxProbeWarning(pl, session->capsError->toString()) << "\n";
                io.err.flush();
                caps = imagebuild::toxFallbackCapabilities(pl);
            } else if (*session->capsError) {
                session->deleteLater();
                done(cli::printError(io, *session->capsError));
                return;
            } else {
                caps = session->probe.result();
            }
            if (p.isSet(QStringLiteral("dry-run"))) {
                nlohmann::json j = pl.toJson();
                nlohmann::json commands = nlohmann::json::array();
                const QStringList lines = imagebuild::previewCommands(pl, caps);
                for (const QString& l : lines)
                    commands.push_back(l.toStdString());
                j["commands"] = commands;
                // The docker calls the run makes, as argv lists (program first) with their extra
                // environment: what a real run executes, before the per-run --iidfile.
                nlohmann::json runs = nlohmann::json::array();
                auto addRun = [&runs](const imagebuild::StageCommand& c) {
                    nlohmann::json argv = nlohmann::json::array({c.program.toStdString()});
                    for (const QString& a : c.arguments)
                        argv.push_back(a.toStdString());
                    nlohmann::json env = nlohmann::json::object();
                    for (const auto& e : c.environment)
                        env[e.first.toStdString()] = e.second.toStdString();
                    runs.push_back({{"argv", argv}, {"env", env}});
                };
                for (const imagebuild::StageCommand& c : imagebuild::preCommands(pl, caps))
                    addRun(c);
                for (int i = 0; i < pl.stages.size(); ++i) {
                    addRun(imagebuild::stageCommand(pl, i, caps));
                    if (pl.fromTox)
                        for (const QString& ref : pl.stages.at(i).toxPushRefs) {
                            imagebuild::StageCommand push;
                            push.program = caps.program.isEmpty() ? QStringLiteral("docker") : caps.program;
                            push.arguments = {QStringLiteral("push"), ref};
                            addRun(push);
                        }
                }
                j["runs"] = runs;
                j["builder"] = imagebuild::builderModeName(caps.mode).toStdString();
                if (json)
                    cli::printJson(io, j);
                else
                    for (const QString& l : lines)
                        io.out << l << "\n";
                io.out.flush();
                session->deleteLater();
                done(cli::ExitOk);
                return;
            }
            run.capabilities = caps;
            imagebuild::Runner& runner = session->runner;
            if (!json) {
                QObject::connect(&runner, &imagebuild::Runner::capabilitiesReady, session,
                                 [&io](const imagebuild::CliCapabilities& c) {
                                     io.err << "builder: " << imagebuild::builderModeName(c.mode) << " ("
                                            << c.program << " " << c.clientVersion << ")\n";
                                     io.err.flush();
                                 });
                QObject::connect(&runner, &imagebuild::Runner::stageStarted, session,
                                 [&io](int, const QString& cmd) {
                                     io.err << "==> " << cmd << "\n";
                                     io.err.flush();
                                 });
                QObject::connect(&runner, &imagebuild::Runner::stageFinished, session,
                                 [&io](int, const imagebuild::StageResult& r) {
                                     io.out << imagebuild::stageSummary(r) << "\n";
                                     io.out.flush();
                                 });
            }
            QObject::connect(
                &runner, &util::Job::finished, session, [&io, done, session, json](const util::Error&) {
                    const imagebuild::BuildRecord& r = session->runner.result();
                    ::signal(SIGINT, SIG_DFL);
                    ::signal(SIGTERM, SIG_DFL);
                    if (json) {
                        nlohmann::json stages = nlohmann::json::array();
                        for (const imagebuild::StageResult& s : r.stages)
                            stages.push_back(s.toJson());
                        nlohmann::json j = {{"stages", stages},         {"log", r.logPath.toStdString()},
                                            {"id", r.id.toStdString()}, {"builder", r.builder.toStdString()},
                                            {"success", r.success},     {"error", cli::orNull(r.error)}};
                        cli::printJson(io, j);
                    } else {
                        io.out << "log: " << r.logPath << "\n";
                        io.out.flush();
                        if (!r.error.isEmpty()) {
                            io.err << "sagedock-cli: " << r.error << "\n";
                            io.err.flush();
                        }
                    }
                    session->deleteLater();
                    done(r.success ? cli::ExitOk : cli::ExitFailure);
                });
            if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) == 0) {
                session->notifier = std::make_unique<QSocketNotifier>(g_signalPipe[0], QSocketNotifier::Read);
                QObject::connect(session->notifier.get(), &QSocketNotifier::activated, session, [session] {
                    char buf[16];
                    while (::read(g_signalPipe[0], buf, sizeof buf) > 0) {
                    }
                    session->runner.cancel();
                });
                ::signal(SIGINT, onSignal);
                ::signal(SIGTERM, onSignal);
            }
            // Builds an earlier, killed sagedock-cli left behind are settled and named here, once.
            for (const QString& notice :
                 imagebuild::History(run.historyPath.isEmpty() ? imagebuild::History::defaultPath()
                                                               : run.historyPath)
                     .recover()
                     .notices)
                io.err << "sagedock-cli: " << notice << "\n";
            io.err.flush();
            runner.start(pl, run);
        };

        if (generic) {
            imagebuild::GenericBuildOptions g;
            g.dockerfile = p.value(QStringLiteral("dockerfile"));
            g.contextDir = p.value(QStringLiteral("context"));
            g.stages = listValues(p, QStringLiteral("stages"));
            g.imagePrefix = p.value(QStringLiteral("image-prefix"));
            g.common = common;
            if (g.contextDir.isEmpty()) {
                session->deleteLater();
                done(cli::usageError(io, QStringLiteral("build"),
                                     Text::tr("--dockerfile needs --context DIR")));
                return;
            }
            session->planner.planGeneric(g);
            return;
        }
        const bool toxEnv = p.isSet(QStringLiteral("tox-env"));
        if (!p.isSet(QStringLiteral("source")) || (!p.isSet(QStringLiteral("system")) && !toxEnv)) {
            session->deleteLater();
            done(cli::usageError(
                io, QStringLiteral("build"),
                Text::tr("give --source DIR --tox-env NAME or --source DIR --system S (Sage mode), or "
                         "--dockerfile FILE --context DIR --stages a,b --image-prefix NAME (generic mode)")));
            return;
        }
        imagebuild::SageBuildOptions s;
        s.sourceDir = p.value(QStringLiteral("source"));
        s.posArgs = posArgs;
        s.system = p.value(QStringLiteral("system"));
        if (p.isSet(QStringLiteral("packages")))
            s.packages = p.value(QStringLiteral("packages"));
        s.modifiers = listValues(p, QStringLiteral("modifiers"));
        s.stages = listValues(p, QStringLiteral("stages"));
        s.baseImage = p.value(QStringLiteral("base-image"));
        if (p.isSet(QStringLiteral("targets")))
            s.targets = p.value(QStringLiteral("targets"));
        if (p.isSet(QStringLiteral("targets-pre")))
            s.targetsPre = p.value(QStringLiteral("targets-pre"));
        if (p.isSet(QStringLiteral("targets-optional")))
            s.targetsOptional = p.value(QStringLiteral("targets-optional"));
        s.common = common;
        if (toxEnv) {
            // tox's inputs: the environment name, the posargs and this process's environment; the
            // options given beside them set the variables tox's loop reads (DOCKER_TAG, ...).
            s.toxEnv = p.value(QStringLiteral("tox-env"));
            s = imagebuild::toxOptions(s, imagebuild::processEnvironment());
        }
        session->planner.planSage(s);
    })
