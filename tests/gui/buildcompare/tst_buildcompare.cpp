// The comparison of two builds' logs reads the same in the Builds page's history and in
// `sagedock-cli diagnose-log A --compare B`: both render buildlog::renderComparison, and this test
// holds them to it with two sample logs (no engine needed: the history points at the samples).

#include "imagebuild/buildhistory.h"
#include "testenvironment.h"
#include "util/processjob.h"
#include "widgets/buildhistorypanel.h"

#include <QApplication>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace sagedock;

class TestBuildCompare : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void guiAndCliPrintTheSameComparison() {
        QVERIFY2(!qEnvironmentVariable("SAGEDOCK_CLI").isEmpty(), "SAGEDOCK_CLI not set");
        const QString pathA = testsupport::sampleLog(QStringLiteral("buildkit-plain-arg-changed.log"));
        const QString pathB =
            testsupport::sampleLog(QStringLiteral("buildkit-plain-copy-changed-import-error.log"));
        QTemporaryDir tmp;
        const QString historyPath = tmp.filePath(QStringLiteral("history.jsonl"));
        const imagebuild::History history(historyPath);
        imagebuild::BuildRecord a; // the older build: A
        a.id = QStringLiteral("a");
        a.started = QDateTime::currentDateTimeUtc().addSecs(-60);
        a.logPath = pathA;
        imagebuild::BuildRecord b = a;
        b.id = QStringLiteral("b");
        b.started = a.started.addSecs(30);
        b.logPath = pathB;
        QVERIFY(!history.append(a));
        QVERIFY(!history.append(b));

        app::BuildHistoryPanel panel;
        panel.setHistoryPath(historyPath);
        auto* table = panel.findChild<QTableView*>(QStringLiteral("historyTable"));
        QCOMPARE(table->model()->rowCount(), 2);
        table->selectAll();
        auto* out = panel.findChild<QPlainTextEdit*>(QStringLiteral("compareOutput"));
        QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("compareButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(out->toPlainText().startsWith(QStringLiteral("A: ")), 20000);
        const QString gui = out->toPlainText();

        util::ProcessSpec spec;
        spec.program = qEnvironmentVariable("SAGEDOCK_CLI");
        spec.arguments = {QStringLiteral("diagnose-log"), pathA, QStringLiteral("--compare"), pathB};
        util::ProcessJob cli(spec);
        QSignalSpy done(&cli, &util::Job::finished);
        cli.start();
        QVERIFY(done.wait(60000));
        QVERIFY(!cli.error());
        QCOMPARE(cli.result().exitCode, 0);
        const QString text = QString::fromUtf8(cli.result().standardOutput);
        // The CLI prints both diagnoses first, then the comparison: from "A: <path A>" to the end.
        const qsizetype start = text.lastIndexOf(QStringLiteral("\nA: ") + pathA + QLatin1Char('\n'));
        QVERIFY2(start > 0, qPrintable(text));
        QCOMPARE(text.mid(start + 1), gui);
        QVERIFY(gui.contains(QLatin1String("Executed in A, cached in B:")));
        QVERIFY(gui.contains(QLatin1String("differs in B:")));
    }
};

QTEST_MAIN(TestBuildCompare)
#include "tst_buildcompare.moc"
