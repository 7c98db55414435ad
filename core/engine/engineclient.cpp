#include "engine/engineclient.h"

#include "engine/enginejobs.h"
#include "engine/errors.h"
#include "engine/logdemuxer.h"
#include "http/reply.h"
#include "util/log.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QVersionNumber>

namespace sagedock::engine {

using util::Error;
using util::ErrorCode;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::engine)
};

Error parseError(const QString& what) {
    return Error::make(ErrorCode::Protocol, Text::tr("The engine sent an unreadable answer to %1.").arg(what),
                       Text::tr("Check that the endpoint is a Docker or Podman engine."));
}

nlohmann::json parseJson(const QByteArray& body) {
    return nlohmann::json::parse(body.toStdString(), nullptr, false);
}

QByteArray filtersJson(const QStringList& labels, const QStringList& extraKeys = {},
                       const QStringList& extra = {}) {
    nlohmann::json f = nlohmann::json::object();
    if (!labels.isEmpty()) {
        nlohmann::json l = nlohmann::json::array();
        for (const QString& s : labels)
            l.push_back(s.toStdString());
        f["label"] = l;
    }
    for (qsizetype i = 0; i < extraKeys.size() && i < extra.size(); ++i)
        f[extraKeys.at(i).toStdString()].push_back(extra.at(i).toStdString());
    return QByteArray::fromStdString(f.dump());
}

} // namespace

QString minApiVersion(const QString& a, const QString& b) {
    const QVersionNumber va = QVersionNumber::fromString(a);
    const QVersionNumber vb = QVersionNumber::fromString(b);
    if (va.isNull())
        return b;
    if (vb.isNull())
        return a;
    return QVersionNumber::compare(va, vb) <= 0 ? a : b;
}

Client::Client(Endpoint endpoint, http::Transport& http, QObject* parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_http(http) {}

util::Result<Endpoint> Client::endpointFromSetting(const QString& settingValue) {
    return resolveEndpoint(EndpointInputs::fromProcess(settingValue));
}

http::Request Client::makeRequest(const QByteArray& method, const QString& path,
                                  const QUrlQuery& query) const {
    http::Request r;
    r.method = method;
    QString p = path;
    if (!m_apiVersion.isEmpty() && p != QLatin1String("/_ping"))
        p = QLatin1String("/v") + m_apiVersion + p;
    QUrl url(m_endpoint.baseUrl());
    url.setPath(p);
    if (!query.isEmpty())
        url.setQuery(query);
    r.url = url;
    if (m_endpoint.kind == Endpoint::Kind::Unix)
        r.unixSocket = m_endpoint.socketPath;
    r.caCertificate = m_endpoint.caFile;
    r.clientCertificate = m_endpoint.certFile;
    r.clientKey = m_endpoint.keyFile;
    r.verifyTls = m_endpoint.tlsVerify;
    // The daemon is configured explicitly by the user (DOCKER_HOST, context): plain tcp:// is its choice.
    r.allowInsecure = true;
    r.connectTimeoutMs = 5000;
    // Engine calls are not idempotent (create, start): never retried behind the caller's back.
    r.retry.maxAttempts = 1;
    r.setHeader("Accept", "application/json");
    return r;
}

void Client::ping(QObject* context, Callback<PingInfo> done) {
    QPointer<QObject> guard(context);
    if (m_endpoint.kind == Endpoint::Kind::Ssh) {
        const Error e = Error::make(
            ErrorCode::InvalidArgument,
            Text::tr("SageDock cannot talk to ssh:// engines directly (%1).").arg(m_endpoint.host),
            Text::tr("Forward the remote socket: ssh -NL /tmp/remote-docker.sock:/var/run/docker.sock %1, "
                     "then use "
                     "unix:///tmp/remote-docker.sock.")
                .arg(m_endpoint.address));
        QMetaObject::invokeMethod(
            this,
            [this, guard, done, e] {
                m_pingError = e;
                if (guard)
                    done(e);
                auto waiting = std::exchange(m_waiting, {});
                for (auto& w : waiting)
                    w.second(e);
            },
            Qt::QueuedConnection);
        return;
    }
    http::Request r = makeRequest("GET", QStringLiteral("/_ping"));
    r.totalTimeoutMs = 10000;
    m_pinging = true;
    http::Reply* reply = m_http.send(r);
    reply->setParent(this);
    connect(reply, &http::Reply::finished, this, [this, reply, guard, done] {
        reply->deleteLater();
        m_pinging = false;
        const http::Response& resp = reply->response();
        util::Result<PingInfo> result = Error{};
        if (!resp.isSuccess()) {
            result = resp.error
                         ? connectionError(resp, m_endpoint)
                         : errorFromMessage(resp.status, engineMessage(resp.body), Text::tr("answer /_ping"));
        } else {
            PingInfo info;
            info.apiVersion = QString::fromLatin1(resp.header("Api-Version"));
            info.libpodVersion = QString::fromLatin1(resp.header("Libpod-API-Version"));
            info.podman = !info.libpodVersion.isEmpty();
            info.server = QString::fromLatin1(resp.header("Server"));
            info.osType = QString::fromLatin1(resp.header("Ostype"));
            const QString offered =
                info.apiVersion.isEmpty() ? QString::fromLatin1(kFallbackApiVersion) : info.apiVersion;
            info.negotiatedVersion = minApiVersion(QString::fromLatin1(kMaxApiVersion), offered);
            m_apiVersion = info.negotiatedVersion;
            m_podman = info.podman;
            util::logInfo(QStringLiteral("engine %1: API %2 (daemon offers %3)%4")
                              .arg(m_endpoint.describe(), m_apiVersion, offered,
                                   m_podman ? QStringLiteral(", Podman") : QString()));
            result = info;
        }
        m_pingError = result.ok() ? Error{} : result.error();
        if (guard)
            done(result);
        auto waiting = std::exchange(m_waiting, {});
        for (auto& w : waiting) {
            if (result.ok())
                w.first();
            else
                w.second(result.error());
        }
    });
}

void Client::whenNegotiated(QObject* context, std::function<void()> then, std::function<void(Error)> failed) {
    QPointer<QObject> guard(context);
    auto thenGuarded = [guard, then] {
        if (guard)
            then();
    };
    auto failedGuarded = [guard, failed](Error e) {
        if (guard)
            failed(e);
    };
    if (!m_apiVersion.isEmpty()) {
        thenGuarded();
        return;
    }
    m_waiting.append({thenGuarded, failedGuarded});
    if (!m_pinging)
        ping(this, [](util::Result<PingInfo>) {});
}

void Client::call(http::Request request, QObject* context, const QString& action,
                  std::function<void(const http::Response&)> handler, std::function<void(Error)> failed) {
    QPointer<QObject> guard(context);
    whenNegotiated(
        context,
        [this, request, guard, action, handler, failed]() mutable {
            // An empty path segment means an empty object id: "/containers//stop" would reach a
            // different endpoint, or none, depending on the engine. Never send it.
            if (request.url.path().contains(QLatin1String("//")) ||
                request.url.path().endsWith(QLatin1Char('/'))) {
                failed(Error::make(
                    ErrorCode::InvalidArgument,
                    Text::tr("SageDock refused to %1: the engine object has no id.").arg(action)));
                return;
            }
            // The path was built before negotiation maybe: rebuild its version prefix now.
            static const QRegularExpression versioned(QStringLiteral("^/v\\d+\\.\\d+/"));
            if (!versioned.match(request.url.path()).hasMatch()) {
                QUrl url = request.url;
                url.setPath(QLatin1String("/v") + m_apiVersion + url.path());
                request.url = url;
            }
            http::Reply* reply = m_http.send(request);
            reply->setParent(this);
            connect(reply, &http::Reply::finished, this, [this, reply, guard, action, handler, failed] {
                reply->deleteLater();
                if (!guard)
                    return;
                const http::Response& resp = reply->response();
                if (resp.error) {
                    failed(connectionError(resp, m_endpoint));
                    return;
                }
                handler(resp);
            });
        },
        failed);
}

template <typename T>
void Client::callList(http::Request request, QObject* context, const QString& action,
                      T (*convert)(const nlohmann::json&), Callback<QList<T>> done) {
    call(
        std::move(request), context, action,
        [this, done, action, convert, request](const http::Response& resp) {
            if (!resp.isSuccess()) {
                done(errorFromResponse(resp, m_endpoint, action));
                return;
            }
            const nlohmann::json j = parseJson(resp.body);
            if (!j.is_array()) {
                done(parseError(action));
                return;
            }
            // Only objects with a usable id become items: an element that is not an object, or has an
            // empty or odd id, would become a session nobody can stop (or a request to "/containers//").
            QList<T> out;
            out.reserve(qsizetype(j.size()));
            qsizetype skipped = 0;
            for (const auto& item : j) {
                if (item.is_object())
                    if (T value = convert(item); isEngineId(value.id)) {
                        out << std::move(value);
                        continue;
                    }
                ++skipped;
            }
            if (skipped > 0)
                util::logWarning(
                    QStringLiteral("The engine's answer to %1 held %2 element(s) without a valid "
                                   "id; they were left out.")
                        .arg(request.url.path())
                        .arg(skipped));
            done(out);
        },
        [done](Error e) { done(e); });
}

void Client::version(QObject* context, Callback<EngineInfo> done) {
    call(
        makeRequest("GET", QStringLiteral("/version")), context, Text::tr("report its version"),
        [this, done](const http::Response& resp) {
            if (!resp.isSuccess()) {
                done(errorFromResponse(resp, m_endpoint, Text::tr("report its version")));
                return;
            }
            const nlohmann::json j = parseJson(resp.body);
            if (!j.is_object()) {
                done(parseError(QStringLiteral("/version")));
                return;
            }
            EngineInfo info = engineInfoFromJson(j);
            if (m_podman)
                info.product = QStringLiteral("Podman");
            info.apiVersion = m_apiVersion;
            info.endpoint = m_endpoint.describe();
            done(info);
        },
        [done](Error e) { done(e); });
}

void Client::inspectImage(const QString& reference, QObject* context, Callback<ImageDetails> done) {
    // The route is {name:.*}: slashes in the reference stay raw, other bytes are percent-encoded.
    http::Request r = makeRequest("GET", QStringLiteral("/images/%1/json").arg(reference));
    const QString action = Text::tr("inspect the image %1").arg(reference);
    call(
        r, context, action,
        [this, done, action, reference](const http::Response& resp) {
            if (resp.status == 404) {
                done(Error::make(ErrorCode::NotFound,
                                 Text::tr("The image %1 is not present locally.").arg(reference),
                                 Text::tr("Pull it first.")));
                return;
            }
            if (!resp.isSuccess()) {
                done(errorFromResponse(resp, m_endpoint, action));
                return;
            }
            const nlohmann::json j = parseJson(resp.body);
            if (!j.is_object()) {
                done(parseError(action));
                return;
            }
            done(imageDetailsFromJson(j));
        },
        [done](Error e) { done(e); });
}

void Client::listImages(const QString& referenceFilter, QObject* context,
                        Callback<QList<ImageSummary>> done) {
    // No `digests=1`: the Docker engine lists RepoDigests without it, and Podman 4.3 answers it
    // with 200 and an empty body.
    QUrlQuery q;
    if (!referenceFilter.isEmpty())
        q.addQueryItem(QStringLiteral("filters"),
                       QString::fromUtf8(filtersJson({}, {QStringLiteral("reference")}, {referenceFilter})));
    callList(makeRequest("GET", QStringLiteral("/images/json"), q), context, Text::tr("list images"),
             &imageSummaryFromJson, std::move(done));
}

void Client::createContainer(const CreateSpec& spec, QObject* context, Callback<QString> done) {
    QUrlQuery q;
    if (!spec.name.isEmpty())
        q.addQueryItem(QStringLiteral("name"), spec.name);
    http::Request r = makeRequest("POST", QStringLiteral("/containers/create"), q);
    r.setHeader("Content-Type", "application/json");
    r.body = QByteArray::fromStdString(spec.toJson().dump());
    const QString action = Text::tr("create the container");
    const QString image = spec.image;
    call(
        r, context, action,
        [this, done, action, image](const http::Response& resp) {
            if (resp.status == 404) {
                done(Error::make(ErrorCode::NotFound, Text::tr("No such image: %1").arg(image),
                                 Text::tr("Pull it first.")));
                return;
            }
            if (!resp.isSuccess()) {
                done(errorFromResponse(resp, m_endpoint, action));
                return;
            }
            const nlohmann::json j = parseJson(resp.body);
            auto id = j.is_object() ? j.find("Id") : j.end();
            if (!j.is_object() || id == j.end() || !id->is_string()) {
                done(parseError(action));
                return;
            }
            done(QString::fromStdString(id->get<std::string>()));
        },
        [done](Error e) { done(e); });
}

namespace {
// 204 = done, 304 = nothing to do (already started / stopped): both fine.
bool okOrNoop(const http::Response& r) {
    return r.status == 204 || r.status == 304 || r.status == 200;
}
} // namespace

void Client::startContainer(const QString& id, QObject* context, Done done) {
    const QString action = Text::tr("start the container");
    call(
        makeRequest("POST", QStringLiteral("/containers/%1/start").arg(id)), context, action,
        [this, done, action](const http::Response& resp) {
            done(okOrNoop(resp) ? Error{} : errorFromResponse(resp, m_endpoint, action));
        },
        done);
}

void Client::stopContainer(const QString& id, int timeoutSec, QObject* context, Done done) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("t"), QString::number(timeoutSec));
    http::Request r = makeRequest("POST", QStringLiteral("/containers/%1/stop").arg(id), q);
    r.lowSpeedTimeSec = 0; // the answer comes after the container stopped
    r.totalTimeoutMs = (timeoutSec + 30) * 1000;
    const QString action = Text::tr("stop the container");
    call(
        r, context, action,
        [this, done, action](const http::Response& resp) {
            done(okOrNoop(resp) ? Error{} : errorFromResponse(resp, m_endpoint, action));
        },
        done);
}

void Client::killContainer(const QString& id, QObject* context, Done done) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("signal"), QStringLiteral("SIGKILL"));
    const QString action = Text::tr("kill the container");
    call(
        makeRequest("POST", QStringLiteral("/containers/%1/kill").arg(id), q), context, action,
        [this, done, action](const http::Response& resp) {
            // 409: it was not running any more, which is what we wanted.
            done(okOrNoop(resp) || resp.status == 409 ? Error{}
                                                      : errorFromResponse(resp, m_endpoint, action));
        },
        done);
}

void Client::removeContainer(const QString& id, bool force, QObject* context, Done done) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("v"), QStringLiteral("1"));
    if (force)
        q.addQueryItem(QStringLiteral("force"), QStringLiteral("1"));
    const QString action = Text::tr("remove the container");
    call(
        makeRequest("DELETE", QStringLiteral("/containers/%1").arg(id), q), context, action,
        [this, done, action](const http::Response& resp) {
            // 404: already gone (AutoRemove or someone else) - the goal is reached.
            done(okOrNoop(resp) || resp.status == 404 ? Error{}
                                                      : errorFromResponse(resp, m_endpoint, action));
        },
        done);
}

void Client::waitContainer(const QString& id, const QString& condition, QObject* context,
                           Callback<int> done) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("condition"), condition);
    http::Request r = makeRequest("POST", QStringLiteral("/containers/%1/wait").arg(id), q);
    r.lowSpeedTimeSec = 0;
    r.totalTimeoutMs = 0;
    const QString action = Text::tr("wait for the container");
    call(
        r, context, action,
        [this, done, action](const http::Response& resp) {
            if (!resp.isSuccess()) {
                done(errorFromResponse(resp, m_endpoint, action));
                return;
            }
            const nlohmann::json j = parseJson(resp.body);
            auto code = j.is_object() ? j.find("StatusCode") : j.end();
            if (!j.is_object() || code == j.end() || !code->is_number()) {
                done(parseError(action));
                return;
            }
            done(code->get<int>());
        },
        [done](Error e) { done(e); });
}

void Client::inspectContainer(const QString& id, QObject* context, Callback<ContainerDetails> done) {
    const QString action = Text::tr("inspect the container");
    call(
        makeRequest("GET", QStringLiteral("/containers/%1/json").arg(id)), context, action,
        [this, done, action](const http::Response& resp) {
            if (!resp.isSuccess()) {
                done(errorFromResponse(resp, m_endpoint, action));
                return;
            }
            const nlohmann::json j = parseJson(resp.body);
            if (!j.is_object()) {
                done(parseError(action));
                return;
            }
            done(containerDetailsFromJson(j));
        },
        [done](Error e) { done(e); });
}

void Client::listContainers(const QStringList& labels, bool all, QObject* context,
                            Callback<QList<ContainerSummary>> done) {
    QUrlQuery q;
    if (all)
        q.addQueryItem(QStringLiteral("all"), QStringLiteral("1"));
    if (!labels.isEmpty())
        q.addQueryItem(QStringLiteral("filters"), QString::fromUtf8(filtersJson(labels)));
    callList(makeRequest("GET", QStringLiteral("/containers/json"), q), context, Text::tr("list containers"),
             &containerSummaryFromJson, std::move(done));
}

void Client::readLogs(const QString& id, int tail, bool tty, QObject* context, Callback<QByteArray> done) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("stdout"), QStringLiteral("1"));
    q.addQueryItem(QStringLiteral("stderr"), QStringLiteral("1"));
    q.addQueryItem(QStringLiteral("tail"), tail < 0 ? QStringLiteral("all") : QString::number(tail));
    const QString action = Text::tr("read the container's log");
    http::Request r = makeRequest("GET", QStringLiteral("/containers/%1/logs").arg(id), q);
    r.setHeader("Accept", "application/vnd.docker.multiplexed-stream");
    call(
        r, context, action,
        [this, done, action, tty](const http::Response& resp) {
            if (!resp.isSuccess()) {
                done(errorFromResponse(resp, m_endpoint, action));
                return;
            }
            if (tty) {
                done(resp.body);
                return;
            }
            LogDemuxer demux;
            QByteArray text;
            for (const LogFrame& f : demux.feed(resp.body))
                text += f.payload;
            done(text);
        },
        [done](Error e) { done(e); });
}

} // namespace sagedock::engine

namespace sagedock::engine {

PullJob* Client::pull(const QString& reference) {
    auto* job = new PullJob(this, reference);
    job->setIdleTimeoutMs(m_pullIdleTimeoutMs);
    job->start();
    return job;
}

LogStream* Client::followLogs(const QString& id, bool tty, int tail, bool timestamps) {
    auto* job = new LogStream(this, id, tty, tail, timestamps);
    job->start();
    return job;
}

EventStream* Client::events(const QStringList& labels, const QStringList& eventTypes) {
    auto* job = new EventStream(this, labels, eventTypes);
    job->start();
    return job;
}

} // namespace sagedock::engine
