// The build history: records survive a JSON round trip, appends keep earlier lines, a torn or foreign
// line is skipped, latest() finds the newest record of a plan, and the log directory stays under its cap.

#include "imagebuild/buildhistory.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sagedock;

namespace {
imagebuild::BuildRecord record(const QString& id, const QString& key, imagebuild::StageStatus status) {
    imagebuild::BuildRecord r;
    r.id = id;
    r.planKey = key;
    r.started = QDateTime(QDate(2026, 11, 21), QTime(5, 0, 0, 123), Qt::UTC);
    r.finished = r.started.addSecs(12);
    r.arguments = {QStringLiteral("build"), QStringLiteral("--system"), QStringLiteral("ubuntu-jammy")};
    r.plan = {{"mode", "sage"}};
    r.cli = QStringLiteral("/usr/bin/docker");
    r.cliVersion = QStringLiteral("20.10.24");
    r.builder = QStringLiteral("buildkit");
    r.engineVersion = QStringLiteral("20.10.24");
    imagebuild::StageResult s;
    s.stage = QStringLiteral("with-targets");
    s.image = QStringLiteral("sage-ubuntu-jammy-standard-with-targets:dev");
    s.tags = {QStringLiteral("dev")};
    s.status = status;
    s.steps = 12;
    s.cached = 10;
    s.executed = 2;
    buildlog::FirstExecuted fe;
    fe.step = QStringLiteral("[with-targets 1/2] ADD src src");
    fe.reason = buildlog::MissReason::CopyInputChanged;
    fe.detail = QStringLiteral("src");
    fe.text = QStringLiteral("Files copied by this step changed.");
    s.firstExecuted = fe;
    s.durationSeconds = 3.25;
    s.imageId = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
    s.inputHash = QString(64, QLatin1Char('b'));
    s.cacheImports = {{QStringLiteral("reg/x:dev"), false, QStringLiteral("not found")}};
    s.pushed = {s.image};
    s.command = QStringLiteral("docker build . --target with-targets");
    r.stages = {s};
    r.logPath = QStringLiteral("/tmp/x.log");
    r.success = imagebuild::stageSucceeded(status);
    return r;
}
} // namespace

class TestBuildHistory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip() {
        const auto r = record(QStringLiteral("a"), QStringLiteral("k1"), imagebuild::StageStatus::Built);
        const auto back = imagebuild::BuildRecord::fromJson(nlohmann::json::parse(r.toJson().dump()));
        QVERIFY(back.toJson() == r.toJson());
        QCOMPARE(back.started, r.started);
        QCOMPARE(back.stages.first().firstExecuted->reason, buildlog::MissReason::CopyInputChanged);
        QCOMPARE(back.stages.first().cacheImports.first().ok, false);
        // The CLI's JSON fields per the issue
        const auto j = r.stages.first().toJson();
        for (const char* key : {"stage", "image", "status", "steps", "cached", "executed", "first_executed",
                                "duration_s", "image_id"})
            QVERIFY2(j.contains(key), key);
        QVERIFY(j["status"] == "built");
        QVERIFY(j["first_executed"]["reason"] == "copy-input-changed");
    }

    void statusNames_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("succeeded");
        QTest::newRow("built") << int(imagebuild::StageStatus::Built) << "built" << true;
        QTest::newRow("cached") << int(imagebuild::StageStatus::Cached) << "cached" << true;
        QTest::newRow("skipped") << int(imagebuild::StageStatus::Skipped) << "skipped" << true;
        QTest::newRow("failed") << int(imagebuild::StageStatus::Failed) << "failed" << false;
        QTest::newRow("cancelled") << int(imagebuild::StageStatus::Cancelled) << "cancelled" << false;
    }
    void statusNames() {
        QFETCH(int, status);
        QFETCH(QString, name);
        QFETCH(bool, succeeded);
        QCOMPARE(imagebuild::stageStatusName(imagebuild::StageStatus(status)), name);
        QCOMPARE(imagebuild::stageStatusFromName(name), imagebuild::StageStatus(status));
        QCOMPARE(imagebuild::stageSucceeded(imagebuild::StageStatus(status)), succeeded);
    }

    void appendLoadLatest() {
        QTemporaryDir tmp;
        imagebuild::History h(tmp.filePath(QStringLiteral("sub/history.jsonl")));
        QVERIFY(h.load().ok());
        QVERIFY(h.load()->isEmpty());
        QVERIFY(
            !h.append(record(QStringLiteral("1"), QStringLiteral("k1"), imagebuild::StageStatus::Failed)));
        QVERIFY(!h.append(record(QStringLiteral("2"), QStringLiteral("k2"), imagebuild::StageStatus::Built)));
        // A torn line (power loss mid-append) and a foreign line are skipped, the rest stays readable.
        QFile f(h.path());
        QVERIFY(f.open(QIODevice::Append));
        f.write("{\"id\": \"torn\", \"stages\": [\n[1,2,3]\n");
        f.close();
        QVERIFY(
            !h.append(record(QStringLiteral("3"), QStringLiteral("k1"), imagebuild::StageStatus::Cached)));
        const auto all = h.load();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 3);
        QCOMPARE(all->at(0).id, QStringLiteral("1"));
        QCOMPARE(all->at(2).id, QStringLiteral("3"));
        QCOMPARE(h.latest(QStringLiteral("k1"))->id, QStringLiteral("3"));
        QCOMPARE(h.latest(QStringLiteral("k2"))->id, QStringLiteral("2"));
        QVERIFY(!h.latest(QStringLiteral("k9")).has_value());
        QCOMPARE(h.load(2)->size(), 2);
        QCOMPARE(h.load(2)->first().id, QStringLiteral("2"));
    }

    // A line far longer than any record (a foreign file, a crash that wrote garbage): skipped in bounded
    // pieces, reported once as a broken line, and the records on both sides of it stay.
    void overlongLineIsSkipped_data() {
        QTest::addColumn<qint64>("length");
        QTest::addColumn<bool>("newline");
        QTest::newRow("64 MiB, then a record") << qint64(64) * 1024 * 1024 << true;
        QTest::newRow("just over 1 MiB") << qint64(1 << 20) + 1 << true;
        QTest::newRow("64 MiB at the end, no newline") << qint64(64) * 1024 * 1024 << false;
    }
    void overlongLineIsSkipped() {
        QFETCH(qint64, length);
        QFETCH(bool, newline);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.jsonl"));
        imagebuild::History history(path);
        history.setProcesses({[](qint64) { return false; }, [](qint64) { return false; }, [](qint64) {}});
        QVERIFY(!history.append(
            record(QStringLiteral("1"), QStringLiteral("k"), imagebuild::StageStatus::Built)));
        QFile f(path);
        QVERIFY(f.open(QIODevice::Append));
        const QByteArray piece(1 << 20, 'x');
        for (qint64 left = length; left > 0; left -= piece.size())
            f.write(piece.constData(), std::min<qint64>(left, piece.size()));
        if (newline)
            f.write("\n");
        f.close();
        if (newline)
            QVERIFY(!history.append(
                record(QStringLiteral("2"), QStringLiteral("k"), imagebuild::StageStatus::Cached)));
        const auto records = history.load();
        QVERIFY(records.ok());
        QCOMPARE(records->size(), newline ? 2 : 1);
        QCOMPARE(records->first().id, QStringLiteral("1"));
        const imagebuild::History::Recovery recovery = history.recover();
        QCOMPARE(recovery.notices.size(), 1);
    }

    // Found by fuzz_history: values of the wrong type threw out of json::value() (the history and the
    // Builds page died on one edited line), numbers past int were undefined behaviour.
    void wrongTypesAreSkippedNotFatal_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("success is a string")
            << QByteArray(R"({"id":"a","success":"yes","state":"finished"})");
        QTest::newRow("cache import ok is a number")
            << QByteArray(R"({"id":"a","stages":[{"stage":"s","cache_imports":[{"ref":"r","ok":1},7]}]})");
        QTest::newRow("huge numbers") << QByteArray(
            R"({"id":"a","owner_pid":1e300,"child_pid":-5,"stages":[{"stage":"s","steps":1e300,"cached":-3e40}]})");
        QTest::newRow("plan stages are not objects") << QByteArray(
            R"({"id":"a","plan":{"mode":"generic","stages":[1,"x",{"stage":2},{"stage":"one"}]}})");
    }
    void wrongTypesAreSkippedNotFatal() {
        QFETCH(QByteArray, line);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.jsonl"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(line + '\n');
        f.close();
        imagebuild::History history(path);
        history.setProcesses({[](qint64) { return false; }, [](qint64) { return false; }, [](qint64) {}});
        QVERIFY(history.recover().notices.isEmpty());
        const auto records = history.load();
        QVERIFY(records.ok());
        QCOMPARE(records.value().size(), 1);
        const imagebuild::BuildRecord& r = records.value().first();
        QCOMPARE(r.id, QStringLiteral("a"));
        QVERIFY(!r.success);
        QVERIFY(r.ownerPid >= 0 && r.childPid >= 0);
        for (const imagebuild::StageResult& st : r.stages)
            QVERIFY(st.steps >= 0 || st.cached <= 0);
        const imagebuild::RecordInputs in = imagebuild::recordInputs(r);
        if (line.contains("plan"))
            QCOMPARE(in.stages, (QStringList{QString(), QString(), QString(), QStringLiteral("one")}));
    }

    // A running record whose owner is gone: recover() asks its Processes, never the kernel, when told to.
    void recoverUsesItsProcesses() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.jsonl"));
        imagebuild::BuildRecord r;
        r.id = QStringLiteral("20261204T031500Z-4d5e6f");
        r.state = QStringLiteral("running");
        r.ownerPid = 4242;
        r.childPid = 4343;
        imagebuild::History history(path);
        QVERIFY(!history.append(r));
        QList<qint64> stopped;
        history.setProcesses({[](qint64 pid) { return pid != 4242; },
                              [](qint64 pgid) { return pgid == 4343; },
                              [&stopped](qint64 pgid) { stopped << pgid; }});
        const imagebuild::History::Recovery first = history.recover();
        QCOMPARE(first.interrupted, QStringList{r.id});
        QCOMPARE(stopped, QList<qint64>{4343});
        QVERIFY(first.notices.join(QLatin1Char(' ')).contains(QLatin1String("4343")));
        QVERIFY(history.recover().notices.isEmpty()); // said once
    }

    void defaultPathsAreInAppData() {
        QVERIFY(imagebuild::History::defaultPath().endsWith(QLatin1String("/build-history.jsonl")));
        QVERIFY(imagebuild::History::defaultLogDirectory().endsWith(QLatin1String("/build-logs")));
    }

    void pruneKeepsNewestUnderCap() {
        QTemporaryDir tmp;
        const QDir dir(tmp.path());
        for (int i = 0; i < 5; ++i) {
            QFile f(dir.filePath(QStringLiteral("b%1.log").arg(i)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(1000, 'x'));
            f.close();
            // oldest first: distinct modification times
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(-100 + i),
                                  QFileDevice::FileModificationTime));
            f.close();
        }
        QFile other(dir.filePath(QStringLiteral("keep.txt")));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write(QByteArray(5000, 'y'));
        other.close();
        imagebuild::pruneLogDirectory(tmp.path(), 2500);
        QCOMPARE(dir.entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name),
                 (QStringList{QStringLiteral("b3.log"), QStringLiteral("b4.log")}));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("keep.txt"))));
    }
};

QTEST_GUILESS_MAIN(TestBuildHistory)
#include "tst_buildhistory.moc"
