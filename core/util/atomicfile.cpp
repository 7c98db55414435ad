#include "util/atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace sagedock::util {

namespace {
Error ioError(const QString& path, const QString& why) {
    return Error::make(
        ErrorCode::Io, QCoreApplication::translate("sagedock::util", "Cannot write %1: %2").arg(path, why),
        QCoreApplication::translate("sagedock::util", "Check that the folder exists and is writable."));
}
} // namespace

Error writeFileAtomically(const QString& path, const QByteArray& data, Durability durability) {
    // Replacing by rename is for regular files. A device, FIFO or socket (`--output /dev/null`,
    // /dev/stdout, a pipe) is written in place: a rename would swap /dev/null for a regular file.
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) == 0 && !S_ISREG(st.st_mode)) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || file.write(data) != data.size())
            return ioError(path, file.errorString());
        return {};
    }
    // Through a symlink, replace the file it points to and keep the link.
    const QFileInfo link(path);
    if (link.isSymLink() && link.exists())
        return writeFileAtomically(link.canonicalFilePath(), data, durability);
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (durability == Durability::Unsynced) {
        // Same write-then-rename as QSaveFile, minus QSaveFile's fsync.
        const QString temporary = path + QStringLiteral(".tmp-%1").arg(QCoreApplication::applicationPid()) +
                                  QLatin1Char('-') + QString::number(quintptr(&data), 16);
        QFile file(temporary);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return ioError(path, file.errorString());
        const bool written = file.write(data) == data.size();
        file.close();
        if (!written ||
            ::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
            QFile::remove(temporary);
            return ioError(path, written ? QString::fromLocal8Bit(std::strerror(errno)) : file.errorString());
        }
        return {};
    }
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
