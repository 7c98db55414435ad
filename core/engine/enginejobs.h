#pragma once
// Long-running engine streams as util::Jobs (see util/job.h): pull with per-layer progress, followed
// logs (demuxed), events. engine::Client's factories return them started; they report through their
// own signals in the caller's thread and end with util::Job::finished(error) exactly once (no error =
// success). cancel() ends them at once with a Cancelled error; deleting one drops its request.
// Usage:
//   auto* job = client->pull(QStringLiteral("sagemath/sagemath:10.7"));
//   connect(job, &util::Job::progressChanged, ...); connect(job, &util::Job::finished, ...);

#include "engine/logdemuxer.h"
#include "engine/pullprogress.h"
#include "util/job.h"

#include <QElapsedTimer>
#include <QMap>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

#include <functional>

namespace sagedock::http {
class Reply;
struct Request;
struct Response;
} // namespace sagedock::http

namespace sagedock::engine {

class Client;

// Splits "repo[:tag][@digest]" into the fromImage / tag parameters of /images/create.
// A missing tag becomes "latest" (an empty tag would pull every tag).
std::pair<QString, QString> pullParameters(const QString& reference);

// What the three streams share: one streaming request on the negotiated API version, sent when the
// job starts and dropped on cancel or delete.
class StreamJob : public util::Job {
    Q_OBJECT
public:
    ~StreamJob() override;
    // Fails the stream with a Timeout when the engine sends nothing for this long, counted from the
    // request (so an engine that never answers is covered too). 0 = never: the right choice for
    // followed logs and events, whose silence is normal. Set before start().
    void setIdleTimeoutMs(int ms) { m_idleTimeoutMs = ms; }
    int idleTimeoutMs() const { return m_idleTimeoutMs; }

protected:
    // cancelMessage: the Cancelled error's text, saying what stopped.
    StreamJob(Client* client, QString cancelMessage, QObject* parent);
    // Sends `request` (made after negotiation) once the API version is known; a failed ping finishes.
    void open(std::function<http::Request()> request);
    virtual void onData(const QByteArray& chunk) = 0;
    // The transfer ended (the reply is already dropped); finish from here.
    virtual void onEnd(const http::Response& response) = 0;
    // The error for a transfer that ended: connection trouble, an error status naming `action`, or none.
    util::Error endError(const http::Response& response, const QString& action) const;
    bool doCancel() override;
    void dropReply();

    Client* m_client;

    // The idle limit was reached: the reply is dropped; say what stalled.
    virtual util::Error idleError() const;

private:
    QString m_cancelMessage;
    QPointer<http::Reply> m_reply;
    int m_idleTimeoutMs = 0;
    QTimer m_idle;
};

class PullJob final : public StreamJob {
    Q_OBJECT
public:
    PullJob(Client* client, QString reference, QObject* parent = nullptr);
    const QString& reference() const { return m_reference; }
    const PullProgress& progress() const { return m_progress; }
    qint64 bytesPerSecond() const { return m_rate; }
    int etaSeconds() const; // -1 when unknown
    // util::Job::progressChanged(): at most every 100 ms, at most 100 ms after the engine reported
    // something, and once at the end. processed()/total() are bytesDone()/bytesTotal() and
    // progressText() is describePull()'s text.

protected:
    void doStart() override;
    bool doCancel() override;
    void onData(const QByteArray& chunk) override;
    void onEnd(const http::Response& response) override;
    util::Error idleError() const override;

private:
    void feed(const QByteArray& line);
    void emitProgress(bool force);
    void finish(util::Error error);

    QString m_reference;
    PullProgress m_progress;
    LineSplitter m_lines;
    static constexpr qint64 kProgressIntervalMs = 100;
    QElapsedTimer m_clock;
    QTimer m_emitTimer; // delivers a held-back update
    qint64 m_lastEmitMs = -1000;
    qint64 m_rateBytes = 0;
    qint64 m_rateMs = 0;
    qint64 m_rate = 0;
    util::Error m_inbandError;
};

// GET /containers/{id}/logs?follow=1: lines as they come (stdout and stderr), demuxed unless tty.
class LogStream final : public StreamJob {
    Q_OBJECT
public:
    LogStream(Client* client, QString containerId, bool tty, int tail, bool timestamps,
              QObject* parent = nullptr);

Q_SIGNALS:
    void line(const QByteArray& text, bool isStderr); // without the newline
    // util::Job::finished: no error when the container exited.

protected:
    void doStart() override;
    void onData(const QByteArray& chunk) override;
    void onEnd(const http::Response& response) override;

private:
    QString m_id;
    bool m_tty;
    int m_tail;
    bool m_timestamps;
    LogDemuxer m_demux;
    LineSplitter m_out;
    LineSplitter m_err;
};

struct EngineEvent {
    QString type;   // container, image, ...
    QString action; // start, die, destroy, ...
    QString id;
    QMap<QString, QString> attributes; // name, image, exitCode, labels
    qint64 timeNano = 0;
};

EngineEvent engineEventFromJson(const nlohmann::json& j);

// GET /events filtered by labels (and event types); one event per signal until cancelled.
class EventStream final : public StreamJob {
    Q_OBJECT
public:
    EventStream(Client* client, QStringList labels, QStringList eventTypes, QObject* parent = nullptr);

Q_SIGNALS:
    void event(const sagedock::engine::EngineEvent& event);

protected:
    void doStart() override;
    void onData(const QByteArray& chunk) override;
    void onEnd(const http::Response& response) override;

private:
    QStringList m_labels;
    QStringList m_types;
    LineSplitter m_lines;
};

} // namespace sagedock::engine
