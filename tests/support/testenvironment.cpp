#include "testenvironment.h"

#include "http/transport.h"
#include "registryserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>

#include <memory>

#include <unistd.h>

namespace sagedock::testsupport {

QString dockerSocket() {
    const QString host = qEnvironmentVariable("DOCKER_HOST");
    if (host.startsWith(QLatin1String("unix://")))
        return host.mid(7);
    return QStringLiteral("/var/run/docker.sock");
}

http::Response fetch(const http::Request& request, int timeoutMs) {
    static http::Transport engine; // private to tests: never the app's shared engine
    std::unique_ptr<http::Reply> reply(engine.send(request));
    if (!reply->isFinished()) {
        QSignalSpy spy(reply.get(), &http::Reply::finished);
        spy.wait(timeoutMs);
    }
    if (!reply->isFinished()) {
        http::Response timedOut;
        timedOut.error = util::Error::make(util::ErrorCode::Timeout, QStringLiteral("test fetch timed out"));
        return timedOut;
    }
    return reply->response();
}

bool engineAnswers(QString* why) {
    const QString socket = dockerSocket();
    if (!QFileInfo::exists(socket)) {
        *why = QStringLiteral(
                   "No Docker engine: %1 does not exist. Run the tests through scripts/test, which starts "
                   "dockerd, or start it yourself (sudo dockerd &).")
                   .arg(socket);
        return false;
    }
    http::Request ping;
    ping.url = QUrl(QStringLiteral("http://localhost/_ping"));
    ping.unixSocket = socket;
    ping.retry.maxAttempts = 1;
    const http::Response r = fetch(ping, 10000);
    if (r.status != 200) {
        *why = QStringLiteral(
                   "The Docker engine at %1 does not answer /_ping (%2). Start dockerd or fix DOCKER_HOST.")
                   .arg(socket, r.error ? r.error.toString() : QString::number(r.status));
        return false;
    }
    return true;
}

QString registryAddress(QString* why) {
    const QString fromEnv = qEnvironmentVariable("SAGEDOCK_TEST_REGISTRY");
    if (!fromEnv.isEmpty())
        return fromEnv;
    static std::unique_ptr<RegistryServer> server;
    static QString failure;
    if (!server && failure.isEmpty()) {
        server = std::make_unique<RegistryServer>();
        if (!server->start(&failure))
            server.reset();
        else
            qAddPostRoutine([] { server.reset(); }); // stop it by pid before the process ends
    }
    if (!server) {
        if (why)
            *why = failure;
        return {};
    }
    return server->address();
}

QString fixtureImage(const QString& name) {
    return QStringLiteral("sagedock-fixture/%1:latest").arg(name);
}

QStringList sageStages() {
    return {QStringLiteral("with-system-packages"), QStringLiteral("bootstrapped"),
            QStringLiteral("configured"),           QStringLiteral("with-base-toolchain"),
            QStringLiteral("with-targets-pre"),     QStringLiteral("with-targets"),
            QStringLiteral("with-targets-optional")};
}

QByteArray containersLabelled(const QString& label) {
    QByteArray ids;
    runDocker({QStringLiteral("ps"), QStringLiteral("-aq"), QStringLiteral("--filter"),
               QStringLiteral("label=") + label},
              &ids);
    return ids.trimmed();
}

QProcessEnvironment otherUserEnvironment(const QString& home) {
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home);
    env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + dockerSocket());
    return env;
}

FaultyFolder::FaultyFolder(const QString& kind, const QString& dir)
    : m_path(dir + QStringLiteral("/Meine Übungen ∑ 数学")) {
    if (kind == QLatin1String("file")) {
        QFile file(m_path);
        if (!file.open(QIODevice::WriteOnly) || file.write("my notes\n") != 9)
            m_error = QStringLiteral("cannot write ") + m_path;
    } else if (kind == QLatin1String("link-root")) {
        if (!QFile::link(QStringLiteral("/"), m_path))
            m_error = QStringLiteral("cannot make the symlink ") + m_path;
    } else if (kind == QLatin1String("home")) {
        m_path = QDir::homePath();
    } else if (kind == QLatin1String("read-only")) {
        const QString mount = dir + QStringLiteral("/ro");
        if (::geteuid() != 0) {
            m_error =
                QStringLiteral("mounting a read-only file system needs root (CI runs the tests as root)");
        } else if (!QDir().mkpath(mount) ||
                   QProcess::execute(QStringLiteral("mount"),
                                     {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                      QStringLiteral("ro,size=1m"), QStringLiteral("tmpfs"), mount}) != 0) {
            m_error = QStringLiteral("mount -t tmpfs -o ro failed on ") + mount;
        } else {
            m_mount = mount;
        }
        m_path = mount + QStringLiteral("/notebooks");
    }
}

FaultyFolder::~FaultyFolder() {
    if (!m_mount.isEmpty())
        QProcess::execute(QStringLiteral("umount"), {m_mount});
}

void removeTestContainers(const QString& label) {
    const QByteArray ids = containersLabelled(QStringLiteral("org.sagedock.test=") + label);
    const QStringList list = QString::fromUtf8(ids).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (!list.isEmpty())
        runDocker(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} + list);
}

int runDocker(const QStringList& args, QByteArray* output, int timeoutMs) {
    QProcess process;
    process.setProgram(QStringLiteral("docker"));
    process.setArguments(args);
    return runProcess(process, output, timeoutMs);
}

int runProcess(QProcess& process, QByteArray* output, int timeoutMs) {
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start();
    if (!process.waitForStarted(10000))
        return -1;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        return -1;
    }
    if (output)
        *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

bool pushToRegistry(const QString& localImage, const QString& registry, const QString& repositoryAndTag,
                    QString* why) {
    const QString target = registry + QLatin1Char('/') + repositoryAndTag;
    QByteArray out;
    if (runDocker({QStringLiteral("tag"), localImage, target}, &out) != 0 ||
        runDocker({QStringLiteral("push"), target}, &out) != 0) {
        if (why)
            *why = QStringLiteral("docker push %1 failed: %2").arg(target, QString::fromUtf8(out));
        return false;
    }
    runDocker({QStringLiteral("rmi"), target}, nullptr); // keep the engine's tag list tidy
    return true;
}

QString sourceDir() {
    const QString env = qEnvironmentVariable("SAGEDOCK_SOURCE_DIR");
    return env.isEmpty() ? QDir::currentPath() : env;
}

QString sampleLog(const QString& fileName) {
    return QDir(sourceDir()).filePath(QStringLiteral("tests/fixtures/logs/samples/") + fileName);
}

} // namespace sagedock::testsupport
