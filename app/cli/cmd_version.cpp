// `sagedock-cli version`: versions of the CLI and the libraries it was built with.

#include "command.h"
#include "output.h"

#include <curl/curlver.h>

using namespace sagedock;

SAGEDOCK_CLI_COMMAND(
    "version", "Show the versions of SageDock and its libraries.",
    [](QCommandLineParser& p) {
        p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    },
    [](const QCommandLineParser& p, cli::Io& io, cli::Done done) {
        nlohmann::json v = {{"sagedock", SAGEDOCK_VERSION},
                            {"qt", qVersion()},
                            {"libcurl", LIBCURL_VERSION},
                            {"nlohmann_json", std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." +
                                                  std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
                                                  std::to_string(NLOHMANN_JSON_VERSION_PATCH)}};
        if (p.isSet(QStringLiteral("json")))
            cli::printJson(io, v);
        else
            for (auto& [k, val] : v.items())
                io.out << QString::fromStdString(k) << " " << QString::fromStdString(val.get<std::string>())
                       << "\n";
        done(cli::ExitOk);
    })
