// `sagedock-cli ps`: the SageDock sessions the engine knows, with their Jupyter URLs.

#include "command.h"
#include "output.h"
#include "sessioncli.h"

using namespace sagedock;

SAGEDOCK_CLI_COMMAND(
    "ps", "List SageDock sessions (Jupyter and shells) with their URLs.",
    [](QCommandLineParser& p) {
        p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    },
    [](const QCommandLineParser& p, cli::Io& io, cli::Done done) {
        const bool json = p.isSet(QStringLiteral("json"));
        cli::listSessions(
            io, done, [&io, done, json](launch::SessionStore*, const QList<launch::Session>& sessions) {
                if (json) {
                    nlohmann::json a = nlohmann::json::array();
                    for (const launch::Session& s : sessions)
                        a.push_back(s.toJson());
                    cli::printJson(io, a);
                } else if (sessions.isEmpty()) {
                    io.out << "No SageDock sessions.\n";
                } else {
                    io.out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                                  .arg(QStringLiteral("NAME"), -26)
                                  .arg(QStringLiteral("FLAVOR"), -13)
                                  .arg(QStringLiteral("PORT"), -6)
                                  .arg(QStringLiteral("STATE"), -9)
                                  .arg(QStringLiteral("IMAGE"), -40)
                                  .arg(QStringLiteral("URL"));
                    for (const launch::Session& s : sessions)
                        io.out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                                      .arg(s.name, -26)
                                      .arg(s.flavor + (s.isShell() ? QStringLiteral("/shell") : QString()),
                                           -13)
                                      .arg(s.port > 0 ? QString::number(s.port) : QStringLiteral("-"), -6)
                                      .arg(s.state, -9)
                                      .arg(s.image, -40)
                                      .arg(s.url.isEmpty() ? QStringLiteral("-") : s.url.toString());
                }
                io.out.flush();
                done(cli::ExitOk);
            });
    })
