#include "http/reply.h"

#include "http/transport_p.h"

namespace sagedock::http {

Reply::Reply(std::weak_ptr<TransportImpl> engine, Request request, quint64 id)
    : m_engine(std::move(engine))
    , m_request(std::move(request))
    , m_id(id)
    , m_link(std::make_shared<ReplyLink>()) {
    m_link->reply = this;
}

Reply::~Reply() {
    {
        QMutexLocker lock(&m_link->mutex);
        m_link->reply = nullptr; // from here on the engine thread posts nothing to us
    }
    if (!m_finished)
        if (auto engine = m_engine.lock())
            engine->cancel(m_id);
}

void Reply::cancel() {
    if (m_finished)
        return;
    if (auto engine = m_engine.lock())
        engine->cancel(m_id);
}

void Reply::deliverHeaders(int status, const Headers& headers) {
    m_response.status = status;
    m_response.headers = headers;
    Q_EMIT headersReceived(status);
}

void Reply::deliverFinished(Response response) {
    if (m_finished)
        return;
    m_response = std::move(response);
    m_finished = true;
    Q_EMIT finished();
}

} // namespace sagedock::http
