#pragma once
// The pieces of planning from a checkout's tox environment that need no process: which of the
// environment's commands go through the planning pass (they call docker), the planning `docker`
// shim and the calls it recorded, the stages those calls make, and the files the planning pass may
// touch in tox's work folder (restored afterwards). The Planner runs the commands; this turns what
// they did into a BuildPlan. Pure functions.
// Usage:
//   if (callsDocker(argv)) { /* run with planningShimScript() first on PATH */ }
//   auto calls = parsePlanningCalls(bytesOfTheCallsFile);
//   if (auto e = applyDockerCalls(plan, calls.value())) fail(e);

#include "imagebuild/buildplan.h"
#include "util/error.h"

#include <QMap>
#include <optional>

namespace sagedock::imagebuild {

// True when the command runs docker: argv[0] is docker, or a shell's script (`bash -c SCRIPT`) has
// the word docker as a command. Such commands run in the planning pass; everything else (the
// Dockerfile generator, other tools) runs for real.
bool callsDocker(const QStringList& argv);

// The planning `docker`: a bash script that appends its call (argument count, DOCKER_BUILDKIT as the
// loop set it, the arguments; NUL-separated) to the file "calls" beside itself and exits 0.
QByteArray planningShimScript();

struct PlannedDockerCall {
    QStringList argv;                      // after `docker`
    std::optional<QString> dockerBuildkit; // DOCKER_BUILDKIT in the call's environment
};
util::Result<QList<PlannedDockerCall>> parsePlanningCalls(const QByteArray& data);

// The first executable `program` in a PATH value ("" when none); a program with a '/' is itself.
QString findOnPath(const QString& program, const QString& path);

// Fills plan.stages (one per `docker build`, its argv verbatim, the pushes after it) and
// plan.toxPreCommands (docker calls before the first build) from the planning pass's calls; a
// `docker run` of the image just built (tox's log copy) is dropped. Relative paths are taken from
// plan.contextDir. Refuses other docker calls between builds.
util::Error applyDockerCalls(BuildPlan& plan, const QList<PlannedDockerCall>& calls);

// The regular files directly in `dirs` with their sizes: what the planning pass must leave as it
// found (tox's loop appends to {toxworkdir}/Dockertags). restoreFiles truncates files that grew back
// to their size and removes files that were not there.
using FileSizes = QMap<QString, qint64>;
FileSizes snapshotFiles(const QStringList& dirs);
void restoreFiles(const QStringList& dirs, const FileSizes& before);

} // namespace sagedock::imagebuild
