// fuzz_smoke: the fuzz targets' bodies run by a small mutation driver, so that any compiler (the CI
// builds with g++, which has no libFuzzer) fuzzes the parsers briefly on every test run. The corpus is
// the recorded sample logs plus the rawjson samples; mutations flip, insert, delete, duplicate and splice
// bytes and insert the formats' own tokens. Each parser gets the same share of the time budget.
// Usage: buildlog_fuzz_smoke [seconds] (default 8; SAGEDOCK_FUZZ_SECONDS overrides)

#include "fuzzparser.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>

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
    QByteArray data = corpus.at(rng.bounded(int(corpus.size())));
    const int rounds = 1 + rng.bounded(8);
    for (int r = 0; r < rounds; ++r) {
        const qsizetype size = data.size();
        const qsizetype pos = size ? rng.bounded(int(size)) : 0;
        switch (rng.bounded(7)) {
        case 0: // flip a bit
            if (size)
                data[pos] = char(data[pos] ^ (1 << rng.bounded(8)));
            break;
        case 1: // insert random bytes
            for (int i = 0, n = 1 + rng.bounded(16); i < n; ++i)
                data.insert(pos, char(rng.bounded(256)));
            break;
        case 2: // delete a run
            data.remove(pos, rng.bounded(64));
            break;
        case 3: // duplicate a run
            data.insert(pos, data.mid(pos, rng.bounded(256)));
            break;
        case 4: // splice another sample in
        {
            const QByteArray& other = corpus.at(rng.bounded(int(corpus.size())));
            const qsizetype from = rng.bounded(int(other.size()));
            data.insert(pos, other.mid(from, rng.bounded(512)));
            break;
        }
        case 5: // a format token
            data.insert(pos, tokens.at(rng.bounded(int(tokens.size()))));
            break;
        case 6: // truncate
            data.truncate(pos);
            break;
        }
    }
    data.prepend(char(rng.bounded(256))); // the option/chunking byte
    return data;
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
