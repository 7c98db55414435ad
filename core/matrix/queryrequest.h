#pragma once
// Use case: a reviewer's resolved query → the matrix request that finds its platform images. Shared
// by `sagedock-cli resolve` and the Review page, so both ask the same question.
// The request looks for the query's tag. A Sage CI stage image also brings its own repository
// prefix, package set (with modifiers) and system, each unless the caller chose that part itself.
// Usage:
//   matrix::QuerySelection selection;
//   selection.base.repositoryPrefix = settings.matrixRepository();
//   auto request = matrix::matrixRequestForQuery(query.value(), selection);
//   if (request.ok()) service.refresh(request.value());

#include "matrix/matrixrequest.h"
#include "reference/query.h"
#include "util/error.h"

namespace sagedock::matrix {

struct QuerySelection {
    MatrixRequest base{};          // prefix, systems, packages, stages chosen so far (tag is replaced)
    bool repositoryChosen = false; // the caller named the prefix: the image's own does not replace it
    bool packagesChosen = false;   // ... the package sets
    bool systemsChosen = false;    // ... the system list: the image's system is not added
};

// InvalidArgument when the query names an image that is not a Sage CI stage image, or when the
// resulting request would not validate.
util::Result<MatrixRequest> matrixRequestForQuery(const reference::Query& query,
                                                  const QuerySelection& selection);

} // namespace sagedock::matrix
