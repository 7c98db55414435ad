// `sagedock-cli stop ID|--all`: stop sessions gracefully (then forced) and remove their containers.

#include "command.h"
#include "output.h"

#include "engine/engineclient.h"
#include "launch/sessionstore.h"
#include "util/settings.h"

#include <QCoreApplication>

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
        util::Settings settings;
        auto endpoint = engine::Client::endpointFromSetting(settings.engineEndpoint());
        if (!endpoint.ok()) {
            done(cli::printError(io, endpoint.error()));
            return;
        }
        auto* client =
            new engine::Client(endpoint.value(), http::Engine::shared(), QCoreApplication::instance());
        auto* store = new launch::SessionStore(client, client);
        store->list(store, [&io, done, store, ids, all, keep,
                            timeout](util::Result<QList<launch::Session>> r) {
            if (!r.ok()) {
                done(cli::printError(io, r.error()));
                return;
            }
            QList<launch::Session> targets;
            for (const QString& id : ids) {
                QList<launch::Session> matches;
                for (const launch::Session& s : r.value())
                    if (s.name == id || s.id.startsWith(id))
                        matches << s;
                if (matches.size() != 1) {
                    done(cli::printError(
                        io, util::Error::make(util::ErrorCode::NotFound,
                                              matches.isEmpty()
                                                  ? QStringLiteral("No SageDock session matches %1.").arg(id)
                                                  : QStringLiteral("%1 matches several sessions.").arg(id),
                                              QStringLiteral("See `sagedock-cli ps`."))));
                    return;
                }
                targets << matches.first();
            }
            if (all)
                targets = r.value();
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
