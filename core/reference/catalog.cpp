#include "reference/catalog.h"

#include "reference/sagename.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace sagedock::reference {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::reference)
};

QStringList stringList(const nlohmann::json& j) {
    QStringList out;
    if (!j.is_array())
        return out;
    for (const auto& v : j) {
        if (v.is_string())
            out << QString::fromStdString(v.get<std::string>());
    }
    return out;
}

QString str(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

// "10.4" < "10.9.beta3" < "10.10": numeric where both parts are numbers.
bool versionLess(const QString& a, const QString& b) {
    const QStringList pa = a.split(QLatin1Char('.'));
    const QStringList pb = b.split(QLatin1Char('.'));
    for (qsizetype i = 0; i < std::min(pa.size(), pb.size()); ++i) {
        bool okA = false;
        bool okB = false;
        const int na = pa[i].toInt(&okA);
        const int nb = pb[i].toInt(&okB);
        if (okA && okB) {
            if (na != nb)
                return na < nb;
        } else if (pa[i] != pb[i]) {
            return pa[i] < pb[i];
        }
    }
    return pa.size() < pb.size();
}

} // namespace

util::Result<Catalog> Catalog::fromJson(const QByteArray& json) {
    const auto doc = nlohmann::json::parse(json.constData(), json.constData() + json.size(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return util::Error::make(util::ErrorCode::Parse, Text::tr("The Sage catalog is not valid JSON."),
                                 Text::tr("Reinstall SageDock; the bundled catalog is damaged."));
    Catalog c;
    if (const QString repo = str(doc, "defaultRepository"); !repo.isEmpty())
        c.m_defaultRepository = repo;
    c.m_stages = stringList(doc.value("stages", nlohmann::json::array()));
    c.m_publishedStages = stringList(doc.value("publishedStages", nlohmann::json::array()));
    c.m_packageSets = stringList(doc.value("packageSets", nlohmann::json::array()));
    c.m_ciPackageSets = stringList(doc.value("ciPackageSets", nlohmann::json::array()));
    c.m_modifiers = stringList(doc.value("modifiers", nlohmann::json::array()));
    c.m_master = stringList(doc.value("master", nlohmann::json::array()));
    c.m_baseImagesDocumented = stringList(doc.value("baseImagesDocumented", nlohmann::json::array()));
    if (const auto ci = doc.find("ci"); ci != doc.end() && ci->is_object()) {
        c.m_ciRelease = str(*ci, "release");
        c.m_ciSystems = stringList(ci->value("systems", nlohmann::json::array()));
        if (const auto by = ci->find("byPackages"); by != ci->end() && by->is_object()) {
            for (auto it = by->begin(); it != by->end(); ++it)
                c.m_ciByPackages.insert(QString::fromStdString(it.key()), stringList(it.value()));
        }
    }
    if (const auto rel = doc.find("releases"); rel != doc.end() && rel->is_object()) {
        for (auto it = rel->begin(); it != rel->end(); ++it)
            c.m_releases.insert(QString::fromStdString(it.key()), stringList(it.value()));
    }
    if (const auto base = doc.find("baseImages"); base != doc.end() && base->is_object()) {
        for (auto it = base->begin(); it != base->end(); ++it) {
            if (it.value().is_string())
                c.m_baseImages.insert(QString::fromStdString(it.key()),
                                      QString::fromStdString(it.value().get<std::string>()));
        }
    }
    c.m_ignoreMissing = stringList(doc.value("ignoreMissingSystemPackages", nlohmann::json::array()));
    if (const auto dist = doc.find("distributions"); dist != doc.end() && dist->is_object()) {
        // nlohmann::json sorts object keys; the display order follows the master list instead.
        QMap<QString, QString> names;
        for (auto it = dist->begin(); it != dist->end(); ++it) {
            if (it.value().is_string())
                names.insert(QString::fromStdString(it.key()),
                             QString::fromStdString(it.value().get<std::string>()));
        }
        QStringList order;
        for (const QString& system : c.allKnownSystems()) {
            const QString d = SageName::distributionOf(system);
            if (!order.contains(d))
                order << d;
        }
        for (auto it = names.cbegin(); it != names.cend(); ++it) {
            if (!order.contains(it.key()))
                order << it.key();
        }
        for (const QString& d : order)
            c.m_distributions.append({d, names.value(d, d)});
    }
    c.m_allKnown = c.allKnownSystems(); // asked for on every model sort: computed once
    if (c.m_stages.isEmpty() || c.m_publishedStages.isEmpty() || c.m_packageSets.isEmpty())
        return util::Error::make(util::ErrorCode::Parse,
                                 Text::tr("The Sage catalog lacks the stage or package lists."),
                                 Text::tr("Reinstall SageDock; the bundled catalog is damaged."));
    return c;
}

const Catalog& Catalog::bundled() {
    static const Catalog catalog = [] {
        QFile f(QStringLiteral(":/catalog/sage-catalog.json"));
        if (f.open(QIODevice::ReadOnly)) {
            auto parsed = fromJson(f.readAll());
            if (parsed.ok())
                return std::move(parsed).value();
        }
        // Only a broken build gets here (the unit tests parse the resource); SageName still needs the
        // stage, package-set and modifier names, which have not changed since 2020.
        Catalog fallback;
        fallback.m_stages = {QStringLiteral("with-system-packages"), QStringLiteral("bootstrapped"),
                             QStringLiteral("configured"),           QStringLiteral("with-base-toolchain"),
                             QStringLiteral("with-targets-pre"),     QStringLiteral("with-targets"),
                             QStringLiteral("with-targets-optional")};
        fallback.m_publishedStages = {QStringLiteral("with-system-packages"), QStringLiteral("configured"),
                                      QStringLiteral("with-targets-pre"), QStringLiteral("with-targets"),
                                      QStringLiteral("with-targets-optional")};
        fallback.m_packageSets = {QStringLiteral("minimal"), QStringLiteral("standard"),
                                  QStringLiteral("maximal")};
        fallback.m_ciPackageSets = {QStringLiteral("standard"), QStringLiteral("minimal")};
        fallback.m_modifiers = {QStringLiteral("sitepackages"), QStringLiteral("recommended"),
                                QStringLiteral("develop"), QStringLiteral("nobootstrap"),
                                QStringLiteral("incremental")};
        return fallback;
    }();
    return catalog;
}

QString Catalog::packagePageUrl(const QString& repository) {
    // ghcr.io/<owner>/<repo>/<image> is the package "<repo>/<image>" of github.com/<owner>/<repo>.
    QString r = repository;
    const qsizetype at = r.indexOf(QLatin1Char('@'));
    if (at >= 0)
        r = r.left(at);
    const qsizetype colon = r.lastIndexOf(QLatin1Char(':'));
    if (colon > r.lastIndexOf(QLatin1Char('/')))
        r = r.left(colon);
    const QStringList parts = r.split(QLatin1Char('/'));
    if (parts.size() < 3 || parts.first() != QLatin1String("ghcr.io"))
        return {};
    if (parts.size() == 3) // ghcr.io/<owner>/<package>: a user-level package
        return QStringLiteral("https://github.com/users/") + parts[1] +
               QStringLiteral("/packages/container/package/") + parts[2];
    return QStringLiteral("https://github.com/") + parts[1] + QLatin1Char('/') + parts[2] +
           QStringLiteral("/pkgs/container/") + parts.mid(2).join(QStringLiteral("%2F"));
}

QStringList Catalog::orderedStages(const QStringList& stages) const {
    QStringList out;
    for (const QString& s : m_stages) {
        if (stages.contains(s))
            out << s;
    }
    return out;
}

QStringList Catalog::releases() const {
    QStringList keys = m_releases.keys();
    std::sort(keys.begin(), keys.end(), versionLess);
    return keys;
}

QStringList Catalog::allKnownSystems() const {
    if (!m_allKnown.isEmpty())
        return m_allKnown;
    QStringList out = m_master;
    for (const QString& release : releases()) {
        for (const QString& s : m_releases.value(release)) {
            if (!out.contains(s))
                out << s;
        }
    }
    for (const QString& s : m_ciSystems) {
        if (!out.contains(s))
            out << s;
    }
    return out;
}

bool Catalog::isKnownSystem(const QString& system) const {
    return allKnownSystems().contains(system);
}

QString Catalog::distributionName(const QString& distribution) const {
    for (const auto& [key, name] : m_distributions) {
        if (key == distribution)
            return name;
    }
    return distribution;
}

QString Catalog::groupingKey(const QString& system) const {
    const QString d = SageName::distributionOf(system);
    qsizetype group = m_distributions.size();
    for (qsizetype i = 0; i < m_distributions.size(); ++i) {
        if (m_distributions[i].first == d) {
            group = i;
            break;
        }
    }
    qsizetype pos = m_allKnown.isEmpty() ? allKnownSystems().indexOf(system) : m_allKnown.indexOf(system);
    if (pos < 0)
        pos = 9999;
    return QStringLiteral("%1/%2/%3")
        .arg(group, 3, 10, QLatin1Char('0'))
        .arg(pos, 4, 10, QLatin1Char('0'))
        .arg(system);
}

namespace {

// Sortable key for a Sage version: "10.9.beta3" → numbers (10, 9) and a pre-release rank.
struct VersionKey {
    QList<int> numbers;
    int pre = 3; // 0 alpha, 1 beta, 2 rc, 3 final
    int preNumber = 0;
};

std::optional<VersionKey> versionKey(const QString& tag) {
    static const QRegularExpression rx(
        QStringLiteral("^([0-9]+(?:\\.[0-9]+){1,2})(?:\\.?(a|alpha|b|beta|rc)([0-9]+))?$"));
    const auto m = rx.match(tag);
    if (!m.hasMatch())
        return std::nullopt;
    VersionKey k;
    for (const QString& n : m.captured(1).split(QLatin1Char('.')))
        k.numbers << n.toInt();
    while (k.numbers.size() < 3)
        k.numbers << 0;
    const QString pre = m.captured(2);
    if (!pre.isEmpty()) {
        k.pre = pre.startsWith(QLatin1Char('a')) ? 0 : pre.startsWith(QLatin1Char('b')) ? 1 : 2;
        k.preNumber = m.captured(3).toInt();
    }
    return k;
}

} // namespace

QStringList Catalog::orderedTags(const QStringList& tags) {
    static const QRegularExpression merge(QStringLiteral("^([0-9]+)-merge$"));
    static const QRegularExpression sha(QStringLiteral("^[0-9a-f]{7,40}$"));
    const QStringList pinned{QStringLiteral("dev"), QStringLiteral("latest"), QStringLiteral("develop")};
    auto rank = [&](const QString& t) {
        if (pinned.contains(t))
            return 0;
        if (versionKey(t))
            return 1;
        if (merge.match(t).hasMatch())
            return 2;
        if (sha.match(t).hasMatch() || t.endsWith(QLatin1String("-failed")))
            return 4;
        return 3;
    };
    QStringList out = tags;
    out.removeDuplicates();
    std::stable_sort(out.begin(), out.end(), [&](const QString& a, const QString& b) {
        const int ra = rank(a);
        const int rb = rank(b);
        if (ra != rb)
            return ra < rb;
        switch (ra) {
        case 0:
            return pinned.indexOf(a) < pinned.indexOf(b);
        case 1: {
            const VersionKey ka = *versionKey(a);
            const VersionKey kb = *versionKey(b);
            if (ka.numbers != kb.numbers)
                return kb.numbers < ka.numbers;
            if (ka.pre != kb.pre)
                return ka.pre > kb.pre;
            return ka.preNumber > kb.preNumber;
        }
        case 2:
            return merge.match(a).captured(1).toLongLong() > merge.match(b).captured(1).toLongLong();
        default:
            return a < b;
        }
    });
    return out;
}

} // namespace sagedock::reference
