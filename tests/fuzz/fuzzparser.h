#pragma once
// The body of every build-log fuzz target: parse the input whole and in pseudo-random chunks (the
// results must be identical), then diagnose it and serialise the diagnosis. Any crash, hang, sanitizer
// report or abort() here is a bug. The first input byte picks options and the chunking.

#include "buildlog/diagnosis.h"
#include "buildlog/parser.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace sagedock::fuzz {

inline QByteArray describe(const buildlog::BuildEvents& events) {
    QByteArray s;
    for (const buildlog::BuildEvent& e : events) {
        s += QByteArray::number(int(e.type)) + ',' + QByteArray::number(int(e.status)) + ',' +
             QByteArray::number(int(e.lineKind)) + ',' + QByteArray::number(e.build) + ',' +
             QByteArray::number(e.step) + ',' + QByteArray::number(e.seconds, 'f', 6) + ',' +
             e.text.toUtf8() + ',' + e.info.name.toUtf8() + ',' + e.info.stage.toUtf8() + ',' +
             e.info.parentStage.toUtf8() + '\n';
    }
    return s;
}

inline int fuzzOne(buildlog::LogFormat format, const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    const uint8_t seed = data[0];
    const QByteArrayView input(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    buildlog::ParserOptions options;
    options.lineEvents = seed & 1;
    options.maxLineBytes = (seed & 2) ? 64 : 0; // small lines make the truncation paths reachable

    auto whole = buildlog::Parser::create(format, options);
    buildlog::BuildEvents a;
    whole->feed(input, a);
    whole->finish(a);

    auto chunked = buildlog::Parser::create(format, options);
    buildlog::BuildEvents b;
    uint32_t state = 0x9e3779b9u ^ (uint32_t(seed) << 8) ^ uint32_t(size);
    qsizetype pos = 0;
    while (pos < input.size()) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        const qsizetype n = std::min<qsizetype>(input.size() - pos, 1 + qsizetype(state % 97));
        chunked->feed(input.sliced(pos, n), b);
        pos += n;
    }
    chunked->finish(b);
    if (whole->format() != chunked->format() || describe(a) != describe(b)) {
        std::fprintf(stderr, "fuzz: events differ between whole and chunked input\n");
        std::abort();
    }

    buildlog::Diagnoser d;
    d.addEvents(a);
    d.setFormat(whole->format());
    const buildlog::Diagnosis diagnosis = d.result();
    const std::string json = buildlog::toJson(diagnosis).dump();
    buildlog::Diagnoser other;
    other.addEvents(b);
    (void)buildlog::compare(d, other);
    if (json.empty())
        std::abort();
    return 0;
}

} // namespace sagedock::fuzz
