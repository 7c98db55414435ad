#include "imagebuild/dockerfileinfo.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace sagedock::imagebuild {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::imagebuild)
};

// Joins continuation lines; keeps the index of the first physical line of each instruction.
struct Instruction {
    int line = 0;
    int lastLine = 0;
    QString keyword; // upper case
    QString rest;
};

QList<Instruction> instructions(const QStringList& lines) {
    QList<Instruction> out;
    Instruction cur;
    bool open = false;
    for (int i = 0; i < lines.size(); ++i) {
        QString l = lines.at(i);
        const QString trimmed = l.trimmed();
        if (!open && (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#'))))
            continue;
        if (open && trimmed.startsWith(QLatin1Char('#')))
            continue; // comments inside a continued instruction are dropped, like BuildKit does
        const bool continues = trimmed.endsWith(QLatin1Char('\\'));
        QString part = continues ? trimmed.chopped(1) : trimmed;
        if (!open) {
            cur = Instruction{};
            cur.line = i;
            const qsizetype sp = part.indexOf(QRegularExpression(QStringLiteral("\\s")));
            cur.keyword = (sp < 0 ? part : part.left(sp)).toUpper();
            cur.rest = sp < 0 ? QString() : part.mid(sp + 1).trimmed();
            open = true;
        } else {
            cur.rest += QLatin1Char(' ') + part;
        }
        cur.lastLine = i;
        if (!continues) {
            out.append(cur);
            open = false;
        }
    }
    if (open)
        out.append(cur);
    return out;
}

// Splits a COPY/ADD operand list: JSON array form or whitespace form; drops --flags.
QStringList operands(const QString& rest, bool* fromOtherStage) {
    *fromOtherStage = false;
    QStringList words;
    QString body = rest;
    // Flags come first in both forms.
    while (body.startsWith(QLatin1String("--"))) {
        const qsizetype sp = body.indexOf(QLatin1Char(' '));
        const QString flag = sp < 0 ? body : body.left(sp);
        if (flag.startsWith(QLatin1String("--from=")))
            *fromOtherStage = true;
        body = sp < 0 ? QString() : body.mid(sp + 1).trimmed();
    }
    if (body.startsWith(QLatin1Char('['))) {
        const QJsonDocument doc = QJsonDocument::fromJson(body.toUtf8());
        for (const QJsonValue v : doc.array())
            words << v.toString();
    } else {
        words = body.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    }
    return words;
}

struct IgnoreRule {
    QRegularExpression rx;
    bool negate = false;
};

QList<IgnoreRule> ignoreRules(const QString& contextDir) {
    QList<IgnoreRule> rules;
    QFile f(QDir(contextDir).filePath(QStringLiteral(".dockerignore")));
    if (!f.open(QIODevice::ReadOnly))
        return rules;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    for (QString l : lines) {
        l = l.trimmed();
        if (l.isEmpty() || l.startsWith(QLatin1Char('#')))
            continue;
        IgnoreRule r;
        if (l.startsWith(QLatin1Char('!'))) {
            r.negate = true;
            l = l.mid(1);
        }
        while (l.startsWith(QLatin1Char('/')))
            l = l.mid(1);
        while (l.endsWith(QLatin1Char('/')))
            l.chop(1);
        // Like Go's filepath.Match: '*' stays within one path component.
        r.rx = QRegularExpression(QRegularExpression::wildcardToRegularExpression(l));
        rules.append(r);
    }
    return rules;
}

bool ignored(const QList<IgnoreRule>& rules, const QString& relPath) {
    bool out = false;
    // A path is excluded when it or one of its parent folders matches the last matching rule.
    QStringList prefixes;
    const QStringList parts = relPath.split(QLatin1Char('/'));
    QString acc;
    for (const QString& p : parts) {
        acc = acc.isEmpty() ? p : acc + QLatin1Char('/') + p;
        prefixes << acc;
    }
    for (const IgnoreRule& r : rules)
        for (const QString& p : prefixes)
            if (r.rx.match(p).hasMatch()) {
                out = !r.negate;
                break;
            }
    return out;
}

} // namespace

DockerfileInfo DockerfileInfo::parse(const QByteArray& text) {
    DockerfileInfo info;
    info.lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    const QList<Instruction> ins = instructions(info.lines);
    for (const Instruction& in : ins) {
        if (in.keyword == QLatin1String("FROM")) {
            if (!info.stages.isEmpty())
                info.stages.last().endLine = in.line;
            DockerfileStage s;
            QStringList words = in.rest.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
            words.erase(std::remove_if(words.begin(), words.end(),
                                       [](const QString& w) { return w.startsWith(QLatin1String("--")); }),
                        words.end());
            s.from = words.value(0);
            if (words.size() >= 3 && words.at(1).compare(QLatin1String("AS"), Qt::CaseInsensitive) == 0)
                s.name = words.at(2);
            else
                s.name = QStringLiteral("stage-%1").arg(info.stages.size());
            s.parent = info.stageIndex(s.from);
            s.firstLine = in.line;
            if (s.parent < 0)
                s.countedSteps = 1;
            info.stages.append(s);
            continue;
        }
        if (info.stages.isEmpty()) {
            if (in.keyword == QLatin1String("ARG"))
                info.globalArgNames << in.rest.section(QLatin1Char('='), 0, 0).trimmed();
            continue;
        }
        DockerfileStage& s = info.stages.last();
        if (in.keyword == QLatin1String("ARG")) {
            s.argNames << in.rest.section(QLatin1Char('='), 0, 0).trimmed();
        } else if (in.keyword == QLatin1String("COPY") || in.keyword == QLatin1String("ADD")) {
            ++s.countedSteps;
            bool other = false;
            QStringList ops = operands(in.rest, &other);
            if (!other && ops.size() >= 2) {
                ops.removeLast(); // destination
                for (const QString& src : ops)
                    if (!src.contains(QLatin1String("://")))
                        s.contextSources << src;
            }
        } else if (in.keyword == QLatin1String("RUN") || in.keyword == QLatin1String("WORKDIR")) {
            ++s.countedSteps;
        }
    }
    if (!info.stages.isEmpty())
        info.stages.last().endLine = int(info.lines.size());
    return info;
}

int DockerfileInfo::stageIndex(const QString& name) const {
    for (int i = 0; i < stages.size(); ++i)
        if (stages.at(i).name == name)
            return i;
    return -1;
}

QList<int> DockerfileInfo::chain(int stageIndex) const {
    QList<int> out;
    QSet<int> seen;
    for (int i = stageIndex; i >= 0 && i < stages.size() && !seen.contains(i); i = stages.at(i).parent) {
        seen.insert(i);
        out.prepend(i);
    }
    return out;
}

QByteArray DockerfileInfo::textUpTo(int stageIndex) const {
    if (stageIndex < 0 || stageIndex >= stages.size())
        return {};
    return lines.mid(0, stages.at(stageIndex).endLine).join(QLatin1Char('\n')).toUtf8();
}

int DockerfileInfo::countedStepsFor(int stageIndex) const {
    int n = 0;
    for (int i : chain(stageIndex))
        n += stages.at(i).countedSteps;
    return n;
}

QStringList contextFiles(const QString& contextDir, const QStringList& sources) {
    const QDir root(contextDir);
    const QList<IgnoreRule> rules = ignoreRules(contextDir);
    QSet<QString> files;
    for (const QString& source : sources) {
        QString src = QDir::cleanPath(source);
        while (src.startsWith(QLatin1String("./")))
            src = src.mid(2);
        if (src == QLatin1String("."))
            src.clear();
        QStringList matches;
        if (src.contains(QLatin1Char('*')) || src.contains(QLatin1Char('?'))) {
            const QFileInfo fi(root.filePath(src));
            const QDir dir(fi.path());
            for (const QString& name :
                 dir.entryList({fi.fileName()}, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
                matches << root.relativeFilePath(dir.filePath(name));
        } else {
            matches << src;
        }
        for (const QString& m : matches) {
            const QFileInfo fi(m.isEmpty() ? contextDir : root.filePath(m));
            if (fi.isDir() && !fi.isSymLink()) {
                QDirIterator it(fi.filePath(),
                                QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                                QDirIterator::Subdirectories);
                while (it.hasNext()) {
                    const QString rel = root.relativeFilePath(it.next());
                    if (!ignored(rules, rel))
                        files.insert(rel);
                }
            } else if (fi.exists() || fi.isSymLink()) {
                const QString rel = root.relativeFilePath(fi.filePath());
                if (!ignored(rules, rel))
                    files.insert(rel);
            }
        }
    }
    QStringList out(files.begin(), files.end());
    out.sort();
    return out;
}

util::Result<QString> stageInputHash(const DockerfileInfo& info, int stageIndex, const BuildArgs& buildArgs,
                                     const QString& contextDir) {
    if (stageIndex < 0 || stageIndex >= info.stages.size())
        return util::Error::make(util::ErrorCode::InvalidArgument,
                                 Text::tr("No such stage in the Dockerfile (index %1).").arg(stageIndex));
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData("dockerfile\n");
    h.addData(info.textUpTo(stageIndex));
    // Build arguments count only when the text up to this stage declares them: a later stage's ARG
    // (TARGETS for with-targets) must not change the hash of the stages before it.
    QSet<QString> declared(info.globalArgNames.begin(), info.globalArgNames.end());
    for (int i = 0; i <= stageIndex; ++i)
        for (const QString& a : info.stages.at(i).argNames)
            declared.insert(a);
    BuildArgs args;
    for (const auto& a : buildArgs)
        if (declared.contains(a.first))
            args.append(a);
    std::stable_sort(args.begin(), args.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    h.addData("\nargs\n");
    for (const auto& a : args)
        h.addData((a.first + QLatin1Char('=') + a.second + QLatin1Char('\n')).toUtf8());
    QStringList sources;
    for (int i : info.chain(stageIndex))
        sources += info.stages.at(i).contextSources;
    h.addData("files\n");
    const QDir root(contextDir);
    for (const QString& rel : contextFiles(contextDir, sources)) {
        const QFileInfo fi(root.filePath(rel));
        h.addData((rel + QLatin1Char(' ') + QString::number(int(fi.permissions()), 16) + QLatin1Char(' '))
                      .toUtf8());
        if (fi.isSymLink()) {
            h.addData(("-> " + fi.symLinkTarget()).toUtf8());
        } else {
            QFile f(fi.filePath());
            if (!f.open(QIODevice::ReadOnly))
                return util::Error::make(util::ErrorCode::Io,
                                         Text::tr("Cannot read %1 from the build context.").arg(rel),
                                         Text::tr("Check the file's permissions."));
            QCryptographicHash fh(QCryptographicHash::Sha256);
            fh.addData(&f);
            h.addData(fh.result().toHex());
        }
        h.addData("\n");
    }
    return QString::fromLatin1(h.result().toHex());
}

} // namespace sagedock::imagebuild
