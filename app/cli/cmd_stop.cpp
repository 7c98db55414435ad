// `sagedock-cli stop ID|--all|--all-users`: stop sessions gracefully (then forced) and remove their
// containers. --all means the calling user's sessions (label org.sagedock.owner): on a shared engine
// other users' sessions are theirs to stop.

#include "command.h"
#include "output.h"
#include "sessioncli.h"

#include "launch/sessionstore.h"

#include <memory>

#include <unistd.h>

using namespace sagedock;

SAGEDOCK_CLI_COMMAND(
    "stop", "Stop SageDock sessions (by id, name, --all or --all-users) and remove their containers.",
    [](QCommandLineParser& p) {
        p.addPositionalArgument(QStringLiteral("id"),
                                QStringLiteral("Session id (or prefix) or container name."),
                                QStringLiteral("[ID...]"));
        p.addOption({QStringLiteral("all"), QStringLiteral("Stop every SageDock session you started.")});
        p.addOption({QStringLiteral("all-users"),
                     QStringLiteral("Stop every SageDock session on the engine, whoever started it.")});
        p.addOption({QStringLiteral("keep"), QStringLiteral("Keep the stopped containers.")});
        p.addOption({QStringLiteral("timeout"),
                     QStringLiteral("Seconds before the stop is forced (default 10)."), QStringLiteral("s"),
                     QStringLiteral("10")});
    },
    [](const QCommandLineParser& p, cli::Io& io, cli::Done done) {
        const QStringList ids = p.positionalArguments();
        const bool all = p.isSet(QStringLiteral("all"));
        const bool allUsers = p.isSet(QStringLiteral("all-users"));
        if (int(!ids.isEmpty()) + int(all) + int(allUsers) != 1) {
            done(cli::usageError(io, QStringLiteral("stop"),
                                 QStringLiteral("give session ids, --all or --all-users (one of them)")));
            return;
        }
        bool ok = false;
        const int timeout = p.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || timeout < 0) {
            done(cli::usageError(io, QStringLiteral("stop"), QStringLiteral("--timeout must be 0 or more")));
            return;
        }
        const bool keep = p.isSet(QStringLiteral("keep"));
        cli::listSessions(
            io, done,
            [&io, done, ids, all, allUsers, keep, timeout](launch::SessionStore* store,
                                                           const QList<launch::Session>& sessions) {
                auto selected = launch::selectSessions(sessions, ids, all, allUsers, ::getuid());
                if (!selected.ok()) {
                    done(cli::printError(io, selected.error()));
                    return;
                }
                const QList<launch::Session> targets = selected.value();
                if (targets.isEmpty()) {
                    io.out << (all ? "No SageDock sessions of yours.\n" : "No SageDock sessions.\n");
                    done(cli::ExitOk);
                    return;
                }
                auto pending = std::make_shared<int>(int(targets.size()));
                auto failed = std::make_shared<bool>(false);
                for (const launch::Session& s : targets) {
                    const QString name = s.name;
                    store->stop(
                        s.id, keep, store,
                        [&io, done, pending, failed, name, keep](util::Error e) {
                            if (e) {
                                cli::printError(io, e);
                                *failed = true;
                            } else {
                                io.out << (keep ? "stopped " : "stopped and removed ") << name << "\n";
                            }
                            io.out.flush();
                            if (--*pending == 0)
                                done(*failed ? cli::ExitFailure : cli::ExitOk);
                        },
                        timeout);
                }
            });
    })
