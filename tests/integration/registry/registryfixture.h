#pragma once
// Shared by the registry integration tests: seeds a Sage-like repository into the real registry
// (an index with linux/amd64 + linux/arm64 + a BuildKit attestation, a plain OCI image, a Docker
// v2 image) and waits for client jobs.

#include "registry/registryclient.h"
#include "registryseed.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QString>

namespace sagedock::testsupport {

struct SeededRepository {
    QString path;
    RegistrySeed::Pushed amd64; // dev → index → this
    RegistrySeed::Pushed arm64;
    RegistrySeed::Pushed index;  // "dev"
    RegistrySeed::Pushed plain;  // "10.4" (OCI)
    RegistrySeed::Pushed docker; // "10.5" (Docker v2)
    QList<QByteArray> amd64Layers;
    QByteArray amd64Config;
};

// Unique per test process, so a shared registry (SAGEDOCK_TEST_REGISTRY) never mixes runs.
inline QString uniquePrefix() {
    return QStringLiteral("regtest-%1").arg(QCoreApplication::applicationPid());
}

inline util::Result<SeededRepository> seedSageRepository(RegistrySeed& seed, const QString& path) {
    SeededRepository s;
    s.path = path;
    s.amd64Layers = {QByteArray("base layer of ") + path.toUtf8(), QByteArray(4096, 'b'),
                     QByteArray(777, 'c')};
    RegistrySeed::ConfigSpec spec;
    spec.user = QStringLiteral("sage");
    spec.workingDir = QStringLiteral("/home/sage");
    spec.entrypoint = {QStringLiteral("/usr/local/bin/sage-entrypoint")};
    spec.cmd = {QStringLiteral("sage")};
    spec.exposedPorts = {QStringLiteral("8888/tcp")};
    spec.env = {QStringLiteral("PATH=/usr/local/bin:/usr/bin"), QStringLiteral("SAGE_ROOT=/home/sage/sage")};
    spec.labels = {{QStringLiteral("org.opencontainers.image.source"),
                    QStringLiteral("https://github.com/sagemath/sage")}};
    spec.diffIds = RegistrySeed::diffIdsOf(s.amd64Layers);
    spec.createdBy = {QStringLiteral("ADD rootfs.tar /"), QStringLiteral("ENV SAGE_ROOT=/home/sage/sage"),
                      QStringLiteral("RUN make configure"), QStringLiteral("RUN make build")};
    s.amd64Config = RegistrySeed::config(spec);
    auto amd64 = seed.pushImage(path, QString(), {s.amd64Config, s.amd64Layers, true});
    if (!amd64.ok())
        return amd64.error();
    s.amd64 = amd64.value();
    RegistrySeed::ConfigSpec armSpec = spec;
    armSpec.architecture = QStringLiteral("arm64");
    armSpec.variant = QStringLiteral("v8");
    const QList<QByteArray> armLayers{QByteArray("arm base of ") + path.toUtf8(), QByteArray(100, 'r')};
    armSpec.diffIds = RegistrySeed::diffIdsOf(armLayers);
    auto arm64 = seed.pushImage(path, QString(), {RegistrySeed::config(armSpec), armLayers, true});
    if (!arm64.ok())
        return arm64.error();
    s.arm64 = arm64.value();
    auto index = seed.pushIndex(
        path, QStringLiteral("dev"),
        {{QStringLiteral("linux/amd64"), s.amd64}, {QStringLiteral("linux/arm64/v8"), s.arm64}});
    if (!index.ok())
        return index.error();
    s.index = index.value();
    auto plain = seed.pushImage(path, QStringLiteral("10.4"), {s.amd64Config, s.amd64Layers, true});
    if (!plain.ok())
        return plain.error();
    s.plain = plain.value();
    auto docker = seed.pushImage(path, QStringLiteral("10.5"), {s.amd64Config, s.amd64Layers, false});
    if (!docker.ok())
        return docker.error();
    s.docker = docker.value();
    return s;
}

// Waits for a registry job; true when it finished in time.
inline bool waitFor(registry::Job* job, int timeoutMs = 20000) {
    if (job->isFinished())
        return true;
    QSignalSpy spy(job, &registry::Job::finished);
    return spy.wait(timeoutMs) || job->isFinished();
}

} // namespace sagedock::testsupport
