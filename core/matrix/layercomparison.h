#pragma once
// A stage's layers against its parent stage's, position by position, for the details of a matrix
// cell: the shared prefix first, then what this stage added or changed, then what only the parent
// has. Pure functions; no I/O.
// Usage:
//   for (const matrix::LayerRow& r : matrix::compareWithParent(cell, snapshot.parentOf(row, column)))
//       show(r.index, r.layer.diffId, r.state);

#include "matrix/snapshot.h"

#include <QList>

namespace sagedock::matrix {

enum class LayerState {
    Shared,            // same diff_id as the parent's at this position, and every layer before too
    New,               // beyond the end of the parent's layers
    DiffersFromParent, // both have a layer here, but the chain already diverged
    OnlyInParent,      // the parent has more layers than this stage
};

struct LayerRow {
    int index = 0; // 0-based position in the chain
    Layer layer;   // this stage's layer; the parent's for OnlyInParent
    LayerState state = LayerState::New;
    bool operator==(const LayerRow&) const = default;
};

// `parent` empty: every layer is New.
QList<LayerRow> compareLayers(const QList<Layer>& mine, const QList<Layer>& parent);
// The cell's layers against its parent cell's (nullptr, or a parent that is not present: no parent).
QList<LayerRow> compareWithParent(const Cell& cell, const Cell* parent);

} // namespace sagedock::matrix
