#pragma once
// Does a stage image really sit on top of its parent stage? Compare rootfs.diff_ids: a stage built
// FROM its parent starts with all of the parent's layers. Pure functions; no I/O.
// Usage:
//   matrix::ChainVerdict v = matrix::ChainAnalyzer::judge(cell, parentCell);   // parentCell may be null
//   matrix::ChainAnalyzer::applyToRow(row);   // recompute every cell of a row in stage order

#include "matrix/snapshot.h"

namespace sagedock::matrix {

struct ChainVerdict {
    Chain chain = Chain::None;
    int sharedLayers = -1; // -1 where it does not apply (None, First, ParentMissing)
    int newLayers = -1;
    bool operator==(const ChainVerdict&) const = default;
};

class ChainAnalyzer {
public:
    // Number of leading diff_ids the two lists have in common.
    static int sharedPrefix(const QStringList& parent, const QStringList& child);
    // `parent` is the previous selected stage of the same row, or nullptr for the first selected stage.
    // A pending cell or a pending parent gives None (not decided yet).
    static ChainVerdict judge(const Cell& cell, const Cell* parent);
    // Applies judge() to every cell of the row; returns the columns whose verdict changed.
    static QList<int> applyToRow(Row& row);
};

} // namespace sagedock::matrix
