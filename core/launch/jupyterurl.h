#pragma once
// Finds Jupyter's token URL in its start-up log (Jupyter Server, Lab /lab?token=, Notebook 7
// /tree?token=, classic Notebook /?token=) and rewrites it to the host side of a published port.
// Usage:
//   if (auto u = launch::parseJupyterUrl(line)) open(launch::hostUrl(*u, "127.0.0.1", 8890));

#include <QString>
#include <QUrl>

#include <optional>

namespace sagedock::launch {

struct JupyterUrl {
    QString host;  // as printed: 127.0.0.1, a container hostname, [::1]
    int port = 0;  // the container port
    QString path;  // base_url + default_url: "/lab", "/tree", "/"
    QString token; // hex; never logged or stored in labels
    bool isLoopback() const;
    // base_url: the path without Lab's / Notebook 7's default page ("/lab" -> "/").
    QString basePath() const;
};

// One log line; the literal "?token=..." (token from config) is not a usable URL and gives nullopt.
std::optional<JupyterUrl> parseJupyterUrl(const QString& line);

// http://<hostAddress>:<hostPort><path>?token=<token>
QUrl hostUrl(const JupyterUrl& url, const QString& hostAddress, int hostPort);
// The unauthenticated readiness probe: http://<hostAddress>:<hostPort><base>api
QUrl apiUrl(const JupyterUrl& url, const QString& hostAddress, int hostPort);

// Scans lines and keeps the best match (a loopback URL beats a hostname URL).
class JupyterUrlScanner {
public:
    // True when this line gave the first or a better URL.
    bool feedLine(const QString& line);
    const std::optional<JupyterUrl>& url() const { return m_url; }

private:
    std::optional<JupyterUrl> m_url;
};

} // namespace sagedock::launch
