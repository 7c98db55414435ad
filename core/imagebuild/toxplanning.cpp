#include "imagebuild/toxplanning.h"

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
using util::Error;

// The value of option `name` (long `--name V` / `--name=V`, or the short form) at argv[i], if any.
std::optional<QString> optionValue(const QStringList& argv, qsizetype& i, const QString& longName,
                                   const QString& shortName = {}) {
    const QString& a = argv.at(i);
    if ((a == longName || (!shortName.isEmpty() && a == shortName)) && i + 1 < argv.size())
        return argv.at(++i);
    if (a.startsWith(longName + QLatin1Char('=')))
        return a.mid(longName.size() + 1);
    return std::nullopt;
}

// "host:5000/a/b:tag" -> ("host:5000/a/b", "tag"); no tag -> (ref, "latest").
QPair<QString, QString> splitRef(const QString& ref) {
    const qsizetype slash = ref.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = ref.lastIndexOf(QLatin1Char(':'));
    if (colon > slash)
        return {ref.left(colon), ref.mid(colon + 1)};
    return {ref, QStringLiteral("latest")};
}
} // namespace

bool callsDocker(const QStringList& argv) {
    QStringList words = argv;
    if (!words.isEmpty() && words.first() == QLatin1String("-")) // tox's "ignore the exit code"
        words.removeFirst();
    if (words.isEmpty())
        return false;
    if (QFileInfo(words.first()).fileName() == QLatin1String("docker"))
        return true;
    // A shell script mentions docker as a command word: `docker build`, `; docker push`, `| docker`.
    // Names that only contain the word (write-dockerfile.sh, Dockerfile, sage-docker-..., $DOCKER_X)
    // do not count, so the generator line (which writes .tox/ENV/Dockerfile) runs for real.
    static const QRegularExpression word(QStringLiteral("(^|[\\s;&|(`=])docker(\\s|$)"));
    static const QStringList shells{QStringLiteral("bash"), QStringLiteral("sh"), QStringLiteral("dash"),
                                    QStringLiteral("zsh")};
    if (!shells.contains(QFileInfo(words.first()).fileName()))
        return false;
    for (qsizetype i = 1; i < words.size(); ++i)
        if (word.match(words.at(i)).hasMatch())
            return true;
    return false;
}

QByteArray planningShimScript() {
    // $0 is the shim's own path (found through PATH), so no variable of ours enters the loop's
    // environment. DOCKER_BUILDKIT is recorded as "<0 unset | 1 set><value>".
    return QByteArrayLiteral("#!/bin/bash\n"
                             "# SageDock's planning docker: records the call, contacts no engine.\n"
                             "if [ \"${DOCKER_BUILDKIT+set}\" = set ]; then bk=\"1$DOCKER_BUILDKIT\"; "
                             "else bk=0; fi\n"
                             "printf '%s\\0' \"$#\" \"$bk\" \"$@\" >> \"${0%/*}/calls\" || exit 125\n"
                             "exit 0\n");
}

util::Result<QList<PlannedDockerCall>> parsePlanningCalls(const QByteArray& data) {
    QList<QByteArray> fields = data.split('\0');
    if (!fields.isEmpty() && fields.last().isEmpty())
        fields.removeLast(); // after the last terminator
    QList<PlannedDockerCall> calls;
    qsizetype i = 0;
    while (i < fields.size()) {
        bool ok = false;
        const int n = fields.at(i).toInt(&ok);
        if (!ok || n < 0 || i + 2 + n > fields.size())
            return Error::make(util::ErrorCode::Parse,
                               Text::tr("The planning pass left an unreadable record."));
        PlannedDockerCall call;
        const QByteArray bk = fields.at(i + 1);
        if (bk.startsWith('1'))
            call.dockerBuildkit = QString::fromUtf8(bk.mid(1));
        for (int k = 0; k < n; ++k)
            call.argv << QString::fromUtf8(fields.at(i + 2 + k));
        calls << call;
        i += 2 + n;
    }
    return calls;
}

QString findOnPath(const QString& program, const QString& path) {
    if (program.contains(QLatin1Char('/')))
        return program;
    for (const QString& dir : path.split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
        const QFileInfo fi(QDir(dir).filePath(program));
        if (fi.isFile() && fi.isExecutable())
            return fi.absoluteFilePath();
    }
    return {};
}

Error applyDockerCalls(BuildPlan& plan, const QList<PlannedDockerCall>& calls) {
    const QDir cwd(plan.contextDir);
    for (const PlannedDockerCall& call : calls) {
        const QStringList& argv = call.argv;
        const QString verb = argv.value(0);
        const bool build = verb == QLatin1String("build") ||
                           ((verb == QLatin1String("buildx") || verb == QLatin1String("image")) &&
                            argv.value(1) == QLatin1String("build"));
        if (build) {
            PlannedStage st;
            st.toxBuildArgv = argv;
            st.toxDockerBuildkit = call.dockerBuildkit;
            QString dockerfile;
            BuildArgs args;
            for (qsizetype i = 1; i < argv.size(); ++i) {
                if (auto v = optionValue(argv, i, QStringLiteral("--target")))
                    st.name = *v;
                else if (auto v = optionValue(argv, i, QStringLiteral("--tag"), QStringLiteral("-t"))) {
                    const auto [image, tag] = splitRef(*v);
                    if (st.image.isEmpty())
                        st.image = image;
                    if (image == st.image)
                        st.tags << tag;
                    st.toxTagRefs << *v;
                } else if (auto v = optionValue(argv, i, QStringLiteral("--file"), QStringLiteral("-f")))
                    dockerfile = *v;
                else if (auto v = optionValue(argv, i, QStringLiteral("--build-arg"))) {
                    const qsizetype eq = v->indexOf(QLatin1Char('='));
                    args << qMakePair(eq < 0 ? *v : v->left(eq), eq < 0 ? QString() : v->mid(eq + 1));
                }
            }
            if (st.name.isEmpty())
                st.name = QStringLiteral("stage-%1").arg(plan.stages.size() + 1);
            if (plan.stages.isEmpty()) {
                plan.dockerfilePath = QDir::cleanPath(
                    cwd.absoluteFilePath(dockerfile.isEmpty() ? QStringLiteral("Dockerfile") : dockerfile));
                plan.buildArgs = args;
                plan.tag = st.tags.value(0);
                plan.extraTags = st.tags.mid(1);
            }
            plan.stages << st;
            continue;
        }
        if (plan.stages.isEmpty()) {
            // Before the first build (e.g. registering binfmt handlers for i386): run as it is.
            plan.toxPreCommands << argv;
            continue;
        }
        PlannedStage& last = plan.stages.last();
        if (verb == QLatin1String("push") && argv.size() == 2) {
            last.toxPushRefs << argv.at(1);
            continue;
        }
        // tox's loop copies the installed-package list out of the image it just built: a log aid,
        // not part of the image (SageDock's log and history keep what a build did).
        if (verb == QLatin1String("run") &&
            std::any_of(argv.begin() + 1, argv.end(),
                        [&last](const QString& a) { return last.toxTagRefs.contains(a); }))
            continue;
        return Error::make(util::ErrorCode::InvalidArgument,
                           Text::tr("The tox environment runs \"docker %1\" between builds, which SageDock "
                                    "does not run.")
                               .arg(argv.join(QLatin1Char(' '))),
                           Text::tr("Run this environment with tox itself."));
    }
    return {};
}

FileSizes snapshotFiles(const QStringList& dirs) {
    FileSizes sizes;
    for (const QString& d : dirs)
        for (const QFileInfo& fi : QDir(d).entryInfoList(QDir::Files | QDir::Hidden))
            sizes.insert(fi.absoluteFilePath(), fi.size());
    return sizes;
}

void restoreFiles(const QStringList& dirs, const FileSizes& before) {
    for (const QString& d : dirs)
        for (const QFileInfo& fi : QDir(d).entryInfoList(QDir::Files | QDir::Hidden)) {
            const QString path = fi.absoluteFilePath();
            if (!before.contains(path))
                QFile::remove(path);
            else if (fi.size() > before.value(path))
                QFile::resize(path, before.value(path));
        }
}

} // namespace sagedock::imagebuild
