// registry::Client against the real registry (distribution 2.8 on loopback): tags, index →
// platform manifest, config blobs, HEAD digests, a docker-pushed fixture image; then the content
// cache (warm, TTL revalidation, offline and registry-down stale answers with their age), many
// calls at once, cancel and delete. A pass-through FaultProxy counts the requests that reach the
// registry where a test asserts "no request" or "only a HEAD".

#include "tst_registryclient.h"

#include "http/transport.h"
#include "registry/manifestparser.h"
#include "testenvironment.h"

#include <QElapsedTimer>
#include <QTest>

using namespace sagedock;
using namespace sagedock::testsupport;
using registry::Client;
using registry::ClientOptions;
using registry::Provenance;
using util::ErrorCode;

registry::Repository TestRegistryClient::repo(const QString& host) const {
    return registry::Repository{host.isEmpty() ? m_registry : host, m_repo.path};
}

void TestRegistryClient::initTestCase() {
    SAGEDOCK_REQUIRE_ENGINE();
    SAGEDOCK_REQUIRE_REGISTRY(m_registry);
    m_engine = std::make_unique<http::Transport>();
    RegistrySeed seed(m_registry);
    auto seeded =
        seedSageRepository(seed, uniquePrefix() + QStringLiteral("/sage-ubuntu-noble-standard-with-targets"));
    QVERIFY2(seeded.ok(), qPrintable(seeded.error().toString()));
    m_repo = seeded.value();
}

void TestRegistryClient::cleanupTestCase() {
    m_engine.reset();
}

void TestRegistryClient::tagsOfSeededRepository() {
    Client client(*m_engine);
    std::unique_ptr<registry::TagsJob> job(client.listTags(repo()));
    QVERIFY(waitFor(job.get()));
    QVERIFY2(!job->error(), qPrintable(job->error().toString()));
    // registry 2.8 lists tags in its storage order, not lexically: compare them sorted.
    QStringList tags = job->result().tags;
    tags.sort();
    QCOMPARE(tags, (QStringList{QStringLiteral("10.4"), QStringLiteral("10.5"), QStringLiteral("dev")}));
    QCOMPARE(job->result().pages, 1);
    QCOMPARE(job->provenance().source, Provenance::Source::Network);
    QVERIFY(!job->rateLimit().isValid());
}

void TestRegistryClient::unknownRepository() {
    Client client(*m_engine);
    const registry::Repository missing{m_registry, uniquePrefix() + QStringLiteral("/does-not-exist")};
    std::unique_ptr<registry::TagsJob> job(client.listTags(missing));
    QVERIFY(waitFor(job.get()));
    QCOMPARE(job->error().code, ErrorCode::NotFound);
    QCOMPARE(job->error().message, QStringLiteral("Repository %1 does not exist.").arg(missing.toString()));
    QVERIFY(!job->error().hint.isEmpty());
}

void TestRegistryClient::manifests_data() {
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("platform");
    QTest::addColumn<QString>("digest");
    QTest::addColumn<QString>("mediaType");
    QTest::addColumn<QString>("indexDigest");
    QTest::addColumn<int>("layers");
    QTest::addColumn<qint64>("size");
    qint64 amdSize = 0;
    for (const QByteArray& l : m_repo.amd64Layers)
        amdSize += l.size();
    QTest::newRow("index → linux/amd64")
        << "dev"
        << "" << m_repo.amd64.digest << registry::kOciManifest << m_repo.index.digest << 3 << amdSize;
    QTest::newRow("index → linux/arm64") << "dev"
                                         << "linux/arm64" << m_repo.arm64.digest << registry::kOciManifest
                                         << m_repo.index.digest << 2 << m_repo.arm64.layerBytes;
    QTest::newRow("plain OCI tag") << "10.4"
                                   << "" << m_repo.plain.digest << registry::kOciManifest << "" << 3
                                   << amdSize;
    QTest::newRow("docker v2 tag") << "10.5"
                                   << "" << m_repo.docker.digest << registry::kDockerManifest << "" << 3
                                   << amdSize;
    QTest::newRow("by digest") << m_repo.docker.digest << "" << m_repo.docker.digest
                               << registry::kDockerManifest << "" << 3 << amdSize;
    QTest::newRow("index by digest") << m_repo.index.digest << "linux/arm64/v8" << m_repo.arm64.digest
                                     << registry::kOciManifest << m_repo.index.digest << 2
                                     << m_repo.arm64.layerBytes;
}

void TestRegistryClient::manifests() {
    QFETCH(QString, reference);
    QFETCH(QString, platform);
    QFETCH(QString, digest);
    QFETCH(QString, mediaType);
    QFETCH(QString, indexDigest);
    QFETCH(int, layers);
    QFETCH(qint64, size);
    Client client(*m_engine);
    std::unique_ptr<registry::ManifestJob> job(client.manifest(repo(), reference, platform));
    QVERIFY(waitFor(job.get()));
    QVERIFY2(!job->error(), qPrintable(job->error().toString()));
    const registry::Manifest& m = job->result();
    QCOMPARE(m.digest, digest);
    QCOMPARE(m.mediaType, mediaType);
    QCOMPARE(m.indexDigest, indexDigest);
    QCOMPARE(m.layers.size(), layers);
    QCOMPARE(m.totalCompressedSize(), size);
    QCOMPARE(m.reference, reference);
    if (!indexDigest.isEmpty()) {
        // The attestation entry is hidden; the two real platforms remain.
        QCOMPARE(m.platforms.size(), 2);
        QCOMPARE(m.platforms.at(0).platform(), QStringLiteral("linux/amd64"));
        QCOMPARE(m.platforms.at(1).platform(), QStringLiteral("linux/arm64/v8"));
        QCOMPARE(m.indexMediaType, QLatin1String(registry::kOciIndex));
    }
    QVERIFY(registry::isDigest(m.config.digest));
}

void TestRegistryClient::missingPlatformListsTheOthers() {
    Client client(*m_engine);
    std::unique_ptr<registry::ManifestJob> job(
        client.manifest(repo(), QStringLiteral("dev"), QStringLiteral("linux/s390x")));
    QVERIFY(waitFor(job.get()));
    QCOMPARE(job->error().code, ErrorCode::NotFound);
    QVERIFY2(job->error().message.contains(QLatin1String("has no linux/s390x image")),
             qPrintable(job->error().message));
    QCOMPARE(job->error().hint, QStringLiteral("It has: linux/amd64, linux/arm64/v8."));
}

void TestRegistryClient::unknownTag() {
    Client client(*m_engine);
    std::unique_ptr<registry::ManifestJob> job(client.manifest(repo(), QStringLiteral("10.99")));
    QVERIFY(waitFor(job.get()));
    QCOMPARE(job->error().code, ErrorCode::NotFound);
    QVERIFY2(job->error().message.contains(QLatin1String("has no tag or manifest 10.99")),
             qPrintable(job->error().message));
    std::unique_ptr<registry::DigestJob> head(client.headDigest(repo(), QStringLiteral("10.99")));
    QVERIFY(waitFor(head.get()));
    QCOMPARE(head->error().code, ErrorCode::NotFound);
}

void TestRegistryClient::configParsedAndVerified() {
    Client client(*m_engine);
    std::unique_ptr<registry::ConfigJob> job(client.config(repo(), m_repo.amd64.configDigest));
    QVERIFY(waitFor(job.get()));
    QVERIFY2(!job->error(), qPrintable(job->error().toString()));
    const registry::ImageConfig& c = job->result();
    QCOMPARE(c.digest, m_repo.amd64.configDigest);
    QCOMPARE(c.architecture, QStringLiteral("amd64"));
    QCOMPARE(c.os, QStringLiteral("linux"));
    QCOMPARE(c.user, QStringLiteral("sage"));
    QCOMPARE(c.workingDir, QStringLiteral("/home/sage"));
    QCOMPARE(c.entrypoint, QStringList{QStringLiteral("/usr/local/bin/sage-entrypoint")});
    QCOMPARE(c.cmd, QStringList{QStringLiteral("sage")});
    QCOMPARE(c.exposedPorts, QStringList{QStringLiteral("8888/tcp")});
    QCOMPARE(c.env.size(), 2);
    QCOMPARE(c.labels.value(QStringLiteral("org.opencontainers.image.source")),
             QStringLiteral("https://github.com/sagemath/sage"));
    QCOMPARE(c.diffIds, RegistrySeed::diffIdsOf(m_repo.amd64Layers));
    QCOMPARE(c.history.size(), 4);
    QVERIFY(c.history.at(1).emptyLayer);
    QCOMPARE(c.created, QDateTime(QDate(2026, 11, 1), QTime(10, 0, 0, 123), Qt::UTC));
    // A digest the registry does not have.
    std::unique_ptr<registry::ConfigJob> missing(client.config(repo(), registry::computeDigest("nothing")));
    QVERIFY(waitFor(missing.get()));
    QCOMPARE(missing->error().code, ErrorCode::NotFound);
}

void TestRegistryClient::headDigestIsTheIndexDigest() {
    Client client(*m_engine);
    std::unique_ptr<registry::DigestJob> job(client.headDigest(repo(), QStringLiteral("dev")));
    QVERIFY(waitFor(job.get()));
    QVERIFY2(!job->error(), qPrintable(job->error().toString()));
    QCOMPARE(job->result().digest, m_repo.index.digest);
    QCOMPARE(job->result().mediaType, QLatin1String(registry::kOciIndex));
    QCOMPARE(job->result().size, m_repo.index.size);
}

void TestRegistryClient::dockerPushedFixture() {
    // An image pushed by the real docker CLI, not by our seeder: Sage's stage fixture.
    const QString path = uniquePrefix() + QStringLiteral("/sage-fixture-standard-with-targets");
    QString why;
    QVERIFY2(pushToRegistry(fixtureImage(QStringLiteral("stage-with-targets")), m_registry,
                            path + QStringLiteral(":dev"), &why),
             qPrintable(why));
    Client client(*m_engine);
    const registry::Repository r{m_registry, path};
    std::unique_ptr<registry::ManifestJob> job(client.manifest(r, QStringLiteral("dev")));
    QVERIFY(waitFor(job.get()));
    QVERIFY2(!job->error(), qPrintable(job->error().toString()));
    QVERIFY(!job->result().layers.isEmpty());
    std::unique_ptr<registry::ConfigJob> config(client.config(r, job->result().config.digest));
    QVERIFY(waitFor(config.get()));
    QVERIFY2(!config->error(), qPrintable(config->error().toString()));
    QCOMPARE(config->result().workingDir, QStringLiteral("/sage"));
    QCOMPARE(config->result().os, QStringLiteral("linux"));
    // One diff_id per layer in the manifest: what the matrix's chain analysis relies on.
    QCOMPARE(config->result().diffIds.size(), job->result().layers.size());
    int nonEmpty = 0;
    for (const registry::HistoryEntry& h : config->result().history)
        nonEmpty += h.emptyLayer ? 0 : 1;
    QCOMPARE(nonEmpty, job->result().layers.size());
}

void TestRegistryClient::warmCacheNeedsNoRequests() {
    QTemporaryDir cacheDir;
    const ClientOptions options{.cacheDirectory = cacheDir.path()};
    {
        Client cold(*m_engine, options);
        std::unique_ptr<registry::TagsJob> tags(cold.listTags(repo()));
        std::unique_ptr<registry::ManifestJob> manifest(cold.manifest(repo(), QStringLiteral("dev")));
        QVERIFY(waitFor(tags.get()) && waitFor(manifest.get()));
        std::unique_ptr<registry::ConfigJob> config(cold.config(repo(), manifest->result().config.digest));
        QVERIFY(waitFor(config.get()));
        QVERIFY(!config->error());
        QVERIFY(cold.stats().requests >= 5); // ping, tags, index by tag, manifest, config
    }
    // A new client (a restart) on the same cache: everything from disk, no request at all.
    Client warm(*m_engine, options);
    std::unique_ptr<registry::TagsJob> tags(warm.listTags(repo()));
    std::unique_ptr<registry::ManifestJob> manifest(warm.manifest(repo(), QStringLiteral("dev")));
    std::unique_ptr<registry::ConfigJob> config(warm.config(repo(), m_repo.amd64.configDigest));
    QVERIFY(waitFor(tags.get()) && waitFor(manifest.get()) && waitFor(config.get()));
    QVERIFY(!tags->error() && !manifest->error() && !config->error());
    QCOMPARE(manifest->result().digest, m_repo.amd64.digest);
    QCOMPARE(manifest->result().platforms.size(), 2);
    QCOMPARE(config->result().user, QStringLiteral("sage"));
    QCOMPARE(tags->provenance().source, Provenance::Source::Cache);
    QCOMPARE(manifest->provenance().source, Provenance::Source::Cache);
    QCOMPARE(config->provenance().source, Provenance::Source::Cache);
    QCOMPARE(warm.stats().requests, quint64(0));
    QVERIFY(warm.stats().cacheHits >= 4);
}

void TestRegistryClient::expiredTtlRevalidatesWithHead() {
    FaultProxy proxy(m_registry);
    QString why;
    QVERIFY2(proxy.start(&why), qPrintable(why));
    QTemporaryDir cacheDir;
    const ClientOptions options{.cacheDirectory = cacheDir.path(), .tagsTtlSec = 0};
    Client client(*m_engine, options);
    std::unique_ptr<registry::ManifestJob> first(
        client.manifest(repo(proxy.address()), QStringLiteral("dev")));
    QVERIFY(waitFor(first.get()));
    QVERIFY2(!first->error(), qPrintable(first->error().toString()));
    QCOMPARE(first->provenance().source, Provenance::Source::Network);
    // Cold: the index by tag (digest and content in one round trip, no HEAD), then the amd64 manifest.
    QCOMPARE(proxy.count("HEAD", QStringLiteral("/manifests/")), 0);
    QCOMPARE(proxy.count("GET", QStringLiteral("/manifests/dev$")), 1);
    QCOMPARE(proxy.count("GET", QStringLiteral("/manifests/sha256:")), 1);
    proxy.clearLog();
    std::unique_ptr<registry::ManifestJob> again(
        client.manifest(repo(proxy.address()), QStringLiteral("dev")));
    QVERIFY(waitFor(again.get()));
    QVERIFY(!again->error());
    QCOMPARE(again->result().digest, m_repo.amd64.digest);
    QCOMPARE(again->provenance().source, Provenance::Source::Revalidated);
    QCOMPARE(proxy.count("HEAD", QStringLiteral("/manifests/dev$")), 1);
    QCOMPARE(proxy.count("GET", QStringLiteral("/manifests/")), 0); // content by digest never re-fetched
    QCOMPARE(proxy.requests().size(), 1);
    QVERIFY(client.stats().revalidations >= 1);
}

void TestRegistryClient::offlineServesStaleWithAge() {
    QTemporaryDir cacheDir;
    {
        Client online(*m_engine, {.cacheDirectory = cacheDir.path()});
        std::unique_ptr<registry::TagsJob> tags(online.listTags(repo()));
        std::unique_ptr<registry::ManifestJob> m(online.manifest(repo(), QStringLiteral("dev")));
        QVERIFY(waitFor(tags.get()) && waitFor(m.get()));
        QVERIFY(!tags->error() && !m->error());
    }
    // TTL 0: every cached answer is old; offline: the registry is never asked.
    Client offline(*m_engine, {.cacheDirectory = cacheDir.path(), .tagsTtlSec = 0, .offline = true});
    std::unique_ptr<registry::TagsJob> tags(offline.listTags(repo()));
    std::unique_ptr<registry::ManifestJob> m(offline.manifest(repo(), QStringLiteral("dev")));
    QVERIFY(waitFor(tags.get()) && waitFor(m.get()));
    QVERIFY2(!tags->error(), qPrintable(tags->error().toString()));
    QCOMPARE(tags->result().tags.size(), 3);
    QCOMPARE(tags->provenance().source, Provenance::Source::StaleCache);
    QVERIFY(tags->provenance().isStale());
    QVERIFY(tags->provenance().fetchedAt.isValid());
    QVERIFY(tags->provenance().ageSeconds() >= 0 && tags->provenance().ageSeconds() < 600);
    QVERIFY(!tags->provenance().staleBecause.message.isEmpty());
    QCOMPARE(m->result().digest, m_repo.amd64.digest);
    QCOMPARE(m->provenance().source, Provenance::Source::StaleCache);
    QCOMPARE(offline.stats().requests, quint64(0));
    // Nothing cached for this one: a plain error that says why.
    std::unique_ptr<registry::TagsJob> unknown(
        offline.listTags(registry::Repository{m_registry, uniquePrefix() + QStringLiteral("/never-seen")}));
    QVERIFY(waitFor(unknown.get()));
    QCOMPARE(unknown->error().code, ErrorCode::Network);
    QVERIFY(unknown->error().message.contains(QLatin1String("Offline")));
}

void TestRegistryClient::registryDownServesStale() {
    FaultProxy proxy(m_registry);
    QString why;
    QVERIFY2(proxy.start(&why), qPrintable(why));
    QTemporaryDir cacheDir;
    Client client(*m_engine, {.cacheDirectory = cacheDir.path(), .tagsTtlSec = 0});
    const registry::Repository r = repo(proxy.address());
    std::unique_ptr<registry::TagsJob> warm(client.listTags(r));
    std::unique_ptr<registry::ManifestJob> warmManifest(client.manifest(r, QStringLiteral("10.4")));
    QVERIFY(waitFor(warm.get()) && waitFor(warmManifest.get()));
    QVERIFY(!warm->error() && !warmManifest->error());
    // Now the registry answers 502 to everything (the engine's retries give up after 4 tries).
    proxy.addRule({.path = QRegularExpression(QStringLiteral("^/v2/.+")), .status = 502});
    std::unique_ptr<registry::TagsJob> tags(client.listTags(r));
    std::unique_ptr<registry::ManifestJob> manifest(client.manifest(r, QStringLiteral("10.4")));
    QVERIFY(waitFor(tags.get(), 30000) && waitFor(manifest.get(), 30000));
    QVERIFY2(!tags->error(), qPrintable(tags->error().toString()));
    QCOMPARE(tags->result().tags.size(), 3);
    QCOMPARE(tags->provenance().source, Provenance::Source::StaleCache);
    QCOMPARE(tags->provenance().staleBecause.code, ErrorCode::HttpStatus);
    QVERIFY(tags->provenance().staleBecause.message.contains(QLatin1String("502")));
    QVERIFY2(!manifest->error(), qPrintable(manifest->error().toString()));
    QCOMPARE(manifest->result().digest, m_repo.plain.digest);
    QCOMPARE(manifest->provenance().source, Provenance::Source::StaleCache);
    QVERIFY(client.stats().staleAnswers >= 2);
}

void TestRegistryClient::notFoundIsNeverServedStale() {
    FaultProxy proxy(m_registry);
    QString why;
    QVERIFY2(proxy.start(&why), qPrintable(why));
    QTemporaryDir cacheDir;
    Client client(*m_engine, {.cacheDirectory = cacheDir.path(), .tagsTtlSec = 0});
    const registry::Repository r = repo(proxy.address());
    std::unique_ptr<registry::TagsJob> warm(client.listTags(r));
    QVERIFY(waitFor(warm.get()));
    QVERIFY(!warm->error());
    // The repository was deleted: that answer is the truth, not an outage.
    proxy.addRule({.path = QRegularExpression(QStringLiteral("/tags/list")),
                   .status = 404,
                   .headers = {{"Content-Type", "application/json"}},
                   .body = "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known "
                           "to registry\"}]}"});
    std::unique_ptr<registry::TagsJob> tags(client.listTags(r));
    QVERIFY(waitFor(tags.get()));
    QCOMPARE(tags->error().code, ErrorCode::NotFound);
    QVERIFY(tags->error().message.contains(QLatin1String("does not exist")));
}

void TestRegistryClient::warmRefreshIsMostlyCacheReads() {
    // A matrix-like refresh over 40 repositories (tags, manifest of "dev", config), three times:
    // cold, warm with the TTL expired (a restart later in the day), warm within the TTL.
    RegistrySeed seed(m_registry);
    QStringList paths;
    for (int i = 0; i < 40; ++i) {
        const QString path = uniquePrefix() + QStringLiteral("/sage-matrix-%1-standard-with-targets").arg(i);
        auto pushed =
            seed.pushImage(path, QStringLiteral("dev"),
                           {RegistrySeed::config({.user = QStringLiteral("sage")}),
                            {QByteArray("matrix layer ") + QByteArray::number(i), QByteArray(2048, 'm')},
                            true});
        QVERIFY2(pushed.ok(), qPrintable(pushed.error().toString()));
        paths.append(path);
    }
    FaultProxy proxy(m_registry);
    QString why;
    QVERIFY2(proxy.start(&why), qPrintable(why));
    QTemporaryDir cacheDir;
    auto refresh = [&](Client& client) {
        std::vector<std::unique_ptr<registry::Job>> jobs;
        std::vector<std::unique_ptr<registry::ManifestJob>> manifests;
        for (const QString& path : paths) {
            jobs.emplace_back(client.listTags({proxy.address(), path}));
            manifests.emplace_back(client.manifest({proxy.address(), path}, QStringLiteral("dev")));
        }
        for (auto& m : manifests) {
            if (!waitFor(m.get()) || m->error())
                return false;
            jobs.emplace_back(client.config(m->result().repository, m->result().config.digest));
        }
        for (auto& j : jobs)
            if (!waitFor(j.get()) || j->error())
                return false;
        return true;
    };
    QElapsedTimer clock;
    {
        Client cold(*m_engine, {.cacheDirectory = cacheDir.path()});
        clock.start();
        QVERIFY(refresh(cold));
        qInfo("cold refresh of %d repositories: %lld ms, %llu requests", int(paths.size()), clock.elapsed(),
              cold.stats().requests);
    }
    proxy.clearLog();
    {
        Client expired(*m_engine, {.cacheDirectory = cacheDir.path(), .tagsTtlSec = 0});
        clock.restart();
        QVERIFY(refresh(expired));
        qInfo("warm refresh, TTL expired: %lld ms, %llu requests, %llu revalidated, %llu cache hits",
              clock.elapsed(), expired.stats().requests, expired.stats().revalidations,
              expired.stats().cacheHits);
    }
    // Only the cheap requests: one tags GET and one manifest HEAD per repository (plus the ping).
    QCOMPARE(proxy.count("GET", QStringLiteral("/tags/list")), int(paths.size()));
    QCOMPARE(proxy.count("HEAD", QStringLiteral("/manifests/dev$")), int(paths.size()));
    QCOMPARE(proxy.count("GET", QStringLiteral("/manifests/")), 0);
    QCOMPARE(proxy.count("GET", QStringLiteral("/blobs/")), 0);
    QCOMPARE(proxy.requests().size(), 2 * int(paths.size()) + 1);
    proxy.clearLog();
    Client fresh(*m_engine, {.cacheDirectory = cacheDir.path()});
    clock.restart();
    QVERIFY(refresh(fresh));
    qInfo("warm refresh within the TTL: %lld ms, %llu requests", clock.elapsed(), fresh.stats().requests);
    QCOMPARE(proxy.requests().size(), 0);
}

void TestRegistryClient::manyConcurrentCalls() {
    // 20 repositories × 10 calls each, all at once: one ping, every call answered.
    RegistrySeed seed(m_registry);
    QStringList paths;
    for (int i = 0; i < 20; ++i) {
        const QString path = uniquePrefix() + QStringLiteral("/sage-concurrent-%1").arg(i);
        auto pushed =
            seed.pushImage(path, QStringLiteral("dev"),
                           {RegistrySeed::config({}), {QByteArray("layer ") + QByteArray::number(i)}, true});
        QVERIFY2(pushed.ok(), qPrintable(pushed.error().toString()));
        paths.append(path);
    }
    FaultProxy proxy(m_registry);
    QString why;
    QVERIFY2(proxy.start(&why), qPrintable(why));
    Client client(*m_engine);
    std::vector<std::unique_ptr<registry::Job>> jobs;
    for (int round = 0; round < 10; ++round)
        for (const QString& path : paths)
            jobs.emplace_back(round % 2
                                  ? static_cast<registry::Job*>(client.listTags({proxy.address(), path}))
                                  : client.manifest({proxy.address(), path}, QStringLiteral("dev")));
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(jobs.begin(), jobs.end(), [](const auto& j) { return j->isFinished(); }), 60000);
    for (const auto& j : jobs)
        QVERIFY2(!j->error(), qPrintable(j->error().toString()));
    QCOMPARE(proxy.count("GET", QStringLiteral("^/v2/$")), 1);
}

void TestRegistryClient::cancelAndDelete() {
    FaultProxy proxy(m_registry);
    QString why;
    QVERIFY2(proxy.start(&why), qPrintable(why));
    // The registry never answers: only cancel can end these calls.
    proxy.addRule(
        {.path = QRegularExpression(QStringLiteral("/tags/list")), .fault = FaultProxy::Fault::Stall});
    auto client = std::make_unique<Client>(*m_engine);
    const registry::Repository r = repo(proxy.address());

    std::unique_ptr<registry::TagsJob> cancelled(client->listTags(r));
    QSignalSpy cancelledSpy(cancelled.get(), &registry::Job::finished);
    QTRY_COMPARE(proxy.count("GET", QStringLiteral("/tags/list")), 1);
    cancelled->cancel();
    QCOMPARE(cancelledSpy.count(), 1);
    QCOMPARE(cancelled->error().code, ErrorCode::Cancelled);
    cancelled->cancel(); // a second cancel changes nothing
    QCOMPARE(cancelledSpy.count(), 1);

    // Deleted while in flight: no signal, no crash, the client keeps working.
    auto* dropped = client->listTags(r);
    QTRY_COMPARE(proxy.count("GET", QStringLiteral("/tags/list")), 2);
    delete dropped;

    // Pending jobs end as cancelled when the client goes away.
    std::unique_ptr<registry::TagsJob> orphan(client->listTags(r));
    QSignalSpy orphanSpy(orphan.get(), &registry::Job::finished);
    QTRY_COMPARE(proxy.count("GET", QStringLiteral("/tags/list")), 3);
    client.reset();
    QCOMPARE(orphanSpy.count(), 1);
    QCOMPARE(orphan->error().code, ErrorCode::Cancelled);
}

QTEST_GUILESS_MAIN(TestRegistryClient)
