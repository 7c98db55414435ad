// fuzz_smoke: the fuzz targets' bodies run by a small mutation driver, so that any compiler (the CI
// builds with g++, which has no libFuzzer) fuzzes the parsers briefly on every test run. The corpus is
// the recorded sample logs plus the rawjson samples; mutations flip, insert, delete, duplicate and splice
// bytes and insert the formats' own tokens. Each parser gets the same share of the time budget.
// Usage: buildlog_fuzz_smoke [seconds] (default 8; SAGEDOCK_FUZZ_SECONDS overrides)

#include "fuzzmutate.h"
#include "fuzzparser.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace sagedock;

namespace {

QByteArray mutate(QRandomGenerator& rng, const QList<QByteArray>& corpus) {
    static const QList<QByteArray> tokens = {"#1 ",
                                             "#12 ",
                                             "#0 building with \"default\"\n",
                                             " CACHED\n",
                                             " DONE 0.2s\n",
                                             " ERROR: max depth exceeded\n",
                                             "[stage 1/2] FROM x\n",
                                             "[linux/arm64 s 2/2] RUN y\n",
                                             "------\n",
                                             " > [s 1/1] RUN z:\n",
                                             "Step 1/3 : FROM a AS b\n",
                                             " ---> Using cache\n",
                                             " ---> 0123456789ab\n",
                                             "\r",
                                             "\x1b[91m",
                                             "2026-11-21T05:00:00.1234567Z ",
                                             "##[group]x\n",
                                             "{\"vertexes\":[{\"digest\":\"sha256:a\",\"name\":\"[s 1/1] RUN "
                                             "x\",\"completed\":\"2026-11-21T05:00:00Z\"}]}\n",
                                             "{\"logs\":[{\"vertex\":\"sha256:a\",\"data\":\"aGVsbG8K\"}]}\n",
                                             "importing cache manifest from r\n",
                                             "\n",
                                             "\xff\xfe"};
    return sagedock::fuzz::mutate(rng, corpus, tokens);
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    double seconds = argc > 1 ? QByteArray(argv[1]).toDouble() : 8.0;
    if (qEnvironmentVariableIsSet("SAGEDOCK_FUZZ_SECONDS"))
        seconds = qEnvironmentVariable("SAGEDOCK_FUZZ_SECONDS").toDouble();

    QList<QByteArray> corpus;
    for (const QString& dir :
         {QStringLiteral(SAGEDOCK_FUZZ_CORPUS_LOGS), QStringLiteral(SAGEDOCK_FUZZ_CORPUS_RAWJSON)}) {
        const QDir d(dir);
        for (const QString& name :
             d.entryList(QStringList{QStringLiteral("*.log"), QStringLiteral("*.json")}, QDir::Files)) {
            QFile f(d.filePath(name));
            if (f.open(QIODevice::ReadOnly))
                corpus.append(f.readAll());
        }
    }
    if (corpus.size() < 5) {
        std::fprintf(stderr, "fuzz_smoke: corpus not found (%lld files)\n",
                     static_cast<long long>(corpus.size()));
        return 1;
    }

    const buildlog::LogFormat formats[] = {buildlog::LogFormat::Unknown, buildlog::LogFormat::BuildKitPlain,
                                           buildlog::LogFormat::BuildKitRawJson, buildlog::LogFormat::Legacy};
    // The unmutated corpus first, with every option byte class.
    for (buildlog::LogFormat format : formats)
        for (const QByteArray& sample : std::as_const(corpus))
            for (char seed : {'\0', '\1', '\2', '\3'}) {
                const QByteArray input = seed + sample;
                sagedock::fuzz::fuzzOne(format, reinterpret_cast<const uint8_t*>(input.constData()),
                                        size_t(input.size()));
            }

    QRandomGenerator rng(qEnvironmentVariableIsSet("SAGEDOCK_FUZZ_SEED")
                             ? qEnvironmentVariableIntValue("SAGEDOCK_FUZZ_SEED")
                             : QRandomGenerator::global()->generate());
    qint64 runs = 0;
    for (buildlog::LogFormat format : formats) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < qint64(seconds * 1000 / 4)) {
            const QByteArray input = mutate(rng, corpus);
            sagedock::fuzz::fuzzOne(format, reinterpret_cast<const uint8_t*>(input.constData()),
                                    size_t(input.size()));
            ++runs;
        }
    }
    std::printf("fuzz_smoke: %lld mutated inputs over 4 parsers in %.1f s, no crash, chunking never changed "
                "the result\n",
                static_cast<long long>(runs), seconds);
    return 0;
}
