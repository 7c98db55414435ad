#pragma once
// Files that never end up half-written: whole-file replacement through QSaveFile (write to a
// temporary, fsync, rename) and durable appends for append-only JSON-lines histories.
// Usage: if (auto e = util::writeFileAtomically(path, json)) report(e);

#include "util/error.h"

#include <QByteArray>
#include <QString>

namespace sagedock::util {

enum class Durability {
    Synced,  // fsync before the rename: survives a power loss (history, settings, session records)
    Unsynced // rename only: never half-written, but may be lost on power loss (content caches that
             // verify what they read and can fetch it again, where an fsync per file costs seconds)
};

Error writeFileAtomically(const QString& path, const QByteArray& data,
                          Durability durability = Durability::Synced);
// Appends one line (a '\n' is added) and flushes it to disk before returning.
Error appendLineDurably(const QString& path, const QByteArray& line);
Result<QByteArray> readWholeFile(const QString& path, qint64 maxBytes = 64 * 1024 * 1024);

} // namespace sagedock::util
