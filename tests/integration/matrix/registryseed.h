#pragma once
// Test helper: copies an image between repositories of one registry through the distribution API
// (cross-repository blob mounts + a manifest PUT), so that many repositories can be filled without
// one `docker push` each. Also reads an image's diff_ids from the engine.

#include <QString>
#include <QStringList>

namespace sagedock::testsupport {

// Copies <registry>/<fromRepo>:<fromTag> to <registry>/<toRepo>:<toTag>. Returns the manifest digest,
// or an empty string with *why set.
QString copyImage(const QString& registry, const QString& fromRepo, const QString& fromTag,
                  const QString& toRepo, const QString& toTag, QString* why);

// rootfs diff_ids of a local image, from `docker image inspect`.
QStringList localDiffIds(const QString& image);

} // namespace sagedock::testsupport
