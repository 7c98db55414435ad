#include "badcafile.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <sys/stat.h>

namespace sagedock::testsupport {

void addBadCaFileRows() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("says");
    QTest::newRow("missing") << "missing"
                             << "No such file";
    QTest::newRow("folder") << "folder"
                            << "a folder";
    QTest::newRow("named pipe") << "fifo"
                                << "a named pipe";
    QTest::newRow("/dev/zero") << "/dev/zero"
                               << "a device";
    QTest::newRow("garbage PEM") << "garbage"
                                 << "no PEM certificate";
}

QString makeBadCaFile(const QString& kind, const QString& folder) {
    const QDir dir(folder);
    if (kind == QLatin1String("missing"))
        return dir.filePath(QStringLiteral("nothing.pem"));
    if (kind == QLatin1String("folder"))
        return folder;
    if (kind == QLatin1String("fifo")) {
        const QString path = dir.filePath(QStringLiteral("ca.fifo"));
        return ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0 ? path : QString();
    }
    if (kind == QLatin1String("garbage")) {
        const QString path = dir.filePath(QStringLiteral("ca.pem"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write("-----BEGIN CERTIFCATE-----\nnot base64 at all\n") < 0)
            return QString();
        return path;
    }
    return kind; // a path as it is (/dev/zero)
}

} // namespace sagedock::testsupport
