#pragma once
// The bundled Sage catalog (resources/catalog/sage-catalog.json, compiled in as
// ":/catalog/sage-catalog.json"): which systems CI builds now, the master list, the systems of past
// releases, each system's base image, the stage order and which stages CI publishes. Works offline.
// Usage:
//   const auto& cat = reference::Catalog::bundled();
//   cat.ciSystems();                 // the 9 systems of the current CI matrix
//   cat.systemsForRelease(u"10.4"_s); // 43 systems
//   cat.publishedStages();           // the 5 stages CI pushes, in build order
//   cat.baseImage(u"fedora-41"_s);   // "fedora:41"

#include "util/error.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace sagedock::reference {

class Catalog {
public:
    // The compiled-in catalog, parsed once. Never fails at run time: a broken resource is a build bug
    // caught by the unit tests, and then this returns an empty catalog with defaults for the stages.
    static const Catalog& bundled();
    static util::Result<Catalog> fromJson(const QByteArray& json);

    QString defaultRepository() const { return m_defaultRepository; } // "ghcr.io/sagemath/sage/"
    // GitHub package page of a ghcr.io image ("ghcr.io/sagemath/sage/sage-…" →
    // "https://github.com/sagemath/sage/pkgs/container/sage%2Fsage-…"); empty for other registries.
    static QString packagePageUrl(const QString& repository);

    const QStringList& stages() const { return m_stages; }                   // all 7, in build order
    const QStringList& publishedStages() const { return m_publishedStages; } // the 5 CI pushes
    int stageIndex(const QString& stage) const { return int(m_stages.indexOf(stage)); }
    // Sorts stages into build order; unknown stages are dropped.
    QStringList orderedStages(const QStringList& stages) const;

    const QStringList& packageSets() const { return m_packageSets; }     // minimal, standard, maximal
    const QStringList& ciPackageSets() const { return m_ciPackageSets; } // standard, minimal
    const QStringList& modifiers() const { return m_modifiers; }

    QString ciRelease() const { return m_ciRelease; }
    const QStringList& ciSystems() const { return m_ciSystems; }
    QStringList ciSystems(const QString& packages) const { return m_ciByPackages.value(packages); }
    const QStringList& masterSystems() const { return m_master; }
    QStringList releases() const; // oldest first, by version
    QStringList systemsForRelease(const QString& release) const { return m_releases.value(release); }
    // Every system the catalog knows: the master list, then systems only past releases had.
    QStringList allKnownSystems() const;
    bool isKnownSystem(const QString& system) const;

    QString baseImage(const QString& system) const { return m_baseImages.value(system); }
    bool baseImageDocumented(const QString& system) const { return m_baseImagesDocumented.contains(system); }
    // The systems of tox.ini's base-image table, in its order (the Builds page lists them first).
    const QStringList& documentedSystems() const { return m_baseImagesDocumented; }
    // tox's IGNORE_MISSING_SYSTEM_PACKAGES for standard and minimal builds of this system.
    bool ignoresMissingSystemPackages(const QString& system) const {
        return m_ignoreMissing.contains(system);
    }
    // Tags in the order people look for them: dev, latest, develop; then versions newest first
    // ("10.9" > "10.9.rc1" > "10.9.beta3" > "10.8"); then PR merges newest first; then other refs
    // alphabetically; abbreviated commit SHAs and "-failed" tags last.
    static QStringList orderedTags(const QStringList& tags);

    // Display name of a distribution key ("ubuntu" → "Ubuntu"); the key itself when unknown.
    QString distributionName(const QString& distribution) const;
    // Sort key that groups systems by distribution in catalog order, then by master-list position.
    QString groupingKey(const QString& system) const;

private:
    QString m_defaultRepository = QStringLiteral("ghcr.io/sagemath/sage/");
    QStringList m_stages;
    QStringList m_publishedStages;
    QStringList m_packageSets;
    QStringList m_ciPackageSets;
    QStringList m_modifiers;
    QString m_ciRelease;
    QStringList m_ciSystems;
    QMap<QString, QStringList> m_ciByPackages;
    QStringList m_master;
    QMap<QString, QStringList> m_releases;
    QMap<QString, QString> m_baseImages;
    QStringList m_baseImagesDocumented;
    QList<std::pair<QString, QString>> m_distributions; // key, display name, in catalog order
    QStringList m_allKnown;                             // cache of allKnownSystems()
    QStringList m_ignoreMissing;
};

} // namespace sagedock::reference
