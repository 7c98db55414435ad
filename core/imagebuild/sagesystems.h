#pragma once
// tox's system factors for `tox -e docker-<system>-<packages>` (tox-docker.md a) as the planner needs
// them: the base image each one builds FROM, the SYSTEM argument of write-dockerfile.sh, whether
// missing system packages are ignored, and the Python factor. The facts come from the reference
// catalog (its base-image table and tox's ignore list); SYSTEM and the Python factor follow tox's
// factor rules.
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

// The catalog's system with its base image; nullopt when the catalog has no base image for it.
std::optional<SageSystem> sageSystem(const QString& factor);
// tox.ini's table first (in its order), then every other system the catalog has a base image for.
QStringList knownSageSystems();
QStringList sagePackageSets(); // minimal, standard, maximal (the catalog's)

} // namespace sagedock::imagebuild
