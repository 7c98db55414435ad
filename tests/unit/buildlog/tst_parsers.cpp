// The incremental parsers on real logs: what they find, and that it never depends on how the input was
// chunked, on GitHub Actions decoration, on truncation or on garbage.

#include "buildlog/parser.h"
#include "samples.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace sagedock;
using namespace sagedock::buildlog;
using buildlogtest::describe;
using buildlogtest::readSample;

namespace {

BuildEvents parseAll(QByteArrayView data, LogFormat format = LogFormat::Unknown, ParserOptions options = {}) {
    auto parser = Parser::create(format, options);
    BuildEvents events;
    parser->feed(data, events);
    parser->finish(events);
    return events;
}

int count(const BuildEvents& events, BuildEvent::Type type, std::optional<StepStatus> status = {}) {
    int n = 0;
    for (const BuildEvent& e : events)
        if (e.type == type && (!status || e.status == *status))
            ++n;
    return n;
}

const BuildEvent* started(const BuildEvents& events, int build, int step) {
    for (const BuildEvent& e : events)
        if (e.type == BuildEvent::Type::StepStarted && e.build == build && e.step == step)
            return &e;
    return nullptr;
}

// Every line prefixed the way GitHub Actions stores job logs, one second apart, inside a group.
QByteArray decorate(const QByteArray& log) {
    QByteArray out = "2026-11-21T05:00:00.0000000Z ##[group]Run tox -e docker-ubuntu-jammy-standard\n";
    int second = 1;
    for (const QByteArray& line : log.split('\n')) {
        out += "2026-11-21T05:" + QByteArray::number(second / 60).rightJustified(2, '0') + ':' +
               QByteArray::number(second % 60).rightJustified(2, '0') + ".1234567Z " + line + '\n';
        ++second;
    }
    out += "2026-11-21T05:59:59.0000000Z ##[endgroup]\n";
    return out;
}

} // namespace

class TestBuildlogParsers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void detectsFormat_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<LogFormat>("format");
        QTest::newRow("plain sample")
            << readSample(QStringLiteral("buildkit-plain-step-error.log")) << LogFormat::BuildKitPlain;
        QTest::newRow("legacy sample")
            << readSample(QStringLiteral("legacy-partly-cached.log")) << LogFormat::Legacy;
        QTest::newRow("rawjson sample")
            << readSample(QStringLiteral("rawjson-copy-changed-import-error.json"))
            << LogFormat::BuildKitRawJson;
        QTest::newRow("buildx plain")
            << QByteArray("#0 building with \"default\" instance using docker driver\n")
            << LogFormat::BuildKitPlain;
        QTest::newRow("legacy step only") << QByteArray("Step 1/4 : FROM alpine\n") << LogFormat::Legacy;
        QTest::newRow("github decorated plain")
            << decorate(readSample(QStringLiteral("buildkit-plain-arg-changed.log")))
            << LogFormat::BuildKitPlain;
        QTest::newRow("github decorated legacy")
            << decorate(readSample(QStringLiteral("legacy-step-error.log"))) << LogFormat::Legacy;
        QTest::newRow("tox banner then plain")
            << QByteArray("docker-ubuntu-jammy-standard: commands[3]> bash -c ...\n"
                          "#1 [internal] load build definition from Dockerfile\n")
            << LogFormat::BuildKitPlain;
        QTest::newRow("json but not rawjson") << QByteArray("{\"hello\":1}\n") << LogFormat::Unknown;
        QTest::newRow("prose") << QByteArray("Hello\nthis is not a build log\n#hashtag\n")
                               << LogFormat::Unknown;
        QTest::newRow("empty") << QByteArray() << LogFormat::Unknown;
    }
    void detectsFormat() {
        QFETCH(QByteArray, head);
        QFETCH(LogFormat, format);
        QCOMPARE(detectFormat(head), format);
        auto parser = Parser::create(LogFormat::Unknown);
        BuildEvents events;
        parser->feed(head, events);
        parser->finish(events);
        QCOMPARE(parser->format(), format);
    }

    // What each parser finds in each sample: steps, outcomes, output lines, the builds in the log.
    void parsesSamples_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<LogFormat>("format");
        QTest::addColumn<int>("steps");
        QTest::addColumn<int>("cached");
        QTest::addColumn<int>("done");
        QTest::addColumn<int>("errors");
        QTest::addColumn<int>("outputs");
        QTest::newRow("plain arg changed")
            << "buildkit-plain-arg-changed.log" << LogFormat::BuildKitPlain << 11 << 1 << 10 << 0 << 0;
        QTest::newRow("plain copy changed, import error")
            << "buildkit-plain-copy-changed-import-error.log" << LogFormat::BuildKitPlain << 12 << 3 << 8 << 1
            << 0;
        QTest::newRow("plain step error")
            << "buildkit-plain-step-error.log" << LogFormat::BuildKitPlain << 10 << 1 << 8 << 1 << 1;
        QTest::newRow("legacy partly cached")
            << "legacy-partly-cached.log" << LogFormat::Legacy << 10 << 4 << 6 << 0 << 0;
        QTest::newRow("legacy step error")
            << "legacy-step-error.log" << LogFormat::Legacy << 10 << 0 << 9 << 1 << 1;
        QTest::newRow("rawjson copy changed, import error")
            << "rawjson-copy-changed-import-error.json" << LogFormat::BuildKitRawJson << 12 << 3 << 8 << 1
            << 4;
        QTest::newRow("rawjson base pulled, step error")
            << "rawjson-base-pulled-step-error.json" << LogFormat::BuildKitRawJson << 7 << 0 << 6 << 1 << 4;
    }
    void parsesSamples() {
        QFETCH(QString, file);
        QFETCH(LogFormat, format);
        QFETCH(int, steps);
        QFETCH(int, cached);
        QFETCH(int, done);
        QFETCH(int, errors);
        QFETCH(int, outputs);
        const QByteArray log = readSample(file);
        auto parser = Parser::create(LogFormat::Unknown);
        BuildEvents events;
        parser->feed(log, events);
        parser->finish(events);
        QCOMPARE(parser->format(), format);
        QCOMPARE(count(events, BuildEvent::Type::StepStarted), steps);
        QCOMPARE(count(events, BuildEvent::Type::StepFinished, StepStatus::Cached), cached);
        QCOMPARE(count(events, BuildEvent::Type::StepFinished, StepStatus::Done), done);
        QCOMPARE(count(events, BuildEvent::Type::StepFinished, StepStatus::Error), errors);
        QCOMPARE(count(events, BuildEvent::Type::StepOutput), outputs);
        QCOMPARE(count(events, BuildEvent::Type::BuildStarted), 0);
        // The explicit parser for the format gives the same events as the auto-detecting one.
        QCOMPARE(describe(parseAll(log, format)), describe(events));
    }

    void plainStepDetails() {
        const BuildEvents events = parseAll(readSample(QStringLiteral("buildkit-plain-step-error.log")));
        const BuildEvent* run = started(events, 0, 10);
        QVERIFY(run);
        QCOMPARE(run->info.kind, StepKind::Instruction);
        QCOMPARE(run->info.stage, QStringLiteral("with-targets"));
        QCOMPARE(run->info.index, 2);
        QCOMPARE(run->info.total, 2);
        QCOMPARE(run->info.keyword, QStringLiteral("RUN"));
        QVERIFY(run->info.instruction.startsWith(QLatin1String("RUN test -f /data/ok")));
        const BuildEvent* from = started(events, 0, 4);
        QVERIFY(from);
        QCOMPARE(from->info.kind, StepKind::From);
        QCOMPARE(started(events, 0, 3)->info.kind, StepKind::Internal);
        bool sawOutput = false, sawError = false, sawDuration = false, sawBuildError = false;
        for (const BuildEvent& e : events) {
            if (e.type == BuildEvent::Type::StepOutput) {
                QCOMPARE(e.step, 10);
                QCOMPARE(e.text, QStringLiteral("make: *** [build] Error 2"));
                sawOutput = true;
            }
            if (e.type == BuildEvent::Type::StepFinished && e.status == StepStatus::Error) {
                QCOMPARE(e.step, 10);
                QVERIFY(e.text.startsWith(QLatin1String("executor failed running [/bin/sh -c test -f")));
                QVERIFY(e.text.endsWith(QLatin1String("exit code: 2")));
                sawError = true;
            }
            if (e.type == BuildEvent::Type::StepFinished && e.step == 7) {
                QCOMPARE(e.seconds, 0.3);
                sawDuration = true;
            }
            if (e.type == BuildEvent::Type::BuildError) {
                QVERIFY(e.text.startsWith(QLatin1String("executor failed running")));
                sawBuildError = true;
            }
        }
        QVERIFY(sawOutput && sawError && sawDuration && sawBuildError);
    }

    void legacyStepDetails() {
        const BuildEvents events = parseAll(readSample(QStringLiteral("legacy-partly-cached.log")));
        const BuildEvent* from = started(events, 0, 3);
        QVERIFY(from);
        QCOMPARE(from->info.kind, StepKind::From);
        QCOMPARE(from->info.stage, QStringLiteral("configured"));
        QCOMPARE(from->info.parentStage, QStringLiteral("with-system-packages"));
        const BuildEvent* copy = started(events, 0, 9);
        QCOMPARE(copy->info.stage, QStringLiteral("with-targets"));
        QCOMPARE(copy->info.keyword, QStringLiteral("COPY"));
        QCOMPARE(copy->info.total, 10);
        const BuildEvent* first = started(events, 0, 1);
        QCOMPARE(first->info.parentStage, QString()); // bars-base is an image, not a stage
        // ANSI colour codes are gone from the failing step's output.
        const BuildEvents failed = parseAll(readSample(QStringLiteral("legacy-step-error.log")));
        for (const BuildEvent& e : failed)
            if (e.type == BuildEvent::Type::StepOutput)
                QCOMPARE(e.text, QStringLiteral("make: *** [build] Error 2"));
    }

    void rawJsonDetails() {
        const BuildEvents events =
            parseAll(readSample(QStringLiteral("rawjson-copy-changed-import-error.json")));
        int warnings = 0;
        for (const BuildEvent& e : events) {
            if (e.type == BuildEvent::Type::StepStarted &&
                e.info.name == u"[configured 1/1] RUN echo \"--enable-build-as-root\" > /configured")
                QCOMPARE(e.info.parentStage, QStringLiteral("with-system-packages"));
            if (e.type == BuildEvent::Type::StepFinished && e.status == StepStatus::Done && e.step == 11)
                QCOMPARE(e.seconds, 2.25);
            if (e.type == BuildEvent::Type::StepOutput && e.step == 11 && e.text.startsWith(u"[sagelib"))
                QVERIFY(e.text == u"[sagelib-10.5] installing" || e.text == u"[sagelib-10.5] done");
            if (e.type == BuildEvent::Type::Warning) {
                QCOMPARE(e.step, 11);
                QVERIFY(e.text.startsWith(QLatin1String("FromAsCasing")));
                ++warnings;
            }
        }
        QCOMPARE(warnings, 1);
    }

    // The core guarantee: results never depend on where the input was split.
    void chunkBoundaries_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("lineEvents");
        for (const QString& f : buildlogtest::allSamples()) {
            QTest::newRow(qPrintable(f + QStringLiteral(" events"))) << f << false;
            QTest::newRow(qPrintable(f + QStringLiteral(" lines"))) << f << true;
        }
    }
    void chunkBoundaries() {
        QFETCH(QString, file);
        QFETCH(bool, lineEvents);
        const QByteArray log = readSample(file);
        ParserOptions options;
        options.lineEvents = lineEvents;
        const QStringList reference = describe(parseAll(log, LogFormat::Unknown, options));
        QVERIFY(reference.size() > 10);
        for (qsizetype cut = 0; cut <= log.size(); ++cut) {
            auto parser = Parser::create(LogFormat::Unknown, options);
            BuildEvents events;
            parser->feed(QByteArrayView(log).first(cut), events);
            parser->feed(QByteArrayView(log).sliced(cut), events);
            parser->finish(events);
            const QStringList got = describe(events);
            if (got != reference)
                QFAIL(qPrintable(QStringLiteral("split at byte %1 changes the events").arg(cut)));
        }
        // And one byte at a time.
        auto parser = Parser::create(LogFormat::Unknown, options);
        BuildEvents events;
        for (qsizetype i = 0; i < log.size(); ++i)
            parser->feed(QByteArrayView(log).sliced(i, 1), events);
        parser->finish(events);
        QCOMPARE(describe(events), reference);
    }

    // A log cut off anywhere parses without trouble, and what it yields up to a line end is a prefix of
    // the whole log's events.
    void truncatedLogs_data() {
        QTest::addColumn<QString>("file");
        for (const QString& f : buildlogtest::allSamples())
            QTest::newRow(qPrintable(f)) << f;
    }
    void truncatedLogs() {
        QFETCH(QString, file);
        const QByteArray log = readSample(file);
        const QStringList whole = describe(parseAll(log));
        for (qsizetype cut = 1; cut < log.size(); ++cut) {
            if (log[cut - 1] != '\n')
                continue;
            auto parser = Parser::create(LogFormat::Unknown);
            BuildEvents events;
            parser->feed(QByteArrayView(log).first(cut), events);
            const QStringList got = describe(events);
            QVERIFY2(got.size() <= whole.size() && whole.mid(0, got.size()) == got,
                     qPrintable(QStringLiteral("prefix of %1 bytes").arg(cut)));
            parser->finish(events); // ends cleanly even mid-step
        }
    }

    void githubActionsDecoration_data() {
        QTest::addColumn<QString>("file");
        for (const QString& f : buildlogtest::recordedLogs())
            QTest::newRow(qPrintable(f)) << f;
    }
    void githubActionsDecoration() {
        QFETCH(QString, file);
        const QByteArray log = readSample(file);
        BuildEvents plain = parseAll(log);
        BuildEvents decorated = parseAll(decorate(log));
        const bool legacy = detectFormat(log) == LogFormat::Legacy;
        if (legacy) {
            // Timestamps give the legacy builder durations it cannot print itself: one second per line.
            bool timed = false;
            for (BuildEvent& e : decorated) {
                if (e.type == BuildEvent::Type::StepFinished) {
                    QVERIFY2(e.seconds >= 1.0 && e.seconds <= 5.0, qPrintable(QString::number(e.seconds)));
                    timed = true;
                    e.seconds = -1;
                }
            }
            QVERIFY(timed);
        }
        QCOMPARE(describe(decorated), describe(plain));
    }

    // Sage's CI pipes BuildKit output through sed -E "s/^#[0-9]+ [0-9]+[.][0-9]+ //": output lines lose
    // their step prefix and continue the step that printed last.
    void sageCiStrippedPrefixes() {
        QByteArray log = readSample(QStringLiteral("buildkit-plain-step-error.log"));
        log.replace("#10 0.219 make:", "make:");
        const BuildEvents events = parseAll(log);
        int outputs = 0;
        for (const BuildEvent& e : events) {
            if (e.type == BuildEvent::Type::StepOutput) {
                QCOMPARE(e.step, 10);
                QCOMPARE(e.text, QStringLiteral("make: *** [build] Error 2"));
                ++outputs;
            }
        }
        QCOMPARE(outputs, 1);
        QCOMPARE(count(events, BuildEvent::Type::StepFinished, StepStatus::Error), 1);
    }

    void concatenatedBuilds_data() {
        QTest::addColumn<QString>("file");
        for (const QString& f : buildlogtest::recordedLogs())
            QTest::newRow(qPrintable(f)) << f;
    }
    void concatenatedBuilds() {
        QFETCH(QString, file);
        const QByteArray log = readSample(file);
        const BuildEvents once = parseAll(log);
        const BuildEvents twice = parseAll(QByteArray(log + "\n" + log));
        QCOMPARE(count(twice, BuildEvent::Type::BuildStarted), 1);
        QCOMPARE(count(twice, BuildEvent::Type::StepStarted), 2 * count(once, BuildEvent::Type::StepStarted));
        int secondBuild = 0;
        for (const BuildEvent& e : twice)
            if (e.type == BuildEvent::Type::StepStarted && e.build == 1)
                ++secondBuild;
        QCOMPARE(secondBuild, count(once, BuildEvent::Type::StepStarted));
    }

    void stepNames_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<StepKind>("kind");
        QTest::addColumn<QString>("platform");
        QTest::addColumn<QString>("stage");
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("total");
        QTest::addColumn<QString>("keyword");
        QTest::newRow("stage step") << "[with-targets 2/2] RUN make build" << StepKind::Instruction << ""
                                    << "with-targets" << 2 << 2 << "RUN";
        QTest::newRow("right-aligned k") << "[configured  3/12] COPY . /sage" << StepKind::Instruction << ""
                                         << "configured" << 3 << 12 << "COPY";
        QTest::newRow("platform prefix") << "[linux/arm64 builder 1/5] FROM docker.io/library/alpine:3.20"
                                         << StepKind::From << "linux/arm64"
                                         << "builder" << 1 << 5 << "FROM";
        QTest::newRow("unnamed single stage") << "[2/3] WORKDIR /sage" << StepKind::Instruction << ""
                                              << "stage-0" << 2 << 3 << "WORKDIR";
        QTest::newRow("internal") << "[internal] load build context" << StepKind::Internal << ""
                                  << "" << 0 << 0 << "";
        QTest::newRow("internal platform")
            << "[linux/amd64 internal] load metadata for docker.io/library/alpine" << StepKind::Internal
            << "linux/amd64"
            << "" << 0 << 0 << "";
        QTest::newRow("auth") << "[auth] library/alpine:pull token for registry-1.docker.io" << StepKind::Auth
                              << ""
                              << "" << 0 << 0 << "";
        QTest::newRow("cache import")
            << "importing cache manifest from ghcr.io/sagemath/sage/x:dev" << StepKind::CacheImport << ""
            << "" << 0 << 0 << "";
        QTest::newRow("export") << "exporting to image" << StepKind::Export << ""
                                << "" << 0 << 0 << "";
        QTest::newRow("cache export") << "exporting cache to registry" << StepKind::Export << ""
                                      << "" << 0 << 0 << "";
        QTest::newRow("other") << "resolve image config for docker.io/docker/dockerfile:1" << StepKind::Other
                               << ""
                               << "" << 0 << 0 << "";
        QTest::newRow("unclosed bracket") << "[with-targets 2/2 RUN" << StepKind::Other << ""
                                          << "" << 0 << 0 << "";
    }
    void stepNames() {
        QFETCH(QString, name);
        QFETCH(StepKind, kind);
        QFETCH(QString, platform);
        QFETCH(QString, stage);
        QFETCH(int, index);
        QFETCH(int, total);
        QFETCH(QString, keyword);
        const StepInfo info = stepInfoFromName(name);
        QCOMPARE(info.kind, kind);
        QCOMPARE(info.platform, platform);
        QCOMPARE(info.stage, stage);
        QCOMPARE(info.index, index);
        QCOMPARE(info.total, total);
        QCOMPARE(info.keyword, keyword);
        QCOMPARE(info.name, name);
    }

    // Garbage, binary data and endless lines: no crash, no hang, bounded memory.
    void garbage_data() {
        QTest::addColumn<LogFormat>("format");
        QTest::newRow("auto") << LogFormat::Unknown;
        QTest::newRow("plain") << LogFormat::BuildKitPlain;
        QTest::newRow("rawjson") << LogFormat::BuildKitRawJson;
        QTest::newRow("legacy") << LogFormat::Legacy;
    }
    void garbage() {
        QFETCH(LogFormat, format);
        QRandomGenerator rng(4711);
        QByteArray noise(512 * 1024, Qt::Uninitialized);
        for (char& c : noise)
            c = char(rng.bounded(256));
        // Noise made of the formats' own tokens is the nastier kind.
        const QList<QByteArray> tokens = {"#",
                                          "#1 ",
                                          "#0 ",
                                          "DONE ",
                                          "CACHED",
                                          "ERROR:",
                                          "[",
                                          "]",
                                          "/",
                                          " 1/2",
                                          "\n",
                                          "\r",
                                          "------",
                                          "Step ",
                                          " ---> ",
                                          "Using cache",
                                          "{",
                                          "}",
                                          "\"vertexes\":[",
                                          "\"digest\":",
                                          "\x1b[91m",
                                          "2026-11-21T05:00:00.1Z ",
                                          "##[group]",
                                          "0.123 ",
                                          "sha256:"};
        QByteArray tokenNoise;
        while (tokenNoise.size() < 512 * 1024)
            tokenNoise += tokens.at(rng.bounded(int(tokens.size())));
        ParserOptions options;
        options.lineEvents = true;
        options.maxLineBytes = 4096;
        for (const QByteArray& data : {noise, tokenNoise}) {
            auto parser = Parser::create(format, options);
            BuildEvents events;
            for (qsizetype pos = 0; pos < data.size(); pos += 997)
                parser->feed(QByteArrayView(data).sliced(pos, std::min<qsizetype>(997, data.size() - pos)),
                             events);
            parser->finish(events);
            for (const BuildEvent& e : events)
                QVERIFY(e.text.size() <= 4 * 4096); // at most one line of input (rawjson prefixes a step id)
        }
        // One line of 20 MB without a newline: kept to maxLineBytes, the rest skipped.
        auto parser = Parser::create(format, options);
        BuildEvents events;
        const QByteArray block(1024 * 1024, 'x');
        for (int i = 0; i < 20; ++i)
            parser->feed(block, events);
        parser->feed("\n#1 [internal] load build definition from Dockerfile\n#1 DONE 0.0s\n", events);
        parser->finish(events);
        for (const BuildEvent& e : events)
            QVERIFY(e.text.size() <= 4096 + 16);
    }

    void rawJsonTolerance() {
        const QByteArray log =
            "{\"vertexes\":[{\"digest\":\"sha256:a\",\"name\":\"[s 1/1] RUN x\",\"started\":\"bad\"}]}\n"
            "{\"vertexes\":[{\"digest\":\"sha256:a\",\"completed\":17}]}\n"
            "{\"vertexes\":\"nope\",\"logs\":[{\"vertex\":\"sha256:a\",\"data\":42}]}\n"
            "{\"vertexes\":[{\"digest\":\"sha256:a\",\"name\":\"[s 1/1] RUN x\","
            "\"completed\":\"2026-11-21T05:00:01+01:00\",\"cached\":true}]}\n"
            "{\"vertexes\":[{\"digest\":\"sha256:a\",\"completed\":\"2026-11-21T05:00:02Z\"}]}\n"
            "{\"vertexes\":[{\"digest\"\n"
            "[1,2,3]\n";
        const BuildEvents events = parseAll(log, LogFormat::BuildKitRawJson);
        QCOMPARE(count(events, BuildEvent::Type::StepStarted), 1);
        QCOMPARE(count(events, BuildEvent::Type::StepFinished, StepStatus::Cached), 1); // merged once
        QCOMPARE(count(events, BuildEvent::Type::StepFinished), 1);
    }
};

QTEST_GUILESS_MAIN(TestBuildlogParsers)
#include "tst_parsers.moc"
