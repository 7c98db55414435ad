#pragma once
// What a Sage source checkout tells the planner: its version (src/VERSION.txt, else VERSION.txt's
// "SageMath version X, Release Date: ...") and where that version keeps write-dockerfile.sh:
// .github/workflows/ (10.8+), .ci/ (10.x before 10.8), build/bin/ (9.x). Reads two small files.
// Usage:
//   auto src = imagebuild::SageSource::detect(dir);
//   if (!src.ok()) show(src.error()); else use(src->version, src->generator);

#include "util/error.h"

#include <QString>

namespace sagedock::imagebuild {

struct SageSource {
    QString root;                        // absolute SAGE_ROOT
    QString version;                     // "10.9.beta3"
    int major = 0, minor = 0;            // 10, 9
    QString generator;                   // relative path of write-dockerfile.sh
    bool generatorAtExpectedPath = true; // false: found elsewhere than the version says

    static util::Result<SageSource> detect(const QString& directory);
    // The generator path a version uses (relative to SAGE_ROOT).
    static QString generatorPathFor(int major, int minor);
    bool isLegacyToxLoop() const { return major > 0 && major < 10; } // 9.x: tox passes more --build-args
};

} // namespace sagedock::imagebuild
