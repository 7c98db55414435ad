#pragma once
// A private `docker-registry serve` (distribution 2.8) on a free loopback port, with its storage
// in a temporary folder. Stopped (by its own pid) when the object goes away. `listenHost` "0.0.0.0"
// makes it answer on this machine's other addresses too (plain HTTP off loopback); address() stays
// the loopback one, for seeding.

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace sagedock::testsupport {

class RegistryServer {
public:
    explicit RegistryServer(QString listenHost = QStringLiteral("127.0.0.1"));
    ~RegistryServer();
    // Starts and waits until GET /v2/ answers. Returns false and sets *why on failure.
    bool start(QString* why);
    QString address() const { return m_address; } // "127.0.0.1:PORT"
    int port() const { return m_address.section(QLatin1Char(':'), -1).toInt(); }
    QString storageDir() const { return m_dir.path(); }

private:
    QString m_listenHost;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_address;
};

int freeLoopbackPort();

} // namespace sagedock::testsupport
