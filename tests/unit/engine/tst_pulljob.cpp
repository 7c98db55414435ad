// PullJob's progress cadence against a tiny fake engine on loopback that streams a pull's JSON lines
// with pauses, as Docker does: an update that arrives within 100 ms of the previous one is held
// back, never dropped, and reaches the UI by itself even when the engine then says nothing for a
// while; the stream's end always gives a final update.

#include "engine/engineclient.h"
#include "engine/enginejobs.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace sagedock;

namespace {

QByteArray chunk(const QByteArray& line) {
    const QByteArray data = line + "\r\n";
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

// Answers /_ping at once; answers POST /images/create with a chunked stream: `first` lines at once,
// `second` after `secondDelayMs`, the rest after `restDelayMs`, then the end of the stream.
class StreamingEngine : public QObject {
public:
    QTcpServer server;
    QList<QByteArray> first, second, rest;
    int secondDelayMs = 30;
    int restDelayMs = 1200;
    QElapsedTimer* clock = nullptr;
    qint64 restSentMs = -1;

    StreamingEngine() {
        connect(&server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = server.nextPendingConnection())
                connect(s, &QTcpSocket::readyRead, s, [this, s] { answer(s); });
        });
        server.listen(QHostAddress::LocalHost, 0);
    }
    engine::Endpoint endpoint() const {
        return engine::parseHost(QStringLiteral("tcp://127.0.0.1:%1").arg(server.serverPort())).value();
    }

private:
    void answer(QTcpSocket* s) {
        const QByteArray request = s->readAll();
        if (request.startsWith("GET /_ping")) {
            s->write(
                "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK");
            s->disconnectFromHost();
            return;
        }
        if (!request.startsWith("POST /v1.41/images/create"))
            return;
        s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (const QByteArray& l : first)
            s->write(chunk(l));
        s->flush();
        QPointer<QTcpSocket> socket(s);
        QTimer::singleShot(secondDelayMs, this, [this, socket] {
            if (!socket)
                return;
            for (const QByteArray& l : second)
                socket->write(chunk(l));
            socket->flush();
        });
        QTimer::singleShot(restDelayMs, this, [this, socket] {
            if (!socket)
                return;
            restSentMs = clock->elapsed();
            for (const QByteArray& l : rest)
                socket->write(chunk(l));
            socket->write("0\r\n\r\n");
            socket->disconnectFromHost();
        });
    }
};

} // namespace

class TestPullJob : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void heldBackUpdateArrivesOnItsOwn() {
        QElapsedTimer clock;
        clock.start();
        StreamingEngine fake;
        QVERIFY(fake.server.isListening());
        fake.clock = &clock;
        fake.first = {
            R"({"status":"Pulling from sagemath/sagemath","id":"10.7"})",
            R"({"status":"Downloading","progressDetail":{"current":1000,"total":10000},"id":"aaaaaaaaaaaa"})"};
        // 30 ms later: inside the 100 ms interval, so it is held back...
        fake.second = {
            R"({"status":"Downloading","progressDetail":{"current":2000,"total":10000},"id":"aaaaaaaaaaaa"})"};
        // ...and the engine says nothing more for over a second (a slow link, a large layer unpacking).
        fake.rest = {R"({"status":"Download complete","progressDetail":{},"id":"aaaaaaaaaaaa"})",
                     R"({"status":"Pull complete","progressDetail":{},"id":"aaaaaaaaaaaa"})",
                     R"({"status":"Status: Downloaded newer image for sagemath/sagemath:10.7"})"};
        engine::Client client(fake.endpoint());
        std::unique_ptr<engine::PullJob> job(client.pull(QStringLiteral("sagemath/sagemath:10.7")));
        QList<std::pair<qint64, qint64>> seen; // (ms, bytesDone) per progressChanged
        connect(job.get(), &engine::PullJob::progressChanged, this, [&] {
            seen.append({clock.elapsed(), job->progress().bytesDone()});
        });
        bool finished = false;
        util::Error error;
        connect(job.get(), &engine::PullJob::finished, this, [&](const util::Error& e) {
            error = e;
            finished = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(finished, 10000);
        QVERIFY2(!error, qPrintable(error.toString()));
        QVERIFY(fake.restSentMs > 0);

        qint64 heldBackAt = -1;
        for (const auto& [ms, bytes] : seen)
            if (bytes == 2000 && heldBackAt < 0)
                heldBackAt = ms;
        QVERIFY2(heldBackAt >= 0, "the held-back update (2000 bytes) never reached the UI");
        QVERIFY2(
            heldBackAt < fake.restSentMs,
            qPrintable(QStringLiteral("the held-back update waited for the engine's next line (%1 ms, next "
                                      "line at %2 ms)")
                           .arg(heldBackAt)
                           .arg(fake.restSentMs)));
        // The state the engine paused in was shown (newer lines within the interval replace older
        // ones), then the end gave a final update.
        QList<qint64> values;
        for (const auto& [ms, bytes] : seen)
            if (values.isEmpty() || values.last() != bytes)
                values << bytes;
        QCOMPARE(values.mid(values.size() - 2), (QList<qint64>{2000, 10000}));
        // Never more often than every 100 ms (the end's update excepted; a coarse timer may fire a
        // few ms early).
        for (qsizetype i = 1; i + 1 < seen.size(); ++i)
            QVERIFY2(seen[i].first - seen[i - 1].first >= 90, qPrintable(QString::number(i)));
    }
};

QTEST_GUILESS_MAIN(TestPullJob)
#include "tst_pulljob.moc"
