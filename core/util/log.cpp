#include "util/log.h"

#include "util/redact.h"

#include <QDir>
#include <QMutex>

#include <spdlog/logger.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace sagedock::util {

namespace {

// A log line quoting a whole answer is cut here; the log is for people, not a transcript.
constexpr qsizetype kMaxLogMessage = 64 * 1024;

QMutex g_mutex;
std::shared_ptr<spdlog::logger> g_logger;
QString g_filePath;

spdlog::level::level_enum toSpd(LogLevel level) {
    switch (level) {
    case LogLevel::Debug:
        return spdlog::level::debug;
    case LogLevel::Info:
        return spdlog::level::info;
    case LogLevel::Warning:
        return spdlog::level::warn;
    case LogLevel::Error:
        return spdlog::level::err;
    }
    return spdlog::level::info;
}

void qtMessageHandler(QtMsgType type, const QMessageLogContext&, const QString& message) {
    LogLevel level = LogLevel::Debug;
    if (type == QtInfoMsg)
        level = LogLevel::Info;
    else if (type == QtWarningMsg)
        level = LogLevel::Warning;
    else if (type == QtCriticalMsg || type == QtFatalMsg)
        level = LogLevel::Error;
    logMessage(level, message);
}

} // namespace

void initLogging(const LogOptions& options) {
    QMutexLocker lock(&g_mutex);
    std::vector<spdlog::sink_ptr> sinks;
    g_filePath.clear();
    if (!options.directory.isEmpty() && QDir().mkpath(options.directory)) {
        g_filePath = QDir(options.directory).filePath(QStringLiteral("sagedock.log"));
        try {
            sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                g_filePath.toStdString(), size_t(options.maxFileBytes), size_t(options.maxFiles)));
        } catch (const spdlog::spdlog_ex&) {
            g_filePath.clear(); // unwritable folder: keep running without a file
        }
    }
    if (options.toStderr)
        sinks.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
    g_logger = std::make_shared<spdlog::logger>("sagedock", sinks.begin(), sinks.end());
    g_logger->set_level(toSpd(options.level));
    g_logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%t] %v");
    g_logger->flush_on(spdlog::level::warn);
    qInstallMessageHandler(qtMessageHandler);
}

QString logFilePath() {
    QMutexLocker lock(&g_mutex);
    return g_filePath;
}

void logMessage(LogLevel level, const QString& message) {
    std::shared_ptr<spdlog::logger> logger;
    {
        QMutexLocker lock(&g_mutex);
        logger = g_logger;
    }
    if (!logger || !logger->should_log(toSpd(level)))
        return;
    // Redact and neutralise control characters before formatting, so no sink, present or future, ever
    // sees a secret or a terminal escape, whatever text (ours or a server's) the message quotes.
    logger->log(toSpd(level), serverText(message, true, kMaxLogMessage).toStdString());
}

} // namespace sagedock::util
