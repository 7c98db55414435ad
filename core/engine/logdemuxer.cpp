#include "engine/logdemuxer.h"

#include <algorithm>
#include <utility>

namespace sagedock::engine {

QList<LogFrame> LogDemuxer::feed(const QByteArray& chunk) {
    QList<LogFrame> out;
    if (m_corrupt) {
        out.append(LogFrame{LogFrame::Stdout, chunk});
        return out;
    }
    m_buffer.append(chunk);
    qsizetype pos = 0;
    for (;;) {
        if (m_passOn > 0) {
            const qsizetype n = qsizetype(std::min<qint64>(m_passOn, m_buffer.size() - pos));
            if (n == 0)
                break;
            out.append(LogFrame{m_stream, m_buffer.mid(pos, n)});
            pos += n;
            m_passOn -= n;
            continue;
        }
        if (m_buffer.size() - pos < 8)
            break;
        const auto* h = reinterpret_cast<const unsigned char*>(m_buffer.constData() + pos);
        if (h[0] > 3 || h[1] != 0 || h[2] != 0 || h[3] != 0) {
            // Not a multiplexed stream after all: pass the rest through unchanged.
            m_corrupt = true;
            out.append(LogFrame{LogFrame::Stdout, m_buffer.mid(pos)});
            m_buffer.clear();
            return out;
        }
        const quint32 size =
            (quint32(h[4]) << 24) | (quint32(h[5]) << 16) | (quint32(h[6]) << 8) | quint32(h[7]);
        const LogFrame::Stream stream = h[0] == 0 ? LogFrame::Stdout : LogFrame::Stream(h[0]);
        if (qint64(size) > kMaxFrameBytes) {
            // Never wait for (or allocate) what the header claims: pass the payload on as it comes.
            m_stream = stream;
            m_passOn = size;
            pos += 8;
            continue;
        }
        if (m_buffer.size() - pos - 8 < qsizetype(size))
            break;
        out.append(LogFrame{stream, m_buffer.mid(pos + 8, qsizetype(size))});
        pos += 8 + qsizetype(size);
    }
    m_buffer.remove(0, pos);
    return out;
}

void LineSplitter::push(QList<QByteArray>& lines, QByteArray line) {
    if (line.endsWith('\r'))
        line.chop(1);
    lines.append(std::move(line));
}

QList<QByteArray> LineSplitter::feed(const QByteArray& chunk) {
    QList<QByteArray> lines;
    // Only the new chunk is searched for newlines: the buffer never holds one.
    qsizetype start = 0;
    for (qsizetype nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
        if (m_discarding) {
            m_dropped += nl - start;
            m_discarding = false;
        } else if (m_buffer.size() + (nl - start) > m_max) {
            const qsizetype room = m_max - m_buffer.size();
            m_buffer.append(chunk.constData() + start, room);
            m_dropped += nl - start - room;
            push(lines, std::exchange(m_buffer, {}));
        } else {
            m_buffer.append(chunk.constData() + start, nl - start);
            push(lines, std::exchange(m_buffer, {}));
        }
        start = nl + 1;
    }
    const qsizetype rest = chunk.size() - start;
    if (m_discarding) {
        m_dropped += rest;
    } else if (m_buffer.size() + rest > m_max) {
        // The line is too long: deliver what fits now and drop the rest of it.
        const qsizetype room = m_max - m_buffer.size();
        m_buffer.append(chunk.constData() + start, room);
        m_dropped += rest - room;
        push(lines, std::exchange(m_buffer, {}));
        m_discarding = true;
    } else {
        m_buffer.append(chunk.constData() + start, rest);
    }
    return lines;
}

QByteArray LineSplitter::takeRest() {
    QByteArray rest = std::move(m_buffer);
    m_buffer.clear();
    m_discarding = false;
    if (rest.endsWith('\r'))
        rest.chop(1);
    return rest;
}

} // namespace sagedock::engine
