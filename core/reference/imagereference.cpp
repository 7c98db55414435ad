#include "reference/imagereference.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace sagedock::reference {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::reference)
};

util::Error invalid(const QString& message, const QString& hint = {}) {
    return util::Error::make(util::ErrorCode::InvalidArgument, message, hint);
}

const QLatin1String kDockerHub("docker.io");
const QLatin1String kLegacyIndex("index.docker.io");
const QLatin1String kDockerApiHost("registry-1.docker.io");

const QRegularExpression& componentRx() {
    // component := [a-z0-9]+ (sep [a-z0-9]+)*, sep := [_.] | "__" | "-"+
    static const QRegularExpression rx(QStringLiteral("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$"));
    return rx;
}
const QRegularExpression& hostComponentRx() {
    static const QRegularExpression rx(
        QStringLiteral("^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$"));
    return rx;
}
const QRegularExpression& tagRx() {
    static const QRegularExpression rx(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.-]*$"));
    return rx;
}
const QRegularExpression& algorithmRx() {
    static const QRegularExpression rx(
        QStringLiteral("^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$"));
    return rx;
}
const QRegularExpression& hexRx() {
    static const QRegularExpression rx(QStringLiteral("^[A-Fa-f0-9]{32,}$"));
    return rx;
}
const QRegularExpression& lowerHexRx() {
    static const QRegularExpression rx(QStringLiteral("^[a-f0-9]*$"));
    return rx;
}
const QRegularExpression& imageIdRx() {
    static const QRegularExpression rx(QStringLiteral("^[a-f0-9]{64}$"));
    return rx;
}

bool hasUpper(const QString& s) {
    for (QChar c : s) {
        if (c.isUpper())
            return true;
    }
    return false;
}

// docker's splitDockerDomain: the first component is a registry host only if it looks like one.
void splitDomain(const QString& name, QString& domain, QString& path) {
    const qsizetype slash = name.indexOf(QLatin1Char('/'));
    if (slash > 0) {
        const QString first = name.left(slash);
        if (first.contains(QLatin1Char('.')) || first.contains(QLatin1Char(':')) ||
            first == QLatin1String("localhost") || hasUpper(first)) {
            domain = first;
            path = name.mid(slash + 1);
            return;
        }
    }
    domain = kDockerHub;
    path = name;
}

} // namespace

util::Error ImageReference::validateTag(const QString& tag) {
    if (tag.isEmpty())
        return invalid(Text::tr("The tag is empty."),
                       Text::tr("Write a tag after ':' or leave the ':' out to use 'latest'."));
    if (tag.size() > kMaxTagLength)
        return invalid(Text::tr("The tag is %1 characters long; at most %2 are allowed.")
                           .arg(tag.size())
                           .arg(kMaxTagLength),
                       Text::tr("Shorten the tag."));
    if (!tagRx().match(tag).hasMatch()) {
        if (tag.startsWith(QLatin1Char('.')) || tag.startsWith(QLatin1Char('-')))
            return invalid(Text::tr("The tag '%1' starts with '%2'.").arg(tag, tag.left(1)),
                           Text::tr("A tag must start with a letter, a digit or '_'."));
        return invalid(
            Text::tr("The tag '%1' contains characters other than letters, digits, '_', '.' and '-'.")
                .arg(tag),
            Text::tr("Replace the other characters, e.g. '/' with '-'."));
    }
    return {};
}

util::Error ImageReference::validateDigest(const QString& digest) {
    const qsizetype colon = digest.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return invalid(Text::tr("The digest '%1' has no algorithm.").arg(digest),
                       Text::tr("A digest looks like sha256:<64 hex digits>."));
    const QString algorithm = digest.left(colon);
    const QString hex = digest.mid(colon + 1);
    if (!algorithmRx().match(algorithm).hasMatch())
        return invalid(Text::tr("The digest algorithm '%1' is not valid.").arg(algorithm),
                       Text::tr("A digest looks like sha256:<64 hex digits>."));
    if (algorithm == QLatin1String("sha256") || algorithm == QLatin1String("sha512")) {
        const int want = algorithm == QLatin1String("sha256") ? 64 : 128;
        if (!lowerHexRx().match(hex).hasMatch())
            return invalid(Text::tr("The %1 digest must be lowercase hexadecimal.").arg(algorithm),
                           Text::tr("Copy the digest exactly as the registry printed it."));
        if (hex.size() != want)
            return invalid(Text::tr("The %1 digest has %2 hex digits; it needs exactly %3.")
                               .arg(algorithm)
                               .arg(hex.size())
                               .arg(want),
                           Text::tr("Copy the whole digest."));
        return {};
    }
    if (!hexRx().match(hex).hasMatch())
        return invalid(Text::tr("The digest '%1' needs at least 32 hexadecimal digits after '%2:'.")
                           .arg(digest, algorithm),
                       Text::tr("Copy the whole digest."));
    return {};
}

util::Error ImageReference::validatePath(const QString& path) {
    if (path.isEmpty())
        return invalid(Text::tr("The repository name is empty."),
                       Text::tr("Name a repository, e.g. sagemath/sagemath."));
    if (path.size() > kMaxPathLength)
        return invalid(Text::tr("The repository name is %1 characters long; at most %2 are allowed.")
                           .arg(path.size())
                           .arg(kMaxPathLength),
                       Text::tr("Shorten the repository name."));
    if (hasUpper(path))
        return invalid(Text::tr("The repository name '%1' must be lowercase.").arg(path),
                       Text::tr("Use '%1' instead.").arg(path.toLower()));
    const QStringList components = path.split(QLatin1Char('/'));
    for (const QString& c : components) {
        if (c.isEmpty())
            return invalid(Text::tr("The repository name '%1' has an empty component.").arg(path),
                           Text::tr("Remove the doubled or trailing '/'."));
        if (!componentRx().match(c).hasMatch())
            return invalid(Text::tr("The repository name component '%1' is not valid.").arg(c),
                           Text::tr("Use lowercase letters and digits, separated by '.', '_', '__' or '-'."));
    }
    return {};
}

util::Error ImageReference::validateDomain(const QString& domain) {
    if (domain.isEmpty())
        return invalid(Text::tr("The registry host is empty."));
    QString host = domain;
    QString port;
    if (domain.startsWith(QLatin1Char('['))) {
        const qsizetype close = domain.indexOf(QLatin1Char(']'));
        if (close < 0)
            return invalid(Text::tr("The registry address '%1' has an unclosed '['.").arg(domain),
                           Text::tr("Write IPv6 addresses as [::1]:5000."));
        host = domain.mid(1, close - 1);
        const QString rest = domain.mid(close + 1);
        static const QRegularExpression v6(QStringLiteral("^[a-fA-F0-9:.]+$"));
        if (!v6.match(host).hasMatch() || !host.contains(QLatin1Char(':')))
            return invalid(Text::tr("'%1' is not an IPv6 address.").arg(host));
        if (!rest.isEmpty()) {
            if (!rest.startsWith(QLatin1Char(':')))
                return invalid(Text::tr("Unexpected text '%1' after the IPv6 address.").arg(rest));
            port = rest.mid(1);
            if (port.isEmpty())
                return invalid(Text::tr("The port after '%1' is empty.").arg(domain.left(close + 1)));
        }
    } else {
        const qsizetype colon = domain.indexOf(QLatin1Char(':'));
        if (colon >= 0) {
            host = domain.left(colon);
            port = domain.mid(colon + 1);
            if (port.isEmpty())
                return invalid(Text::tr("The port after '%1' is empty.").arg(host));
        }
        if (host.isEmpty())
            return invalid(Text::tr("The registry host is empty."));
        for (const QString& part : host.split(QLatin1Char('.'))) {
            if (!hostComponentRx().match(part).hasMatch())
                return invalid(Text::tr("The registry host '%1' is not a valid host name.").arg(host),
                               Text::tr("Use letters, digits, '-' and '.', e.g. ghcr.io or localhost:5000."));
        }
    }
    if (!port.isEmpty()) {
        bool ok = false;
        const int p = port.toInt(&ok);
        for (QChar c : port) {
            if (!c.isDigit())
                ok = false;
        }
        if (!ok || p < 1 || p > 65535)
            return invalid(Text::tr("The port '%1' is not a number between 1 and 65535.").arg(port));
    }
    return {};
}

util::Result<ImageReference> ImageReference::parse(const QString& input) {
    const QString text = input.trimmed();
    if (text.isEmpty())
        return invalid(Text::tr("The image reference is empty."),
                       Text::tr("Name an image, e.g. sagemath/sagemath:latest."));
    if (imageIdRx().match(text).hasMatch())
        return invalid(
            Text::tr("'%1' is a 64-digit hexadecimal string, which names an image ID, not a repository.")
                .arg(text.left(12) + QStringLiteral("…")),
            Text::tr("Refer to a local image by its ID, or give a repository name."));
    for (QChar c : text) {
        if (c.isSpace())
            return invalid(Text::tr("The image reference '%1' contains white space.").arg(text),
                           Text::tr("Remove the spaces."));
    }

    QString rest = text;
    ImageReference ref;
    const qsizetype at = rest.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        ref.m_digest = rest.mid(at + 1);
        rest = rest.left(at);
        if (ref.m_digest.isEmpty())
            return invalid(Text::tr("The digest after '@' is empty."),
                           Text::tr("A digest looks like sha256:<64 hex digits>."));
        if (auto e = validateDigest(ref.m_digest))
            return e;
    }
    const qsizetype lastSlash = rest.lastIndexOf(QLatin1Char('/'));
    const qsizetype lastColon = rest.lastIndexOf(QLatin1Char(':'));
    if (lastColon > lastSlash) {
        ref.m_tag = rest.mid(lastColon + 1);
        rest = rest.left(lastColon);
        if (auto e = validateTag(ref.m_tag))
            return e;
    }
    if (rest.isEmpty())
        return invalid(Text::tr("The image reference '%1' has no repository name.").arg(text),
                       Text::tr("Name a repository before the tag or digest."));

    QString domain;
    QString path;
    splitDomain(rest, domain, path);
    if (domain.compare(kLegacyIndex, Qt::CaseInsensitive) == 0)
        domain = kDockerHub;
    if (auto e = validateDomain(domain))
        return e;
    if (domain == kDockerHub && !path.isEmpty() && !path.contains(QLatin1Char('/')))
        path = QStringLiteral("library/") + path;
    if (auto e = validatePath(path))
        return e;

    ref.m_domain = domain;
    ref.m_path = path;
    if (ref.m_tag.isEmpty() && ref.m_digest.isEmpty()) {
        ref.m_tag = QStringLiteral("latest");
        ref.m_tagImplicit = true;
    }
    return ref;
}

util::Result<ImageReference> ImageReference::parseRepository(const QString& input) {
    auto r = parse(input);
    if (!r.ok())
        return r;
    if (!r->tagImplicit())
        return invalid(Text::tr("'%1' names an image, not a repository.").arg(input.trimmed()),
                       Text::tr("Leave out the tag and digest."));
    ImageReference ref = r.value();
    ref.m_tag.clear();
    ref.m_tagImplicit = false;
    return ref;
}

QString ImageReference::registryHost() const {
    return m_domain == kDockerHub ? QString(kDockerApiHost) : m_domain;
}

bool ImageReference::isDockerHub() const {
    return m_domain == kDockerHub;
}

QString ImageReference::baseName() const {
    return m_path.section(QLatin1Char('/'), -1);
}

namespace {
QString suffix(const QString& tag, const QString& digest) {
    QString s;
    if (!tag.isEmpty())
        s += QLatin1Char(':') + tag;
    if (!digest.isEmpty())
        s += QLatin1Char('@') + digest;
    return s;
}
} // namespace

QString ImageReference::toString() const {
    if (!isValid())
        return {};
    return repository() + suffix(m_tag, m_digest);
}

QString ImageReference::familiarRepository() const {
    if (!isValid())
        return {};
    if (m_domain != kDockerHub)
        return repository();
    if (m_path.startsWith(QLatin1String("library/")) && m_path.count(QLatin1Char('/')) == 1)
        return m_path.mid(8);
    return m_path;
}

QString ImageReference::familiar() const {
    if (!isValid())
        return {};
    return familiarRepository() + suffix(m_tag, m_digest);
}

ImageReference ImageReference::withTag(const QString& tag) const {
    ImageReference r = *this;
    r.m_tag = tag;
    r.m_digest.clear();
    r.m_tagImplicit = false;
    return r;
}

ImageReference ImageReference::withDigest(const QString& digest) const {
    ImageReference r = *this;
    r.m_digest = digest;
    if (r.m_tagImplicit) {
        r.m_tag.clear();
        r.m_tagImplicit = false;
    }
    return r;
}

} // namespace sagedock::reference
