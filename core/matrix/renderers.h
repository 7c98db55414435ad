#pragma once
// A matrix Snapshot as JSON (the schema of `sagedock-cli matrix --format json`), CSV (one line per
// cell), a self-contained HTML report a CI job can publish, and a plain-text table for terminals.
// Also the sentences people read in tooltips and reports.
// Usage:
//   QByteArray html = matrix::renderHtml(job->snapshot());
//   nlohmann::json j = matrix::toJson(snapshot);   //
//   {"repository","tag","generated","stages","rows","summary"}

#include "matrix/snapshot.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

namespace sagedock::matrix {

nlohmann::json toJson(const Snapshot& snapshot);
nlohmann::json toJson(const Summary& summary);
QByteArray renderJson(const Snapshot& snapshot); // indented, trailing newline
QByteArray renderCsv(const Snapshot& snapshot);
QByteArray renderHtml(const Snapshot& snapshot);
QString renderText(const Snapshot& snapshot);

// Short cell label readable without colour: "ok", "BROKEN 3/9", "missing", "ERROR", "no parent", "…".
QString cellLabel(const Cell& cell);
// One sentence on the chain: "Built on configured: shares all 5 of its layers and adds 2."
QString chainSentence(const Cell& cell, const QString& parentStage);
// Several lines for a tooltip: image, digest, created (relative and absolute), size and layers, the
// chain sentence; or why the cell is missing or failed.
QString cellDetails(const Cell& cell, const QString& parentStage,
                    const QDateTime& now = QDateTime::currentDateTimeUtc());
// "3 minutes ago", "2 days ago" relative to `now`.
QString relativeTime(const QDateTime& when, const QDateTime& now = QDateTime::currentDateTimeUtc());
// "1.2 GB", "340 kB", "12 B".
QString humanSize(qint64 bytes);

} // namespace sagedock::matrix
