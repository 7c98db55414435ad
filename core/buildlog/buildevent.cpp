#include "buildlog/buildevent.h"

namespace sagedock::buildlog {

QString formatName(LogFormat format) {
    switch (format) {
    case LogFormat::BuildKitPlain:
        return QStringLiteral("buildkit-plain");
    case LogFormat::BuildKitRawJson:
        return QStringLiteral("buildkit-rawjson");
    case LogFormat::Legacy:
        return QStringLiteral("legacy");
    case LogFormat::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

namespace {

bool isDigits(QStringView s) {
    if (s.isEmpty())
        return false;
    for (QChar c : s)
        if (c < u'0' || c > u'9')
            return false;
    return true;
}

QString firstWordUpper(QStringView text) {
    const qsizetype space = text.indexOf(u' ');
    return (space < 0 ? text : text.left(space)).toString().toUpper();
}

} // namespace

StepInfo stepInfoFromName(QStringView name) {
    StepInfo info;
    info.name = name.toString();
    if (name.startsWith(u"importing cache")) {
        info.kind = StepKind::CacheImport;
        return info;
    }
    if (name.startsWith(u"exporting ") || name.startsWith(u"preparing build cache for export")) {
        info.kind = StepKind::Export;
        return info;
    }
    if (!name.startsWith(u'[')) {
        info.kind = StepKind::Other;
        return info;
    }
    const qsizetype close = name.indexOf(u']');
    if (close < 0) {
        info.kind = StepKind::Other;
        return info;
    }
    // "[linux/arm64 builder  2/10]" -> tokens; k is right-aligned, so several spaces may separate them.
    const QList<QStringView> tokens = name.mid(1, close - 1).split(u' ', Qt::SkipEmptyParts);
    info.instruction = name.mid(close + 1).trimmed().toString();
    if (tokens.isEmpty()) {
        info.kind = StepKind::Other;
        return info;
    }
    const QStringView last = tokens.last();
    if (last == u"internal") {
        info.kind = StepKind::Internal;
        if (tokens.size() > 1)
            info.platform = tokens.first().toString();
        return info;
    }
    if (last == u"auth") {
        info.kind = StepKind::Auth;
        return info;
    }
    const qsizetype slash = last.indexOf(u'/');
    if (slash > 0 && isDigits(last.left(slash)) && isDigits(last.mid(slash + 1))) {
        info.index = last.left(slash).toInt();
        info.total = last.mid(slash + 1).toInt();
        if (tokens.size() >= 3) {
            info.platform = tokens.at(tokens.size() - 3).toString();
            info.stage = tokens.at(tokens.size() - 2).toString();
        } else if (tokens.size() == 2) {
            info.stage = tokens.first().toString();
        } else {
            info.stage = QStringLiteral("stage-0");
        }
        info.keyword = firstWordUpper(info.instruction);
        info.kind = info.keyword == u"FROM" ? StepKind::From : StepKind::Instruction;
        return info;
    }
    info.kind = StepKind::Other;
    return info;
}

} // namespace sagedock::buildlog
