#pragma once
// Process-wide logging: spdlog behind a small Qt-friendly API, so spdlog stays private to core.
// Every message passes util::redact() before any sink sees it; Qt's own qDebug/qWarning output is
// routed through the same path. Usage:
//   util::initLogging({.directory = util::logDirectory()});
//   util::logInfo(QStringLiteral("pulling %1").arg(ref));

#include <QString>

namespace sagedock::util {

enum class LogLevel { Debug, Info, Warning, Error };

struct LogOptions {
    QString directory;     // rotating file lives here; empty = no file
    bool toStderr = false; // also print (CLI --verbose)
    LogLevel level = LogLevel::Info;
    int maxFileBytes = 2 * 1024 * 1024;
    int maxFiles = 3;
};

void initLogging(const LogOptions& options);
QString logFilePath(); // empty when logging to a file is off

void logMessage(LogLevel level, const QString& message);
inline void logDebug(const QString& m) {
    logMessage(LogLevel::Debug, m);
}
inline void logInfo(const QString& m) {
    logMessage(LogLevel::Info, m);
}
inline void logWarning(const QString& m) {
    logMessage(LogLevel::Warning, m);
}
inline void logError(const QString& m) {
    logMessage(LogLevel::Error, m);
}

} // namespace sagedock::util
