#pragma once
// Small helpers shared by the CLI commands: JSON to stdout, errors as one line on stderr.

#include "command.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

namespace sagedock::cli {

void printJson(Io& io, const nlohmann::json& value);
// "sagedock-cli: <message> (<hint>)" on one line; returns ExitFailure.
int printError(Io& io, const util::Error& error);
std::string toStd(const QString& s);
nlohmann::json orNull(const QString& s); // null for an empty string
// Rows of cells as text columns: each column as wide as its longest cell plus two spaces, so no
// value runs into the next column however long it is (the last column is not padded).
QString formatTable(const QList<QStringList>& rows);

} // namespace sagedock::cli
