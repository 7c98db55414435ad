// The log file exists where the app says, and what is logged there is redacted.

#include "util/log.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sagedock;

class TestLogging : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void writesRedactedFile() {
        QTemporaryDir dir;
        util::initLogging({.directory = dir.path(), .toStderr = false, .level = util::LogLevel::Debug});
        QVERIFY(util::logFilePath().startsWith(dir.path()));
        util::logInfo(QStringLiteral("request with Authorization: Bearer supersecrettoken123"));
        qWarning("Qt warning carrying password=hunter22");
        util::logError(QStringLiteral("plain error line"));
        QFile f(util::logFilePath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(!text.contains("supersecrettoken123"));
        QVERIFY(!text.contains("hunter22"));
        QVERIFY(text.contains("plain error line"));
        QVERIFY(text.contains("<redacted>"));
    }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
