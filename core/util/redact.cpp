#include "util/redact.h"

#include <QRegularExpression>

namespace sagedock::util {

namespace {

struct Rule {
    QRegularExpression pattern;
    QString replacement;
};

const QList<Rule>& rules() {
    using RE = QRegularExpression;
    const auto ci = RE::CaseInsensitiveOption;
    // Order matters: header rules first, so "Authorization: Bearer x" is redacted as a whole.
    static const QList<Rule> list = {
        {RE(QStringLiteral(
                R"(((?:proxy-)?authorization|x-registry-auth|x-registry-config|cookie)(\s*[:=]\s*))"
                R"([^\r\n]*)"),
            ci),
         QStringLiteral("\\1\\2<redacted>")},
        // A credential after the word, not English: long, or with a digit or credential punctuation
        // inside ("token service", "Basic authentication." stay readable).
        {RE(QStringLiteral(
                R"(\b(bearer|basic|token)\s+)"
                R"((?=[A-Za-z0-9._~+/=\-]{12,}|[A-Za-z]*(?:[0-9_~+/=\-]|\.[A-Za-z0-9]))[A-Za-z0-9._~+/=\-]{6,})"),
            ci),
         QStringLiteral("\\1 <redacted>")},
        {RE(QStringLiteral(
                R"re(("(?:token|access_token|refresh_token|identitytoken|registrytoken|password|secret|auth|passwd)"\s*:\s*")(?:[^"\\]|\\.)*")re"),
            ci),
         QStringLiteral("\\1<redacted>\"")},
        {RE(QStringLiteral(R"(([?&;](?:token|access_token|refresh_token|password|secret|sig)=)[^&\s"'#]+)"),
            ci),
         QStringLiteral("\\1<redacted>")},
        {RE(QStringLiteral(
                R"(\b(password|passwd|secret|api[_-]?key|token)(\s*[=:]\s*)(?!<redacted>)[^\s&"',;]+)"),
            ci),
         QStringLiteral("\\1\\2<redacted>")},
        {RE(QStringLiteral(R"((\b[a-z][a-z0-9+.\-]*://[^/\s:@]+:)[^@\s/]+@)"), ci),
         QStringLiteral("\\1<redacted>@")},
    };
    return list;
}

// Every rule needs one of these words (or a URL's user info): text without any of them, which is
// nearly all of it (a pull's status lines, tag names), skips the regular expressions.
bool mayHoldSecret(const QString& text) {
    static const QStringList words = {
        QStringLiteral("auth"),  QStringLiteral("cookie"), QStringLiteral("bearer"), QStringLiteral("basic"),
        QStringLiteral("token"), QStringLiteral("pass"),   QStringLiteral("secret"), QStringLiteral("api"),
        QStringLiteral("sig="),  QStringLiteral("@")};
    for (const QString& w : words)
        if (text.contains(w, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace

QString redact(const QString& text) {
    if (!mayHoldSecret(text))
        return text;
    QString out = text;
    for (const Rule& rule : rules())
        out.replace(rule.pattern, rule.replacement);
    return out;
}

QString printableText(const QString& text, bool multiLine, qsizetype maxLength) {
    QString out;
    out.reserve(qMin(text.size(), maxLength) + 8);
    for (const QChar c : text) {
        if (out.size() >= maxLength) {
            out.append(QChar(0x2026)); // …
            break;
        }
        const char16_t u = c.unicode();
        const bool keep = u == u'\t' || (multiLine && u == u'\n');
        const bool control = u < 0x20 || u == 0x7f || (u >= 0x80 && u <= 0x9f);
        const bool bidi = (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069);
        if (keep || (!control && !bidi)) {
            out.append(c);
        } else if (u == u'\n' || u == u'\r') {
            out.append(QLatin1Char(' ')); // one line: a line break becomes a space
        } else {
            out.append(QStringLiteral("\\x%1").arg(uint(u), u > 0xff ? 4 : 2, 16, QLatin1Char('0')));
        }
    }
    return out;
}

QString serverText(const QString& text, bool multiLine, qsizetype maxLength) {
    // Redact after neutralising, so an escape sequence cannot split a secret out of the pattern.
    return redact(printableText(text, multiLine, maxLength));
}

std::string redact(std::string_view text) {
    return redact(QString::fromUtf8(text.data(), qsizetype(text.size()))).toStdString();
}

} // namespace sagedock::util
