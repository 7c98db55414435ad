#include "reference/query.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace sagedock::reference {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::reference)
};

bool isTagChar(QChar c) {
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_' ||
           u == u'.' || u == u'-';
}

// The first path component names a registry the way docker decides it (protocols.md A7).
bool hasExplicitDomain(const QString& text) {
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (slash <= 0)
        return false;
    const QString first = text.left(slash);
    return first.contains(QLatin1Char('.')) || first.contains(QLatin1Char(':')) ||
           first == QLatin1String("localhost");
}

} // namespace

QString Query::sanitizeRef(const QString& ref) {
    QString out;
    out.reserve(ref.size());
    for (QChar c : ref) {
        if (c.isSpace())
            continue;
        out += isTagChar(c) ? c : QLatin1Char('-');
    }
    qsizetype lead = 0;
    while (lead < out.size() && (out[lead] == QLatin1Char('.') || out[lead] == QLatin1Char('-')))
        ++lead;
    return out.mid(lead).left(ImageReference::kMaxTagLength);
}

QString Query::kindName(Kind kind) {
    switch (kind) {
    case Kind::PullRequest:
        return QStringLiteral("pull-request");
    case Kind::Ref:
        return QStringLiteral("ref");
    case Kind::Tag:
        return QStringLiteral("tag");
    case Kind::Image:
        return QStringLiteral("image");
    }
    return {};
}

util::Result<Query> Query::resolve(const QString& input) {
    Query q;
    q.text = input.trimmed();
    if (q.text.isEmpty())
        return util::Error::make(util::ErrorCode::InvalidArgument, Text::tr("The query is empty."),
                                 Text::tr("Give a PR number, a branch, a tag or an image reference."));

    static const QRegularExpression pr(
        QStringLiteral("^(?:#|pr[ #-]?|pull/|refs/pull/)?([0-9]{1,9})(?:/merge)?$"),
        QRegularExpression::CaseInsensitiveOption);
    if (const auto m = pr.match(q.text); m.hasMatch()) {
        q.kind = Kind::PullRequest;
        q.pullRequest = m.captured(1).toInt();
        q.tag = QString::number(q.pullRequest) + QStringLiteral("-merge");
        return q;
    }

    const bool looksLikeImage = q.text.contains(QLatin1Char('/')) || q.text.contains(QLatin1Char(':')) ||
                                q.text.contains(QLatin1Char('@'));
    if (looksLikeImage && !q.text.startsWith(QLatin1String("refs/"))) {
        const auto image = ImageReference::parse(q.text);
        if (image.ok()) {
            const auto sage = SageName::parse(image->baseName());
            const bool tagged = !image->tagImplicit();
            if (hasExplicitDomain(q.text) || sage.ok() || tagged) {
                q.kind = Kind::Image;
                q.image = image.value();
                q.tag = image->tag();
                if (sage.ok()) {
                    q.sageName = sage.value();
                    const QString repo = image->repository();
                    q.repositoryPrefix = repo.left(repo.size() - image->baseName().size());
                }
                return q;
            }
        } else if (hasExplicitDomain(q.text)) {
            return image.error(); // clearly meant as an image: say precisely what is wrong with it
        }
    }

    QString ref = q.text;
    for (const QLatin1String prefix : {QLatin1String("refs/heads/"), QLatin1String("refs/tags/")}) {
        if (ref.startsWith(prefix))
            ref = ref.mid(prefix.size());
    }
    q.tag = sanitizeRef(ref);
    if (q.tag.isEmpty())
        return util::Error::make(
            util::ErrorCode::InvalidArgument,
            Text::tr("'%1' leaves no tag after sanitizing it like Sage's CI.").arg(q.text),
            Text::tr("Use letters, digits, '_', '.' or '-'."));
    q.kind = (q.tag == q.text && !ImageReference::validateTag(q.tag)) ? Kind::Tag : Kind::Ref;
    return q;
}

} // namespace sagedock::reference
