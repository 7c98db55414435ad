#pragma once
// Splits the Engine API's multiplexed log stream (containers without a TTY) into frames. Frames have
// an 8-byte header (stream byte, 3 zero bytes, big-endian uint32 size) and may be cut anywhere by the
// transport, so the demuxer keeps the unfinished tail between feed() calls. A frame larger than
// kMaxFrameBytes (a header may claim 4 GiB) is handed on in pieces as its bytes arrive, so the
// demuxer never holds more than kMaxPendingBytes whatever the header says.
// Usage:
//   engine::LogDemuxer demux;
//   for (const engine::LogFrame& f : demux.feed(chunk)) show(f.stream, f.payload);

#include <QByteArray>
#include <QList>

namespace sagedock::engine {

struct LogFrame {
    enum Stream { Stdin = 0, Stdout = 1, Stderr = 2, SystemError = 3 };
    Stream stream = Stdout;
    QByteArray payload;
};

class LogDemuxer {
public:
    static constexpr qsizetype kMaxFrameBytes = 1024 * 1024;
    static constexpr qsizetype kMaxPendingBytes = kMaxFrameBytes + 8;
    QList<LogFrame> feed(const QByteArray& chunk);
    qsizetype pendingBytes() const { return m_buffer.size(); }
    // True after a header that is not a valid frame (a TTY stream was fed by mistake).
    bool isCorrupt() const { return m_corrupt; }

private:
    QByteArray m_buffer;
    bool m_corrupt = false;
    LogFrame::Stream m_stream = LogFrame::Stdout; // of the oversized frame being passed on
    qint64 m_passOn = 0;                          // its bytes still to come
};

// Collects bytes into complete lines (without the newline); keeps the unfinished last line.
// Linear: each byte is looked at once, however a line is cut into chunks. Bounded: a line longer
// than maxLineBytes is cut there (the part that fits is delivered, the rest up to the next newline is
// dropped and counted), so a stream without newlines cannot grow the buffer without end.
class LineSplitter {
public:
    static constexpr qsizetype kDefaultMaxLineBytes = 1024 * 1024;
    explicit LineSplitter(qsizetype maxLineBytes = kDefaultMaxLineBytes)
        : m_max(maxLineBytes) {}
    QList<QByteArray> feed(const QByteArray& chunk);
    QByteArray takeRest(); // the unfinished line, if any, at end of stream
    qint64 droppedBytes() const { return m_dropped; }
    qsizetype pendingBytes() const { return m_buffer.size(); }

private:
    void push(QList<QByteArray>& lines, QByteArray line);

    qsizetype m_max;
    QByteArray m_buffer;       // the unfinished line, at most m_max bytes
    bool m_discarding = false; // inside an overlong line: drop until its newline
    qint64 m_dropped = 0;
};

} // namespace sagedock::engine
