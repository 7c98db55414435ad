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

// For any text a server sent (a registry's error message, an engine's answer) before it is printed,
// shown or logged: secrets redacted as above, control characters that could drive a terminal
// (ESC, BEL, C1 controls, carriage return) and bidirectional overrides shown as visible escapes
// ("\x1b"), newlines kept only when `multiLine`, and the result cut to `maxLength` characters.
// Usage: err.message = tr("The registry said: %1").arg(util::serverText(body));
QString serverText(const QString& text, bool multiLine = false, qsizetype maxLength = 2000);
// serverText() without the redaction: for a value that is the user's own secret on purpose (the token
// URL of their own Jupyter session, which `launch --json` exists to hand over), still made harmless
// to a terminal.
QString printableText(const QString& text, bool multiLine = false, qsizetype maxLength = 2000);

} // namespace sagedock::util
