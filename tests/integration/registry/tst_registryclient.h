#pragma once
// Test class declaration (kept apart from the definitions, like the unit tests).

#include "faultproxy.h"
#include "registryfixture.h"

#include <QObject>
#include <QTemporaryDir>

#include <memory>

class TestRegistryClient : public QObject {
    Q_OBJECT
    QString m_registry;
    sagedock::testsupport::SeededRepository m_repo;
    std::unique_ptr<sagedock::http::Transport> m_engine;

    sagedock::registry::Repository repo(const QString& host = {}) const;

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void tagsOfSeededRepository();
    void unknownRepository();
    void manifests_data();
    void manifests();
    void missingPlatformListsTheOthers();
    void unknownTag();
    void configParsedAndVerified();
    void headDigestIsTheIndexDigest();
    void dockerPushedFixture();

    void warmCacheNeedsNoRequests();
    void expiredTtlRevalidatesWithHead();
    void offlineServesStaleWithAge();
    void registryDownServesStale();
    void notFoundIsNeverServedStale();

    void warmRefreshIsMostlyCacheReads();
    void manyConcurrentCalls();
    void cancelAndDelete();
};
