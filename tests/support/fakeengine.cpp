#include "fakeengine.h"

#include <QDir>
#include <QHash>
#include <QLocalServer>
#include <QLocalSocket>

namespace sagedock::testsupport {

FakeEngine::FakeEngine(QObject* parent)
    : QObject(parent)
    , m_server(new QLocalServer(this)) {}

FakeEngine::~FakeEngine() = default;

bool FakeEngine::start(QString* why) {
    if (!m_dir.isValid()) {
        *why = QStringLiteral("no temporary folder for the socket");
        return false;
    }
    if (!m_server->listen(socketPath())) {
        *why = m_server->errorString();
        return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* s = m_server->nextPendingConnection()) {
            connect(s, &QLocalSocket::readyRead, this, [this, s] { onReadyRead(s); });
            connect(s, &QLocalSocket::disconnected, s, &QObject::deleteLater);
        }
    });
    return true;
}

QString FakeEngine::socketPath() const {
    return QDir(m_dir.path()).filePath(QStringLiteral("engine.sock"));
}

void FakeEngine::onReadyRead(QLocalSocket* socket) {
    // Every answer closes its connection, so a connection carries one request: its bytes are kept
    // on the socket until the head and the Content-Length body are complete.
    QByteArray buffer = socket->property("sagedockBuffer").toByteArray() + socket->readAll();
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        socket->setProperty("sagedockBuffer", buffer);
        return;
    }
    const QByteArray head = buffer.left(headEnd);
    qsizetype length = 0;
    for (const QByteArray& line : head.split('\n'))
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    if (buffer.size() - headEnd - 4 < length) {
        socket->setProperty("sagedockBuffer", buffer);
        return;
    }
    socket->setProperty("sagedockBuffer", QByteArray());
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    Request request{requestLine.value(0), requestLine.value(1), buffer.mid(headEnd + 4, length)};
    if (request.path.endsWith("/_ping")) {
        reply(socket, 200, "OK");
        return;
    }
    m_requests.append(request);
    if (m_handler)
        m_handler(request, socket);
    else
        reply(socket, 404, R"({"message":"no handler"})");
}

namespace {

QByteArray statusLine(int status) {
    static const QHash<int, QByteArray> reasons = {
        {200, "OK"},        {204, "No Content"}, {304, "Not Modified"},         {400, "Bad Request"},
        {404, "Not Found"}, {409, "Conflict"},   {500, "Internal Server Error"}};
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasons.value(status, "Status") + "\r\n";
}

} // namespace

void FakeEngine::reply(QLocalSocket* socket, int status, const QByteArray& body) {
    socket->write(statusLine(status) + "Api-Version: 1.41\r\nContent-Type: application/json\r\n" +
                  "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" +
                  body);
    socket->disconnectFromServer();
}

void FakeEngine::beginChunks(QLocalSocket* socket, int status) {
    socket->write(
        statusLine(status) +
        "Api-Version: 1.41\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
}

void FakeEngine::chunk(QLocalSocket* socket, const QByteArray& data) {
    if (!data.isEmpty())
        socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void FakeEngine::endChunks(QLocalSocket* socket) {
    socket->write("0\r\n\r\n");
    socket->disconnectFromServer();
}

} // namespace sagedock::testsupport
