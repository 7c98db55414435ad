#pragma once
// Image references parsed and normalized the way docker and distribution/reference do it
// (protocols.md A7): `[domain/]path[:tag][@digest]`, docker.io and library/ defaults,
// index.docker.io → docker.io, lowercase paths, tag ≤ 128, path ≤ 255, validated digests.
// Usage:
//   auto r = reference::ImageReference::parse(u"ubuntu"_s);
//   if (!r.ok()) { std::cerr << r.error().toString(); return; }
//   r->toString();       // "docker.io/library/ubuntu:latest"
//   r->familiar();       // "ubuntu:latest"
//   r->registryHost();   // "registry-1.docker.io" (where the HTTP API lives)
//   r->path();           // "library/ubuntu"  (the <name> in /v2/<name>/...)

#include "util/error.h"

#include <QMetaType>
#include <QString>

namespace sagedock::reference {

class ImageReference {
public:
    static constexpr int kMaxTagLength = 128;
    static constexpr int kMaxPathLength = 255;

    ImageReference() = default;

    // Parses and normalizes. Without tag and digest the tag becomes "latest" (tagImplicit() is then true).
    static util::Result<ImageReference> parse(const QString& text);
    // Parses a repository without tag or digest (e.g.
    // "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-configured").
    static util::Result<ImageReference> parseRepository(const QString& text);

    // Single-part validators; each returns an Error with the reason, or a null Error.
    static util::Error validateTag(const QString& tag);
    static util::Error validateDigest(const QString& digest);
    static util::Error validatePath(const QString& path);
    static util::Error validateDomain(const QString& domain);

    bool isValid() const { return !m_path.isEmpty(); }
    QString domain() const { return m_domain; } // "docker.io", "ghcr.io", "localhost:5000"
    QString path() const { return m_path; }     // "library/ubuntu", "sagemath/sage/sage-…"
    QString tag() const { return m_tag; }       // may be empty when only a digest was given
    QString digest() const { return m_digest; } // "sha256:<64 hex>" or empty
    bool tagImplicit() const { return m_tagImplicit; }

    QString repository() const { return m_domain + QLatin1Char('/') + m_path; } // domain/path
    // Host (and port) that serves the registry API: docker.io is only a canonical name.
    QString registryHost() const;
    bool isDockerHub() const;
    // Last path component: "sage-ubuntu-noble-standard-configured".
    QString baseName() const;

    // Canonical, fully qualified: domain/path[:tag][@digest].
    QString toString() const;
    // What people type: docker.io/ and library/ dropped ("ubuntu:latest", "sagemath/sagemath:10.4").
    QString familiar() const;
    // Familiar name without tag or digest.
    QString familiarRepository() const;

    ImageReference withTag(const QString& tag) const;       // tag must be valid; clears the digest
    ImageReference withDigest(const QString& digest) const; // digest must be valid; keeps the tag

    friend bool operator==(const ImageReference& a, const ImageReference& b) {
        return a.m_domain == b.m_domain && a.m_path == b.m_path && a.m_tag == b.m_tag &&
               a.m_digest == b.m_digest;
    }

private:
    QString m_domain;
    QString m_path;
    QString m_tag;
    QString m_digest;
    bool m_tagImplicit = false;
};

} // namespace sagedock::reference

Q_DECLARE_METATYPE(sagedock::reference::ImageReference)
