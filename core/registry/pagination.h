#pragma once
// Link-header pagination (RFC 8288) for tags/list and _catalog: the URL between '<' and '>' of the
// rel="next" link, resolved against the URL that was asked (relative or absolute), refused when it
// leaves the host, port or scheme. Its parameters are never parsed: Quay sends opaque tokens.
// Usage:
//   auto next = registry::nextPageUrl(response.headerValues("Link"), response.effectiveUrl);
//   if (!next.ok()) fail(next.error()); else if (!next.value().isEmpty()) fetch(next.value());

#include "util/error.h"

#include <QByteArray>
#include <QList>
#include <QUrl>

namespace sagedock::registry {

// An empty QUrl when there is no next page.
util::Result<QUrl> nextPageUrl(const QList<QByteArray>& linkHeaders, const QUrl& requestUrl);

} // namespace sagedock::registry
