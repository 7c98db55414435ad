#include "registryserver.h"

#include "testenvironment.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>

namespace sagedock::testsupport {

int freeLoopbackPort() {
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

RegistryServer::RegistryServer(QString listenHost)
    : m_listenHost(std::move(listenHost)) {}

RegistryServer::~RegistryServer() {
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000))
            m_process->kill();
        m_process->waitForFinished(2000);
    }
}

bool RegistryServer::start(QString* why) {
    const QString binary = QStandardPaths::findExecutable(QStringLiteral("docker-registry"));
    if (binary.isEmpty()) {
        *why = QStringLiteral(
            "docker-registry is not installed: apt-get install docker-registry (scripts/test does)");
        return false;
    }
    const int port = freeLoopbackPort();
    m_address = QStringLiteral("127.0.0.1:%1").arg(port);
    const QString config = m_dir.filePath(QStringLiteral("config.yml"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly)) {
        *why = QStringLiteral("cannot write %1").arg(config);
        return false;
    }
    file.write(QStringLiteral(
                   "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %1/data\n"
                   "  delete:\n    enabled: true\nhttp:\n  addr: %2\n")
                   .arg(m_dir.path(), QStringLiteral("%1:%2").arg(m_listenHost).arg(port))
                   .toUtf8());
    file.close();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->start(binary, {QStringLiteral("serve"), config});
    if (!m_process->waitForStarted(5000)) {
        *why = QStringLiteral("docker-registry did not start: %1").arg(m_process->errorString());
        return false;
    }
    http::Request ping;
    ping.url = QUrl(QStringLiteral("http://%1/v2/").arg(m_address));
    ping.retry.maxAttempts = 1;
    ping.connectTimeoutMs = 500;
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        if (fetch(ping, 2000).status == 200)
            return true;
        QThread::msleep(50); // process start-up poll; not a test synchronisation
    }
    *why = QStringLiteral("docker-registry at %1 did not answer within 10 s").arg(m_address);
    return false;
}

} // namespace sagedock::testsupport
