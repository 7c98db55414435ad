#pragma once
// Removes secrets from text before it reaches a log: Authorization / X-Registry-Auth headers,
// Bearer/Basic credentials, token= / password= parameters, JSON secret fields and URL user info.
// Usage: log::info(util::redact(line));

#include <QString>

#include <string>
#include <string_view>

namespace sagedock::util {

QString redact(const QString& text);
std::string redact(std::string_view text);

} // namespace sagedock::util
