#include "registry/authchallenge.h"

namespace sagedock::registry {

namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool isTokenEnd(char c) {
    return isSpace(c) || c == ',' || c == '=';
}

} // namespace

QList<Challenge> parseChallenges(const QByteArray& s) {
    QList<Challenge> challenges;
    const qsizetype n = s.size();
    qsizetype pos = 0;
    auto skipSpaces = [&] {
        while (pos < n && isSpace(s.at(pos)))
            ++pos;
    };
    while (pos < n) {
        while (pos < n && (isSpace(s.at(pos)) || s.at(pos) == ','))
            ++pos;
        const qsizetype start = pos;
        while (pos < n && !isTokenEnd(s.at(pos)))
            ++pos;
        if (pos == start) {
            ++pos; // a stray '=': skip it
            continue;
        }
        const QString token = QString::fromLatin1(s.mid(start, pos - start));
        skipSpaces();
        if (pos < n && s.at(pos) == '=' && !challenges.isEmpty()) {
            ++pos;
            skipSpaces();
            QString value;
            if (pos < n && s.at(pos) == '"') {
                // quoted-string with backslash escapes; an unterminated quote runs to the end
                ++pos;
                QByteArray raw;
                while (pos < n && s.at(pos) != '"') {
                    if (s.at(pos) == '\\' && pos + 1 < n)
                        ++pos;
                    raw.append(s.at(pos));
                    ++pos;
                }
                ++pos; // closing quote
                value = QString::fromUtf8(raw);
            } else {
                const qsizetype vstart = pos;
                while (pos < n && s.at(pos) != ',' && !isSpace(s.at(pos)))
                    ++pos;
                value = QString::fromUtf8(s.mid(vstart, pos - vstart));
            }
            challenges.last().params.insert(token.toLower(), value);
        } else if (pos < n && s.at(pos) == '=') {
            // a parameter before any scheme: malformed, drop it up to the next comma
            while (pos < n && s.at(pos) != ',')
                ++pos;
        } else {
            challenges.append(Challenge{token.toLower(), {}});
        }
    }
    return challenges;
}

QList<Challenge> parseChallenges(const QList<QByteArray>& headerValues) {
    QList<Challenge> all;
    for (const QByteArray& v : headerValues)
        all.append(parseChallenges(v));
    return all;
}

std::optional<Challenge> preferredChallenge(const QList<Challenge>& challenges) {
    for (const Challenge& c : challenges)
        if (c.isBearer() && !c.param(QStringLiteral("realm")).isEmpty())
            return c;
    for (const Challenge& c : challenges)
        if (c.isBasic())
            return c;
    return std::nullopt;
}

} // namespace sagedock::registry
