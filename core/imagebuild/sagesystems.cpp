#include "imagebuild/sagesystems.h"

#include "reference/catalog.h"

#include <QStringList>

namespace sagedock::imagebuild {

const QList<SageSystem>& sageSystems() {
    // tox-docker.md a), "System factor -> base image" and the SYSTEM / IGNORE list (10.9.beta3).
    static const QList<SageSystem> systems = {
        {QStringLiteral("ubuntu-jammy"),
         QStringLiteral("ubuntu:jammy"),
         QStringLiteral("debian"),
         false,
         {},
         false},
        {QStringLiteral("ubuntu-noble"),
         QStringLiteral("ubuntu:noble"),
         QStringLiteral("debian"),
         true,
         {},
         false},
        {QStringLiteral("debian-bullseye"),
         QStringLiteral("debian:bullseye"),
         QStringLiteral("debian"),
         true,
         {},
         false},
        {QStringLiteral("debian-bookworm"),
         QStringLiteral("debian:bookworm"),
         QStringLiteral("debian"),
         false,
         {},
         false},
        {QStringLiteral("fedora-40"), QStringLiteral("fedora:40"), QStringLiteral("fedora"), true, {}, false},
        {QStringLiteral("fedora-41"), QStringLiteral("fedora:41"), QStringLiteral("fedora"), true, {}, false},
        {QStringLiteral("centos-stream-9"),
         QStringLiteral("quay.io/centos/centos:stream9"),
         QStringLiteral("fedora"),
         true,
         {},
         false},
        {QStringLiteral("centos-stream-9-python3.12"), QStringLiteral("quay.io/centos/centos:stream9"),
         QStringLiteral("fedora"), true, QStringLiteral("python3.12"), false},
        {QStringLiteral("opensuse-tumbleweed"),
         QStringLiteral("opensuse/tumbleweed:latest"),
         QStringLiteral("opensuse"),
         false,
         {},
         false},
        {QStringLiteral("archlinux-latest"),
         QStringLiteral("archlinux:latest"),
         QStringLiteral("arch"),
         true,
         {},
         false},
        {QStringLiteral("gentoo-python3.12"), QStringLiteral("sheerluck/sage-on-gentoo-stage4:latest-py12"),
         QStringLiteral("gentoo"), false, QStringLiteral("python3.12"), false},
        {QStringLiteral("conda-forge-python3.13"), QStringLiteral("continuumio/miniconda3:latest"),
         QStringLiteral("conda"), false, QStringLiteral("python3.13"), true},
    };
    return systems;
}

std::optional<SageSystem> sageSystem(const QString& factor) {
    for (const SageSystem& s : sageSystems())
        if (s.factor == factor)
            return s;
    // Not in the table: the reference catalog knows the base image of every system tox ever had;
    // SYSTEM follows tox's distro factors, the Python factor is the "-python3.X" suffix.
    const QString base = reference::Catalog::bundled().baseImage(factor);
    if (base.isEmpty())
        return std::nullopt;
    SageSystem s;
    s.factor = factor;
    s.baseImage = base;
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
    QStringList out;
    for (const SageSystem& s : sageSystems())
        out << s.factor;
    for (const QString& f : reference::Catalog::bundled().allKnownSystems())
        if (!out.contains(f) && !reference::Catalog::bundled().baseImage(f).isEmpty())
            out << f;
    return out;
}

QStringList sagePackageSets() {
    return {QStringLiteral("minimal"), QStringLiteral("standard"), QStringLiteral("maximal")};
}

} // namespace sagedock::imagebuild
