#pragma once
// What to send and what came back. Plain values: safe to copy across threads.
// Usage:
//   http::Request req;
//   req.url = QUrl(QStringLiteral("https://ghcr.io/v2/"));
//   req.setHeader("Accept", "application/json");

#include "util/error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <utility>

namespace sagedock::http {

using Header = std::pair<QByteArray, QByteArray>;
using Headers = QList<Header>;

struct RetryPolicy {
    int maxAttempts = 4;   // 1 = never retry
    int baseDelayMs = 200; // backoff: base * 2^(attempt-1), full jitter
    int maxDelayMs = 8000;
    int maxRetryAfterSec = 120; // a longer Retry-After is reported instead of waited for
};

struct Request {
    QByteArray method = "GET";
    QUrl url;
    Headers headers;
    QByteArray body;
    QString unixSocket; // connect through this socket instead of TCP (Docker Engine API)
    qint64 maxResponseBytes = 32LL * 1024 * 1024;
    int connectTimeoutMs = 10000;
    int lowSpeedTimeSec = 30; // abort when under 1 byte/s for this long; 0 = never
    int totalTimeoutMs = 0;   // 0 = no overall limit (streams, waits)
    bool followRedirects = true;
    bool streaming = false;     // deliver body chunks through Reply::dataReceived instead of buffering
    bool allowInsecure = false; // plain HTTP to a host that is not loopback
    bool verifyTls = true;
    QString clientCertificate; // PEM (Docker TLS)
    QString clientKey;
    QString caCertificate; // PEM file replacing the trust store for this request (Docker TLS)
    // Docker's per-registry certificate folders (certs.d/<host[:port]>), most specific first: every
    // *.crt is trusted in addition to the system's and the extra CA bundle, client.cert + client.key
    // are presented. Read by the transport thread (never the caller's), missing folders are skipped.
    QStringList tlsCertDirs;
    RetryPolicy retry;

    void setHeader(const QByteArray& name, const QByteArray& value);
    QByteArray header(const QByteArray& name) const;
};

struct Response {
    int status = 0;
    Headers headers; // of the final response, in order, names as sent
    QByteArray body; // empty for streaming requests
    QUrl effectiveUrl;
    util::Error error; // transport-level failure; an HTTP status is not an error here
    int attempts = 0;
    qint64 elapsedMs = 0;
    // An https request reached a server that answered in plain HTTP (no TLS at all): the registry
    // client's cue to fall back to http for loopback and insecure-marked registries, as dockerd does.
    bool serverSpeaksNoTls = false;

    QByteArray header(const QByteArray& name) const; // case-insensitive, last value wins
    QList<QByteArray> headerValues(const QByteArray& name) const;
    bool isSuccess() const { return !error && status >= 200 && status < 300; }
};

bool isLoopbackHost(const QString& host);
// "host" or "host:port" as written in image references and certs.d folder names.
QString hostPort(const QUrl& url);

} // namespace sagedock::http
