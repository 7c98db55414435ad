// sagedock-toxcompare TOX_INI RECORDINGS_DIR: evaluates each recorded case (the format of
// tests/fixtures/tox/recorded, written by record.py or scripts/compare-sage-tox.py) with SageDock's
// reading of TOX_INI and checks that every command tox ran comes out with the same argv and the
// same environment, in order. Nested calls a command makes (the generator's own bash scripts) may
// sit between them. Prints one line per case and a summary; exit 0 when every case matches.
// A development tool for checking against a checkout's real tox.ini; the test suite's own check is
// tests/unit/imagebuild/tst_toxini.cpp.

#include "imagebuild/toxini.h"
#include "toxrecording.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using namespace sagedock;
using namespace sagedock::imagebuild;

namespace {

QString shorten(const QString& s) {
    return s.size() > 160 ? s.left(157) + QStringLiteral("...") : s;
}

// The variables on which two environments disagree, one per line.
QStringList environmentDifferences(const QMap<QString, QString>& tox, const QMap<QString, QString>& ours) {
    QStringList out;
    for (auto it = tox.begin(); it != tox.end(); ++it) {
        if (!ours.contains(it.key()))
            out << QStringLiteral("      %1: tox sets %2, SageDock does not")
                       .arg(it.key(), shorten(it.value()));
        else if (ours.value(it.key()) != it.value())
            out << QStringLiteral("      %1: tox %2 | SageDock %3")
                       .arg(it.key(), shorten(it.value()), shorten(ours.value(it.key())));
    }
    for (auto it = ours.begin(); it != ours.end(); ++it)
        if (!tox.contains(it.key()))
            out << QStringLiteral("      %1: SageDock sets %2, tox does not")
                       .arg(it.key(), shorten(it.value()));
    return out;
}

// Empty when the case matches; else why not.
QStringList compareCase(const ToxIni& ini, const QJsonObject& rec) {
    ToxContext ctx;
    ctx.toxIniDir = QStringLiteral("@TOXINIDIR@");
    ctx.environment = {{QStringLiteral("PATH"), QStringLiteral("@RECORDER@:/usr/bin:/bin")},
                       {QStringLiteral("HOME"), QStringLiteral("@HOME@")}};
    const QMap<QString, QString> vars = testsupport::jsonStringMap(rec.value(QStringLiteral("vars")));
    for (auto it = vars.begin(); it != vars.end(); ++it)
        ctx.environment.insert(it.key(), it.value());
    if (!rec.value(QStringLiteral("posargs")).isNull())
        ctx.posArgs = testsupport::jsonStrings(rec.value(QStringLiteral("posargs")));
    const auto env = evaluateToxEnvironment(ini, rec.value(QStringLiteral("toxenv")).toString(), ctx);
    const QJsonArray calls = rec.value(QStringLiteral("calls")).toArray();
    const int exitCode = rec.value(QStringLiteral("exit_code")).toInt();
    if (!env.ok()) {
        if (exitCode != 0 && calls.isEmpty())
            return {}; // both refuse
        return {QStringLiteral("    SageDock refuses what tox ran: ") + env.error().toString()};
    }
    if (exitCode != 0 && calls.isEmpty())
        return {QStringLiteral("    tox refused it (exit %1), SageDock evaluates it").arg(exitCode)};
    const QMap<QString, QString> processEnv = toxProcessEnvironment(env.value(), ctx);
    qsizetype next = 0;
    int n = 0;
    for (const QStringList& argv : env->commands) {
        ++n;
        qsizetype found = -1, sameTool = -1;
        for (qsizetype k = next; k < calls.size() && found < 0; ++k) {
            const QJsonObject call = calls.at(k).toObject();
            if (call.value(QStringLiteral("tool")).toString() != argv.first())
                continue;
            if (sameTool < 0)
                sameTool = k;
            if (testsupport::jsonStrings(call.value(QStringLiteral("argv"))) == argv.mid(1))
                found = k;
        }
        if (found < 0) {
            QStringList why{
                QStringLiteral("    command %1 was not run by tox: %2").arg(n).arg(shorten(argv.join(u' ')))};
            if (sameTool >= 0)
                why << QStringLiteral("      tox ran instead: ") +
                           shorten(testsupport::jsonStrings(
                                       calls.at(sameTool).toObject().value(QStringLiteral("argv")))
                                       .join(u' '));
            if (exitCode != 0)
                why << QStringLiteral("      (tox stopped with exit %1 before it)").arg(exitCode);
            return why;
        }
        const QMap<QString, QString> toxEnv =
            testsupport::jsonStringMap(calls.at(found).toObject().value(QStringLiteral("env")));
        if (toxEnv != processEnv)
            return QStringList{QStringLiteral("    command %1: the environment differs").arg(n)} +
                   environmentDifferences(toxEnv, processEnv);
        next = found + 1;
    }
    if (exitCode != 0)
        return {QStringLiteral("    every command matches, but tox failed (exit %1)").arg(exitCode)};
    return {};
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        QTextStream(stderr) << "usage: sagedock-toxcompare TOX_INI RECORDINGS_DIR\n";
        return 2;
    }
    const auto ini = ToxIni::load(args.at(1));
    if (!ini.ok()) {
        QTextStream(stderr) << ini.error().toString() << '\n';
        return 1;
    }
    const QDir dir(args.at(2));
    int cases = 0, matched = 0, commands = 0;
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject rec = QJsonDocument::fromJson(f.readAll()).object();
        ++cases;
        const QStringList why = compareCase(ini.value(), rec);
        if (why.isEmpty()) {
            ++matched;
            const auto env =
                evaluateToxEnvironment(ini.value(), rec.value(QStringLiteral("toxenv")).toString(), {});
            commands += env.ok() ? int(env->commands.size()) : 0;
            out << "match     " << name.chopped(5) << '\n';
        } else {
            out << "MISMATCH  " << name.chopped(5) << '\n' << why.join(u'\n') << '\n';
        }
    }
    out << matched << " of " << cases << " cases: every command tox ran, with its environment, exactly ("
        << commands << " commands in the matching cases)\n";
    return matched == cases && cases > 0 ? 0 : 1;
}
