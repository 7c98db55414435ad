#pragma once
// Shared by `tags`, `resolve` and `matrix`: a registry client configured like the GUI's (settings,
// cache directory, docker credentials) and the option parsing for matrix selections.
// Usage:
//   auto client = cli::makeRegistryClient(parser.isSet("offline"));
//   auto request = cli::matrixRequestFromOptions(parser);   // Result<MatrixRequest>, usage errors

#include "matrix/matrixrequest.h"
#include "matrix/snapshot.h"
#include "registry/registryclient.h"
#include "util/error.h"

#include <QCommandLineParser>
#include <QStringList>

#include <memory>

namespace sagedock::cli {

std::unique_ptr<registry::Client> makeRegistryClient(bool offline);

// "a,b, c" → {"a","b","c"}; empty parts dropped.
QStringList splitList(const QStringList& values);

// Adds --repo, --systems, --all-known, --release, --packages, --stages, --offline, --concurrency.
void addSelectionOptions(QCommandLineParser& parser, bool withTag);
// Reads them; usage errors (conflicting or invalid options) come back as InvalidArgument.
util::Result<matrix::MatrixRequest> matrixRequestFromOptions(const QCommandLineParser& parser);
int concurrencyOption(const QCommandLineParser& parser); // 0 = default

// Runs a matrix::RefreshJob to completion and hands back the snapshot (or the refresh error).
void runMatrix(registry::Client& client, const matrix::MatrixRequest& request, int concurrency,
               std::function<void(const matrix::Snapshot&, const util::Error&)> done);

} // namespace sagedock::cli
