// `sagedock-cli matrix`: every stage image of every platform for one tag, with layer-chain diagnosis,
// as a table, JSON, CSV or a self-contained HTML report; --fail-on turns problems into exit code 1.

#include "command.h"
#include "matrix/renderers.h"
#include "matrixcli.h"
#include "output.h"
#include "util/atomicfile.h"

#include <QCoreApplication>

#include <memory>

using namespace sagedock;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::cli)
};

const QStringList kFailConditions{QStringLiteral("broken"), QStringLiteral("missing"),
                                  QStringLiteral("error"), QStringLiteral("parent-missing")};

// Which --fail-on conditions the snapshot meets, in the order they were asked for.
QStringList failuresMet(const matrix::Summary& s, const QStringList& conditions) {
    QStringList met;
    for (const QString& c : conditions) {
        if ((c == QLatin1String("broken") && s.broken > 0) ||
            (c == QLatin1String("missing") && s.missing > 0) ||
            (c == QLatin1String("error") && s.errors > 0) ||
            (c == QLatin1String("parent-missing") && s.parentMissing > 0))
            met << c;
    }
    return met;
}

} // namespace

SAGEDOCK_CLI_COMMAND(
    "matrix", "Show which stage images exist for a tag and whether each sits on its parent stage.",
    [](QCommandLineParser& p) {
        cli::addSelectionOptions(p, true);
        p.addOption({QStringLiteral("format"),
                     QStringLiteral("Output format: text, json, csv or html (default text)."),
                     QStringLiteral("FORMAT"), QStringLiteral("text")});
        p.addOption({QStringLiteral("output"), QStringLiteral("Write the report to FILE instead of stdout."),
                     QStringLiteral("FILE")});
        p.addOption({QStringLiteral("fail-on"),
                     QStringLiteral("Exit 1 when any cell is: broken, missing, error, parent-missing "
                                    "(comma-separated)."),
                     QStringLiteral("LIST")});
    },
    [](const QCommandLineParser& p, cli::Io& io, cli::Done done) {
        if (!p.positionalArguments().isEmpty())
            return done(
                cli::usageError(io, QStringLiteral("matrix"),
                                Text::tr("unexpected argument '%1'").arg(p.positionalArguments().first())));
        const QString format = p.value(QStringLiteral("format")).toLower();
        if (!QStringList{QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("csv"),
                         QStringLiteral("html")}
                 .contains(format))
            return done(
                cli::usageError(io, QStringLiteral("matrix"),
                                Text::tr("unknown format '%1' (use text, json, csv or html)").arg(format)));
        const QStringList failOn = cli::splitList(p.values(QStringLiteral("fail-on")));
        for (const QString& c : failOn) {
            if (!kFailConditions.contains(c))
                return done(cli::usageError(io, QStringLiteral("matrix"),
                                            Text::tr("unknown --fail-on condition '%1' (use %2)")
                                                .arg(c, kFailConditions.join(QLatin1Char(',')))));
        }
        auto request = cli::matrixRequestFromOptions(p);
        if (!request.ok())
            return done(cli::usageError(io, QStringLiteral("matrix"), request.error().toString()));

        std::shared_ptr<registry::Client> client =
            cli::registryClient(p.isSet(QStringLiteral("offline")), io);
        const QString output = p.value(QStringLiteral("output"));
        cli::runMatrix(
            *client, request.value(), cli::concurrencyOption(p),
            [client, format, output, failOn, &io, done](const matrix::Snapshot& snapshot,
                                                        const util::Error& error) {
                if (error)
                    return done(cli::printError(io, error));
                QByteArray bytes;
                if (format == QLatin1String("json"))
                    bytes = matrix::renderJson(snapshot);
                else if (format == QLatin1String("csv"))
                    bytes = matrix::renderCsv(snapshot);
                else if (format == QLatin1String("html"))
                    bytes = matrix::renderHtml(snapshot);
                else
                    bytes = matrix::renderText(snapshot).toUtf8();
                if (output.isEmpty() || output == QLatin1String("-")) {
                    io.out << QString::fromUtf8(bytes);
                    io.out.flush();
                } else if (auto e = util::writeFileAtomically(output, bytes)) {
                    return done(cli::printError(io, e));
                }
                const matrix::Summary s = snapshot.summary();
                if (s.cells > 0 && s.errors == s.cells) {
                    // Nothing could be read at all: that is a failure, not a report.
                    const matrix::Cell& first = snapshot.rows.first().cells.first();
                    return done(cli::printError(io, first.error));
                }
                const QStringList met = failuresMet(s, failOn);
                if (!met.isEmpty()) {
                    io.err << "sagedock-cli: "
                           << Text::tr(
                                  "--fail-on met: %1 broken, %2 missing, %3 parent missing, %4 errors (%5)")
                                  .arg(s.broken)
                                  .arg(s.missing)
                                  .arg(s.parentMissing)
                                  .arg(s.errors)
                                  .arg(met.join(QLatin1Char(',')))
                           << "\n";
                    io.err.flush();
                    return done(cli::ExitFailure);
                }
                done(cli::ExitOk);
            });
    })
