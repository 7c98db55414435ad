#pragma once
// tox's system factors for `tox -e docker-<system>-<packages>` (tox-docker.md a): the base image
// each one builds FROM, the SYSTEM argument of write-dockerfile.sh, whether missing system packages
// are ignored, and the Python factor. Used by the planner when the reference catalog has no entry.
// Usage: if (auto s = imagebuild::sageSystem(u"ubuntu-jammy"_s)) use(s->baseImage);

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace sagedock::imagebuild {

struct SageSystem {
    QString factor;             // "ubuntu-jammy"
    QString baseImage;          // "ubuntu:jammy" (FULL_BASE_IMAGE_AND_TAG)
    QString system;             // write-dockerfile.sh $1: debian, fedora, arch, gentoo, opensuse, conda
    bool ignoreMissing = false; // $4 for standard/minimal (maximal always ignores)
    QString python;             // "python3.12" for python factors, else empty
    bool conda = false;
};

const QList<SageSystem>& sageSystems(); // in tox.ini's order
// The table's entry, else one derived from the reference catalog's base image for that system.
std::optional<SageSystem> sageSystem(const QString& factor);
// The table's systems, then every other system the catalog has a base image for.
QStringList knownSageSystems();
QStringList sagePackageSets(); // minimal, standard, maximal

} // namespace sagedock::imagebuild
