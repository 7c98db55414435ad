#pragma once
// Host ports for Jupyter: 8888 or the next one nobody listens on. Checked by binding, which sees
// docker-proxy and any other process; the Launcher still retries on "port is already allocated".
// Usage: int port = launch::findFreePort(QStringLiteral("127.0.0.1"), 8888);

#include <QSet>
#include <QString>

#include <functional>

namespace sagedock::launch {

bool isPortFree(const QString& address, int port);
// Answers "is this port free?"; isPortFree unless a caller substitutes its own (see LaunchOptions).
using PortProbe = std::function<bool(const QString& address, int port)>;
// The first free port in [start, start + span); 0 when none is.
int findFreePort(const QString& address, int start, const QSet<int>& skip = {}, int span = 100,
                 const PortProbe& probe = {});

} // namespace sagedock::launch
