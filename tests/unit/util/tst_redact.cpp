// Secrets never reach a log: every shape a token or password takes in SageDock's traffic.

#include "util/redact.h"

#include <QTest>

using sagedock::util::printableText;
using sagedock::util::redact;
using sagedock::util::serverText;

class TestRedact : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void redactsSecrets_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("secret");
        QTest::newRow("authorization bearer") << "GET /v2/ Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.abc.def"
                                              << "eyJhbGciOiJSUzI1NiJ9";
        QTest::newRow("authorization basic") << "authorization: Basic c2FnZTpzM2NyZXQ="
                                             << "c2FnZTpzM2NyZXQ=";
        QTest::newRow("bare bearer") << "retry with Bearer abcdef123456 now"
                                     << "abcdef123456";
        QTest::newRow("x-registry-auth") << "X-Registry-Auth: eyJ1c2VybmFtZSI6InNhZ2UifQ=="
                                         << "eyJ1c2VybmFtZSI6InNhZ2UifQ";
        QTest::newRow("jupyter url token")
            << "http://127.0.0.1:8888/lab?token=0123456789abcdef0123456789abcdef0123456789abcdef"
            << "0123456789abcdef0123456789abcdef0123456789abcdef";
        QTest::newRow("token second param") << "https://auth.docker.io/token?service=x&token=s3cr3tvalue&n=1"
                                            << "s3cr3tvalue";
        QTest::newRow("json token") << R"({"token":"abc.def.ghi","expires_in":300})"
                                    << "abc.def.ghi";
        QTest::newRow("json access_token") << R"({"access_token": "zzz-secret-zzz"})"
                                           << "zzz-secret-zzz";
        QTest::newRow("json password") << R"({"username":"sage","password":"hunter22"})"
                                       << "hunter22";
        QTest::newRow("json credential helper Secret")
            << R"({"ServerURL":"ghcr.io","Username":"u","Secret":"ghp_abcdef"})"
            << "ghp_abcdef";
        QTest::newRow("json auth") << R"({"auths":{"ghcr.io":{"auth":"dTpw"}}})"
                                   << "dTpw";
        QTest::newRow("key=value password") << "login password=hunter22 user=sage"
                                            << "hunter22";
        QTest::newRow("url userinfo") << "pushing to https://sage:hunter22@registry.example.org/v2/"
                                      << "hunter22";
        QTest::newRow("proxy-authorization") << "Proxy-Authorization: Basic Zm9vOmJhcg=="
                                             << "Zm9vOmJhcg==";
    }
    void redactsSecrets() {
        QFETCH(QString, input);
        QFETCH(QString, secret);
        const QString out = redact(input);
        QVERIFY2(!out.contains(secret), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("<redacted>")), qPrintable(out));
    }

    void keepsHarmlessText_data() {
        QTest::addColumn<QString>("input");
        QTest::newRow("pull") << "pulling ghcr.io/sagemath/sage/sage-ubuntu-jammy-standard-with-targets:dev";
        QTest::newRow("digest")
            << "digest sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        QTest::newRow("status") << "GET https://ghcr.io/v2/sagemath/sage/tags/list -> 200 (12 ms)";
        QTest::newRow("step") << "#12 [with-targets 3/4] RUN make build";
        // Sentences about tokens are not tokens (TLS and token-service errors say these).
        QTest::newRow("token service") << "The token service of ghcr.io (ghcr.io) failed with HTTP 500.";
        QTest::newRow("token without scope") << "ghcr.io gave a token without pull access to sage/x.";
        QTest::newRow("token at sentence end") << "ghcr.io refused the token service.";
    }
    void keepsHarmlessText() {
        QFETCH(QString, input);
        QCOMPARE(redact(input), input);
    }

    // Text a server sent: terminal controls become visible escapes, secrets are redacted, length capped.
    void serverTextIsSafeToPrint_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("multiLine");
        QTest::addColumn<QString>("expected");
        const QChar esc(0x1b);
        QTest::newRow("plain message") << "manifest unknown" << false << "manifest unknown";
        QTest::newRow("title injection (OSC ... BEL)")
            << (QString(esc) + QStringLiteral("]0;pwned") + QChar(0x07) + QStringLiteral("denied")) << false
            << "\\x1b]0;pwned\\x07denied";
        QTest::newRow("clear screen (CSI 2J)")
            << (QString(esc) + QStringLiteral("[2Jnot found")) << false << "\\x1b[2Jnot found";
        QTest::newRow("C1 CSI") << (QChar(0x9b) + QStringLiteral("31mred")) << false << "\\x9b31mred";
        QTest::newRow("bidi override")
            << (QStringLiteral("abc") + QChar(0x202e) + QStringLiteral("fed")) << false << "abc\\x202efed";
        QTest::newRow("carriage return overwrite") << "ok\rFAIL" << false << "ok FAIL";
        QTest::newRow("newline, one line") << "line one\nline two" << false << "line one line two";
        QTest::newRow("newline kept when multi-line") << "line one\nline two" << true << "line one\nline two";
        QTest::newRow("tab kept") << "a\tb" << false << "a\tb";
        QTest::newRow("umlauts and CJK kept") << "Größe 画像" << false << "Größe 画像";
        QTest::newRow("echoed Basic credentials")
            << "denied: you sent Authorization: Basic cHJvZDpzZWNyZXQ=" << false
            << "denied: you sent Authorization: <redacted>";
        QTest::newRow("echoed token URL with an escape")
            << (QStringLiteral("GET /token?scope=x&password=hunter22 failed") + QString(esc)) << false
            << "GET /token?scope=x&password=<redacted> failed\\x1b";
    }
    void serverTextIsSafeToPrint() {
        QFETCH(QString, input);
        QFETCH(bool, multiLine);
        QFETCH(QString, expected);
        QCOMPARE(serverText(input, multiLine), expected);
    }

    // A session's own token URL (launch --json, ps --json): kept whole, but still harmless to a terminal.
    void printableTextKeepsOwnSecrets_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("token URL kept") << "http://127.0.0.1:8888/tree?token=3f9c2a7d1e0b"
                                        << "http://127.0.0.1:8888/tree?token=3f9c2a7d1e0b";
        QTest::newRow("title escape after the token neutralised")
            << QStringLiteral("http://127.0.0.1:8888/?token=abc\x1b]0;x\x07")
            << QStringLiteral("http://127.0.0.1:8888/?token=abc\\x1b]0;x\\x07");
        QTest::newRow("clear screen escaped") << QStringLiteral("a\x1b[2Jb") << QStringLiteral("a\\x1b[2Jb");
    }
    void printableTextKeepsOwnSecrets() {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(printableText(input), expected);
        // serverText() of the same text would not keep the token.
        if (input.contains(QLatin1String("token=3f9c")))
            QVERIFY(!serverText(input).contains(QLatin1String("3f9c2a7d1e0b")));
    }

    void serverTextIsCapped() {
        const QString out = serverText(QString(100000, QLatin1Char('x')), false, 50);
        QCOMPARE(out.size(), 51);
        QVERIFY(out.endsWith(QChar(0x2026)));
    }

    void stdStringOverload() {
        QCOMPARE(redact(std::string_view("Authorization: Bearer abcdefgh")),
                 std::string("Authorization: <redacted>"));
    }
};

QTEST_GUILESS_MAIN(TestRedact)
#include "tst_redact.moc"
