#pragma once
// The one HTTP transport: libcurl multi on its own thread, serving the registry client and the Docker
// Engine API client (unix sockets). Named "transport" so it is never confused with the container
// engine. Bounded connections per host, keep-alive and HTTP/2 multiplexing, connect and low-speed
// timeouts, retries with backoff honouring Retry-After, a response size cap, redirects that never
// carry Authorization to another host, cancel, an optional extra CA bundle.
// Plain HTTP is refused unless the host is loopback or the request says allowInsecure, after
// redirects too (redirects are followed here, hop by hop, not by libcurl). Docker's certs.d folders
// (Request::tlsCertDirs) add CAs and a client certificate per registry; TLS failures are sentences
// naming the host, the reason and the file that fixes it.
// Usage:
//   http::Transport& transport = http::Transport::shared();
//   http::Reply* reply = transport.send(request);   // started; the caller owns it

#include "http/reply.h"
#include "http/request.h"

#include <QString>

#include <memory>

namespace sagedock::http {

struct TransportImpl;

struct TransportOptions {
    int maxConnectionsPerHost = 8;
    int maxTotalConnections = 64;
    // HTTP/2 streams on one connection before another is opened. libcurl's default is 100, below
    // what a matrix keeps in flight; the server's own limit (docker-registry: 250) still applies.
    int maxStreamsPerConnection = 250;
    QString extraCaBundle; // PEM file whose certificates are trusted in addition to the system's
    QByteArray userAgent = "SageDock/" SAGEDOCK_VERSION;
};

class Transport {
public:
    explicit Transport(TransportOptions options = {});
    ~Transport(); // cancels what is in flight and joins the thread
    Transport(const Transport&) = delete;
    Transport& operator=(const Transport&) = delete;

    // Process-wide engine, created on first use and destroyed at exit.
    static Transport& shared();

    // Returns at once with the reply started (a util::Job). The caller owns it (no parent); it lives
    // in the caller's thread.
    Reply* send(Request request);

    const TransportOptions& options() const; // as constructed (tests check the extra CA bundle)
    // Why the extra CA bundle is not in use (unreadable, not a file, too large, no certificate);
    // empty while it is fine or not yet read. The file is read on the transport's own thread.
    util::Error extraCaProblem() const;
    // The same check for any file, on the caller's thread: blocking but bounded (a FIFO or a device is
    // refused before a byte is read). For a warning in the GUI (from a util::TaskJob) or the CLI.
    static util::Error caBundleProblem(const QString& path);

    // Statistics for benchmarks and tests.
    quint64 requestsStarted() const;   // attempts handed to libcurl, retries included
    quint64 connectionsOpened() const; // new TCP/unix connections (reuse does not count)

private:
    std::shared_ptr<TransportImpl> d;
};

} // namespace sagedock::http
