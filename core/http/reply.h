#pragma once
// One request in flight, as a util::Job. Lives in the thread that called Transport::send(); every
// signal arrives there through queued events, so slots may touch widgets or models directly.
// Transport::send() returns it started (the transfer is already queued on the transport thread);
// finished(error) follows once, with error() == response().error. cancel() ends it with Cancelled
// once the transport thread has let go of the transfer; deleting it abandons the request, and the
// transport never touches a deleted Reply.
// Usage:
//   auto* reply = transport.send(req);
//   connect(reply, &util::Job::finished, this, [reply] { use(reply->response()); reply->deleteLater(); });

#include "http/request.h"
#include "util/job.h"

#include <memory>

namespace sagedock::http {

class Transport;
struct TransportImpl;
struct ReplyLink;

class Reply final : public util::Job {
    Q_OBJECT
public:
    ~Reply() override;

    const Request& request() const { return m_request; }
    const Response& response() const { return m_response; }

Q_SIGNALS:
    void headersReceived(int status); // streaming requests: before the first dataReceived
    void dataReceived(const QByteArray& chunk);

protected:
    void doStart() override {} // the transfer was handed to the transport thread by send()
    bool doCancel() override;

private:
    friend class Transport;
    friend struct TransportImpl;
    Reply(std::weak_ptr<TransportImpl> engine, Request request, quint64 id);
    void deliverHeaders(int status, const Headers& headers);
    void deliverFinished(Response response);
    void markSubmitted() { markWorkBegun(); }

    std::weak_ptr<TransportImpl> m_engine;
    Request m_request;
    Response m_response;
    quint64 m_id;
    std::shared_ptr<ReplyLink> m_link;
};

} // namespace sagedock::http
