// The legacy (non-BuildKit) builder: "Step i/n : INSTR", " ---> Using cache", " ---> <id>" (protocols.md D2).
// Every instruction is a step; FROM steps open a stage ("FROM x AS name") and count as neither hit nor miss.
// Step durations come from GitHub Actions timestamps when the log has them.

#include "buildlog/parser_p.h"

namespace sagedock::buildlog::detail {

namespace {
constexpr qsizetype kMaxTextLine = 64 * 1024;

bool isHexId(QByteArrayView t) {
    if (t.size() < 12 || t.size() > 64)
        return false;
    for (char c : t)
        if (!isDigit(c) && !(c >= 'a' && c <= 'f'))
            return false;
    return true;
}

bool looksLikeError(QByteArrayView t) {
    return t.contains("returned a non-zero code") || startsWith(t, "COPY failed:") ||
           startsWith(t, "ADD failed:") || startsWith(t, "failed to ") ||
           startsWith(t, "Error response from daemon") || startsWith(t, "ERROR: ") ||
           startsWith(t, "Error: ") || startsWith(t, "error ") ||
           startsWith(t, "unable to prepare context") || t.contains("max depth exceeded");
}

} // namespace

LegacyParser::LegacyParser(const ParserOptions& options)
    : Parser(options, kMaxTextLine) {}

void LegacyParser::newBuild(BuildEvents& out) {
    ++m_build;
    m_anyStep = false;
    m_current = -1;
    m_running = false;
    m_fromCount = 0;
    m_stage.clear();
    m_stages.clear();
    BuildEvent e;
    e.type = BuildEvent::Type::BuildStarted;
    e.build = m_build;
    out.append(std::move(e));
}

void LegacyParser::finishCurrent(StepStatus status, double timestamp, QByteArrayView message,
                                 BuildEvents& out) {
    if (!m_running)
        return;
    m_running = false;
    BuildEvent e;
    e.type = BuildEvent::Type::StepFinished;
    e.build = m_build;
    e.step = m_current;
    e.status = status;
    e.seconds =
        (timestamp >= 0 && m_startedAt >= 0 && timestamp >= m_startedAt) ? timestamp - m_startedAt : -1;
    e.text = QString::fromUtf8(message);
    out.append(std::move(e));
}

void LegacyParser::failOrReport(QByteArrayView t, double timestamp, BuildEvents& out) {
    if (m_running) {
        finishCurrent(StepStatus::Error, timestamp, t.trimmed(), out);
    } else {
        appendTextEvent(out, BuildEvent::Type::BuildError, t.trimmed(), -1, m_build);
    }
    emitLine(out, LineKind::Error, t, m_current, m_build);
}

void LegacyParser::parseLine(const Line& line, BuildEvents& out) {
    const QByteArrayView t = line.text;
    if (startsWith(t, "Step ") && t.size() > 5 && isDigit(t[5])) {
        qsizetype i = 5;
        int index = 0, total = 0;
        while (i < t.size() && isDigit(t[i]) && i < 14)
            index = index * 10 + (t[i++] - '0');
        if (i < t.size() && t[i] == '/') {
            const qsizetype slash = i++;
            while (i < t.size() && isDigit(t[i]) && i < slash + 10)
                total = total * 10 + (t[i++] - '0');
            if (startsWith(t.sliced(i), " : ")) {
                const QByteArrayView instr = t.sliced(i + 3);
                // Step numbers only grow within one build: a smaller one starts the next build of a
                // concatenated log. A step that never printed " ---> <id>" stays Running (interrupted).
                if (m_anyStep && index <= m_current)
                    newBuild(out);
                m_anyStep = true;
                m_current = index;
                m_running = true;
                m_usingCache = false;
                m_startedAt = line.timestamp;

                StepInfo info;
                info.id = index;
                info.build = m_build;
                info.index = index;
                info.total = total;
                info.instruction = QString::fromUtf8(instr);
                info.name = QString::fromUtf8(t);
                const qsizetype space = info.instruction.indexOf(u' ');
                info.keyword = (space < 0 ? info.instruction : info.instruction.left(space)).toUpper();
                m_currentIsFrom = info.keyword == u"FROM";
                if (m_currentIsFrom) {
                    info.kind = StepKind::From;
                    const QList<QStringView> words =
                        QStringView(info.instruction).split(u' ', Qt::SkipEmptyParts);
                    QString image;
                    for (qsizetype w = 1; w < words.size(); ++w) {
                        if (words.at(w).startsWith(u"--"))
                            continue; // --platform=...
                        image = words.at(w).toString();
                        break;
                    }
                    const qsizetype as = words.size() >= 4 ? words.size() - 2 : -1;
                    if (as > 0 && words.at(as).compare(u"as", Qt::CaseInsensitive) == 0)
                        m_stage = words.last().toString();
                    else
                        m_stage = QStringLiteral("stage-%1").arg(m_fromCount);
                    ++m_fromCount;
                    if (m_stages.contains(image))
                        info.parentStage = image;
                    m_stages.append(m_stage);
                } else {
                    info.kind = StepKind::Instruction;
                    if (m_stage.isEmpty())
                        m_stage = QStringLiteral("stage-0");
                }
                info.stage = m_stage;
                BuildEvent e;
                e.type = BuildEvent::Type::StepStarted;
                e.build = m_build;
                e.step = index;
                e.info = std::move(info);
                out.append(std::move(e));
                emitLine(out, LineKind::Header, t, index, m_build);
                return;
            }
        }
    }
    if (startsWith(t, " ---> ")) {
        const QByteArrayView what = t.sliced(6);
        if (what == "Using cache") {
            m_usingCache = true;
            emitLine(out, LineKind::Cached, t, m_current, m_build);
            return;
        }
        if (isHexId(what)) {
            const bool cached = m_usingCache;
            finishCurrent(cached ? StepStatus::Cached : StepStatus::Done, line.timestamp, {}, out);
            emitLine(out, cached ? LineKind::Cached : LineKind::Done, t, m_current, m_build);
            return;
        }
        if (startsWith(what, "[Warning]")) {
            appendTextEvent(out, BuildEvent::Type::Warning, what.sliced(9).trimmed(), m_current, m_build);
            emitLine(out, LineKind::Warning, t, m_current, m_build);
            return;
        }
        emitLine(out, LineKind::Status, t, m_current, m_build); // " ---> Running in <id>"
        return;
    }
    if (startsWith(t, "Sending build context to Docker daemon")) {
        if (m_anyStep)
            newBuild(out);
        emitLine(out, LineKind::Status, t, -1, m_build);
        return;
    }
    if (startsWith(t, "Removing intermediate container")) {
        emitLine(out, LineKind::Status, t, m_current, m_build);
        return;
    }
    if (startsWith(t, "Successfully built") || startsWith(t, "Successfully tagged")) {
        emitLine(out, LineKind::Done, t, -1, m_build);
        return;
    }
    if (looksLikeError(t)) {
        failOrReport(t, line.timestamp, out);
        return;
    }
    if (m_running && m_currentIsFrom && !t.isEmpty()) {
        // A FROM step that pulls: "Pulling from library/ubuntu", "Digest: sha256:...", "Status: Downloaded
        // ..."
        appendTextEvent(out, BuildEvent::Type::StepProgress, t, m_current, m_build);
        emitLine(out, LineKind::Status, t, m_current, m_build);
        return;
    }
    if (m_running) {
        emitOutput(out, t, t, m_current, m_build);
        return;
    }
    emitLine(out, LineKind::Plain, t, -1, m_build);
}

} // namespace sagedock::buildlog::detail
