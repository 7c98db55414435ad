// API version negotiation and engine recognition against a tiny canned HTTP server on loopback:
// min(client max, Api-Version), Podman's Libpod-API-Version, old daemons without the header, the
// versioned path of the following call, and error answers turned into sentences.

#include "engine/engineclient.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace sagedock;

namespace {

// Answers every request with the canned response for its path (first match by prefix) and
// remembers the request lines.
class CannedServer : public QObject {
public:
    QTcpServer server;
    QList<QByteArray> requestLines;
    QList<std::pair<QByteArray, QByteArray>> answers; // path prefix -> full HTTP response

    CannedServer() {
        connect(&server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    const QByteArray req = s->readAll();
                    const QByteArray line = req.left(req.indexOf("\r\n"));
                    requestLines << line;
                    const QByteArray path = line.split(' ').value(1);
                    for (const auto& [prefix, response] : answers) {
                        if (path.contains(prefix)) {
                            s->write(response);
                            break;
                        }
                    }
                    s->flush();
                    s->disconnectFromHost();
                });
            }
        });
        server.listen(QHostAddress::LocalHost, 0);
    }
    engine::Endpoint endpoint() const {
        return engine::parseHost(QStringLiteral("tcp://127.0.0.1:%1").arg(server.serverPort())).value();
    }
};

QByteArray response(int status, const QByteArray& headers, const QByteArray& body) {
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\n" + headers +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

} // namespace

class TestNegotiation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void negotiate_data() {
        QTest::addColumn<QByteArray>("pingHeaders");
        QTest::addColumn<QString>("negotiated");
        QTest::addColumn<bool>("podman");
        QTest::addColumn<QString>("product");
        QTest::newRow("docker 20.10")
            << QByteArray("Api-Version: 1.41\r\nServer: Docker/20.10.24 (linux)\r\n") << "1.41" << false
            << "Docker";
        QTest::newRow("docker 29 newer than client")
            << QByteArray("Api-Version: 1.52\r\nServer: Docker/29.0.0 (linux)\r\n")
            << QString::fromLatin1(engine::Client::kMaxApiVersion) << false << "Docker";
        QTest::newRow("podman")
            << QByteArray("API-Version: 1.41\r\nLibpod-API-Version: 5.0.0\r\nServer: Libpod/5.0.0\r\n")
            << "1.41" << true << "Podman";
        QTest::newRow("no header: oldest") << QByteArray() << "1.24" << false << "Docker";
    }

    void negotiate() {
        QFETCH(QByteArray, pingHeaders);
        CannedServer fake;
        QVERIFY(fake.server.isListening());
        fake.answers = {
            {"/_ping", response(200, pingHeaders, "OK")},
            {"/version",
             response(
                 200, "Content-Type: application/json\r\n",
                 R"({"Version":"x","ApiVersion":"1.52","MinAPIVersion":"1.24","Os":"linux","Arch":"amd64"})")}};
        engine::Client client(fake.endpoint());
        bool done = false;
        util::Result<engine::EngineInfo> info = util::Error{};
        // version() before any ping: the client pings first, then calls the versioned path.
        client.version(this, [&](util::Result<engine::EngineInfo> r) {
            info = r;
            done = true;
        });
        QTRY_VERIFY(done);
        QVERIFY2(info.ok(), qPrintable(info.error().toString()));
        QTEST(client.apiVersion(), "negotiated");
        QTEST(client.isPodman(), "podman");
        QTEST(info->product, "product");
        QFETCH(QString, negotiated);
        QCOMPARE(fake.requestLines.size(), 2);
        QVERIFY(fake.requestLines[0].startsWith("GET /_ping "));
        QVERIFY2(fake.requestLines[1].startsWith(QByteArray("GET /v" + negotiated.toLatin1() + "/version ")),
                 fake.requestLines[1].constData());
    }

    void tooOldIsExplained() {
        CannedServer fake;
        fake.answers = {
            {"/_ping", response(200, "Api-Version: 1.53\r\n", "OK")},
            {"/containers/json",
             response(
                 400, "Content-Type: application/json\r\n",
                 R"({"message":"client version 1.47 is too old. Minimum supported API version is 1.50, please upgrade your client to a newer version"})")}};
        engine::Client client(fake.endpoint());
        bool done = false;
        util::Error error;
        client.listContainers({}, true, this, [&](util::Result<QList<engine::ContainerSummary>> r) {
            error = r.ok() ? util::Error{} : r.error();
            done = true;
        });
        QTRY_VERIFY(done);
        QCOMPARE(error.code, util::ErrorCode::Protocol);
        QVERIFY(error.message.contains(QLatin1String("too old")));
        QVERIFY(!error.hint.isEmpty());
    }

    // Both listings share one path: a JSON array is converted element by element, anything else is
    // an unreadable answer naming what was asked, an error status is the engine's sentence.
    void listings_data() {
        QTest::addColumn<bool>("images");
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("count");          // -1: an error is expected
        QTest::addColumn<QString>("errorText");  // part of the error message
        QTest::addColumn<QString>("firstValue"); // first element's id / first tag
        const QByteArray json = "Content-Type: application/json\r\n";
        QTest::newRow("images")
            << true
            << response(
                   200, json,
                   R"([{"Id":"sha256:aa","RepoTags":["sagemath/sagemath:10.7"],"Size":42},{"Id":"sha256:bb"}])")
            << 2 << QString() << QStringLiteral("sagemath/sagemath:10.7");
        QTest::newRow("containers") << false << response(200, json, R"([{"Id":"c1","Names":["/x"]}])") << 1
                                    << QString() << QStringLiteral("c1");
        QTest::newRow("images, empty") << true << response(200, json, "[]") << 0 << QString() << QString();
        QTest::newRow("images, object") << true << response(200, json, R"({"Id":"x"})") << -1
                                        << QStringLiteral("list images") << QString();
        QTest::newRow("containers, not json")
            << false << response(200, {}, "<html>") << -1 << QStringLiteral("list containers") << QString();
        QTest::newRow("containers, server error")
            << false << response(500, json, R"({"message":"storage driver failed"})") << -1
            << QStringLiteral("storage driver failed") << QString();
    }

    void listings() {
        QFETCH(bool, images);
        QFETCH(QByteArray, answer);
        QFETCH(int, count);
        QFETCH(QString, errorText);
        QFETCH(QString, firstValue);
        CannedServer fake;
        fake.answers = {{"/_ping", response(200, "Api-Version: 1.43\r\n", "OK")},
                        {images ? "/images/json" : "/containers/json", answer}};
        engine::Client client(fake.endpoint());
        bool done = false;
        util::Error error;
        int got = -1;
        QString first;
        if (images) {
            client.listImages({}, this, [&](util::Result<QList<engine::ImageSummary>> r) {
                if (r.ok()) {
                    got = int(r->size());
                    first = r->isEmpty() ? QString() : r->first().repoTags.value(0);
                } else {
                    error = r.error();
                }
                done = true;
            });
        } else {
            client.listContainers({}, false, this, [&](util::Result<QList<engine::ContainerSummary>> r) {
                if (r.ok()) {
                    got = int(r->size());
                    first = r->isEmpty() ? QString() : r->first().id;
                } else {
                    error = r.error();
                }
                done = true;
            });
        }
        QTRY_VERIFY(done);
        QCOMPARE(got, count);
        QCOMPARE(first, firstValue);
        QCOMPARE(bool(error), count < 0);
        if (count < 0)
            QVERIFY2(error.message.contains(errorText), qPrintable(error.message));
    }

    void pingFailureReachesWaitingCalls() {
        CannedServer fake;
        fake.answers = {{"/_ping", response(500, {}, R"({"message":"daemon is shutting down"})")}};
        engine::Client client(fake.endpoint());
        int failures = 0;
        for (int i = 0; i < 3; ++i)
            client.inspectContainer(QStringLiteral("x"), this, [&](util::Result<engine::ContainerDetails> r) {
                failures += r.ok() ? 0 : 1;
            });
        QTRY_COMPARE(failures, 3);
        QCOMPARE(fake.requestLines.size(), 1); // one ping for all waiting calls
    }
};

QTEST_GUILESS_MAIN(TestNegotiation)
#include "tst_negotiation.moc"
