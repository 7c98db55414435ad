// `sagedock-cli launch IMAGE`: start Jupyter (or a shell) in a Sage image and return when it is ready.

#include "command.h"
#include "output.h"
#include "sessioncli.h"

#include "engine/engineclient.h"
#include "engine/enginejobs.h"
#include "launch/desktop.h"
#include "launch/launcher.h"
#include "util/settings.h"

using namespace sagedock;

SAGEDOCK_CLI_COMMAND(
    "launch", "Start Jupyter (or a shell) in a SageMath image; returns when it is ready.",
    [](QCommandLineParser& p) {
        p.addPositionalArgument(QStringLiteral("image"),
                                QStringLiteral("Image reference, e.g. sagemath/sagemath:latest."));
        p.addOption({QStringLiteral("flavor"),
                     QStringLiteral("auto (default), sagemath, sagemath-dev or stage."),
                     QStringLiteral("flavor"), QStringLiteral("auto")});
        p.addOption({QStringLiteral("notebooks"),
                     QStringLiteral("Host folder for notebooks (default ~/SageMath)."),
                     QStringLiteral("dir")});
        p.addOption({QStringLiteral("port"), QStringLiteral("Host port (default 8888 or the next free one)."),
                     QStringLiteral("n")});
        p.addOption({QStringLiteral("shell"), QStringLiteral("Start a shell session instead of Jupyter.")});
        p.addOption({QStringLiteral("no-browser"), QStringLiteral("Do not open the browser.")});
        p.addOption(
            {QStringLiteral("all-interfaces"),
             QStringLiteral("Publish on every network interface (LAN exposure!), not only 127.0.0.1.")});
        p.addOption({QStringLiteral("timeout"),
                     QStringLiteral("Seconds to wait for Jupyter, and the longest a pull may go without "
                                    "word from the engine (default 120)."),
                     QStringLiteral("s"), QStringLiteral("120")});
        p.addOption({QStringLiteral("json"),
                     QStringLiteral("Print the session as JSON (stderr then carries errors only; a warning "
                                    "or a browser that could not be opened is in the JSON).")});
        p.addOption(
            {QStringLiteral("timings"),
             QStringLiteral("With --json: add milliseconds from start to container started, URL seen, ready "
                            "(benchmarks).")});
    },
    [](const QCommandLineParser& p, cli::Io& io, cli::Done done) {
        const QStringList args = p.positionalArguments();
        if (args.size() != 1) {
            done(
                cli::usageError(io, QStringLiteral("launch"), QStringLiteral("expected one IMAGE argument")));
            return;
        }
        const QString flavor = p.value(QStringLiteral("flavor"));
        if (!QStringList{QStringLiteral("auto"), QStringLiteral("sagemath"), QStringLiteral("sagemath-dev"),
                         QStringLiteral("stage")}
                 .contains(flavor)) {
            done(cli::usageError(io, QStringLiteral("launch"),
                                 QStringLiteral("--flavor must be auto, sagemath, sagemath-dev or stage")));
            return;
        }
        util::Settings settings;
        launch::LaunchOptions options;
        options.image = args.first();
        options.flavor = flavor;
        options.notebooksFolder = p.isSet(QStringLiteral("notebooks")) ? p.value(QStringLiteral("notebooks"))
                                                                       : settings.notebooksFolder();
        options.preferredPort = settings.jupyterPort();
        if (p.isSet(QStringLiteral("port"))) {
            bool ok = false;
            options.port = p.value(QStringLiteral("port")).toInt(&ok);
            if (!ok || options.port <= 0 || options.port > 65535) {
                done(
                    cli::usageError(io, QStringLiteral("launch"), QStringLiteral("--port must be 1..65535")));
                return;
            }
        }
        bool timeoutOk = false;
        const int timeout = p.value(QStringLiteral("timeout")).toInt(&timeoutOk);
        if (!timeoutOk || timeout <= 0) {
            done(cli::usageError(io, QStringLiteral("launch"),
                                 QStringLiteral("--timeout must be a positive number")));
            return;
        }
        options.readyTimeoutMs = timeout * 1000;
        options.shell = p.isSet(QStringLiteral("shell"));
        options.publishOnAllInterfaces =
            p.isSet(QStringLiteral("all-interfaces")) || settings.publishOnAllInterfaces();
        const bool json = p.isSet(QStringLiteral("json"));
        const QString exposed =
            QStringLiteral("Jupyter will be reachable from the network on every interface.");
        if (options.publishOnAllInterfaces && !json)
            io.err << "sagedock-cli: warning: " << exposed << "\n";

        auto client = cli::engineClient();
        if (!client.ok()) {
            done(cli::printError(io, client.error()));
            return;
        }
        // A stalled pull must end too: the same limit, counted from the engine's last word.
        client.value()->setPullIdleTimeoutMs(timeout * 1000);
        auto* job = new launch::Launcher(client.value(), options, client.value());
        const bool timings = p.isSet(QStringLiteral("timings"));
        const bool browser = !p.isSet(QStringLiteral("no-browser")) && settings.openBrowser();
        // Progress is for people at a terminal; with --json stderr carries errors only.
        QObject::connect(job, &launch::Launcher::stateChanged, job, [&io, json](launch::Launcher::State s) {
            if (json)
                return;
            if (s != launch::Launcher::State::Ready && s != launch::Launcher::State::Failed)
                io.err << launch::Launcher::stateText(s) << "\n";
            io.err.flush();
        });
        auto lastPrint = std::make_shared<qint64>(-1);
        QObject::connect(job, &launch::Launcher::pullProgress, job, [&io, job, lastPrint, json] {
            const engine::PullJob* pull = job->pullJob();
            if (!pull || json)
                return;
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (now - *lastPrint < 1000)
                return;
            *lastPrint = now;
            // The pages' wording, without the per-layer line: one line a second reads well in a terminal.
            io.err
                << "  "
                << engine::describePull(pull->progress(), pull->bytesPerSecond(), pull->etaSeconds()).summary
                << "\n";
            io.err.flush();
        });
        QObject::connect(
            job, &launch::Launcher::finished, job,
            [&io, job, done, json, timings, browser, exposed,
             allInterfaces = options.publishOnAllInterfaces](const util::Error& e) {
                if (e) {
                    done(cli::printError(io, e));
                    return;
                }
                const launch::Session& s = job->result();
                // Printed once the browser was tried, so JSON can say whether it opened.
                const auto report = [&io, job, done, json, timings, exposed,
                                     allInterfaces](const QString& browserState) {
                    const launch::Session& s = job->result();
                    if (json) {
                        nlohmann::json j = s.toJson();
                        if (timings)
                            j["timings"] = {{"create_sent_ms", job->createSentMs()},
                                            {"container_started_ms", job->containerStartedMs()},
                                            {"url_seen_ms", job->urlSeenMs()},
                                            {"ready_ms", job->readyMs()}};
                        j["browser"] = browserState.toStdString();
                        j["warnings"] = nlohmann::json::array();
                        if (allInterfaces)
                            j["warnings"].push_back(exposed.toStdString());
                        cli::printJson(io, j, {"url"}); // the session's token URL is what --json hands over
                    } else if (s.isShell()) {
                        if (!s.reason.isEmpty())
                            io.out << s.reason << "\n";
                        io.out << "Shell session " << s.name << " is running. Open a shell in it with:\n  "
                               << s.cliShellCommand().join(QLatin1Char(' ')) << "\n";
                    } else {
                        io.out << "Jupyter is ready: " << s.url.toString() << "\n"
                               << "  container " << s.name << " (" << s.image << ", " << s.flavor << ")\n"
                               << "  notebooks " << s.notebooks << " -> " << s.containerNotebooks << "\n";
                        if (browserState == QLatin1String("not-found"))
                            io.err << "sagedock-cli: no browser found (xdg-open); open the URL yourself.\n";
                    }
                    io.out.flush();
                    io.err.flush();
                    done(cli::ExitOk);
                };
                if (!browser || s.isShell()) {
                    report(QStringLiteral("not-requested"));
                    return;
                }
                // Detached: this waits only until the browser (or xdg-open) has started, never for it to end.
                util::ProcessJob* opener = launch::openInBrowser(s.url, job);
                if (!opener) {
                    report(QStringLiteral("not-found"));
                    return;
                }
                QObject::connect(opener, &util::Job::finished, job, [report](const util::Error& error) {
                    report(error ? QStringLiteral("not-found") : QStringLiteral("opened"));
                });
            });
        job->start();
    })
