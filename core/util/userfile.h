#pragma once
// Reads a file the user pointed SageDock at (a setting, a CLI argument, ~/.docker/config.json):
// refuses anything that is not a regular file before reading a byte (a FIFO would block forever,
// /dev/zero never ends), never blocks on open, and says plainly when the file is larger than the cap
// instead of cutting it and failing later with a wrong reason.
// Usage:
//   auto pem = util::readUserFile(settings.extraCaBundle(), 16 * 1024 * 1024);
//   if (!pem.ok()) statusBar->showMessage(pem.error().toString());

#include "util/error.h"

#include <QByteArray>
#include <QString>

namespace sagedock::util {

Result<QByteArray> readUserFile(const QString& path, qint64 maxBytes);

} // namespace sagedock::util
