// The multiplexed log demuxer (frames split at every byte boundary), the pull progress reader
// (Docker and Podman status lines, in-band errors) and the engine error sentences.

#include "engine/enginejobs.h"
#include "engine/errors.h"
#include "engine/logdemuxer.h"
#include "engine/pullprogress.h"
#include "engine/types.h"

#include <QTest>

#include <limits>

using namespace sagedock;
using engine::LogFrame;

namespace {

QByteArray frame(int stream, const QByteArray& payload) {
    QByteArray h(8, '\0');
    h[0] = char(stream);
    const quint32 n = quint32(payload.size());
    h[4] = char((n >> 24) & 0xff);
    h[5] = char((n >> 16) & 0xff);
    h[6] = char((n >> 8) & 0xff);
    h[7] = char(n & 0xff);
    return h + payload;
}

} // namespace

class TestStreams : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void demuxEveryTwoWaySplit() {
        const QByteArray big(70000, 'x'); // size needs three header bytes
        const QByteArray stream = frame(1, "hello\n") + frame(2, "[I 2026 ServerApp] oops\n") + frame(0, "") +
                                  frame(1, big) + frame(2, "tail");
        for (qsizetype cut = 0; cut <= stream.size(); cut += (cut < 200 ? 1 : 997)) {
            engine::LogDemuxer d;
            QList<LogFrame> frames = d.feed(stream.left(cut));
            frames += d.feed(stream.mid(cut));
            QCOMPARE(frames.size(), 5);
            QCOMPARE(frames[0].stream, LogFrame::Stdout);
            QCOMPARE(frames[0].payload, QByteArray("hello\n"));
            QCOMPARE(frames[1].stream, LogFrame::Stderr);
            QCOMPARE(frames[2].payload, QByteArray());
            QCOMPARE(frames[2].stream, LogFrame::Stdout); // stdin shown as stdout
            QCOMPARE(frames[3].payload, big);
            QCOMPARE(frames[4].payload, QByteArray("tail"));
            QCOMPARE(d.pendingBytes(), 0);
            QVERIFY(!d.isCorrupt());
        }
    }

    void demuxByteByByte() {
        const QByteArray stream = frame(1, "a") + frame(2, "bc") + frame(3, "daemon says no");
        engine::LogDemuxer d;
        QList<LogFrame> frames;
        for (char c : stream)
            frames += d.feed(QByteArray(1, c));
        QCOMPARE(frames.size(), 3);
        QCOMPARE(frames[1].payload, QByteArray("bc"));
        QCOMPARE(frames[2].stream, LogFrame::SystemError);
    }

    void demuxIncompleteFrameWaits() {
        engine::LogDemuxer d;
        QVERIFY(d.feed(frame(1, "abcdef").left(10)).isEmpty());
        QCOMPARE(d.pendingBytes(), 10);
    }

    void demuxTtyStreamPassesThrough() {
        engine::LogDemuxer d;
        const QList<LogFrame> frames = d.feed("plain tty output that is no frame\n");
        QVERIFY(d.isCorrupt());
        QCOMPARE(frames.size(), 1);
        QCOMPARE(frames[0].payload, QByteArray("plain tty output that is no frame\n"));
    }

    void lineSplitter() {
        engine::LineSplitter s;
        QCOMPARE(s.feed("a\r\nb"), QList<QByteArray>{"a"});
        QCOMPARE(s.feed("c\n\nd"), (QList<QByteArray>{"bc", ""}));
        QCOMPARE(s.takeRest(), QByteArray("d"));
    }

    void pullDocker() {
        // Shape of a real Docker 20.10 pull stream (ids shortened digests, \r\n line ends).
        const QList<QByteArray> lines = {
            R"({"status":"Pulling from sagemath/sagemath","id":"10.7"})",
            R"({"status":"Pulling fs layer","progressDetail":{},"id":"aaaaaaaaaaaa"})",
            R"({"status":"Pulling fs layer","progressDetail":{},"id":"bbbbbbbbbbbb"})",
            R"({"status":"Already exists","progressDetail":{},"id":"cccccccccccc"})",
            R"({"status":"Waiting","progressDetail":{},"id":"bbbbbbbbbbbb"})",
            R"({"status":"Downloading","progressDetail":{"current":1000,"total":4000},"progress":"[=>  ]","id":"aaaaaaaaaaaa"})",
            R"({"status":"Downloading","progressDetail":{"current":500,"total":1000},"id":"bbbbbbbbbbbb"})",
        };
        engine::PullProgress p;
        for (const QByteArray& l : lines)
            QVERIFY(!p.feedLine(l));
        QCOMPARE(p.layerCount(), 3);
        QCOMPARE(p.bytesTotal(), 5000);
        QCOMPARE(p.bytesDone(), 1500);
        QCOMPARE(p.layersDone(), 1);
        QCOMPARE(p.bytesExtracted(), 0);
        QVERIFY(!p.downloadsDone());
        QVERIFY(!p.feedLine(R"({"status":"Download complete","progressDetail":{},"id":"aaaaaaaaaaaa"})"));
        QCOMPARE(p.bytesDone(), 4500);
        QVERIFY(!p.feedLine(
            R"({"status":"Extracting","progressDetail":{"current":1024,"total":4000},"id":"aaaaaaaaaaaa"})"));
        QCOMPARE(p.bytesDone(), 4500); // extraction bytes are not download bytes
        QCOMPARE(p.bytesExtracted(), 1024);
        QVERIFY(!p.feedLine(
            R"({"status":"Extracting","progressDetail":{"current":32768,"total":4000},"id":"aaaaaaaaaaaa"})"));
        QCOMPARE(p.bytesExtracted(), 4000); // never past the layer's size
        QVERIFY(!p.downloadsDone());        // bbbb is still downloading
        QVERIFY(!p.feedLine(R"({"status":"Pull complete","progressDetail":{},"id":"aaaaaaaaaaaa"})"));
        QVERIFY(!p.feedLine(R"({"status":"Download complete","progressDetail":{},"id":"bbbbbbbbbbbb"})"));
        QVERIFY(p.downloadsDone());
        QCOMPARE(p.bytesExtracted(), 4000);
        QVERIFY(!p.feedLine(R"({"status":"Pull complete","progressDetail":{},"id":"bbbbbbbbbbbb"})"));
        QCOMPARE(p.bytesExtracted(), p.bytesTotal());
        QVERIFY(!p.feedLine("{\"status\":\"Digest: sha256:" + QByteArray(64, 'e') + "\"}"));
        QVERIFY(!p.feedLine(R"({"status":"Status: Downloaded newer image for sagemath/sagemath:10.7"})"));
        QCOMPARE(p.layersDone(), 3);
        QCOMPARE(p.bytesDone(), p.bytesTotal());
        QCOMPARE(p.digest(), QStringLiteral("sha256:") + QString(64, QLatin1Char('e')));
        QVERIFY(p.lastStatus().startsWith(QLatin1String("Status: Downloaded newer image")));
        QVERIFY(!p.upToDate());
    }

    void pullPodman() {
        engine::PullProgress p;
        QVERIFY(!p.feedLine(R"({"status":"Pulling fs layer","progressDetail":{},"id":"111111111111"})"));
        QVERIFY(!p.feedLine(
            R"({"status":"Downloading","progressDetail":{"current":10,"total":20},"id":"111111111111"})"));
        QVERIFY(!p.feedLine(R"({"status":"Download complete","progressDetail":{},"id":"111111111111"})"));
        QCOMPARE(p.bytesDone(), 20);
    }

    void pullUpToDate() {
        engine::PullProgress p;
        QVERIFY(!p.feedLine(R"({"status":"Status: Image is up to date for sagemath/sagemath:latest"})"));
        QVERIFY(p.upToDate());
        QCOMPARE(p.layerCount(), 0);
    }

    // The one wording of pull progress (Launch and Review pages, `sagedock-cli launch`).
    void describePull_data() {
        QTest::addColumn<QList<QByteArray>>("lines");
        QTest::addColumn<qint64>("rate");
        QTest::addColumn<int>("eta");
        QTest::addColumn<QString>("summary");
        QTest::addColumn<QString>("layers");
        QTest::addColumn<bool>("unpacking");
        QTest::addColumn<int>("barMaximum");
        QTest::addColumn<int>("barValue");
        const QList<QByteArray> downloading = {
            R"({"status":"Pulling from sagemath/sagemath","id":"10.7"})",
            R"({"status":"Already exists","progressDetail":{},"id":"cccccccccccc"})",
            R"({"status":"Downloading","progressDetail":{"current":1000,"total":4000},"id":"aaaaaaaaaaaa"})",
            R"({"status":"Downloading","progressDetail":{"current":500,"total":1000},"id":"bbbbbbbbbbbb"})",
        };
        QTest::newRow("nothing known yet")
            << QList<QByteArray>{} << qint64(0) << -1 << "0 bytes of 0 bytes, layer 0 of 0"
            << "" << false << 0 << 0;
        QTest::newRow("downloading") << downloading << qint64(250) << 14
                                     << "1.5 kB of 5.0 kB, layer 1 of 3, 250 bytes/s, about 14 second(s) left"
                                     << "aaaaaaaaaaaa: 25%   bbbbbbbbbbbb: 50%" << false << 4 << 1;
        QTest::newRow("rate and time unknown")
            << downloading << qint64(0) << -1 << "1.5 kB of 5.0 kB, layer 1 of 3"
            << "aaaaaaaaaaaa: 25%   bbbbbbbbbbbb: 50%" << false << 4 << 1;
        QTest::newRow("one layer downloaded")
            << downloading + QList<QByteArray>{R"({"status":"Download complete","id":"aaaaaaaaaaaa"})"}
            << qint64(2'500'000) << 0 << "4.5 kB of 5.0 kB, layer 1 of 3, 2.5 MB/s, about 0 second(s) left"
            << "bbbbbbbbbbbb: 50%" << false << 4 << 4;
        // Everything downloaded: the view follows the unpacking, and rate and time say nothing then.
        QTest::newRow("unpacking")
            << downloading +
                   QList<QByteArray>{
                       R"({"status":"Download complete","id":"aaaaaaaaaaaa"})",
                       R"({"status":"Download complete","id":"bbbbbbbbbbbb"})",
                       R"({"status":"Extracting","progressDetail":{"current":1024,"total":4000},"id":"aaaaaaaaaaaa"})"}
            << qint64(1000) << 4 << "Unpacking: 1.0 kB of 5.0 kB, layer 1 of 3"
            << "aaaaaaaaaaaa: unpacking 25%" << true << 4 << 1;
    }

    // Found by fuzz_pull: numbers no engine sends (1e300, 2^63, negative, current past total) overflowed
    // the sums and the int-based bar. Clamped now: the bar stays within 0..maximum.
    // Found by fuzz_engine: get<qint64>() of a number past qint64 (an engine's "Size":1e300) was
    // undefined behaviour (UBSan: outside the range of representable values). Clamped now.
    void engineNumbersAreClamped() {
        const auto j = nlohmann::json::parse(R"({"Id":"c0ffee","Created":-1e300,"Size":1e300,"Labels":{}})");
        QCOMPARE(engine::imageSummaryFromJson(j).size, std::numeric_limits<qint64>::max());
        const auto e = nlohmann::json::parse(R"({"Type":"container","Action":"die","timeNano":1e300})");
        QCOMPARE(engine::engineEventFromJson(e).timeNano, std::numeric_limits<qint64>::max());
        const auto neg = nlohmann::json::parse(R"({"Type":"container","timeNano":-1e300})");
        QCOMPARE(engine::engineEventFromJson(neg).timeNano, std::numeric_limits<qint64>::min());
    }

    void describePullHostileNumbers_data() {
        QTest::addColumn<QList<QByteArray>>("lines");
        QTest::newRow("1e300 total") << QList<QByteArray>{
            R"({"status":"Downloading","progressDetail":{"current":1e300,"total":1e300},"id":"aaaaaaaaaaaa"})"};
        QTest::newRow("2^63 and negative") << QList<QByteArray>{
            R"({"status":"Downloading","progressDetail":{"current":18446744073709551615,"total":9223372036854775807},"id":"aaaaaaaaaaaa"})",
            R"({"status":"Downloading","progressDetail":{"current":-5,"total":-7},"id":"bbbbbbbbbbbb"})"};
        QTest::newRow("current past total") << QList<QByteArray>{
            R"({"status":"Downloading","progressDetail":{"current":5000,"total":1000},"id":"aaaaaaaaaaaa"})"};
        QTest::newRow("size unknown, bytes counted") << QList<QByteArray>{
            R"({"status":"Downloading","progressDetail":{"current":5000000},"id":"aaaaaaaaaaaa"})"};
        QList<QByteArray> many;
        for (int i = 0; i < 900; ++i)
            many << QByteArray(
                        "{\"status\":\"Extracting\",\"progressDetail\":{\"current\":1e20,\"total\":1e20},"
                        "\"id\":\"layer") +
                        QByteArray::number(i) + "\"}";
        QTest::newRow("900 huge layers") << many;
    }
    void describePullHostileNumbers() {
        QFETCH(QList<QByteArray>, lines);
        engine::PullProgress p;
        for (const QByteArray& l : lines)
            QVERIFY(!p.feedLine(l));
        QVERIFY(p.bytesTotal() >= 0 && p.bytesDone() >= 0 && p.bytesExtracted() >= 0);
        const engine::PullProgressView v = engine::describePull(p, 1000, 5, QLocale::c());
        QVERIFY(v.barMaximum >= 0);
        QVERIFY2(v.barValue >= 0 && v.barValue <= v.barMaximum, qPrintable(QString::number(v.barValue)));
        QVERIFY(!v.layers.contains(QLatin1String("-")));
        QVERIFY(!v.summary.isEmpty());
    }

    void describePull() {
        QFETCH(QList<QByteArray>, lines);
        QFETCH(qint64, rate);
        QFETCH(int, eta);
        engine::PullProgress p;
        for (const QByteArray& l : lines)
            QVERIFY(!p.feedLine(l));
        const engine::PullProgressView v = engine::describePull(p, rate, eta, QLocale::c());
        QTEST(v.summary, "summary");
        QTEST(v.layers, "layers");
        QTEST(v.unpacking, "unpacking");
        QTEST(v.barMaximum, "barMaximum");
        QTEST(v.barValue, "barValue");
        QCOMPARE(v.text(), v.layers.isEmpty() ? v.summary : v.summary + QLatin1Char('\n') + v.layers);
    }

    void pullInbandError_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("errorDetail")
            << QByteArray(R"({"errorDetail":{"message":"manifest unknown"},"error":"manifest unknown"})")
            << "manifest unknown";
        QTest::newRow("error only")
            << QByteArray(R"({"error":"pull access denied for nope, repository does not exist"})")
            << "pull access denied for nope, repository does not exist";
    }

    void pullInbandError() {
        QFETCH(QByteArray, line);
        engine::PullProgress p;
        QVERIFY(!p.feedLine(R"({"status":"Pulling from library/x","id":"latest"})"));
        const auto err = p.feedLine(line);
        QVERIFY(err.has_value());
        QTEST(*err, "message");
    }

    void pullParameters_data() {
        QTest::addColumn<QString>("ref");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("tag");
        QTest::newRow("tag") << "sagemath/sagemath:10.7"
                             << "sagemath/sagemath"
                             << "10.7";
        QTest::newRow("no tag") << "sagemath/sagemath"
                                << "sagemath/sagemath"
                                << "latest";
        QTest::newRow("registry port") << "127.0.0.1:5000/x/y"
                                       << "127.0.0.1:5000/x/y"
                                       << "latest";
        QTest::newRow("registry port tag") << "127.0.0.1:5000/x/y:dev"
                                           << "127.0.0.1:5000/x/y"
                                           << "dev";
        QTest::newRow("digest") << "ghcr.io/a/b@sha256:abc"
                                << "ghcr.io/a/b@sha256:abc" << QString();
    }

    void pullParameters() {
        QFETCH(QString, ref);
        const auto [from, tag] = engine::pullParameters(ref);
        QTEST(from, "from");
        QTEST(tag, "tag");
    }

    void errorSentences_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("part");
        QTest::newRow("port allocated") << 500
                                        << "driver failed programming external connectivity on endpoint x "
                                           "(abc): Bind for 127.0.0.1:8888 failed: "
                                           "port is already allocated"
                                        << int(util::ErrorCode::Conflict) << "127.0.0.1:8888";
        QTest::newRow("name in use")
            << 409
            << "Conflict. The container name \"/sage\" is already in use by container "
               "\"abc\". You have to remove (or rename) that container"
            << int(util::ErrorCode::Conflict) << "name is already in use";
        QTest::newRow("no such image") << 404 << "No such image: sagemath/sagemath:nope"
                                       << int(util::ErrorCode::NotFound) << "does not exist";
        QTest::newRow("pull denied")
            << 404
            << "pull access denied for nope/nope, repository does not exist or may require 'docker login'"
            << int(util::ErrorCode::Denied) << "cannot be pulled";
        QTest::newRow("no such container")
            << 404 << "No such container: abc" << int(util::ErrorCode::NotFound) << "no longer exists";
        QTest::newRow("too old") << 400
                                 << "client version 1.41 is too old. Minimum supported API version is 1.44"
                                 << int(util::ErrorCode::Protocol) << "API version";
        // Podman 4.3 on Debian without the catatonit package, as the create call answers it.
        QTest::newRow("podman init missing")
            << 500
            << "container create: container-init binary not found on the host: stat "
               "/usr/libexec/podman/catatonit: no such file or directory"
            << int(util::ErrorCode::Process) << "init process";
        QTest::newRow("other 500") << 500 << "something broke" << int(util::ErrorCode::HttpStatus)
                                   << "something broke";
    }

    void errorSentences() {
        QFETCH(int, status);
        QFETCH(QString, message);
        const util::Error e =
            engine::errorFromMessage(status, message, QStringLiteral("start the container"));
        QTEST(int(e.code), "code");
        QFETCH(QString, part);
        QVERIFY2(e.message.contains(part), qPrintable(e.message));
        QVERIFY(!e.hint.isEmpty());
    }

    void engineMessage() {
        QCOMPARE(engine::engineMessage(R"({"message":"No such container: x"})"),
                 QStringLiteral("No such container: x"));
        QCOMPARE(
            engine::engineMessage(R"({"cause":"no such image","message":"x: no such image","response":404})"),
            QStringLiteral("x: no such image"));
        QCOMPARE(engine::engineMessage("page not found\n"), QStringLiteral("page not found"));
    }

    void createSpecJson() {
        engine::CreateSpec s;
        s.image = QStringLiteral("img");
        s.entrypoint = QStringList{};
        s.ports << engine::PortBinding{8888, QStringLiteral("tcp"), QStringLiteral("127.0.0.1"), 8890};
        s.labels.insert(QStringLiteral("org.sagedock.session"), QStringLiteral("1"));
        const nlohmann::json j = s.toJson();
        QVERIFY(j["Entrypoint"] == nlohmann::json::array({""}));
        QVERIFY(j["HostConfig"]["PortBindings"]["8888/tcp"][0]["HostPort"] == "8890"); // a string
        QVERIFY(j["HostConfig"]["PortBindings"]["8888/tcp"][0]["HostIp"] == "127.0.0.1");
        QVERIFY(j["ExposedPorts"].contains("8888/tcp"));
        QVERIFY(j["Labels"]["org.sagedock.session"] == "1");
    }
};

QTEST_GUILESS_MAIN(TestStreams)
#include "tst_streams.moc"
