// readUserFile: the bounded, non-blocking reader for files a user points SageDock at.
#include "util/userfile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using sagedock::util::ErrorCode;
using sagedock::util::readUserFile;

class TestUserFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsRegularFiles_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<qint64>("cap");
        QTest::newRow("empty") << QByteArray() << qint64(10);
        QTest::newRow("pem") << QByteArray("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
                             << qint64(1024);
        QTest::newRow("exactly the cap") << QByteArray(4096, 'x') << qint64(4096);
        QTest::newRow("18 MB config.json under a 64 MB cap")
            << (QByteArray("{\"auths\":{\"x\":\"") + QByteArray(18 * 1024 * 1024, 'a') + QByteArray("\"}}"))
            << qint64(64) * 1024 * 1024;
    }
    void readsRegularFiles() {
        QFETCH(QByteArray, content);
        QFETCH(qint64, cap);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        const auto read = readUserFile(path, cap);
        QVERIFY2(read.ok(), qPrintable(read.error().toString()));
        QCOMPARE(read.value(), content);
    }

    void refusesWhatItCannotRead_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("inMessage");
        QTest::newRow("missing") << "missing" << int(ErrorCode::NotFound) << "No such file";
        QTest::newRow("folder") << "folder" << int(ErrorCode::InvalidArgument) << "a folder";
        QTest::newRow("fifo without writer (would block)")
            << "fifo" << int(ErrorCode::InvalidArgument) << "a named pipe";
        QTest::newRow("/dev/zero (never ends)") << "devzero" << int(ErrorCode::InvalidArgument) << "a device";
        QTest::newRow("over the cap (said, not cut)") << "large" << int(ErrorCode::TooLarge) << "at most";
    }
    void refusesWhatItCannotRead() {
        QFETCH(QString, kind);
        QFETCH(int, code);
        QFETCH(QString, inMessage);
        QTemporaryDir dir;
        QString path = dir.filePath(kind);
        if (kind == QLatin1String("folder")) {
            QVERIFY(QDir().mkdir(path));
        } else if (kind == QLatin1String("fifo")) {
            QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        } else if (kind == QLatin1String("devzero")) {
            path = QStringLiteral("/dev/zero");
        } else if (kind == QLatin1String("large")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(2048, 'x'));
            f.close();
        }
        QElapsedTimer clock;
        clock.start();
        const auto read = readUserFile(path, 1024);
        QVERIFY(!read.ok());
        QCOMPARE(int(read.error().code), code);
        QVERIFY2(read.error().message.contains(inMessage), qPrintable(read.error().message));
        QVERIFY2(read.error().message.contains(path), qPrintable(read.error().message));
        QVERIFY(!read.error().hint.isEmpty());
        QVERIFY2(clock.elapsed() < 1000, "a refusal never waits"); // a blocking open would hang here
    }
};

QTEST_GUILESS_MAIN(TestUserFile)
#include "tst_userfile.moc"
