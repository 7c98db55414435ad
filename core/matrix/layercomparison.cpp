#include "matrix/layercomparison.h"

#include <algorithm>

namespace sagedock::matrix {

QList<LayerRow> compareLayers(const QList<Layer>& mine, const QList<Layer>& parent) {
    const qsizetype n = std::max(mine.size(), parent.size());
    QList<LayerRow> rows;
    rows.reserve(n);
    bool diverged = false;
    for (qsizetype i = 0; i < n; ++i) {
        const bool have = i < mine.size();
        const bool parentHas = i < parent.size();
        LayerRow row;
        row.index = int(i);
        row.layer = have ? mine[i] : parent[i];
        if (have && parentHas && !diverged && mine[i].diffId == parent[i].diffId) {
            row.state = LayerState::Shared;
        } else {
            // Once the chains part, a later equal diff_id is a coincidence, not a shared layer.
            if (have && parentHas)
                diverged = true;
            row.state = !have ? LayerState::OnlyInParent
                              : (parentHas ? LayerState::DiffersFromParent : LayerState::New);
        }
        rows << row;
    }
    return rows;
}

QList<LayerRow> compareWithParent(const Cell& cell, const Cell* parent) {
    const bool usable = parent && parent->status == CellStatus::Present;
    return compareLayers(cell.layerList, usable ? parent->layerList : QList<Layer>());
}

} // namespace sagedock::matrix
