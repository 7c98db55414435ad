#include "faultproxy.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

namespace sagedock::testsupport {

namespace {

QByteArray headerValue(const http::Headers& headers, const QByteArray& name) {
    for (const http::Header& h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

QByteArray reason(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 304:
        return "Not Modified";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

// "/v2/<name>/tags/list?x" → "<name>"; empty for /v2/ itself.
QString repositoryOf(const QByteArray& target) {
    QByteArray path = target.split('?').first();
    if (!path.startsWith("/v2/"))
        return {};
    path = path.mid(4);
    for (const char* marker : {"/tags/", "/manifests/", "/blobs/"}) {
        const qsizetype at = path.lastIndexOf(marker);
        if (at > 0)
            return QString::fromUtf8(path.left(at));
    }
    return {};
}

QByteArray randomToken() {
    QByteArray bytes(24, Qt::Uninitialized);
    for (char& c : bytes)
        c = char(QRandomGenerator::global()->bounded(256));
    return bytes.toHex();
}

QByteArray basic(const QString& user, const QString& password) {
    return "Basic " + QByteArray(user.toUtf8() + ':' + password.toUtf8()).toBase64();
}

} // namespace

FaultProxy::FaultProxy(QString upstream, QObject* parent)
    : QObject(parent)
    , m_upstream(std::move(upstream))
    , m_server(new QTcpServer(this))
    , m_network(new QNetworkAccessManager(this)) {
    connect(m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy() {
    m_server->close();
    // Stalled and in-flight sockets are children of the server's connections: close them now so the
    // client side sees the end instead of a hang.
    for (QTcpSocket* s : findChildren<QTcpSocket*>())
        s->abort();
}

bool FaultProxy::start(QString* why) {
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        if (why)
            *why = QStringLiteral("fault proxy cannot listen: %1").arg(m_server->errorString());
        return false;
    }
    return true;
}

QString FaultProxy::address() const {
    return QStringLiteral("127.0.0.1:%1").arg(m_server->serverPort());
}

int FaultProxy::addRule(const Rule& rule) {
    m_rules.append(rule);
    return int(m_rules.size() - 1);
}

void FaultProxy::clearRules() {
    m_rules.clear();
}

void FaultProxy::requireBearer(const TokenAuth& auth) {
    m_auth = AuthMode::Bearer;
    m_tokenAuth = auth;
}

void FaultProxy::requireBasic(const QString& user, const QString& password) {
    m_auth = AuthMode::Basic;
    m_basicUser = user;
    m_basicPassword = password;
}

void FaultProxy::clearAuth() {
    m_auth = AuthMode::None;
}

void FaultProxy::revokeTokens() {
    m_tokens.clear();
}

int FaultProxy::count(const QByteArray& method, const QString& pathPattern) const {
    const QRegularExpression re(pathPattern);
    int n = 0;
    for (const Seen& s : m_seen)
        if ((method.isEmpty() || s.method == method) && re.match(QString::fromUtf8(s.path)).hasMatch())
            ++n;
    return n;
}

void FaultProxy::clearLog() {
    m_seen.clear();
    m_seenIndex.clear();
    m_tokenRequests = 0;
    m_tokenAuthorizations.clear();
    m_tokenScopes.clear();
}

void FaultProxy::onNewConnection() {
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            m_seenIndex.remove(socket);
            socket->deleteLater();
        });
    }
}

void FaultProxy::onReadyRead(QTcpSocket* socket) {
    if (socket->property("handled").toBool()) {
        socket->readAll(); // one request per connection: we answer with Connection: close
        return;
    }
    QByteArray& buffer = m_buffers[socket];
    buffer.append(socket->readAll());
    if (buffer.startsWith('\x16')) {
        // A TLS ClientHello (record type 22): answer as Go's, nginx's and Python's plain-HTTP servers
        // do, so a client trying HTTPS first learns at once that this registry has no TLS.
        m_buffers.remove(socket);
        socket->setProperty("handled", true);
        socket->write("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTPS request to an HTTP server.\n");
        socket->disconnectFromHost();
        return;
    }
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() < 2) {
        socket->abort();
        return;
    }
    http::Headers headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    const qint64 length = headerValue(headers, "Content-Length").toLongLong();
    if (buffer.size() < end + 4 + length)
        return; // body still arriving
    const QByteArray body = buffer.mid(end + 4, length);
    socket->setProperty("handled", true);
    m_buffers.remove(socket);
    const QByteArray method = requestLine.at(0);
    const QByteArray target = requestLine.at(1);
    m_seenIndex.insert(socket, m_seen.size());
    m_seen.append(Seen{method, target, headerValue(headers, "Authorization"), 0});
    handle(socket, method, target, headers, body);
}

void FaultProxy::logStatus(QTcpSocket* socket, int status) {
    const qsizetype i = m_seenIndex.value(socket, -1);
    if (i >= 0 && i < m_seen.size())
        m_seen[i].status = status;
}

FaultProxy::Rule* FaultProxy::match(const QByteArray& method, const QByteArray& target) {
    for (Rule& r : m_rules) {
        if (r.times == 0)
            continue;
        if (!r.method.isEmpty() && r.method != method)
            continue;
        if (!r.path.match(QString::fromUtf8(target)).hasMatch())
            continue;
        if (r.times > 0)
            --r.times;
        return &r;
    }
    return nullptr;
}

void FaultProxy::handle(QTcpSocket* socket, const QByteArray& method, const QByteArray& target,
                        const http::Headers& headers, const QByteArray& body) {
    if (target.startsWith("/token")) {
        issueToken(socket, method == "POST" ? QByteArray("/token?") + body : target, headers);
        return;
    }
    if (!authorized(socket, target, headers))
        return;
    const Rule* rule = match(method, target);
    if (!rule || rule->fault == Fault::MalformedJson || rule->fault == Fault::TruncatedBody ||
        rule->fault == Fault::PaginateTags || rule->fault == Fault::PaginationLoop ||
        rule->fault == Fault::ForeignLink || rule->fault == Fault::AddHeaders) {
        // Copy: the rule list may change while the upstream answer is on its way.
        forward(socket, method, target, headers, body, rule ? new Rule(*rule) : nullptr);
        return;
    }
    switch (rule->fault) {
    case Fault::Status:
        respond(socket, rule->status, rule->headers, rule->body, method);
        return;
    case Fault::Stall:
        return; // keep the socket, say nothing
    case Fault::OversizedBody: {
        QByteArray big = "{\"name\":\"x\",\"tags\":[\"";
        big.append(QByteArray(std::max<qint64>(rule->size, 1), 'a'));
        big.append("\"]}");
        respond(socket, 200, {{"Content-Type", "application/json"}}, big, method);
        return;
    }
    default:
        return;
    }
}

bool FaultProxy::authorized(QTcpSocket* socket, const QByteArray& target, const http::Headers& headers) {
    if (m_auth == AuthMode::None)
        return true;
    const QByteArray auth = headerValue(headers, "Authorization");
    const QByteArray unauthorizedBody =
        R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]})";
    if (m_auth == AuthMode::Basic) {
        if (auth == basic(m_basicUser, m_basicPassword))
            return true;
        respond(socket, 401,
                {{"WWW-Authenticate", "Basic realm=\"sagedock-test\""},
                 {"Docker-Distribution-API-Version", "registry/2.0"},
                 {"Content-Type", "application/json"}},
                unauthorizedBody, "GET");
        return false;
    }
    const QString repository = repositoryOf(target);
    const QByteArray realm =
        m_tokenAuth.realm.isEmpty() ? "http://" + address().toUtf8() + "/token" : m_tokenAuth.realm.toUtf8();
    QByteArray challenge = "Bearer realm=\"" + realm + "\",service=\"" + m_tokenAuth.service.toUtf8() + "\"";
    if (!repository.isEmpty())
        challenge += ",scope=\"repository:" + repository.toUtf8() + ":pull\"";
    if (auth.startsWith("Bearer ")) {
        const QByteArray token = auth.mid(7);
        if (m_tokens.contains(token)) {
            const bool withAccount = m_tokens.value(token);
            if (withAccount || !m_tokenAuth.privateRepositories.contains(repository))
                return true;
            challenge += ",error=\"insufficient_scope\"";
        } else {
            challenge += ",error=\"invalid_token\"";
        }
    }
    respond(socket, 401,
            {{"WWW-Authenticate", challenge},
             {"Docker-Distribution-API-Version", "registry/2.0"},
             {"Content-Type", "application/json"}},
            unauthorizedBody, "GET");
    return false;
}

void FaultProxy::issueToken(QTcpSocket* socket, const QByteArray& target, const http::Headers& headers) {
    ++m_tokenRequests;
    const QByteArray auth = headerValue(headers, "Authorization");
    m_tokenAuthorizations.append(auth);
    const QUrlQuery query(QString::fromUtf8(target.mid(target.indexOf('?') + 1)));
    m_tokenScopes.append(query.allQueryItemValues(QStringLiteral("scope"), QUrl::FullyDecoded));
    bool withAccount = false;
    if (query.queryItemValue(QStringLiteral("grant_type")) == QLatin1String("refresh_token")) {
        // OAuth2 refresh-token grant: the "identity token" is the account's password here.
        withAccount =
            !m_tokenAuth.user.isEmpty() &&
            query.queryItemValue(QStringLiteral("refresh_token"), QUrl::FullyDecoded) == m_tokenAuth.password;
        if (!withAccount) {
            respond(socket, 401, {{"Content-Type", "application/json"}},
                    R"({"details":"invalid refresh token"})", "GET");
            return;
        }
    } else if (!auth.isEmpty()) {
        withAccount = !m_tokenAuth.user.isEmpty() && auth == basic(m_tokenAuth.user, m_tokenAuth.password);
        if (!withAccount) {
            respond(socket, 401, {{"Content-Type", "application/json"}},
                    R"({"details":"incorrect username or password"})", "GET");
            return;
        }
    } else if (!m_tokenAuth.anonymousAllowed) {
        respond(socket, 401, {{"Content-Type", "application/json"}}, R"({"details":"login required"})",
                "GET");
        return;
    }
    const QByteArray token = randomToken();
    m_tokens.insert(token, withAccount);
    QJsonObject o;
    o.insert(m_tokenAuth.useAccessTokenField ? QStringLiteral("access_token") : QStringLiteral("token"),
             QString::fromLatin1(token));
    if (m_tokenAuth.expiresIn > 0)
        o.insert(QStringLiteral("expires_in"), m_tokenAuth.expiresIn);
    o.insert(QStringLiteral("issued_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    respond(socket, 200, {{"Content-Type", "application/json"}},
            QJsonDocument(o).toJson(QJsonDocument::Compact), "GET");
}

void FaultProxy::forward(QTcpSocket* socket, const QByteArray& method, const QByteArray& target,
                         const http::Headers& headers, const QByteArray& body, const Rule* rule) {
    QNetworkRequest request(QUrl::fromEncoded("http://" + m_upstream.toUtf8() + target));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const http::Header& h : headers) {
        const QByteArray name = h.first.toLower();
        if (name == "host" || name == "connection" || name == "authorization" || name == "content-length" ||
            name == "accept-encoding" || name == "expect" || name == "transfer-encoding")
            continue;
        request.setRawHeader(h.first, h.second);
    }
    QNetworkReply* reply = nullptr;
    if (method == "HEAD")
        reply = m_network->head(request);
    else if (method == "GET")
        reply = m_network->get(request);
    else
        reply = m_network->sendCustomRequest(request, method, body);
    QPointer<QTcpSocket> client(socket);
    connect(reply, &QNetworkReply::finished, this, [this, reply, client, method, target, rule] {
        std::unique_ptr<const Rule> owned(rule);
        reply->deleteLater();
        if (!client)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QByteArray body = reply->readAll();
        if (status == 0) {
            respond(client, 502, {{"Content-Type", "text/plain"}}, reply->errorString().toUtf8(), method);
            return;
        }
        http::Headers out;
        for (const auto& [name, value] : reply->rawHeaderPairs()) {
            const QByteArray lower = name.toLower();
            if (lower == "transfer-encoding" || lower == "connection" || lower == "content-encoding" ||
                lower == "keep-alive" || (lower == "content-length" && method != "HEAD"))
                continue;
            out.append({name, value});
        }
        qint64 declared = -1;
        if (rule) {
            const QString repository = repositoryOf(target);
            const QByteArray base = "/v2/" + repository.toUtf8() + "/tags/list";
            switch (rule->fault) {
            case Fault::MalformedJson:
                body = body.left(std::max<qsizetype>(1, body.size() / 2));
                break;
            case Fault::TruncatedBody:
                declared = body.size();
                break;
            case Fault::AddHeaders:
                out.append(rule->headers);
                break;
            case Fault::PaginationLoop:
                out.append({"Link", "<" + base + "?loop=1>; rel=\"next\""});
                break;
            case Fault::ForeignLink:
                out.append({"Link", "<http://elsewhere.invalid" + base + "?last=x>; rel=\"next\""});
                break;
            case Fault::PaginateTags: {
                if (status != 200)
                    break;
                const QJsonObject o = QJsonDocument::fromJson(body).object();
                // Served in lexical order like a spec-following registry (2.8 lists storage order).
                QStringList sorted;
                for (const QJsonValue& v : o.value(QLatin1String("tags")).toArray())
                    sorted.append(v.toString());
                sorted.sort();
                const QJsonArray all = QJsonArray::fromStringList(sorted);
                const QUrlQuery query(QString::fromUtf8(target.mid(target.indexOf('?') + 1)));
                const QString last =
                    target.contains('?') ? query.queryItemValue(QStringLiteral("last")) : QString();
                qsizetype start = 0;
                if (!last.isEmpty())
                    while (start < all.size() && all.at(start).toString() <= last)
                        ++start;
                QJsonArray page;
                for (qsizetype i = start; i < all.size() && page.size() < rule->pageSize; ++i)
                    page.append(all.at(i));
                QJsonObject answer{{QStringLiteral("name"), repository}, {QStringLiteral("tags"), page}};
                body = QJsonDocument(answer).toJson(QJsonDocument::Compact);
                if (start + page.size() < all.size()) {
                    const QByteArray next = base +
                                            "?last=" + QUrl::toPercentEncoding(page.last().toString()) +
                                            "&n=" + QByteArray::number(rule->pageSize);
                    const QByteArray prefix =
                        rule->absoluteLinks ? "http://" + address().toUtf8() : QByteArray();
                    out.append({"Link", "<" + prefix + next + ">; rel=\"next\""});
                }
                break;
            }
            default:
                break;
            }
        }
        respond(client, status, out, body, method, declared);
    });
}

void FaultProxy::respond(QTcpSocket* socket, int status, http::Headers headers, const QByteArray& body,
                         const QByteArray& method, qint64 declaredLength) {
    logStatus(socket, status);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    bool hasLength = false;
    for (const http::Header& h : headers) {
        if (h.first.compare("Content-Length", Qt::CaseInsensitive) == 0)
            hasLength = true;
        out += h.first + ": " + h.second + "\r\n";
    }
    if (!hasLength)
        out += "Content-Length: " + QByteArray::number(declaredLength >= 0 ? declaredLength : body.size()) +
               "\r\n";
    out += "Connection: close\r\n\r\n";
    if (method != "HEAD")
        out += declaredLength >= 0 ? body.left(body.size() / 2) : body;
    socket->write(out);
    socket->disconnectFromHost(); // after the pending bytes are written
}

} // namespace sagedock::testsupport
