#pragma once
// Where SageDock keeps its state (see ARCHITECTURE.md "Where state lives").
// Tests call QStandardPaths::setTestModeEnabled(true) so these point into a scratch area.

#include <QString>

namespace sagedock::util {

QString appDataDirectory();          // build history, session records
QString cacheDirectory();            // registry content cache
QString logDirectory();              // rotating log files
QString defaultNotebooksDirectory(); // ~/SageMath

} // namespace sagedock::util
