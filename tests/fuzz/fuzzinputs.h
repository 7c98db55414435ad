#pragma once
// The bodies of the input fuzz targets (issue 13): what SageDock reads from an engine, a pull stream,
// ~/.docker/config.json and its own build history, fed exactly as the product feeds it. Any crash,
// hang, sanitizer report or abort() is a bug; so is a broken invariant (chunking changes the result,
// state grows past its bound, recovery is not said exactly once). The first input byte picks options
// and the chunking, as in fuzzparser.h.

#include "engine/enginejobs.h"
#include "engine/logdemuxer.h"
#include "engine/pullprogress.h"
#include "engine/types.h"
#include "imagebuild/buildhistory.h"
#include "registry/credentials.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace sagedock::fuzz {

inline void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz: %s\n", what);
        std::abort();
    }
}

// Cuts `input` into pseudo-random chunks of 1..max bytes (the transport cuts streams anywhere).
template <typename Fn> void chunked(QByteArrayView input, uint8_t seed, int max, Fn&& fn) {
    uint32_t state = 0x9e3779b9u ^ (uint32_t(seed) << 8) ^ uint32_t(input.size());
    qsizetype pos = 0;
    while (pos < input.size()) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        const qsizetype n = std::min<qsizetype>(input.size() - pos, 1 + qsizetype(state % uint32_t(max)));
        fn(input.sliced(pos, n).toByteArray());
        pos += n;
    }
}

// Lines as the engine's stream jobs split them; whole and chunked input must give the same lines,
// and the splitter never holds more than its limit.
inline QList<QByteArray> splitLines(QByteArrayView input, uint8_t seed, qsizetype maxLine) {
    engine::LineSplitter whole(maxLine);
    QList<QByteArray> a = whole.feed(input.toByteArray());
    if (QByteArray rest = whole.takeRest(); !rest.isEmpty())
        a << rest;
    engine::LineSplitter pieces(maxLine);
    QList<QByteArray> b;
    chunked(input, seed, 61, [&](const QByteArray& chunk) {
        b += pieces.feed(chunk);
        check(pieces.pendingBytes() <= maxLine, "line splitter holds more than its limit");
    });
    if (QByteArray rest = pieces.takeRest(); !rest.isEmpty())
        b << rest;
    check(a == b, "lines differ between whole and chunked input");
    check(whole.droppedBytes() == pieces.droppedBytes(), "dropped bytes differ between whole and chunked");
    for (const QByteArray& l : a)
        check(l.size() <= maxLine, "a line longer than the limit");
    return a;
}

// Every parse the engine client does on an answer: /_ping-less JSON objects (version, image and
// container inspect), lists (/images/json, /containers/json, elements checked like the client does),
// the /events stream, and the multiplexed log stream.
inline int fuzzEngine(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    const uint8_t seed = data[0];
    const QByteArrayView input(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));

    const nlohmann::json j = nlohmann::json::parse(input.begin(), input.end(), nullptr, false);
    if (j.is_object()) {
        (void)engine::engineInfoFromJson(j);
        (void)engine::imageDetailsFromJson(j);
        (void)engine::containerDetailsFromJson(j);
        (void)engine::engineEventFromJson(j);
    } else if (j.is_array()) {
        for (const nlohmann::json& item : j)
            if (item.is_object()) {
                (void)engine::imageSummaryFromJson(item);
                const engine::ContainerSummary c = engine::containerSummaryFromJson(item);
                (void)engine::isEngineId(c.id);
            }
    }

    for (const QByteArray& line : splitLines(input, seed, (seed & 1) ? 64 : 4096)) {
        const nlohmann::json e = nlohmann::json::parse(line.toStdString(), nullptr, false);
        if (e.is_object())
            (void)engine::engineEventFromJson(e);
    }

    // Log frames: the payload per stream must not depend on where the transport cut the stream.
    const auto demux = [&](bool pieces) -> QByteArray {
        engine::LogDemuxer d;
        QByteArray out[4];
        const auto take = [&](const QList<engine::LogFrame>& frames) {
            for (const engine::LogFrame& f : frames)
                out[f.stream] += f.payload;
            check(d.pendingBytes() <= engine::LogDemuxer::kMaxPendingBytes, "demuxer holds too much");
        };
        if (pieces)
            chunked(input, seed, 23, [&](const QByteArray& chunk) { take(d.feed(chunk)); });
        else
            take(d.feed(input.toByteArray()));
        return out[0] + '|' + out[1] + '|' + out[2] + '|' + out[3] + '|' + char('0' + d.isCorrupt());
    };
    check(demux(false) == demux(true), "log frames differ between whole and chunked input");
    return 0;
}

// POST /images/create's JSON lines through the pull job's splitter and PullProgress.
inline int fuzzPull(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    const uint8_t seed = data[0];
    const QByteArrayView input(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    engine::PullProgress progress;
    for (const QByteArray& line : splitLines(input, seed, (seed & 1) ? 64 : 1024 * 1024)) {
        (void)progress.feedLine(line);
        if (progress.overLimit())
            break;
    }
    check(progress.layerCount() <= engine::PullProgress::kMaxLayers, "more layers than the limit");
    check(progress.bytesDone() >= 0 && progress.bytesTotal() >= 0 && progress.bytesExtracted() >= 0,
          "negative byte counts");
    const engine::PullProgressView view =
        engine::describePull(progress, (seed & 2) ? qint64(seed) << 20 : 0, (seed & 4) ? int(seed) : -1);
    check(view.barValue >= 0 && view.barValue <= std::max(view.barMaximum, 0) + 1 && view.barMaximum >= 0,
          "progress bar out of range");
    (void)view.text();
    (void)progress.downloadsDone();
    (void)progress.layersDone();
    return 0;
}

// ~/.docker/config.json (and DOCKER_AUTH_CONFIG) as the registry client reads it.
inline int fuzzDockerConfig(const uint8_t* data, size_t size) {
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    auto parsed = registry::DockerConfig::parse(input);
    if (!parsed.ok()) {
        check(!parsed.error().toString().isEmpty(), "an error without a message");
        return 0;
    }
    registry::DockerConfig config = parsed.value();
    config.mergeEnvironment(input);
    QStringList keys = config.auths.keys() + config.credHelpers.keys() + config.identityTokens.keys();
    keys << QStringLiteral("ghcr.io") << QStringLiteral("docker.io") << QStringLiteral("127.0.0.1:5000");
    for (const QString& key : std::as_const(keys)) {
        const QString host = registry::hostnameOfKey(key);
        (void)registry::credentialKey(host);
        (void)config.helperFor(host);
        (void)config.inlineCredentials(host);
    }
    for (const QString& auth : std::as_const(config.auths))
        (void)registry::decodeAuth(auth.toLatin1());
    return 0;
}

// The build history file after any crash: recover() then load() must work, leave no build of a dead
// owner "running", and a second recover() has nothing left to say (told once). Processes are
// simulated: pids come from the input and must never reach kill().
inline int fuzzHistory(const uint8_t* data, size_t size) {
    static QTemporaryDir dir;
    if (size == 0 || !dir.isValid())
        return 0;
    const uint8_t seed = data[0];
    const QString path = dir.filePath(QStringLiteral("build-history.jsonl"));
    {
        QFile f(path);
        check(f.open(QIODevice::WriteOnly | QIODevice::Truncate), "cannot write the history file");
        f.write(reinterpret_cast<const char*>(data + 1), qint64(size - 1));
    }
    imagebuild::History history(path);
    QList<qint64> stopped;
    history.setProcesses({[seed](qint64 pid) { return (seed & 1) && pid % 3 == 0; },
                          [seed](qint64 pgid) { return (seed & 2) && pgid > 1; },
                          [&stopped](qint64 pgid) { stopped << pgid; }});
    const auto before = history.load();
    check(before.ok(), "load failed on a readable file");
    const imagebuild::History::Recovery first = history.recover();
    check(first.interrupted.size() <= first.notices.size(), "an interrupted build without a notice");
    const auto after = history.load();
    check(after.ok(), "load failed after recover");
    for (const imagebuild::BuildRecord& r : after.value()) {
        (void)imagebuild::recordInputs(r); // the Builds page's history rows and re-run read these
        (void)r.toJson().dump();
    }
    for (const imagebuild::BuildRecord& r : after.value())
        if (r.state == QLatin1String("running"))
            check(r.ownerPid == qint64(::getpid()) || ((seed & 1) && r.ownerPid % 3 == 0),
                  "a build of a dead owner is still running after recover");
    const imagebuild::History::Recovery second = history.recover();
    check(second.notices.isEmpty(), "recover said something twice");
    return 0;
}

} // namespace sagedock::fuzz
