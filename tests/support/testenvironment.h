#pragma once
// What integration tests need from the machine: the Docker engine socket, a private registry on
// loopback, the fixture images, the sample logs in tests/fixtures/logs/samples. Real parts, no mocks.
// Usage in a test:
//   void initTestCase() { SAGEDOCK_REQUIRE_ENGINE(); registry = testsupport::registryAddress(); }

#include "http/request.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTest>

class QProcess;
class QProcessEnvironment;

namespace sagedock::testsupport {

// unix socket path of the engine under test: DOCKER_HOST=unix://... or /var/run/docker.sock.
QString dockerSocket();
// True when GET /_ping answers OK on dockerSocket(); otherwise *why says what is wrong and how to fix it.
bool engineAnswers(QString* why);
// host:port of a private docker-registry on 127.0.0.1: $SAGEDOCK_TEST_REGISTRY (scripts/test starts
// one) or one started for this test process and stopped at exit. Empty if none can run (see why).
QString registryAddress(QString* why = nullptr);

// Names of the fixture images built by tests/fixtures/build-images.sh.
QString fixtureImage(const QString& name); // "sagemath" -> "sagedock-fixture/sagemath:latest"
QStringList sageStages();                  // the seven stage names in Sage's order

// Runs the docker CLI with an argv list; returns the exit code (-1 if it could not start or timed out).
int runDocker(const QStringList& args, QByteArray* output = nullptr, int timeoutMs = 180000);
// Force-removes every container labelled org.sagedock.test=<label> (what a test, failed or not, left).
void removeTestContainers(const QString& label);
// Ids of the containers, running or not, carrying `label` ("key=value"), one a line ("" = none).
QByteArray containersLabelled(const QString& label);
// The environment of a program run as another uid (setpriv) on the engine under test, with `home` as
// its HOME and its XDG folders below it.
QProcessEnvironment otherUserEnvironment(const QString& home);

// A notebooks folder a launch must refuse, made real below `dir`, with spaces and non-ASCII letters in
// its name: "file" (a file of 9 bytes), "link-root" (a symlink to /), "home" (HOME itself),
// "read-only" (below a read-only tmpfs mounted for it, root only; unmounted when this goes), anything
// else a folder that does not exist yet. error() says why it could not be made.
class FaultyFolder {
public:
    FaultyFolder(const QString& kind, const QString& dir);
    ~FaultyFolder();
    Q_DISABLE_COPY_MOVE(FaultyFolder)
    QString path() const { return m_path; }
    QString error() const { return m_error; }

private:
    QString m_path;
    QString m_mount;
    QString m_error;
};
// Starts a process already given its program, arguments and environment, and does the same with it.
int runProcess(QProcess& process, QByteArray* output = nullptr, int timeoutMs = 180000);
// Tags `localImage` as <registry>/<repository>:<tag> and pushes it. Returns false with output on failure.
bool pushToRegistry(const QString& localImage, const QString& registry, const QString& repositoryAndTag,
                    QString* why = nullptr);

// Sends a request on a private http::Transport and waits for the answer (tests only).
http::Response fetch(const http::Request& request, int timeoutMs = 30000);

QString sourceDir();                        // the project's root
QString sampleLog(const QString& fileName); // tests/fixtures/logs/samples/<fileName>

} // namespace sagedock::testsupport

// Integration tests fail (never skip) without an engine, with the reason and the fix.
#define SAGEDOCK_REQUIRE_ENGINE()                                                                            \
    do {                                                                                                     \
        QString why_;                                                                                        \
        QVERIFY2(::sagedock::testsupport::engineAnswers(&why_), qPrintable(why_));                           \
    } while (false)

#define SAGEDOCK_REQUIRE_REGISTRY(var)                                                                       \
    do {                                                                                                     \
        QString why_;                                                                                        \
        var = ::sagedock::testsupport::registryAddress(&why_);                                               \
        QVERIFY2(!var.isEmpty(), qPrintable(why_));                                                          \
    } while (false)
