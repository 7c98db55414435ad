// The registry cache on disk: content-addressed entries survive a restart and are re-verified
// (a damaged file is a miss, never a wrong answer); tag lists and tag→digest answers keep the time
// they were fetched and their ETag; hashed file names never mix repositories.

#include "registry/contentcache.h"
#include "registry/manifestparser.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sagedock;
using namespace sagedock::registry;

namespace {

QStringList filesUnder(const QString& dir) {
    QStringList files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    return files;
}

} // namespace

class TestContentCache : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void contentSurvivesRestart_data() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("manifest") << "manifest";
        QTest::newRow("blob") << "blob";
    }
    void contentSurvivesRestart() {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        const QByteArray body =
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"})";
        const QString digest = computeDigest(body);
        {
            ContentCache cache(dir.path());
            if (kind == QLatin1String("manifest"))
                cache.storeManifest(digest, QLatin1String(kOciManifest), body);
            else
                cache.storeBlob(digest, body);
        } // the destructor waits for the background write
        ContentCache again(dir.path());
        if (kind == QLatin1String("manifest")) {
            const auto m = again.manifest(digest);
            QVERIFY(m);
            QCOMPARE(m->body, body);
            QCOMPARE(m->mediaType, QLatin1String(kOciManifest));
        } else {
            QCOMPARE(again.blob(digest).value_or(QByteArray()), body);
        }
        // Damage the file on disk: a fresh cache must refuse it and remove it.
        const QStringList files = filesUnder(dir.path());
        QCOMPARE(files.size(), 1);
        QVERIFY(files.first().endsWith(digest.section(QLatin1Char(':'), 1)));
        QFile f(files.first());
        QVERIFY(f.open(QIODevice::Append));
        f.write("tampered");
        f.close();
        ContentCache third(dir.path());
        QVERIFY(kind == QLatin1String("manifest") ? !third.manifest(digest) : !third.blob(digest));
        QVERIFY(!QFile::exists(files.first()));
    }
    void tagsAndRefsKeepTheirAge() {
        QTemporaryDir dir;
        const Repository a{QStringLiteral("ghcr.io"), QStringLiteral("sagemath/sage/sage-a")};
        const Repository b{QStringLiteral("ghcr.io"), QStringLiteral("sagemath/sage/sage-b")};
        const QDateTime fetched = QDateTime::currentDateTimeUtc().addSecs(-3600);
        const QString digest = computeDigest("x");
        {
            ContentCache cache(dir.path());
            cache.storeTags(a, {{QStringLiteral("10.4"), QStringLiteral("dev")}, fetched, "\"etag-1\""});
            cache.storeRef(a, QStringLiteral("dev"), {{digest, QLatin1String(kOciIndex), 1234}, fetched});
        }
        ContentCache cache(dir.path());
        const auto tags = cache.tags(a);
        QVERIFY(tags);
        QCOMPARE(tags->tags, (QStringList{QStringLiteral("10.4"), QStringLiteral("dev")}));
        QCOMPARE(tags->fetchedAt.toMSecsSinceEpoch(), fetched.toMSecsSinceEpoch());
        QCOMPARE(tags->etag, QByteArray("\"etag-1\""));
        QVERIFY(!cache.tags(b));
        const auto ref = cache.ref(a, QStringLiteral("dev"));
        QVERIFY(ref);
        QCOMPARE(ref->info.digest, digest);
        QCOMPARE(ref->info.mediaType, QLatin1String(kOciIndex));
        QCOMPARE(ref->info.size, 1234);
        QCOMPARE(ref->fetchedAt.toMSecsSinceEpoch(), fetched.toMSecsSinceEpoch());
        QVERIFY(!cache.ref(a, QStringLiteral("10.4")));
        QVERIFY(!cache.ref(b, QStringLiteral("dev")));
    }
    void memoryOnly() {
        ContentCache cache{QString()};
        const QString digest = computeDigest("{}");
        cache.storeBlob(digest, "{}");
        QCOMPARE(cache.blob(digest).value_or(QByteArray()), QByteArray("{}"));
        QVERIFY(!cache.manifest(digest));
        QVERIFY(!cache.blob(QStringLiteral("not-a-digest")));
    }
};

QTEST_GUILESS_MAIN(TestContentCache)
#include "tst_contentcache.moc"
