#include "matrix/queryrequest.h"

#include <QCoreApplication>

namespace sagedock::matrix {

namespace {
struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::matrix)
};
} // namespace

util::Result<MatrixRequest> matrixRequestForQuery(const reference::Query& query,
                                                  const QuerySelection& selection) {
    if (query.kind == reference::Query::Kind::Image && !query.sageName)
        return util::Error::make(
            util::ErrorCode::InvalidArgument,
            Text::tr("'%1' is not a Sage CI stage image (sage-<system>-<packages>-<stage>).")
                .arg(query.image.toString()));
    MatrixRequest request = selection.base;
    request.tag = query.tag;
    if (const auto& name = query.sageName) {
        if (!selection.repositoryChosen)
            request.repositoryPrefix = query.repositoryPrefix;
        if (!selection.packagesChosen)
            request.packages = {name->modifiers.isEmpty() ? name->packages
                                                          : name->packages + QLatin1Char('-') +
                                                                name->modifiers.join(QLatin1Char('-'))};
        if (!selection.systemsChosen && !request.systems.contains(name->system))
            request.systems.prepend(name->system);
    }
    if (auto e = request.normalized().validate())
        return e;
    return request;
}

} // namespace sagedock::matrix
