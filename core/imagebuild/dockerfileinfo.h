#pragma once
// Just enough Dockerfile understanding for planning: the stages in order (FROM ... AS name, the stage
// each builds on), the ARG names in scope, the COPY/ADD sources taken from the build context, and
// how many steps BuildKit will count. Plus the input hash of a stage: Dockerfile text up to the end of
// that stage, the build arguments it declares, and checksums of the context files its chain copies —
// the key under which "skip what exists" looks a stage up.
// Usage:
//   auto info = imagebuild::DockerfileInfo::parse(text);
//   int k = info.stageIndex(u"with-targets"_s);
//   QString h = imagebuild::stageInputHash(info, k, buildArgs, contextDir);   // blocking: reads files

#include "util/error.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace sagedock::imagebuild {

using BuildArgs = QList<QPair<QString, QString>>; // in command-line order

struct DockerfileStage {
    QString name;      // AS name, or "stage-<index>" like BuildKit when unnamed
    QString from;      // the FROM operand as written ("${BASE_IMAGE}", "with-system-packages")
    int parent = -1;   // index of the stage it builds on, -1 for an external image
    int firstLine = 0; // 0-based line of the FROM
    int endLine = 0;   // one past the stage's last line
    QStringList argNames;
    QStringList contextSources; // COPY/ADD sources from the context (no --from, no URLs)
    int countedSteps = 0;       // RUN, COPY, ADD, WORKDIR (+1 for FROM on an external image)
};

struct DockerfileInfo {
    QStringList lines;
    QStringList globalArgNames; // ARGs before the first FROM
    QList<DockerfileStage> stages;

    static DockerfileInfo parse(const QByteArray& text);
    int stageIndex(const QString& name) const; // -1 if absent
    QList<int> chain(int stageIndex) const;    // ancestors first, ending with stageIndex
    QByteArray textUpTo(int stageIndex) const; // lines [0, stage.endLine)
    int countedStepsFor(int stageIndex) const; // what BuildKit counts for `--target` that stage
};

// sha256 hex of the stage's inputs (see header comment). Reads context files: call off the UI thread.
util::Result<QString> stageInputHash(const DockerfileInfo& info, int stageIndex, const BuildArgs& buildArgs,
                                     const QString& contextDir);

// Relative paths (sorted) of the context files `sources` name, honouring .dockerignore's simple patterns.
QStringList contextFiles(const QString& contextDir, const QStringList& sources);

} // namespace sagedock::imagebuild
