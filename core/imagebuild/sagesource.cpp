#include "imagebuild/sagesource.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace sagedock::imagebuild {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::imagebuild)
};

QString firstLine(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readLine(4096)).trimmed();
}
} // namespace

QString SageSource::generatorPathFor(int major, int minor) {
    if (major < 10)
        return QStringLiteral("build/bin/write-dockerfile.sh");
    if (major == 10 && minor < 8)
        return QStringLiteral(".ci/write-dockerfile.sh");
    return QStringLiteral(".github/workflows/write-dockerfile.sh");
}

util::Result<SageSource> SageSource::detect(const QString& directory) {
    const QDir dir(directory);
    if (directory.isEmpty() || !dir.exists())
        return util::Error::make(
            util::ErrorCode::NotFound, Text::tr("The source folder %1 does not exist.").arg(directory),
            Text::tr("Choose the root of a Sage checkout (the folder with VERSION.txt)."));
    SageSource s;
    s.root = dir.absolutePath();
    QString v = firstLine(dir.filePath(QStringLiteral("src/VERSION.txt")));
    if (v.isEmpty()) {
        static const QRegularExpression rx(QStringLiteral("^SageMath version ([^,\\s]+)"));
        const auto m = rx.match(firstLine(dir.filePath(QStringLiteral("VERSION.txt"))));
        if (m.hasMatch())
            v = m.captured(1);
    }
    static const QRegularExpression versionRx(QStringLiteral("^(\\d+)\\.(\\d+)"));
    const auto m = versionRx.match(v);
    if (!m.hasMatch())
        return util::Error::make(
            util::ErrorCode::NotFound,
            Text::tr("%1 has no Sage version file (src/VERSION.txt or VERSION.txt).").arg(s.root),
            Text::tr("Choose the root of a Sage checkout."));
    s.version = v;
    s.major = m.captured(1).toInt();
    s.minor = m.captured(2).toInt();
    s.generator = generatorPathFor(s.major, s.minor);
    if (!QFileInfo::exists(dir.filePath(s.generator))) {
        // Branches between releases may already have moved the script: take whichever exists.
        s.generatorAtExpectedPath = false;
        s.generator.clear();
        for (const QString& p : {generatorPathFor(10, 8), generatorPathFor(10, 4), generatorPathFor(9, 8)})
            if (QFileInfo::exists(dir.filePath(p))) {
                s.generator = p;
                break;
            }
        if (s.generator.isEmpty())
            return util::Error::make(util::ErrorCode::NotFound,
                                     Text::tr("Sage %1 at %2 has no write-dockerfile.sh (expected %3).")
                                         .arg(s.version, s.root, generatorPathFor(s.major, s.minor)),
                                     Text::tr("Check out a complete Sage source tree."));
    }
    return s;
}

} // namespace sagedock::imagebuild
