// Retry-After in both forms, the statuses that are retried, and backoff bounds.

#include "http/request.h"
#include "http/retrypolicy.h"

#include <QTest>

using namespace sagedock::http;

class TestRetryPolicy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void retryAfter_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("expected"); // -1 = not parseable
        QTest::newRow("seconds") << QByteArray("120") << qint64(120);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("spaces") << QByteArray(" 7 ") << qint64(7);
        QTest::newRow("http date") << QByteArray("Sat, 21 Nov 2026 10:00:30 GMT") << qint64(30);
        QTest::newRow("past date") << QByteArray("Sat, 21 Nov 2026 09:00:00 GMT") << qint64(0);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
        QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
    }
    void retryAfter() {
        QFETCH(QByteArray, header);
        QFETCH(qint64, expected);
        const QDateTime now(QDate(2026, 11, 21), QTime(10, 0, 0), Qt::UTC);
        const auto got = parseRetryAfter(header, now);
        QCOMPARE(got.has_value() ? *got : qint64(-1), expected);
    }
    void retryableStatuses() {
        for (int s : {429, 502, 503, 504})
            QVERIFY(isRetryableStatus(s));
        for (int s : {200, 301, 400, 401, 403, 404, 500})
            QVERIFY(!isRetryableStatus(s));
    }
    void backoffGrowsAndIsCapped() {
        RetryPolicy p;
        p.baseDelayMs = 100;
        p.maxDelayMs = 1000;
        QCOMPARE(backoffDelayMs(p, 1, 0.999999), qint64(99));
        QCOMPARE(backoffDelayMs(p, 3, 0.999999), qint64(399));
        QCOMPARE(backoffDelayMs(p, 10, 0.999999), qint64(999)); // capped
        QVERIFY(backoffDelayMs(p, 1, 0.0) >= 10);               // jitter never goes to zero
    }
    void loopbackHosts_data() {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("localhost") << "localhost" << true;
        QTest::newRow("127.0.0.1") << "127.0.0.1" << true;
        QTest::newRow("127.1.2.3") << "127.1.2.3" << true;
        QTest::newRow("::1") << "::1" << true;
        QTest::newRow("[::1]") << "[::1]" << true;
        QTest::newRow("ghcr.io") << "ghcr.io" << false;
        QTest::newRow("10.0.0.1") << "10.0.0.1" << false;
        QTest::newRow("localhost.evil.com") << "localhost.evil.com" << false;
    }
    void loopbackHosts() {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QCOMPARE(isLoopbackHost(host), loopback);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
