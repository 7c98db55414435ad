// `sagedock-cli builds`: the build history (newest last), as a table or JSON.

#include "command.h"
#include "output.h"

#include "imagebuild/buildhistory.h"

using namespace sagedock;

SAGEDOCK_CLI_COMMAND(
    "builds", "List the build history (stage results, cache numbers, logs).",
    [](QCommandLineParser& p) {
        p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
        p.addOption({QStringLiteral("limit"), QStringLiteral("Show at most N builds (default 50)."),
                     QStringLiteral("n")});
    },
    [](const QCommandLineParser& p, cli::Io& io, cli::Done done) {
        bool okLimit = true;
        const int limit =
            p.isSet(QStringLiteral("limit")) ? p.value(QStringLiteral("limit")).toInt(&okLimit) : 50;
        if (!okLimit || limit <= 0) {
            done(cli::usageError(io, QStringLiteral("builds"),
                                 QStringLiteral("--limit needs a positive number")));
            return;
        }
        const imagebuild::History history;
        for (const QString& notice : history.recover().notices)
            io.err << "sagedock-cli: " << notice << "\n";
        io.err.flush();
        auto records = history.load(limit);
        if (!records.ok()) {
            done(cli::printError(io, records.error()));
            return;
        }
        if (p.isSet(QStringLiteral("json"))) {
            nlohmann::json a = nlohmann::json::array();
            for (const imagebuild::BuildRecord& r : records.value())
                a.push_back(r.toJson());
            cli::printJson(io, a);
            done(cli::ExitOk);
            return;
        }
        if (records.value().isEmpty())
            io.out << "no builds yet (history: " << history.path() << ")\n";
        for (const imagebuild::BuildRecord& r : records.value()) {
            QStringList parts;
            for (const imagebuild::StageResult& s : r.stages)
                parts << QStringLiteral("%1=%2(%3/%4)")
                             .arg(s.stage, imagebuild::stageStatusName(s.status))
                             .arg(s.cached)
                             .arg(s.steps);
            io.out << r.id << "  " << r.started.toLocalTime().toString(Qt::ISODate) << "  " << r.builder
                   << "  " << (r.success ? "ok" : "FAILED") << "  " << parts.join(QLatin1Char(' ')) << "\n"
                   << "    log: " << r.logPath << "\n";
        }
        io.out.flush();
        done(cli::ExitOk);
    })
