#pragma once
// Files that never end up half-written: whole-file replacement through QSaveFile (write to a
// temporary, fsync, rename) and durable appends for append-only JSON-lines histories.
// Usage: if (auto e = util::writeFileAtomically(path, json)) report(e);

#include "util/error.h"

#include <QByteArray>
#include <QString>

namespace sagedock::util {

Error writeFileAtomically(const QString& path, const QByteArray& data);
// Appends one line (a '\n' is added) and flushes it to disk before returning.
Error appendLineDurably(const QString& path, const QByteArray& line);
Result<QByteArray> readWholeFile(const QString& path, qint64 maxBytes = 64 * 1024 * 1024);

} // namespace sagedock::util
