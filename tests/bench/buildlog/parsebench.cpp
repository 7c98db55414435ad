// sagedock-parse-bench [MB] [--write FILE]: generates a BuildKit --progress=plain log of the given size
// (default 50 MB) shaped like a Sage stage build (headers, 20.10 digest lines, transfers, timed output
// lines, CACHED/DONE), then measures, best of 3, how fast it is parsed in 64 KiB chunks:
//   plain      the BuildKit plain parser alone
//   auto       auto-detection + parser (what diagnose-log uses)
//   diagnose   parser + Diagnoser (the whole diagnose-log pipeline minus file reading)
//   lines      parser with Line events (what the LogView consumes)
// Prints one JSON object per mode on stdout.

#include "buildlog/diagnosis.h"
#include "buildlog/parser.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace sagedock;

namespace {

QByteArray generate(qint64 bytes) {
    QByteArray log;
    log.reserve(bytes + 4096);
    const char* stages[] = {"with-system-packages", "bootstrapped", "configured",
                            "with-targets-pre",     "with-targets", "with-targets-optional"};
    int id = 1;
    int build = 0;
    while (log.size() < bytes) {
        log += "#" + QByteArray::number(id) + " [internal] load build definition from Dockerfile\n#" +
               QByteArray::number(id) +
               " sha256:0a36919fd38109879067d275bdb7e2b0b5b94c9772143b09b817caff8a6cc8f1\n#" +
               QByteArray::number(id) + " transferring dockerfile: 32B done\n#" + QByteArray::number(id) +
               " DONE 0.0s\n\n";
        ++id;
        for (const char* stage : stages) {
            for (int k = 1; k <= 4 && log.size() < bytes; ++k) {
                const QByteArray n = QByteArray::number(id++);
                log += "#" + n + " [" + stage + " " + QByteArray::number(k) +
                       "/4] RUN make SAGE_SPKG=\"sage-spkg -y -o\" " + stage + "-" + QByteArray::number(k) +
                       "\n#" + n +
                       " sha256:7930449f04f1ff69a16fb31601fdaa109be76157864caadb99d6ff0caf22be45\n";
                if ((k + build) % 3 == 0) {
                    log += "#" + n + " CACHED\n\n";
                    continue;
                }
                for (int i = 0; i < 400; ++i)
                    log += "#" + n + " " + QByteArray::number(i * 0.25, 'f', i * 0.25 < 10 ? 3 : 2) +
                           " [sagelib-10.5] [spkg-install] gcc -O2 -c src/module_" + QByteArray::number(i) +
                           ".c -o build/module_" + QByteArray::number(i) + ".o\n";
                log += "#" + n + " DONE " + QByteArray::number(100.0 + k, 'f', 1) + "s\n\n";
            }
        }
        ++build;
    }
    return log;
}

double run(const QByteArray& log, const char* mode) {
    double best = 1e9;
    for (int round = 0; round < 3; ++round) {
        buildlog::ParserOptions options;
        options.lineEvents = qstrcmp(mode, "lines") == 0;
        auto parser = buildlog::Parser::create(qstrcmp(mode, "plain") == 0 || qstrcmp(mode, "lines") == 0
                                                   ? buildlog::LogFormat::BuildKitPlain
                                                   : buildlog::LogFormat::Unknown,
                                               options);
        buildlog::Diagnoser diagnoser;
        const bool diagnose = qstrcmp(mode, "diagnose") == 0;
        QElapsedTimer t;
        t.start();
        buildlog::BuildEvents events;
        qint64 count = 0;
        for (qsizetype pos = 0; pos < log.size(); pos += 64 * 1024) {
            events.clear();
            parser->feed(QByteArrayView(log).sliced(pos, std::min<qsizetype>(64 * 1024, log.size() - pos)),
                         events);
            count += events.size();
            if (diagnose)
                diagnoser.addEvents(events);
        }
        events.clear();
        parser->finish(events);
        if (diagnose) {
            diagnoser.addEvents(events);
            diagnoser.setFormat(parser->format());
            const buildlog::Diagnosis d = diagnoser.result();
            if (d.steps == 0)
                std::fprintf(stderr, "no steps found\n");
        }
        best = std::min(best, t.nsecsElapsed() / 1e9);
        if (count == 0)
            std::fprintf(stderr, "no events\n");
    }
    return best;
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 megabytes = args.size() > 1 && !args.at(1).startsWith(u'-') ? args.at(1).toLongLong() : 50;
    const QByteArray log = generate(megabytes * 1000 * 1000);
    if (const qsizetype w = args.indexOf(QStringLiteral("--write")); w > 0 && w + 1 < args.size()) {
        QFile f(args.at(w + 1));
        if (!f.open(QIODevice::WriteOnly) || f.write(log) != log.size())
            return 1;
    }
    const qint64 lines = log.count('\n');
    for (const char* mode : {"plain", "auto", "diagnose", "lines"}) {
        const double s = run(log, mode);
        std::printf("{\"mode\":\"%s\",\"bytes\":%lld,\"lines\":%lld,\"seconds\":%.4f,\"mb_per_s\":%.1f,"
                    "\"lines_per_s\":%.0f}\n",
                    mode, static_cast<long long>(log.size()), static_cast<long long>(lines), s,
                    log.size() / 1e6 / s, lines / s);
        std::fflush(stdout);
    }
    return 0;
}
