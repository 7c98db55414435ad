#pragma once
// Incremental build-log parsers: feed chunks as they arrive (any split, even inside a UTF-8 sequence),
// get BuildEvents back. Only complete lines are parsed; a partial line is kept up to maxLineBytes, the
// rest of an over-long line is dropped. Garbage never crashes or hangs a parser: it becomes plain lines.
// GitHub Actions decoration (ISO timestamps at line start, ##[group]/##[endgroup]/##[error]), ANSI colour
// codes and carriage-return progress are removed before the format's own rules run.
// Usage:
//   auto parser = buildlog::Parser::create(buildlog::LogFormat::Unknown); // Unknown = auto-detect
//   buildlog::BuildEvents events;
//   parser->feed(chunk, events);   // as often as data arrives
//   parser->finish(events);        // at end of input
//   parser->format();              // what was detected

#include "buildlog/buildevent.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace sagedock::buildlog {

struct ParserOptions {
    bool lineEvents = false;    // also emit one Line event per input line (for log views)
    bool outputEvents = true;   // emit StepOutput events (a diagnosis of huge logs can switch them off)
    qsizetype maxLineBytes = 0; // 0 = the format's default (64 KiB text, 8 MiB rawjson)
};

class Parser {
public:
    virtual ~Parser();
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;

    // A parser for `format`; LogFormat::Unknown gives one that detects the format from the first lines.
    static std::unique_ptr<Parser> create(LogFormat format, const ParserOptions& options = {});

    // The format this parser reads (an auto-detecting parser: Unknown until it has decided).
    virtual LogFormat format() const = 0;

    // Parses the complete lines in `chunk` (plus what was kept from earlier chunks) and appends events.
    void feed(QByteArrayView chunk, BuildEvents& out);
    BuildEvents feed(QByteArrayView chunk);
    // End of input: parses a last unterminated line. Steps still running stay Running (a truncated log).
    void finish(BuildEvents& out);
    BuildEvents finish();

    qint64 bytesFed() const { return m_bytes; }
    qint64 linesParsed() const { return m_lines; }

protected:
    explicit Parser(const ParserOptions& options, qsizetype defaultMaxLine);

    // One input line after decoration was removed. `timestamp` is the GitHub Actions time in seconds
    // since the epoch, or a negative number when the line had none.
    struct Line {
        QByteArrayView text;
        double timestamp = -1;
    };
    virtual void parseLine(const Line& line, BuildEvents& out) = 0;
    virtual void endOfInput(BuildEvents& out);

    // Emits a Line event when options ask for them.
    void emitLine(BuildEvents& out, LineKind kind, QByteArrayView text, int step = -1, int build = 0);
    // One output line of `step`: a StepOutput event with `text` (unless options switch them off) and an
    // Output Line event showing `line` (the input line, prefixes included).
    void emitOutput(BuildEvents& out, QByteArrayView text, QByteArrayView line, int step, int build = 0);

    const ParserOptions m_options;

private:
    friend class AutoParser;
    void splitAndParse(QByteArrayView data, BuildEvents& out);
    void handleRawLine(QByteArrayView raw, BuildEvents& out);

    QByteArray m_partial;
    qsizetype m_maxLine;
    bool m_dropping = false; // inside an over-long line: skip to its end
    qint64 m_bytes = 0;
    qint64 m_lines = 0;
    QByteArray m_scratch; // reused buffer for lines that need cleaning (ANSI, CR)
};

// Guesses the format from the start of a log (decoration allowed). Unknown if nothing decides yet.
LogFormat detectFormat(QByteArrayView head);

} // namespace sagedock::buildlog
