#pragma once
// The docker environments a checkout's tox.ini offers, for a picker (the Builds page): every system
// the file gives a base image or tag for (`ubuntu-jammy: BASE_TAG=jammy`; the most specific
// condition name counts, so `ubuntu` alone is not a system when `ubuntu-jammy` is one) with each
// package set tox accepts for it, plus the docker environments the file names itself on one of
// those systems (envlist, [testenv:docker-...]). tox accepts many more names (any combination of
// known factors); these are the ones worth listing. Pure functions over a parsed ToxIni.
// Usage:
//   for (const imagebuild::DockerEnvironment& e : imagebuild::dockerEnvironments(ini))
//       offer(e.system, e.name);

#include "imagebuild/toxini.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace sagedock::imagebuild {

struct DockerEnvironment {
    QString name;          // "docker-ubuntu-jammy-standard-incremental"
    QString system;        // "ubuntu-jammy"
    QString packages;      // "standard"
    QStringList modifiers; // {"incremental"}
    bool operator==(const DockerEnvironment&) const = default;
};

// Splits docker-SYSTEM-PACKAGES[-MODIFIERS...] at its package-set factor (minimal, standard,
// maximal); nullopt for names of another form.
std::optional<DockerEnvironment> splitDockerEnvironment(const QString& name);

// The systems of [testenv] setenv's BASE_IMAGE / BASE_TAG lines, in file order.
QStringList toxSystems(const ToxIni& ini);

// Every system × package set tox accepts, then the file's own docker environments not yet listed;
// grouped by system in file order.
QList<DockerEnvironment> dockerEnvironments(const ToxIni& ini);

} // namespace sagedock::imagebuild
