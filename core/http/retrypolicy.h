#pragma once
// When and how long to wait before trying a request again: 429/502/503/504 and connection
// errors are retried with exponential backoff and full jitter; Retry-After (seconds or an HTTP
// date) wins when the server sends it.

#include "http/request.h"

#include <QDateTime>

#include <optional>

namespace sagedock::http {

bool isRetryableStatus(int status);
// Seconds to wait, or nullopt when the header is absent or unparseable.
std::optional<qint64> parseRetryAfter(const QByteArray& value, const QDateTime& now);
// Delay before attempt number `attempt + 1` (attempt counts from 1). `random01` is in [0,1).
qint64 backoffDelayMs(const RetryPolicy& policy, int attempt, double random01);

} // namespace sagedock::http
