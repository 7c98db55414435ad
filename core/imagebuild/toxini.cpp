#include "imagebuild/toxini.h"

#include "util/userfile.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <memory>
#include <variant>

namespace sagedock::imagebuild {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::imagebuild)
};
// lupdate loses Text's context in a function whose return type is qualified (util::Error f()).
using util::Error;

// tox gives up re-expanding a value after this many nested rounds (MAX_REPLACE_DEPTH).
constexpr int kMaxReplaceDepth = 100;

// ---- configparser ----------------------------------------------------------------------------

bool isCommentLine(const QString& line) {
    const QString t = line.trimmed();
    return t.startsWith(u'#') || t.startsWith(u';');
}

int indentOf(const QString& line) {
    int i = 0;
    while (i < line.size() && line.at(i).isSpace())
        ++i;
    return i;
}

// ---- factor expressions (tox/config/loader/ini/factor.py) -------------------------------------

using FactorGroup = QList<QPair<QString, bool>>; // factor name, negated

bool isFactorName(const QString& f) {
    // \w as in Python: Unicode letters and digits
    static const QRegularExpression re(QStringLiteral("^!?[\\w._][\\w._-]*$"),
                                       QRegularExpression::UseUnicodePropertiesOption);
    return re.match(f).hasMatch();
}

// '{py,!pi}-{a,b},c' -> ['py-a','py-b','!pi-a','!pi-b','c']; nullopt where tox raises ValueError.
std::optional<QStringList> expandEnvWithNegation(const QString& value) {
    // Split at commas outside `{...}` groups (a `{` only opens a group when a `}` follows it
    // after at least one character, as in tox's regular expression).
    QStringList segments;
    QString current;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c == u'{') {
            const qsizetype close = value.indexOf(u'}', i + 1);
            if (close > i + 1) {
                current += value.mid(i, close - i + 1);
                i = close;
                continue;
            }
        }
        if (c == u',') {
            segments << current;
            current.clear();
            continue;
        }
        current += c;
    }
    segments << current;
    QStringList result;
    static const QRegularExpression group(QStringLiteral("\\{([^}]+)\\}"));
    for (const QString& segment : std::as_const(segments)) {
        if (segment.isEmpty())
            continue;
        const QString str = segment.trimmed();
        QList<QStringList> parts;
        qsizetype last = 0;
        auto it = group.globalMatch(str);
        auto addParts = [&parts](const QString& elem) {
            QStringList choices;
            for (const QString& p : elem.split(u','))
                choices << p.trimmed();
            parts << choices;
        };
        while (it.hasNext()) {
            const auto m = it.next();
            addParts(str.mid(last, m.capturedStart() - last));
            addParts(m.captured(1));
            last = m.capturedEnd();
        }
        addParts(str.mid(last));
        QStringList variants{QString()};
        for (const QStringList& choices : std::as_const(parts)) {
            QStringList next;
            for (const QString& v : std::as_const(variants))
                for (const QString& c : choices)
                    next << v + c;
            variants = next;
        }
        for (const QString& v : std::as_const(variants)) {
            for (const QString& f : v.split(u'-'))
                if (!isFactorName(f))
                    return std::nullopt;
            result << v;
        }
    }
    return result;
}

std::optional<QList<FactorGroup>> findFactorGroups(const QString& value) {
    const auto envs = expandEnvWithNegation(value);
    if (!envs)
        return std::nullopt;
    QList<FactorGroup> groups;
    for (const QString& env : *envs) {
        FactorGroup g;
        for (const QString& f : env.split(u'-'))
            g << (f.startsWith(u'!') ? qMakePair(f.mid(1), true) : qMakePair(f, false));
        groups << g;
    }
    return groups;
}

QString explodeFactor(const FactorGroup& g) {
    QStringList names;
    for (const auto& [name, negated] : g)
        names << name;
    return names.join(u'-');
}

struct FactorLine {
    std::optional<QList<FactorGroup>> factors; // nullopt: an unconditional line
    QString content;
};

QList<FactorLine> expandFactors(const QString& value) {
    static const QRegularExpression marker(QStringLiteral(":(\\s|$)"));
    QList<FactorLine> lines;
    for (const QString& line : value.split(u'\n')) {
        FactorLine out{std::nullopt, line};
        const auto m = marker.match(line);
        if (m.hasMatch()) {
            if (auto groups = findFactorGroups(line.left(m.capturedStart()).trimmed())) {
                out.factors = std::move(groups);
                out.content = line.mid(m.capturedStart() + 1).trimmed();
            }
        }
        lines << out;
    }
    return lines;
}

QString filterForEnv(const QString& value, const std::optional<QString>& name) {
    QSet<QString> current;
    if (name)
        if (const auto groups = findFactorGroups(*name))
            for (const FactorGroup& g : *groups)
                for (const auto& f : g)
                    current.insert(f.first);
    QStringList overall;
    for (const FactorLine& line : expandFactors(value)) {
        if (!line.factors) {
            if (!line.content.isEmpty())
                overall << line.content;
            continue;
        }
        for (const FactorGroup& g : *line.factors) {
            const bool all = std::all_of(
                g.begin(), g.end(), [&](const auto& f) { return current.contains(f.first) != f.second; });
            if (all) {
                overall << line.content;
                break;
            }
        }
    }
    return overall.join(u'\n');
}

// IniLoader.process_raw: tox's comment stripping, factor filter, backslash-newline collapse.
QString processRaw(const QString& value, const std::optional<QString>& envName) {
    static const QRegularExpression comments(QStringLiteral("(\\s)*(?<!\\\\)#.*"));
    QStringList elements;
    for (const QString& line : value.split(u'\n')) {
        if (line.startsWith(u'#'))
            continue;
        QString part = line;
        part.replace(comments, QString());
        elements << part.replace(QStringLiteral("\\#"), QStringLiteral("#"));
    }
    QString filtered = filterForEnv(elements.join(u'\n'), envName);
    filtered.remove(u'\r');
    filtered.replace(QStringLiteral("\\\n"), QString());
    return filtered;
}

QStringList splitList(const QString& value) {
    const QChar sep = value.contains(u'\n') ? u'\n' : u',';
    QStringList out;
    for (const QString& token : value.split(sep)) {
        const QString t = token.trimmed();
        if (!t.isEmpty())
            out << t;
    }
    return out;
}

// ---- difflib's SequenceMatcher.ratio (no junk: tox's words are far below autojunk's 200) -------

int matchingCharacters(const QString& a, qsizetype alo, qsizetype ahi, const QString& b, qsizetype blo,
                       qsizetype bhi) {
    if (alo >= ahi || blo >= bhi)
        return 0;
    // Longest common block, earliest in a, then earliest in b (find_longest_match), then the same
    // on both sides of it.
    const qsizetype width = bhi - blo;
    QList<qsizetype> lengths((ahi - alo) * width, 0);
    qsizetype bestI = alo, bestJ = blo, bestSize = 0;
    for (qsizetype i = alo; i < ahi; ++i)
        for (qsizetype j = blo; j < bhi; ++j) {
            if (a.at(i) != b.at(j))
                continue;
            const qsizetype k =
                1 + ((i > alo && j > blo) ? lengths[(i - 1 - alo) * width + (j - 1 - blo)] : 0);
            lengths[(i - alo) * width + (j - blo)] = k;
            if (k > bestSize) {
                bestSize = k;
                bestI = i - k + 1;
                bestJ = j - k + 1;
            }
        }
    if (bestSize == 0)
        return 0;
    return int(bestSize) + matchingCharacters(a, alo, bestI, b, blo, bestJ) +
           matchingCharacters(a, bestI + bestSize, ahi, b, bestJ + bestSize, bhi);
}

double similarity(const QString& a, const QString& b) {
    const qsizetype total = a.size() + b.size();
    if (total == 0)
        return 1.0;
    return 2.0 * matchingCharacters(a, 0, a.size(), b, 0, b.size()) / double(total);
}

QString closestMatch(const QString& word, const QStringList& possibilities) {
    // get_close_matches(word, possibilities, n=1, cutoff=0.6): best score, ties to the larger string.
    QString best;
    double bestScore = -1;
    for (const QString& x : possibilities) {
        const double score = similarity(x, word);
        if (score < 0.6)
            continue;
        if (score > bestScore || (score == bestScore && x > best)) {
            bestScore = score;
            best = x;
        }
    }
    return best;
}

// ---- shlex (posix, whitespace_split, no comments) and shlex.quote ------------------------------

QStringList shlexSplit(const QString& value, bool* complete) {
    QStringList args;
    qsizetype i = 0, lastEnd = 0;
    const qsizetype n = value.size();
    auto isSpace = [](QChar c) { return c == u' ' || c == u'\t' || c == u'\r' || c == u'\n'; };
    *complete = true;
    while (true) {
        while (i < n && isSpace(value.at(i)))
            ++i;
        if (i >= n)
            break;
        QString token;
        bool ok = true;
        while (i < n && !isSpace(value.at(i))) {
            const QChar c = value.at(i);
            if (c == u'\'') {
                const qsizetype close = value.indexOf(u'\'', i + 1);
                if (close < 0) {
                    ok = false;
                    break;
                }
                token += value.mid(i + 1, close - i - 1);
                i = close + 1;
            } else if (c == u'"') {
                ++i;
                bool closed = false;
                while (i < n) {
                    const QChar d = value.at(i);
                    if (d == u'"') {
                        closed = true;
                        ++i;
                        break;
                    }
                    if (d == u'\\' && i + 1 < n && (value.at(i + 1) == u'"' || value.at(i + 1) == u'\\')) {
                        token += value.at(i + 1);
                        i += 2;
                        continue;
                    }
                    token += d;
                    ++i;
                }
                if (!closed) {
                    ok = false;
                    break;
                }
            } else if (c == u'\\') {
                if (i + 1 >= n) {
                    ok = false;
                    break;
                }
                token += value.at(i + 1);
                i += 2;
            } else {
                token += c;
                ++i;
            }
        }
        if (!ok) {
            // tox keeps the unsplittable rest as one argument
            *complete = false;
            args << value.mid(lastEnd);
            return args;
        }
        args << token;
        // shlex's stream position is one past the delimiter it consumed
        lastEnd = std::min(n, i + 1);
    }
    return args;
}

QString shellQuote(const QString& s) {
    if (s.isEmpty())
        return QStringLiteral("''");
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_@%+=:,./-]"));
    if (!unsafe.match(s).hasMatch())
        return s;
    QString quoted = s;
    quoted.replace(u'\'', QStringLiteral("'\"'\"'"));
    return u'\'' + quoted + u'\'';
}

// ---- substitutions (tox/config/loader/ini/replace.py) -----------------------------------------

struct Expression;
using Node = std::variant<QString, std::shared_ptr<Expression>>;
using Arg = QList<Node>;
struct Expression {
    QList<Arg> args;
};

bool isEscapable(QChar c) {
    return c == u':' || c == u'{' || c == u'}' || c == u'[' || c == u']';
}

void appendText(Arg& arg, const QString& text) {
    if (!arg.isEmpty() && std::holds_alternative<QString>(arg.last()))
        std::get<QString>(arg.last()) += text;
    else
        arg << Node(text);
}

// parse_and_split_to_terminator; nullopt when a terminator was wanted and not found.
std::optional<QPair<QList<Arg>, qsizetype>> parseTo(QStringView value, bool terminated, bool split);

std::optional<QPair<std::shared_ptr<Expression>, qsizetype>> nextExpression(QStringView value) {
    if (value.startsWith(u"[]")) {
        auto e = std::make_shared<Expression>();
        e->args = {Arg{Node(QStringLiteral("posargs"))}};
        return qMakePair(e, qsizetype(2));
    }
    if (!value.startsWith(u'{'))
        return std::nullopt;
    auto parsed = parseTo(value.mid(1), true, true);
    if (!parsed)
        return std::nullopt; // no closing brace: the `{` is plain text
    auto e = std::make_shared<Expression>();
    e->args = parsed->first;
    return qMakePair(e, parsed->second + 1);
}

std::optional<QPair<QList<Arg>, qsizetype>> parseTo(QStringView value, bool terminated, bool split) {
    QList<Arg> args;
    Arg last;
    qsizetype pos = 0;
    bool found = false;
    while (pos < value.size()) {
        if (value.size() > pos + 1 && value.at(pos) == u'\\') {
            if (isEscapable(value.at(pos + 1))) {
                appendText(last, value.at(pos + 1));
                pos += 2;
                continue;
            }
            if (value.at(pos + 1) == u'\\') {
                appendText(last, value.mid(pos, 2).toString());
                pos += 2;
                continue;
            }
        }
        const QStringView fragment = value.mid(pos);
        if (terminated && fragment.startsWith(u'}')) {
            pos += 1;
            found = true;
            break;
        }
        if (split && fragment.startsWith(u':')) {
            args << last;
            last.clear();
            pos += 1;
            continue;
        }
        if (auto expr = nextExpression(fragment)) {
            last << Node(expr->first);
            pos += expr->second;
            continue;
        }
        appendText(last, value.at(pos));
        pos += 1;
    }
    if (terminated && !found)
        return std::nullopt;
    args << last;
    return qMakePair(args, pos);
}

Arg parseValue(const QString& value) {
    return parseTo(value, false, false)->first.first();
}

bool hasExpression(const QString& value) {
    const Arg arg = parseValue(value);
    return std::any_of(arg.begin(), arg.end(),
                       [](const Node& n) { return std::holds_alternative<std::shared_ptr<Expression>>(n); });
}

class Evaluator {
public:
    Evaluator(const ToxIni& ini, QString envName, const ToxContext& ctx, QString envDir, QString workDir)
        : m_ini(ini)
        , m_envName(std::move(envName))
        , m_ctx(ctx)
        , m_envDir(std::move(envDir))
        , m_workDir(std::move(workDir)) {}

    std::optional<QString> value(const QString& key) const {
        for (const QString& section : m_sections)
            if (auto v = m_ini.raw(section, key))
                return v;
        return std::nullopt;
    }
    std::optional<QString> value(const QStringList& keys) const {
        for (const QString& section : m_sections)
            for (const QString& key : keys)
                if (auto v = m_ini.raw(section, key))
                    return v;
        return std::nullopt;
    }

    void setSections(QStringList sections) { m_sections = std::move(sections); }

    Error loadSetEnv(const QString& raw) {
        for (const QString& line : raw.split(u'\n')) {
            if (line.trimmed().isEmpty())
                continue;
            const qsizetype eq = line.indexOf(u'=');
            const QString key = eq < 0 ? QString() : line.left(eq).trimmed();
            if (eq < 0 || key.contains(u'{')) {
                if (hasExpression(line)) {
                    m_pendingLines << line;
                    continue;
                }
                return util::Error::make(
                    util::ErrorCode::Parse,
                    Text::tr("tox.ini has an invalid setenv line \"%1\" for %2.").arg(line, m_envName));
            }
            if (!m_rawSetEnv.contains(key))
                m_order << key;
            m_rawSetEnv.insert(key, line.mid(eq + 1).trimmed());
        }
        return {};
    }

    // SetEnv.__iter__ + load for every key: what tox materializes for the environment.
    util::Result<QMap<QString, QString>> materializeSetEnv() {
        {
            for (qsizetype i = 0; i < m_order.size(); ++i)
                loadSetEnvKey(m_order.at(i), {});
            while (!m_pendingLines.isEmpty() && m_error.isEmpty()) {
                const QString expanded = replace(m_pendingLines.takeFirst(), {}, 0);
                for (const QString& sub : expanded.split(u'\n')) {
                    const qsizetype eq = sub.indexOf(u'=');
                    if (sub.isEmpty() || eq < 0)
                        continue;
                    const QString key = sub.left(eq).trimmed();
                    m_materialized.remove(key);
                    m_rawSetEnv.insert(key, sub.mid(eq + 1).trimmed());
                    if (!m_order.contains(key))
                        m_order << key;
                    loadSetEnvKey(key, {});
                }
            }
        }
        if (!m_error.isEmpty())
            return util::Error::make(util::ErrorCode::Parse, m_error);
        return m_materialized;
    }

    util::Result<QString> replaceAll(const QString& text) {
        QString out = replace(text, {}, 0);
        if (!m_error.isEmpty())
            return util::Error::make(util::ErrorCode::Parse, m_error);
        return out;
    }

private:
    QString loadSetEnvKey(const QString& key, QStringList chain) {
        if (m_materialized.contains(key))
            return m_materialized.value(key);
        const QString raw = m_rawSetEnv.value(key);
        chain << QStringLiteral("env:") + key;
        QString result = replace(raw, chain, 0);
        result.replace(QStringLiteral("\\#"), QStringLiteral("#"));
        m_materialized.insert(key, result);
        return result;
    }

    QString replace(const QString& text, const QStringList& chain, int depth) {
        if (!m_error.isEmpty())
            return text;
        if (depth > kMaxReplaceDepth) {
            m_error = Text::tr("tox.ini: could not expand \"%1\" after %2 rounds.").arg(text).arg(depth);
            return text;
        }
        return join(parseValue(text), chain, depth);
    }

    QString join(const Arg& arg, const QStringList& chain, int depth) {
        QString out;
        for (const Node& node : arg) {
            if (const auto* s = std::get_if<QString>(&node))
                out += *s;
            else
                out += replaceMatch(*std::get<std::shared_ptr<Expression>>(node), chain, depth);
        }
        return out;
    }

    QString replaceMatch(const Expression& expr, QStringList chain, int depth) {
        QStringList flat;
        for (const Arg& a : expr.args)
            flat << join(a, chain, depth);
        const QString type = flat.first();
        const QStringList args = flat.mid(1);
        std::optional<QString> value;
        if (type == u"/")
            value = QStringLiteral("/");
        else if (type.isEmpty() && args == QStringList{QString()})
            value = QStringLiteral(":");
        else if (type == u"env")
            value = replaceEnv(args, chain);
        else if (type == u"tty")
            value = args.size() > 1 ? args.at(1) : QString(); // SageDock runs no tty
        else if (type == u"posargs") {
            if (m_ctx.posArgs) {
                QStringList quoted;
                for (const QString& p : *m_ctx.posArgs)
                    quoted << shellQuote(p);
                value = quoted.join(u' ');
            } else {
                value = args.join(u':');
            }
        } else {
            value = reference(flat.join(u':'));
        }
        if (!value)
            return u'{' + flat.join(u':') + u'}';
        if (hasExpression(*value)) {
            // tox re-expands a value that still holds substitutions; when that fails (too deep,
            // or circular) it logs a warning and keeps the value as it is.
            if (!m_error.isEmpty())
                return *value;
            const QString expanded = replace(*value, chain, depth + 1);
            if (!m_error.isEmpty()) {
                m_error.clear();
                return *value;
            }
            return expanded;
        }
        return *value;
    }

    QString replaceEnv(const QStringList& args, QStringList& chain) {
        if (args.isEmpty() || args.first().isEmpty()) {
            m_error =
                Text::tr("tox.ini has an {env} substitution without a variable name in %1.").arg(m_envName);
            return QString();
        }
        const QString key = args.first();
        const QString chainKey = QStringLiteral("env:") + key;
        if (!chain.contains(chainKey)) {
            chain << chainKey;
            if (m_rawSetEnv.contains(key))
                return loadSetEnvKey(key, chain);
        } else if (chain.last() != chainKey) {
            QStringList circle;
            for (qsizetype i = chain.indexOf(chainKey); i < chain.size(); ++i)
                circle << chain.at(i).mid(4);
            m_error = Text::tr("tox.ini has a circular chain between set env %1 in %2.")
                          .arg(circle.join(QStringLiteral(", ")), m_envName);
            return QString();
        }
        if (m_ctx.environment.contains(key))
            return m_ctx.environment.value(key);
        return args.size() == 1 ? QString() : args.mid(1).join(u':');
    }

    std::optional<QString> builtin(const QString& key) const {
        if (key == u"toxinidir" || key == u"tox_root")
            return m_ctx.toxIniDir;
        if (key == u"toxworkdir" || key == u"work_dir")
            return m_workDir;
        if (key == u"envdir" || key == u"env_dir")
            return m_envDir;
        if (key == u"envname" || key == u"env_name")
            return m_envName;
        if (key == u"envtmpdir" || key == u"env_tmp_dir")
            return m_envDir + QStringLiteral("/tmp");
        if (key == u"envlogdir" || key == u"env_log_dir")
            return m_envDir + QStringLiteral("/log");
        if (key == u"envbindir" || key == u"env_bin_dir")
            return m_envDir + QStringLiteral("/bin");
        return std::nullopt;
    }

    std::optional<QString> reference(const QString& text) const {
        static const QRegularExpression re(
            QStringLiteral("^(?:\\[(?:(testenv(?::[^\\]]+)?)|([-\\w]+))\\])?([-a-zA-Z0-9_]+)(?::(.*))?$"),
            QRegularExpression::DotMatchesEverythingOption | QRegularExpression::UseUnicodePropertiesOption);
        const auto m = re.match(text);
        if (!m.hasMatch())
            return std::nullopt;
        QString section = m.captured(2);
        if (section.isEmpty())
            section = m.captured(1);
        const QString key = m.captured(3);
        const bool hasDefault = m.capturedStart(4) >= 0;
        std::optional<QString> found;
        bool anySource = false;
        if (section.isEmpty()) {
            anySource = true;
            if (auto b = builtin(key))
                found = QString(*b).replace(u'#', QStringLiteral("\\#"));
        } else {
            if (section == u"tox")
                if (auto b = builtin(key))
                    return QString(*b).replace(u'#', QStringLiteral("\\#"));
            if (m_ini.section(section)) {
                anySource = true;
                if (auto raw = m_ini.raw(section, key.toLower()))
                    return processRaw(*raw, m_envName);
            }
        }
        if (found)
            return found;
        if (anySource && hasDefault)
            return m.captured(4);
        return std::nullopt;
    }

    const ToxIni& m_ini;
    QString m_envName;
    const ToxContext& m_ctx;
    QString m_envDir;
    QString m_workDir;
    QStringList m_sections;
    QStringList m_order;
    QMap<QString, QString> m_rawSetEnv;
    QMap<QString, QString> m_materialized;
    QStringList m_pendingLines;
    QString m_error; // the first failure; once set, evaluation only unwinds
};

bool wildcardMatch(const QString& pattern, const QString& name) {
    QString re;
    for (const QChar c : pattern) {
        if (c == u'*')
            re += QStringLiteral(".*");
        else if (c == u'?')
            re += u'.';
        else
            re += QRegularExpression::escape(QString(c));
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(re),
                              QRegularExpression::CaseInsensitiveOption)
        .match(name)
        .hasMatch();
}

} // namespace

// ---- ToxIni ----------------------------------------------------------------------------------

util::Result<ToxIni> ToxIni::parse(const QString& text) {
    // configparser: `[section]`, `key = value` or `key: value`, deeper-indented lines continue the
    // value, comment lines vanish, empty lines inside a value are kept and trailing ones dropped.
    ToxIni ini;
    static const QRegularExpression header(QStringLiteral("^\\[(.+)\\]"));
    static const QRegularExpression option(QStringLiteral("^(.*?)\\s*(=|:)\\s*(.*)$"));
    QStringList current;
    int indentLevel = 0;
    bool haveOption = false;
    QSet<QString> seenSections;
    auto flush = [&]() {
        if (haveOption) {
            QString joined = current.join(u'\n');
            while (!joined.isEmpty() && joined.back().isSpace())
                joined.chop(1);
            ini.sections.last().values.last().second = joined;
        }
        current.clear();
    };
    const QStringList lines = text.split(u'\n');
    for (int lineNo = 0; lineNo < lines.size(); ++lineNo) {
        QString line = lines.at(lineNo);
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString value = line.trimmed();
        if (value.isEmpty() || isCommentLine(line)) {
            if (value.isEmpty() && haveOption)
                current << QString();
            continue;
        }
        const int indent = indentOf(line);
        if (haveOption && indent > indentLevel) {
            current << value;
            continue;
        }
        indentLevel = indent;
        if (const auto m = header.match(value); m.hasMatch()) {
            flush();
            haveOption = false;
            const QString name = m.captured(1);
            if (seenSections.contains(name))
                return util::Error::make(
                    util::ErrorCode::Parse,
                    Text::tr("tox.ini defines section [%1] twice (line %2).").arg(name).arg(lineNo + 1));
            seenSections.insert(name);
            ini.sections << Section{name, {}};
            continue;
        }
        if (ini.sections.isEmpty())
            return util::Error::make(
                util::ErrorCode::Parse,
                Text::tr("tox.ini has text before its first section (line %1).").arg(lineNo + 1));
        const auto m = option.match(value);
        if (!m.hasMatch() || m.captured(1).trimmed().isEmpty())
            return util::Error::make(util::ErrorCode::Parse,
                                     Text::tr("tox.ini line %1 is neither a section, a setting nor a "
                                              "continuation: \"%2\".")
                                         .arg(lineNo + 1)
                                         .arg(value));
        flush();
        const QString key = m.captured(1).trimmed().toLower();
        auto& values = ini.sections.last().values;
        if (std::any_of(values.begin(), values.end(), [&](const auto& kv) { return kv.first == key; }))
            return util::Error::make(util::ErrorCode::Parse,
                                     Text::tr("tox.ini sets %1 twice in [%2] (line %3).")
                                         .arg(key, ini.sections.last().name)
                                         .arg(lineNo + 1));
        values << qMakePair(key, QString());
        current << m.captured(3).trimmed();
        haveOption = true;
    }
    flush();
    return ini;
}

util::Result<ToxIni> ToxIni::load(const QString& path) {
    auto data = util::readUserFile(path, 4 * 1024 * 1024);
    if (!data.ok())
        return data.error();
    return parse(QString::fromUtf8(data.value()));
}

const ToxIni::Section* ToxIni::section(const QString& name) const {
    for (const Section& s : sections)
        if (s.name == name)
            return &s;
    return nullptr;
}

std::optional<QString> ToxIni::raw(const QString& sectionName, const QString& key) const {
    if (const Section* s = section(sectionName))
        for (const auto& [k, v] : s->values)
            if (k == key)
                return v;
    return std::nullopt;
}

QStringList ToxIni::environments() const {
    QStringList result;
    QSet<QString> seen, known;
    auto add = [&](const QString& env) {
        if (!seen.contains(env)) {
            seen.insert(env);
            result << env;
        }
    };
    auto registerFactors = [&](const QString& env) {
        for (const QString& f : env.split(u'-'))
            known.insert(f);
    };
    auto extend = [](const QString& expr) {
        QStringList envs;
        if (const auto groups = findFactorGroups(expr))
            for (const FactorGroup& g : *groups)
                envs << explodeFactor(g);
        return envs;
    };
    const auto envList = raw(QStringLiteral("tox"), QStringLiteral("env_list"))
                             ? raw(QStringLiteral("tox"), QStringLiteral("env_list"))
                             : raw(QStringLiteral("tox"), QStringLiteral("envlist"));
    if (envList) {
        for (const QString& expr : processRaw(*envList, std::nullopt).split(u'\n'))
            for (const QString& env : extend(expr)) {
                add(env);
                registerFactors(env);
            }
    }
    for (const Section& s : sections) {
        if (!s.name.startsWith(QStringLiteral("testenv:")))
            continue;
        for (const QString& env : extend(s.name.mid(8))) {
            registerFactors(env);
            add(env);
        }
    }
    for (const Section& s : sections)
        for (const auto& [key, value] : s.values)
            for (const FactorLine& line : expandFactors(value))
                if (line.factors)
                    for (const FactorGroup& g : *line.factors) {
                        const QString env = explodeFactor(g);
                        const QStringList factors = env.split(u'-');
                        if (std::any_of(factors.begin(), factors.end(),
                                        [&](const QString& f) { return !known.contains(f); }))
                            add(env);
                    }
    return result;
}

QStringList ToxIni::unknownFactors(const QString& name) const {
    static const QRegularExpression dynamic(QRegularExpression::anchoredPattern(
        QStringLiteral("(pypy|py|cython|)((\\d(\\.\\d+(\\.\\d+)?)?)|\\d+)?")));
    static const QRegularExpression preRelease(
        QRegularExpression::anchoredPattern(QStringLiteral("alpha|beta|rc\\.\\d+")));
    QSet<QString> valid{QStringLiteral(".pkg")};
    for (const QString& env : environments())
        for (const QString& f : env.split(u'-'))
            valid.insert(f);
    QStringList unknown;
    for (const QString& f : name.split(u'-'))
        if (!valid.contains(f) && !dynamic.match(f).hasMatch() && !preRelease.match(f).hasMatch() &&
            !unknown.contains(f))
            unknown << f;
    return unknown;
}

QString ToxIni::closestName(const QString& name) const {
    const QStringList unknown = unknownFactors(name);
    QSet<QString> validSet;
    for (const QString& env : environments())
        for (const QString& f : env.split(u'-'))
            validSet.insert(f);
    const QStringList valid(validSet.begin(), validSet.end());
    QStringList out;
    for (const QString& f : name.split(u'-')) {
        if (!unknown.contains(f)) {
            out << f;
            continue;
        }
        const QString best = closestMatch(f, valid);
        if (best.isEmpty())
            return {};
        out << best;
    }
    return out.join(u'-');
}

// ---- evaluation ------------------------------------------------------------------------------

util::Result<ToxEnvironment> evaluateToxEnvironment(const ToxIni& ini, const QString& name,
                                                    const ToxContext& ctx) {
    if (const QStringList unknown = ini.unknownFactors(name); !unknown.isEmpty()) {
        const QString closest = ini.closestName(name);
        return util::Error::make(util::ErrorCode::NotFound,
                                 Text::tr("tox.ini does not define the environment %1 (no %2 factor).")
                                     .arg(name, unknown.join(QStringLiteral(", "))),
                                 closest.isEmpty()
                                     ? Text::tr("Run `tox -l` in the checkout to see its environments.")
                                     : Text::tr("Did you mean %1?").arg(closest));
    }
    const QString workDir = ctx.workDir.isEmpty() ? ctx.toxIniDir + QStringLiteral("/.tox") : ctx.workDir;
    ToxEnvironment env;
    env.name = name;
    env.workDir = workDir;
    env.envDir = workDir + u'/' + name;
    Evaluator ev(ini, name, ctx, env.envDir, workDir);

    // [testenv:NAME] (its header may use factor groups) first, then the base [testenv].
    QStringList sections;
    for (const ToxIni::Section& s : ini.sections) {
        if (!s.name.startsWith(QStringLiteral("testenv:")))
            continue;
        if (const auto groups = findFactorGroups(s.name.mid(8)))
            for (const FactorGroup& g : *groups)
                if (explodeFactor(g) == name && !sections.contains(s.name))
                    sections << s.name;
    }
    sections << QStringLiteral("testenv");
    ev.setSections(sections);

    const QString setEnvRaw = processRaw(
        ev.value(QStringList{QStringLiteral("set_env"), QStringLiteral("setenv")}).value_or(QString()), name);
    if (util::Error e = ev.loadSetEnv(setEnvRaw))
        return e;
    auto setEnv = ev.materializeSetEnv();
    if (!setEnv.ok())
        return setEnv.error();
    env.setEnv = setEnv.value();

    const auto passEnv = ev.replaceAll(processRaw(
        ev.value(QStringList{QStringLiteral("pass_env"), QStringLiteral("passenv")}).value_or(QString()),
        name));
    if (!passEnv.ok())
        return passEnv.error();
    env.passEnv = splitList(passEnv.value());
    const auto allow = ev.replaceAll(processRaw(
        ev.value(QStringList{QStringLiteral("allowlist_externals"), QStringLiteral("whitelist_externals")})
            .value_or(QString()),
        name));
    if (!allow.ok())
        return allow.error();
    env.allowlistExternals = splitList(allow.value());

    const auto commands =
        ev.replaceAll(processRaw(ev.value(QStringLiteral("commands")).value_or(QString()), name));
    if (!commands.ok())
        return commands.error();
    for (const QString& line : commands.value().split(u'\n')) {
        QString value = line.trimmed();
        if (value.isEmpty())
            continue;
        value.replace(QStringLiteral("\\#"), QStringLiteral("#"));
        bool complete = true;
        QStringList argv = shlexSplit(value, &complete);
        if (argv.isEmpty())
            return util::Error::make(
                util::ErrorCode::Parse,
                Text::tr("tox.ini has a command tox cannot split in %1: \"%2\".").arg(name, value));
        // a leading "-" means "ignore the exit code" to tox; it keeps it as its own element
        if (argv.first() != u"-" && argv.first().startsWith(u'-')) {
            argv.first().remove(0, 1);
            argv.prepend(QStringLiteral("-"));
        }
        env.commands << argv;
    }
    return env;
}

QMap<QString, QString> toxProcessEnvironment(const ToxEnvironment& env, const ToxContext& ctx) {
    // tox_env/api.py and virtual_env/api.py: the variables every environment passes on (TERM only
    // on a terminal, which SageDock's runs are not).
    static const QStringList defaults{QStringLiteral("https_proxy"),
                                      QStringLiteral("http_proxy"),
                                      QStringLiteral("no_proxy"),
                                      QStringLiteral("LANG"),
                                      QStringLiteral("LANGUAGE"),
                                      QStringLiteral("CURL_CA_BUNDLE"),
                                      QStringLiteral("SSL_CERT_FILE"),
                                      QStringLiteral("CC"),
                                      QStringLiteral("CFLAGS"),
                                      QStringLiteral("CCSHARED"),
                                      QStringLiteral("CXX"),
                                      QStringLiteral("CPPFLAGS"),
                                      QStringLiteral("LD_LIBRARY_PATH"),
                                      QStringLiteral("LDFLAGS"),
                                      QStringLiteral("HOME"),
                                      QStringLiteral("FORCE_COLOR"),
                                      QStringLiteral("NO_COLOR"),
                                      QStringLiteral("TMPDIR"),
                                      QStringLiteral("PIP_*"),
                                      QStringLiteral("VIRTUALENV_*")};
    const QStringList patterns = defaults + env.passEnv;
    QMap<QString, QString> result;
    for (auto it = ctx.environment.begin(); it != ctx.environment.end(); ++it)
        if (std::any_of(patterns.begin(), patterns.end(),
                        [&](const QString& p) { return wildcardMatch(p, it.key()); }))
            result.insert(it.key(), it.value());
    const QString outsidePath = ctx.environment.value(QStringLiteral("PATH"));
    result.insert(QStringLiteral("PATH"), env.envDir + QStringLiteral("/bin") +
                                              (outsidePath.isEmpty() ? QString() : u':' + outsidePath));
    for (auto it = env.setEnv.begin(); it != env.setEnv.end(); ++it)
        result.insert(it.key(), it.value());
    if (!env.setEnv.contains(QStringLiteral("PIP_DISABLE_PIP_VERSION_CHECK")))
        result.insert(QStringLiteral("PIP_DISABLE_PIP_VERSION_CHECK"), QStringLiteral("1"));
    result.insert(QStringLiteral("PYTHONIOENCODING"), QStringLiteral("utf-8"));
    result.insert(QStringLiteral("VIRTUAL_ENV"), env.envDir);
    result.insert(QStringLiteral("TOX_ENV_NAME"), env.name);
    result.insert(QStringLiteral("TOX_WORK_DIR"), env.workDir);
    result.insert(QStringLiteral("TOX_ENV_DIR"), env.envDir);
    return result;
}

util::Result<ShellCommand> parseSimpleShellCommand(const QString& line) {
    ShellCommand cmd;
    auto refuse = [&line](const QString& what) {
        return util::Error::make(
            util::ErrorCode::Parse,
            Text::tr("The command \"%1\" uses %2, which SageDock does not evaluate.").arg(line, what));
    };
    QString word;
    bool inWord = false, redirectOut = false;
    auto endWord = [&]() {
        if (!inWord)
            return;
        if (redirectOut) {
            cmd.stdoutFile = word;
            redirectOut = false;
        } else {
            cmd.argv << word;
        }
        word.clear();
        inWord = false;
    };
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == u' ' || c == u'\t' || c == u'\n') {
            endWord();
        } else if (c == u'\'') {
            const qsizetype close = line.indexOf(u'\'', i + 1);
            if (close < 0)
                return refuse(Text::tr("an unterminated quote"));
            word += line.mid(i + 1, close - i - 1);
            inWord = true;
            i = close;
        } else if (c == u'"') {
            inWord = true;
            for (++i; i < line.size() && line.at(i) != u'"'; ++i) {
                const QChar d = line.at(i);
                if (d == u'$' || d == u'`')
                    return refuse(Text::tr("an expansion (%1)").arg(d));
                if (d == u'\\' && i + 1 < line.size() && QStringLiteral("\"\\$`").contains(line.at(i + 1)))
                    word += line.at(++i);
                else
                    word += d;
            }
            if (i >= line.size())
                return refuse(Text::tr("an unterminated quote"));
        } else if (c == u'\\') {
            if (i + 1 < line.size())
                word += line.at(++i);
            inWord = true;
        } else if (c == u'>') {
            endWord();
            if (redirectOut || !cmd.stdoutFile.isEmpty())
                return refuse(Text::tr("more than one redirection"));
            redirectOut = true;
        } else if (QStringLiteral("$`;|&()<").contains(c)) {
            return refuse(Text::tr("the shell syntax \"%1\"").arg(c));
        } else {
            word += c;
            inWord = true;
        }
    }
    endWord();
    if (redirectOut)
        return refuse(Text::tr("a redirection without a target"));
    if (cmd.argv.isEmpty())
        return refuse(Text::tr("no command"));
    return cmd;
}

} // namespace sagedock::imagebuild
