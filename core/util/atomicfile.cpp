#include "util/atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <unistd.h>

namespace sagedock::util {

namespace {
Error ioError(const QString& path, const QString& why) {
    return Error::make(
        ErrorCode::Io, QCoreApplication::translate("sagedock::util", "Cannot write %1: %2").arg(path, why),
        QCoreApplication::translate("sagedock::util", "Check that the folder exists and is writable."));
}
} // namespace

Error writeFileAtomically(const QString& path, const QByteArray& data) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(path, file.errorString());
    if (file.write(data) != data.size())
        return ioError(path, file.errorString());
    if (!file.commit())
        return ioError(path, file.errorString());
    return {};
}

Error appendLineDurably(const QString& path, const QByteArray& line) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return ioError(path, file.errorString());
    // One write() call per record: readers never see a partial line from a concurrent writer.
    const QByteArray record = line.endsWith('\n') ? line : line + '\n';
    if (file.write(record) != record.size() || !file.flush())
        return ioError(path, file.errorString());
    ::fsync(file.handle());
    return {};
}

Result<QByteArray> readWholeFile(const QString& path, qint64 maxBytes) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorCode::Io, QCoreApplication::translate("sagedock::util", "Cannot read %1: %2")
                                              .arg(path, file.errorString()));
    if (file.size() > maxBytes)
        return Error::make(ErrorCode::TooLarge,
                           QCoreApplication::translate("sagedock::util", "%1 is larger than %2 bytes")
                               .arg(path)
                               .arg(maxBytes));
    return file.readAll();
}

} // namespace sagedock::util
