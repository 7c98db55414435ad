// input_fuzz_smoke: the input fuzz targets (fuzzinputs.h: engine JSON, pull stream, docker config,
// build history) under the smoke mutator, so that every compiler (CI builds with g++) runs them on
// every test run: first each seed of tests/fuzz/corpus/<target>/ as it is (with every option byte
// class), then mutated inputs for an equal share of the time budget.
// Usage: input_fuzz_smoke [seconds] [target]   (default 8 s over all four; SAGEDOCK_FUZZ_SECONDS overrides)

#include "fuzzinputs.h"
#include "fuzzmutate.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace sagedock;

namespace {

struct Target {
    const char* name;
    int (*body)(const uint8_t*, size_t);
    bool optionByte; // the body reads its options from the first byte (the seed files start with one)
    QList<QByteArray> tokens;
};

int run(const Target& t, const QByteArray& input) {
    return t.body(reinterpret_cast<const uint8_t*>(input.constData()), size_t(input.size()));
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    double seconds = argc > 1 ? QByteArray(argv[1]).toDouble() : 8.0;
    if (qEnvironmentVariableIsSet("SAGEDOCK_FUZZ_SECONDS"))
        seconds = qEnvironmentVariable("SAGEDOCK_FUZZ_SECONDS").toDouble();
    const QString only = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();

    const QList<Target> targets = {
        {"engine",
         &fuzz::fuzzEngine,
         true,
         {"{\"Id\":\"", "\"Created\":1e300,", "\"Size\":-1,", "\"Labels\":{\"a\":\"b\"},", "\"Ports\":[{",
          "\"timeNano\":", "\"Actor\":{\"ID\":\"x\",\"Attributes\":{}}", "[{}]", "null", "\n",
          QByteArray("\x01\0\0\0\0\0\0\x05", 8), QByteArray("\x02\0\0\0\xff\xff\xff\xff", 8), "}", "]"}},
        {"pull",
         &fuzz::fuzzPull,
         true,
         {"{\"status\":\"Downloading\",\"progressDetail\":{\"current\":", "\"total\":", "9223372036854775807",
          "1e30", "-5", "\"id\":\"aaaaaaaaaaaa\"", "{\"error\":\"x\"}\n", "{\"status\":\"Extracting\",",
          "\"Pull complete\"", "\"Already exists\"", "\r\n", "\n", "}"}},
        {"dockerconfig",
         &fuzz::fuzzDockerConfig,
         false,
         {"{\"auths\":{", "\"https://index.docker.io/v1/\":{\"auth\":\"", "dXNlcjpwYXNz",
          "\"identitytoken\":", "\"credsStore\":\"secretservice\"", "\"credHelpers\":{\"ghcr.io\":\"gh\"}",
          "\"currentContext\":", "\\u0000", "=", "}", ","}},
        {"history",
         &fuzz::fuzzHistory,
         true,
         {"{\"id\":\"20261121T051500Z-1a2b3c\",", "\"state\":\"running\",", "\"ownerPid\":", "\"childPid\":",
          "\"history_note\":\"x\"", "\"stages\":[{\"stage\":\"a\",\"status\":\"running\"}]", "\"started\":\"",
          "1e300", "-1", "\n", "}"}},
    };

    QRandomGenerator rng(qEnvironmentVariableIsSet("SAGEDOCK_FUZZ_SEED")
                             ? qEnvironmentVariableIntValue("SAGEDOCK_FUZZ_SEED")
                             : QRandomGenerator::global()->generate());
    int chosen = 0;
    for (const Target& t : targets)
        chosen += only.isEmpty() || only == QLatin1String(t.name);
    if (chosen == 0) {
        std::fprintf(stderr, "input_fuzz_smoke: no target named %s\n", qPrintable(only));
        return 2;
    }
    for (const Target& t : targets) {
        if (!only.isEmpty() && only != QLatin1String(t.name))
            continue;
        const QDir dir(QStringLiteral(SAGEDOCK_FUZZ_CORPUS) + QLatin1Char('/') + QLatin1String(t.name));
        QList<QByteArray> corpus;
        for (const QString& name : dir.entryList(QDir::Files)) {
            QFile f(dir.filePath(name));
            if (f.open(QIODevice::ReadOnly))
                corpus.append(t.optionByte ? f.readAll().mid(1) : f.readAll());
        }
        if (corpus.size() < 3) {
            std::fprintf(stderr, "input_fuzz_smoke: corpus %s not found (%lld files)\n",
                         qPrintable(dir.path()), static_cast<long long>(corpus.size()));
            return 1;
        }
        for (const QByteArray& sample : std::as_const(corpus)) {
            if (!t.optionByte)
                run(t, sample);
            else
                for (char option : {'\0', '\1', '\2', '\3', '\4', '\7'})
                    run(t, option + sample);
        }
        qint64 runs = 0;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < qint64(seconds * 1000 / chosen)) {
            QByteArray input = fuzz::mutate(rng, corpus, t.tokens);
            if (!t.optionByte)
                input.remove(0, 1);
            run(t, input);
            ++runs;
        }
        std::printf("input_fuzz_smoke: %s: %lld seeds, %lld mutated inputs, no crash, every invariant held\n",
                    t.name, static_cast<long long>(corpus.size()), static_cast<long long>(runs));
    }
    return 0;
}
