#include "http/reply.h"

#include "http/transport_p.h"

#include <QCoreApplication>

namespace sagedock::http {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::http)
};

// lupdate loses Text's context in a function whose return type is qualified (util::Error f()).
using util::Error;
Error cancelled() {
    return util::Error::make(util::ErrorCode::Cancelled, Text::tr("Cancelled."));
}
} // namespace

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
    if (!isFinished())
        if (auto engine = m_engine.lock())
            engine->cancel(m_id);
}

bool Reply::doCancel() {
    auto engine = m_engine.lock();
    if (!engine) {
        m_response.error = cancelled();
        return true; // the transport is gone: nothing left to wind down
    }
    // The transport thread ends the transfer and posts deliverFinished() with Cancelled (or the
    // answer it was already delivering, which emitResult() turns into Cancelled).
    engine->cancel(m_id);
    return false;
}

void Reply::deliverHeaders(int status, const Headers& headers) {
    m_response.status = status;
    m_response.headers = headers;
    Q_EMIT headersReceived(status);
}

void Reply::deliverFinished(Response response) {
    if (isFinished())
        return;
    m_response = std::move(response);
    if (isCancelled() && m_response.error.code != util::ErrorCode::Cancelled)
        m_response.error = cancelled();
    emitResult(m_response.error);
}

} // namespace sagedock::http
