#include "buildlog/parser.h"

#include "buildlog/parser_p.h"

#include <cstring>

namespace sagedock::buildlog {

using namespace detail;

namespace {
constexpr qsizetype kDefaultJsonLine = 8 * 1024 * 1024;

// Copies `in` without ANSI escape sequences (colour codes the legacy builder puts around stderr).
void stripAnsi(QByteArrayView in, QByteArray& out) {
    out.clear();
    out.reserve(in.size());
    const qsizetype n = in.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = in[i];
        if (c != '\x1b') {
            out.append(c);
            continue;
        }
        if (i + 1 < n && in[i + 1] == '[') {
            // CSI: parameters and intermediates, then one final byte in 0x40..0x7e.
            qsizetype j = i + 2;
            while (j < n && !(in[j] >= 0x40 && in[j] <= 0x7e))
                ++j;
            i = j;
        } else {
            ++i; // two-byte escape
        }
    }
}

} // namespace

double detail::parseTimestamp(QByteArrayView t, qsizetype* consumed) {
    // YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)
    if (t.size() < 20 || !isDigit(t[0]) || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') ||
        t[13] != ':' || t[16] != ':')
        return -1;
    auto num = [&](qsizetype pos, qsizetype len, int* v) {
        int r = 0;
        for (qsizetype i = pos; i < pos + len; ++i) {
            if (!isDigit(t[i]))
                return false;
            r = r * 10 + (t[i] - '0');
        }
        *v = r;
        return true;
    };
    int y, mo, d, h, mi, s;
    if (!num(0, 4, &y) || !num(5, 2, &mo) || !num(8, 2, &d) || !num(11, 2, &h) || !num(14, 2, &mi) ||
        !num(17, 2, &s) || mo < 1 || mo > 12 || d < 1 || d > 31)
        return -1;
    qsizetype pos = 19;
    double frac = 0;
    if (pos < t.size() && t[pos] == '.') {
        double scale = 0.1;
        ++pos;
        while (pos < t.size() && isDigit(t[pos])) {
            frac += (t[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
    }
    int offset = 0;
    if (pos < t.size() && t[pos] == 'Z') {
        ++pos;
    } else if (pos + 6 <= t.size() && (t[pos] == '+' || t[pos] == '-') && t[pos + 3] == ':') {
        int oh, om;
        if (!num(pos + 1, 2, &oh) || !num(pos + 4, 2, &om))
            return -1;
        offset = (t[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
        pos += 6;
    } else {
        return -1;
    }
    // Days from civil (Howard Hinnant's algorithm): exact for the proleptic Gregorian calendar.
    const int yy = y - (mo <= 2 ? 1 : 0);
    const int era = (yy >= 0 ? yy : yy - 399) / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const double days = double(era) * 146097 + doe - 719468;
    if (consumed)
        *consumed = pos;
    return days * 86400 + h * 3600 + mi * 60 + s + frac - offset;
}

bool detail::parseDecimal(QByteArrayView t, double* value) {
    if (t.isEmpty() || t.size() > 24)
        return false;
    double v = 0;
    qsizetype i = 0;
    bool digits = false;
    while (i < t.size() && isDigit(t[i])) {
        v = v * 10 + (t[i] - '0');
        ++i;
        digits = true;
    }
    if (i < t.size() && t[i] == '.') {
        ++i;
        double scale = 0.1;
        while (i < t.size() && isDigit(t[i])) {
            v += (t[i] - '0') * scale;
            scale /= 10;
            ++i;
            digits = true;
        }
    }
    if (!digits || i != t.size())
        return false;
    *value = v;
    return true;
}

LogFormat detail::detectLine(QByteArrayView line) {
    if (line.isEmpty())
        return LogFormat::Unknown;
    if (line[0] == '{') {
        const QByteArrayView body = line.first(std::min<qsizetype>(line.size(), 64));
        if (body.contains("\"vertexes\"") || body.contains("\"statuses\"") || body.contains("\"logs\"") ||
            body.contains("\"warnings\""))
            return LogFormat::BuildKitRawJson;
        return LogFormat::Unknown;
    }
    if (line[0] == '#' && line.size() > 2 && isDigit(line[1])) {
        qsizetype i = 1;
        while (i < line.size() && isDigit(line[i]))
            ++i;
        if (i < line.size() && line[i] == ' ')
            return LogFormat::BuildKitPlain;
        return LogFormat::Unknown;
    }
    if (startsWith(line, "Step ") && line.size() > 5 && isDigit(line[5])) {
        qsizetype i = 5;
        while (i < line.size() && isDigit(line[i]))
            ++i;
        if (i < line.size() && line[i] == '/')
            return LogFormat::Legacy;
    }
    if (startsWith(line, "Sending build context to Docker daemon") ||
        startsWith(line, "DEPRECATED: The legacy builder is deprecated"))
        return LogFormat::Legacy;
    return LogFormat::Unknown;
}

// ---------------------------------------------------------------------------------------------------------

class AutoParser final : public Parser {
public:
    explicit AutoParser(const ParserOptions& options)
        : Parser(options, kDefaultJsonLine) {}
    LogFormat format() const override { return m_inner ? m_inner->format() : LogFormat::Unknown; }

protected:
    void parseLine(const Line& line, BuildEvents& out) override {
        if (m_inner) {
            m_inner->m_lines++;
            m_inner->parseLine(line, out);
            return;
        }
        const LogFormat f = detectLine(line.text);
        if (f != LogFormat::Unknown) {
            ParserOptions options = m_options;
            options.maxLineBytes = 0;
            m_inner = Parser::create(f, options);
            for (const Pending& p : std::as_const(m_pending))
                m_inner->parseLine(Line{p.text, p.timestamp}, out);
            m_pending.clear();
            m_pendingBytes = 0;
            m_inner->parseLine(line, out);
            return;
        }
        // Undecided: keep a bounded backlog so that a banner before the first step is still parsed by
        // the right parser; past the bound, show lines as plain text and keep looking.
        if (m_pendingBytes + line.text.size() <= kMaxPendingBytes && m_pending.size() < kMaxPendingLines) {
            m_pending.append(Pending{line.text.toByteArray(), line.timestamp});
            m_pendingBytes += line.text.size();
            return;
        }
        flushPendingAsPlain(out);
        emitLine(out, LineKind::Plain, line.text);
    }
    void endOfInput(BuildEvents& out) override {
        if (m_inner)
            m_inner->endOfInput(out);
        else
            flushPendingAsPlain(out);
    }

private:
    struct Pending {
        QByteArray text;
        double timestamp;
    };
    void flushPendingAsPlain(BuildEvents& out) {
        for (const Pending& p : std::as_const(m_pending))
            emitLine(out, LineKind::Plain, p.text);
        m_pending.clear();
        m_pendingBytes = 0;
    }
    static constexpr qsizetype kMaxPendingBytes = 256 * 1024;
    static constexpr qsizetype kMaxPendingLines = 2000;
    std::unique_ptr<Parser> m_inner;
    QList<Pending> m_pending;
    qsizetype m_pendingBytes = 0;
};

// ---------------------------------------------------------------------------------------------------------

Parser::Parser(const ParserOptions& options, qsizetype defaultMaxLine)
    : m_options(options)
    , m_maxLine(options.maxLineBytes > 0 ? options.maxLineBytes : defaultMaxLine) {}

Parser::~Parser() = default;

std::unique_ptr<Parser> Parser::create(LogFormat format, const ParserOptions& options) {
    switch (format) {
    case LogFormat::BuildKitPlain:
        return std::make_unique<PlainParser>(options);
    case LogFormat::BuildKitRawJson:
        return std::make_unique<RawJsonParser>(options);
    case LogFormat::Legacy:
        return std::make_unique<LegacyParser>(options);
    case LogFormat::Unknown:
        break;
    }
    return std::make_unique<AutoParser>(options);
}

void Parser::feed(QByteArrayView chunk, BuildEvents& out) {
    m_bytes += chunk.size();
    splitAndParse(chunk, out);
}

BuildEvents Parser::feed(QByteArrayView chunk) {
    BuildEvents out;
    feed(chunk, out);
    return out;
}

void Parser::finish(BuildEvents& out) {
    if (!m_partial.isEmpty() || m_dropping) {
        const QByteArray last = std::exchange(m_partial, {});
        m_dropping = false;
        handleRawLine(last, out);
    }
    endOfInput(out);
}

BuildEvents Parser::finish() {
    BuildEvents out;
    finish(out);
    return out;
}

void Parser::endOfInput(BuildEvents&) {}

void Parser::splitAndParse(QByteArrayView data, BuildEvents& out) {
    qsizetype pos = 0;
    const qsizetype size = data.size();
    while (pos < size) {
        const char* start = data.data() + pos;
        const qsizetype rest = size - pos;
        const char* nl = static_cast<const char*>(std::memchr(start, '\n', size_t(rest)));
        if (!nl) {
            if (!m_dropping) {
                const qsizetype take = std::min(rest, m_maxLine - m_partial.size());
                m_partial.append(start, take);
                if (take < rest)
                    m_dropping = true; // over-long line: keep its first m_maxLine bytes only
            }
            return;
        }
        const qsizetype len = nl - start;
        if (m_dropping) {
            m_dropping = false;
            handleRawLine(m_partial, out);
            m_partial.clear();
        } else if (!m_partial.isEmpty()) {
            m_partial.append(start, std::min(len, m_maxLine - m_partial.size()));
            handleRawLine(m_partial, out);
            m_partial.clear();
        } else {
            handleRawLine(QByteArrayView(start, std::min(len, m_maxLine)), out);
        }
        pos += len + 1;
    }
}

void Parser::handleRawLine(QByteArrayView raw, BuildEvents& out) {
    ++m_lines;
    // Carriage returns: "\r\r" at the end (legacy context upload), progress redrawn with "\r" inside.
    while (!raw.isEmpty() && raw.back() == '\r')
        raw.chop(1);
    if (const qsizetype cr = raw.lastIndexOf('\r'); cr >= 0)
        raw = raw.sliced(cr + 1);

    double timestamp = -1;
    if (raw.size() >= 20 && isDigit(raw[0]) && raw[4] == '-') {
        qsizetype used = 0;
        const double ts = parseTimestamp(raw, &used);
        if (ts >= 0 && used < raw.size() && raw[used] == ' ') {
            timestamp = ts;
            raw = raw.sliced(used + 1);
        } else if (ts >= 0 && used == raw.size()) {
            timestamp = ts;
            raw = {};
        }
    }
    if (startsWith(raw, "##[")) {
        const qsizetype close = raw.indexOf(']');
        if (close > 0) {
            const QByteArrayView command = raw.sliced(3, close - 3);
            if (command == "group" || command == "endgroup") {
                emitLine(out, LineKind::Group, raw.sliced(close + 1));
                return;
            }
            raw = raw.sliced(close + 1); // ##[error], ##[warning], ##[debug]...: keep the message
        }
    }
    if (raw.contains('\x1b')) {
        stripAnsi(raw, m_scratch);
        parseLine(Line{m_scratch, timestamp}, out);
        return;
    }
    parseLine(Line{raw, timestamp}, out);
}

void Parser::emitLine(BuildEvents& out, LineKind kind, QByteArrayView text, int step, int build) {
    if (!m_options.lineEvents)
        return;
    BuildEvent e;
    e.type = BuildEvent::Type::Line;
    e.lineKind = kind;
    e.step = step;
    e.build = build;
    e.text = QString::fromUtf8(text);
    out.append(std::move(e));
}

void Parser::emitOutput(BuildEvents& out, QByteArrayView text, QByteArrayView line, int step, int build) {
    if (m_options.outputEvents)
        detail::appendTextEvent(out, BuildEvent::Type::StepOutput, text, step, build);
    emitLine(out, LineKind::Output, line, step, build);
}

namespace detail {

void appendTextEvent(BuildEvents& out, BuildEvent::Type type, QByteArrayView text, int step, int build) {
    BuildEvent e;
    e.type = type;
    e.build = build;
    e.step = step;
    e.text = QString::fromUtf8(text);
    out.append(std::move(e));
}

} // namespace detail

LogFormat detectFormat(QByteArrayView head) {
    // Run the same line cleaning as the parsers, on a private parser that only looks.
    class Detector final : public Parser {
    public:
        Detector()
            : Parser(ParserOptions{}, kDefaultJsonLine) {}
        LogFormat format() const override { return m_found; }
        LogFormat m_found = LogFormat::Unknown;

    protected:
        void parseLine(const Line& line, BuildEvents&) override {
            if (m_found == LogFormat::Unknown)
                m_found = detectLine(line.text);
        }
    } detector;
    BuildEvents none;
    detector.feed(head, none);
    detector.finish(none);
    return detector.format();
}

} // namespace sagedock::buildlog
