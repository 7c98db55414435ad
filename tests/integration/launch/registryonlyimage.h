#pragma once
// Test helper for the launch tests (integration and GUI): puts an image into the test registry
// that the engine has never seen, so launching it must pull. It is the fixture sagemath image
// plus one layer of `bytes` random bytes (incompressible: the pull really downloads and unpacks
// them), pushed as `image` and then removed locally so that only the registry has it.
// Usage: QVERIFY2(pushRegistryOnlyImage(registry + "/x/y:latest", 2'000'000, label, &why), qPrintable(why));

#include "testenvironment.h"

#include <QString>
#include <QStringList>

namespace sagedock::testsupport {

inline bool pushRegistryOnlyImage(const QString& image, qint64 bytes, const QString& testLabel,
                                  QString* why) {
    const QString builder = QStringLiteral("sagedock-pullsrc-") + testLabel;
    const auto step = [&](const QStringList& argv) {
        if (runDocker(argv) == 0)
            return true;
        *why = QStringLiteral("docker %1 failed").arg(argv.join(QLatin1Char(' ')));
        return false;
    };
    const bool ok =
        step({QStringLiteral("run"), QStringLiteral("--name"), builder, QStringLiteral("--label"),
              QStringLiteral("org.sagedock.test=") + testLabel, QStringLiteral("--entrypoint"),
              QStringLiteral("sh"), fixtureImage(QStringLiteral("sagemath")), QStringLiteral("-c"),
              QStringLiteral("head -c %1 /dev/urandom > /home/sage/blob").arg(bytes)}) &&
        // `run --entrypoint` changed the config: restore the fixture's entrypoint and command.
        step({QStringLiteral("commit"), QStringLiteral("--change"),
              QStringLiteral("ENTRYPOINT [\"/usr/local/bin/sage-entrypoint\"]"), QStringLiteral("--change"),
              QStringLiteral("CMD [\"sage\"]"), builder, image});
    runDocker({QStringLiteral("rm"), QStringLiteral("-f"), builder});
    return ok && step({QStringLiteral("push"), image}) && step({QStringLiteral("rmi"), image});
}

} // namespace sagedock::testsupport
