#include "engine/logdemuxer.h"

namespace sagedock::engine {

QList<LogFrame> LogDemuxer::feed(const QByteArray& chunk) {
    QList<LogFrame> out;
    if (m_corrupt) {
        out.append(LogFrame{LogFrame::Stdout, chunk});
        return out;
    }
    m_buffer.append(chunk);
    qsizetype pos = 0;
    while (m_buffer.size() - pos >= 8) {
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
        if (m_buffer.size() - pos - 8 < qsizetype(size))
            break;
        LogFrame f;
        f.stream = h[0] == 0 ? LogFrame::Stdout : LogFrame::Stream(h[0]);
        f.payload = m_buffer.mid(pos + 8, qsizetype(size));
        out.append(std::move(f));
        pos += 8 + qsizetype(size);
    }
    m_buffer.remove(0, pos);
    return out;
}

QList<QByteArray> LineSplitter::feed(const QByteArray& chunk) {
    QList<QByteArray> lines;
    m_buffer.append(chunk);
    qsizetype start = 0;
    for (qsizetype nl = m_buffer.indexOf('\n', start); nl >= 0; nl = m_buffer.indexOf('\n', start)) {
        QByteArray line = m_buffer.mid(start, nl - start);
        if (line.endsWith('\r'))
            line.chop(1);
        lines.append(std::move(line));
        start = nl + 1;
    }
    m_buffer.remove(0, start);
    return lines;
}

QByteArray LineSplitter::takeRest() {
    QByteArray rest = std::move(m_buffer);
    m_buffer.clear();
    if (rest.endsWith('\r'))
        rest.chop(1);
    return rest;
}

} // namespace sagedock::engine
