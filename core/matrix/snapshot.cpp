#include "matrix/snapshot.h"

namespace sagedock::matrix {

QString statusName(CellStatus status) {
    switch (status) {
    case CellStatus::Pending:
        return QStringLiteral("pending");
    case CellStatus::Present:
        return QStringLiteral("present");
    case CellStatus::Missing:
        return QStringLiteral("missing");
    case CellStatus::Error:
        return QStringLiteral("error");
    }
    return {};
}

QString chainName(Chain chain) {
    switch (chain) {
    case Chain::None:
        return {};
    case Chain::First:
        return QStringLiteral("first");
    case Chain::Intact:
        return QStringLiteral("intact");
    case Chain::Broken:
        return QStringLiteral("broken");
    case Chain::ParentMissing:
        return QStringLiteral("parent-missing");
    }
    return {};
}

bool Cell::isProblem() const {
    return status == CellStatus::Missing || status == CellStatus::Error || chain == Chain::Broken ||
           chain == Chain::ParentMissing;
}

QStringList Cell::diffIds() const {
    QStringList ids;
    ids.reserve(layerList.size());
    for (const Layer& l : layerList)
        ids << l.diffId;
    return ids;
}

Summary Snapshot::summary() const {
    Summary s;
    for (const Row& row : rows) {
        for (const Cell& c : row.cells) {
            ++s.cells;
            switch (c.status) {
            case CellStatus::Pending:
                ++s.pending;
                break;
            case CellStatus::Present:
                ++s.present;
                break;
            case CellStatus::Missing:
                ++s.missing;
                break;
            case CellStatus::Error:
                ++s.errors;
                break;
            }
            if (c.chain == Chain::Broken)
                ++s.broken;
            else if (c.chain == Chain::ParentMissing)
                ++s.parentMissing;
        }
    }
    return s;
}

const Cell* Snapshot::parentOf(int row, int column) const {
    if (row < 0 || row >= rows.size() || column <= 0 || column >= rows[row].cells.size())
        return nullptr;
    return &rows[row].cells[column - 1];
}

} // namespace sagedock::matrix
