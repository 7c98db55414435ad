#pragma once
// Long-running engine streams as job objects: pull with per-layer progress, followed logs (demuxed),
// events. Each starts when created by engine::Client, reports through signals in the caller's thread,
// ends with finished(error) exactly once (no error = success) and can be cancelled.
// Usage:
//   auto* job = client->pull(QStringLiteral("sagemath/sagemath:10.7"));
//   connect(job, &engine::PullJob::progressChanged, ...); connect(job, &engine::PullJob::finished, ...);

#include "engine/logdemuxer.h"
#include "engine/pullprogress.h"
#include "util/error.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

namespace sagedock::http {
class Reply;
}

namespace sagedock::engine {

class Client;

// Splits "repo[:tag][@digest]" into the fromImage / tag parameters of /images/create.
// A missing tag becomes "latest" (an empty tag would pull every tag).
std::pair<QString, QString> pullParameters(const QString& reference);

class PullJob : public QObject {
    Q_OBJECT
public:
    PullJob(Client* client, QString reference, QObject* parent = nullptr);
    ~PullJob() override;
    const QString& reference() const { return m_reference; }
    const PullProgress& progress() const { return m_progress; }
    qint64 bytesPerSecond() const { return m_rate; }
    int etaSeconds() const; // -1 when unknown
    bool isFinished() const { return m_finished; }
    void cancel();

Q_SIGNALS:
    // At most every 100 ms, at most 100 ms after the engine reported something, and once at the end.
    void progressChanged();
    void finished(const sagedock::util::Error& error);

private:
    void start();
    void onData(const QByteArray& chunk);
    void onFinished();
    void emitProgress(bool force);
    void finish(util::Error error);

    Client* m_client;
    QString m_reference;
    PullProgress m_progress;
    LineSplitter m_lines;
    QPointer<http::Reply> m_reply;
    static constexpr qint64 kProgressIntervalMs = 100;
    QElapsedTimer m_clock;
    QTimer m_emitTimer; // delivers a held-back update
    qint64 m_lastEmitMs = -1000;
    qint64 m_rateBytes = 0;
    qint64 m_rateMs = 0;
    qint64 m_rate = 0;
    util::Error m_inbandError;
    bool m_finished = false;
};

// GET /containers/{id}/logs?follow=1: lines as they come (stdout and stderr), demuxed unless tty.
class LogStream : public QObject {
    Q_OBJECT
public:
    LogStream(Client* client, QString containerId, bool tty, int tail, bool timestamps,
              QObject* parent = nullptr);
    ~LogStream() override;
    void cancel();
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void line(const QByteArray& text, bool isStderr);  // without the newline
    void finished(const sagedock::util::Error& error); // the container exited, or an error

private:
    void start();
    void onData(const QByteArray& chunk);
    void finish(util::Error error);

    Client* m_client;
    QString m_id;
    bool m_tty;
    int m_tail;
    bool m_timestamps;
    LogDemuxer m_demux;
    LineSplitter m_out;
    LineSplitter m_err;
    QPointer<http::Reply> m_reply;
    bool m_finished = false;
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
class EventStream : public QObject {
    Q_OBJECT
public:
    EventStream(Client* client, QStringList labels, QStringList eventTypes, QObject* parent = nullptr);
    ~EventStream() override;
    void cancel();

Q_SIGNALS:
    void event(const sagedock::engine::EngineEvent& event);
    void finished(const sagedock::util::Error& error);

private:
    void start();

    Client* m_client;
    QStringList m_labels;
    QStringList m_types;
    LineSplitter m_lines;
    QPointer<http::Reply> m_reply;
    bool m_finished = false;
};

} // namespace sagedock::engine
