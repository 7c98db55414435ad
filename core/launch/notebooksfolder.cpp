#include "launch/notebooksfolder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/statvfs.h>
#include <unistd.h>

namespace sagedock::launch {

using util::Error;
using util::ErrorCode;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::launch)
};

// Trees that hold the system itself: nothing below them is a user's notebooks folder.
const QStringList kSystemTrees{
    QStringLiteral("/usr"),     QStringLiteral("/etc"),     QStringLiteral("/bin"),
    QStringLiteral("/sbin"),    QStringLiteral("/boot"),    QStringLiteral("/proc"),
    QStringLiteral("/sys"),     QStringLiteral("/dev"),     QStringLiteral("/run"),
    QStringLiteral("/var/lib"), QStringLiteral("/var/log"), QStringLiteral("/var/run")};
// Folders shared by everyone or holding other people's data: a subfolder is fine, the folder itself not.
const QStringList kSharedFolders{
    QStringLiteral("/var"),   QStringLiteral("/opt"),  QStringLiteral("/home"),
    QStringLiteral("/tmp"),   QStringLiteral("/srv"),  QStringLiteral("/mnt"),
    QStringLiteral("/media"), QStringLiteral("/snap"), QStringLiteral("/var/tmp")};

bool isAtOrBelow(const QString& path, const QString& top) {
    return path == top || path.startsWith(top + QLatin1Char('/'));
}

bool isSystemFolder(const QString& resolved) {
    for (const QString& top : kSystemTrees)
        if (isAtOrBelow(resolved, top))
            return true;
    // /lib, /lib32, /lib64, /libx32 and whatever else a distribution names so.
    const QString first = resolved.section(QLatin1Char('/'), 1, 1);
    if (first.startsWith(QLatin1String("lib")))
        return true;
    return kSharedFolders.contains(resolved);
}

// The folder as the user named it, plus where it really leads when a symlink is involved.
QString shown(const NotebooksFolderFacts& f) {
    return f.path == f.resolved ? f.path : Text::tr("%1 (which leads to %2)").arg(f.path, f.resolved);
}

// The nearest existing ancestor of an absolute, clean path ("/" at worst).
QString nearestExisting(QString path) {
    while (path != QLatin1String("/") && !QFileInfo::exists(path))
        path = QFileInfo(path).path();
    return path;
}

} // namespace

NotebooksFolderFacts inspectNotebooksFolder(const QString& path) {
    NotebooksFolderFacts f;
    f.path = path.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    f.home = QFileInfo(QDir::homePath()).canonicalFilePath();
    if (f.home.isEmpty())
        f.home = QDir::cleanPath(QDir::homePath());
    f.hostRoot = ::geteuid() == 0;
    if (f.path.isEmpty())
        return f;
    const QString existing = nearestExisting(f.path);
    const QString existingResolved = QFileInfo(existing).canonicalFilePath();
    const QString rest = f.path.mid(existing.size());
    f.resolved =
        QDir::cleanPath((existingResolved.isEmpty() ? existing : existingResolved) + QLatin1Char('/') + rest);
    const QFileInfo info(f.path);
    f.exists = info.exists();
    f.isDir = info.isDir();
    const QByteArray local = QFile::encodeName(f.exists ? f.path : existing);
    if (f.exists)
        f.writable = f.isDir && ::access(local.constData(), W_OK | X_OK) == 0;
    else
        f.parentWritable = QFileInfo(existing).isDir() && ::access(local.constData(), W_OK | X_OK) == 0;
    struct statvfs fs {};
    f.readOnlyFs = ::statvfs(local.constData(), &fs) == 0 && (fs.f_flag & ST_RDONLY) != 0;
    return f;
}

Error checkNotebooksFolder(const NotebooksFolderFacts& f) {
    if (f.path.isEmpty())
        return Error::make(ErrorCode::InvalidArgument, Text::tr("No notebooks folder was given."),
                           Text::tr("Choose a folder for the notebooks."));
    for (const QChar c : f.path)
        if (c.category() == QChar::Other_Control)
            return Error::make(ErrorCode::InvalidArgument,
                               Text::tr("The notebooks folder name contains a control character (such as a "
                                        "line break)."),
                               Text::tr("Choose a folder whose name has none."));
    // Spaces and non-ASCII letters are fine (the mount is an argument, never a shell string); these two
    // characters are not: the engine's bind syntax "host:container[:options]" cannot express them.
    if (f.path.contains(QLatin1Char(':')) || f.path.contains(QLatin1Char(',')))
        return Error::make(
            ErrorCode::InvalidArgument,
            Text::tr("The notebooks folder %1 contains ':' or ',', which a bind mount cannot express.")
                .arg(f.path),
            Text::tr("Choose a folder without those characters."));
    const QString refuseHint =
        Text::tr("Choose or create a folder of its own for the notebooks, e.g. ~/SageMath.");
    if (f.resolved == QLatin1String("/"))
        return Error::make(ErrorCode::InvalidArgument,
                           Text::tr("The notebooks folder %1 is the root of the file system; the container "
                                    "could change every file on this computer.")
                               .arg(shown(f)),
                           refuseHint);
    if (f.resolved == f.home)
        return Error::make(ErrorCode::InvalidArgument,
                           Text::tr("The notebooks folder %1 is your home folder itself; the container could "
                                    "change every file you own.")
                               .arg(shown(f)),
                           refuseHint);
    if (f.home.startsWith(f.resolved + QLatin1Char('/')))
        return Error::make(ErrorCode::InvalidArgument,
                           Text::tr("The notebooks folder %1 contains your home folder; the container could "
                                    "change every file you own.")
                               .arg(shown(f)),
                           refuseHint);
    if (isSystemFolder(f.resolved) || (!f.hostRoot && isAtOrBelow(f.resolved, QStringLiteral("/root"))))
        return Error::make(ErrorCode::InvalidArgument,
                           Text::tr("The notebooks folder %1 is a system folder.").arg(shown(f)), refuseHint);
    if (f.exists && !f.isDir)
        return Error::make(ErrorCode::InvalidArgument,
                           Text::tr("The notebooks folder %1 is a file, not a folder.").arg(shown(f)),
                           Text::tr("Choose a folder, or a name that does not exist yet."));
    if (f.readOnlyFs)
        return Error::make(
            ErrorCode::PermissionDenied,
            Text::tr("The notebooks folder %1 is on a read-only file system; Jupyter could not "
                     "save notebooks there.")
                .arg(shown(f)),
            Text::tr("Choose a folder on a writable disk."));
    if (f.exists && !f.writable)
        return Error::make(
            ErrorCode::PermissionDenied,
            Text::tr("You cannot write to the notebooks folder %1.").arg(shown(f)),
            Text::tr("Choose a folder you own; SageDock never changes a folder's permissions."));
    if (!f.exists && !f.parentWritable)
        return Error::make(ErrorCode::PermissionDenied,
                           Text::tr("The notebooks folder %1 cannot be created there.").arg(shown(f)),
                           Text::tr("Choose a folder below one you can write to."));
    return {};
}

} // namespace sagedock::launch
