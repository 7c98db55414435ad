#pragma once
// dockerd's insecure-registries, for the plain-HTTP fallback: entries come from the preference
// (registry/insecure) and from Docker's daemon.json ("insecure-registries"), each a host, a host:port
// or a CIDR (10.0.0.0/8, fd00::/8). Loopback is always allowed, as dockerd's built-in 127.0.0.0/8.
// Usage:
//   const QStringList entries = settings.insecureRegistries() + readDaemonInsecureRegistries(
//       dockerDaemonJsonPaths()); // blocking file reads: on a worker thread
//   if (isInsecureRegistry(entries, QStringLiteral("10.1.2.3:5000"))) ...

#include "util/error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace sagedock::registry {

// True when plain HTTP may reach `hostPort` (host[:port], IPv6 in brackets): loopback, an entry
// naming host:port exactly or the host alone (any port), or a CIDR entry holding the host's IP
// address. Host names are not resolved against CIDRs (dockerd does; a lookup would block, and a name
// that resolves into a trusted network is no proof the answer came from it).
bool isInsecureRegistry(const QStringList& entries, const QString& hostPort);

// The "insecure-registries" array of a daemon.json text; "http://" or "https://" in front of an
// entry and a trailing '/' are dropped, as dockerd does. An error when the text is not a JSON object.
util::Result<QStringList> insecureRegistriesFromDaemonJson(const QByteArray& json);

// $SAGEDOCK_DAEMON_JSON alone when set (tests, admins), else /etc/docker/daemon.json and the rootless
// $XDG_CONFIG_HOME/docker/daemon.json (~/.config/docker/daemon.json).
QStringList dockerDaemonJsonPaths();

// The entries of all files that exist, each read with util::readUserFile (size-capped; a FIFO or a
// device is refused); a missing file counts as empty, a broken one is logged and skipped. Blocking:
// call it on a worker thread.
QStringList readDaemonInsecureRegistries(const QStringList& paths);

} // namespace sagedock::registry
