// BuildKit --progress=plain (protocols.md D2), including the 20.10 "#N sha256:<digest>" lines, several
// builds concatenated in one log (ids restart at #1), and Sage CI logs whose "#N 12.3 " output prefixes
// were stripped by sed (such lines continue the step that printed last).

#include "buildlog/parser_p.h"

namespace sagedock::buildlog::detail {

namespace {
constexpr qsizetype kMaxTextLine = 64 * 1024;

// Names that start a step, as opposed to sub-task status lines of a running step.
bool looksLikeStepName(QByteArrayView rest) {
    return startsWith(rest, "[") || startsWith(rest, "importing cache manifest") ||
           rest == "exporting to image" || startsWith(rest, "exporting cache") ||
           startsWith(rest, "preparing build cache") || startsWith(rest, "resolve image config");
}

// "0.219 text" / "12.34 text" / "123.4" -> offset of the text, or -1 when `rest` is not timed output.
qsizetype outputOffset(QByteArrayView rest) {
    qsizetype i = 0;
    while (i < rest.size() && isDigit(rest[i]))
        ++i;
    if (i == 0 || i >= rest.size() || rest[i] != '.')
        return -1;
    const qsizetype dot = i++;
    while (i < rest.size() && isDigit(rest[i]))
        ++i;
    if (i == dot + 1)
        return -1;
    if (i == rest.size())
        return i;
    return rest[i] == ' ' ? i + 1 : -1;
}

} // namespace

PlainParser::PlainParser(const ParserOptions& options)
    : Parser(options, kMaxTextLine) {}

void PlainParser::parseLine(const Line& line, BuildEvents& out) {
    const QByteArrayView t = line.text;
    m_full = t;
    if (t.size() >= 2 && t[0] == '#' && isDigit(t[1])) {
        qsizetype i = 1;
        qint64 id = 0;
        while (i < t.size() && isDigit(t[i]) && i < 10) {
            id = id * 10 + (t[i] - '0');
            ++i;
        }
        if (i == t.size()) {
            stepLine(int(id), {}, out);
            return;
        }
        if (t[i] == ' ') {
            stepLine(int(id), t.sliced(i + 1), out);
            return;
        }
    }
    plainLine(t, out);
}

void PlainParser::newBuild(BuildEvents& out) {
    m_steps.clear();
    m_lastUntracked = -1;
    m_current = -1;
    m_block = Block::None;
    ++m_build;
    BuildEvent e;
    e.type = BuildEvent::Type::BuildStarted;
    e.build = m_build;
    out.append(std::move(e));
}

void PlainParser::startStep(int id, QByteArrayView name, BuildEvents& out) {
    // Bounded like the diagnosis: past the cap a step is passed on but not remembered by name.
    if (m_steps.size() < kMaxTrackedSteps || m_steps.contains(id))
        m_steps.insert(id, Step{name.toByteArray(), false});
    BuildEvent e;
    e.type = BuildEvent::Type::StepStarted;
    e.build = m_build;
    e.step = id;
    e.info = stepInfoFromName(QString::fromUtf8(name));
    e.info.id = id;
    e.info.build = m_build;
    out.append(std::move(e));
}

void PlainParser::finishStep(int id, StepStatus status, double seconds, QByteArrayView message,
                             BuildEvents& out) {
    auto it = m_steps.find(id);
    if (it == m_steps.end()) {
        if (m_steps.size() >= kMaxTrackedSteps)
            return; // a step past the cap: its end is not diagnosed either
        it = m_steps.insert(id, Step{});
    }
    if (it->finished)
        return;
    it->finished = true;
    if (m_current == id)
        m_current = -1;
    BuildEvent e;
    e.type = BuildEvent::Type::StepFinished;
    e.build = m_build;
    e.step = id;
    e.status = status;
    e.seconds = seconds;
    e.text = QString::fromUtf8(message);
    out.append(std::move(e));
}

void PlainParser::stepLine(int id, QByteArrayView rest, BuildEvents& out) {
    if (id == 0) {
        // "#0 building with "default" instance using docker driver" (buildx) opens every build.
        if (startsWith(rest, "building with") && !m_steps.isEmpty())
            newBuild(out);
        emitLine(out, LineKind::Status, m_full, -1, m_build);
        return;
    }
    m_block = Block::None;
    auto it = m_steps.find(id);
    if (it != m_steps.end() && it->name != rest && looksLikeStepName(rest) &&
        (it->finished || startsWith(rest, "["))) {
        // A finished step never gets a new header within one build: ids restarted, a new build began.
        newBuild(out);
        it = m_steps.end();
    } else if (it != m_steps.end() && it->finished && it->name == rest && looksLikeStepName(rest)) {
        newBuild(out); // the same Dockerfile built again (tox builds one --target after the other)
        it = m_steps.end();
    }

    // Step outcome lines.
    StepStatus status = StepStatus::Running;
    double seconds = -1;
    QByteArrayView message;
    if (rest == "CACHED") {
        status = StepStatus::Cached;
    } else if (rest == "CANCELED") {
        status = StepStatus::Canceled;
    } else if (startsWith(rest, "DONE") && (rest.size() == 4 || rest[4] == ' ')) {
        status = StepStatus::Done;
        QByteArrayView num = rest.sliced(std::min<qsizetype>(5, rest.size()));
        if (!(num.endsWith('s') && parseDecimal(num.chopped(1), &seconds)))
            seconds = -1;
    } else if (startsWith(rest, "ERROR")) {
        if (rest.size() == 5 || rest[5] == ':') {
            status = StepStatus::Error;
            message = rest.sliced(std::min<qsizetype>(rest.size(), 6)).trimmed();
        }
    }

    // Past the cap a step is not remembered: it is announced once (its first line), not on every line.
    const bool untracked = it == m_steps.end() && m_steps.size() >= kMaxTrackedSteps;
    if (it == m_steps.end() && !(untracked && id == m_lastUntracked)) {
        if (untracked)
            m_lastUntracked = id;
        if (status != StepStatus::Running || outputOffset(rest) >= 0 || startsWith(rest, "WARN:")) {
            // A truncated log may start in the middle of a step: make it known without a name.
            startStep(id, {}, out);
        } else {
            startStep(id, rest, out);
            m_current = id;
            emitLine(out, LineKind::Header, m_full, id, m_build);
            return;
        }
    }

    if (status != StepStatus::Running) {
        finishStep(id, status, seconds, message, out);
        const LineKind kind = status == StepStatus::Cached  ? LineKind::Cached
                              : status == StepStatus::Error ? LineKind::Error
                                                            : LineKind::Done;
        emitLine(out, kind, m_full, id, m_build);
        return;
    }
    if (startsWith(rest, "WARN:")) {
        appendTextEvent(out, BuildEvent::Type::Warning, rest.sliced(5).trimmed(), id, m_build);
        emitLine(out, LineKind::Warning, m_full, id, m_build);
        return;
    }
    if (!m_steps.value(id).finished)
        m_current = id;
    if (const qsizetype off = outputOffset(rest); off >= 0) {
        emitOutput(out, rest.sliced(off), m_full, id, m_build);
        return;
    }
    if (rest == m_steps.value(id).name) {
        emitLine(out, LineKind::Header, m_full, id, m_build);
        return;
    }
    appendTextEvent(out, BuildEvent::Type::StepProgress, rest, id, m_build);
    emitLine(out, LineKind::Status, m_full, id, m_build);
}

void PlainParser::plainLine(QByteArrayView t, BuildEvents& out) {
    if (t == "------") {
        // Error blocks: "------" / " > [stage k/n] RUN ...:" / context lines / "------".
        m_block = m_block == Block::Inside ? Block::After : Block::Inside;
        m_current = -1;
        emitLine(out, LineKind::Error, t, -1, m_build);
        return;
    }
    if (m_block == Block::Inside) {
        emitLine(out, LineKind::Error, t, -1, m_build);
        return;
    }
    if (m_block == Block::After && startsWith(t, "#")) {
        // A non-fatal error block (a failed cache import) is followed by the next step or by a
        // marker of the tool driving the builds ("### sagedock push ..."), not by a build error.
        m_block = Block::None;
        emitLine(out, LineKind::Status, t, -1, m_build);
        return;
    }
    const bool buildError = startsWith(t, "ERROR: ") || startsWith(t, "error: ") ||
                            startsWith(t, "failed to solve") || startsWith(t, "executor failed running");
    if (buildError || (m_block == Block::After && !t.trimmed().isEmpty() && !startsWith(t, "Dockerfile:") &&
                       !startsWith(t, "----") && !(t.size() > 1 && t[0] == ' '))) {
        appendTextEvent(out, BuildEvent::Type::BuildError, t.trimmed(), -1, m_build);
        m_block = Block::None;
        emitLine(out, LineKind::Error, t, -1, m_build);
        return;
    }
    if (m_block == Block::After) {
        emitLine(out, LineKind::Error, t, -1, m_build);
        return;
    }
    if (startsWith(t, "WARNING: ")) {
        emitLine(out, LineKind::Warning, t, -1, m_build);
        return;
    }
    if (m_current >= 0 && !t.isEmpty()) {
        emitOutput(out, t, t, m_current, m_build);
        return;
    }
    emitLine(out, LineKind::Plain, t, -1, m_build);
}

} // namespace sagedock::buildlog::detail
