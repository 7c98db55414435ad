#pragma once
// The bad "Extra CA certificates" files a user can point SageDock at, for the tests that check each
// gives one warning sentence and no hang (CLI and GUI alike).
// Usage:
//   void badExtraCa_data() { testsupport::addBadCaFileRows(); }   // columns "kind" and "says"
//   const QString path = testsupport::makeBadCaFile(kind, folder); // "" when it could not be made

#include <QString>

namespace sagedock::testsupport {

// Adds the columns kind (QString) and says (QString: words the warning must contain) and a row each.
void addBadCaFileRows();

// The file of `kind` inside the existing `folder` (the folder itself for "folder", /dev/zero as is).
QString makeBadCaFile(const QString& kind, const QString& folder);

} // namespace sagedock::testsupport
