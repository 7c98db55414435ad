// BuildKit --progress=rawjson (protocols.md D3): one client.SolveStatus per line. Vertices are sent again
// at every state change and merged by digest; log data and warning texts are base64.

#include "buildlog/parser_p.h"

#include <nlohmann/json.hpp>

namespace sagedock::buildlog::detail {

namespace {
constexpr qsizetype kMaxJsonLine = 8 * 1024 * 1024;

QByteArray str(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return {};
    const std::string& s = it->get_ref<const std::string&>();
    return QByteArray(s.data(), qsizetype(s.size()));
}

double time(const nlohmann::json& object, const char* key) {
    const QByteArray t = str(object, key);
    return t.isEmpty() ? -1 : parseTimestamp(t);
}

bool flag(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

} // namespace

RawJsonParser::RawJsonParser(const ParserOptions& options)
    : Parser(options, kMaxJsonLine) {}

void RawJsonParser::parseLine(const Line& line, BuildEvents& out) {
    const QByteArrayView t = line.text.trimmed();
    if (t.isEmpty() || t[0] != '{') {
        emitLine(out, LineKind::Plain, line.text);
        return;
    }
    const nlohmann::json status = nlohmann::json::parse(t.begin(), t.end(), nullptr, false);
    if (status.is_discarded() || !status.is_object()) {
        emitLine(out, LineKind::Plain, line.text);
        return;
    }

    if (const auto vs = status.find("vertexes"); vs != status.end() && vs->is_array()) {
        for (const nlohmann::json& v : *vs) {
            if (!v.is_object())
                continue;
            const QByteArray digest = str(v, "digest");
            if (digest.isEmpty())
                continue;
            auto it = m_vertices.find(digest);
            // Bounded like the plain parser and the diagnosis: past the cap, new vertices are not read.
            if (it == m_vertices.end() && m_vertices.size() >= kMaxVertices)
                continue;
            if (it == m_vertices.end()) {
                Vertex vertex;
                vertex.id = ++m_nextId;
                const QByteArray name = str(v, "name");
                StepInfo info = stepInfoFromName(QString::fromUtf8(name));
                info.id = vertex.id;
                vertex.stage = info.stage;
                // The first step of a stage takes the last vertex of the stage it builds on as input.
                if (const auto inputs = v.find("inputs"); inputs != v.end() && inputs->is_array()) {
                    for (const nlohmann::json& in : *inputs) {
                        if (!in.is_string())
                            continue;
                        const std::string& s = in.get_ref<const std::string&>();
                        const auto parent = m_vertices.constFind(QByteArray(s.data(), qsizetype(s.size())));
                        if (parent != m_vertices.cend() && !parent->stage.isEmpty() &&
                            parent->stage != info.stage) {
                            info.parentStage = parent->stage;
                            break;
                        }
                    }
                }
                it = m_vertices.insert(digest, vertex);
                BuildEvent e;
                e.type = BuildEvent::Type::StepStarted;
                e.step = vertex.id;
                e.info = std::move(info);
                out.append(std::move(e));
                emitLine(out, LineKind::Header, QByteArray('#' + QByteArray::number(vertex.id) + ' ' + name),
                         vertex.id);
            }
            if (const double started = time(v, "started"); started >= 0 && it->started < 0)
                it->started = started;
            const double completed = time(v, "completed");
            if (completed < 0 || it->finished)
                continue;
            it->finished = true;
            BuildEvent e;
            e.type = BuildEvent::Type::StepFinished;
            e.step = it->id;
            const QByteArray error = str(v, "error");
            if (!error.isEmpty()) {
                e.status = error.contains("context canceled") ? StepStatus::Canceled : StepStatus::Error;
                e.text = QString::fromUtf8(error);
            } else {
                e.status = flag(v, "cached") ? StepStatus::Cached : StepStatus::Done;
            }
            if (it->started >= 0 && completed >= it->started && e.status != StepStatus::Cached)
                e.seconds = completed - it->started;
            const LineKind kind = e.status == StepStatus::Cached ? LineKind::Cached
                                  : e.status == StepStatus::Done ? LineKind::Done
                                                                 : LineKind::Error;
            const QByteArray text = e.status == StepStatus::Cached     ? QByteArray("CACHED")
                                    : e.status == StepStatus::Done     ? QByteArray("DONE")
                                    : e.status == StepStatus::Canceled ? QByteArray("CANCELED")
                                                                       : "ERROR: " + error;
            const int id = it->id;
            out.append(std::move(e));
            emitLine(out, kind, QByteArray('#' + QByteArray::number(id) + ' ' + text), id);
        }
    }

    if (const auto ss = status.find("statuses"); ss != status.end() && ss->is_array()) {
        for (const nlohmann::json& s : *ss) {
            if (!s.is_object())
                continue;
            const auto v = m_vertices.constFind(str(s, "vertex"));
            const int id = v == m_vertices.cend() ? -1 : v->id;
            if (id >= 0 && s.contains("id")) {
                QByteArray text = str(s, "id");
                const auto cur = s.find("current");
                const auto tot = s.find("total");
                if (cur != s.end() && cur->is_number_integer() && tot != s.end() && tot->is_number_integer())
                    text += ' ' + QByteArray::number(cur->get<qint64>()) + " / " +
                            QByteArray::number(tot->get<qint64>());
                appendTextEvent(out, BuildEvent::Type::StepProgress, text, id);
            }
            if (!m_options.lineEvents)
                continue;
            QByteArray text = '#' + QByteArray::number(id) + ' ' + str(s, "name");
            const auto cur = s.find("current");
            const auto tot = s.find("total");
            if (cur != s.end() && cur->is_number_integer()) {
                text += ' ' + QByteArray::number(cur->get<qint64>());
                if (tot != s.end() && tot->is_number_integer())
                    text += " / " + QByteArray::number(tot->get<qint64>());
            }
            if (s.contains("completed"))
                text += " done";
            emitLine(out, LineKind::Status, text, id);
        }
    }

    if (const auto ls = status.find("logs"); ls != status.end() && ls->is_array()) {
        for (const nlohmann::json& l : *ls) {
            if (!l.is_object())
                continue;
            const auto v = m_vertices.constFind(str(l, "vertex"));
            const int id = v == m_vertices.cend() ? -1 : v->id;
            const QByteArray data = QByteArray::fromBase64(str(l, "data"));
            for (QByteArray piece : data.split('\n')) {
                if (piece.endsWith('\r'))
                    piece.chop(1);
                if (piece.isEmpty())
                    continue;
                emitOutput(out, piece, QByteArray('#' + QByteArray::number(id) + ' ' + piece), id);
            }
        }
    }

    if (const auto ws = status.find("warnings"); ws != status.end() && ws->is_array()) {
        for (const nlohmann::json& w : *ws) {
            if (!w.is_object())
                continue;
            const auto v = m_vertices.constFind(str(w, "vertex"));
            BuildEvent e;
            e.type = BuildEvent::Type::Warning;
            e.step = v == m_vertices.cend() ? -1 : v->id;
            e.text = QString::fromUtf8(QByteArray::fromBase64(str(w, "short")));
            const QString text = e.text;
            out.append(std::move(e));
            emitLine(out, LineKind::Warning, QByteArray("WARN: " + text.toUtf8()),
                     v == m_vertices.cend() ? -1 : v->id);
        }
    }
}

} // namespace sagedock::buildlog::detail
