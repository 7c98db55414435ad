#include "reference/sagename.h"

#include "reference/catalog.h"

#include <QCoreApplication>

namespace sagedock::reference {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::reference)
};

util::Error invalid(const QString& message, const QString& hint) {
    return util::Error::make(util::ErrorCode::InvalidArgument, message, hint);
}

} // namespace

// The names come from the catalog, the one holder of Sage facts.
const QStringList& SageName::knownStages() {
    return Catalog::bundled().stages();
}

const QStringList& SageName::knownPackageSets() {
    return Catalog::bundled().packageSets();
}

const QStringList& SageName::knownModifiers() {
    return Catalog::bundled().modifiers();
}

util::Result<SageName> SageName::parse(const QString& input) {
    QString name = input.trimmed();
    // Drop a tag/digest and everything up to the last '/': only the repository's last component matters.
    const qsizetype at = name.indexOf(QLatin1Char('@'));
    if (at >= 0)
        name = name.left(at);
    const qsizetype slash = name.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = name.lastIndexOf(QLatin1Char(':'));
    if (colon > slash)
        name = name.left(colon);
    name = name.mid(slash + 1);

    const QString hint = Text::tr("Sage CI images are named sage-<system>-<packages>[-<modifiers>]-<stage>, "
                                  "e.g. sage-ubuntu-noble-standard-with-targets.");
    if (!name.startsWith(QLatin1String("sage-")))
        return invalid(Text::tr("'%1' does not start with 'sage-'.").arg(name), hint);
    QString rest = name.mid(5);

    SageName out;
    if (rest.startsWith(QLatin1String("docker-"))) {
        out.legacyDocker = true;
        rest = rest.mid(7);
    }

    // The longest matching stage suffix wins, so that a stage that is a suffix of another (none today,
    // but the catalog may grow) never steals part of the name.
    for (const QString& stage : knownStages()) {
        if (rest.endsWith(QLatin1Char('-') + stage) && stage.size() > out.stage.size())
            out.stage = stage;
    }
    if (out.stage.isEmpty())
        return invalid(Text::tr("'%1' does not end in a known stage (%2).")
                           .arg(name, knownStages().join(QStringLiteral(", "))),
                       hint);
    rest.chop(out.stage.size() + 1);

    QStringList parts = rest.split(QLatin1Char('-'));
    while (!parts.isEmpty() && knownModifiers().contains(parts.last()))
        out.modifiers.prepend(parts.takeLast());
    if (parts.isEmpty() || !knownPackageSets().contains(parts.last()))
        return invalid(
            Text::tr("'%1' names no package set (minimal, standard or maximal) before the stage.").arg(name),
            hint);
    out.packages = parts.takeLast();
    out.system = parts.join(QLatin1Char('-'));
    if (out.system.isEmpty())
        return invalid(Text::tr("'%1' names no system before the package set.").arg(name), hint);
    return out;
}

QString SageName::compose(const QString& system, const QString& packages, const QString& stage,
                          const QStringList& modifiers) {
    QString s = QStringLiteral("sage-") + system + QLatin1Char('-') + packages;
    for (const QString& m : modifiers)
        s += QLatin1Char('-') + m;
    return s + QLatin1Char('-') + stage;
}

QString SageName::stem() const {
    QString s = legacyDocker ? QStringLiteral("sage-docker-") : QStringLiteral("sage-");
    s += system + QLatin1Char('-') + packages;
    for (const QString& m : modifiers)
        s += QLatin1Char('-') + m;
    return s;
}

QString SageName::toString() const {
    return stem() + QLatin1Char('-') + stage;
}

SageName SageName::withStage(const QString& newStage) const {
    SageName n = *this;
    n.stage = newStage;
    return n;
}

QString SageName::distributionOf(const QString& system) {
    return system.section(QLatin1Char('-'), 0, 0);
}

} // namespace sagedock::reference
