#pragma once
// Internal: the concrete parsers behind Parser::create() and the byte-level helpers they share.

#include "buildlog/parser.h"

#include <QHash>
#include <QList>

namespace sagedock::buildlog::detail {

// Seconds since the epoch for an RFC 3339 / ISO 8601 time ("2024-05-06T07:08:09.123456789Z",
// "+02:00" offsets allowed). Returns a negative number when `text` does not start with one; `consumed`
// receives the length of the timestamp.
double parseTimestamp(QByteArrayView text, qsizetype* consumed = nullptr);

// "12", "0.219", "3.5" -> value; false when `text` is not a plain decimal number.
bool parseDecimal(QByteArrayView text, double* value);

inline bool startsWith(QByteArrayView text, QByteArrayView prefix) {
    return text.size() >= prefix.size() && text.first(prefix.size()) == prefix;
}
inline bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// Appends an event that carries nothing but text (StepProgress, StepOutput, Warning, BuildError).
void appendTextEvent(BuildEvents& out, BuildEvent::Type type, QByteArrayView text, int step, int build = 0);

// Per-line format guess (decoration already removed).
LogFormat detectLine(QByteArrayView line);

class PlainParser final : public Parser {
public:
    explicit PlainParser(const ParserOptions& options);
    LogFormat format() const override { return LogFormat::BuildKitPlain; }

protected:
    void parseLine(const Line& line, BuildEvents& out) override;

private:
    struct Step {
        QByteArray name;
        bool finished = false;
    };
    void stepLine(int id, QByteArrayView rest, BuildEvents& out);
    void plainLine(QByteArrayView text, BuildEvents& out);
    void startStep(int id, QByteArrayView name, BuildEvents& out);
    void finishStep(int id, StepStatus status, double seconds, QByteArrayView message, BuildEvents& out);
    void newBuild(BuildEvents& out);

    static constexpr qsizetype kMaxTrackedSteps = 20000; // = the diagnosis' cap (diagnosis.cpp)
    QHash<int, Step> m_steps;
    int m_lastUntracked = -1; // the step past the cap whose lines are being read
    QByteArrayView m_full;    // the whole line being parsed, for Line events
    int m_build = 0;
    int m_current = -1; // step whose output unprefixed lines continue (Sage CI strips "#N t " prefixes)
    enum class Block : quint8 { None, Inside, After } m_block = Block::None;
};

class LegacyParser final : public Parser {
public:
    explicit LegacyParser(const ParserOptions& options);
    LogFormat format() const override { return LogFormat::Legacy; }

protected:
    void parseLine(const Line& line, BuildEvents& out) override;

private:
    void finishCurrent(StepStatus status, double timestamp, QByteArrayView message, BuildEvents& out);
    void failOrReport(QByteArrayView text, double timestamp, BuildEvents& out);
    void newBuild(BuildEvents& out);

    int m_build = 0;
    bool m_anyStep = false;
    int m_current = -1;
    bool m_running = false;
    bool m_usingCache = false;
    bool m_currentIsFrom = false;
    double m_startedAt = -1;
    int m_fromCount = 0;
    QString m_stage;
    QList<QString> m_stages; // stages of the current build, for FROM <stage> parents
};

class RawJsonParser final : public Parser {
public:
    explicit RawJsonParser(const ParserOptions& options);
    LogFormat format() const override { return LogFormat::BuildKitRawJson; }

protected:
    void parseLine(const Line& line, BuildEvents& out) override;

private:
    struct Vertex {
        int id = -1;
        QString stage;
        double started = -1;
        bool finished = false;
    };
    static constexpr qsizetype kMaxVertices = 20000; // = the diagnosis' step cap (diagnosis.cpp)
    QHash<QByteArray, Vertex> m_vertices;            // by digest
    int m_nextId = 0;
};

} // namespace sagedock::buildlog::detail
