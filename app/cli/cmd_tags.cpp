// `sagedock-cli tags REF`: every tag of a repository (all pages), newest answer or the cache's.

#include "command.h"
#include "matrixcli.h"
#include "output.h"
#include "reference/imagereference.h"

#include <QCoreApplication>

#include <memory>

using namespace sagedock;

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::cli)
};
} // namespace

SAGEDOCK_CLI_COMMAND(
    "tags", "List the tags of an image repository.",
    [](QCommandLineParser& p) {
        p.addPositionalArgument(
            QStringLiteral("REF"),
            QStringLiteral("Repository or image, e.g. ghcr.io/sagemath/sage/"
                           "sage-ubuntu-noble-standard-with-targets or sagemath/sagemath."));
        p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
        p.addOption({QStringLiteral("offline"), QStringLiteral("Answer from the cache only.")});
    },
    [](const QCommandLineParser& p, cli::Io& io, cli::Done done) {
        const QStringList args = p.positionalArguments();
        if (args.size() != 1)
            return done(cli::usageError(io, QStringLiteral("tags"), Text::tr("expects exactly one REF")));
        const auto ref = reference::ImageReference::parse(args.first());
        if (!ref.ok())
            return done(cli::usageError(io, QStringLiteral("tags"), ref.error().toString()));
        // A tag or digest in REF is ignored on purpose: people paste whole image references.
        const auto repo = registry::Repository::parse(ref->repository());
        if (!repo.ok())
            return done(cli::usageError(io, QStringLiteral("tags"), repo.error().toString()));

        std::shared_ptr<registry::Client> client =
            cli::registryClient(p.isSet(QStringLiteral("offline")), io);
        registry::TagsJob* job = client->listTags(repo.value());
        const bool json = p.isSet(QStringLiteral("json"));
        QObject::connect(job, &registry::Job::finished, job, [client, job, json, &io, done] {
            job->deleteLater();
            if (job->error())
                return done(cli::printError(io, job->error()));
            const registry::TagList& list = job->result();
            const registry::Provenance& prov = job->provenance();
            if (json) {
                nlohmann::json tags = nlohmann::json::array();
                for (const QString& t : list.tags)
                    tags.push_back(t.toStdString());
                cli::printJson(io, {{"repository", list.repository.toString().toStdString()},
                                    {"tags", tags},
                                    {"stale", prov.isStale()},
                                    {"fetched", cli::orNull(prov.fetchedAt.toUTC().toString(Qt::ISODate))}});
            } else {
                for (const QString& t : list.tags)
                    io.out << t << "\n";
                io.out.flush();
            }
            if (prov.isStale()) {
                io.err
                    << "sagedock-cli: "
                    << Text::tr(
                           "the registry could not be reached; these tags are from the cache, %1 s old (%2)")
                           .arg(prov.ageSeconds())
                           .arg(prov.staleBecause.toString())
                    << "\n";
                io.err.flush();
            }
            done(cli::ExitOk);
        });
    })
