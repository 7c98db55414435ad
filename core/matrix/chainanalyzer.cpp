#include "matrix/chainanalyzer.h"

#include <algorithm>

namespace sagedock::matrix {

int ChainAnalyzer::sharedPrefix(const QStringList& parent, const QStringList& child) {
    const qsizetype n = std::min(parent.size(), child.size());
    qsizetype i = 0;
    while (i < n && parent[i] == child[i])
        ++i;
    return int(i);
}

ChainVerdict ChainAnalyzer::judge(const Cell& cell, const Cell* parent) {
    if (cell.status != CellStatus::Present)
        return {};
    if (!parent)
        return {Chain::First, -1, -1};
    switch (parent->status) {
    case CellStatus::Pending:
    case CellStatus::Error:
        // Unknown parent: claiming "missing" or "broken" would be a guess.
        return {};
    case CellStatus::Missing:
        return {Chain::ParentMissing, -1, -1};
    case CellStatus::Present:
        break;
    }
    const QStringList parentIds = parent->diffIds();
    const QStringList ids = cell.diffIds();
    const int shared = sharedPrefix(parentIds, ids);
    const int fresh = int(ids.size()) - shared;
    if (shared == parentIds.size())
        return {Chain::Intact, shared, fresh};
    return {Chain::Broken, shared, fresh};
}

QList<int> ChainAnalyzer::applyToRow(Row& row) {
    QList<int> changed;
    for (int col = 0; col < row.cells.size(); ++col) {
        Cell& cell = row.cells[col];
        const ChainVerdict v = judge(cell, col > 0 ? &row.cells[col - 1] : nullptr);
        if (v.chain != cell.chain || v.sharedLayers != cell.sharedLayers || v.newLayers != cell.newLayers) {
            cell.chain = v.chain;
            cell.sharedLayers = v.sharedLayers;
            cell.newLayers = v.newLayers;
            changed << col;
        }
    }
    return changed;
}

} // namespace sagedock::matrix
