#pragma once
// A reviewer's query turned into the tag Sage's CI would have pushed (sage-images.md §1.3):
//   "41000", "#41000", "pull/41000" → PR    → tag "41000-merge"
//   "u/jdoe/fix matrix!"             → ref   → tag "u-jdoe-fixmatrix-" (sanitized like docker.yml)
//   "10.8.beta6", "dev"              → tag   (already a valid tag)
//   "ghcr.io/…/sage-…-configured:dev" → image (a full reference; the tag is its tag)
// Usage:
//   auto q = reference::Query::resolve(u"41000"_s);
//   q->tag;   // "41000-merge"

#include "reference/imagereference.h"
#include "reference/sagename.h"
#include "util/error.h"

#include <QString>

#include <optional>

namespace sagedock::reference {

struct Query {
    enum class Kind { PullRequest, Ref, Tag, Image };

    Kind kind = Kind::Tag;
    QString text;                     // as given (trimmed)
    QString tag;                      // the tag to look for
    int pullRequest = 0;              // PullRequest only
    ImageReference image;             // Image only
    std::optional<SageName> sageName; // Image only, when the repository is a Sage CI stage image
    // Repository prefix the image lives under ("ghcr.io/sagemath/sage/"); Image with a Sage name only.
    QString repositoryPrefix;

    static util::Result<Query> resolve(const QString& text);
    // docker.yml's EXTRA_DOCKER_TAGS rule: drop white space, characters outside [A-Za-z0-9_.-] → '-',
    // strip leading '.' and '-', cut to 128 characters.
    static QString sanitizeRef(const QString& ref);
    static QString kindName(Kind kind); // "pull-request", "ref", "tag", "image"
};

} // namespace sagedock::reference
