#include "util/atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sagedock::util {

namespace {
Error ioError(const QString& path, const QString& why) {
    return Error::make(
        ErrorCode::Io, QCoreApplication::translate("sagedock::util", "Cannot write %1: %2").arg(path, why),
        QCoreApplication::translate("sagedock::util", "Check that the folder exists and is writable."));
}
// Write-then-rename like QSaveFile, minus its fsync, in as few system calls as it takes: the registry
// cache writes thousands of these per cold matrix. The folder is created only when the first open
// says it is missing.
Error writeUnsynced(const QString& path, const QByteArray& native, const QByteArray& data) {
    static const QByteArray pid = QByteArray::number(qint64(::getpid()));
    static std::atomic<quint64> counter{0};
    const QByteArray temporary = native + ".tmp-" + pid + '-' + QByteArray::number(++counter);
    auto create = [&] {
        return ::open(temporary.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    };
    int fd = create();
    if (fd < 0 && errno == ENOENT && QDir().mkpath(QFileInfo(path).absolutePath()))
        fd = create();
    if (fd < 0)
        return ioError(path, QString::fromLocal8Bit(std::strerror(errno)));
    const char* p = data.constData();
    qint64 left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        p += n;
        left -= n;
    }
    const int writeErrno = errno;
    const bool closed = ::close(fd) == 0;
    if (left > 0 || !closed || ::rename(temporary.constData(), native.constData()) != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(left > 0 ? writeErrno : errno));
        ::unlink(temporary.constData());
        return ioError(path, why);
    }
    return {};
}
} // namespace

Error writeFileAtomically(const QString& path, const QByteArray& data, Durability durability) {
    const QByteArray native = QFile::encodeName(path);
    struct stat st {};
    if (::lstat(native.constData(), &st) == 0) {
        // Through a symlink, replace the file it points to and keep the link.
        if (S_ISLNK(st.st_mode)) {
            const QString target = QFileInfo(path).canonicalFilePath();
            if (!target.isEmpty())
                return writeFileAtomically(target, data, durability);
        } else if (!S_ISREG(st.st_mode)) {
            // Replacing by rename is for regular files. A device, FIFO or socket (`--output /dev/null`,
            // /dev/stdout, a pipe) is written in place: a rename would swap /dev/null for a regular file.
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || file.write(data) != data.size())
                return ioError(path, file.errorString());
            return {};
        }
    }
    if (durability == Durability::Unsynced)
        return writeUnsynced(path, native, data);
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
    QByteArray record = line.endsWith('\n') ? line : line + '\n';
    // A crash in the middle of an earlier append leaves a torn last line without its newline: start
    // on a line of our own, or this record would be glued to the torn one and be lost with it.
    const qint64 size = file.size();
    if (size > 0) {
        QFile tail(path);
        char last = '\n';
        if (tail.open(QIODevice::ReadOnly) && tail.seek(size - 1))
            tail.getChar(&last);
        if (last != '\n')
            record.prepend('\n');
    }
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
