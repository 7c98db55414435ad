// The tox.ini evaluator against real tox 4: every case recorded by scripts/record-tox.sh
// (tests/fixtures/tox/recorded) is evaluated and the commands tox ran, their environment, and the
// generator's call and environment must come out exactly; then malformed input, refusals and the
// shell-word reader the planner uses for the generator line.

#include "imagebuild/toxini.h"
#include "testenvironment.h"
#include "toxrecording.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace sagedock;
using namespace sagedock::imagebuild;

namespace {

QString fixtureDir() {
    return QDir(testsupport::sourceDir()).filePath(QStringLiteral("tests/fixtures/tox"));
}

// What record.py gave tox: PATH with the recorders first, a HOME, and the case's variables; paths
// are the placeholders the recordings use, so the evaluator's output compares as text.
ToxContext contextFor(const QJsonObject& rec) {
    ToxContext ctx;
    ctx.toxIniDir = QStringLiteral("@TOXINIDIR@");
    ctx.environment = {{QStringLiteral("PATH"), QStringLiteral("@RECORDER@:/usr/bin:/bin")},
                       {QStringLiteral("HOME"), QStringLiteral("@HOME@")}};
    const QMap<QString, QString> vars = testsupport::jsonStringMap(rec.value(QStringLiteral("vars")));
    for (auto it = vars.begin(); it != vars.end(); ++it)
        ctx.environment.insert(it.key(), it.value());
    if (!rec.value(QStringLiteral("posargs")).isNull())
        ctx.posArgs = testsupport::jsonStrings(rec.value(QStringLiteral("posargs")));
    return ctx;
}

} // namespace

class TestToxIni : public QObject {
    Q_OBJECT

private slots:
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
        QVERIFY(rec.value(QStringLiteral("tox_version")).toString().startsWith(QLatin1String("4.")));
        const QString iniPath =
            QDir(fixtureDir())
                .filePath(rec.value(QStringLiteral("fixture")).toString() + QStringLiteral("/tox.ini"));
        const auto ini = ToxIni::load(iniPath);
        QVERIFY2(ini.ok(), qPrintable(ini.error().toString()));
        const ToxContext ctx = contextFor(rec);
        const QString name = rec.value(QStringLiteral("toxenv")).toString();
        const auto env = evaluateToxEnvironment(ini.value(), name, ctx);
        const QJsonArray calls = rec.value(QStringLiteral("calls")).toArray();

        if (rec.value(QStringLiteral("exit_code")).toInt() != 0) {
            // tox refused the environment (or failed evaluating it) and ran nothing
            QVERIFY(calls.isEmpty());
            QVERIFY2(!env.ok(), "tox refused this case; the evaluator must too");
            QVERIFY(!env.error().message.isEmpty());
            return;
        }
        QVERIFY2(env.ok(), qPrintable(env.error().toString()));
        const QMap<QString, QString> processEnv = toxProcessEnvironment(env.value(), ctx);

        // Each command tox ran is the next recorded call of its program, with tox's environment.
        qsizetype next = 0;
        for (QStringList argv : env->commands) {
            if (argv.first() == QLatin1String("tox-record")) // the recorder names itself by argv[1]
                argv.removeFirst();
            while (next < calls.size() &&
                   calls.at(next).toObject().value(QStringLiteral("tool")).toString() != argv.first())
                ++next;
            QVERIFY2(next < calls.size(),
                     qPrintable(QStringLiteral("no recorded call for ") + argv.join(u' ')));
            const QJsonObject call = calls.at(next++).toObject();
            QCOMPARE(argv.mid(1), testsupport::jsonStrings(call.value(QStringLiteral("argv"))));
            QCOMPARE(processEnv, testsupport::jsonStringMap(call.value(QStringLiteral("env"))));
        }

        // The generator: read out of the first `bash -c` line, called as tox's shell called it.
        const QStringList first = env->commands.first();
        if (first.size() < 3 || first.first() != QLatin1String("bash") ||
            !first.at(2).startsWith(QLatin1String(".ci/write-dockerfile.sh")))
            return; // the malformed and delegating environments run no generator
        const auto gen = parseSimpleShellCommand(first.at(2));
        QVERIFY2(gen.ok(), qPrintable(gen.error().toString()));
        QCOMPARE(gen->stdoutFile, env->envDir + QStringLiteral("/Dockerfile"));
        bool found = false;
        for (const QJsonValue& c : calls) {
            const QJsonObject call = c.toObject();
            if (call.value(QStringLiteral("tool")).toString() != QLatin1String("write-dockerfile"))
                continue;
            found = true;
            QCOMPARE(gen->argv.mid(1), testsupport::jsonStrings(call.value(QStringLiteral("argv"))));
            QCOMPARE(processEnv, testsupport::jsonStringMap(call.value(QStringLiteral("env"))));
        }
        QVERIFY(found);
    }

    void environments() {
        const auto ini = ToxIni::load(QDir(fixtureDir()).filePath(QStringLiteral("distro/tox.ini")));
        QVERIFY(ini.ok());
        const QStringList envs = ini->environments();
        // envlist with factor groups first, in tox's order, then what factor conditions name
        QCOMPARE(envs.mid(0, 5), (QStringList{QStringLiteral("docker-ubuntu-jammy-minimal"),
                                              QStringLiteral("docker-ubuntu-jammy-standard"),
                                              QStringLiteral("docker-fedora-40-minimal"),
                                              QStringLiteral("docker-fedora-40-standard"),
                                              QStringLiteral("docker-debian-bookworm-maximal")}));
        QVERIFY(envs.contains(QStringLiteral("centos-7-devtoolset-gcc_11")));
        QVERIFY(ini->unknownFactors(QStringLiteral("docker-centos-7-devtoolset-gcc_11-minimal")).isEmpty());
        QCOMPARE(ini->unknownFactors(QStringLiteral("docker-ubuntu-jamy-standard-turbo")),
                 (QStringList{QStringLiteral("jamy"), QStringLiteral("turbo")}));
        QCOMPARE(ini->closestName(QStringLiteral("docker-ubuntu-jamy-standard")),
                 QStringLiteral("docker-ubuntu-jammy-standard"));
        QCOMPARE(ini->closestName(QStringLiteral("docker-ubuntu-jammy-standard-turbo")), QString());
    }

    void malformed_data() {
        QTest::addColumn<QString>("ini");
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("variable"); // the setenv value to check; empty: expect an error
        QTest::addColumn<QString>("expected"); // the value, or a part of the error sentence

        const QString head = QStringLiteral("[tox]\nenvlist = a\n[testenv]\nsetenv =\n");
        QTest::newRow("unterminated brace stays text")
            << head + QStringLiteral("    X={env:FOO:{env:BAR:y}\n") << "a"
            << "X"
            << "{env:FOO:y";
        QTest::newRow("unterminated nested default")
            << head + QStringLiteral("    X=pre{[images]base\n") << "a"
            << "X"
            << "pre{[images]base";
        QTest::newRow("escaped braces and colons")
            << head + QStringLiteral("    X=\\{env:FOO\\}\\:1\n") << "a"
            << "X"
            << "{env:FOO}:1";
        QTest::newRow("unknown section stays text, even with a default")
            << head + QStringLiteral("    X={[nosuch]key:d}\n") << "a"
            << "X"
            << "{[nosuch]key:d}";
        QTest::newRow("known section, missing key takes the default")
            << QStringLiteral("[tox]\nenvlist = a\n[s]\nk = v\n[testenv]\nsetenv = X={[s]other:d}\n") << "a"
            << "X"
            << "d";
        QTest::newRow("recursive outside value is bounded")
            << head + QStringLiteral("    X={env:LOOPY}\n") << "a"
            << "X"
            << "{env:LOOPY}";
        QTest::newRow("self reference falls back to the outside")
            << head + QStringLiteral("    HOME=/x{env:HOME}\n") << "a"
            << "HOME"
            << "/x/home/me";
        QTest::newRow("circular chain")
            << head + QStringLiteral("    A={env:B}\n    B={env:C}\n    C={env:A}\n") << "a"
            << ""
            << "circular chain";
        QTest::newRow("env without a name") << head + QStringLiteral("    A={env}\n") << "a"
                                            << ""
                                            << "without a variable name";
        QTest::newRow("undefined environment") << head + QStringLiteral("    A=1\n") << "b"
                                               << ""
                                               << "does not define the environment b";
        QTest::newRow("duplicate section") << QStringLiteral("[tox]\n[testenv]\n[testenv]\n") << "a"
                                           << ""
                                           << "twice";
        QTest::newRow("text before any section") << QStringLiteral("envlist = a\n") << "a"
                                                 << ""
                                                 << "before its first section";
        QTest::newRow("negation and groups")
            << head + QStringLiteral("    !b: N=not-b\n    {a,c}-!d: G=group\n    a,c: O=any\n") << "a"
            << "N"
            << "not-b";
    }

    void malformed() {
        QFETCH(QString, ini);
        QFETCH(QString, env);
        QFETCH(QString, variable);
        QFETCH(QString, expected);
        ToxContext ctx;
        ctx.toxIniDir = QStringLiteral("/src");
        ctx.environment = {{QStringLiteral("LOOPY"), QStringLiteral("{env:LOOPY}")},
                           {QStringLiteral("HOME"), QStringLiteral("/home/me")}};
        const auto parsed = ToxIni::parse(ini);
        if (!parsed.ok()) {
            QVERIFY(variable.isEmpty());
            QVERIFY2(parsed.error().message.contains(expected), qPrintable(parsed.error().message));
            return;
        }
        const auto result = evaluateToxEnvironment(parsed.value(), env, ctx);
        if (variable.isEmpty()) {
            QVERIFY(!result.ok());
            QVERIFY2(result.error().message.contains(expected), qPrintable(result.error().message));
            return;
        }
        QVERIFY2(result.ok(), qPrintable(result.error().toString()));
        QCOMPARE(result->setEnv.value(variable), expected);
    }

    void shellCommand_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("argv"); // empty: refused
        QTest::addColumn<QString>("stdoutFile");
        QTest::newRow("generator") << "g.sh debian \"a b\" yes 'c d' > /e/Dockerfile"
                                   << QStringList{"g.sh", "debian", "a b", "yes", "c d"} << "/e/Dockerfile";
        QTest::newRow("empty quoted word") << "g \"\" x" << QStringList{"g", "", "x"} << "";
        QTest::newRow("backslash") << "g a\\ b \"q\\\"\"" << QStringList{"g", "a b", "q\""} << "";
        QTest::newRow("expansion refused") << "g $(date)" << QStringList{} << "";
        QTest::newRow("expansion in double quotes refused") << "g \"$X\"" << QStringList{} << "";
        QTest::newRow("pipe refused") << "g | h" << QStringList{} << "";
        QTest::newRow("unterminated quote refused") << "g 'a" << QStringList{} << "";
        QTest::newRow("two redirections refused") << "g > a > b" << QStringList{} << "";
    }

    void shellCommand() {
        QFETCH(QString, line);
        QFETCH(QStringList, argv);
        QFETCH(QString, stdoutFile);
        const auto cmd = parseSimpleShellCommand(line);
        if (argv.isEmpty()) {
            QVERIFY(!cmd.ok());
            return;
        }
        QVERIFY2(cmd.ok(), qPrintable(cmd.error().toString()));
        QCOMPARE(cmd->argv, argv);
        QCOMPARE(cmd->stdoutFile, stdoutFile);
    }
};

QTEST_GUILESS_MAIN(TestToxIni)
#include "tst_toxini.moc"
