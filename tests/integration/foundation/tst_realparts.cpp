// The harness itself: a real engine answers, fixture images behave like Sage's, and a fixture
// pushed to the real registry is listed by GET /v2/<name>/tags/list through SageDock's HTTP engine.

#include "http/transport.h"
#include "testenvironment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace sagedock;

class TestRealParts : public QObject {
    Q_OBJECT
    QString m_registry;
private Q_SLOTS:
    void initTestCase() {
        SAGEDOCK_REQUIRE_ENGINE();
        SAGEDOCK_REQUIRE_REGISTRY(m_registry);
    }

    void engineVersion() {
        http::Request r;
        r.url = QUrl(QStringLiteral("http://localhost/version"));
        r.unixSocket = testsupport::dockerSocket();
        const http::Response resp = testsupport::fetch(r);
        QCOMPARE(resp.status, 200);
        const QJsonObject v = QJsonDocument::fromJson(resp.body).object();
        QVERIFY(!v.value(QLatin1String("ApiVersion")).toString().isEmpty());
        QVERIFY(!resp.header("Api-Version").isEmpty());
    }

    void fixtureImagesLookLikeSage_data() {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("workdir");
        QTest::newRow("sagemath") << "sagemath"
                                  << "sage"
                                  << "/home/sage";
        QTest::newRow("sagemath-dev") << "sagemath-dev"
                                      << "sage"
                                      << "/home/sage/sage";
        QTest::newRow("stage with-targets") << "stage-with-targets"
                                            << ""
                                            << "/sage";
    }
    void fixtureImagesLookLikeSage() {
        QFETCH(QString, image);
        QFETCH(QString, user);
        QFETCH(QString, workdir);
        http::Request r;
        r.url = QUrl(QStringLiteral("http://localhost/images/%1/json").arg(testsupport::fixtureImage(image)));
        r.unixSocket = testsupport::dockerSocket();
        const http::Response resp = testsupport::fetch(r);
        QCOMPARE(resp.status, 200);
        const QJsonObject config =
            QJsonDocument::fromJson(resp.body).object().value(QLatin1String("Config")).toObject();
        QCOMPARE(config.value(QLatin1String("User")).toString(), user);
        QCOMPARE(config.value(QLatin1String("WorkingDir")).toString(), workdir);
    }

    void pushAndListTags() {
        const QString repo = QStringLiteral("sagemath/sage/sage-fixture-linux-standard-with-targets");
        QString why;
        QVERIFY2(testsupport::pushToRegistry(testsupport::fixtureImage(QStringLiteral("stage-with-targets")),
                                             m_registry, repo + QStringLiteral(":10.9"), &why),
                 qPrintable(why));
        QVERIFY2(testsupport::pushToRegistry(testsupport::fixtureImage(QStringLiteral("stage-with-targets")),
                                             m_registry, repo + QStringLiteral(":dev"), &why),
                 qPrintable(why));
        http::Request r;
        r.url = QUrl(QStringLiteral("http://%1/v2/%2/tags/list").arg(m_registry, repo));
        const http::Response resp = testsupport::fetch(r);
        QCOMPARE(resp.status, 200);
        const QJsonArray tags =
            QJsonDocument::fromJson(resp.body).object().value(QLatin1String("tags")).toArray();
        QVERIFY(tags.contains(QLatin1String("10.9")));
        QVERIFY(tags.contains(QLatin1String("dev")));
    }

    void plainHttpRefusedForRemoteHosts() {
        http::Request r;
        r.url = QUrl(QStringLiteral("http://registry.example.invalid/v2/"));
        const http::Response resp = testsupport::fetch(r);
        QCOMPARE(resp.error.code, util::ErrorCode::InvalidArgument);
        QVERIFY(resp.error.message.contains(QLatin1String("plain HTTP")));
    }
};

QTEST_GUILESS_MAIN(TestRealParts)
#include "tst_realparts.moc"
