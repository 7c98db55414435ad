#include "output.h"

#include <algorithm>

namespace sagedock::cli {

void printJson(Io& io, const nlohmann::json& value) {
    io.out << QString::fromStdString(value.dump(2)) << "\n";
    io.out.flush();
}

int printError(Io& io, const util::Error& error) {
    io.err << "sagedock-cli: " << error.toString() << "\n";
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
