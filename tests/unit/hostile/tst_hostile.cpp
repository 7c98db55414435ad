// Issue 13 as tests: a hostile registry (the fault proxy answering by itself) and a hostile engine
// (FakeEngine on a Unix socket) against the real sagedock-cli and the core's clients. Secrets and raw
// terminal escapes must reach no output (stdout, stderr, JSON, the log file); streams end on
// silence; lines, layers and tag lists stay bounded; engine objects without an id are not used.

#include "buildlog/diagnosis.h"
#include "engine/engineclient.h"
#include "engine/enginejobs.h"
#include "engine/logdemuxer.h"
#include "fakeengine.h"
#include "faultproxy.h"
#include "registry/credentials.h"
#include "registry/registryclient.h"
#include "scriptonpath.h"
#include "waitforjob.h"

#include <QBuffer>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QLocalSocket>
#include <QPointer>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <memory>

#include <nlohmann/json.hpp>

#include <csignal>

using namespace sagedock;
using testsupport::FakeEngine;
using testsupport::FaultProxy;

namespace {

// The secret a hostile registry echoes back, and what it decodes to.
const QByteArray kBasic = "cHJvZDpzM2NyZXQtcGFzc3dvcmQ="; // prod:s3cret-password
const QByteArray kPassword = "s3cret-password";
const QByteArray kHostileMessage = "denied: you sent Authorization: Basic " + kBasic +
                                   " \x1b]0;owned\x07\x1b[2J\xc2\x9b"
                                   "31m token=abcdefgh1234";

struct Run {
    int code = -1;
    QByteArray out, err;
};

} // namespace

class TestHostile : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

    QProcessEnvironment cliEnvironment(const QString& dockerHost = {}) const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* dir : {"XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "DOCKER_CONFIG"})
            env.insert(QString::fromLatin1(dir), m_tmp.filePath(QString::fromLatin1(dir).toLower()));
        if (!dockerHost.isEmpty())
            env.insert(QStringLiteral("DOCKER_HOST"), dockerHost);
        return env;
    }

    // Runs the CLI without blocking the event loop: the fake servers live on it.
    Run cli(const QStringList& args, const QString& dockerHost = {}) {
        QProcess p;
        p.setProcessEnvironment(cliEnvironment(dockerHost));
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(qEnvironmentVariable("SAGEDOCK_CLI"), args);
        if (!finished.wait(60000)) {
            p.kill();
            finished.wait(5000);
            return {};
        }
        return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                   p.readAllStandardError()};
    }

    QByteArray logFiles() const {
        QByteArray all;
        QDirIterator it(m_tmp.path(), {QStringLiteral("*.log*")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly))
                all += f.readAll();
        }
        return all;
    }

    static void verifyClean(const QByteArray& text, const char* where) {
        QVERIFY2(!text.contains(kBasic), where);
        QVERIFY2(!text.contains(kPassword), where);
        QVERIFY2(!text.contains("abcdefgh1234"), where);
        QVERIFY2(!text.contains('\x1b'), where);
        QVERIFY2(!text.contains('\x07'), where);
        QVERIFY2(!text.contains("\xc2\x9b"), where); // C1 CSI, UTF-8 encoded
    }

    // "-", or a new named pipe `name` in the scratch folder ("" when it cannot be made).
    QString pipeSource(bool named, const QString& name) const {
        if (!named)
            return QStringLiteral("-");
        const QString fifo = m_tmp.filePath(name);
        QFile::remove(fifo);
        return ::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0 ? fifo : QString();
    }
    // diagnose-log on `args` with its --timeout, as a user runs it.
    void startDiagnoseLog(QProcess& p, int timeoutS, const QStringList& args) const {
        p.setProcessEnvironment(cliEnvironment());
        p.start(qEnvironmentVariable("SAGEDOCK_CLI"),
                QStringList{QStringLiteral("--timeout"), QString::number(timeoutS),
                            QStringLiteral("diagnose-log")} +
                    args);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(!qEnvironmentVariable("SAGEDOCK_CLI").isEmpty(), "SAGEDOCK_CLI not set");
        QVERIFY(m_tmp.isValid());
    }

    // ---- 1. Server text: one redaction and control-character filter on everything a server says.

    void registryMessageNeverReachesOutputRaw_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("status");
        QTest::newRow("tags 403") << QStringList{QStringLiteral("tags")} << 403;
        QTest::newRow("tags --json 403")
            << QStringList{QStringLiteral("tags"), QStringLiteral("--json")} << 403;
        QTest::newRow("tags 500") << QStringList{QStringLiteral("tags")} << 500;
        QTest::newRow("tags --json 429")
            << QStringList{QStringLiteral("tags"), QStringLiteral("--json")} << 429;
    }
    void registryMessageNeverReachesOutputRaw() {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        FaultProxy proxy(QStringLiteral("127.0.0.1:9"));
        QString why;
        QVERIFY2(proxy.start(&why), qPrintable(why));
        const nlohmann::json body = {{"errors",
                                      {{{"code", status == 403   ? "DENIED"
                                                 : status == 429 ? "TOOMANYREQUESTS"
                                                                 : "UNKNOWN"},
                                        {"message", kHostileMessage.toStdString()}}}}};
        proxy.addRule({.path = QRegularExpression(QStringLiteral(".")),
                       .status = status,
                       .headers = {{"Content-Type", "application/json"}},
                       .body = QByteArray::fromStdString(body.dump())});
        const Run r = cli(QStringList{QStringLiteral("--verbose")} + args +
                          QStringList{proxy.address() + QStringLiteral("/sage/hostile")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("denied") || r.err.contains("HTTP") || r.err.contains("rate"), r.err);
        verifyClean(r.out, "stdout");
        verifyClean(r.err, "stderr");
        verifyClean(logFiles(), "log file");
        QVERIFY(!proxy.requests().isEmpty());
    }

    void tagNamesFromTheServerAreValidated() {
        FaultProxy proxy(QStringLiteral("127.0.0.1:9"));
        QString why;
        QVERIFY2(proxy.start(&why), qPrintable(why));
        const nlohmann::json body = {{"name", "sage/odd"},
                                     {"tags", {"10.7", "\x1b]0;owned\x07", "ok\x1b[2J", "../x", "dev"}}};
        proxy.addRule({.path = QRegularExpression(QStringLiteral("^/v2/$")), .status = 200, .body = "{}"});
        proxy.addRule({.path = QRegularExpression(QStringLiteral("tags/list")),
                       .status = 200,
                       .headers = {{"Content-Type", "application/json"}},
                       .body = QByteArray::fromStdString(body.dump())});
        for (const QStringList& extra : {QStringList{}, QStringList{QStringLiteral("--json")}}) {
            const Run r = cli(QStringList{QStringLiteral("tags")} + extra +
                              QStringList{proxy.address() + QStringLiteral("/sage/odd")});
            QVERIFY2(r.code == 0, r.err.constData());
            verifyClean(r.out, "stdout");
            QVERIFY(r.out.contains("10.7"));
            QVERIFY(r.out.contains("dev"));
            QVERIFY(!r.out.contains("owned"));
            QVERIFY(!r.out.contains("../x"));
        }
    }

    void engineMessageNeverReachesOutputRaw() {
        FakeEngine engine;
        QString why;
        QVERIFY2(engine.start(&why), qPrintable(why));
        engine.setHandler([](const FakeEngine::Request&, QLocalSocket* s) {
            FakeEngine::reply(
                s, 500,
                QByteArray::fromStdString(nlohmann::json{{"message", kHostileMessage.toStdString()}}.dump()));
        });
        for (const QStringList& args :
             {QStringList{QStringLiteral("ps")}, QStringList{QStringLiteral("ps"), QStringLiteral("--json")},
              QStringList{QStringLiteral("stop"), QStringLiteral("--all")}}) {
            const Run r = cli(QStringList{QStringLiteral("--verbose")} + args, engine.dockerHost());
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.contains("denied"), r.err);
            verifyClean(r.out, "stdout");
            verifyClean(r.err, "stderr");
        }
        verifyClean(logFiles(), "log file");
    }

    // ---- 4. Engine objects: only objects with a valid id become sessions; no "/containers//stop".

    void containersWithoutIdsAreNotSessions() {
        FakeEngine engine;
        QString why;
        QVERIFY2(engine.start(&why), qPrintable(why));
        engine.setHandler([](const FakeEngine::Request& r, QLocalSocket* s) {
            if (r.path.contains("/containers/json"))
                FakeEngine::reply(
                    s, 200,
                    R"([1, "x", null, [], {"Id": ""}, {"Id": "../../images"}, {"Names": ["/sagedock-a"],)"
                    R"( "Labels": {"org.sagedock.session": "1"}}, {"Id": 42}])");
            else
                FakeEngine::reply(s, 204, {});
        });
        const Run ps = cli({QStringLiteral("ps"), QStringLiteral("--json")}, engine.dockerHost());
        QCOMPARE(ps.code, 0);
        const nlohmann::json list = nlohmann::json::parse(ps.out.toStdString(), nullptr, false);
        QVERIFY2(list.is_array() && list.empty(), ps.out);
        const Run stop = cli({QStringLiteral("stop"), QStringLiteral("--all")}, engine.dockerHost());
        QCOMPARE(stop.code, 0);
        QVERIFY2(!stop.out.contains("stopped"), stop.out);
        for (const FakeEngine::Request& r : engine.requests()) {
            QVERIFY2(!r.path.contains("//"), r.path);
            QVERIFY2(r.method == "GET", r.path);
        }
    }

    // ---- 2. Streams: idle timeout, linear and bounded line splitting, bounded layers.

    void stalledPullEnds() {
        FakeEngine engine;
        QString why;
        QVERIFY2(engine.start(&why), qPrintable(why));
        QList<QPointer<QLocalSocket>> held; // the engine keeps the connection open and says no more
        engine.setHandler([&held](const FakeEngine::Request&, QLocalSocket* s) {
            FakeEngine::beginChunks(s);
            for (int i = 0; i < 10; ++i)
                FakeEngine::chunk(s, QByteArrayLiteral(R"({"status":"Downloading","id":"aaaaaaaaaaaa",)"
                                                       R"("progressDetail":{"current":)") +
                                         QByteArray::number(i) +
                                         R"(,"total":100}})"
                                         "\n");
            held << s;
        });
        engine::Client client(engine::parseHost(engine.dockerHost()).value());
        client.setPullIdleTimeoutMs(1500);
        QElapsedTimer clock;
        clock.start();
        // The caller owns the job (Client::pull).
        std::unique_ptr<engine::PullJob> job(client.pull(QStringLiteral("sage/stall:1")));
        const util::Error e = testsupport::waitForJob(job.get(), 20000);
        QCOMPARE(e.code, util::ErrorCode::Timeout);
        QVERIFY2(e.message.contains(QLatin1String("stalled")), qPrintable(e.message));
        QVERIFY(clock.elapsed() < 10000);
        QCOMPARE(job->progress().layerCount(), 1);
    }

    void endlessLineIsLinearAndBounded() {
        // 256 MB without a newline, in 64 KiB chunks, then one good line: the splitter looks at each
        // byte once (a rescan would take minutes) and never holds more than its line limit.
        engine::LineSplitter lines;
        const QByteArray piece(64 * 1024, 'x');
        QElapsedTimer clock;
        clock.start();
        qsizetype delivered = 0;
        for (int i = 0; i < 256 * 16; ++i) {
            for (const QByteArray& l : lines.feed(piece))
                delivered += l.size();
            QVERIFY(lines.pendingBytes() <= engine::LineSplitter::kDefaultMaxLineBytes);
        }
        const QList<QByteArray> last = lines.feed("\n{\"status\":\"ok\"}\n");
        QCOMPARE(last.size(), 1);
        QCOMPARE(last.first(), QByteArray("{\"status\":\"ok\"}"));
        QCOMPARE(delivered, engine::LineSplitter::kDefaultMaxLineBytes);
        QCOMPARE(lines.droppedBytes(), 256LL * 1024 * 1024 - engine::LineSplitter::kDefaultMaxLineBytes);
        QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));
    }

    void endlessLineThroughThePullStream() {
        // The same through a socket: 64 MB in one line, then the end; the pull finishes.
        FakeEngine engine;
        QString why;
        QVERIFY2(engine.start(&why), qPrintable(why));
        engine.setHandler([](const FakeEngine::Request&, QLocalSocket* s) {
            FakeEngine::beginChunks(s);
            auto left = std::make_shared<int>(64);
            auto more = [s, left] {
                while (*left > 0 && s->bytesToWrite() < 4 * 1024 * 1024) {
                    FakeEngine::chunk(s, QByteArray(1024 * 1024, 'y'));
                    --*left;
                }
                if (*left == 0) {
                    --*left;
                    FakeEngine::chunk(s, "\n{\"status\":\"Status: Image is up to date for sage\"}\n");
                    FakeEngine::endChunks(s);
                }
            };
            QObject::connect(s, &QLocalSocket::bytesWritten, s, more);
            more();
        });
        engine::Client client(engine::parseHost(engine.dockerHost()).value());
        // The caller owns the job (Client::pull).
        std::unique_ptr<engine::PullJob> job(client.pull(QStringLiteral("sage/long:1")));
        const util::Error e = testsupport::waitForJob(job.get(), 60000);
        QVERIFY2(!e, qPrintable(e.toString()));
        QVERIFY(job->progress().upToDate());
    }

    // ---- Log frames: a header may claim up to 4 GiB; the demuxer never waits for it or holds it.

    void oversizedFrameIsPassedOn_data() {
        QTest::addColumn<quint32>("claimed"); // what the frame header says
        QTest::addColumn<qsizetype>("sent");  // how much of it arrives
        QTest::newRow("4 GiB claimed, 64 MiB sent") << quint32(0xffffffffu) << qsizetype(64) * 1024 * 1024;
        QTest::newRow("just over the limit, whole") << quint32(engine::LogDemuxer::kMaxFrameBytes + 1)
                                                    << qsizetype(engine::LogDemuxer::kMaxFrameBytes + 1);
        QTest::newRow("at the limit, whole")
            << quint32(engine::LogDemuxer::kMaxFrameBytes) << qsizetype(engine::LogDemuxer::kMaxFrameBytes);
    }
    void oversizedFrameIsPassedOn() {
        QFETCH(quint32, claimed);
        QFETCH(qsizetype, sent);
        QByteArray header(8, '\0');
        header[0] = 2;
        for (int i = 0; i < 4; ++i)
            header[4 + i] = char((claimed >> (24 - 8 * i)) & 0xff);
        engine::LogDemuxer demux;
        qint64 stderrBytes = 0, stdoutBytes = 0;
        const auto take = [&](const QList<engine::LogFrame>& frames) {
            for (const engine::LogFrame& f : frames)
                (f.stream == engine::LogFrame::Stderr ? stderrBytes : stdoutBytes) += f.payload.size();
            QVERIFY(demux.pendingBytes() <= engine::LogDemuxer::kMaxPendingBytes);
        };
        take(demux.feed(header));
        const QByteArray piece(256 * 1024, 'e');
        for (qsizetype done = 0; done < sent; done += piece.size())
            take(demux.feed(piece.left(std::min(piece.size(), sent - done))));
        QCOMPARE(stderrBytes, qint64(sent));
        // When the frame is complete the next one is read as a frame again.
        if (qint64(sent) == qint64(claimed)) {
            take(demux.feed(QByteArray("\1\0\0\0\0\0\0\3out", 11)));
            QCOMPARE(stdoutBytes, 3);
            QCOMPARE(demux.pendingBytes(), 0);
        }
        QVERIFY(!demux.isCorrupt());
    }

    void oversizedFrameThroughTheLogStream() {
        // A fake engine's container log: one stderr frame claiming 4 GiB, 8 MiB of lines of it, then
        // silence with the connection open. The lines arrive as they come, memory stays bounded.
        FakeEngine engine;
        QString why;
        QVERIFY2(engine.start(&why), qPrintable(why));
        QList<QPointer<QLocalSocket>> held;
        const int lines = 8 * 1024;
        engine.setHandler([&held, lines](const FakeEngine::Request& r, QLocalSocket* s) {
            if (!r.path.contains("/containers/c0ffee/logs")) {
                FakeEngine::reply(s, 404, R"({"message":"no such container"})");
                return;
            }
            FakeEngine::beginChunks(s);
            FakeEngine::chunk(s, QByteArray("\2\0\0\0\xff\xff\xff\xff", 8));
            auto next = std::make_shared<int>(0);
            auto more = [s, next, lines] {
                while (*next < lines && s->bytesToWrite() < 1024 * 1024) {
                    QByteArray batch;
                    for (int i = 0; i < 64; ++i, ++*next)
                        batch += "line " + QByteArray::number(*next) + ' ' + QByteArray(1000, 'x') + '\n';
                    FakeEngine::chunk(s, batch);
                }
            };
            QObject::connect(s, &QLocalSocket::bytesWritten, s, more);
            more();
            held << s;
        });
        engine::Client client(engine::parseHost(engine.dockerHost()).value());
        std::unique_ptr<engine::LogStream> stream(client.followLogs(QStringLiteral("c0ffee"), false));
        int received = 0;
        bool allStderr = true;
        QByteArray last;
        connect(stream.get(), &engine::LogStream::line, this, [&](const QByteArray& text, bool isStderr) {
            ++received;
            allStderr = allStderr && isStderr;
            last = text.left(16);
        });
        QTRY_COMPARE_WITH_TIMEOUT(received, lines, 30000);
        QVERIFY(allStderr);
        QVERIFY2(last.startsWith(QByteArray("line " + QByteArray::number(lines - 1) + ' ')),
                 last.constData());
        QVERIFY(!stream->isFinished());
        stream->cancel();
    }

    // ---- diagnose-log reading a pipe (standard input, or a named pipe given as FILE): never a blocking
    // open or read, so a pipe that stalls or never gets a writer ends at --timeout with one sentence,
    // and a log that arrives and ends is diagnosed.

    void stalledPipeEndsAtTimeout_data() {
        QTest::addColumn<bool>("named");
        QTest::newRow("standard input, some of a log, then nothing") << false;
        QTest::newRow("named pipe that never gets a writer") << true;
    }
    void stalledPipeEndsAtTimeout() {
        QFETCH(bool, named);
        const QString source = pipeSource(named, QStringLiteral("stalled.fifo"));
        QVERIFY(!source.isEmpty());
        QProcess p;
        QSignalSpy finished(&p, &QProcess::finished);
        startDiagnoseLog(p, 2, {source});
        QVERIFY(p.waitForStarted(10000));
        // The write end of standard input stays open (never closeWriteChannel()).
        if (!named)
            p.write("#1 [internal] load build definition from Dockerfile\n#1 DONE 0.0s\n\n#2 [app 1/2] RUN "
                    "make\n");
        QElapsedTimer clock;
        clock.start();
        QVERIFY(finished.wait(20000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("gave up after 2 s"), err.constData());
        QCOMPARE(err.count('\n'), 1); // one sentence
        QVERIFY2(clock.elapsed() < 15000, qPrintable(QString::number(clock.elapsed())));
    }

    void pipedLogIsDiagnosed_data() {
        QTest::addColumn<bool>("named");
        QTest::newRow("standard input") << false;
        QTest::newRow("named pipe") << true;
    }
    void pipedLogIsDiagnosed() {
        QFETCH(bool, named);
        const QString source = pipeSource(named, QStringLiteral("log.fifo"));
        QVERIFY(!source.isEmpty());
        QProcess p;
        QSignalSpy finished(&p, &QProcess::finished);
        startDiagnoseLog(p, 30, {source, QStringLiteral("--json")});
        QVERIFY(p.waitForStarted(10000));
        // A named pipe's writer waits in open() until the CLI has opened the reading end.
        QFile writer(source);
        QIODevice& in = named ? static_cast<QIODevice&>(writer) : p;
        QVERIFY(!named || writer.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        in.write("#1 [internal] load build definition from Dockerfile\n#1 DONE 0.0s\n\n");
        in.write("#2 [app 1/2] FROM base\n#2 CACHED\n\n#3 [app 2/2] RUN make\n#3 0.1 built\n#3 DONE 1.0s\n");
        if (named)
            writer.close();
        else
            p.closeWriteChannel();
        QVERIFY(finished.wait(30000));
        QCOMPARE(p.exitCode(), 0);
        const nlohmann::json j =
            nlohmann::json::parse(p.readAllStandardOutput().toStdString(), nullptr, false);
        QVERIFY(j.is_object());
        QCOMPARE(j.value("format", std::string()), std::string("buildkit-plain"));
    }

    void endlessLayersStop() {
        FakeEngine engine;
        QString why;
        QVERIFY2(engine.start(&why), qPrintable(why));
        engine.setHandler([](const FakeEngine::Request&, QLocalSocket* s) {
            FakeEngine::beginChunks(s);
            auto next = std::make_shared<int>(0);
            auto more = [s, next] {
                // Up to 1 000 000 layers, written as the reader takes them.
                while (*next < 1000000 && s->bytesToWrite() < 1024 * 1024) {
                    QByteArray batch;
                    for (int i = 0; i < 1000; ++i, ++*next)
                        batch +=
                            "{\"status\":\"Waiting\",\"id\":\"" + QByteArray::number(*next, 16) + "\"}\n";
                    FakeEngine::chunk(s, batch);
                }
                if (*next >= 1000000 && s->state() == QLocalSocket::ConnectedState)
                    FakeEngine::endChunks(s);
            };
            QObject::connect(s, &QLocalSocket::bytesWritten, s, more);
            more();
        });
        engine::Client client(engine::parseHost(engine.dockerHost()).value());
        QElapsedTimer clock;
        clock.start();
        // The caller owns the job (Client::pull).
        std::unique_ptr<engine::PullJob> job(client.pull(QStringLiteral("sage/layers:1")));
        const util::Error e = testsupport::waitForJob(job.get(), 60000);
        QCOMPARE(e.code, util::ErrorCode::TooLarge);
        QVERIFY(job->progress().layerCount() <= engine::PullProgress::kMaxLayers);
        QVERIFY2(clock.elapsed() < 30000, qPrintable(QString::number(clock.elapsed())));
    }

    // ---- 5. resolve has no --tag and must not ask the parser for one.

    void resolveLogsNoParserWarning() {
        const Run r =
            cli({QStringLiteral("--verbose"), QStringLiteral("resolve"), QStringLiteral("10.7"),
                 QStringLiteral("--offline"), QStringLiteral("--repo"), QStringLiteral("127.0.0.1:9/sage")});
        QVERIFY(r.code >= 0);
        QVERIFY2(!r.err.contains("option not defined"), r.err.constData());
        QVERIFY(!logFiles().contains("option not defined"));
    }

    // ---- 6. ~/.docker/config.json: a big valid file is read whole, a too large one says so.

    void bigDockerConfig_data() {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<bool>("readable");
        QTest::newRow("18 MB, valid") << qint64(18) * 1024 * 1024 << true;
        QTest::newRow("80 MB, valid") << qint64(80) * 1024 * 1024 << false;
    }
    void bigDockerConfig() {
        QFETCH(qint64, size);
        QFETCH(bool, readable);
        const QString path = m_tmp.filePath(QStringLiteral("config-%1.json").arg(size));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            // Many registries' entries, padded by a long (valid) string: valid JSON of `size` bytes.
            QByteArray head = "{\"auths\":{\"ghcr.io\":{\"auth\":\"dTpw\"}";
            for (int i = 0; i < 1000; ++i)
                head += ",\"r" + QByteArray::number(i) + ".example.org\":{\"auth\":\"dTpw\"}";
            head += "},\"padding\":\"";
            const QByteArray tail = "\"}";
            f.write(head);
            const QByteArray block(1024 * 1024, 'p');
            qint64 left = size - head.size() - tail.size();
            while (left > 0) {
                f.write(block.constData(), qMin<qint64>(left, block.size()));
                left -= block.size();
            }
            f.write(tail);
        }
        const auto config = registry::DockerConfig::load(path);
        if (readable) {
            QVERIFY2(config.ok(), qPrintable(config.error().toString()));
            QVERIFY(config->inlineCredentials(QStringLiteral("ghcr.io")).has_value());
            QVERIFY(config->inlineCredentials(QStringLiteral("r999.example.org")).has_value());
        } else {
            QVERIFY(!config.ok());
            QCOMPARE(config.error().code, util::ErrorCode::TooLarge);
            QVERIFY2(!config.error().message.contains(QLatin1String("JSON")),
                     qPrintable(config.error().message));
        }
        QFile::remove(path);
    }

    // ---- 7. kill -9 during a build: a history that names it, no docker build left running unnoticed.

    void killedBuildIsRecordedAndItsChildStopped() {
        // A slow `docker` first on PATH: answers the probe, and as a build prints a line and waits
        // in a child (so the group leader stays this script, whose command line says docker).
        const QByteArray script = "#!/bin/sh\n"
                                  "case \"$1 $2\" in\n"
                                  "  '--version '*) echo 'Docker version 24.0.7, build afdd53b'; exit 0;;\n"
                                  "  'buildx version') exit 1;;\n"
                                  "esac\n"
                                  "echo \"$$\" > \"$(dirname \"$0\")/build.pid\"\n"
                                  "echo 'Step 1/2 : FROM scratch'\n"
                                  "sleep 300\n";
        testsupport::ScriptOnPath docker(QStringLiteral("docker"), script);
        QVERIFY(docker.isValid());
        FakeEngine engine;
        QString why;
        QVERIFY2(engine.start(&why), qPrintable(why));
        engine.setHandler([](const FakeEngine::Request&, QLocalSocket* s) {
            FakeEngine::reply(s, 200, R"({"Version":"24.0.7","ApiVersion":"1.41"})");
        });
        const QString ctx = m_tmp.filePath(QStringLiteral("killed-build"));
        QVERIFY(QDir().mkpath(ctx));
        {
            QFile f(ctx + QStringLiteral("/Dockerfile"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("FROM scratch AS base\nCOPY Dockerfile /x\n");
        }
        const QString pidFile = docker.folder() + QStringLiteral("/build.pid");
        QProcess p;
        p.setProcessEnvironment(cliEnvironment(engine.dockerHost()));
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(qEnvironmentVariable("SAGEDOCK_CLI"),
                {QStringLiteral("build"), QStringLiteral("--dockerfile"), ctx + QStringLiteral("/Dockerfile"),
                 QStringLiteral("--context"), ctx, QStringLiteral("--stages"), QStringLiteral("base"),
                 QStringLiteral("--image-prefix"), QStringLiteral("sagedock-test/killed"),
                 QStringLiteral("--builder-mode"), QStringLiteral("legacy")});
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(pidFile) || finished.size() > 0, 60000);
        QVERIFY2(finished.isEmpty(), p.readAllStandardError().constData());
        const auto readGroup = [&pidFile] {
            QFile pf(pidFile);
            return pf.open(QIODevice::ReadOnly) ? pf.readAll().trimmed().toLongLong() : 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(readGroup() > 1, 10000);
        const qint64 group = readGroup();
        // Whatever fails below, the test leaves no sleeping script behind.
        const auto reap = qScopeGuard([group] { ::kill(-pid_t(group), SIGKILL); });
        // The running record carries the child's process group once the build started.
        const auto history = [this] {
            QByteArray all;
            QDirIterator it(m_tmp.path(), {QStringLiteral("build-history.jsonl")}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                if (f.open(QIODevice::ReadOnly))
                    all += f.readAll();
            }
            return all;
        };
        const QByteArray childField = QByteArray("\"child_pid\":") + QByteArray::number(group);
        QTRY_VERIFY_WITH_TIMEOUT(history().contains(childField), 10000);

        ::kill(pid_t(p.processId()), SIGKILL);
        QVERIFY(finished.wait(10000));
        QCOMPARE(::kill(-pid_t(group), 0), 0); // the docker build outlived its owner...

        // ...and a crash mid-append left a torn line behind.
        {
            QDirIterator it(m_tmp.path(), {QStringLiteral("build-history.jsonl")}, QDir::Files,
                            QDirIterator::Subdirectories);
            QVERIFY(it.hasNext());
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::Append));
            f.write("{\"id\":\"torn-");
        }

        const Run builds = cli({QStringLiteral("builds"), QStringLiteral("--json")});
        QCOMPARE(builds.code, 0);
        QVERIFY2(builds.err.contains("interrupted"), builds.err.constData());
        QVERIFY2(builds.err.contains("has been stopped"), builds.err.constData());
        QVERIFY2(builds.err.contains("broken line"), builds.err.constData());
        const nlohmann::json list = nlohmann::json::parse(builds.out.toStdString(), nullptr, false);
        QVERIFY2(list.is_array() && list.size() == 1, builds.out.constData());
        QCOMPARE(list[0]["state"].get<std::string>(), std::string("interrupted"));
        QVERIFY(!list[0]["id"].get<std::string>().empty());
        QVERIFY(!list[0].contains("child_pid"));
        // Its log kept what the build printed before the kill.
        QFile log(QString::fromStdString(list[0]["log"].get<std::string>()));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QVERIFY2(log.readAll().contains("Step 1/2"), qPrintable(log.fileName()));
        // Nothing left running, and the user is told once.
        QTRY_VERIFY_WITH_TIMEOUT(::kill(-pid_t(group), 0) != 0, 10000);
        const Run again = cli({QStringLiteral("builds"), QStringLiteral("--json")});
        QCOMPARE(again.code, 0);
        QVERIFY2(again.err.isEmpty(), again.err.constData());
        QCOMPARE(nlohmann::json::parse(again.out.toStdString())[0]["state"].get<std::string>(),
                 std::string("interrupted"));
    }

    // ---- 9. --timeout: every command that waits gives up in time.

    void timeoutEndsEveryWait_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("engine"); // true: the stalled party is the engine, else the registry
        QTest::newRow("tags") << QStringList{QStringLiteral("tags"), QStringLiteral("REGISTRY/sage/x")}
                              << false;
        QTest::newRow("matrix") << QStringList{QStringLiteral("matrix"), QStringLiteral("--repo"),
                                               QStringLiteral("REGISTRY/sage"), QStringLiteral("--systems"),
                                               QStringLiteral("ubuntu-jammy")}
                                << false;
        QTest::newRow("resolve") << QStringList{QStringLiteral("resolve"), QStringLiteral("10.7"),
                                                QStringLiteral("--repo"), QStringLiteral("REGISTRY/sage")}
                                 << false;
        QTest::newRow("ps") << QStringList{QStringLiteral("ps")} << true;
        QTest::newRow("stop --all") << QStringList{QStringLiteral("stop"), QStringLiteral("--all")} << true;
    }
    void timeoutEndsEveryWait() {
        QFETCH(QStringList, args);
        QFETCH(bool, engine);
        FaultProxy proxy(QStringLiteral("127.0.0.1:9"));
        QString why;
        QVERIFY2(proxy.start(&why), qPrintable(why));
        proxy.addRule({.path = QRegularExpression(QStringLiteral(".")), .fault = FaultProxy::Fault::Stall});
        FakeEngine fake;
        QVERIFY2(fake.start(&why), qPrintable(why));
        QList<QPointer<QLocalSocket>> held;
        fake.setHandler([&held](const FakeEngine::Request&, QLocalSocket* s) { held << s; });
        args.replaceInStrings(QStringLiteral("REGISTRY"), proxy.address());
        QElapsedTimer clock;
        clock.start();
        const Run r = cli(QStringList{QStringLiteral("--timeout"), QStringLiteral("2")} + args,
                          engine ? fake.dockerHost() : QString());
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("gave up after 2 s"), r.err.constData());
        QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));
    }

    // ---- 8. diagnose-log: the state it keeps does not grow with the log.

    void diagnosisStateIsBounded() {
        // 200 000 steps in one build, each with output and a warning: what is kept stays at the caps.
        QByteArray log;
        log.reserve(24 * 1024 * 1024);
        for (int n = 1; n <= 200000; ++n) {
            const QByteArray id = "#" + QByteArray::number(n);
            log += id + " [app " + QByteArray::number(n) + "/200000] RUN make target-" +
                   QByteArray::number(n) + "\n" + id + " 0.1 output line\n" + id + " WARN: hostile warning " +
                   QByteArray::number(n) + "\n" + id + " DONE 0.1s\n\n";
        }
        QBuffer device(&log);
        QVERIFY(device.open(QIODevice::ReadOnly));
        const auto d = buildlog::diagnoseDevice(device, QStringLiteral("generated"));
        QVERIFY(d.ok());
        const buildlog::Diagnosis r = d.value().result();
        int steps = 0;
        for (const auto& stage : r.stages)
            steps += stage.steps;
        QCOMPARE(steps, 20000);
        QStringList kinds;
        int builderWarnings = 0;
        for (const auto& w : r.warnings) {
            kinds << w.kind;
            builderWarnings += w.kind == QLatin1String("builder-warning") ? 1 : 0;
            if (w.kind == QLatin1String("too-many-steps"))
                QCOMPARE(w.count, 180000);
        }
        QVERIFY2(kinds.contains(QStringLiteral("too-many-steps")), qPrintable(kinds.join(u',')));
        QVERIFY(kinds.contains(QStringLiteral("too-many-messages")));
        QVERIFY(builderWarnings <= 500);
    }

    // ---- 3. Registry pagination: the total is capped, not only the page count.

    void endlessBigPagesStopEarly() {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        int pages = 0;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* s = server.nextPendingConnection()) {
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, s, [&pages, s] {
                    const QByteArray request = s->readAll();
                    if (request.startsWith('\x16')) { // a TLS ClientHello: answer like plain-HTTP servers do
                        s->write("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTPS request to an HTTP "
                                 "server.\n");
                        s->disconnectFromHost();
                        return;
                    }
                    if (!request.contains("\r\n\r\n"))
                        return;
                    if (!request.contains("/tags/list")) {
                        s->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
                        return;
                    }
                    // 1 MB of tags per page, and always a next page.
                    QByteArray tags;
                    for (int i = 0; tags.size() < 1024 * 1024; ++i)
                        tags += "\"t" + QByteArray::number(pages) + "-" + QByteArray::number(i) +
                                QByteArray(40, 'a') + "\",";
                    tags.chop(1);
                    const QByteArray body = "{\"name\":\"sage/endless\",\"tags\":[" + tags + "]}";
                    ++pages;
                    s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLink: "
                             "</v2/sage/endless/tags/list?n=100&last=p" +
                             QByteArray::number(pages) + ">; rel=\"next\"\r\nContent-Length: " +
                             QByteArray::number(body.size()) + "\r\n\r\n" + body);
                });
            }
        });
        registry::Client client(http::Transport::shared(), registry::ClientOptions{});
        const auto repo =
            registry::Repository::parse(QStringLiteral("127.0.0.1:%1/sage/endless").arg(server.serverPort()));
        QVERIFY(repo.ok());
        QPointer<registry::TagsJob> job = client.listTags(repo.value());
        const util::Error e = testsupport::waitForJob(job, 120000);
        QCOMPARE(e.code, util::ErrorCode::TooLarge);
        QVERIFY2(e.message.contains(QLatin1String("stopped reading")), qPrintable(e.message));
        // The byte cap (32 MB) ends it: far fewer than the 200-page guard.
        QVERIFY2(pages <= 40, qPrintable(QString::number(pages)));
    }
};

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
