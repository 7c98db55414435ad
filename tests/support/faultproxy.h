#pragma once
// A small HTTP/1.1 proxy in the test process, in front of the real registry, that injects faults
// on request and can put the registry behind Bearer-token or Basic auth with its own token issuer.
// Everything runs on the test's event loop (QTcpServer + QNetworkAccessManager), so tests drive
// it with QSignalSpy::wait / QTRY_* like any other async part. Reusable by every helper's tests.
// Usage:
//   testsupport::FaultProxy proxy(registryAddress);
//   QVERIFY2(proxy.start(&why), qPrintable(why));
//   proxy.addRule({.path = QRegularExpression("/tags/list"), .fault = FaultProxy::Fault::Status,
//                  .times = 1, .status = 429, .headers = {{"Retry-After", "1"}}});
//   proxy.requireBearer({.user = "sage", .password = "pw"});
//   client.listTags({proxy.address(), "x/y"});   // then: proxy.count("GET", "/tags/list")

#include "http/request.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>

class QNetworkAccessManager;
class QTcpServer;
class QTcpSocket;

namespace sagedock::testsupport {

class FaultProxy : public QObject {
    Q_OBJECT
public:
    enum class Fault {
        Status,         // answer `status` with `headers` and `body` without asking the registry
        MalformedJson,  // the registry's status and headers, a body cut to invalid JSON
        TruncatedBody,  // the registry's headers and Content-Length, half the body, then close
        Stall,          // accept and never answer (the socket stays open)
        OversizedBody,  // 200 with a JSON body of `size` bytes
        PaginateTags,   // tags/list served in pages of `pageSize` with Link rel="next" (`absoluteLinks`)
        PaginationLoop, // tags/list whose Link points back to an already served page
        ForeignLink,    // tags/list with a Link to another host
        AddHeaders,     // forward, adding `headers` to the answer (rate limits, Warning, ...)
    };
    struct Rule {
        QRegularExpression path{}; // matched against the path with query, e.g. "/manifests/dev$"
        QByteArray method{};       // empty = any
        Fault fault = Fault::Status;
        int times = -1; // how many requests it applies to; -1 = all
        int status = 503;
        http::Headers headers{};
        QByteArray body{};
        qint64 size = 0;
        int pageSize = 2;
        bool absoluteLinks = false;
    };
    struct TokenAuth {
        QString service = QStringLiteral("sagedock-test-registry");
        QString user{}; // empty = no account: every token is anonymous
        QString password{};
        bool anonymousAllowed = true;
        QStringList privateRepositories{}; // need a token issued with the account
        int expiresIn = 300;               // 0 = leave expires_in out
        bool useAccessTokenField = false;  // answer {"access_token":...} instead of {"token":...}
        QString realm{};                   // empty = this proxy's /token; else named in the challenge as is
    };
    struct Seen {
        QByteArray method{};
        QByteArray path; // with query
        QByteArray authorization;
        int status = 0;
    };

    explicit FaultProxy(QString upstream, QObject* parent = nullptr); // upstream "127.0.0.1:PORT"
    ~FaultProxy() override;

    bool start(QString* why);
    QString address() const; // "127.0.0.1:PORT"

    int addRule(const Rule& rule); // rules are tried in order; returns its index
    void clearRules();
    void requireBearer(const TokenAuth& auth);
    void requireBasic(const QString& user, const QString& password);
    void clearAuth();
    void revokeTokens(); // tokens issued so far stop working (401 invalid_token)

    QList<Seen> requests() const { return m_seen; }
    // Requests whose method matches (empty = any) and whose path matches `pathPattern`.
    int count(const QByteArray& method, const QString& pathPattern) const;
    int tokenRequests() const { return m_tokenRequests; }
    QList<QByteArray> tokenAuthorizations() const { return m_tokenAuthorizations; }
    QList<QStringList> tokenScopes() const { return m_tokenScopes; } // the scope parameters, per request
    void clearLog();

private:
    struct Connection;
    struct Pending;
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void handle(QTcpSocket* socket, const QByteArray& method, const QByteArray& target,
                const http::Headers& headers, const QByteArray& body);
    void issueToken(QTcpSocket* socket, const QByteArray& target, const http::Headers& headers);
    bool authorized(QTcpSocket* socket, const QByteArray& target, const http::Headers& headers);
    void forward(QTcpSocket* socket, const QByteArray& method, const QByteArray& target,
                 const http::Headers& headers, const QByteArray& body, const Rule* rule);
    void respond(QTcpSocket* socket, int status, http::Headers headers, const QByteArray& body,
                 const QByteArray& method, qint64 declaredLength = -1);
    Rule* match(const QByteArray& method, const QByteArray& target);
    void logStatus(QTcpSocket* socket, int status);

    QString m_upstream;
    QTcpServer* m_server = nullptr;
    QNetworkAccessManager* m_network = nullptr;
    QList<Rule> m_rules;
    QList<Seen> m_seen;
    QHash<QTcpSocket*, qsizetype> m_seenIndex;
    QHash<QTcpSocket*, QByteArray> m_buffers;

    enum class AuthMode { None, Bearer, Basic };
    AuthMode m_auth = AuthMode::None;
    TokenAuth m_tokenAuth;
    QString m_basicUser, m_basicPassword;
    QHash<QByteArray, bool> m_tokens; // token → issued with the account
    int m_tokenRequests = 0;
    QList<QByteArray> m_tokenAuthorizations;
    QList<QStringList> m_tokenScopes;
};

} // namespace sagedock::testsupport
