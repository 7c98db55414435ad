#include "engine/enginejobs.h"

#include "engine/engineclient.h"
#include "engine/errors.h"
#include "http/reply.h"
#include "util/jsonnumber.h"
#include "util/redact.h"

#include <QCoreApplication>
#include <QTimer>

#include <limits>

namespace sagedock::engine {

using util::Error;
using util::ErrorCode;

namespace {

// Streams run for as long as they need: no size cap, no low-speed abort, no overall timeout.
void makeStreaming(http::Request& r) {
    r.streaming = true;
    r.maxResponseBytes = std::numeric_limits<qint64>::max();
    r.lowSpeedTimeSec = 0;
    r.totalTimeoutMs = 0;
}

} // namespace

std::pair<QString, QString> pullParameters(const QString& reference) {
    if (reference.contains(QLatin1Char('@')))
        return {reference, QString()};
    const qsizetype slash = reference.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = reference.lastIndexOf(QLatin1Char(':'));
    if (colon > slash)
        return {reference.left(colon), reference.mid(colon + 1)};
    return {reference, QStringLiteral("latest")};
}

// ---- StreamJob

StreamJob::StreamJob(Client* client, QString cancelMessage, QObject* parent)
    : util::Job(parent)
    , m_client(client)
    , m_cancelMessage(std::move(cancelMessage)) {
    m_idle.setSingleShot(true);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (isFinished())
            return;
        dropReply();
        emitResult(idleError());
    });
}

Error StreamJob::idleError() const {
    return Error::make(ErrorCode::Timeout,
                       tr("The container engine sent nothing for %n second(s); SageDock stopped waiting.",
                          nullptr, m_idleTimeoutMs / 1000),
                       tr("Check the engine (docker info, journalctl -u docker) and try again."));
}

StreamJob::~StreamJob() {
    delete m_reply.data();
}

void StreamJob::open(std::function<http::Request()> request) {
    m_client->whenNegotiated(
        this,
        [this, request] {
            if (isFinished())
                return; // cancelled while the version was negotiated
            http::Request r = request();
            makeStreaming(r);
            m_reply = m_client->http().send(r);
            if (m_idleTimeoutMs > 0)
                m_idle.start(m_idleTimeoutMs);
            connect(m_reply, &http::Reply::dataReceived, this, [this](const QByteArray& chunk) {
                if (m_idleTimeoutMs > 0)
                    m_idle.start(m_idleTimeoutMs);
                onData(chunk);
            });
            connect(m_reply, &http::Reply::finished, this, [this] {
                const http::Response resp = m_reply->response();
                dropReply();
                onEnd(resp);
            });
        },
        [this](Error e) { emitResult(e); });
}

Error StreamJob::endError(const http::Response& resp, const QString& action) const {
    if (resp.error)
        return connectionError(resp, m_client->endpoint());
    if (!resp.isSuccess())
        return errorFromResponse(resp, m_client->endpoint(), action);
    return {};
}

void StreamJob::dropReply() {
    m_idle.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->deleteLater();
        m_reply = nullptr;
    }
}

bool StreamJob::doCancel() {
    dropReply();
    // Finished here rather than by util::Job, so the Cancelled error says what stopped.
    emitResult(Error::make(ErrorCode::Cancelled, m_cancelMessage));
    return true;
}

// ---- PullJob

PullJob::PullJob(Client* client, QString reference, QObject* parent)
    : StreamJob(client, tr("The pull of %1 was cancelled.").arg(reference), parent)
    , m_reference(std::move(reference)) {
    m_clock.start();
    m_emitTimer.setSingleShot(true);
    connect(&m_emitTimer, &QTimer::timeout, this, [this] {
        if (!isFinished())
            emitProgress(true);
    });
}

void PullJob::doStart() {
    open([this] {
        const auto [from, tag] = pullParameters(m_reference);
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("fromImage"), from);
        if (!tag.isEmpty())
            q.addQueryItem(QStringLiteral("tag"), tag);
        return m_client->makeRequest("POST", QStringLiteral("/images/create"), q);
    });
}

void PullJob::feed(const QByteArray& line) {
    if (auto err = m_progress.feedLine(line); err && !m_inbandError)
        m_inbandError = m_progress.overLimit() ? Error::make(ErrorCode::TooLarge, *err)
                                               : errorFromMessage(500, *err, tr("pull %1").arg(m_reference));
}

void PullJob::onData(const QByteArray& chunk) {
    for (const QByteArray& line : m_lines.feed(chunk))
        feed(line);
    if (m_progress.overLimit()) {
        // Not a pull any more: stop reading instead of consuming an endless stream.
        dropReply();
        return finish(m_inbandError);
    }
    emitProgress(false);
}

util::Error PullJob::idleError() const {
    return Error::make(ErrorCode::Timeout,
                       tr("The pull of %1 stalled: the engine sent nothing for %n second(s).", nullptr,
                          idleTimeoutMs() / 1000)
                           .arg(m_reference),
                       tr("Check the network and the engine (docker info), then try again; "
                          "sagedock-cli's --timeout sets this limit."));
}

void PullJob::onEnd(const http::Response& resp) {
    if (const QByteArray rest = m_lines.takeRest(); !rest.isEmpty())
        feed(rest);
    emitProgress(true);
    const Error e = endError(resp, tr("pull %1").arg(m_reference));
    finish(e ? e : m_inbandError);
}

void PullJob::emitProgress(bool force) {
    const qint64 now = m_clock.elapsed();
    if (!force && now - m_lastEmitMs < kProgressIntervalMs) {
        // Held back, not dropped: the engine may send nothing more for a while (Docker sends at
        // most ~10 lines a second per layer), and the UI must not wait for the next line to see this one.
        if (!m_emitTimer.isActive())
            m_emitTimer.start(int(kProgressIntervalMs - (now - m_lastEmitMs)));
        return;
    }
    m_emitTimer.stop();
    // Smoothed rate over the interval since the last emission.
    const qint64 bytes = m_progress.bytesDone();
    if (now > m_rateMs) {
        const qint64 instant = (bytes - m_rateBytes) * 1000 / std::max<qint64>(1, now - m_rateMs);
        m_rate = m_rate == 0 ? instant : (m_rate * 7 + instant * 3) / 10;
        m_rateBytes = bytes;
        m_rateMs = now;
    }
    m_lastEmitMs = now;
    setProgress(bytes, m_progress.bytesTotal(), describePull(m_progress, m_rate, etaSeconds()).text());
}

int PullJob::etaSeconds() const {
    const qint64 left = m_progress.bytesTotal() - m_progress.bytesDone();
    if (m_rate <= 0 || left <= 0)
        return -1;
    return int(left / m_rate);
}

bool PullJob::doCancel() {
    m_emitTimer.stop();
    return StreamJob::doCancel();
}

void PullJob::finish(Error error) {
    m_emitTimer.stop();
    emitResult(std::move(error));
}

// ---- LogStream

LogStream::LogStream(Client* client, QString containerId, bool tty, int tail, bool timestamps,
                     QObject* parent)
    : StreamJob(client, tr("Stopped following the log."), parent)
    , m_id(std::move(containerId))
    , m_tty(tty)
    , m_tail(tail)
    , m_timestamps(timestamps) {}

void LogStream::doStart() {
    open([this] {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("stdout"), QStringLiteral("1"));
        q.addQueryItem(QStringLiteral("stderr"), QStringLiteral("1"));
        q.addQueryItem(QStringLiteral("follow"), QStringLiteral("1"));
        q.addQueryItem(QStringLiteral("tail"), m_tail < 0 ? QStringLiteral("all") : QString::number(m_tail));
        if (m_timestamps)
            q.addQueryItem(QStringLiteral("timestamps"), QStringLiteral("1"));
        return m_client->makeRequest("GET", QStringLiteral("/containers/%1/logs").arg(m_id), q);
    });
}

void LogStream::onData(const QByteArray& chunk) {
    if (m_tty) {
        for (const QByteArray& l : m_out.feed(chunk))
            Q_EMIT line(l, false);
        return;
    }
    for (const LogFrame& f : m_demux.feed(chunk)) {
        if (f.stream == LogFrame::SystemError) {
            dropReply();
            emitResult(Error::make(ErrorCode::Protocol,
                                   tr("The engine stopped the log stream: %1")
                                       .arg(util::serverText(QString::fromUtf8(f.payload.left(4096))))));
            return;
        }
        const bool err = f.stream == LogFrame::Stderr;
        for (const QByteArray& l : (err ? m_err : m_out).feed(f.payload))
            Q_EMIT line(l, err);
    }
}

void LogStream::onEnd(const http::Response& resp) {
    for (LineSplitter* s : {&m_out, &m_err})
        if (const QByteArray rest = s->takeRest(); !rest.isEmpty())
            Q_EMIT line(rest, s == &m_err);
    emitResult(endError(resp, tr("read the container's log")));
}

// ---- EventStream

EngineEvent engineEventFromJson(const nlohmann::json& j) {
    EngineEvent e;
    const auto str = [](const nlohmann::json& o, const char* key) {
        auto it = o.find(key);
        return it != o.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
    };
    e.type = str(j, "Type");
    e.action = str(j, "Action");
    if (auto t = j.find("timeNano"); t != j.end())
        e.timeNano = util::jsonInteger(*t).value_or(0);
    if (auto actor = j.find("Actor"); actor != j.end() && actor->is_object()) {
        e.id = str(*actor, "ID");
        if (auto attrs = actor->find("Attributes"); attrs != actor->end() && attrs->is_object())
            for (auto it = attrs->begin(); it != attrs->end(); ++it)
                if (it->is_string())
                    e.attributes.insert(QString::fromStdString(it.key()),
                                        QString::fromStdString(it->get<std::string>()));
    }
    if (e.id.isEmpty())
        e.id = str(j, "id");
    return e;
}

EventStream::EventStream(Client* client, QStringList labels, QStringList eventTypes, QObject* parent)
    : StreamJob(client, tr("Stopped following engine events."), parent)
    , m_labels(std::move(labels))
    , m_types(std::move(eventTypes)) {}

void EventStream::doStart() {
    open([this] {
        nlohmann::json f = nlohmann::json::object();
        for (const QString& l : m_labels)
            f["label"].push_back(l.toStdString());
        for (const QString& t : m_types)
            f["event"].push_back(t.toStdString());
        QUrlQuery q;
        if (!f.empty())
            q.addQueryItem(QStringLiteral("filters"), QString::fromStdString(f.dump()));
        return m_client->makeRequest("GET", QStringLiteral("/events"), q);
    });
}

void EventStream::onData(const QByteArray& chunk) {
    for (const QByteArray& l : m_lines.feed(chunk)) {
        const nlohmann::json j = nlohmann::json::parse(l.toStdString(), nullptr, false);
        if (j.is_object())
            Q_EMIT event(engineEventFromJson(j));
    }
}

void EventStream::onEnd(const http::Response& resp) {
    emitResult(endError(resp, tr("report events")));
}

} // namespace sagedock::engine
