// The distribution reference grammar as docker applies it: normalization tables and every refusal.

#include "reference/imagereference.h"

#include <QTest>

using sagedock::reference::ImageReference;
using sagedock::util::ErrorCode;

namespace {
const QString kSha =
    QStringLiteral("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
}

class TestImageReference : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void normalizes_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("digest");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<QString>("familiar");
        QTest::addColumn<QString>("host");

        QTest::newRow("official image") << "ubuntu"
                                        << "docker.io"
                                        << "library/ubuntu"
                                        << "latest"
                                        << ""
                                        << "docker.io/library/ubuntu:latest"
                                        << "ubuntu:latest"
                                        << "registry-1.docker.io";
        QTest::newRow("user image") << "sagemath/sagemath:10.4"
                                    << "docker.io"
                                    << "sagemath/sagemath"
                                    << "10.4"
                                    << ""
                                    << "docker.io/sagemath/sagemath:10.4"
                                    << "sagemath/sagemath:10.4"
                                    << "registry-1.docker.io";
        QTest::newRow("hub dev image") << "sagemath/sagemath-dev:develop"
                                       << "docker.io"
                                       << "sagemath/sagemath-dev"
                                       << "develop"
                                       << ""
                                       << "docker.io/sagemath/sagemath-dev:develop"
                                       << "sagemath/sagemath-dev:develop"
                                       << "registry-1.docker.io";
        QTest::newRow("legacy index host") << "index.docker.io/library/debian:bookworm"
                                           << "docker.io"
                                           << "library/debian"
                                           << "bookworm"
                                           << ""
                                           << "docker.io/library/debian:bookworm"
                                           << "debian:bookworm"
                                           << "registry-1.docker.io";
        QTest::newRow("explicit docker.io single") << "docker.io/fedora:41"
                                                   << "docker.io"
                                                   << "library/fedora"
                                                   << "41"
                                                   << ""
                                                   << "docker.io/library/fedora:41"
                                                   << "fedora:41"
                                                   << "registry-1.docker.io";
        QTest::newRow("ghcr sage stage")
            << "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-with-targets:dev"
            << "ghcr.io"
            << "sagemath/sage/sage-ubuntu-noble-standard-with-targets"
            << "dev"
            << ""
            << "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-with-targets:dev"
            << "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-with-targets:dev"
            << "ghcr.io";
        QTest::newRow("ghcr sha tag")
            << "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-configured:4e2319bc162"
            << "ghcr.io"
            << "sagemath/sage/sage-ubuntu-noble-standard-configured"
            << "4e2319bc162"
            << ""
            << "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-configured:4e2319bc162"
            << "ghcr.io/sagemath/sage/sage-ubuntu-noble-standard-configured:4e2319bc162"
            << "ghcr.io";
        QTest::newRow("legacy docker name")
            << "ghcr.io/sagemath/sage/sage-docker-ubuntu-focal-standard-with-targets:9.8.rc0"
            << "ghcr.io"
            << "sagemath/sage/sage-docker-ubuntu-focal-standard-with-targets"
            << "9.8.rc0"
            << ""
            << "ghcr.io/sagemath/sage/sage-docker-ubuntu-focal-standard-with-targets:9.8.rc0"
            << "ghcr.io/sagemath/sage/sage-docker-ubuntu-focal-standard-with-targets:9.8.rc0"
            << "ghcr.io";
        QTest::newRow("python dot system")
            << "ghcr.io/sagemath/sage/sage-centos-stream-9-python3.12-standard-configured:dev"
            << "ghcr.io"
            << "sagemath/sage/sage-centos-stream-9-python3.12-standard-configured"
            << "dev"
            << ""
            << "ghcr.io/sagemath/sage/sage-centos-stream-9-python3.12-standard-configured:dev"
            << "ghcr.io/sagemath/sage/sage-centos-stream-9-python3.12-standard-configured:dev"
            << "ghcr.io";
        QTest::newRow("gcc underscore system")
            << "ghcr.io/sagemath/sage/sage-ubuntu-bionic-gcc_8-i386-minimal-with-targets:10.4"
            << "ghcr.io"
            << "sagemath/sage/sage-ubuntu-bionic-gcc_8-i386-minimal-with-targets"
            << "10.4"
            << ""
            << "ghcr.io/sagemath/sage/sage-ubuntu-bionic-gcc_8-i386-minimal-with-targets:10.4"
            << "ghcr.io/sagemath/sage/sage-ubuntu-bionic-gcc_8-i386-minimal-with-targets:10.4"
            << "ghcr.io";
        QTest::newRow("pr merge tag")
            << "ghcr.io/sagemath/sage/sage-debian-bookworm-standard-with-targets-pre:41000-merge"
            << "ghcr.io"
            << "sagemath/sage/sage-debian-bookworm-standard-with-targets-pre"
            << "41000-merge"
            << ""
            << "ghcr.io/sagemath/sage/sage-debian-bookworm-standard-with-targets-pre:41000-merge"
            << "ghcr.io/sagemath/sage/sage-debian-bookworm-standard-with-targets-pre:41000-merge"
            << "ghcr.io";
        QTest::newRow("gitlab registry") << "registry.gitlab.com/sagemath/sage/sagemath-dev:develop"
                                         << "registry.gitlab.com"
                                         << "sagemath/sage/sagemath-dev"
                                         << "develop"
                                         << ""
                                         << "registry.gitlab.com/sagemath/sage/sagemath-dev:develop"
                                         << "registry.gitlab.com/sagemath/sage/sagemath-dev:develop"
                                         << "registry.gitlab.com";
        QTest::newRow("quay centos base") << "quay.io/centos/centos:stream9"
                                          << "quay.io"
                                          << "centos/centos"
                                          << "stream9"
                                          << ""
                                          << "quay.io/centos/centos:stream9"
                                          << "quay.io/centos/centos:stream9"
                                          << "quay.io";
        QTest::newRow("i386 base") << "i386/debian:bullseye"
                                   << "docker.io"
                                   << "i386/debian"
                                   << "bullseye"
                                   << ""
                                   << "docker.io/i386/debian:bullseye"
                                   << "i386/debian:bullseye"
                                   << "registry-1.docker.io";
        QTest::newRow("localhost port") << "localhost:5000/x"
                                        << "localhost:5000"
                                        << "x"
                                        << "latest"
                                        << ""
                                        << "localhost:5000/x:latest"
                                        << "localhost:5000/x:latest"
                                        << "localhost:5000";
        QTest::newRow("localhost bare") << "localhost/sage:ci"
                                        << "localhost"
                                        << "sage"
                                        << "ci"
                                        << ""
                                        << "localhost/sage:ci"
                                        << "localhost/sage:ci"
                                        << "localhost";
        QTest::newRow("ipv4 port") << "127.0.0.1:41234/sagemath/sage/sage-fedora-41-minimal-configured:dev"
                                   << "127.0.0.1:41234"
                                   << "sagemath/sage/sage-fedora-41-minimal-configured"
                                   << "dev"
                                   << ""
                                   << "127.0.0.1:41234/sagemath/sage/sage-fedora-41-minimal-configured:dev"
                                   << "127.0.0.1:41234/sagemath/sage/sage-fedora-41-minimal-configured:dev"
                                   << "127.0.0.1:41234";
        QTest::newRow("ipv6") << "[::1]:5000/app:v1"
                              << "[::1]:5000"
                              << "app"
                              << "v1"
                              << ""
                              << "[::1]:5000/app:v1"
                              << "[::1]:5000/app:v1"
                              << "[::1]:5000";
        QTest::newRow("uppercase host") << "Registry.Example.ORG/team/app"
                                        << "Registry.Example.ORG"
                                        << "team/app"
                                        << "latest"
                                        << ""
                                        << "Registry.Example.ORG/team/app:latest"
                                        << "Registry.Example.ORG/team/app:latest"
                                        << "Registry.Example.ORG";
        QTest::newRow("digest only") << "sagemath/sagemath@" + kSha << "docker.io"
                                     << "sagemath/sagemath"
                                     << "" << kSha << "docker.io/sagemath/sagemath@" + kSha
                                     << "sagemath/sagemath@" + kSha << "registry-1.docker.io";
        QTest::newRow("tag and digest") << "ubuntu:jammy@" + kSha << "docker.io"
                                        << "library/ubuntu"
                                        << "jammy" << kSha << "docker.io/library/ubuntu:jammy@" + kSha
                                        << "ubuntu:jammy@" + kSha << "registry-1.docker.io";
        QTest::newRow("separators") << "a.b/c__d/e-f/g--h.i_j:x"
                                    << "a.b"
                                    << "c__d/e-f/g--h.i_j"
                                    << "x"
                                    << ""
                                    << "a.b/c__d/e-f/g--h.i_j:x"
                                    << "a.b/c__d/e-f/g--h.i_j:x"
                                    << "a.b";
        QTest::newRow("surrounding space trimmed") << "  ubuntu:noble \n"
                                                   << "docker.io"
                                                   << "library/ubuntu"
                                                   << "noble"
                                                   << ""
                                                   << "docker.io/library/ubuntu:noble"
                                                   << "ubuntu:noble"
                                                   << "registry-1.docker.io";
        QTest::newRow("tag of 128") << "app:" + QString(128, QLatin1Char('t')) << "docker.io"
                                    << "library/app" << QString(128, QLatin1Char('t')) << ""
                                    << "docker.io/library/app:" + QString(128, QLatin1Char('t'))
                                    << "app:" + QString(128, QLatin1Char('t')) << "registry-1.docker.io";
        QTest::newRow("path of 255") << "h.io/" + QString(255, QLatin1Char('p')) << "h.io"
                                     << QString(255, QLatin1Char('p')) << "latest"
                                     << ""
                                     << "h.io/" + QString(255, QLatin1Char('p')) + ":latest"
                                     << "h.io/" + QString(255, QLatin1Char('p')) + ":latest"
                                     << "h.io";
        QTest::newRow("sha512 digest")
            << "app@sha512:" + QString(128, QLatin1Char('a')) << "docker.io"
            << "library/app"
            << ""
            << "sha512:" + QString(128, QLatin1Char('a'))
            << "docker.io/library/app@sha512:" + QString(128, QLatin1Char('a'))
            << "app@sha512:" + QString(128, QLatin1Char('a')) << "registry-1.docker.io";
        QTest::newRow("other algorithm")
            << "app@blake3:" + QString(32, QLatin1Char('F')) << "docker.io"
            << "library/app"
            << ""
            << "blake3:" + QString(32, QLatin1Char('F'))
            << "docker.io/library/app@blake3:" + QString(32, QLatin1Char('F'))
            << "app@blake3:" + QString(32, QLatin1Char('F')) << "registry-1.docker.io";
    }
    void normalizes() {
        QFETCH(QString, input);
        QFETCH(QString, domain);
        QFETCH(QString, path);
        QFETCH(QString, tag);
        QFETCH(QString, digest);
        QFETCH(QString, canonical);
        QFETCH(QString, familiar);
        QFETCH(QString, host);
        const auto r = ImageReference::parse(input);
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        QCOMPARE(r->domain(), domain);
        QCOMPARE(r->path(), path);
        QCOMPARE(r->tag(), tag);
        QCOMPARE(r->digest(), digest);
        QCOMPARE(r->toString(), canonical);
        QCOMPARE(r->familiar(), familiar);
        QCOMPARE(r->registryHost(), host);
        // Normalization is idempotent: the canonical form parses to the same reference.
        const auto again = ImageReference::parse(canonical);
        QVERIFY(again.ok());
        QCOMPARE(again->toString(), canonical);
        const auto fromFamiliar = ImageReference::parse(familiar);
        QVERIFY(fromFamiliar.ok());
        QCOMPARE(fromFamiliar->toString(), canonical);
    }

    void refuses_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("blank") << "   "
                               << "empty";
        QTest::newRow("uppercase path") << "sagemath/SageMath"
                                        << "must be lowercase";
        QTest::newRow("uppercase single") << "Ubuntu"
                                          << "must be lowercase";
        QTest::newRow("uppercase after host") << "ghcr.io/SageMath/sage"
                                              << "must be lowercase";
        QTest::newRow("image id") << "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
                                  << "image ID";
        QTest::newRow("tag too long") << "app:" + QString(129, QLatin1Char('t')) << "129 characters";
        QTest::newRow("tag leading dot") << "app:.hidden"
                                         << "starts with '.'";
        QTest::newRow("tag leading dash") << "app:-x"
                                          << "starts with '-'";
        QTest::newRow("tag with plus") << "app:1.0+build"
                                       << "contains characters";
        QTest::newRow("empty tag") << "app:"
                                   << "tag is empty";
        QTest::newRow("path too long") << "h.io/" + QString(256, QLatin1Char('p')) << "256 characters";
        QTest::newRow("library path too long") << QString(248, QLatin1Char('p')) << "256 characters";
        QTest::newRow("double slash") << "ghcr.io/sagemath//sage"
                                      << "empty component";
        QTest::newRow("trailing slash") << "ghcr.io/sagemath/sage/"
                                        << "empty component";
        QTest::newRow("leading separator") << "ghcr.io/-sage"
                                           << "component '-sage'";
        QTest::newRow("triple underscore") << "a___b"
                                           << "component 'a___b'";
        QTest::newRow("trailing dot") << "ghcr.io/sage."
                                      << "component 'sage.'";
        QTest::newRow("sha256 short") << "app@sha256:0123"
                                      << "4 hex digits";
        QTest::newRow("sha256 long") << "app@sha256:" + QString(65, QLatin1Char('a')) << "65 hex digits";
        QTest::newRow("sha256 uppercase") << "app@sha256:" + QString(64, QLatin1Char('A')) << "lowercase";
        QTest::newRow("sha512 short") << "app@sha512:" + QString(64, QLatin1Char('a')) << "exactly 128";
        QTest::newRow("digest no algorithm") << "app@0123456789abcdef0123456789abcdef"
                                             << "no algorithm";
        QTest::newRow("digest short other") << "app@md5:abcd"
                                            << "at least 32";
        QTest::newRow("digest bad algorithm")
            << "app@1sha:" + QString(64, QLatin1Char('a')) << "algorithm '1sha'";
        QTest::newRow("empty digest") << "app@"
                                      << "after '@' is empty";
        QTest::newRow("no name") << ":tag"
                                 << "no repository name";
        QTest::newRow("space inside") << "sage math:dev"
                                      << "white space";
        QTest::newRow("bad port") << "localhost:99999/app"
                                  << "port '99999'";
        QTest::newRow("empty port") << "localhost:/app"
                                    << "port after";
        QTest::newRow("bad host") << "bad_host.io/app"
                                  << "not a valid host";
        QTest::newRow("host dash") << "-x.io/app"
                                   << "not a valid host";
        QTest::newRow("unclosed ipv6") << "[::1/app"
                                       << "unclosed";
    }
    void refuses() {
        QFETCH(QString, input);
        QFETCH(QString, messagePart);
        const auto r = ImageReference::parse(input);
        QVERIFY2(!r.ok(), qPrintable(input));
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
        QVERIFY(!r.error().hint.isEmpty() || r.error().message.contains(QLatin1String("port")) ||
                r.error().message.contains(QLatin1String("IPv6")) ||
                r.error().message.contains(QLatin1String("host")));
    }

    void repositoryOnly() {
        auto r = ImageReference::parseRepository(
            QStringLiteral("ghcr.io/sagemath/sage/sage-fedora-41-standard-configured"));
        QVERIFY(r.ok());
        QVERIFY(r->tag().isEmpty());
        QCOMPARE(r->toString(), QStringLiteral("ghcr.io/sagemath/sage/sage-fedora-41-standard-configured"));
        QCOMPARE(r->baseName(), QStringLiteral("sage-fedora-41-standard-configured"));
        QCOMPARE(r->withTag(QStringLiteral("dev")).toString(),
                 QStringLiteral("ghcr.io/sagemath/sage/sage-fedora-41-standard-configured:dev"));
        auto tagged = ImageReference::parseRepository(QStringLiteral("ubuntu:jammy"));
        QVERIFY(!tagged.ok());
        QVERIFY(tagged.error().message.contains(QLatin1String("not a repository")));
    }

    void withTagAndDigest() {
        auto r = ImageReference::parse(QStringLiteral("ubuntu"));
        QVERIFY(r.ok());
        QVERIFY(r->tagImplicit());
        const auto pinned = r->withDigest(kSha);
        QCOMPARE(pinned.toString(), "docker.io/library/ubuntu@" + kSha);
        const auto tagged = ImageReference::parse(QStringLiteral("ubuntu:noble"))->withDigest(kSha);
        QCOMPARE(tagged.familiar(), "ubuntu:noble@" + kSha);
        QCOMPARE(tagged.withTag(QStringLiteral("jammy")).familiar(), QStringLiteral("ubuntu:jammy"));
        QVERIFY(!ImageReference().isValid());
        QCOMPARE(ImageReference().toString(), QString());
    }
};

QTEST_GUILESS_MAIN(TestImageReference)
#include "tst_imagereference.moc"
