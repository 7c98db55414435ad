#pragma once
// Test class declaration (kept apart from the definitions, like the unit tests).

#include "faultproxy.h"
#include "registryfixture.h"

#include <QObject>
#include <QTemporaryDir>

#include <memory>

class TestRegistryFaults : public QObject {
    Q_OBJECT
    QString m_registry;
    sagedock::testsupport::SeededRepository m_repo;
    std::unique_ptr<sagedock::http::Transport> m_engine;
    std::unique_ptr<sagedock::testsupport::FaultProxy> m_proxy;

    sagedock::registry::Repository repo() const;

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void retryAfterThenSuccess();
    void rateLimitedUntil();
    void unavailableThenSuccess();
    void unavailableForever();
    void malformedJson();
    void configNotMatchingItsDigest();
    void truncatedBody();
    void stallPastTheTimeout();
    void pagination_data();
    void pagination();
    void paginationLoop();
    void paginationToAnotherHost();
    void redirects_data();
    void redirects();
    void pageCountGuard();
    void oversizedBody();
    void rateLimitHeadersSurfaced();

    void bearerAnonymous();
    void expectedRepositoriesShareTheFirstTokenRequest();
    void bearerWithCredentials();
    void tokenServiceDown();
    void bearerWithoutOrWrongCredentials_data();
    void bearerWithoutOrWrongCredentials();
    void bearerRefreshOnce();
    void bearerIdentityToken();
    void basicAuth();
    void credentialHelperEndToEnd();
};
