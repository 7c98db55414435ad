// `sagedock-cli ps`: the SageDock sessions the engine knows, with their owners and Jupyter URLs.

#include "command.h"
#include "output.h"
#include "sessioncli.h"

#include <pwd.h>

using namespace sagedock;

namespace {

// "alice (1000)" when the uid has a name here, else the number; "-" for sessions without the label.
QString ownerText(int uid) {
    if (uid < 0)
        return QStringLiteral("-");
    if (const passwd* pw = ::getpwuid(uid))
        return QString::fromLocal8Bit(pw->pw_name);
    return QString::number(uid);
}

} // namespace

SAGEDOCK_CLI_COMMAND(
    "ps", "List SageDock sessions (Jupyter and shells) with their owners and URLs.",
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
                    cli::printJson(io, a, {"url"}); // the user's own sessions: their token URLs to open
                } else if (sessions.isEmpty()) {
                    io.out << "No SageDock sessions.\n";
                } else {
                    QList<QStringList> rows{{QStringLiteral("NAME"), QStringLiteral("OWNER"),
                                             QStringLiteral("FLAVOR"), QStringLiteral("PORT"),
                                             QStringLiteral("STATE"), QStringLiteral("IMAGE"),
                                             QStringLiteral("URL")}};
                    for (const launch::Session& s : sessions)
                        rows << QStringList{s.name,
                                            ownerText(s.owner),
                                            s.flavor + (s.isShell() ? QStringLiteral("/shell") : QString()),
                                            s.port > 0 ? QString::number(s.port) : QStringLiteral("-"),
                                            s.state,
                                            s.image,
                                            s.url.isEmpty() ? QStringLiteral("-") : s.url.toString()};
                    io.out << cli::formatTable(rows);
                }
                io.out.flush();
                done(cli::ExitOk);
            });
    })
