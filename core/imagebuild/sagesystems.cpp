#include "imagebuild/sagesystems.h"

#include "reference/catalog.h"

#include <QStringList>

namespace sagedock::imagebuild {

std::optional<SageSystem> sageSystem(const QString& factor) {
    const reference::Catalog& catalog = reference::Catalog::bundled();
    const QString base = catalog.baseImage(factor);
    if (base.isEmpty())
        return std::nullopt;
    SageSystem s;
    s.factor = factor;
    s.baseImage = base;
    s.ignoreMissing = catalog.ignoresMissingSystemPackages(factor);
    // tox's distro factors decide SYSTEM; the Python factor is the "-python3.X" suffix.
    static const QList<std::pair<const char*, const char*>> families = {
        {"ubuntu", "debian"},     {"debian", "debian"},    {"linuxmint", "debian"},  {"fedora", "fedora"},
        {"centos", "fedora"},     {"almalinux", "fedora"}, {"rockylinux", "fedora"}, {"archlinux", "arch"},
        {"manjarolinux", "arch"}, {"gentoo", "gentoo"},    {"opensuse", "opensuse"}, {"conda", "conda"}};
    s.system = QStringLiteral("debian");
    for (const auto& [prefix, family] : families)
        if (factor.startsWith(QLatin1String(prefix))) {
            s.system = QString::fromLatin1(family);
            break;
        }
    s.conda = s.system == QLatin1String("conda");
    const qsizetype py = factor.indexOf(QLatin1String("-python3."));
    if (py >= 0)
        s.python = factor.mid(py + 1);
    return s;
}

QStringList knownSageSystems() {
    const reference::Catalog& catalog = reference::Catalog::bundled();
    QStringList out = catalog.documentedSystems();
    for (const QString& f : catalog.allKnownSystems())
        if (!out.contains(f) && !catalog.baseImage(f).isEmpty())
            out << f;
    return out;
}

QStringList sagePackageSets() {
    return reference::Catalog::bundled().packageSets();
}

} // namespace sagedock::imagebuild
