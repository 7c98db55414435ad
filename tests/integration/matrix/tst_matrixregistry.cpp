// The matrix against a real docker-registry: fixture stage chains pushed under several systems and
// tags, one stage rebuilt on a different parent (broken), one chain with its middle stage missing,
// one system whose repositories do not exist. Then the CLI on the same registry.

#include "matrix/refreshjob.h"
#include "matrix/renderers.h"
#include "reference/catalog.h"
#include "registry/registryclient.h"
#include "registryseed.h"
#include "testenvironment.h"

#include "http/transport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace sagedock;
using matrix::CellStatus;
using matrix::Chain;

namespace {

const QString kOtherBase = QStringLiteral("sagedock-fixture/matrix-otherbase:latest");
const QString kRebuiltPre = QStringLiteral("sagedock-fixture/matrix-rebuilt-pre:latest");

QStringList published() {
    return reference::Catalog::bundled().publishedStages();
}

} // namespace

class TestMatrixRegistry : public QObject {
    Q_OBJECT

    QString m_registry;
    QString m_prefix; // "<registry>/t<random>/sage/"
    QTemporaryDir m_tmp;
    QMap<QString, QStringList> m_diffIds; // stage (or "rebuilt-pre") -> diff_ids
    QMap<QString, QString> m_digests;     // "<system>/<stage>" -> manifest digest

    QString src(const QString& name) const {
        return m_prefix.section(QLatin1Char('/'), 1) + QStringLiteral("src-") + name;
    }
    QString repoPath(const QString& system, const QString& stage) const {
        return m_prefix.section(QLatin1Char('/'), 1) + QStringLiteral("sage-") + system +
               QStringLiteral("-standard-") + stage;
    }
    void seed(const QString& system, const QString& stage, const QString& source, const QStringList& tags) {
        for (const QString& tag : tags) {
            QString why;
            const QString digest = testsupport::copyImage(m_registry, src(source), QStringLiteral("latest"),
                                                          repoPath(system, stage), tag, &why);
            QVERIFY2(!digest.isEmpty(), qPrintable(why));
            m_digests.insert(system + QLatin1Char('/') + stage, digest);
        }
    }

    std::unique_ptr<registry::Client> makeClient() {
        registry::ClientOptions o;
        o.cacheDirectory =
            m_tmp.filePath(QStringLiteral("cache-%1").arg(QRandomGenerator::global()->generate()));
        return std::make_unique<registry::Client>(http::Transport::shared(), o);
    }

    matrix::Snapshot runMatrix(registry::Client& client, const QString& tag, QList<int>* streamed = nullptr) {
        matrix::MatrixRequest r;
        r.repositoryPrefix = m_prefix;
        r.tag = tag;
        r.systems = {QStringLiteral("ubuntu-jammy"), QStringLiteral("fedora-41"),
                     QStringLiteral("debian-bookworm"), QStringLiteral("opensuse-tumbleweed")};
        r.packages = {QStringLiteral("standard")};
        if (const util::Error e = r.normalized().validate())
            qWarning() << e.toString();
        matrix::RefreshJob job(client, r);
        QSignalSpy changed(&job, &matrix::RefreshJob::cellChanged);
        QSignalSpy progress(&job, &util::Job::progressChanged);
        QSignalSpy finished(&job, &util::Job::finished);
        job.start();
        if (!finished.wait(60000))
            qWarning() << "matrix refresh did not finish";
        if (finished.size() == 1 && finished.first().first().value<util::Error>())
            qWarning() << "refresh error" << finished.first().first().value<util::Error>().toString();
        if (streamed) {
            *streamed = {int(changed.size()), int(progress.size()),
                         progress.isEmpty() ? -1 : int(job.processed()),
                         progress.isEmpty() ? -1 : int(job.total())};
        }
        return job.snapshot();
    }

    QString cliPath() const { return qEnvironmentVariable("SAGEDOCK_CLI"); }

    int runCli(const QStringList& args, QByteArray* out, QByteArray* err) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_tmp.filePath(QStringLiteral("xdg-cache")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(QStringLiteral("xdg-config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_tmp.filePath(QStringLiteral("xdg-data")));
        env.insert(QStringLiteral("DOCKER_CONFIG"), m_tmp.filePath(QStringLiteral("docker-config")));
        p.setProcessEnvironment(env);
        p.start(cliPath(), args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        *out = p.readAllStandardOutput();
        *err = p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private Q_SLOTS:
    void initTestCase() {
        SAGEDOCK_REQUIRE_ENGINE();
        SAGEDOCK_REQUIRE_REGISTRY(m_registry);
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), "SAGEDOCK_CLI must name the built sagedock-cli");
        m_prefix =
            m_registry + QStringLiteral("/t%1/sage/").arg(QRandomGenerator::global()->generate() % 1000000);

        // The stage fixtures and a with-targets-pre rebuilt on a different base (same Dockerfile, other
        // BASE_IMAGE).
        for (const QString& stage : published()) {
            m_diffIds.insert(stage, testsupport::localDiffIds(
                                        testsupport::fixtureImage(QStringLiteral("stage-") + stage)));
            QVERIFY2(!m_diffIds.value(stage).isEmpty(),
                     qPrintable(QStringLiteral("fixture image for %1 missing").arg(stage)));
        }
        QFile df(m_tmp.filePath(QStringLiteral("otherbase.Dockerfile")));
        QVERIFY(df.open(QIODevice::WriteOnly));
        df.write("FROM " + testsupport::fixtureImage(QStringLiteral("base")).toUtf8() +
                 "\nRUN echo 'a different parent' > /other-base.txt\n");
        df.close();
        QByteArray out;
        QVERIFY2(testsupport::runDocker({QStringLiteral("build"), QStringLiteral("-q"), QStringLiteral("-f"),
                                         df.fileName(), QStringLiteral("-t"), kOtherBase, m_tmp.path()},
                                        &out) == 0,
                 out.constData());
        const QString fixtures =
            QDir(testsupport::sourceDir()).filePath(QStringLiteral("tests/fixtures/images"));
        QVERIFY2(testsupport::runDocker(
                     {QStringLiteral("build"), QStringLiteral("-q"), QStringLiteral("-f"),
                      fixtures + QStringLiteral("/stages.Dockerfile"), QStringLiteral("--build-arg"),
                      QStringLiteral("BASE_IMAGE=") + kOtherBase, QStringLiteral("--target"),
                      QStringLiteral("with-targets-pre"), QStringLiteral("-t"), kRebuiltPre, fixtures},
                     &out) == 0,
                 out.constData());
        m_diffIds.insert(QStringLiteral("rebuilt-pre"), testsupport::localDiffIds(kRebuiltPre));

        // One docker push per distinct image; everything else is copied through the registry API.
        QString why;
        for (const QString& stage : published())
            QVERIFY2(testsupport::pushToRegistry(testsupport::fixtureImage(QStringLiteral("stage-") + stage),
                                                 m_registry, src(stage) + QStringLiteral(":latest"), &why),
                     qPrintable(why));
        QVERIFY2(testsupport::pushToRegistry(kRebuiltPre, m_registry,
                                             src(QStringLiteral("rebuilt-pre")) + QStringLiteral(":latest"),
                                             &why),
                 qPrintable(why));

        const QStringList s = published(); // sws, configured, pre, with-targets, optional
        for (const QString& stage : s)
            seed(QStringLiteral("ubuntu-jammy"), stage, stage,
                 {QStringLiteral("dev"), QStringLiteral("10.8")});
        seed(QStringLiteral("fedora-41"), s[0], s[0], {QStringLiteral("dev")});
        seed(QStringLiteral("fedora-41"), s[1], s[1], {QStringLiteral("dev")});
        seed(QStringLiteral("fedora-41"), s[2], QStringLiteral("rebuilt-pre"), {QStringLiteral("dev")});
        seed(QStringLiteral("fedora-41"), s[3], s[3], {QStringLiteral("dev")});
        seed(QStringLiteral("fedora-41"), s[4], s[4], {QStringLiteral("dev")});
        for (const QString& stage : {s[0], s[2], s[3], s[4]}) // configured missing
            seed(QStringLiteral("debian-bookworm"), stage, stage, {QStringLiteral("dev")});
        // opensuse-tumbleweed: no repository at all.
    }

    void cleanupTestCase() {
        testsupport::runDocker({QStringLiteral("rmi"), kRebuiltPre, kOtherBase}, nullptr);
    }

    void fullMatrixDiagnosesEveryChain() {
        auto client = makeClient();
        QList<int> streamed;
        const matrix::Snapshot snap = runMatrix(*client, QStringLiteral("dev"), &streamed);
        QCOMPARE(snap.rows.size(), 4);
        QCOMPARE(snap.stages, published());
        // Cells streamed one by one, and progress counted every repository.
        QVERIFY2(streamed[0] >= 20, qPrintable(QString::number(streamed[0])));
        QCOMPARE(streamed[2], 20);
        QCOMPARE(streamed[3], 20);

        const auto& ubuntu = snap.rows[0];
        QCOMPARE(ubuntu.system, QStringLiteral("ubuntu-jammy"));
        for (int c = 0; c < 5; ++c) {
            const matrix::Cell& cell = ubuntu.cells[c];
            QCOMPARE(cell.status, CellStatus::Present);
            QCOMPARE(cell.chain, c == 0 ? Chain::First : Chain::Intact);
            QCOMPARE(cell.digest, m_digests.value(QStringLiteral("ubuntu-jammy/") + cell.stage));
            QCOMPARE(cell.diffIds(), m_diffIds.value(cell.stage));
            QCOMPARE(cell.layers, int(m_diffIds.value(cell.stage).size()));
            QVERIFY(cell.size > 0);
            QVERIFY(cell.created.isValid());
            if (c > 0) {
                QCOMPARE(cell.sharedLayers, int(m_diffIds.value(published()[c - 1]).size()));
                QCOMPARE(cell.newLayers, cell.layers - cell.sharedLayers);
            }
            // Layer history pairs each layer with the command that made it.
            QVERIFY(!cell.layerList.last().createdBy.isEmpty());
        }
        QVERIFY(ubuntu.cells[3].layerList.last().createdBy.contains(QLatin1String("targets.stamp")));

        const auto& fedora = snap.rows[1];
        const QStringList configured = m_diffIds.value(published()[1]);
        const QStringList rebuilt = m_diffIds.value(QStringLiteral("rebuilt-pre"));
        int expectedShared = 0;
        while (expectedShared < std::min(configured.size(), rebuilt.size()) &&
               configured[expectedShared] == rebuilt[expectedShared])
            ++expectedShared;
        QVERIFY(expectedShared >= 1); // both start from the busybox base layer
        QCOMPARE(fedora.cells[1].chain, Chain::Intact);
        QCOMPARE(fedora.cells[2].chain, Chain::Broken);
        QCOMPARE(fedora.cells[2].sharedLayers, expectedShared);
        QCOMPARE(fedora.cells[2].newLayers, int(rebuilt.size()) - expectedShared);
        QCOMPARE(fedora.cells[3].chain, Chain::Broken); // the original with-targets is not on the rebuilt pre
        QCOMPARE(fedora.cells[4].chain, Chain::Intact);

        const auto& debian = snap.rows[2];
        QCOMPARE(debian.cells[0].chain, Chain::First);
        QCOMPARE(debian.cells[1].status, CellStatus::Missing);
        QCOMPARE(debian.cells[1].chain, Chain::None);
        QCOMPARE(debian.cells[2].status, CellStatus::Present);
        QCOMPARE(debian.cells[2].chain, Chain::ParentMissing);
        QCOMPARE(debian.cells[3].chain, Chain::Intact);

        const auto& opensuse = snap.rows[3];
        for (const matrix::Cell& cell : opensuse.cells) {
            QCOMPARE(cell.status, CellStatus::Missing);
            QCOMPARE(cell.chain, Chain::None);
        }

        const matrix::Summary sum = snap.summary();
        QCOMPARE(sum.cells, 20);
        QCOMPARE(sum.present, 14);
        QCOMPARE(sum.missing, 6);
        QCOMPARE(sum.broken, 2);
        QCOMPARE(sum.parentMissing, 1);
        QCOMPARE(sum.errors, 0);
    }

    void otherTagOtherCells() {
        auto client = makeClient();
        const matrix::Snapshot snap = runMatrix(*client, QStringLiteral("10.8"));
        const matrix::Summary sum = snap.summary();
        QCOMPARE(sum.present, 5); // only ubuntu-jammy was pushed with 10.8
        QCOMPARE(sum.missing, 15);
        for (const matrix::Cell& cell : snap.rows[0].cells)
            QVERIFY(cell.status == CellStatus::Present && cell.chain != Chain::Broken);
    }

    void cancelStopsAndMarksTheRest() {
        auto client = makeClient();
        matrix::MatrixRequest r;
        r.repositoryPrefix = m_prefix;
        r.systems = {QStringLiteral("ubuntu-jammy"), QStringLiteral("fedora-41")};
        r.packages = {QStringLiteral("standard")};
        QVERIFY(!r.normalized().validate());
        matrix::RefreshJob job(*client, r);
        job.setMaxInFlight(1);
        QSignalSpy changed(&job, &matrix::RefreshJob::cellChanged);
        QSignalSpy finished(&job, &util::Job::finished);
        job.start();
        QVERIFY(job.isStarted());
        QVERIFY(changed.wait(20000));
        job.cancel();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().value<util::Error>().code, util::ErrorCode::Cancelled);
        QVERIFY(job.isFinished());
        const matrix::Summary sum = job.snapshot().summary();
        QCOMPARE(sum.pending, 0);
        QVERIFY(sum.errors >= 5);
        QVERIFY(sum.present >= 1);
        // Nothing arrives after the cancel.
        QVERIFY(!finished.wait(500));
        QCOMPARE(finished.size(), 1);
    }

    void cliMatrixJsonAndFailOn() {
        QByteArray out, err;
        const QStringList common{QStringLiteral("matrix"),
                                 QStringLiteral("--repo"),
                                 m_prefix,
                                 QStringLiteral("--tag"),
                                 QStringLiteral("dev"),
                                 QStringLiteral("--systems"),
                                 QStringLiteral("ubuntu-jammy,fedora-41,debian-bookworm,opensuse-tumbleweed"),
                                 QStringLiteral("--packages"),
                                 QStringLiteral("standard")};
        QCOMPARE(runCli(common + QStringList{QStringLiteral("--format"), QStringLiteral("json")}, &out, &err),
                 0);
        const auto j = nlohmann::json::parse(out.toStdString());
        QCOMPARE(j["repository"].get<std::string>(), m_prefix.toStdString());
        QCOMPARE(j["rows"].size(), size_t(4));
        QCOMPARE(j["summary"]["broken"].get<int>(), 2);
        QCOMPARE(j["summary"]["parent_missing"].get<int>(), 1);
        QCOMPARE(j["summary"]["missing"].get<int>(), 6);
        QCOMPARE(j["rows"][1]["cells"][2]["chain"].get<std::string>(), std::string("broken"));

        QCOMPARE(
            runCli(common + QStringList{QStringLiteral("--fail-on"), QStringLiteral("broken")}, &out, &err),
            1);
        QVERIFY2(err.contains("--fail-on met"), err.constData());
        QVERIFY(out.contains("BROKEN"));
        // Only ubuntu is clean: no condition met.
        QCOMPARE(
            runCli({QStringLiteral("matrix"), QStringLiteral("--repo"), m_prefix, QStringLiteral("--systems"),
                    QStringLiteral("ubuntu-jammy"), QStringLiteral("--packages"), QStringLiteral("standard"),
                    QStringLiteral("--fail-on"), QStringLiteral("broken,missing,error,parent-missing")},
                   &out, &err),
            0);

        const QString html = m_tmp.filePath(QStringLiteral("report.html"));
        QCOMPARE(runCli(common + QStringList{QStringLiteral("--format"), QStringLiteral("html"),
                                             QStringLiteral("--output"), html},
                        &out, &err),
                 0);
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray page = f.readAll();
        QVERIFY(page.startsWith("<!DOCTYPE html>"));
        QVERIFY(page.contains("BROKEN"));

        QCOMPARE(runCli(common + QStringList{QStringLiteral("--format"), QStringLiteral("csv")}, &out, &err),
                 0);
        QCOMPARE(out.count("\r\n"), 21);
    }

    void cliUsageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("systems and all-known")
            << QStringList{QStringLiteral("matrix"), QStringLiteral("--systems"),
                           QStringLiteral("ubuntu-jammy"), QStringLiteral("--all-known")};
        QTest::newRow("bad format") << QStringList{QStringLiteral("matrix"), QStringLiteral("--format"),
                                                   QStringLiteral("xml")};
        QTest::newRow("bad fail-on") << QStringList{QStringLiteral("matrix"), QStringLiteral("--fail-on"),
                                                    QStringLiteral("slow")};
        QTest::newRow("bad stage") << QStringList{QStringLiteral("matrix"), QStringLiteral("--stages"),
                                                  QStringLiteral("built")};
        QTest::newRow("bad tag") << QStringList{QStringLiteral("matrix"), QStringLiteral("--tag"),
                                                QStringLiteral("-x")};
        QTest::newRow("bad release") << QStringList{QStringLiteral("matrix"), QStringLiteral("--release"),
                                                    QStringLiteral("8.0")};
        QTest::newRow("tags without ref") << QStringList{QStringLiteral("tags")};
        QTest::newRow("tags bad ref") << QStringList{QStringLiteral("tags"), QStringLiteral("Bad/Ref")};
        QTest::newRow("resolve empty") << QStringList{QStringLiteral("resolve"), QStringLiteral(" ")};
        QTest::newRow("resolve non-sage image")
            << QStringList{QStringLiteral("resolve"), QStringLiteral("sagemath/sagemath:10.4")};
    }
    void cliUsageErrors() {
        QFETCH(QStringList, args);
        QByteArray out, err;
        QCOMPARE(runCli(args, &out, &err), 2);
        QVERIFY(out.isEmpty());
        // One clear line naming the command, then the dispatcher's pointer to --help.
        const QList<QByteArray> lines = err.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].startsWith(QByteArray(QByteArray("sagedock-cli ") + args.first().toUtf8() + ": ")),
                 err.constData());
        QVERIFY(lines[1].startsWith("Try 'sagedock-cli"));
    }

    void cliTagsAndResolve() {
        QByteArray out, err;
        const QString ubuntuRepo =
            m_registry + QLatin1Char('/') + repoPath(QStringLiteral("ubuntu-jammy"), published()[3]);
        QCOMPARE(runCli({QStringLiteral("tags"), ubuntuRepo + QStringLiteral(":dev")}, &out, &err), 0);
        QCOMPARE(out, QByteArray("10.8\ndev\n"));
        QCOMPARE(runCli({QStringLiteral("tags"), ubuntuRepo, QStringLiteral("--json")}, &out, &err), 0);
        const auto tags = nlohmann::json::parse(out.toStdString());
        QCOMPARE(tags["tags"].size(), size_t(2));
        QCOMPARE(
            runCli({QStringLiteral("tags"), m_prefix + QStringLiteral("sage-nothing-standard-configured")},
                   &out, &err),
            1);
        QVERIFY2(err.contains("does not exist"), err.constData());

        QCOMPARE(runCli({QStringLiteral("resolve"), QStringLiteral("10.8"), QStringLiteral("--repo"),
                         m_prefix, QStringLiteral("--systems"), QStringLiteral("ubuntu-jammy,fedora-41"),
                         QStringLiteral("--packages"), QStringLiteral("standard"), QStringLiteral("--json")},
                        &out, &err),
                 0);
        const auto j = nlohmann::json::parse(out.toStdString());
        QCOMPARE(j["kind"].get<std::string>(), std::string("tag"));
        QCOMPARE(j["platforms_found"].get<int>(), 1);
        QCOMPARE(j["platforms"][0]["present"].size(), size_t(5));
        // A full image reference names its prefix and package set itself.
        QCOMPARE(runCli({QStringLiteral("resolve"), ubuntuRepo + QStringLiteral(":10.8"),
                         QStringLiteral("--systems"), QStringLiteral("ubuntu-jammy,fedora-41")},
                        &out, &err),
                 0);
        QVERIFY2(out.contains("images for 1 of 2 platforms"), out.constData());
        // A PR nobody pushed: exit 1 with a sentence.
        QCOMPARE(runCli({QStringLiteral("resolve"), QStringLiteral("41000"), QStringLiteral("--repo"),
                         m_prefix, QStringLiteral("--systems"), QStringLiteral("ubuntu-jammy"),
                         QStringLiteral("--packages"), QStringLiteral("standard")},
                        &out, &err),
                 1);
        QVERIFY2(out.contains("41000-merge"), out.constData());
        QVERIFY2(err.contains("no platform image exists"), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestMatrixRegistry)
#include "tst_matrixregistry.moc"
