#include "reference/imageconfig.h"

namespace sagedock::reference {

QString ImageConfig::envValue(const QString& name) const {
    const QString prefix = name + QLatin1Char('=');
    for (const QString& e : env)
        if (e.startsWith(prefix))
            return e.mid(prefix.size());
    return {};
}

} // namespace sagedock::reference
