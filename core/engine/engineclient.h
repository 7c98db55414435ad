#pragma once
// The Docker Engine API client (Docker or Podman's compat API) over the shared http::Transport: unix
// socket or tcp with TLS client certificates. The API version is negotiated from /_ping
// (min(client maximum, the daemon's Api-Version)) before the first versioned call; never fixed.
// Calls are asynchronous: the callback runs in the caller's thread, and not at all when `context`
// was destroyed first. Long streams (pull, logs, events) are util::Jobs (see enginejobs.h), returned
// started.
// Why the one-exchange calls (ping … readLogs) are not util::ValueJob<T> yet: each is a single short
// request whose only "cancel" is to stop caring, which the context already expresses (the engine
// carries out a create or stop that was sent either way); and their callers (the build runner, the
// status widget, the session store, the CLI verbs) are being reshaped by other branches of the same
// step, so converting about forty call sites now would collide with them. The conversion is
// mechanical and belongs to a follow-up: call() becomes a ValueJob that owns its http::Reply.
// Usage:
//   std::shared_ptr<engine::Client> client = services.engine(); // services::Services builds the one client
//   client->version(this, [](util::Result<engine::EngineInfo> info) { ... });

#include "engine/endpoint.h"
#include "engine/types.h"
#include "http/transport.h"
#include "util/error.h"

#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>

namespace sagedock::engine {

class PullJob;
class LogStream;
class EventStream;

class Client : public QObject {
    Q_OBJECT
public:
    template <typename T> using Callback = std::function<void(util::Result<T>)>;
    using Done = std::function<void(util::Error)>; // no error = success

    // The newest Engine API this client knows; the daemon may offer less.
    static constexpr const char* kMaxApiVersion = "1.47";
    // Used when /_ping has no Api-Version header (very old daemons).
    static constexpr const char* kFallbackApiVersion = "1.24";

    explicit Client(Endpoint endpoint, http::Transport& http = http::Transport::shared(),
                    QObject* parent = nullptr);
    // Resolves the endpoint like the docker CLI (settings value may be empty); null + error on failure.
    static util::Result<Endpoint> endpointFromSetting(const QString& settingValue);

    const Endpoint& endpoint() const { return m_endpoint; }
    http::Transport& http() const { return m_http; }
    QString apiVersion() const { return m_apiVersion; } // empty until negotiated
    bool isPodman() const { return m_podman; }
    // How long a pull may go without a byte from the engine before it fails with a Timeout (also
    // before the first byte). Docker and Podman report progress every few seconds while they work.
    static constexpr int kDefaultPullIdleTimeoutMs = 300000;
    void setPullIdleTimeoutMs(int ms) { m_pullIdleTimeoutMs = ms; }
    int pullIdleTimeoutMs() const { return m_pullIdleTimeoutMs; }

    // GET /_ping: negotiates the API version and recognises Podman. Re-pings when called again.
    void ping(QObject* context, Callback<PingInfo> done);
    // GET /version (after negotiation).
    void version(QObject* context, Callback<EngineInfo> done);

    // Images
    void inspectImage(const QString& reference, QObject* context, Callback<ImageDetails> done);
    void listImages(const QString& referenceFilter, QObject* context, Callback<QList<ImageSummary>> done);
    // POST /images/create; the job is started (it begins one event-loop turn later) and owned by the caller.
    PullJob* pull(const QString& reference);

    // Containers
    void createContainer(const CreateSpec& spec, QObject* context, Callback<QString> done); // -> id
    void startContainer(const QString& id, QObject* context, Done done);
    void stopContainer(const QString& id, int timeoutSec, QObject* context, Done done);
    void killContainer(const QString& id, QObject* context, Done done);
    void removeContainer(const QString& id, bool force, QObject* context, Done done);
    // condition: "not-running", "next-exit" or "removed". Yields the exit code.
    void waitContainer(const QString& id, const QString& condition, QObject* context, Callback<int> done);
    void inspectContainer(const QString& id, QObject* context, Callback<ContainerDetails> done);
    // Containers carrying all of these labels ("key" or "key=value"), running or not.
    void listContainers(const QStringList& labels, bool all, QObject* context,
                        Callback<QList<ContainerSummary>> done);
    // GET /containers/{id}/logs without follow: the last `tail` lines (-1 = all), demuxed unless tty.
    void readLogs(const QString& id, int tail, bool tty, QObject* context, Callback<QByteArray> done);
    // Streaming logs (follow) and events; jobs started like pull()'s and owned by the caller.
    LogStream* followLogs(const QString& id, bool tty, int tail = -1, bool timestamps = false);
    EventStream* events(const QStringList& labels, const QStringList& eventTypes = {});

    // Builds a request for path (e.g. "/containers/json") on the negotiated version. Used by the jobs.
    http::Request makeRequest(const QByteArray& method, const QString& path,
                              const QUrlQuery& query = {}) const;
    // Runs `then` once the API version is known (at once if it is), or reports the ping error.
    void whenNegotiated(QObject* context, std::function<void()> then,
                        std::function<void(util::Error)> failed);

private:
    // Sends a versioned request and hands the finished response (or transport error) to handler.
    void call(http::Request request, QObject* context, const QString& action,
              std::function<void(const http::Response&)> handler, std::function<void(util::Error)> failed);
    // GETs a JSON array (a listing) and converts each element; a non-2xx answer or anything but an
    // array is an error naming `action`. Defined in the .cpp (used there only).
    template <typename T>
    void callList(http::Request request, QObject* context, const QString& action,
                  T (*convert)(const nlohmann::json&), Callback<QList<T>> done);

    Endpoint m_endpoint;
    http::Transport& m_http;
    QString m_apiVersion;
    bool m_podman = false;
    bool m_pinging = false;
    int m_pullIdleTimeoutMs = kDefaultPullIdleTimeoutMs;
    util::Error m_pingError;
    QList<std::pair<std::function<void()>, std::function<void(util::Error)>>> m_waiting;
};

// Version strings "1.41" compared numerically; the smaller of the two.
QString minApiVersion(const QString& a, const QString& b);

} // namespace sagedock::engine
