// Sage CI image names (current and legacy), the bundled catalog, and the reviewer-query resolver.

#include "reference/catalog.h"
#include "reference/imagereference.h"
#include "reference/query.h"
#include "reference/sagename.h"

#include <QTest>

using namespace sagedock::reference;

class TestSageName : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parses_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("system");
        QTest::addColumn<QString>("packages");
        QTest::addColumn<QStringList>("modifiers");
        QTest::addColumn<QString>("stage");
        QTest::addColumn<bool>("legacy");
        QTest::newRow("upstream example")
            << "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-with-targets:dev"
            << "ubuntu-noble"
            << "standard" << QStringList() << "with-targets" << false;
        QTest::newRow("sha tag from #41000") << "sage-ubuntu-noble-standard-configured:4e2319bc162"
                                             << "ubuntu-noble"
                                             << "standard" << QStringList() << "configured" << false;
        QTest::newRow("minimal system packages")
            << "sage-ubuntu-jammy-minimal-with-system-packages"
            << "ubuntu-jammy"
            << "minimal" << QStringList() << "with-system-packages" << false;
        QTest::newRow("optional suffix") << "sage-fedora-41-maximal-with-targets-optional"
                                         << "fedora-41"
                                         << "maximal" << QStringList() << "with-targets-optional" << false;
        QTest::newRow("pre suffix") << "sage-debian-bookworm-standard-with-targets-pre"
                                    << "debian-bookworm"
                                    << "standard" << QStringList() << "with-targets-pre" << false;
        QTest::newRow("python dot") << "sage-centos-stream-9-python3.12-standard-configured"
                                    << "centos-stream-9-python3.12"
                                    << "standard" << QStringList() << "configured" << false;
        QTest::newRow("toolchain") << "sage-ubuntu-xenial-toolchain-gcc_9-minimal-with-targets"
                                   << "ubuntu-xenial-toolchain-gcc_9"
                                   << "minimal" << QStringList() << "with-targets" << false;
        QTest::newRow("i386") << "sage-debian-bullseye-i386-standard-bootstrapped"
                              << "debian-bullseye-i386"
                              << "standard" << QStringList() << "bootstrapped" << false;
        QTest::newRow("opensuse leap") << "sage-opensuse-15.5-gcc_11-python3.11-standard-with-base-toolchain"
                                       << "opensuse-15.5-gcc_11-python3.11"
                                       << "standard" << QStringList() << "with-base-toolchain" << false;
        QTest::newRow("sitepackages")
            << "sage-ubuntu-jammy-standard-sitepackages-with-targets"
            << "ubuntu-jammy"
            << "standard" << QStringList{QStringLiteral("sitepackages")} << "with-targets" << false;
        QTest::newRow("two modifiers")
            << "sage-fedora-40-maximal-recommended-develop-configured"
            << "fedora-40"
            << "maximal" << QStringList{QStringLiteral("recommended"), QStringLiteral("develop")}
            << "configured" << false;
        QTest::newRow("leaked incremental")
            << "sage-docker-ubuntu-focal-standard-incremental-with-targets"
            << "ubuntu-focal"
            << "standard" << QStringList{QStringLiteral("incremental")} << "with-targets" << true;
        QTest::newRow("legacy docker")
            << "ghcr.io/sagemath/sage/sage-docker-ubuntu-focal-standard-with-targets:9.8.rc0"
            << "ubuntu-focal"
            << "standard" << QStringList() << "with-targets" << true;
        QTest::newRow("legacy nobootstrap")
            << "sage-docker-linuxmint-21.1-minimal-nobootstrap-with-system-packages"
            << "linuxmint-21.1"
            << "minimal" << QStringList{QStringLiteral("nobootstrap")} << "with-system-packages" << true;
        QTest::newRow("digest ref")
            << "ghcr.io/sagemath/sage/sage-archlinux-latest-standard-with-targets@sha256:"
               "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
            << "archlinux-latest"
            << "standard" << QStringList() << "with-targets" << false;
        QTest::newRow("system named like a package")
            << "sage-conda-forge-python3.13-standard-with-targets"
            << "conda-forge-python3.13"
            << "standard" << QStringList() << "with-targets" << false;
    }
    void parses() {
        QFETCH(QString, input);
        QFETCH(QString, system);
        QFETCH(QString, packages);
        QFETCH(QStringList, modifiers);
        QFETCH(QString, stage);
        QFETCH(bool, legacy);
        const auto n = SageName::parse(input);
        QVERIFY2(n.ok(), qPrintable(n.error().toString()));
        QCOMPARE(n->system, system);
        QCOMPARE(n->packages, packages);
        QCOMPARE(n->modifiers, modifiers);
        QCOMPARE(n->stage, stage);
        QCOMPARE(n->legacyDocker, legacy);
        // Composing gives back the repository's last component.
        const auto ref = ImageReference::parse(input);
        QVERIFY(ref.ok());
        QCOMPARE(n->toString(), ref->baseName());
    }

    void refuses_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("not sage") << "sagemath/sagemath:10.4"
                                  << "does not start with 'sage-'";
        QTest::newRow("no stage") << "sage-ubuntu-jammy-standard"
                                  << "known stage";
        QTest::newRow("unpublished-looking stage") << "sage-ubuntu-jammy-standard-built"
                                                   << "known stage";
        QTest::newRow("no package set") << "sage-ubuntu-jammy-with-targets"
                                        << "no package set";
        QTest::newRow("unknown package set") << "sage-ubuntu-jammy-optional-with-targets"
                                             << "no package set";
        QTest::newRow("no system") << "sage-standard-configured"
                                   << "no system";
        QTest::newRow("legacy no system") << "sage-docker-minimal-sitepackages-configured"
                                          << "no system";
    }
    void refuses() {
        QFETCH(QString, input);
        QFETCH(QString, messagePart);
        const auto n = SageName::parse(input);
        QVERIFY(!n.ok());
        QVERIFY2(n.error().message.contains(messagePart), qPrintable(n.error().message));
        QVERIFY(n.error().hint.contains(QLatin1String("sage-<system>")));
    }

    // Every name the catalog can produce parses back to its parts: real systems with hyphens and dots.
    void roundTripsEveryCatalogName() {
        const Catalog& cat = Catalog::bundled();
        const QStringList systems = cat.allKnownSystems();
        QVERIFY(systems.size() >= 50);
        int checked = 0;
        for (const QString& system : systems) {
            for (const QString& packages : cat.packageSets()) {
                for (const QString& stage : cat.stages()) {
                    for (const QStringList& mods :
                         {QStringList(), QStringList{QStringLiteral("sitepackages")},
                          QStringList{QStringLiteral("recommended"), QStringLiteral("incremental")}}) {
                        const QString name = SageName::compose(system, packages, stage, mods);
                        const auto n = SageName::parse(QStringLiteral("ghcr.io/sagemath/sage/") + name +
                                                       QStringLiteral(":dev"));
                        QVERIFY2(n.ok(), qPrintable(name));
                        QCOMPARE(n->system, system);
                        QCOMPARE(n->packages, packages);
                        QCOMPARE(n->stage, stage);
                        QCOMPARE(n->modifiers, mods);
                        QCOMPARE(n->toString(), name);
                        QVERIFY2(ImageReference::parse(QStringLiteral("ghcr.io/sagemath/sage/") + name).ok(),
                                 qPrintable(name));
                        ++checked;
                    }
                }
            }
        }
        QCOMPARE(checked, int(systems.size()) * 3 * 7 * 3);
    }

    void composesVariants() {
        auto n = SageName::parse(QStringLiteral("sage-docker-fedora-38-standard-configured"));
        QVERIFY(n.ok());
        QCOMPARE(n->stem(), QStringLiteral("sage-docker-fedora-38-standard"));
        QCOMPARE(n->withStage(QStringLiteral("with-targets")).toString(),
                 QStringLiteral("sage-docker-fedora-38-standard-with-targets"));
        QCOMPARE(n->distribution(), QStringLiteral("fedora"));
        QCOMPARE(SageName::distributionOf(QStringLiteral("centos-stream-9-python3.12")),
                 QStringLiteral("centos"));
    }

    void catalogFacts() {
        const Catalog& cat = Catalog::bundled();
        QCOMPARE(cat.stages().size(), 7);
        QCOMPARE(cat.stages(), SageName::knownStages());
        QCOMPARE(cat.publishedStages(),
                 (QStringList{QStringLiteral("with-system-packages"), QStringLiteral("configured"),
                              QStringLiteral("with-targets-pre"), QStringLiteral("with-targets"),
                              QStringLiteral("with-targets-optional")}));
        QCOMPARE(cat.ciSystems().size(), 9);
        QCOMPARE(cat.ciSystems(QStringLiteral("minimal")), QStringList{QStringLiteral("ubuntu-jammy")});
        QCOMPARE(cat.masterSystems().size(), 41);
        QCOMPARE(cat.systemsForRelease(QStringLiteral("10.4")).size(), 43);
        QCOMPARE(cat.systemsForRelease(QStringLiteral("10.8")), cat.ciSystems());
        QVERIFY(cat.systemsForRelease(QStringLiteral("10.5")).contains(QStringLiteral("fedora-41")));
        QVERIFY(!cat.systemsForRelease(QStringLiteral("10.5"))
                     .contains(QStringLiteral("centos-7-devtoolset-gcc_11")));
        QCOMPARE(cat.releases().first(), QStringLiteral("10.4"));
        QCOMPARE(cat.releases().last(), QStringLiteral("10.9.beta3"));
        QCOMPARE(cat.defaultRepository(), QStringLiteral("ghcr.io/sagemath/sage/"));
        QCOMPARE(cat.baseImage(QStringLiteral("centos-stream-9-python3.12")),
                 QStringLiteral("quay.io/centos/centos:stream9"));
        QCOMPARE(cat.baseImage(QStringLiteral("ubuntu-noble")), QStringLiteral("ubuntu:noble"));
        QVERIFY(cat.baseImageDocumented(QStringLiteral("gentoo-python3.12")));
        QCOMPARE(cat.distributionName(QStringLiteral("opensuse")), QStringLiteral("openSUSE"));
        QCOMPARE(cat.stageIndex(QStringLiteral("with-targets")), 5);
        QCOMPARE(cat.orderedStages({QStringLiteral("with-targets"), QStringLiteral("bogus"),
                                    QStringLiteral("with-system-packages")}),
                 (QStringList{QStringLiteral("with-system-packages"), QStringLiteral("with-targets")}));
        // Every system has a base image that is itself a valid reference.
        for (const QString& s : cat.allKnownSystems()) {
            QVERIFY2(!cat.baseImage(s).isEmpty(), qPrintable(s));
            QVERIFY2(ImageReference::parse(cat.baseImage(s)).ok(), qPrintable(cat.baseImage(s)));
        }
        // Grouping: all ubuntu systems sort before all debian systems, fedora-30 before fedora-41.
        QVERIFY(cat.groupingKey(QStringLiteral("ubuntu-noble")) <
                cat.groupingKey(QStringLiteral("debian-bullseye")));
        QVERIFY(cat.groupingKey(QStringLiteral("ubuntu-bionic-gcc_8-i386")) <
                cat.groupingKey(QStringLiteral("debian-sid")));
        QVERIFY(cat.groupingKey(QStringLiteral("fedora-30")) < cat.groupingKey(QStringLiteral("fedora-41")));
    }

    void catalogRejectsDamage() {
        QVERIFY(!Catalog::fromJson("not json").ok());
        QVERIFY(!Catalog::fromJson(R"({"stages":[]})").ok());
        const auto minimal = Catalog::fromJson(
            R"({"stages":["a","b"],"publishedStages":["b"],"packageSets":["standard"],"releases":{"10.10":["x-1"],"10.9":["y-2"]}})");
        QVERIFY(minimal.ok());
        QCOMPARE(minimal->releases(), (QStringList{QStringLiteral("10.9"), QStringLiteral("10.10")}));
        QCOMPARE(minimal->allKnownSystems(), (QStringList{QStringLiteral("y-2"), QStringLiteral("x-1")}));
    }

    void ordersTags() {
        const QStringList tags{
            QStringLiteral("4e2319bc162"), QStringLiteral("10.8.beta6"), QStringLiteral("u-jdoe-fix"),
            QStringLiteral("latest"),      QStringLiteral("10.8"),       QStringLiteral("39596-merge"),
            QStringLiteral("dev"),         QStringLiteral("10.9.rc1"),   QStringLiteral("10.10.beta1"),
            QStringLiteral("41000-merge"), QStringLiteral("10.9.beta3"), QStringLiteral("10.9"),
            QStringLiteral("1abc-failed"), QStringLiteral("develop")};
        QCOMPARE(
            Catalog::orderedTags(tags),
            (QStringList{QStringLiteral("dev"), QStringLiteral("latest"), QStringLiteral("develop"),
                         QStringLiteral("10.10.beta1"), QStringLiteral("10.9"), QStringLiteral("10.9.rc1"),
                         QStringLiteral("10.9.beta3"), QStringLiteral("10.8"), QStringLiteral("10.8.beta6"),
                         QStringLiteral("41000-merge"), QStringLiteral("39596-merge"),
                         QStringLiteral("u-jdoe-fix"), QStringLiteral("1abc-failed"),
                         QStringLiteral("4e2319bc162")}));
    }

    void packagePages_data() {
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("url");
        QTest::newRow("upstream") << "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-with-targets:dev"
                                  << "https://github.com/sagemath/sage/pkgs/container/"
                                     "sage%2Fsage-ubuntu-noble-standard-with-targets";
        QTest::newRow("fork")
            << "ghcr.io/jdoe/sage/sage-fedora-41-minimal-configured"
            << "https://github.com/jdoe/sage/pkgs/container/sage%2Fsage-fedora-41-minimal-configured";
        QTest::newRow("user package") << "ghcr.io/jdoe/tool"
                                      << "https://github.com/users/jdoe/packages/container/package/tool";
        QTest::newRow("docker hub") << "docker.io/sagemath/sagemath"
                                    << "";
    }
    void packagePages() {
        QFETCH(QString, repository);
        QFETCH(QString, url);
        QCOMPARE(Catalog::packagePageUrl(repository), url);
    }

    void sanitizesLikeCi_data() {
        QTest::addColumn<QString>("ref");
        QTest::addColumn<QString>("tag");
        QTest::newRow("develop") << "develop"
                                 << "develop";
        QTest::newRow("pr merge ref") << "12345/merge"
                                      << "12345-merge";
        QTest::newRow("release") << "10.8.beta6"
                                 << "10.8.beta6";
        QTest::newRow("slashes") << "u/jdoe/fix-matrix"
                                 << "u-jdoe-fix-matrix";
        QTest::newRow("white space dropped") << "fix matrix\t now"
                                             << "fixmatrixnow";
        QTest::newRow("leading dots and dashes") << "..-/x"
                                                 << "x";
        QTest::newRow("non ascii") << "café"
                                   << "caf-";
        QTest::newRow("cut to 128") << QString(200, QLatin1Char('b')) << QString(128, QLatin1Char('b'));
        QTest::newRow("only junk") << "//"
                                   << "";
    }
    void sanitizesLikeCi() {
        QFETCH(QString, ref);
        QFETCH(QString, tag);
        QCOMPARE(Query::sanitizeRef(ref), tag);
    }

    void resolvesQueries_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("prefix");
        QTest::newRow("pr number") << "41000"
                                   << "pull-request"
                                   << "41000-merge"
                                   << "";
        QTest::newRow("pr hash") << "#41000"
                                 << "pull-request"
                                 << "41000-merge"
                                 << "";
        QTest::newRow("pr word") << "PR 39596"
                                 << "pull-request"
                                 << "39596-merge"
                                 << "";
        QTest::newRow("pull path") << "pull/41000"
                                   << "pull-request"
                                   << "41000-merge"
                                   << "";
        QTest::newRow("github ref") << "refs/pull/41000/merge"
                                    << "pull-request"
                                    << "41000-merge"
                                    << "";
        QTest::newRow("ref name") << "41000/merge"
                                  << "pull-request"
                                  << "41000-merge"
                                  << "";
        QTest::newRow("dev") << "dev"
                             << "tag"
                             << "dev"
                             << "";
        QTest::newRow("version") << "10.8.beta6"
                                 << "tag"
                                 << "10.8.beta6"
                                 << "";
        QTest::newRow("sha") << "4e2319bc162"
                             << "tag"
                             << "4e2319bc162"
                             << "";
        QTest::newRow("branch with slash") << "u/jdoe/fix"
                                           << "ref"
                                           << "u-jdoe-fix"
                                           << "";
        QTest::newRow("heads ref") << "refs/heads/develop"
                                   << "ref"
                                   << "develop"
                                   << "";
        QTest::newRow("tags ref") << "refs/tags/10.4"
                                  << "ref"
                                  << "10.4"
                                  << "";
        QTest::newRow("branch with space") << "my branch"
                                           << "ref"
                                           << "mybranch"
                                           << "";
        QTest::newRow("full image") << "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-with-targets:dev"
                                    << "image"
                                    << "dev"
                                    << "ghcr.io/sagemath/sage/";
        QTest::newRow("fork image") << "ghcr.io/jdoe/sage/sage-fedora-41-minimal-configured:41000-merge"
                                    << "image"
                                    << "41000-merge"
                                    << "ghcr.io/jdoe/sage/";
        QTest::newRow("local sage name")
            << "sage-centos-8-standard-with-targets:9.1.beta9-431-gca4b5b2f33-dirty"
            << "image"
            << "9.1.beta9-431-gca4b5b2f33-dirty"
            << "docker.io/library/";
        QTest::newRow("hub image") << "sagemath/sagemath:10.4"
                                   << "image"
                                   << "10.4"
                                   << "";
        QTest::newRow("registry untagged") << "localhost:5000/sagemath/sage/sage-x-standard-configured"
                                           << "image"
                                           << "latest"
                                           << "localhost:5000/sagemath/sage/";
    }
    void resolvesQueries() {
        QFETCH(QString, input);
        QFETCH(QString, kind);
        QFETCH(QString, tag);
        QFETCH(QString, prefix);
        const auto q = Query::resolve(input);
        QVERIFY2(q.ok(), qPrintable(q.error().toString()));
        QCOMPARE(Query::kindName(q->kind), kind);
        QCOMPARE(q->tag, tag);
        QCOMPARE(q->repositoryPrefix, prefix);
        QVERIFY(!ImageReference::validateTag(q->tag));
    }

    void refusesQueries() {
        QVERIFY(!Query::resolve(QStringLiteral("  ")).ok());
        QVERIFY(!Query::resolve(QStringLiteral("//")).ok());
        const auto bad = Query::resolve(QStringLiteral("ghcr.io/SageMath/sage:dev"));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(QLatin1String("lowercase")));
    }
};

QTEST_GUILESS_MAIN(TestSageName)
#include "tst_sagename.moc"
