#include "matrixcli.h"

#include "command.h"
#include "http/transport.h"
#include "matrix/refreshjob.h"
#include "reference/catalog.h"
#include "services/services.h"
#include "util/settings.h"

#include <QCoreApplication>

namespace sagedock::cli {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::cli)
};

util::Error usage(const QString& message, const QString& hint = {}) {
    return util::Error::make(util::ErrorCode::InvalidArgument, message, hint);
}

} // namespace

std::shared_ptr<registry::Client> registryClient(bool offline, Io& io) {
    std::shared_ptr<registry::Client> client = services().registry();
    static bool warned = false;
    // Read here, not through the transport: its thread reads the file too, but a CLI run may end
    // before it has; a file the user names is bounded and never blocks (util::readUserFile).
    if (!warned && !offline) {
        warned = true;
        if (const util::Error problem = http::Transport::caBundleProblem(util::Settings().extraCaBundle()))
            io.err << "sagedock-cli: warning: " << problem.toString() << "\n";
        io.err.flush();
    }
    client->setOffline(offline);
    return client;
}

QStringList splitList(const QStringList& values) {
    QStringList out;
    for (const QString& v : values) {
        for (const QString& part : v.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString t = part.trimmed();
            if (!t.isEmpty())
                out << t;
        }
    }
    return out;
}

void addSelectionOptions(QCommandLineParser& p, bool withTag) {
    const auto& cat = reference::Catalog::bundled();
    p.addOption({QStringLiteral("repo"),
                 QStringLiteral("Repository prefix the stage images live under (default %1).")
                     .arg(cat.defaultRepository()),
                 QStringLiteral("PREFIX")});
    if (withTag)
        p.addOption(
            {QStringLiteral("tag"), QStringLiteral("Tag to show (default dev)."), QStringLiteral("TAG")});
    p.addOption({QStringLiteral("systems"),
                 QStringLiteral("Comma-separated systems (default: the %1 of the current CI matrix).")
                     .arg(cat.ciSystems().size()),
                 QStringLiteral("LIST")});
    p.addOption(
        {QStringLiteral("all-known"),
         QStringLiteral("Every system the bundled catalog knows (%1).").arg(cat.allKnownSystems().size())});
    p.addOption({QStringLiteral("release"),
                 QStringLiteral("The systems CI built for a past release (%1).")
                     .arg(cat.releases().join(QStringLiteral(", "))),
                 QStringLiteral("VERSION")});
    p.addOption({QStringLiteral("packages"),
                 QStringLiteral(
                     "Comma-separated package sets, optionally with modifiers (default standard,minimal)."),
                 QStringLiteral("LIST")});
    p.addOption({QStringLiteral("stages"),
                 QStringLiteral("Comma-separated stages (default: the five CI publishes: %1).")
                     .arg(cat.publishedStages().join(QLatin1Char(','))),
                 QStringLiteral("LIST")});
    p.addOption(
        {QStringLiteral("offline"), QStringLiteral("Answer from the cache only; never ask the registry.")});
    p.addOption(
        {QStringLiteral("concurrency"),
         QStringLiteral("Images read at once (default %1).").arg(matrix::RefreshJob::kDefaultMaxInFlight),
         QStringLiteral("N")});
}

int concurrencyOption(const QCommandLineParser& p) {
    if (!p.isSet(QStringLiteral("concurrency")))
        return 0;
    bool ok = false;
    const int n = p.value(QStringLiteral("concurrency")).toInt(&ok);
    return ok && n > 0 ? n : -1;
}

util::Result<matrix::MatrixRequest> matrixRequestFromOptions(const QCommandLineParser& p) {
    const auto& cat = reference::Catalog::bundled();
    matrix::MatrixRequest r;
    r.repositoryPrefix = p.value(QStringLiteral("repo"));
    // `resolve` has no --tag (the query names it): optionNames() holds only options that were given,
    // so asking it never makes QCommandLineParser warn about an option it does not know.
    if (p.optionNames().contains(QStringLiteral("tag")))
        r.tag = p.value(QStringLiteral("tag"));
    const int sources = int(p.isSet(QStringLiteral("systems"))) + int(p.isSet(QStringLiteral("all-known"))) +
                        int(p.isSet(QStringLiteral("release")));
    if (sources > 1)
        return usage(Text::tr("--systems, --all-known and --release exclude each other."),
                     Text::tr("Pick one of them."));
    if (p.isSet(QStringLiteral("systems"))) {
        r.systems = splitList(p.values(QStringLiteral("systems")));
        if (r.systems.isEmpty())
            return usage(Text::tr("--systems needs at least one system."),
                         Text::tr("e.g. --systems ubuntu-jammy,fedora-41"));
    } else if (p.isSet(QStringLiteral("all-known"))) {
        r.systems = cat.allKnownSystems();
    } else if (p.isSet(QStringLiteral("release"))) {
        const QString release = p.value(QStringLiteral("release"));
        r.systems = cat.systemsForRelease(release);
        if (r.systems.isEmpty())
            return usage(Text::tr("The catalog has no system list for release '%1'.").arg(release),
                         Text::tr("Known releases: %1.").arg(cat.releases().join(QStringLiteral(", "))));
    }
    r.packages = splitList(p.values(QStringLiteral("packages")));
    r.stages = splitList(p.values(QStringLiteral("stages")));
    if (concurrencyOption(p) < 0)
        return usage(Text::tr("--concurrency needs a positive number."));
    r = r.normalized();
    if (auto e = r.validate())
        return e;
    return r;
}

void runMatrix(registry::Client& client, const matrix::MatrixRequest& request, int concurrency,
               std::function<void(const matrix::Snapshot&, const util::Error&)> done) {
    // An invalid request ends the job with its usage error.
    auto* job = new matrix::RefreshJob(client, request);
    if (concurrency > 0)
        job->setMaxInFlight(concurrency);
    QObject::connect(job, &util::Job::finished, job, [job, done](const util::Error& error) {
        done(job->snapshot(), error);
        job->deleteLater();
    });
    job->start();
}

} // namespace sagedock::cli
