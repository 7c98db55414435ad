#include "imagebuild/buildhistory.h"

#include "util/atomicfile.h"
#include "util/paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace sagedock::imagebuild {

History::History(QString path)
    : m_path(std::move(path)) {}

QString History::defaultPath() {
    return QDir(util::appDataDirectory()).filePath(QStringLiteral("build-history.jsonl"));
}

QString History::defaultLogDirectory() {
    return QDir(util::appDataDirectory()).filePath(QStringLiteral("build-logs"));
}

util::Error History::append(const BuildRecord& record) const {
    QDir().mkpath(QFileInfo(m_path).path());
    return util::appendLineDurably(m_path, QByteArray::fromStdString(record.toJson().dump()));
}

util::Result<QList<BuildRecord>> History::load(int limit) const {
    QList<BuildRecord> out;
    QFile f(m_path);
    if (!f.exists())
        return out;
    if (!f.open(QIODevice::ReadOnly))
        return util::Error::make(
            util::ErrorCode::Io,
            QCoreApplication::translate("sagedock::imagebuild", "Cannot read the build history %1.")
                .arg(m_path),
            f.errorString());
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (line.isEmpty())
            continue;
        // A torn last line (power loss mid-append) or a foreign edit must not hide the other builds.
        const nlohmann::json j =
            nlohmann::json::parse(line.constData(), line.constData() + line.size(), nullptr, false);
        if (j.is_discarded() || !j.is_object())
            continue;
        out << BuildRecord::fromJson(j);
        if (out.size() > limit)
            out.removeFirst();
    }
    return out;
}

std::optional<BuildRecord> History::latest(const QString& planKey) const {
    auto all = load();
    if (!all.ok())
        return std::nullopt;
    for (auto it = all.value().crbegin(); it != all.value().crend(); ++it)
        if (it->planKey == planKey)
            return *it;
    return std::nullopt;
}

void pruneLogDirectory(const QString& directory, qint64 maxBytes) {
    QDir dir(directory);
    QFileInfoList files =
        dir.entryInfoList({QStringLiteral("*.log")}, QDir::Files, QDir::Time | QDir::Reversed);
    qint64 total = 0;
    for (const QFileInfo& fi : files)
        total += fi.size();
    for (const QFileInfo& fi : files) { // oldest first
        if (total <= maxBytes)
            break;
        total -= fi.size();
        QFile::remove(fi.filePath());
    }
}

} // namespace sagedock::imagebuild
