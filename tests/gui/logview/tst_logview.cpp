// LogView and DiagnosisView offscreen: styling of cached/executed/failed steps, follow, search, the
// line cap, file loading without blocking, live diagnosis as events arrive, and both models under
// QAbstractItemModelTester.

#include "testenvironment.h"
#include "widgets/diagnosisview.h"
#include "widgets/logview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFont>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace sagedock;
using namespace sagedock::app;
using buildlog::LineKind;
using buildlog::StepStatus;

namespace {

QByteArray sample(const QString& name) {
    QFile f(name.endsWith(u".json") ? QStringLiteral(SAGEDOCK_BUILDLOG_TESTDATA "/") + name
                                    : testsupport::sampleLog(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}

int rowOf(const LogLineModel* m, const QString& text) {
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->data(m->index(r), Qt::DisplayRole).toString() == text)
            return r;
    return -1;
}

} // namespace

class TestLogView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void stylesSteps() {
        LogView view;
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(900, 500);
        view.show();
        const QByteArray log = sample(QStringLiteral("buildkit-plain-step-error.log"));
        for (qsizetype pos = 0; pos < log.size(); pos += 37)
            view.appendData(QByteArrayView(log).sliced(pos, std::min<qsizetype>(37, log.size() - pos)));
        view.finish();
        QCOMPARE(view.format(), buildlog::LogFormat::BuildKitPlain);
        QCOMPARE(view.lineCount(), int(log.count('\n')) + (log.endsWith('\n') ? 0 : 1));
        const LogLineModel* m = view.model();

        // Cached: header dimmed, with an icon and a tooltip saying so.
        const int cached =
            rowOf(m, QStringLiteral("#4 [with-system-packages 1/2] FROM docker.io/library/bars-base"));
        QVERIFY(cached >= 0);
        const QModelIndex ci = m->index(cached);
        QCOMPARE(m->data(ci, LogLineModel::StatusRole).toInt(), int(StepStatus::Cached));
        QCOMPARE(m->data(ci, Qt::ForegroundRole).value<QColor>(),
                 QApplication::palette().color(QPalette::Disabled, QPalette::Text));
        QVERIFY(!m->data(ci, Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(m->data(ci, Qt::ToolTipRole).toString().contains(QLatin1String("Cached")));
        QVERIFY(!m->data(ci, Qt::FontRole).value<QFont>().bold());

        // Executed: header bold, not dimmed.
        const int executed = rowOf(m, QStringLiteral("#9 [with-targets 1/2] COPY data /data"));
        const QModelIndex ei = m->index(executed);
        QCOMPARE(m->data(ei, LogLineModel::StatusRole).toInt(), int(StepStatus::Done));
        QVERIFY(m->data(ei, Qt::FontRole).value<QFont>().bold());
        QVERIFY(!m->data(ei, Qt::ForegroundRole).isValid());
        QVERIFY(m->data(ei, Qt::ToolTipRole).toString().contains(QLatin1String("Executed")));

        // Failed: the ERROR line red, the header red and bold; the error block red too.
        const int error =
            rowOf(m, QStringLiteral("#10 ERROR: executor failed running [/bin/sh -c test -f /data/ok || "
                                    "(echo \"make: *** [build] Error 2\" >&2; exit 2)]: exit code: 2"));
        QVERIFY(error >= 0);
        QCOMPARE(m->data(m->index(error), LogLineModel::KindRole).toInt(), int(LineKind::Error));
        QCOMPARE(m->data(m->index(error), Qt::ForegroundRole).value<QColor>(), QColor(0xc6, 0x28, 0x28));
        const int failedHeader =
            rowOf(m, QStringLiteral("#10 [with-targets 2/2] RUN test -f /data/ok || (echo \"make: "
                                    "*** [build] Error 2\" >&2; exit 2)"));
        QCOMPARE(m->data(m->index(failedHeader), LogLineModel::StatusRole).toInt(), int(StepStatus::Error));
        QVERIFY(m->data(m->index(failedHeader), Qt::FontRole).value<QFont>().bold());
        QCOMPARE(m->data(m->index(failedHeader), Qt::ToolTipRole).toString(), QStringLiteral("Failed"));
        const int block = rowOf(m, QStringLiteral("------"));
        QCOMPARE(m->data(m->index(block), Qt::ForegroundRole).value<QColor>(), QColor(0xc6, 0x28, 0x28));
        // Output lines belong to their step.
        const int output = rowOf(m, QStringLiteral("#10 0.219 make: *** [build] Error 2"));
        QCOMPARE(m->data(m->index(output), LogLineModel::StepRole).toInt(), 10);
        QCOMPARE(m->data(m->index(output), LogLineModel::KindRole).toInt(), int(LineKind::Output));
    }

    void legacyAndRawJson_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("cachedLine");
        QTest::addColumn<QString>("executedLine");
        QTest::newRow("legacy") << "legacy-partly-cached.log"
                                << "Step 2/10 : RUN echo pkgs > /pkgs"
                                << "Step 9/10 : COPY data /data";
        QTest::newRow("rawjson") << "rawjson-copy-changed-import-error.json"
                                 << "#7 [with-system-packages 2/2] RUN echo pkgs > /pkgs"
                                 << "#10 [with-targets 1/2] COPY data /data";
    }
    void legacyAndRawJson() {
        QFETCH(QString, file);
        QFETCH(QString, cachedLine);
        QFETCH(QString, executedLine);
        LogView view;
        view.appendData(sample(file));
        view.finish();
        const LogLineModel* m = view.model();
        const int cached = rowOf(m, cachedLine);
        const int executed = rowOf(m, executedLine);
        QVERIFY2(cached >= 0 && executed >= 0, qPrintable(file));
        QCOMPARE(m->data(m->index(cached), LogLineModel::StatusRole).toInt(), int(StepStatus::Cached));
        QCOMPARE(m->data(m->index(executed), LogLineModel::StatusRole).toInt(), int(StepStatus::Done));
        QVERIFY(m->data(m->index(executed), Qt::FontRole).value<QFont>().bold());
    }

    void followAndSearch() {
        LogView view;
        view.resize(600, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* follow = view.findChild<QToolButton*>(QStringLiteral("logFollow"));
        QVERIFY(follow && follow->isChecked());
        QByteArray lines;
        for (int i = 0; i < 2000; ++i)
            lines += "#5 " + QByteArray::number(i / 100.0, 'f', 3) + " output line " + QByteArray::number(i) +
                     '\n';
        view.appendData("#5 [s 1/1] RUN long\n");
        view.appendData(lines);
        QScrollBar* sb = view.view()->verticalScrollBar();
        QTRY_COMPARE(view.lineCount(), 2001);
        QTRY_VERIFY(sb->maximum() > 0 && sb->value() == sb->maximum());

        // Search: forwards, backwards with wrap-around, and no match.
        auto* search = view.findChild<QLineEdit*>(QStringLiteral("logSearch"));
        auto* next = view.findChild<QToolButton*>(QStringLiteral("logFindNext"));
        auto* previous = view.findChild<QToolButton*>(QStringLiteral("logFindPrevious"));
        auto* status = view.findChild<QLabel*>(QStringLiteral("logSearchStatus"));
        QVERIFY(search && next && previous && status);
        search->setText(QStringLiteral("OUTPUT LINE 150"));
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(view.view()->currentIndex().row(),
                 151);                 // "output line 150" (case-insensitive), after the header
        QVERIFY(!follow->isChecked()); // searching stops following
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(view.view()->currentIndex().row(), 1501); // "output line 1500"
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(view.view()->currentIndex().row(), 1502); // "output line 1501" contains it too
        QTest::mouseClick(previous, Qt::LeftButton);
        QTest::mouseClick(previous, Qt::LeftButton);
        QCOMPARE(view.view()->currentIndex().row(), 151);
        QTest::mouseClick(previous, Qt::LeftButton);
        QCOMPARE(view.view()->currentIndex().row(), 1510); // wrapped around backwards: "output line 1509"
        search->setText(QStringLiteral("no such text"));
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(status->text(), QStringLiteral("No match"));

        // Not following: new lines do not move the view.
        const int before = sb->value();
        view.appendData(lines);
        QTRY_COMPARE(view.lineCount(), 4001);
        QCOMPARE(sb->value(), before);
        QTest::mouseClick(follow, Qt::LeftButton);
        QVERIFY(follow->isChecked());
        QTRY_COMPARE(sb->value(), sb->maximum());
    }

    void capsLines() {
        LogView view;
        view.setMaximumLines(1000);
        QByteArray lines;
        for (int i = 0; i < 5000; ++i)
            lines += "line " + QByteArray::number(i) + '\n';
        view.appendData(lines);
        view.finish();
        QVERIFY(view.lineCount() <= 1000);
        QVERIFY(view.lineCount() >= 900);
        QCOMPARE(view.model()->data(view.model()->index(view.lineCount() - 1)).toString(),
                 QStringLiteral("line 4999"));
        QVERIFY(view.findChild<QLabel*>(QStringLiteral("logLineCount"))
                    ->text()
                    .contains(QLatin1String("dropped")));
    }

    void loadsFileAndDiagnosesLive() {
        LogView view;
        DiagnosisView diagnosis;
        QAbstractItemModelTester tester(diagnosis.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(&view, &LogView::eventsParsed, &diagnosis, &DiagnosisView::addEvents);
        QSignalSpy loaded(&view, &LogView::fileLoaded);
        QSignalSpy parsed(&view, &LogView::eventsParsed);
        QVERIFY(view.loadFile(
            testsupport::sampleLog(QStringLiteral("buildkit-plain-copy-changed-import-error.log"))));
        QVERIFY(loaded.wait(5000));
        QVERIFY(parsed.count() >= 1);
        diagnosis.setFormat(view.format());
        QTRY_COMPARE(diagnosis.model()->rowCount(), 4);
        auto* table = diagnosis.findChild<QTableView*>(QStringLiteral("diagnosisStages"));
        QVERIFY(table);
        const QAbstractItemModel* shown = table->model();
        QCOMPARE(shown->index(3, DiagnosisModel::Stage).data().toString(), QStringLiteral("with-targets"));
        QCOMPARE(shown->index(3, DiagnosisModel::FirstExecuted).data().toString(),
                 QStringLiteral("[with-targets 1/2] COPY data /data"));
        QCOMPARE(shown->index(3, DiagnosisModel::Executed).data(DiagnosisModel::RawRole).toInt(), 2);
        QCOMPARE(shown->index(3, DiagnosisModel::Reason).data(DiagnosisModel::ReasonCodeRole).toString(),
                 QStringLiteral("copy-input-changed"));
        QCOMPARE(shown->index(0, DiagnosisModel::FirstExecuted).data().toString(),
                 QStringLiteral("— (all cached)"));
        QCOMPARE(shown->index(0, DiagnosisModel::Stage).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Fully cached"));
        // The panel points at the stage where the cache broke.
        QCOMPARE(table->currentIndex().row(), 3);
        auto* detail = diagnosis.findChild<QLabel*>(QStringLiteral("diagnosisDetail"));
        QVERIFY(detail->text().contains(QLatin1String("COPY data /data")));
        auto* notes = diagnosis.findChild<QListWidget*>(QStringLiteral("diagnosisNotes"));
        QVERIFY(notes->count() >= 1);
        QVERIFY(notes->item(0)->text().contains(
            QLatin1String("Cache import FAILED: 127.0.0.1:5099/nowhere/cache:dev")));
        QVERIFY(diagnosis.findChild<QLabel*>(QStringLiteral("diagnosisSummary"))
                    ->text()
                    .contains(QLatin1String("3 cached")));

        // Sorting through the proxy by a numeric column uses raw values.
        table->sortByColumn(DiagnosisModel::Executed, Qt::DescendingOrder);
        QCOMPARE(table->model()->index(0, DiagnosisModel::Stage).data().toString(),
                 QStringLiteral("with-targets"));

        // A missing file is an error, not a hang.
        QString error;
        QVERIFY(!view.loadFile(QStringLiteral("/nonexistent/build.log"), &error));
        QVERIFY(error.contains(QLatin1String("/nonexistent/build.log")));
    }

    void liveStagesGrow() {
        // While a build runs, stages appear and fill in; the model inserts rows instead of resetting.
        DiagnosisView diagnosis;
        QAbstractItemModelTester tester(diagnosis.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(diagnosis.model(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(diagnosis.model(), &QAbstractItemModel::modelReset);
        auto parser = buildlog::Parser::create(buildlog::LogFormat::Unknown);
        const QByteArray log = sample(QStringLiteral("buildkit-plain-arg-changed.log"));
        const qsizetype half = log.indexOf("#7 [with-targets-pre");
        diagnosis.addEvents(parser->feed(QByteArrayView(log).first(half)));
        QTRY_COMPARE(diagnosis.model()->rowCount(), 2);
        diagnosis.addEvents(parser->feed(QByteArrayView(log).sliced(half)));
        diagnosis.addEvents(parser->finish());
        QTRY_COMPARE(diagnosis.model()->rowCount(), 4);
        QCOMPARE(reset.count(), 0);
        QVERIFY(inserted.count() >= 2);
        QCOMPARE(diagnosis.diagnosis().stage(QStringLiteral("configured"))->firstExecuted->reason,
                 buildlog::MissReason::BuildArgChanged);
        diagnosis.clear();
        QCOMPARE(diagnosis.model()->rowCount(), 0);
    }
};

QTEST_MAIN(TestLogView)
#include "tst_logview.moc"
