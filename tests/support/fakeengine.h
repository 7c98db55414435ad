#pragma once
// A container engine of the tests' own: an HTTP/1.1 server on a Unix socket in the test process that
// answers /_ping by itself and every other request through the test's handler, so a test can play a
// hostile or broken engine (stalled streams, endless lines, odd JSON) on its own event loop.
// Usage:
//   testsupport::FakeEngine engine;
//   QVERIFY2(engine.start(&why), qPrintable(why));
//   engine.setHandler([](const FakeEngine::Request& r, QLocalSocket* s) {
//       FakeEngine::reply(s, 200, "[]"); });
//   env.insert("DOCKER_HOST", engine.dockerHost());   // or engine::parseHost(engine.dockerHost())

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <functional>

class QLocalServer;
class QLocalSocket;

namespace sagedock::testsupport {

class FakeEngine : public QObject {
    Q_OBJECT
public:
    struct Request {
        QByteArray method;
        QByteArray path; // with query, version prefix included ("/v1.41/containers/json?all=1")
        QByteArray body;
    };
    using Handler = std::function<void(const Request& request, QLocalSocket* socket)>;

    explicit FakeEngine(QObject* parent = nullptr);
    ~FakeEngine() override;

    bool start(QString* why);
    QString socketPath() const;
    QString dockerHost() const { return QStringLiteral("unix://") + socketPath(); }
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    QList<Request> requests() const { return m_requests; } // every request but /_ping

    // A whole answer with Content-Length; the connection is closed after it.
    static void reply(QLocalSocket* socket, int status, const QByteArray& body);
    // The head of a chunked answer; then chunk() any number of times, endChunks() to finish.
    static void beginChunks(QLocalSocket* socket, int status = 200);
    static void chunk(QLocalSocket* socket, const QByteArray& data);
    static void endChunks(QLocalSocket* socket);

private:
    void onReadyRead(QLocalSocket* socket);

    QTemporaryDir m_dir;
    QLocalServer* m_server = nullptr;
    Handler m_handler;
    QList<Request> m_requests;
};

} // namespace sagedock::testsupport
