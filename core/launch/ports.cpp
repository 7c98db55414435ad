#include "launch/ports.h"

#include <QHostAddress>
#include <QTcpServer>

namespace sagedock::launch {

bool isPortFree(const QString& address, int port) {
    if (port <= 0 || port > 65535)
        return false;
    QTcpServer probe;
    // Publishing on 0.0.0.0 conflicts with a listener on any address, so probe the wildcard then.
    const QHostAddress host =
        address == QLatin1String("0.0.0.0") ? QHostAddress(QHostAddress::AnyIPv4) : QHostAddress(address);
    return probe.listen(host, quint16(port));
}

int findFreePort(const QString& address, int start, const QSet<int>& skip, int span, const PortProbe& probe) {
    for (int port = start; port < start + span && port <= 65535; ++port)
        if (!skip.contains(port) && (probe ? probe(address, port) : isPortFree(address, port)))
            return port;
    return 0;
}

} // namespace sagedock::launch
