// ToxEnvironmentModel over the project's tox.ini fixture (tests/fixtures/tox/distro/tox.ini, the one
// real tox 4 was recorded on): which docker environments it offers, grouped by system in the file's
// order, and what the Builds page's search finds through a QSortFilterProxyModel with recursive
// filtering; the model and the proxy run under QAbstractItemModelTester.

#include "imagebuild/buildplanner.h"
#include "imagebuild/toxdockerenvironments.h"
#include "models/toxenvironmentmodel.h"
#include "modeltesting.h"
#include "testenvironment.h"

#include <QDir>
#include <QTest>

using namespace sagedock;
using app::ToxEnvironmentModel;

namespace {

// Every environment row under the proxy, sorted.
QStringList environmentsIn(const QAbstractItemModel& model) {
    QStringList out;
    for (int s = 0; s < model.rowCount(); ++s) {
        const QModelIndex system = model.index(s, ToxEnvironmentModel::Name);
        for (int e = 0; e < model.rowCount(system); ++e)
            out << model.index(e, ToxEnvironmentModel::Name, system)
                       .data(ToxEnvironmentModel::EnvironmentRole)
                       .toString();
    }
    out.sort();
    return out;
}

QStringList packagesOf(const QString& system) {
    QStringList out;
    for (const char* p : {"minimal", "standard", "maximal"})
        out << QStringLiteral("docker-%1-%2").arg(system, QLatin1String(p));
    return out;
}

} // namespace

class TestToxEnvironmentModel : public QObject {
    Q_OBJECT

private:
    imagebuild::ToxIni m_ini;
    ToxEnvironmentModel m_model;
    const QStringList m_systems = {QStringLiteral("ubuntu-trusty"),     QStringLiteral("ubuntu-focal"),
                                   QStringLiteral("ubuntu-jammy"),      QStringLiteral("debian-bullseye"),
                                   QStringLiteral("debian-bookworm"),   QStringLiteral("fedora-40"),
                                   QStringLiteral("centos-7"),          QStringLiteral("almalinux-8"),
                                   QStringLiteral("gentoo-python3.12"), QStringLiteral("conda-forge"),
                                   QStringLiteral("manylinux-2_28")};

private Q_SLOTS:
    void initTestCase() {
        const auto ini = imagebuild::ToxIni::load(
            QDir(testsupport::sourceDir()).filePath(QStringLiteral("tests/fixtures/tox/distro/tox.ini")));
        QVERIFY2(ini.ok(), qPrintable(ini.error().toString()));
        m_ini = ini.value();
        new QAbstractItemModelTester(&m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        m_model.setEnvironments(imagebuild::dockerEnvironments(m_ini));
    }

    // The systems: the most specific names of setenv's BASE_IMAGE/BASE_TAG lines, in file order
    // (`ubuntu` names the image of ubuntu-jammy & co., `docker: BASE_TAG=latest` no system).
    void systemsInFileOrder() {
        QCOMPARE(imagebuild::toxSystems(m_ini), m_systems);
        QCOMPARE(testsupport::columnTexts(m_model, ToxEnvironmentModel::Name), m_systems);
        QCOMPARE(m_model.environmentCount(), 33);
        for (int row = 0; row < m_model.rowCount(); ++row) {
            const QModelIndex system = m_model.index(row, ToxEnvironmentModel::Name);
            QVERIFY(m_model.data(system, ToxEnvironmentModel::EnvironmentRole).toString().isEmpty());
            QVERIFY(!(m_model.flags(system) & Qt::ItemIsSelectable));
            QCOMPARE(m_model.data(system.siblingAtColumn(ToxEnvironmentModel::Packages),
                                  ToxEnvironmentModel::RawRole),
                     QVariant(3));
        }
    }

    void grouping_data() {
        QTest::addColumn<QString>("system");
        QTest::addColumn<QStringList>("environments"); // in the model's order
        QTest::addColumn<QString>("packages");         // of the last one
        for (const char* s : {"ubuntu-jammy", "ubuntu-trusty", "centos-7", "gentoo-python3.12", "conda-forge",
                              "manylinux-2_28"})
            QTest::newRow(s) << QString::fromLatin1(s) << packagesOf(QString::fromLatin1(s)) << "maximal";
    }

    void grouping() {
        QFETCH(QString, system);
        QFETCH(QStringList, environments);
        QFETCH(QString, packages);
        const int row = int(m_systems.indexOf(system));
        const QModelIndex parent = m_model.index(row, ToxEnvironmentModel::Name);
        QCOMPARE(parent.data().toString(), system);
        QStringList names;
        for (int e = 0; e < m_model.rowCount(parent); ++e) {
            const QModelIndex env = m_model.index(e, ToxEnvironmentModel::Name, parent);
            names << env.data().toString();
            QCOMPARE(env.parent(), parent);
            QCOMPARE(env.data(ToxEnvironmentModel::SystemRole).toString(), system);
            QVERIFY(m_model.flags(env) & Qt::ItemIsSelectable);
            QCOMPARE(m_model.indexOf(names.last()), env);
        }
        QCOMPARE(names, environments);
        const QModelIndex last =
            m_model.index(m_model.rowCount(parent) - 1, ToxEnvironmentModel::Packages, parent);
        QCOMPARE(last.data(ToxEnvironmentModel::RawRole).toString(), packages);
        QCOMPARE(last.siblingAtColumn(ToxEnvironmentModel::Modifiers).data().toString(), QString());
    }

    void search_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("found"); // sorted
        QStringList all;
        for (const QString& s : m_systems)
            all << packagesOf(s);
        all.sort();
        QStringList standard;
        for (const QString& s : m_systems)
            standard << QStringLiteral("docker-%1-standard").arg(s);
        standard.sort();
        QStringList jammy = packagesOf(QStringLiteral("ubuntu-jammy"));
        jammy.sort();
        QStringList gentoo = packagesOf(QStringLiteral("gentoo-python3.12"));
        gentoo.sort();
        QTest::newRow("nothing typed") << "" << all;
        QTest::newRow("two words") << "jammy stand"
                                   << QStringList{QStringLiteral("docker-ubuntu-jammy-standard")};
        QTest::newRow("words in any order, any case")
            << "  STAND   Jammy " << QStringList{QStringLiteral("docker-ubuntu-jammy-standard")};
        QTest::newRow("a system's name finds its environments") << "jammy" << jammy;
        QTest::newRow("a package set across systems") << "standard" << standard;
        QTest::newRow("a dot is a dot") << "python3.12" << gentoo;
        QTest::newRow("not a pattern") << "python3\\.12|jammy" << QStringList();
        QTest::newRow("no match") << "jammy trusty" << QStringList();
    }

    void search() {
        QFETCH(QString, text);
        QFETCH(QStringList, found);
        QSortFilterProxyModel proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&m_model);
        proxy.setRecursiveFilteringEnabled(true);
        proxy.setFilterRole(ToxEnvironmentModel::SearchRole);
        proxy.setSortRole(ToxEnvironmentModel::RawRole);
        proxy.sort(ToxEnvironmentModel::Name);
        proxy.setFilterRegularExpression(ToxEnvironmentModel::searchPattern(text));
        QCOMPARE(environmentsIn(proxy), found);
        // Systems without a match are gone; the others are sorted by name.
        QStringList systems = testsupport::columnTexts(proxy, ToxEnvironmentModel::Name);
        QStringList sorted = systems;
        sorted.sort();
        QCOMPARE(systems, sorted);
        QCOMPARE(systems.isEmpty(), found.isEmpty());
    }

    // Environments the file names itself keep their modifiers; a file without docker ones offers none.
    void listedEnvironments_data() {
        QTest::addColumn<QString>("ini");
        QTest::addColumn<QStringList>("environments");
        QTest::addColumn<QStringList>("modifiers");
        const QString setenv = QStringLiteral("[testenv]\nsetenv =\n    ubuntu: BASE_IMAGE=ubuntu\n"
                                              "    ubuntu-jammy: BASE_TAG=jammy\n    maximal: X=1\n");
        QTest::newRow("envlist with modifiers")
            << QStringLiteral("[tox]\nenvlist = docker-ubuntu-jammy-standard-incremental-sitepackages\n") +
                   setenv
            << QStringList{QStringLiteral("docker-ubuntu-jammy-standard"),
                           QStringLiteral("docker-ubuntu-jammy-maximal"),
                           QStringLiteral("docker-ubuntu-jammy-standard-incremental-sitepackages")}
            << QStringList{QString(), QString(), QStringLiteral("incremental-sitepackages")};
        QTest::newRow("a testenv section of its own")
            << QStringLiteral("[tox]\nenvlist = docker-ubuntu-jammy-minimal\n"
                              "[testenv:docker-ubuntu-jammy-toolchain-maximal]\ncommands = true\n") +
                   setenv
            << QStringList{QStringLiteral("docker-ubuntu-jammy-minimal"),
                           QStringLiteral("docker-ubuntu-jammy-maximal"),
                           QStringLiteral("docker-ubuntu-jammy-toolchain-maximal")}
            << QStringList{QString(), QString(), QString()};
        // A condition names docker-incremental-standard and docker-arch-standard: no system of the file.
        QTest::newRow("conditions are not environments")
            << QStringLiteral("[tox]\nenvlist = docker-ubuntu-jammy-standard\n") + setenv +
                   QStringLiteral("    docker-incremental-standard: Y=1\n    docker-arch-standard: Z=1\n")
            << QStringList{QStringLiteral("docker-ubuntu-jammy-standard"),
                           QStringLiteral("docker-ubuntu-jammy-maximal")}
            << QStringList{QString(), QString()};
        QTest::newRow("no docker environments")
            << QStringLiteral("[tox]\nenvlist = py3, lint\n[testenv]\nsetenv =\n    lint: BASE_TAG=x\n")
            << QStringList() << QStringList();
    }

    void listedEnvironments() {
        QFETCH(QString, ini);
        QFETCH(QStringList, environments);
        QFETCH(QStringList, modifiers);
        const auto parsed = imagebuild::ToxIni::parse(ini);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
        ToxEnvironmentModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEnvironments(imagebuild::dockerEnvironments(parsed.value()));
        QStringList names, mods;
        for (int s = 0; s < model.rowCount(); ++s) {
            const QModelIndex system = model.index(s, 0);
            for (int e = 0; e < model.rowCount(system); ++e) {
                names << model.index(e, ToxEnvironmentModel::Name, system).data().toString();
                mods << model.index(e, ToxEnvironmentModel::Modifiers, system)
                            .data(ToxEnvironmentModel::RawRole)
                            .toString();
            }
        }
        QCOMPARE(names, environments);
        QCOMPARE(mods, modifiers);
    }

    void splitNames_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("system"); // empty: not a docker environment name
        QTest::addColumn<QString>("packages");
        QTest::addColumn<QStringList>("modifiers");
        QTest::newRow("plain") << "docker-ubuntu-jammy-standard"
                               << "ubuntu-jammy"
                               << "standard" << QStringList();
        QTest::newRow("modifiers") << "docker-fedora-40-maximal-incremental-sitepackages"
                                   << "fedora-40"
                                   << "maximal"
                                   << QStringList{QStringLiteral("incremental"),
                                                  QStringLiteral("sitepackages")};
        QTest::newRow("long system") << "docker-ubuntu-trusty-toolchain-gcc_9-minimal"
                                     << "ubuntu-trusty-toolchain-gcc_9"
                                     << "minimal" << QStringList();
        QTest::newRow("no package set") << "docker-ubuntu-jammy"
                                        << ""
                                        << "" << QStringList();
        QTest::newRow("not docker") << "local-ubuntu-jammy-standard"
                                    << ""
                                    << "" << QStringList();
        QTest::newRow("no system") << "docker-standard"
                                   << ""
                                   << "" << QStringList();
    }

    void splitNames() {
        QFETCH(QString, name);
        QFETCH(QString, system);
        QFETCH(QString, packages);
        QFETCH(QStringList, modifiers);
        const auto e = imagebuild::splitDockerEnvironment(name);
        QCOMPARE(e.has_value(), !system.isEmpty());
        if (!e)
            return;
        QCOMPARE(e->system, system);
        QCOMPARE(e->packages, packages);
        QCOMPARE(e->modifiers, modifiers);
        QCOMPARE(imagebuild::toxEnvName(e->system, e->packages, e->modifiers), name);
    }
};

QTEST_GUILESS_MAIN(TestToxEnvironmentModel)
#include "tst_toxenvironmentmodel.moc"
