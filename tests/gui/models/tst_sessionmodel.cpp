// SessionModel under QAbstractItemModelTester: running, shell and stopped Sage sessions, uptime against
// a pinned clock, raw values behind the text (port, uptime seconds, container id, URL), one reset per
// refresh, uptime updates as dataChanged of that column only, sorting through a proxy.

#include "models/sessionmodel.h"
#include "modeltesting.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace sagedock;
using app::SessionModel;
using testsupport::columnTexts;
using testsupport::sortedTexts;

namespace {

const QDateTime kNow(QDate(2026, 12, 3), QTime(18, 0), Qt::UTC);

launch::Session session(const QString& name, const QString& image, const QString& flavor, const QString& mode,
                        int port, const QString& state, qint64 upSeconds, char idFill) {
    launch::Session s;
    s.id = QString(64, QLatin1Char(idFill));
    s.name = name;
    s.image = image;
    s.flavor = flavor;
    s.mode = mode;
    s.port = port;
    s.hostAddress = QStringLiteral("127.0.0.1");
    if (mode == QLatin1String("jupyter") && state == QLatin1String("running"))
        s.url = QUrl(QStringLiteral("http://127.0.0.1:%1/tree?token=3f9c2a7d1e").arg(port));
    s.workdir = QStringLiteral("/home/sage");
    s.notebooks = QStringLiteral("/home/ada/notebooks/") + name;
    s.containerNotebooks = QStringLiteral("/home/sage/notebooks");
    s.state = state;
    s.startedAt = kNow.addSecs(-upSeconds);
    return s;
}

// Jupyter on 10.4 for 2 h 5 min, a shell in a CI stage image for 45 s, a stopped 10.3 (started three days
// ago), a sagemath-dev Jupyter on port 10000 for three days and four hours.
QList<launch::Session> sessions() {
    return {
        session(QStringLiteral("sagedock-10-4"), QStringLiteral("sagemath/sagemath:10.4"),
                QStringLiteral("sagemath"), QStringLiteral("jupyter"), 8888, QStringLiteral("running"), 7500,
                'a'),
        session(QStringLiteral("sagedock-jammy-targets"),
                QStringLiteral("ghcr.io/sagemath/sage/sage-ubuntu-jammy-standard-with-targets:10.5.beta3"),
                QStringLiteral("stage"), QStringLiteral("shell"), 0, QStringLiteral("running"), 45, 'b'),
        session(QStringLiteral("sagedock-10-3"), QStringLiteral("sagemath/sagemath:10.3"),
                QStringLiteral("sagemath"), QStringLiteral("jupyter"), 8889, QStringLiteral("exited"),
                3 * 86400, 'c'),
        session(QStringLiteral("sagedock-dev"), QStringLiteral("sagemath/sagemath-dev:develop"),
                QStringLiteral("sagemath-dev"), QStringLiteral("jupyter"), 10000, QStringLiteral("running"),
                3 * 86400 + 4 * 3600, 'd'),
    };
}

} // namespace

class TestSessionModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void uptimeText_data() {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("unknown") << qint64(-1) << QString();
        QTest::newRow("just started") << qint64(0) << "0 second(s)";
        QTest::newRow("59 s") << qint64(59) << "59 second(s)";
        QTest::newRow("one minute") << qint64(60) << "1 minute(s)";
        QTest::newRow("59 min 59 s") << qint64(3599) << "59 minute(s)";
        QTest::newRow("one hour") << qint64(3600) << "1 h 0 min";
        QTest::newRow("2 h 5 min") << qint64(7500) << "2 h 5 min";
        QTest::newRow("a second short of a day") << qint64(86399) << "23 h 59 min";
        QTest::newRow("one day") << qint64(86400) << "1 day(s)";
        QTest::newRow("three days four hours") << qint64(3 * 86400 + 4 * 3600) << "3 day(s)";
    }
    void uptimeText() {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(SessionModel::uptimeText(seconds), text);
    }

    void displayText_data() {
        QTest::addColumn<int>("column");
        QTest::addColumn<QStringList>("texts");
        QTest::newRow("name") << int(SessionModel::NameColumn)
                              << QStringList{QStringLiteral("sagedock-10-4"),
                                             QStringLiteral("sagedock-jammy-targets"),
                                             QStringLiteral("sagedock-10-3"), QStringLiteral("sagedock-dev")};
        QTest::newRow("flavor: shells say so")
            << int(SessionModel::FlavorColumn)
            << QStringList{QStringLiteral("sagemath"), QStringLiteral("stage (shell)"),
                           QStringLiteral("sagemath"), QStringLiteral("sagemath-dev")};
        QTest::newRow("port: none for a shell")
            << int(SessionModel::PortColumn)
            << QStringList{QStringLiteral("8888"), QStringLiteral("–"), QStringLiteral("8889"),
                           QStringLiteral("10000")};
        QTest::newRow("uptime: none when stopped")
            << int(SessionModel::UptimeColumn)
            << QStringList{QStringLiteral("2 h 5 min"), QStringLiteral("45 second(s)"), QString(),
                           QStringLiteral("3 day(s)")};
        QTest::newRow("state in words")
            << int(SessionModel::StateColumn)
            << QStringList{QStringLiteral("Running"), QStringLiteral("Running"),
                           QStringLiteral("Stopped (exited)"), QStringLiteral("Running")};
        QTest::newRow("folder on this computer")
            << int(SessionModel::FolderColumn)
            << QStringList{QStringLiteral("/home/ada/notebooks/sagedock-10-4"),
                           QStringLiteral("/home/ada/notebooks/sagedock-jammy-targets"),
                           QStringLiteral("/home/ada/notebooks/sagedock-10-3"),
                           QStringLiteral("/home/ada/notebooks/sagedock-dev")};
    }
    void displayText() {
        QFETCH(int, column);
        QFETCH(QStringList, texts);
        SessionModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNow(kNow);
        model.setSessions(sessions());
        QCOMPARE(columnTexts(model, column), texts);
    }

    void rawValues() {
        SessionModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNow(kNow);
        model.setSessions(sessions());
        const QModelIndex jupyter = model.index(0, SessionModel::NameColumn);
        QCOMPARE(jupyter.data(SessionModel::IdRole).toString(), QString(64, QLatin1Char('a')));
        QCOMPARE(jupyter.data(SessionModel::UrlRole).toUrl(),
                 QUrl(QStringLiteral("http://127.0.0.1:8888/tree?token=3f9c2a7d1e")));
        QVERIFY(!jupyter.data(SessionModel::IsShellRole).toBool());
        QCOMPARE(jupyter.data(Qt::ToolTipRole).toString(), QString(12, QLatin1Char('a'))); // short id
        QCOMPARE(
            model.index(0, SessionModel::FolderColumn).data(Qt::ToolTipRole).toString(),
            QStringLiteral("/home/ada/notebooks/sagedock-10-4 on this computer is /home/sage/notebooks in "
                           "the container"));
        const QModelIndex shell = model.index(1, SessionModel::PortColumn);
        QVERIFY(shell.data(SessionModel::IsShellRole).toBool());
        QVERIFY(shell.data(SessionModel::UrlRole).toUrl().isEmpty());
        QCOMPARE(shell.data(SessionModel::SortRole).toInt(), 0);
        QCOMPARE(model.index(0, SessionModel::UptimeColumn).data(SessionModel::SortRole).toLongLong(),
                 7500LL);
        QCOMPARE(model.index(2, SessionModel::UptimeColumn).data(SessionModel::SortRole).toLongLong(), -1LL);
        QCOMPARE(model.index(3, SessionModel::PortColumn).data(SessionModel::SortRole).toInt(), 10000);
        QCOMPARE(model.index(3, SessionModel::ImageColumn).data(SessionModel::SortRole).toString(),
                 QStringLiteral("sagemath/sagemath-dev:develop"));
        QCOMPARE(model.sessionAt(3)->name, QStringLiteral("sagedock-dev"));
        QVERIFY(!model.sessionAt(4));
        QVERIFY(!model.sessionAt(-1));
        QVERIFY(!model.index(0, 0).data(Qt::DecorationRole).isValid());

        const QStringList headers{QStringLiteral("Name"),   QStringLiteral("Image"),
                                  QStringLiteral("Flavor"), QStringLiteral("Port"),
                                  QStringLiteral("Up"),     QStringLiteral("Notebooks folder"),
                                  QStringLiteral("State")};
        QCOMPARE(model.columnCount(), int(headers.size()));
        for (int c = 0; c < model.columnCount(); ++c)
            QCOMPARE(model.headerData(c, Qt::Horizontal).toString(), headers.at(c));
    }

    // A refresh replaces the list in one reset; the clock ticking changes only the uptime column.
    void refreshAndClock() {
        SessionModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setNow(kNow); // nothing to update yet
        QCOMPARE(changed.size(), 0);
        model.setSessions(sessions());
        QCOMPARE(reset.size(), 1);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(model.rowCount(), 4);

        model.setNow(kNow.addSecs(60));
        QCOMPARE(changed.size(), 1);
        const auto topLeft = changed.at(0).at(0).value<QModelIndex>();
        const auto bottomRight = changed.at(0).at(1).value<QModelIndex>();
        QCOMPARE(topLeft, model.index(0, SessionModel::UptimeColumn));
        QCOMPARE(bottomRight, model.index(3, SessionModel::UptimeColumn));
        QCOMPARE(model.index(0, SessionModel::UptimeColumn).data().toString(), QStringLiteral("2 h 6 min"));
        QCOMPARE(model.index(1, SessionModel::UptimeColumn).data().toString(), QStringLiteral("1 minute(s)"));
        // A clock behind the container's start (another machine's time) reads as just started.
        model.setNow(kNow.addSecs(-3600));
        QCOMPARE(model.index(1, SessionModel::UptimeColumn).data().toString(), QStringLiteral("0 second(s)"));

        // The session stopped elsewhere: the next refresh shows it stopped, the others stay.
        QList<launch::Session> next = sessions();
        next[0].state = QStringLiteral("exited");
        next.removeAt(1);
        model.setSessions(next);
        QCOMPARE(reset.size(), 2);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, SessionModel::StateColumn).data().toString(),
                 QStringLiteral("Stopped (exited)"));
        model.setSessions({});
        QCOMPARE(reset.size(), 3);
        QCOMPARE(model.rowCount(), 0);
        model.setNow(kNow); // nothing to update
        QCOMPARE(changed.size(), 2);
    }

    void sortsByValue_data() {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<QStringList>("names");
        // As text "10000" < "8888" < "8889" < "–"; as numbers the shell (0) leads.
        QTest::newRow("port numerically")
            << int(SessionModel::PortColumn) << int(Qt::AscendingOrder)
            << QStringList{QStringLiteral("sagedock-jammy-targets"), QStringLiteral("sagedock-10-4"),
                           QStringLiteral("sagedock-10-3"), QStringLiteral("sagedock-dev")};
        // As text "2 h 5 min" < "3 day(s)" < "45 second(s)"; by seconds the stopped one (-1) leads.
        QTest::newRow("uptime by seconds")
            << int(SessionModel::UptimeColumn) << int(Qt::AscendingOrder)
            << QStringList{QStringLiteral("sagedock-10-3"), QStringLiteral("sagedock-jammy-targets"),
                           QStringLiteral("sagedock-10-4"), QStringLiteral("sagedock-dev")};
        QTest::newRow("longest running first")
            << int(SessionModel::UptimeColumn) << int(Qt::DescendingOrder)
            << QStringList{QStringLiteral("sagedock-dev"), QStringLiteral("sagedock-10-4"),
                           QStringLiteral("sagedock-jammy-targets"), QStringLiteral("sagedock-10-3")};
        QTest::newRow("image by text")
            << int(SessionModel::ImageColumn) << int(Qt::AscendingOrder)
            << QStringList{QStringLiteral("sagedock-jammy-targets"), QStringLiteral("sagedock-dev"),
                           QStringLiteral("sagedock-10-3"), QStringLiteral("sagedock-10-4")};
        QTest::newRow("state by text")
            << int(SessionModel::StateColumn) << int(Qt::DescendingOrder)
            << QStringList{QStringLiteral("sagedock-10-3"), QStringLiteral("sagedock-10-4"),
                           QStringLiteral("sagedock-jammy-targets"), QStringLiteral("sagedock-dev")};
    }
    void sortsByValue() {
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(QStringList, names);
        SessionModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNow(kNow);
        model.setSessions(sessions());
        QCOMPARE(sortedTexts(&model, column, Qt::SortOrder(order), SessionModel::SortRole,
                             SessionModel::NameColumn),
                 names);
    }
};

QTEST_MAIN(TestSessionModel)
#include "tst_sessionmodel.moc"
