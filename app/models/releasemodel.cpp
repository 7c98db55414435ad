#include "models/releasemodel.h"

#include <QFont>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace sagedock::app {

QString humanSize(qint64 bytes) {
    if (bytes < 0)
        return {};
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString shortDateTime(const QDateTime& dateTime) {
    return dateTime.isValid() ? QLocale().toString(dateTime.toLocalTime(), QLocale::ShortFormat) : QString();
}

ReleaseModel::ReleaseModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void ReleaseModel::setRepository(const QString& repository) {
    m_repository = repository;
    rebuild();
}

void ReleaseModel::setRemoteTags(const QStringList& tags) {
    m_remote = tags;
    rebuild();
}

void ReleaseModel::setLocalImages(const QList<engine::ImageSummary>& images) {
    m_local = images;
    rebuild();
}

QString ReleaseModel::imageAt(int row) const {
    if (row < 0 || row >= m_rows.size())
        return {};
    return m_repository + QLatin1Char(':') + m_rows.at(row).tag;
}

QString ReleaseModel::kindOf(const QString& tag) {
    if (tag == QLatin1String("latest"))
        return QStringLiteral("latest");
    if (tag == QLatin1String("develop"))
        return QStringLiteral("develop");
    static const QRegularExpression release(QStringLiteral(R"(^\d+\.\d+(\.\d+)?$)"));
    static const QRegularExpression pre(QStringLiteral(R"(^\d+\.\d+(\.\d+)?\.?(beta|rc)\d+$)"));
    if (release.match(tag).hasMatch())
        return QStringLiteral("release");
    if (pre.match(tag).hasMatch())
        return QStringLiteral("prerelease");
    return QStringLiteral("other");
}

qint64 ReleaseModel::orderKey(const QString& tag) {
    if (tag == QLatin1String("latest"))
        return 0;
    if (tag == QLatin1String("develop"))
        return 1;
    // 10.8 > 10.8.rc2 > 10.8.rc0 > 10.8.beta9 > 10.7.1 > 10.7: encode and negate for "newest first".
    static const QRegularExpression re(QStringLiteral(R"(^(\d+)\.(\d+)(?:\.(\d+))?(?:\.?(beta|rc)(\d+))?$)"));
    const QRegularExpressionMatch m = re.match(tag);
    if (!m.hasMatch())
        return std::numeric_limits<qint64>::max() / 2; // other tags last
    // Each field is clamped to the width it gets below, so the encoding never overflows or wraps
    // (a key taken modulo 2^31 once sorted 11.x after 10.x).
    const auto field = [&m](int n, qint64 limit) {
        bool ok = false;
        const qint64 v = m.captured(n).toLongLong(&ok);
        return m.captured(n).isEmpty() ? 0 : ok ? std::min(v, limit) : limit; // too long for 64 bits: huge
    };
    const qint64 major = field(1, 99999);
    const qint64 minor = field(2, 999);
    const qint64 patch = field(3, 999);
    const QString pre = m.captured(4);
    const qint64 preRank = pre.isEmpty() ? 2 : pre == QLatin1String("rc") ? 1 : 0;
    const qint64 preNum = field(5, 999);
    const qint64 value = ((((major * 1000 + minor) * 1000 + patch) * 3 + preRank) * 1000) + preNum; // < 2^49
    constexpr qint64 kAboveEveryValue = qint64(1) << 50;
    return 10 + (kAboveEveryValue - value);
}

void ReleaseModel::rebuild() {
    beginResetModel();
    m_rows.clear();
    QHash<QString, int> index;
    const auto row = [&](const QString& tag) -> Release& {
        auto it = index.find(tag);
        if (it == index.end()) {
            index.insert(tag, int(m_rows.size()));
            m_rows.append(Release{tag, kindOf(tag), false, false, -1});
            return m_rows.last();
        }
        return m_rows[*it];
    };
    for (const QString& tag : m_remote)
        if (!tag.endsWith(QLatin1String("-py3"))) // the Python 2/3 split ended with 9.1
            row(tag).remote = true;
    const QString prefix = m_repository + QLatin1Char(':');
    for (const engine::ImageSummary& image : m_local) {
        for (const QString& repoTag : image.repoTags) {
            // Docker Hub images may be listed with or without the docker.io/ prefix.
            QString t = repoTag;
            if (t.startsWith(QLatin1String("docker.io/")))
                t.remove(0, 10);
            if (!t.startsWith(prefix))
                continue;
            Release& r = row(t.mid(prefix.size()));
            r.local = true;
            r.size = image.size;
        }
    }
    std::stable_sort(m_rows.begin(), m_rows.end(),
                     [](const Release& a, const Release& b) { return orderKey(a.tag) < orderKey(b.tag); });
    endResetModel();
}

int ReleaseModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReleaseModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReleaseModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Release& r = m_rows.at(index.row());
    switch (role) {
    case SortRole:
        switch (index.column()) {
        case LocalColumn:
            return r.local ? 0 : 1;
        case SizeColumn:
            return r.size;
        default:
            return orderKey(r.tag);
        }
    case ImageRole:
        return imageAt(index.row());
    case LocalRole:
        return r.local;
    case SizeRole:
        return r.size;
    case KindRole:
        return r.kind;
    case Qt::DisplayRole:
        switch (index.column()) {
        case TagColumn:
            return r.tag;
        case KindColumn:
            if (r.kind == QLatin1String("latest"))
                return tr("Latest release");
            if (r.kind == QLatin1String("develop"))
                return tr("Development (newest beta)");
            if (r.kind == QLatin1String("release"))
                return tr("Release");
            if (r.kind == QLatin1String("prerelease"))
                return tr("Pre-release");
            return tr("Other");
        case LocalColumn:
            // Text, not only colour: the column says it in words.
            return r.local ? tr("Downloaded") : tr("Not downloaded");
        case SizeColumn:
            return humanSize(r.size);
        }
        break;
    case Qt::ToolTipRole:
        return imageAt(index.row());
    case Qt::FontRole:
        if (index.column() == TagColumn &&
            (r.kind == QLatin1String("latest") || r.kind == QLatin1String("develop"))) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant ReleaseModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TagColumn:
        return tr("Version");
    case KindColumn:
        return tr("Kind");
    case LocalColumn:
        return tr("On this computer");
    case SizeColumn:
        return tr("Size");
    }
    return {};
}

} // namespace sagedock::app
