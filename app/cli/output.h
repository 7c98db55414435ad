#pragma once
// Small helpers shared by the CLI commands: JSON to stdout, errors as one line on stderr.

#include "command.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <initializer_list>

namespace sagedock::cli {

// Every string value is filtered (control characters escaped, secrets redacted); the values of the
// object keys in `ownSecretKeys` (e.g. "url": a session's token URL the user asked for) are only
// made printable, not redacted.
void printJson(Io& io, const nlohmann::json& value, std::initializer_list<const char*> ownSecretKeys = {});
// "sagedock-cli: <message> (<hint>)" on one line; returns ExitFailure.
int printError(Io& io, const util::Error& error);
std::string toStd(const QString& s);
nlohmann::json orNull(const QString& s); // null for an empty string
// Rows of cells as text columns: each column as wide as its longest cell plus two spaces, so no
// value runs into the next column however long it is (the last column is not padded).
QString formatTable(const QList<QStringList>& rows);

} // namespace sagedock::cli
