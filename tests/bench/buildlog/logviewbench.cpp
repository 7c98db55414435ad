// sagedock-logview-bench [seconds] [lines-per-second]: feeds a shown LogView with BuildKit plain output
// at a steady rate (default 10 000 lines/s for 10 s, delivered every 10 ms like QProcess read chunks,
// following on) while a 5 ms QTimer probe records the gaps between its ticks. A gap well above 5 ms is
// an event-loop stall. Prints one JSON object: max/p99 gap, lines shown, time to catch up at the end.

#include "widgets/logview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QListView>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace sagedock;

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const double seconds = args.size() > 1 ? args.at(1).toDouble() : 10.0;
    const double rate = args.size() > 2 ? args.at(2).toDouble() : 10000.0;

    app::LogView view;
    view.resize(1200, 800);
    view.show();
    app.processEvents();

    QElapsedTimer clock;
    qint64 sent = 0;
    int step = 1;
    int inStep = 0;
    auto produce = [&](qint64 count) {
        QByteArray chunk;
        chunk.reserve(count * 90);
        for (qint64 i = 0; i < count; ++i) {
            if (inStep == 0) {
                chunk += "#" + QByteArray::number(step) + " [with-targets " +
                         QByteArray::number(step % 9 + 1) + "/9] RUN make build-" + QByteArray::number(step) +
                         '\n';
            } else if (inStep == 499) {
                chunk += "#" + QByteArray::number(step) + (step % 3 ? " DONE 12.3s\n" : " CACHED\n");
                inStep = -1;
                ++step;
            } else {
                chunk += "#" + QByteArray::number(step) + ' ' + QByteArray::number(inStep * 0.01, 'f', 3) +
                         " [sagelib-10.5] gcc -O2 -c src/sage/module_" + QByteArray::number(sent + i) +
                         ".c\n";
            }
            ++inStep;
        }
        view.appendData(chunk);
        sent += count;
    };

    std::vector<double> gaps;
    gaps.reserve(size_t(seconds * 250));
    QElapsedTimer probeClock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        gaps.push_back(probeClock.nsecsElapsed() / 1e6);
        probeClock.restart();
    });
    QTimer producer;
    producer.setTimerType(Qt::PreciseTimer);
    producer.setInterval(10);
    QObject::connect(&producer, &QTimer::timeout, &app, [&] {
        const qint64 due = qint64(clock.nsecsElapsed() / 1e9 * rate);
        if (due > sent)
            produce(due - sent);
        if (clock.nsecsElapsed() / 1e9 >= seconds) {
            producer.stop();
            probe.stop();
            app.quit();
        }
    });
    clock.start();
    probeClock.start();
    probe.start();
    producer.start();
    app.exec();

    // Everything sent must be on screen within one batch interval.
    QElapsedTimer catchUp;
    catchUp.start();
    while (view.lineCount() < std::min<qint64>(sent, view.maximumLines()) && catchUp.elapsed() < 5000)
        app.processEvents(QEventLoop::WaitForMoreEvents, 10);
    const double catchUpMs = catchUp.nsecsElapsed() / 1e6;

    std::sort(gaps.begin(), gaps.end());
    const double maxGap = gaps.empty() ? 0 : gaps.back();
    const double p99 = gaps.empty() ? 0 : gaps[size_t(double(gaps.size() - 1) * 0.99)];
    const double median = gaps.empty() ? 0 : gaps[gaps.size() / 2];
    std::printf(
        "{\"seconds\":%.1f,\"target_lines_per_s\":%.0f,\"lines_sent\":%lld,\"lines_shown\":%d,"
        "\"achieved_lines_per_s\":%.0f,\"probe_ticks\":%zu,\"probe_median_ms\":%.2f,\"probe_p99_ms\":%.2f,"
        "\"max_stall_ms\":%.2f,\"catch_up_ms\":%.1f}\n",
        seconds, rate, static_cast<long long>(sent), view.lineCount(), sent / seconds, gaps.size(), median,
        p99, maxGap, catchUpMs);
    return 0;
}
