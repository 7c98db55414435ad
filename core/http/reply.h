#pragma once
// One request in flight. Lives in the thread that called Transport::send(); every signal arrives
// there through queued events, so slots may touch widgets or models directly.
// Delete it (or call cancel()) to abandon the request; the engine never touches a deleted Reply.
// Usage:
//   auto* reply = engine.send(req);
//   connect(reply, &http::Reply::finished, this, [reply] { use(reply->response()); reply->deleteLater(); });

#include "http/request.h"

#include <QObject>

#include <memory>

namespace sagedock::http {

class Transport;
struct TransportImpl;
struct ReplyLink;

class Reply : public QObject {
    Q_OBJECT
public:
    ~Reply() override;

    const Request& request() const { return m_request; }
    const Response& response() const { return m_response; }
    bool isFinished() const { return m_finished; }
    // Stops the transfer; finished() follows with ErrorCode::Cancelled (unless already finished).
    void cancel();

Q_SIGNALS:
    void headersReceived(int status); // streaming requests: before the first dataReceived
    void dataReceived(const QByteArray& chunk);
    void finished();

private:
    friend class Transport;
    friend struct TransportImpl;
    Reply(std::weak_ptr<TransportImpl> engine, Request request, quint64 id);
    void deliverHeaders(int status, const Headers& headers);
    void deliverFinished(Response response);

    std::weak_ptr<TransportImpl> m_engine;
    Request m_request;
    Response m_response;
    quint64 m_id;
    bool m_finished = false;
    std::shared_ptr<ReplyLink> m_link;
};

} // namespace sagedock::http
