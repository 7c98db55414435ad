#include "util/userfile.h"

#include <QCoreApplication>
#include <QLocale>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sagedock::util {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::util)
};

QString kindOf(mode_t mode) {
    if (S_ISDIR(mode))
        return Text::tr("a folder");
    if (S_ISFIFO(mode))
        return Text::tr("a named pipe");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return Text::tr("a device");
    if (S_ISSOCK(mode))
        return Text::tr("a socket");
    return Text::tr("not a regular file");
}

Error ioError(const QString& path, int err) {
    const ErrorCode code = err == ENOENT                     ? ErrorCode::NotFound
                           : (err == EACCES || err == EPERM) ? ErrorCode::PermissionDenied
                                                             : ErrorCode::Io;
    return Error::make(code,
                       Text::tr("Cannot read %1: %2.").arg(path, QString::fromLocal8Bit(std::strerror(err))),
                       code == ErrorCode::NotFound ? Text::tr("Check the path.")
                                                   : Text::tr("Check the file's permissions."));
}
} // namespace

Result<QByteArray> readUserFile(const QString& path, qint64 maxBytes) {
    const QByteArray native = path.toLocal8Bit();
    // O_NONBLOCK: opening a FIFO without a writer would otherwise wait forever.
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return ioError(path, errno);
    struct FdCloser {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return ioError(path, errno);
    if (!S_ISREG(st.st_mode))
        return Error::make(ErrorCode::InvalidArgument,
                           Text::tr("%1 is %2, not a file SageDock can read.").arg(path, kindOf(st.st_mode)),
                           Text::tr("Choose a regular file."));
    const QLocale locale;
    if (st.st_size > maxBytes)
        return Error::make(
            ErrorCode::TooLarge,
            Text::tr("%1 is %2; SageDock reads files of at most %3.")
                .arg(path, locale.formattedDataSize(st.st_size), locale.formattedDataSize(maxBytes)),
            Text::tr("Check that this is the file you meant."));
    QByteArray data;
    data.resize(qsizetype(st.st_size));
    qint64 done = 0;
    // The file may grow while we read; never read more than the cap.
    while (done < st.st_size) {
        const ssize_t n = ::read(fd, data.data() + done, size_t(st.st_size - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return ioError(path, errno);
        if (n == 0)
            break;
        done += n;
    }
    data.truncate(qsizetype(done));
    return data;
}

} // namespace sagedock::util
