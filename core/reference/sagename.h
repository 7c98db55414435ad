#pragma once
// Sage CI image names: `sage-<system>-<packages>[-<modifiers>]-<stage>` and the pre-10.0.beta4
// form `sage-docker-<system>-…` (sage-images.md §1). The stage is the longest known stage suffix;
// packages is minimal|standard|maximal; modifiers follow the package set; the rest is the system,
// which may itself contain hyphens and dots ("centos-stream-9-python3.12").
// Usage:
//   auto n = reference::SageName::parse(u"sage-ubuntu-jammy-standard-sitepackages-with-targets"_s);
//   n->system;          // "ubuntu-jammy"
//   n->modifiers;       // {"sitepackages"}
//   n->stage;           // "with-targets"
//   n->withStage(u"configured"_s).toString();  // "sage-ubuntu-jammy-standard-sitepackages-configured"

#include "util/error.h"

#include <QString>
#include <QStringList>

namespace sagedock::reference {

struct SageName {
    QString system;   // "ubuntu-jammy", "centos-stream-9-python3.12"
    QString packages; // "minimal" | "standard" | "maximal"
    QStringList
        modifiers; // in name order: "sitepackages", "recommended", "develop", "nobootstrap", "incremental"
    QString stage; // one of the seven stages
    bool legacyDocker = false; // "sage-docker-…" (10.0.beta3 and earlier)

    // Accepts a bare repository name, a path ("sagemath/sage/sage-…") or a full reference
    // ("ghcr.io/sagemath/sage/sage-…:dev"); only the last path component is read.
    static util::Result<SageName> parse(const QString& name);
    // The repository's last component, e.g. "sage-fedora-41-minimal-configured".
    QString toString() const;
    // The part before the stage: "sage-ubuntu-jammy-standard" (what the tox stem is).
    QString stem() const;
    // "ubuntu" for "ubuntu-jammy", "centos" for "centos-stream-9", "conda" for "conda-forge-python3.13".
    QString distribution() const { return distributionOf(system); }
    SageName withStage(const QString& newStage) const;

    static QString distributionOf(const QString& system);
    static QString compose(const QString& system, const QString& packages, const QString& stage,
                           const QStringList& modifiers = {});
    // The catalog's seven stage names, longest-suffix matching order not implied; the package sets;
    // the modifiers.
    static const QStringList& knownStages();
    static const QStringList& knownPackageSets();
    static const QStringList& knownModifiers();

    bool operator==(const SageName&) const = default;
};

} // namespace sagedock::reference
