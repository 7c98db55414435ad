// Query → matrix request, the use case behind `sagedock-cli resolve` and the Review page: the tag,
// and for a Sage stage image its own prefix, package set and system unless the caller chose them.

#include "matrix/queryrequest.h"

#include <QTest>

using namespace sagedock;

class TestQueryRequest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void table_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<bool>("repositoryChosen");
        QTest::addColumn<bool>("packagesChosen");
        QTest::addColumn<bool>("systemsChosen");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QStringList>("packages");
        QTest::addColumn<QStringList>("systems");

        const QString base = QStringLiteral("registry.lan/sage/");
        const QStringList basePackages{QStringLiteral("minimal")};
        const QStringList baseSystems{QStringLiteral("fedora-41")};
        QTest::newRow("pull request")
            << "41000" << false << false << false << base << "41000-merge" << basePackages << baseSystems;
        QTest::newRow("branch") << "u/jdoe/fix matrix" << false << false << false << base
                                << "u-jdoe-fixmatrix" << basePackages << baseSystems;
        QTest::newRow("tag") << "10.8.beta6" << false << false << false << base << "10.8.beta6"
                             << basePackages << baseSystems;
        QTest::newRow("image brings prefix, packages, system")
            << "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-sitepackages-configured:dev" << false
            << false << false << "ghcr.io/sagemath/sage/"
            << "dev" << QStringList{QStringLiteral("standard-sitepackages")}
            << QStringList{QStringLiteral("ubuntu-noble"), QStringLiteral("fedora-41")};
        QTest::newRow("image, system already listed")
            << "ghcr.io/sagemath/sage/sage-fedora-41-maximal-with-targets:10.8" << false << false << false
            << "ghcr.io/sagemath/sage/"
            << "10.8" << QStringList{QStringLiteral("maximal")} << baseSystems;
        QTest::newRow("image, everything chosen")
            << "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-configured:dev" << true << true << true
            << base << "dev" << basePackages << baseSystems;
        QTest::newRow("image, prefix chosen")
            << "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-configured:dev" << true << false << false
            << base << "dev" << QStringList{QStringLiteral("standard")}
            << QStringList{QStringLiteral("ubuntu-noble"), QStringLiteral("fedora-41")};
    }
    void table() {
        QFETCH(QString, query);
        QFETCH(bool, repositoryChosen);
        QFETCH(bool, packagesChosen);
        QFETCH(bool, systemsChosen);
        const auto q = reference::Query::resolve(query);
        QVERIFY2(q.ok(), qPrintable(q.ok() ? QString() : q.error().toString()));
        matrix::QuerySelection selection;
        selection.base.repositoryPrefix = QStringLiteral("registry.lan/sage/");
        selection.base.packages = {QStringLiteral("minimal")};
        selection.base.systems = {QStringLiteral("fedora-41")};
        selection.repositoryChosen = repositoryChosen;
        selection.packagesChosen = packagesChosen;
        selection.systemsChosen = systemsChosen;
        const auto r = matrix::matrixRequestForQuery(q.value(), selection);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QTEST(r->repositoryPrefix, "prefix");
        QTEST(r->tag, "tag");
        QTEST(r->packages, "packages");
        QTEST(r->systems, "systems");
    }

    void otherImagesAreRefused() {
        const auto q = reference::Query::resolve(QStringLiteral("docker.io/sagemath/sagemath:10.8"));
        QVERIFY(q.ok());
        const auto r = matrix::matrixRequestForQuery(q.value(), {});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, util::ErrorCode::InvalidArgument);
    }

    void invalidRequestsAreRefused() {
        const auto q = reference::Query::resolve(QStringLiteral("dev"));
        QVERIFY(q.ok());
        matrix::QuerySelection selection;
        selection.base.stages = {QStringLiteral("no-such-stage")};
        QVERIFY(!matrix::matrixRequestForQuery(q.value(), selection).ok());
    }
};

QTEST_GUILESS_MAIN(TestQueryRequest)
#include "tst_queryrequest.moc"
