// `sagedock-cli build --tox-env` against real tox 4: every case recorded by scripts/record-tox.sh
// (tests/fixtures/tox/recorded) runs through the real CLI — a real run, not --dry-run — in a fresh
// copy of its fixture, with the recorder (tests/fixtures/tox/recorder: `docker`, `bash`, `tox-record`)
// first on PATH, a clean environment like record.py's and no engine reachable. What the recorder saw
// must be what tox ran: the docker argv sequence, every other call with its working folder and
// environment (the generator's bash line and write-dockerfile), and the generated Dockerfile.
// The differences docs/build.md allows, and only those, are taken out first: SageDock's builder
// flags (--progress=plain, --iidfile), its read-only CLI probe (`docker --version`, `docker buildx
// version`), tox's log-copy `docker run … tar …`, and the loop's own shell (its docker calls are
// compared one by one). Then --dry-run: the docker calls it prints equal those the run executed, it
// runs no docker call, and it leaves tox's work folder as it found it. Refused cases exit non-zero
// with a sentence and run nothing.

#include "testenvironment.h"
#include "toxrecording.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace sagedock;

namespace {

QString fixtureDir() {
    return QDir(testsupport::sourceDir()).filePath(QStringLiteral("tests/fixtures/tox"));
}

bool copyTree(const QString& from, const QString& to) {
    QProcess cp;
    cp.start(QStringLiteral("cp"), {QStringLiteral("-a"), from, to});
    return cp.waitForFinished(30000) && cp.exitCode() == 0;
}

// One case's private world, laid out as record.py lays it out (so paths normalise the same way).
struct World {
    QTemporaryDir tmp;
    QString root, recorder, home;

    bool make(const QString& fixture) {
        root = tmp.filePath(fixture);
        recorder = tmp.filePath(QStringLiteral("recorder"));
        home = tmp.filePath(QStringLiteral("home"));
        return tmp.isValid() && copyTree(QDir(fixtureDir()).filePath(fixture), root) &&
               copyTree(QDir(fixtureDir()).filePath(QStringLiteral("recorder")), recorder) &&
               QDir().mkpath(home);
    }
    QString clean(QString text) const {
        return text.replace(root, QStringLiteral("@TOXINIDIR@"))
            .replace(recorder, QStringLiteral("@RECORDER@"))
            .replace(home, QStringLiteral("@HOME@"));
    }
    // The calls recorded so far (paths normalised), and a fresh start for the next run.
    QJsonArray takeCalls() const {
        QFile f(QDir(recorder).filePath(QStringLiteral("calls.jsonl")));
        QJsonArray calls;
        if (f.open(QIODevice::ReadOnly))
            for (const QByteArray& line : f.readAll().split('\n'))
                if (!line.trimmed().isEmpty())
                    calls.append(QJsonDocument::fromJson(clean(QString::fromUtf8(line)).toUtf8()).object());
        f.remove();
        return calls;
    }
    // sagedock-cli with record.py's clean environment (PATH, HOME, the case's variables) and no engine.
    // Returns the exit code (-1: did not start or end); *output gets stdout, then stderr.
    int runCli(const QJsonObject& rec, const QStringList& extra, QByteArray* output,
               QByteArray* standardOutput = nullptr) const {
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), recorder + QStringLiteral(":/usr/bin:/bin"));
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix:///nonexistent/docker.sock"));
        const QJsonObject vars = rec.value(QStringLiteral("vars")).toObject();
        for (auto it = vars.begin(); it != vars.end(); ++it)
            env.insert(it.key(), it.value().toString());
        QStringList args{QStringLiteral("build"), QStringLiteral("--source"), root,
                         QStringLiteral("--tox-env"), rec.value(QStringLiteral("toxenv")).toString()};
        args += extra;
        if (!rec.value(QStringLiteral("posargs")).isNull())
            args << QStringLiteral("--") << testsupport::jsonStrings(rec.value(QStringLiteral("posargs")));
        QProcess p;
        p.setProcessEnvironment(env);
        p.setProgram(qEnvironmentVariable("SAGEDOCK_CLI"));
        p.setArguments(args);
        p.setWorkingDirectory(tmp.path());
        p.start();
        if (!p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished(5000);
            return -1;
        }
        const QByteArray out = p.readAllStandardOutput();
        if (standardOutput)
            *standardOutput = out;
        *output = out + p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }
};

bool isDocker(const QJsonObject& call) {
    return call.value(QStringLiteral("tool")).toString() == QLatin1String("docker");
}

// SageDock's read-only look at the CLI (CliProbe, the engine version): not a build step.
bool isProbe(const QStringList& argv) {
    return argv.value(0) == QLatin1String("--version") || argv.value(0) == QLatin1String("version") ||
           (argv.value(0) == QLatin1String("buildx") && argv.value(1) == QLatin1String("version"));
}

// tox's loop copies the installed-package list out of each image: `docker run IMAGE bash -c "tar -c …"`.
bool isLogCopy(const QStringList& argv) {
    return argv.value(0) == QLatin1String("run") && argv.last().startsWith(QLatin1String("tar -c"));
}

QStringList withoutBuilderFlags(QStringList argv, bool dropProgress) {
    const qsizetype iid = argv.indexOf(QStringLiteral("--iidfile"));
    if (iid >= 0)
        argv.remove(iid, 2);
    if (dropProgress)
        argv.removeAll(QStringLiteral("--progress=plain"));
    return argv;
}

QList<QStringList> dockerCalls(const QJsonArray& calls, bool expected) {
    QList<QStringList> out;
    for (const QJsonValue& v : calls) {
        const QJsonObject call = v.toObject();
        if (!isDocker(call))
            continue;
        const QStringList argv = testsupport::jsonStrings(call.value(QStringLiteral("argv")));
        if (expected ? isLogCopy(argv) : isProbe(argv))
            continue;
        out << (expected ? argv : withoutBuilderFlags(argv, true));
    }
    return out;
}

// DOCKER_BUILDKIT of each docker build, as the loop set it.
QStringList buildkitOfBuilds(const QJsonArray& calls) {
    QStringList out;
    for (const QJsonValue& v : calls) {
        const QJsonObject call = v.toObject();
        if (isDocker(call) &&
            testsupport::jsonStrings(call.value(QStringLiteral("argv"))).value(0) == QLatin1String("build"))
            out << call.value(QStringLiteral("env"))
                       .toObject()
                       .value(QStringLiteral("DOCKER_BUILDKIT"))
                       .toString(QStringLiteral("<unset>"));
    }
    return out;
}

// Every call that is not docker (and not the docker loop's shell, whose docker calls are compared
// one by one): tool, argv, working folder and environment.
QJsonArray otherCalls(const QJsonArray& calls) {
    QJsonArray out;
    for (const QJsonValue& v : calls) {
        const QJsonObject call = v.toObject();
        if (isDocker(call))
            continue;
        const QStringList argv = testsupport::jsonStrings(call.value(QStringLiteral("argv")));
        if (call.value(QStringLiteral("tool")).toString() == QLatin1String("bash") &&
            argv.join(u' ').contains(QLatin1String("docker build")))
            continue;
        out.append(call);
    }
    return out;
}

QString pretty(const QJsonArray& a) {
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Indented));
}

QJsonArray toArray(const QList<QStringList>& lists) {
    QJsonArray a;
    for (const QStringList& l : lists)
        a.append(QJsonArray::fromStringList(l));
    return a;
}

} // namespace

class TestToxFidelity : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY2(QFile::exists(qEnvironmentVariable("SAGEDOCK_CLI")), "SAGEDOCK_CLI must name sagedock-cli");
    }

    void recorded_data() {
        QTest::addColumn<QString>("path");
        const QDir dir(QDir(fixtureDir()).filePath(QStringLiteral("recorded")));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 29);
        for (const QString& f : files)
            QTest::newRow(qPrintable(f.chopped(5))) << dir.filePath(f);
    }

    void recorded() {
        QFETCH(QString, path);
        const QJsonObject rec = testsupport::readJson(path);
        QVERIFY(!rec.isEmpty());
        World w;
        QVERIFY(w.make(rec.value(QStringLiteral("fixture")).toString()));
        // A case may point XDG_CACHE_HOME at a folder outside the test (tox reads it); the CLI caches
        // its CLI probe there, so a folder it creates is removed again.
        const QString cacheHome =
            rec.value(QStringLiteral("vars")).toObject().value(QStringLiteral("XDG_CACHE_HOME")).toString();
        const bool cacheExisted = cacheHome.isEmpty() || QFileInfo::exists(cacheHome);
        auto removeCache = qScopeGuard([&] {
            if (!cacheExisted)
                QDir(cacheHome).removeRecursively();
        });
        const QJsonArray expected = rec.value(QStringLiteral("calls")).toArray();
        const QString toxEnv = rec.value(QStringLiteral("toxenv")).toString();
        const QString toxWork = QDir(w.root).filePath(QStringLiteral(".tox"));

        if (rec.value(QStringLiteral("exit_code")).toInt() != 0) {
            QByteArray out;
            const int code = w.runCli(rec, {}, &out);
            QVERIFY2(code != 0 && code != -1, out.constData());
            QVERIFY2(out.contains("tox.ini") || out.contains("circular"), out.constData());
            QCOMPARE(dockerCalls(w.takeCalls(), false).size(), 0);
            return;
        }

        // --dry-run first: it prints the docker calls, runs none, and leaves .tox as it found it
        // (apart from the Dockerfile the generator writes, as under tox).
        QByteArray dryOut, dryJson;
        QCOMPARE(w.runCli(rec, {QStringLiteral("--dry-run"), QStringLiteral("--json")}, &dryOut, &dryJson),
                 0);
        const QJsonObject dry = QJsonDocument::fromJson(dryJson).object();
        QVERIFY2(!dry.isEmpty(), dryOut.constData());
        QCOMPARE(dockerCalls(w.takeCalls(), false).size(), 0);
        QVERIFY2(!QFile::exists(QDir(toxWork).filePath(QStringLiteral("Dockertags"))),
                 "the planning pass must undo the loop's Dockertags");
        QList<QStringList> printed;
        for (const QJsonValue& r : dry.value(QStringLiteral("runs")).toArray()) {
            QStringList argv;
            for (const QString& a :
                 testsupport::jsonStrings(r.toObject().value(QStringLiteral("argv"))).mid(1))
                argv << w.clean(a); // normalised like the recorded calls
            printed << argv;
        }
        QCOMPARE(dry.value(QStringLiteral("tox_env")).toString(), toxEnv);

        // The real run.
        QByteArray out;
        const int code = w.runCli(rec, {}, &out);
        QVERIFY2(code == 0, out.constData());
        const QJsonArray actual = w.takeCalls();

        // What --dry-run printed is what ran (the run adds only the per-build --iidfile).
        QList<QStringList> executed;
        for (const QJsonValue& v : actual) {
            const QStringList argv = testsupport::jsonStrings(v.toObject().value(QStringLiteral("argv")));
            if (isDocker(v.toObject()) && !isProbe(argv))
                executed << withoutBuilderFlags(argv, false);
        }
        QCOMPARE(pretty(toArray(executed)), pretty(toArray(printed)));

        // tox's docker calls, in order, byte for byte.
        QCOMPARE(pretty(toArray(dockerCalls(actual, false))), pretty(toArray(dockerCalls(expected, true))));
        QCOMPARE(buildkitOfBuilds(actual), buildkitOfBuilds(expected));
        // The generator's call and environment (and any other tool the environment runs).
        QCOMPARE(pretty(otherCalls(actual)), pretty(otherCalls(expected)));
        // The Dockerfile the generator wrote.
        const QJsonValue dockerfile = rec.value(QStringLiteral("dockerfile"));
        QFile df(QDir(toxWork).filePath(toxEnv + QStringLiteral("/Dockerfile")));
        if (dockerfile.isNull()) {
            QVERIFY(!df.exists());
        } else {
            QVERIFY(df.open(QIODevice::ReadOnly));
            QCOMPARE(w.clean(QString::fromUtf8(df.readAll())), dockerfile.toString());
        }
    }
};

QTEST_GUILESS_MAIN(TestToxFidelity)
#include "tst_toxfidelity.moc"
