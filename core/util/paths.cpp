#include "util/paths.h"

#include <QDir>
#include <QStandardPaths>

namespace sagedock::util {

QString appDataDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString cacheDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
}

QString logDirectory() {
    return QDir(appDataDirectory()).filePath(QStringLiteral("logs"));
}

QString defaultNotebooksDirectory() {
    return QDir(QDir::homePath()).filePath(QStringLiteral("SageMath"));
}

} // namespace sagedock::util
