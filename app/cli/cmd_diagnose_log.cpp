// `sagedock-cli diagnose-log FILE|- [--compare OTHER] [--json]`: which step of a docker build log broke
// the cache, and why. Reads BuildKit plain, BuildKit rawjson and legacy-builder logs (CI logs too).

#include "buildlog/diagnosis.h"
#include "command.h"
#include "output.h"

#include <QFile>

#include <cstdio>
#include <nlohmann/json.hpp>

using namespace sagedock;

namespace {

util::Result<buildlog::Diagnoser> load(const QString& path) {
    if (path == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return util::Error::make(
                util::ErrorCode::Io,
                QCoreApplication::translate("sagedock::cli", "Cannot read standard input."));
        return buildlog::diagnoseDevice(in, QStringLiteral("-"));
    }
    return buildlog::diagnoseFile(path);
}

QString seconds(double s) {
    return s < 0 ? QStringLiteral("-") : QString::number(s, 'f', 1) + QStringLiteral(" s");
}

void printText(cli::Io& io, const QString& path, const buildlog::Diagnosis& d) {
    QTextStream& out = io.out;
    out << path << ": " << buildlog::formatName(d.format) << ", " << d.builds
        << (d.builds == 1 ? " build" : " builds") << "\n\n";
    qsizetype width = 5;
    for (const buildlog::StageDiagnosis& s : d.stages)
        width = std::max(width, s.name.size());
    out << QStringLiteral("Stage").leftJustified(width) << "  Steps  Cached  Executed  Failed  Duration\n";
    for (const buildlog::StageDiagnosis& s : d.stages)
        out << s.name.leftJustified(width) << "  " << QString::number(s.steps).rightJustified(5) << "  "
            << QString::number(s.cached).rightJustified(6) << "  "
            << QString::number(s.executed).rightJustified(8) << "  "
            << QString::number(s.failed).rightJustified(6) << "  "
            << seconds(s.durationSeconds).rightJustified(8) << "\n";
    out << QStringLiteral("Total").leftJustified(width) << "  " << QString::number(d.steps).rightJustified(5)
        << "  " << QString::number(d.cached).rightJustified(6) << "  "
        << QString::number(d.executed).rightJustified(8) << "  "
        << QString::number(d.failed).rightJustified(6) << "\n";

    bool header = false;
    for (const buildlog::StageDiagnosis& s : d.stages) {
        if (!s.firstExecuted)
            continue;
        if (!header)
            out << "\nFirst executed step per stage (where the cache broke):\n";
        header = true;
        out << "  " << s.name << ": " << s.firstExecuted->step << "\n    " << s.firstExecuted->text << "\n";
    }
    if (!d.cacheImports.isEmpty()) {
        out << "\nCache imports:\n";
        for (const buildlog::CacheImport& ci : d.cacheImports)
            out << "  " << (ci.ok ? "ok      " : "FAILED  ") << ci.ref
                << (ci.message.isEmpty() ? QString() : QStringLiteral(": ") + ci.message) << "\n";
    }
    if (!d.errors.isEmpty()) {
        out << "\nErrors:\n";
        for (const buildlog::DiagnosisError& e : d.errors)
            out << "  " << (e.step.isEmpty() ? QString() : e.step + QStringLiteral(": ")) << e.message
                << "\n";
    }
    if (!d.warnings.isEmpty()) {
        out << "\nWarnings:\n";
        for (const buildlog::DiagnosisWarning& w : d.warnings)
            out << "  [" << w.kind << "] " << w.message << "\n";
    }
}

void printComparison(cli::Io& io, const QString& a, const QString& b, const buildlog::Comparison& c) {
    QTextStream& out = io.out;
    auto list = [&](const QString& title, const QList<buildlog::StepComparison>& steps) {
        out << "\n" << title << " (" << steps.size() << "):\n";
        for (const buildlog::StepComparison& s : steps) {
            out << "  " << (s.stepA.isEmpty() ? s.stepB : s.stepA) << "\n";
            if (!s.stepA.isEmpty() && !s.stepB.isEmpty() && s.stepA != s.stepB)
                out << "    differs in " << b << ": " << s.stepB << "\n";
        }
    };
    list(QStringLiteral("Cached in %1, executed in %2").arg(a, b), c.cachedInAExecutedInB);
    list(QStringLiteral("Executed in %1, cached in %2").arg(a, b), c.executedInACachedInB);
    if (!c.onlyInA.isEmpty())
        list(QStringLiteral("Only in %1").arg(a), c.onlyInA);
    if (!c.onlyInB.isEmpty())
        list(QStringLiteral("Only in %1").arg(b), c.onlyInB);
}

} // namespace

SAGEDOCK_CLI_COMMAND(
    "diagnose-log", "Explain a docker build log: per-stage cache hits, the first executed step and why.",
    [](QCommandLineParser& p) {
        p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Build log to read, or - for stdin."));
        p.addOption({QStringLiteral("compare"), QStringLiteral("Compare with another log of the same build."),
                     QStringLiteral("OTHER")});
        p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    },
    [](const QCommandLineParser& p, cli::Io& io, cli::Done done) {
        const QStringList args = p.positionalArguments();
        if (args.size() != 1) {
            done(cli::usageError(io, QStringLiteral("diagnose-log"),
                                 QStringLiteral("expected one FILE (or -)")));
            return;
        }
        const QString path = args.first();
        const QString other = p.value(QStringLiteral("compare"));
        if (path == QLatin1String("-") && other == QLatin1String("-")) {
            done(cli::usageError(io, QStringLiteral("diagnose-log"),
                                 QStringLiteral("only one of FILE and OTHER can be standard input")));
            return;
        }
        auto a = load(path);
        if (!a.ok()) {
            done(cli::printError(io, a.error()));
            return;
        }
        const buildlog::Diagnosis da = a.value().result();
        if (da.format == buildlog::LogFormat::Unknown) {
            done(cli::printError(
                io, util::Error::make(
                        util::ErrorCode::Parse, QStringLiteral("%1 is not a docker build log").arg(path),
                        QStringLiteral("pass the output of docker build (BuildKit plain or rawjson "
                                       "progress, or the legacy builder)"))));
            return;
        }
        std::optional<util::Result<buildlog::Diagnoser>> b;
        if (p.isSet(QStringLiteral("compare"))) {
            b.emplace(load(other));
            if (!b->ok()) {
                done(cli::printError(io, b->error()));
                return;
            }
        }
        if (p.isSet(QStringLiteral("json"))) {
            nlohmann::json j = buildlog::toJson(da);
            if (b) {
                nlohmann::json c = buildlog::toJson(buildlog::compare(a.value(), b->value()));
                c["other"] = buildlog::toJson(b->value().result());
                c["other_file"] = cli::toStd(other);
                j["compare"] = std::move(c);
            }
            cli::printJson(io, j);
        } else {
            printText(io, path, da);
            if (b) {
                io.out << "\n";
                printText(io, other, b->value().result());
                printComparison(io, path, other, buildlog::compare(a.value(), b->value()));
            }
            io.out.flush();
        }
        done(cli::ExitOk);
    })
