// `sagedock-cli resolve QUERY`: a PR number, branch, tag or image reference → the tag Sage's CI
// pushes for it → which platform images exist under the repository prefix. Exit 1 when none does.

#include "command.h"
#include "matrix/queryrequest.h"
#include "matrix/renderers.h"
#include "matrixcli.h"
#include "output.h"
#include "reference/catalog.h"
#include "reference/query.h"

#include <QCoreApplication>

#include <memory>

using namespace sagedock;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::cli)
};

QString describe(const reference::Query& q) {
    switch (q.kind) {
    case reference::Query::Kind::PullRequest:
        return Text::tr("pull request #%1 → tag %2").arg(q.pullRequest).arg(q.tag);
    case reference::Query::Kind::Ref:
        return Text::tr("branch or ref '%1' → tag %2 (sanitized like Sage's CI)").arg(q.text, q.tag);
    case reference::Query::Kind::Tag:
        return Text::tr("tag %1").arg(q.tag);
    case reference::Query::Kind::Image:
        return Text::tr("image %1 → tag %2").arg(q.image.toString(), q.tag);
    }
    return {};
}

nlohmann::json stringArray(const QStringList& list) {
    nlohmann::json a = nlohmann::json::array();
    for (const QString& s : list)
        a.push_back(s.toStdString());
    return a;
}

} // namespace

SAGEDOCK_CLI_COMMAND(
    "resolve",
    "Turn a PR number, branch, tag or image into its CI tag and list the platform images that exist.",
    [](QCommandLineParser& p) {
        p.addPositionalArgument(
            QStringLiteral("QUERY"),
            QStringLiteral("41000 (a PR), a branch such as u/jdoe/fix, a tag such as 10.8.beta6, "
                           "or a full image reference."));
        cli::addSelectionOptions(p, false);
        p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    },
    [](const QCommandLineParser& p, cli::Io& io, cli::Done done) {
        const QStringList args = p.positionalArguments();
        if (args.size() != 1)
            return done(
                cli::usageError(io, QStringLiteral("resolve"), Text::tr("expects exactly one QUERY")));
        const auto query = reference::Query::resolve(args.first());
        if (!query.ok())
            return done(cli::usageError(io, QStringLiteral("resolve"), query.error().toString()));
        const reference::Query q = query.value();
        if (q.kind == reference::Query::Kind::Image && !q.sageName)
            return done(cli::usageError(
                io, QStringLiteral("resolve"),
                Text::tr("'%1' is not a Sage CI stage image (sage-<system>-<packages>-<stage>); "
                         "use 'sagedock-cli tags' for other repositories")
                    .arg(q.image.toString())));

        auto parsed = cli::matrixRequestFromOptions(p);
        if (!parsed.ok())
            return done(cli::usageError(io, QStringLiteral("resolve"), parsed.error().toString()));
        // The image names its own prefix, package set and system unless the options say otherwise.
        const auto resolved = matrix::matrixRequestForQuery(
            q, {.base = parsed.value(),
                .repositoryChosen = p.isSet(QStringLiteral("repo")),
                .packagesChosen = p.isSet(QStringLiteral("packages")),
                .systemsChosen = p.isSet(QStringLiteral("systems")) || p.isSet(QStringLiteral("all-known")) ||
                                 p.isSet(QStringLiteral("release"))});
        if (!resolved.ok())
            return done(cli::usageError(io, QStringLiteral("resolve"), resolved.error().toString()));
        const matrix::MatrixRequest request = resolved.value();

        std::shared_ptr<registry::Client> client =
            cli::registryClient(p.isSet(QStringLiteral("offline")), io);
        const bool json = p.isSet(QStringLiteral("json"));
        cli::runMatrix(
            *client, request, cli::concurrencyOption(p),
            [client, q, json, &io, done](const matrix::Snapshot& s, const util::Error& error) {
                if (error)
                    return done(cli::printError(io, error));
                int platformsFound = 0;
                nlohmann::json platforms = nlohmann::json::array();
                QString text;
                for (const matrix::Row& row : s.rows) {
                    QStringList present, missing, failed;
                    nlohmann::json images = nlohmann::json::array();
                    for (const matrix::Cell& c : row.cells) {
                        if (c.status == matrix::CellStatus::Present) {
                            present << c.stage;
                            images.push_back(c.image.toStdString());
                        } else if (c.status == matrix::CellStatus::Missing) {
                            missing << c.stage;
                        } else {
                            failed << c.stage + QStringLiteral(" (") + c.error.message + QLatin1Char(')');
                        }
                    }
                    if (!present.isEmpty())
                        ++platformsFound;
                    platforms.push_back({{"system", row.system.toStdString()},
                                         {"packages", row.packages.toStdString()},
                                         {"present", stringArray(present)},
                                         {"missing", stringArray(missing)},
                                         {"errors", stringArray(failed)},
                                         {"images", images}});
                    if (present.isEmpty() && failed.isEmpty())
                        continue; // printed in the summary line only
                    text += QStringLiteral("  ") + row.system + QLatin1Char(' ') + row.packages +
                            QStringLiteral(": ") +
                            (present.isEmpty() ? Text::tr("none") : present.join(QLatin1Char(' ')));
                    if (!missing.isEmpty() && !present.isEmpty())
                        text += QStringLiteral("  (") +
                                Text::tr("missing: %1").arg(missing.join(QLatin1Char(' '))) +
                                QLatin1Char(')');
                    if (!failed.isEmpty())
                        text += QStringLiteral("  [") +
                                Text::tr("errors: %1").arg(failed.join(QStringLiteral("; "))) +
                                QLatin1Char(']');
                    text += QLatin1Char('\n');
                }
                if (json) {
                    cli::printJson(io, {{"query", q.text.toStdString()},
                                        {"kind", reference::Query::kindName(q.kind).toStdString()},
                                        {"tag", q.tag.toStdString()},
                                        {"repository", s.repository.toStdString()},
                                        {"stages", stringArray(s.stages)},
                                        {"platforms", platforms},
                                        {"platforms_found", platformsFound},
                                        {"summary", matrix::toJson(s.summary())}});
                } else {
                    io.out << describe(q) << "\n";
                    io.out << Text::tr("%1 tag %2: images for %3 of %4 platforms")
                                  .arg(s.repository, s.tag)
                                  .arg(platformsFound)
                                  .arg(s.rows.size())
                           << "\n"
                           << text;
                    io.out.flush();
                }
                const matrix::Summary sum = s.summary();
                if (sum.cells > 0 && sum.errors == sum.cells)
                    return done(cli::printError(io, s.rows.first().cells.first().error));
                if (platformsFound == 0) {
                    io.err
                        << "sagedock-cli: "
                        << Text::tr("no platform image exists for tag %1 under %2").arg(s.tag, s.repository)
                        << "\n";
                    io.err.flush();
                    return done(cli::ExitFailure);
                }
                done(cli::ExitOk);
            });
    })
