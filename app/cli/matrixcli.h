#pragma once
// Shared by `tags`, `resolve` and `matrix`: the services' registry client (configured like the GUI's:
// settings, extra CA, cache directory, docker credentials) and the option parsing for matrix selections.
// Usage:
//   auto client = cli::registryClient(parser.isSet("offline"), io);
//   auto request = cli::matrixRequestFromOptions(parser);   // Result<MatrixRequest>, usage errors

#include "matrix/matrixrequest.h"
#include "matrix/snapshot.h"
#include "registry/registryclient.h"
#include "util/error.h"

#include <QCommandLineParser>
#include <QStringList>

#include <memory>

namespace sagedock::cli {

struct Io;

// The services' registry client, set to answer from the cache only when `offline`.
// A bad Extra CA certificates setting is told once on stderr (a warning: the system's CAs still work).
std::shared_ptr<registry::Client> registryClient(bool offline, Io& io);

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
