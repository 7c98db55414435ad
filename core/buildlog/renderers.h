#pragma once
// A log's diagnosis and the comparison of two logs as the text people read — the same words in the
// Builds page and in `sagedock-cli diagnose-log`, so what one shows the other shows too.
// Usage:
//   io.out << buildlog::renderDiagnosis(path, diagnoser.result());
//   auto* job = new util::TaskJob<QString>([a, b](const util::CancelToken& t) {
//       return buildlog::compareLogFiles(a, b, t); });   // reads and parses both: off the UI thread

#include "buildlog/diagnosis.h"
#include "util/job.h"

#include <QString>

namespace sagedock::buildlog {

// Format, stage table, first executed step per stage, cache imports, errors, warnings.
QString renderDiagnosis(const QString& name, const Diagnosis& diagnosis);
// Which steps one log ran that the other took from the cache (and back), and the steps only one has;
// A and B are named by `nameA` and `nameB` (the log files).
QString renderComparison(const QString& nameA, const QString& nameB, const Comparison& comparison);
// Reads, diagnoses and compares two log files and renders the comparison (blocking: run it as a
// util::TaskJob). Checks `token` between the files.
util::Result<QString> compareLogFiles(const QString& pathA, const QString& pathB,
                                      const util::CancelToken& token = {});

} // namespace sagedock::buildlog
