#include "output.h"

#include "util/redact.h"

#include <algorithm>

namespace sagedock::cli {

namespace {

// Long enough for any value the CLI prints in JSON (a log excerpt, a tag list entry).
constexpr qsizetype kJsonStringMax = 1 << 20;

// The last filter before the terminal or a script: every string value in JSON output goes through
// the server-text filter, whatever its source, so a registry's or engine's words that reached a
// result field unfiltered still cannot carry a credential or a terminal escape out.
void sanitize(nlohmann::json& value, std::initializer_list<const char*> ownSecretKeys,
              bool ownSecret = false) {
    if (value.is_string()) {
        const QString s = QString::fromStdString(value.get<std::string>());
        const QString safe = ownSecret ? util::printableText(s, true, kJsonStringMax)
                                       : util::serverText(s, true, kJsonStringMax);
        if (safe != s)
            value = safe.toStdString();
    } else if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            const bool own = std::any_of(ownSecretKeys.begin(), ownSecretKeys.end(),
                                         [&it](const char* key) { return it.key() == key; });
            sanitize(it.value(), ownSecretKeys, own);
        }
    } else if (value.is_array()) {
        for (auto& item : value)
            sanitize(item, ownSecretKeys, ownSecret);
    }
}

} // namespace

void printJson(Io& io, const nlohmann::json& value, std::initializer_list<const char*> ownSecretKeys) {
    nlohmann::json safe = value;
    sanitize(safe, ownSecretKeys);
    io.out << QString::fromStdString(safe.dump(2)) << "\n";
    io.out.flush();
}

int printError(Io& io, const util::Error& error) {
    io.err << "sagedock-cli: " << util::serverText(error.toString()) << "\n";
    io.err.flush();
    return ExitFailure;
}

std::string toStd(const QString& s) {
    return s.toStdString();
}

nlohmann::json orNull(const QString& s) {
    return s.isEmpty() ? nlohmann::json() : nlohmann::json(s.toStdString());
}

QString formatTable(const QList<QStringList>& rows) {
    QList<qsizetype> widths;
    for (const QStringList& row : rows)
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths << 0;
            widths[i] = std::max(widths[i], row[i].size());
        }
    QString text;
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        text += line + QLatin1Char('\n');
    }
    return text;
}

} // namespace sagedock::cli
