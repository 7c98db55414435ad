#pragma once
// What a matrix refresh asks for: a repository prefix, a tag, and systems × package sets × stages.
// Usage:
//   matrix::MatrixRequest r{.repositoryPrefix = "ghcr.io/sagemath/sage/", .tag = "dev"};
//   r = r.normalized();                      // catalog defaults filled in, stages in build order
//   if (util::Error e = r.validate()) reportUsage(e);

#include "util/error.h"

#include <QString>
#include <QStringList>

namespace sagedock::matrix {

struct MatrixRequest {
    QString repositoryPrefix; // "ghcr.io/sagemath/sage/"; a missing trailing '/' is added
    QString tag = QStringLiteral("dev");
    QStringList systems;  // rows, in this order (per package set)
    QStringList packages; // "standard", "minimal", or with modifiers: "standard-sitepackages"
    QStringList stages;   // sorted into build order; empty = the five stages CI publishes

    // The request with defaults filled in (bundled catalog: CI systems, CI package sets, published stages).
    MatrixRequest normalized() const;
    // Why the request cannot run (bad prefix, tag, stage or package set), or a null Error.
    util::Error validate() const;
    // "<prefix>sage-<system>-<packages>-<stage>" (no tag).
    QString repositoryFor(const QString& system, const QString& packages, const QString& stage) const;
};

} // namespace sagedock::matrix
