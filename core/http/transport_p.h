#pragma once
// Private to core/http: the libcurl multi loop behind http::Transport.

#include "http/transport.h"

#include <QElapsedTimer>
#include <QMutex>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <curl/curl.h>

namespace sagedock::http {

// Shared between a Reply and the engine thread; the mutex guards `reply` only.
struct ReplyLink {
    QMutex mutex;
    Reply* reply = nullptr;
};

// What the certs.d folders of one registry hold, read on the engine thread.
struct TlsMaterial {
    QByteArray caBundle; // base trust + the folders' *.crt; empty = the base trust as it is
    QString clientCertificate;
    QString clientKey;
    util::Error problem; // a client certificate without its key, an unreadable file
    std::chrono::steady_clock::time_point readAt;
};

struct Transfer {
    quint64 id = 0;
    Request request;
    QUrl originalUrl; // before redirects: the origin credentials belong to
    int redirects = 0;
    long sslVerifyResult = 0;
    std::shared_ptr<const TlsMaterial> tls; // keeps the CA blob alive while libcurl may read it
    Response response;
    std::shared_ptr<ReplyLink> link;
    CURL* easy = nullptr;
    curl_slist* headerList = nullptr;
    Headers currentHeaders;
    int currentStatus = 0;
    bool headersDelivered = false;
    bool deliveredData = false; // streaming bytes already handed out: a retry would repeat them
    bool tooLarge = false;
    bool cancelled = false;
    int casualties = 0; // attempts lost with their connection before a byte of their answer came
    qint64 received = 0;
    QElapsedTimer timer;
    std::chrono::steady_clock::time_point retryAt;
    char errorBuffer[CURL_ERROR_SIZE] = {};
};

struct TransportImpl {
    explicit TransportImpl(TransportOptions options);
    ~TransportImpl();

    void submit(std::shared_ptr<Transfer> transfer);
    void cancel(quint64 id);
    void stop();

    TransportOptions options;
    QByteArray caBlob; // system + extra CA bundle (engine thread; empty = libcurl's default trust)
    QMutex problemMutex;
    util::Error caProblem; // the extra CA bundle could not be used
    std::atomic<quint64> nextId{1};
    std::atomic<quint64> requestsStarted{0};
    std::atomic<quint64> connectionsOpened{0};

private:
    void run();
    void loadExtraCa();
    std::shared_ptr<const TlsMaterial> tlsFor(const QStringList& dirs);
    bool followRedirect(const std::shared_ptr<Transfer>& t);
    void start(const std::shared_ptr<Transfer>& t, bool newAttempt = true);
    void configure(Transfer& t);
    void complete(const std::shared_ptr<Transfer>& t, CURLcode result);
    void finish(const std::shared_ptr<Transfer>& t);
    void release(Transfer& t);

    static size_t onHeader(char* data, size_t size, size_t count, void* user);
    static size_t onWrite(char* data, size_t size, size_t count, void* user);

    CURLM* m_multi = nullptr;
    std::thread m_thread;
    std::mutex m_mutex; // guards the three queues below and m_stopping
    std::deque<std::shared_ptr<Transfer>> m_toAdd;
    std::vector<quint64> m_toCancel;
    bool m_stopping = false;
    // engine thread only:
    std::map<quint64, std::shared_ptr<Transfer>> m_active;
    std::vector<std::shared_ptr<Transfer>> m_waitingRetry;
    std::map<QString, std::shared_ptr<const TlsMaterial>> m_tls; // by certs.d folders
};

} // namespace sagedock::http
