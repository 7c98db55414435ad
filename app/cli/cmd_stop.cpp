// `sagedock-cli stop ID|--all`: stop sessions gracefully (then forced) and remove their containers.

#include "command.h"
#include "output.h"
#include "sessioncli.h"

#include "launch/sessionstore.h"

#include <memory>

using namespace sagedock;

SAGEDOCK_CLI_COMMAND(
    "stop", "Stop SageDock sessions (by id, name or --all) and remove their containers.",
    [](QCommandLineParser& p) {
        p.addPositionalArgument(QStringLiteral("id"),
                                QStringLiteral("Session id (or prefix) or container name."),
                                QStringLiteral("[ID...]"));
        p.addOption({QStringLiteral("all"), QStringLiteral("Stop every SageDock session.")});
        p.addOption({QStringLiteral("keep"), QStringLiteral("Keep the stopped containers.")});
        p.addOption({QStringLiteral("timeout"),
                     QStringLiteral("Seconds before the stop is forced (default 10)."), QStringLiteral("s"),
                     QStringLiteral("10")});
    },
    [](const QCommandLineParser& p, cli::Io& io, cli::Done done) {
        const QStringList ids = p.positionalArguments();
        const bool all = p.isSet(QStringLiteral("all"));
        if (ids.isEmpty() == !all) {
            done(cli::usageError(io, QStringLiteral("stop"),
                                 QStringLiteral("give session ids or --all (not both)")));
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
            [&io, done, ids, all, keep, timeout](launch::SessionStore* store,
                                                 const QList<launch::Session>& sessions) {
                QList<launch::Session> targets;
                for (const QString& id : ids) {
                    QList<launch::Session> matches;
                    for (const launch::Session& s : sessions)
                        if (s.name == id || s.id.startsWith(id))
                            matches << s;
                    if (matches.size() != 1) {
                        done(cli::printError(
                            io,
                            util::Error::make(util::ErrorCode::NotFound,
                                              matches.isEmpty()
                                                  ? QStringLiteral("No SageDock session matches %1.").arg(id)
                                                  : QStringLiteral("%1 matches several sessions.").arg(id),
                                              QStringLiteral("See `sagedock-cli ps`."))));
                        return;
                    }
                    targets << matches.first();
                }
                if (all)
                    targets = sessions;
                if (targets.isEmpty()) {
                    io.out << "No SageDock sessions.\n";
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
