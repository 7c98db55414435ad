#include "http/transport.h"

#include "http/retrypolicy.h"
#include "http/transport_p.h"
#include "util/log.h"
#include "util/userfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMetaObject>

#include <random>

namespace sagedock::http {

namespace {

using util::Error;
using util::ErrorCode;

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::http)
};

void globalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

template <typename F> void post(const std::shared_ptr<ReplyLink>& link, F&& f) {
    QMutexLocker lock(&link->mutex);
    if (link->reply)
        QMetaObject::invokeMethod(link->reply, std::forward<F>(f), Qt::QueuedConnection);
}

bool isRetryableCurlError(CURLcode code) {
    switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return true;
    default:
        return false;
    }
}

QString where(const Request& r) {
    if (!r.unixSocket.isEmpty())
        return r.unixSocket;
    return r.url.host() + (r.url.port() > 0 ? QStringLiteral(":%1").arg(r.url.port()) : QString());
}

// Where the CA or client certificate for this host goes, for the fix in a TLS sentence.
QString certsFolder(const Transfer& t) {
    if (!t.request.tlsCertDirs.isEmpty())
        return t.request.tlsCertDirs.first();
    return QStringLiteral("/etc/docker/certs.d/") + hostPort(t.request.url);
}

// OpenSSL's X509_V_ERR_* values as libcurl reports them through CURLINFO_SSL_VERIFYRESULT.
enum : long {
    X509CertNotYetValid = 9,
    X509CertHasExpired = 10,
    X509DepthZeroSelfSigned = 18,
    X509SelfSignedInChain = 19,
    X509UnableToGetIssuerLocally = 20,
    X509UnableToVerifyLeaf = 21,
    X509HostnameMismatch = 62,
};

// The TLS alerts a server sends when it wants a (different) client certificate.
bool isClientCertificateAlert(const QString& detail) {
    return detail.contains(QLatin1String("certificate required"), Qt::CaseInsensitive) ||
           detail.contains(QLatin1String("bad certificate"), Qt::CaseInsensitive) ||
           detail.contains(QLatin1String("unknown ca"), Qt::CaseInsensitive);
}

Error tlsError(CURLcode code, const Transfer& t, const QString& host, const QString& detail) {
    const QString folder = certsFolder(t);
    const long verify = t.sslVerifyResult;
    const bool nameMismatch = verify == X509HostnameMismatch ||
                              detail.contains(QLatin1String("subject name"), Qt::CaseInsensitive) ||
                              detail.contains(QLatin1String("does not match"), Qt::CaseInsensitive);
    if (code == CURLE_SSL_CERTPROBLEM)
        return Error::make(ErrorCode::Tls,
                           Text::tr("The client certificate for %1 cannot be used (%2).").arg(host, detail),
                           Text::tr("Check client.cert and client.key in %1: a PEM certificate and its "
                                    "unencrypted key.")
                               .arg(folder));
    if (nameMismatch)
        return Error::make(
            ErrorCode::Tls,
            Text::tr("The certificate of %1 is not issued for the name %2.").arg(host, t.request.url.host()),
            Text::tr("Use the host name the certificate names, or have the registry's operator issue one "
                     "for this name."));
    if (verify == X509CertHasExpired || verify == X509CertNotYetValid)
        return Error::make(
            ErrorCode::Tls,
            verify == X509CertHasExpired ? Text::tr("The certificate of %1 has expired.").arg(host)
                                         : Text::tr("The certificate of %1 is not valid yet.").arg(host),
            Text::tr("The registry's operator must renew it; check this computer's clock too."));
    if (verify == X509DepthZeroSelfSigned || verify == X509SelfSignedInChain ||
        verify == X509UnableToGetIssuerLocally || verify == X509UnableToVerifyLeaf ||
        code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE ||
        code == CURLE_SSL_ISSUER_ERROR)
        return Error::make(
            ErrorCode::Tls,
            Text::tr("%1 presents a certificate signed by a CA this computer does not trust.").arg(host),
            Text::tr("Put that CA certificate in %1/ca.crt, or name it under Preferences > Extra CA "
                     "certificates.")
                .arg(folder));
    if (isClientCertificateAlert(detail))
        return Error::make(
            ErrorCode::Tls, Text::tr("%1 wants a client certificate it trusts (%2).").arg(host, detail),
            Text::tr("Put client.cert and client.key, signed by a CA the registry trusts, in %1.")
                .arg(folder));
    return Error::make(ErrorCode::Tls, Text::tr("Secure connection to %1 failed: %2.").arg(host, detail),
                       Text::tr("Put the registry's CA certificate in %1/ca.crt, or mark the registry "
                                "insecure in Preferences if it only speaks plain HTTP.")
                           .arg(folder));
}

Error mapCurlError(CURLcode code, const Transfer& t) {
    const QString detail = QString::fromUtf8(t.errorBuffer[0] ? t.errorBuffer : curl_easy_strerror(code));
    const QString host = where(t.request);
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
        return Error::make(ErrorCode::Timeout, Text::tr("%1 did not answer in time (%2).").arg(host, detail),
                           Text::tr("Check the network, or try again later."));
    case CURLE_COULDNT_RESOLVE_HOST:
        return Error::make(ErrorCode::Network, Text::tr("Cannot find the host %1.").arg(host),
                           Text::tr("Check the name and your network connection."));
    case CURLE_COULDNT_CONNECT:
        return Error::make(ErrorCode::Network, Text::tr("Cannot connect to %1 (%2).").arg(host, detail),
                           Text::tr("Check that the service is running and the address is right."));
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
        return tlsError(code, t, host, detail);
    case CURLE_FILESIZE_EXCEEDED:
        return Error::make(ErrorCode::TooLarge, Text::tr("The answer from %1 is larger than %2 bytes.")
                                                    .arg(host)
                                                    .arg(t.request.maxResponseBytes));
    case CURLE_TOO_MANY_REDIRECTS:
        return Error::make(ErrorCode::Protocol, Text::tr("%1 redirected too many times.").arg(host));
    case CURLE_UNSUPPORTED_PROTOCOL:
        return Error::make(
            ErrorCode::Protocol,
            Text::tr("%1 redirected to a protocol that is not allowed (%2).").arg(host, detail),
            Text::tr("SageDock never downgrades HTTPS to plain HTTP."));
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        // Retried already (isRetryableCurlError): the server or a proxy keeps cutting connections.
        return Error::make(
            ErrorCode::Network,
            Text::tr("%1 closed the connection in the middle of an answer, %n time(s) in a row (%2).",
                     nullptr, t.response.attempts)
                .arg(host, detail),
            Text::tr("Try again; if it persists, a proxy or the server drops connections."));
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
        // HTTPS, connected, and closed before a single status line: with TLS 1.3 a server that rejects
        // the client certificate (missing, or from a CA it does not trust) says so only after the
        // client's side of the handshake is done, as an alert or a plain close.
        if (t.request.url.scheme() == QLatin1String("https") && t.currentStatus == 0 && t.received == 0 &&
            isClientCertificateAlert(detail))
            return tlsError(code, t, host, detail);
        if (t.request.url.scheme() == QLatin1String("https") && t.currentStatus == 0 && t.received == 0)
            return Error::make(
                ErrorCode::Tls, Text::tr("%1 refused the secure connection: %2.").arg(host, detail),
                Text::tr("If it needs a client certificate, put client.cert and client.key in %1.")
                    .arg(certsFolder(t)));
        return Error::make(ErrorCode::Network, Text::tr("Request to %1 failed: %2").arg(host, detail));
    default:
        return Error::make(ErrorCode::Network, Text::tr("Request to %1 failed: %2").arg(host, detail));
    }
}

// An https request answered by a plain-HTTP server: OpenSSL reads "HTTP/1.1 400" as a TLS record.
bool answeredWithoutTls(CURLcode code, const Transfer& t) {
    if (code != CURLE_SSL_CONNECT_ERROR || t.request.url.scheme() != QLatin1String("https"))
        return false;
    const QByteArray detail(t.errorBuffer);
    return detail.contains("wrong version number") || detail.contains("packet length too long") ||
           detail.contains("record layer failure") || detail.contains("http request");
}

bool isRedirectStatus(long status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Plain HTTP only ever reaches loopback or the insecure-marked host the request was for, after
// redirects too; an https request is never continued over http.
Error redirectRefusal(const Request& r, const QUrl& original, const QUrl& next) {
    const QString scheme = next.scheme();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme != QLatin1String("http"))
        return Error::make(
            ErrorCode::Protocol,
            Text::tr("%1 redirected to %2, a protocol SageDock does not follow.")
                .arg(hostPort(original), next.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
    const bool fromHttp = original.scheme() == QLatin1String("http");
    const bool sameHost = hostPort(next).compare(hostPort(original), Qt::CaseInsensitive) == 0;
    if (fromHttp && (isLoopbackHost(next.host()) || (r.allowInsecure && sameHost)))
        return {};
    return Error::make(ErrorCode::Protocol,
                       Text::tr("%1 redirected to plain HTTP at %2; SageDock refused to follow.")
                           .arg(hostPort(original), hostPort(next)),
                       Text::tr("Plain HTTP only reaches this computer or a registry marked insecure in "
                                "Preferences; ask the registry's operator to redirect to HTTPS."));
}

QByteArray originOf(const QUrl& url) {
    return (url.scheme() + QLatin1String("://") + hostPort(url)).toLower().toUtf8();
}

QByteArray systemCaBundle() {
    for (const char* path :
         {"/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"}) {
        QFile f(QString::fromLatin1(path));
        if (f.open(QIODevice::ReadOnly))
            return f.readAll();
    }
    return {};
}

constexpr int kMaxRedirects = 10;
constexpr qint64 kMaxCaBytes = 16LL * 1024 * 1024;
// certs.d is read again after this long: a CA put there after a failure is used on the next try.
constexpr auto kTlsMaterialTtl = std::chrono::seconds(5);

double random01() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

} // namespace

// ---------------------------------------------------------------------------------------------
TransportImpl::TransportImpl(TransportOptions opts)
    : options(std::move(opts)) {
    globalInit();
    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_PIPELINING, long(CURLPIPE_MULTIPLEX));
    curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, long(options.maxConnectionsPerHost));
    curl_multi_setopt(m_multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, long(options.maxTotalConnections));
    curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, long(options.maxTotalConnections));
    curl_multi_setopt(m_multi, CURLMOPT_MAX_CONCURRENT_STREAMS, long(options.maxStreamsPerConnection));
    m_thread = std::thread([this] { run(); });
}

TransportImpl::~TransportImpl() {
    stop();
    curl_multi_cleanup(m_multi);
}

void TransportImpl::stop() {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return;
        m_stopping = true;
    }
    curl_multi_wakeup(m_multi);
    if (m_thread.joinable())
        m_thread.join();
}

void TransportImpl::submit(std::shared_ptr<Transfer> transfer) {
    {
        std::lock_guard lock(m_mutex);
        m_toAdd.push_back(std::move(transfer));
    }
    curl_multi_wakeup(m_multi);
}

void TransportImpl::cancel(quint64 id) {
    {
        std::lock_guard lock(m_mutex);
        m_toCancel.push_back(id);
    }
    curl_multi_wakeup(m_multi);
}

namespace {

// The PEM of an extra CA bundle, or why it cannot be used, as one sentence naming the file and the fix.
util::Result<QByteArray> readCaBundle(const QString& path) {
    auto pem = util::readUserFile(path, kMaxCaBytes);
    QString why;
    if (!pem.ok())
        why = pem.error().message;
    else if (!pem.value().contains("-----BEGIN CERTIFICATE-----"))
        why = Text::tr("%1 holds no PEM certificate (-----BEGIN CERTIFICATE-----).").arg(path);
    else
        return pem;
    return Error::make(ErrorCode::InvalidArgument,
                       Text::tr("The Extra CA certificates file is not used, only the system's CAs: %1")
                           .arg(why.endsWith(QLatin1Char('.')) ? why.chopped(1) : why),
                       Text::tr("Choose a PEM file of CA certificates under Preferences > Extra CA "
                                "certificates, or clear it."));
}

} // namespace

// On the engine thread: the caller's thread (the GUI's) never waits on a file a setting names, which
// may be a FIFO, a device or huge. A bad file is reported (extraCaProblem) and the system trust used.
void TransportImpl::loadExtraCa() {
    if (options.extraCaBundle.isEmpty())
        return;
    auto pem = readCaBundle(options.extraCaBundle);
    if (pem.ok()) {
        caBlob = systemCaBundle() + "\n" + pem.value();
        return;
    }
    util::logWarning(QStringLiteral("extra CA bundle not used: %1").arg(pem.error().toString()));
    QMutexLocker lock(&problemMutex);
    caProblem = pem.error();
}

std::shared_ptr<const TlsMaterial> TransportImpl::tlsFor(const QStringList& dirs) {
    const QString key = dirs.join(QLatin1Char('\n'));
    const auto now = std::chrono::steady_clock::now();
    if (auto it = m_tls.find(key); it != m_tls.end() && now - it->second->readAt < kTlsMaterialTtl)
        return it->second;
    auto m = std::make_shared<TlsMaterial>();
    m->readAt = now;
    QByteArray extra;
    for (const QString& dir : dirs) {
        const QDir folder(dir);
        if (!folder.exists())
            continue;
        // Docker's rules: *.crt are CA roots; a client certificate *.cert needs the *.key of its name.
        for (const QString& name : folder.entryList({QStringLiteral("*.crt")}, QDir::Files, QDir::Name)) {
            auto pem = util::readUserFile(folder.filePath(name), kMaxCaBytes);
            if (pem.ok())
                extra += "\n" + pem.value();
            else
                util::logWarning(QStringLiteral("certificate skipped: %1").arg(pem.error().toString()));
        }
        if (m->clientCertificate.isEmpty())
            for (const QString& name :
                 folder.entryList({QStringLiteral("*.cert")}, QDir::Files, QDir::Name)) {
                const QString keyName = name.chopped(5) + QStringLiteral(".key");
                if (!folder.exists(keyName)) {
                    m->problem = Error::make(ErrorCode::Tls,
                                             Text::tr("%1 has no matching key.").arg(folder.filePath(name)),
                                             Text::tr("Put its key next to it as %1.").arg(keyName));
                    break;
                }
                m->clientCertificate = folder.filePath(name);
                m->clientKey = folder.filePath(keyName);
                break;
            }
    }
    if (!extra.isEmpty())
        m->caBundle = (caBlob.isEmpty() ? systemCaBundle() : caBlob) + extra;
    m_tls[key] = m;
    return m;
}

void TransportImpl::run() {
    loadExtraCa();
    for (;;) {
        std::deque<std::shared_ptr<Transfer>> adds;
        std::vector<quint64> cancels;
        bool stopping = false;
        {
            std::lock_guard lock(m_mutex);
            adds.swap(m_toAdd);
            cancels.swap(m_toCancel);
            stopping = m_stopping;
        }
        if (stopping) {
            for (auto& t : adds)
                m_active.emplace(t->id, t);
            for (auto& t : m_waitingRetry)
                m_active.emplace(t->id, t);
            m_waitingRetry.clear();
            for (auto& [id, t] : m_active) {
                t->cancelled = true;
                t->response.error = Error::make(ErrorCode::Cancelled, Text::tr("Cancelled."));
                if (t->easy)
                    curl_multi_remove_handle(m_multi, t->easy);
                finish(t);
            }
            m_active.clear();
            return;
        }
        for (auto& t : adds)
            start(t);
        for (quint64 id : cancels) {
            std::shared_ptr<Transfer> t;
            if (auto it = m_active.find(id); it != m_active.end()) {
                t = it->second;
                m_active.erase(it);
                curl_multi_remove_handle(m_multi, t->easy);
            } else {
                auto it2 = std::find_if(m_waitingRetry.begin(), m_waitingRetry.end(),
                                        [id](const auto& w) { return w->id == id; });
                if (it2 == m_waitingRetry.end())
                    continue;
                t = *it2;
                m_waitingRetry.erase(it2);
            }
            t->cancelled = true;
            t->response.error = Error::make(ErrorCode::Cancelled, Text::tr("Cancelled."));
            finish(t);
        }
        const auto now = std::chrono::steady_clock::now();
        auto nextRetry = std::chrono::steady_clock::time_point::max();
        for (auto it = m_waitingRetry.begin(); it != m_waitingRetry.end();) {
            if ((*it)->retryAt <= now) {
                auto t = *it;
                it = m_waitingRetry.erase(it);
                start(t);
            } else {
                nextRetry = std::min(nextRetry, (*it)->retryAt);
                ++it;
            }
        }

        int running = 0;
        curl_multi_perform(m_multi, &running);
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(m_multi, &queued)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            Transfer* raw = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &raw);
            const CURLcode result = msg->data.result;
            auto it = m_active.find(raw->id);
            if (it == m_active.end())
                continue;
            auto t = it->second;
            m_active.erase(it);
            curl_multi_remove_handle(m_multi, t->easy);
            complete(t, result);
        }

        int timeoutMs = 1000;
        if (nextRetry != std::chrono::steady_clock::time_point::max()) {
            const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(nextRetry - now).count();
            timeoutMs = int(std::clamp<long long>(wait, 0, 1000));
        }
        curl_multi_poll(m_multi, nullptr, 0, timeoutMs, nullptr);
    }
}

void TransportImpl::start(const std::shared_ptr<Transfer>& t, bool newAttempt) {
    if (!t->timer.isValid())
        t->timer.start();
    if (!t->easy) {
        if (t->request.url.scheme() == QLatin1String("https") && !t->request.tlsCertDirs.isEmpty()) {
            t->tls = tlsFor(t->request.tlsCertDirs);
            if (t->tls->problem) {
                t->response.error = t->tls->problem;
                return finish(t);
            }
        }
        t->easy = curl_easy_init();
        configure(*t);
    }
    // Per-attempt state.
    t->response.body.clear();
    t->currentHeaders.clear();
    t->currentStatus = 0;
    t->received = 0;
    t->tooLarge = false;
    t->headersDelivered = false;
    t->errorBuffer[0] = 0;
    t->sslVerifyResult = 0;
    if (newAttempt)
        t->response.attempts += 1;
    requestsStarted.fetch_add(1, std::memory_order_relaxed);
    m_active.emplace(t->id, t);
    curl_multi_add_handle(m_multi, t->easy);
}

void TransportImpl::configure(Transfer& t) {
    CURL* e = t.easy;
    const Request& r = t.request;
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.errorBuffer);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_URL, r.url.toEncoded().constData());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    if (r.method == "HEAD") {
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else if (r.method == "GET") {
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method.constData());
        if (!r.body.isEmpty() || r.method == "POST" || r.method == "PUT") {
            curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(r.body.size()));
            curl_easy_setopt(e, CURLOPT_COPYPOSTFIELDS, r.body.constData());
        }
    }
    for (const Header& h : r.headers)
        t.headerList = curl_slist_append(t.headerList, QByteArray(h.first + ": " + h.second).constData());
    t.headerList = curl_slist_append(t.headerList, "Expect:"); // no 100-continue round trip
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headerList);
    curl_easy_setopt(e, CURLOPT_USERAGENT, options.userAgent.constData());
    if (!r.unixSocket.isEmpty())
        curl_easy_setopt(e, CURLOPT_UNIX_SOCKET_PATH, r.unixSocket.toLocal8Bit().constData());

    // Redirects are followed in complete(), hop by hop, so the plain-HTTP rule applies to each hop.
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, long(r.connectTimeoutMs));
    if (r.lowSpeedTimeSec > 0) {
        curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, long(r.lowSpeedTimeSec));
    }
    if (r.totalTimeoutMs > 0)
        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, long(r.totalTimeoutMs));
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    if (!r.streaming)
        curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(r.maxResponseBytes));
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, r.verifyTls ? 1L : 0L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, r.verifyTls ? 2L : 0L);
    const TlsMaterial* tls = t.tls.get();
    if (!r.caCertificate.isEmpty()) {
        curl_easy_setopt(e, CURLOPT_CAINFO, r.caCertificate.toLocal8Bit().constData());
    } else if (tls && !tls->caBundle.isEmpty()) {
        // t.tls keeps the bytes alive for the transfer's lifetime.
        curl_blob blob{const_cast<char*>(tls->caBundle.constData()), size_t(tls->caBundle.size()),
                       CURL_BLOB_NOCOPY};
        curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
    } else if (!caBlob.isEmpty()) {
        curl_blob blob{const_cast<char*>(caBlob.constData()), size_t(caBlob.size()), CURL_BLOB_NOCOPY};
        curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
    }
    const QString clientCert = !r.clientCertificate.isEmpty() ? r.clientCertificate
                               : tls                          ? tls->clientCertificate
                                                              : QString();
    const QString clientKey = !r.clientKey.isEmpty() ? r.clientKey : tls ? tls->clientKey : QString();
    if (!clientCert.isEmpty())
        curl_easy_setopt(e, CURLOPT_SSLCERT, clientCert.toLocal8Bit().constData());
    if (!clientKey.isEmpty())
        curl_easy_setopt(e, CURLOPT_SSLKEY, clientKey.toLocal8Bit().constData());
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &TransportImpl::onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &TransportImpl::onWrite);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
}

size_t TransportImpl::onHeader(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    const QByteArray line = QByteArray(data, qsizetype(n)).trimmed();
    if (line.startsWith("HTTP/")) {
        // A new response starts (after a redirect or 100 Continue): forget the previous headers.
        t->currentHeaders.clear();
        const QList<QByteArray> parts = line.split(' ');
        t->currentStatus = parts.size() > 1 ? parts.at(1).toInt() : 0;
    } else if (const qsizetype colon = line.indexOf(':'); colon > 0) {
        t->currentHeaders.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return n;
}

size_t TransportImpl::onWrite(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    t->received += qint64(n);
    if (t->received > t->request.maxResponseBytes) {
        t->tooLarge = true;
        return 0; // aborts the transfer with CURLE_WRITE_ERROR
    }
    // Error answers of streaming requests are buffered so callers can read the message.
    if (t->request.streaming && t->currentStatus < 300) {
        if (!t->headersDelivered) {
            t->headersDelivered = true;
            const int status = t->currentStatus;
            const Headers headers = t->currentHeaders;
            post(t->link, [r = t->link->reply, status, headers] { r->deliverHeaders(status, headers); });
        }
        t->deliveredData = true;
        QByteArray chunk(data, qsizetype(n));
        QMutexLocker lock(&t->link->mutex);
        if (Reply* reply = t->link->reply)
            QMetaObject::invokeMethod(
                reply, [reply, chunk] { Q_EMIT reply->dataReceived(chunk); }, Qt::QueuedConnection);
    } else {
        t->response.body.append(data, qsizetype(n));
    }
    return n;
}

void TransportImpl::complete(const std::shared_ptr<Transfer>& t, CURLcode result) {
    long status = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    long connects = 0;
    curl_easy_getinfo(t->easy, CURLINFO_NUM_CONNECTS, &connects);
    connectionsOpened.fetch_add(quint64(connects), std::memory_order_relaxed);
    char* effective = nullptr;
    curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &effective);
    curl_easy_getinfo(t->easy, CURLINFO_SSL_VERIFYRESULT, &t->sslVerifyResult);
    if (result == CURLE_OK && t->request.followRedirects && isRedirectStatus(status) && !t->tooLarge &&
        followRedirect(t))
        return;

    Response& resp = t->response;
    resp.status = int(status);
    resp.headers = t->currentHeaders;
    resp.effectiveUrl = effective ? QUrl::fromEncoded(effective) : t->request.url;
    resp.error = {};
    if (t->tooLarge)
        resp.error = Error::make(ErrorCode::TooLarge, Text::tr("The answer from %1 is larger than %2 bytes.")
                                                          .arg(where(t->request))
                                                          .arg(t->request.maxResponseBytes));
    else if (result != CURLE_OK)
        resp.error = mapCurlError(result, *t);
    resp.serverSpeaksNoTls = result != CURLE_OK && answeredWithoutTls(result, *t);

    const RetryPolicy& policy = t->request.retry;
    const bool retryable = !t->deliveredData && !t->tooLarge &&
                           ((result != CURLE_OK && isRetryableCurlError(result)) ||
                            (result == CURLE_OK && isRetryableStatus(resp.status)));
    // A connection that breaks takes every HTTP/2 stream on it along. A stream that rode an existing
    // connection (one that had worked for others) and had not seen a byte of its answer is a
    // casualty, not the cause: up to kFreeCasualtyRetries such attempts do not count against the
    // policy, so 160 streams on a connection that keeps being cut are not given up after the fourth
    // cut. A server that drops every new connection unanswered still fails after maxAttempts.
    constexpr int kFreeCasualtyRetries = 8;
    const bool connectionLost = result != CURLE_OK && result != CURLE_COULDNT_CONNECT &&
                                result != CURLE_COULDNT_RESOLVE_HOST; // never connected: not a casualty
    if (connectionLost && retryable && connects == 0 && t->currentStatus == 0 && t->currentHeaders.isEmpty())
        ++t->casualties;
    const int allowed =
        policy.maxAttempts + (policy.maxAttempts > 1 ? std::min(t->casualties, kFreeCasualtyRetries) : 0);
    if (retryable && resp.attempts < allowed) {
        qint64 delayMs = backoffDelayMs(policy, resp.attempts, random01());
        bool give_up = false;
        if (result == CURLE_OK) {
            if (auto after = parseRetryAfter(resp.header("Retry-After"), QDateTime::currentDateTimeUtc())) {
                if (*after > policy.maxRetryAfterSec)
                    give_up = true; // tell the user when to come back instead of hanging
                else
                    delayMs = std::max<qint64>(*after * 1000, 0);
            }
        }
        if (!give_up) {
            util::logDebug(QStringLiteral("retrying %1 %2 in %3 ms (attempt %4, status %5)")
                               .arg(QString::fromLatin1(t->request.method), t->request.url.toString())
                               .arg(delayMs)
                               .arg(resp.attempts)
                               .arg(resp.status));
            t->retryAt = std::chrono::steady_clock::now() + std::chrono::milliseconds(delayMs);
            m_waitingRetry.push_back(t);
            return;
        }
    }
    finish(t);
}

// True when the transfer goes on at the Location; false when there is none to follow (the 3xx is then
// the answer) or the hop is refused (the error is set and the transfer finished here).
bool TransportImpl::followRedirect(const std::shared_ptr<Transfer>& t) {
    QByteArray location;
    for (const Header& h : t->currentHeaders)
        if (h.first.compare("Location", Qt::CaseInsensitive) == 0)
            location = h.second;
    if (location.isEmpty())
        return false;
    const QUrl next = t->request.url.resolved(QUrl::fromEncoded(location));
    Error refused = redirectRefusal(t->request, t->originalUrl, next);
    if (!refused && ++t->redirects > kMaxRedirects)
        refused = Error::make(ErrorCode::Protocol,
                              Text::tr("%1 redirected too many times.").arg(hostPort(t->originalUrl)));
    if (refused) {
        t->response.status = 0;
        t->response.headers = t->currentHeaders;
        t->response.effectiveUrl = t->request.url;
        t->response.error = refused;
        finish(t);
        return true;
    }
    // Credentials belong to the origin they were sent to: never carried to another host, port or scheme.
    if (originOf(next) != originOf(t->originalUrl))
        t->request.headers.removeIf(
            [](const Header& h) { return h.first.compare("Authorization", Qt::CaseInsensitive) == 0; });
    const long status = t->currentStatus;
    if (status == 303 || ((status == 301 || status == 302) && t->request.method == "POST")) {
        t->request.method = "GET";
        t->request.body.clear();
    }
    t->request.url = next;
    t->tls.reset();
    release(*t);
    start(t, false);
    return true;
}

void TransportImpl::finish(const std::shared_ptr<Transfer>& t) {
    t->response.elapsedMs = t->timer.isValid() ? t->timer.elapsed() : 0;
    if (!t->cancelled && t->request.streaming && !t->headersDelivered && t->response.status > 0 &&
        t->response.status < 300) {
        const int status = t->response.status;
        const Headers headers = t->response.headers;
        post(t->link, [r = t->link->reply, status, headers] { r->deliverHeaders(status, headers); });
    }
    Response response = t->response;
    post(t->link, [r = t->link->reply, response]() mutable { r->deliverFinished(std::move(response)); });
    release(*t);
}

void TransportImpl::release(Transfer& t) {
    if (t.easy) {
        curl_easy_cleanup(t.easy);
        t.easy = nullptr;
    }
    if (t.headerList) {
        curl_slist_free_all(t.headerList);
        t.headerList = nullptr;
    }
}

// ---------------------------------------------------------------------------------------------
Transport::Transport(TransportOptions options)
    : d(std::make_shared<TransportImpl>(std::move(options))) {}

Transport::~Transport() {
    d->stop();
}

const TransportOptions& Transport::options() const {
    return d->options;
}

util::Error Transport::caBundleProblem(const QString& path) {
    if (path.isEmpty())
        return {};
    auto pem = readCaBundle(path);
    return pem.ok() ? Error() : pem.error();
}

util::Error Transport::extraCaProblem() const {
    QMutexLocker lock(&d->problemMutex);
    return d->caProblem;
}

Transport& Transport::shared() {
    static Transport engine;
    return engine;
}

Reply* Transport::send(Request request) {
    const quint64 id = d->nextId.fetch_add(1);
    auto* reply = new Reply(d, request, id);
    const QString scheme = request.url.scheme();
    Error refused;
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        refused = Error::make(ErrorCode::InvalidArgument,
                              Text::tr("Unsupported address %1.").arg(request.url.toDisplayString()));
    else if (scheme == QLatin1String("http") && request.unixSocket.isEmpty() && !request.allowInsecure &&
             !isLoopbackHost(request.url.host()))
        refused = Error::make(
            ErrorCode::InvalidArgument, Text::tr("Refusing plain HTTP to %1.").arg(request.url.host()),
            Text::tr("Use HTTPS, or mark the registry as insecure in Preferences if you trust the network."));
    if (refused) {
        Response response;
        response.error = refused;
        QMetaObject::invokeMethod(
            reply, [reply, response] { reply->deliverFinished(response); }, Qt::QueuedConnection);
        reply->start();
        return reply;
    }
    auto transfer = std::make_shared<Transfer>();
    transfer->id = id;
    transfer->originalUrl = request.url;
    transfer->request = std::move(request);
    transfer->link = reply->m_link;
    // Submitted now rather than in doStart(): no event-loop turn of latency, and the answer still
    // reaches the reply only through a queued call, after the caller has connected.
    d->submit(std::move(transfer));
    reply->markSubmitted(); // a cancel from now on must reach the transport thread
    reply->start();
    return reply;
}

quint64 Transport::requestsStarted() const {
    return d->requestsStarted.load();
}
quint64 Transport::connectionsOpened() const {
    return d->connectionsOpened.load();
}

} // namespace sagedock::http
