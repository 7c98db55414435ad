#pragma once
// A build as the text people read — the same in the Builds page and `sagedock-cli build`: the plan
// preview (the working directory, the Sage Dockerfile generator, then per stage the exact docker
// build and push lines) and one stage's outcome.
// Usage:
//   io.out << imagebuild::previewCommands(plan, caps).join(u'\n');
//   preview->setPlainText(imagebuild::previewPreamble(plan).join(u'\n')); // then the commands as run

#include "imagebuild/buildplan.h"
#include "imagebuild/buildrecord.h"

#include <QStringList>

namespace sagedock::imagebuild {

// What precedes the stage commands: `cd <context>`, and for Sage the generator's command line.
QStringList previewPreamble(const BuildPlan& plan);
// The preamble, then each stage's docker build line and its push lines.
QStringList previewCommands(const BuildPlan& plan, const CliCapabilities& caps);
// "configured: built (12 steps, 3 cached, 9 executed, 41.0 s)" and indented details (first executed
// step and why, cache imports, note).
QString stageSummary(const StageResult& result);

} // namespace sagedock::imagebuild
