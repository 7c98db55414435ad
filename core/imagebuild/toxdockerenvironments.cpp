#include "imagebuild/toxdockerenvironments.h"

#include "imagebuild/sagesystems.h"

#include <QMap>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace sagedock::imagebuild {

namespace {

// Splits at the commas outside braces: "a-{b,c},d" -> "a-{b,c}", "d".
QStringList topLevelAlternatives(const QString& condition) {
    QStringList out;
    int depth = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i < condition.size(); ++i) {
        const QChar c = condition.at(i);
        if (c == u'{')
            ++depth;
        else if (c == u'}')
            depth = qMax(0, depth - 1);
        else if (c == u',' && depth == 0) {
            out << condition.mid(start, i - start);
            start = i + 1;
        }
    }
    out << condition.mid(start);
    return out;
}

// "ubuntu-{trusty,focal}" -> "ubuntu-trusty", "ubuntu-focal" (nested groups too).
QStringList expandGroups(const QString& name) {
    const qsizetype open = name.indexOf(u'{');
    if (open < 0)
        return {name};
    int depth = 0;
    for (qsizetype i = open; i < name.size(); ++i) {
        if (name.at(i) == u'{')
            ++depth;
        else if (name.at(i) == u'}' && --depth == 0) {
            QStringList out;
            for (const QString& option : topLevelAlternatives(name.mid(open + 1, i - open - 1)))
                out << expandGroups(name.left(open) + option.trimmed() + name.mid(i + 1));
            return out;
        }
    }
    return {name}; // an unterminated brace: tox keeps it as text, so no name comes of it
}

// The names a setenv line's condition stands for; negated ones name nothing to offer.
QStringList conditionNames(const QString& condition) {
    QStringList out;
    for (const QString& alternative : topLevelAlternatives(condition))
        for (const QString& name : expandGroups(alternative.trimmed()))
            if (!name.isEmpty() && !name.contains(u'!'))
                out << name;
    return out;
}

} // namespace

std::optional<DockerEnvironment> splitDockerEnvironment(const QString& name) {
    const QStringList factors = name.split(u'-');
    if (factors.size() < 3 || factors.first() != QLatin1String("docker"))
        return std::nullopt;
    const QStringList sets = sagePackageSets();
    for (qsizetype i = 2; i < factors.size(); ++i) {
        if (!sets.contains(factors.at(i)))
            continue;
        return DockerEnvironment{name, factors.mid(1, i - 1).join(u'-'), factors.at(i), factors.mid(i + 1)};
    }
    return std::nullopt;
}

QStringList toxSystems(const ToxIni& ini) {
    // "CONDITION: NAME=" with the condition tox's way: factors, groups, negations, alternatives.
    static const QRegularExpression line(
        QStringLiteral("^\\s*([\\w{}.!,\\-]+):(?:\\s+|$)\\s*(BASE_IMAGE|BASE_TAG)\\s*="));
    const QString setenv = ini.raw(QStringLiteral("testenv"), QStringLiteral("setenv")).value_or(QString());
    QStringList candidates;
    for (const QString& text : setenv.split(u'\n')) {
        const auto m = line.match(text);
        if (!m.hasMatch())
            continue;
        for (const QString& name : conditionNames(m.captured(1))) {
            const QStringList factors = name.split(u'-');
            // `docker: BASE_TAG=latest` is the default for every system, not a system.
            if (factors.contains(QStringLiteral("docker")) || factors.contains(QStringLiteral("local")))
                continue;
            if (!candidates.contains(name))
                candidates << name;
        }
    }
    // The most specific names: `ubuntu` sets the image, `ubuntu-jammy` the tag of a system.
    QStringList systems;
    for (const QString& name : candidates) {
        const QString prefix = name + u'-';
        if (std::none_of(candidates.begin(), candidates.end(),
                         [&](const QString& other) { return other.startsWith(prefix); }))
            systems << name;
    }
    return systems;
}

QList<DockerEnvironment> dockerEnvironments(const ToxIni& ini) {
    // unknownFactors() lists the file's environments on every call: collect its factors once.
    QSet<QString> known;
    const QStringList defined = ini.environments();
    for (const QString& env : defined)
        for (const QString& f : env.split(u'-'))
            known.insert(f);
    auto accepted = [&](const QString& name) {
        const QStringList factors = name.split(u'-');
        return std::all_of(factors.begin(), factors.end(),
                           [&](const QString& f) { return known.contains(f); }) ||
               ini.unknownFactors(name).isEmpty(); // python factors tox accepts without a definition
    };

    QStringList order;                              // systems, in file order
    QMap<QString, QList<DockerEnvironment>> groups; // system -> its environments
    QSet<QString> listed;
    auto add = [&](const DockerEnvironment& e) {
        if (listed.contains(e.name))
            return;
        listed.insert(e.name);
        if (!order.contains(e.system))
            order << e.system;
        groups[e.system] << e;
    };
    const QStringList systems = toxSystems(ini);
    if (known.contains(QStringLiteral("docker"))) {
        for (const QString& system : systems)
            for (const QString& packages : sagePackageSets()) {
                const QString name = QStringLiteral("docker-%1-%2").arg(system, packages);
                if (accepted(name))
                    add({name, system, packages, {}});
            }
    }
    // Names the file spells out; factor conditions count among them (`docker-incremental-standard:`),
    // so only those on a known system are environments to offer.
    for (const QString& name : defined)
        if (const auto e = splitDockerEnvironment(name))
            if (std::any_of(systems.begin(), systems.end(), [&](const QString& system) {
                    return e->system == system || e->system.startsWith(system + u'-');
                }))
                add(*e);
    QList<DockerEnvironment> out;
    for (const QString& system : order)
        out << groups.value(system);
    return out;
}

} // namespace sagedock::imagebuild
