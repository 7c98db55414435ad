#include "matrix/matrixrequest.h"

#include "reference/catalog.h"
#include "reference/imagereference.h"
#include "reference/sagename.h"

#include <QCoreApplication>

namespace sagedock::matrix {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::matrix)
};

util::Error usage(const QString& message, const QString& hint = {}) {
    return util::Error::make(util::ErrorCode::InvalidArgument, message, hint);
}

QStringList deduplicated(const QStringList& in) {
    QStringList out;
    for (const QString& s : in) {
        const QString t = s.trimmed();
        if (!t.isEmpty() && !out.contains(t))
            out << t;
    }
    return out;
}

} // namespace

QString MatrixRequest::repositoryFor(const QString& system, const QString& packages,
                                     const QString& stage) const {
    return repositoryPrefix + reference::SageName::compose(system, packages, stage);
}

MatrixRequest MatrixRequest::normalized() const {
    const auto& cat = reference::Catalog::bundled();
    MatrixRequest r = *this;
    r.repositoryPrefix = r.repositoryPrefix.trimmed();
    if (r.repositoryPrefix.isEmpty())
        r.repositoryPrefix = cat.defaultRepository();
    if (!r.repositoryPrefix.endsWith(QLatin1Char('/')))
        r.repositoryPrefix += QLatin1Char('/');
    r.tag = r.tag.trimmed();
    r.systems = deduplicated(r.systems);
    if (r.systems.isEmpty())
        r.systems = cat.ciSystems();
    r.packages = deduplicated(r.packages);
    if (r.packages.isEmpty())
        r.packages = cat.ciPackageSets();
    r.stages = deduplicated(r.stages);
    if (r.stages.isEmpty())
        r.stages = cat.publishedStages();
    else {
        // Unknown stages stay (validate() names them); known ones go into build order.
        QStringList ordered = cat.orderedStages(r.stages);
        for (const QString& s : r.stages) {
            if (!ordered.contains(s))
                ordered << s;
        }
        r.stages = ordered;
    }
    return r;
}

util::Error MatrixRequest::validate() const {
    const auto& cat = reference::Catalog::bundled();
    if (auto e = reference::ImageReference::validateTag(tag))
        return e;
    for (const QString& stage : stages) {
        if (cat.stageIndex(stage) < 0)
            return usage(Text::tr("Unknown stage '%1'.").arg(stage),
                         Text::tr("Known stages: %1.").arg(cat.stages().join(QStringLiteral(", "))));
    }
    for (const QString& p : packages) {
        const QStringList parts = p.split(QLatin1Char('-'));
        bool ok = cat.packageSets().contains(parts.first());
        for (qsizetype i = 1; i < parts.size(); ++i)
            ok = ok && cat.modifiers().contains(parts[i]);
        if (!ok)
            return usage(Text::tr("Unknown package set '%1'.").arg(p),
                         Text::tr("Use %1, optionally followed by modifiers such as -sitepackages.")
                             .arg(cat.packageSets().join(QStringLiteral(", "))));
    }
    for (const QString& system : systems) {
        // The whole repository name must be a valid reference; this also checks the prefix.
        const QString repo = repositoryFor(system, packages.value(0), stages.value(0));
        const auto parsed = reference::ImageReference::parseRepository(repo);
        if (!parsed.ok())
            return usage(Text::tr("'%1' is not a valid repository: %2").arg(repo, parsed.error().message),
                         parsed.error().hint);
        const auto name = reference::SageName::parse(repo);
        if (!name.ok() || name->system != system)
            return usage(Text::tr("The system '%1' cannot be told apart in '%2'.").arg(system, repo),
                         Text::tr("A system name must not end in a package set, modifier or stage name."));
    }
    return {};
}

} // namespace sagedock::matrix
