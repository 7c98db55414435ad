// `sagedock-cli diagnose-log FILE|- [--compare OTHER] [--json]`: which step of a docker build log broke
// the cache, and why. Reads BuildKit plain, BuildKit rawjson and legacy-builder logs (CI logs too).

#include "buildlog/diagnosis.h"
#include "buildlog/renderers.h"
#include "command.h"
#include "imagebuild/buildplan.h"
#include "output.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>
#include <nlohmann/json.hpp>

using namespace sagedock;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::cli)
};

util::Result<buildlog::Diagnoser> load(const QString& path) {
    if (path == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return util::Error::make(util::ErrorCode::Io, Text::tr("Cannot read standard input."));
        return buildlog::diagnoseDevice(in, QStringLiteral("-"));
    }
    return buildlog::diagnoseFile(path);
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
        // A log SageDock wrote for a tox environment names it in its first line.
        QString toxEnv;
        if (path != QLatin1String("-")) {
            QFile f(path);
            if (f.open(QIODevice::ReadOnly))
                toxEnv = imagebuild::toxEnvironmentOfLogLine(QString::fromUtf8(f.readLine(4096)));
        }
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
            if (!toxEnv.isEmpty())
                j["tox_env"] = cli::toStd(toxEnv);
            if (b) {
                nlohmann::json c = buildlog::toJson(buildlog::compare(a.value(), b->value()));
                c["other"] = buildlog::toJson(b->value().result());
                c["other_file"] = cli::toStd(other);
                j["compare"] = std::move(c);
            }
            cli::printJson(io, j);
        } else {
            if (!toxEnv.isEmpty())
                io.out << "tox environment: " << toxEnv << "\n";
            io.out << buildlog::renderDiagnosis(path, da);
            if (b) {
                io.out << "\n" << buildlog::renderDiagnosis(other, b->value().result());
                io.out << "\n"
                       << buildlog::renderComparison(path, other, buildlog::compare(a.value(), b->value()));
            }
            io.out.flush();
        }
        done(cli::ExitOk);
    })
