// Benchmark helper for scripts/bench.d/launch.sh (not a test): the Launch page, offscreen, launches
// an image that is only in a registry, so the click pulls it first: the same code path as the Launch
// button (LaunchPage::launchSelected → Launcher → engine pull with progress). Prints, as JSON, how
// often the page's progress widgets (the progress bar's value, the bytes/layers/ETA text) changed
// while the pull ran, the same for the bar's value alone, the longest gaps between such changes, and
// the longest event-loop stall seen by a 5 ms timer, with the CPU time the UI thread itself spent
// inside that gap (the rest of a gap is the OS running other processes: on a loaded machine that is
// not the app's doing); then removes the session it started.
// Usage: bench_launchpull <repository> <tag>     e.g. 127.0.0.1:5001/bench/sagemath latest
// SAGEDOCK_BENCH_TRACE=1 prints the timeline of progress signals on stderr.
// Engine: DOCKER_HOST or the default socket, as the app resolves it.

#include "appcontext.h"
#include "engine/engineclient.h"
#include "http/transport.h"
#include "launch/launcher.h"
#include "launch/ports.h"
#include "models/releasemodel.h"
#include "pages/launchpage.h"
#include "util/settings.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLabel>
#include <QProgressBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <ctime>

namespace {

using sagedock::launch::Launcher;

// Runs the event loop until `done` (checked every 20 ms) or the timeout; false on timeout.
template <typename Pred> bool waitFor(Pred done, int timeoutMs) {
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    check.start(20);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

// CPU time of the calling (UI) thread, in microseconds.
qint64 threadCpuUs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

} // namespace

int main(int argc, char* argv[]) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_launchpull <repository> <tag>\n");
        return 2;
    }
    const QString repository = QString::fromLocal8Bit(argv[1]);
    const QString tag = QString::fromLocal8Bit(argv[2]);
    QTemporaryDir tmp;
    QSettings qs(tmp.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    sagedock::util::Settings settings(&qs);
    settings.setOpenBrowser(false);
    settings.setNotebooksFolder(tmp.filePath(QStringLiteral("SageMath")));
    settings.setJupyterPort(sagedock::launch::findFreePort(QStringLiteral("127.0.0.1"), 28888));
    sagedock::app::AppContext context(settings, sagedock::http::Transport::shared());
    sagedock::app::LaunchPage page(context);
    page.resize(900, 600);
    page.show();
    page.setExtraLabels({{QStringLiteral("org.sagedock.bench"), QStringLiteral("launch-pull")}});
    page.setRepository(repository);

    // The release list comes from the registry (the image is not local): pick the tag.
    auto* view = page.findChild<QTreeView*>(QStringLiteral("releaseView"));
    int row = -1;
    if (!waitFor(
            [&] {
                for (int r = 0; r < view->model()->rowCount(); ++r)
                    if (view->model()->index(r, 0).data().toString() == tag)
                        row = r;
                return row >= 0;
            },
            30000)) {
        std::fprintf(stderr, "bench_launchpull: tag %s not listed for %s\n", argv[2], argv[1]);
        return 1;
    }
    view->setCurrentIndex(view->model()->index(row, 0));

    auto* bar = page.findChild<QProgressBar*>(QStringLiteral("pullProgress"));
    auto* text = page.findChild<QLabel*>(QStringLiteral("layersLabel"));
    QElapsedTimer clock;
    QElapsedTimer sinceTick;
    qint64 maxStallPull = 0, maxStallAll = 0, stallCpuUs = 0, stallAt = 0, maxBusyUs = 0;
    qint64 cpuAtTick = threadCpuUs();
    qint64 pullStart = -1;
    bool pulling = false;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, &app, [&] {
        const qint64 gap = sinceTick.restart();
        const qint64 cpu = threadCpuUs();
        const qint64 busyUs = cpu - cpuAtTick;
        cpuAtTick = cpu;
        maxStallAll = std::max(maxStallAll, gap);
        if (!pulling)
            return;
        maxBusyUs = std::max(maxBusyUs, busyUs);
        if (gap > maxStallPull) {
            maxStallPull = gap;
            stallCpuUs = busyUs;
            stallAt = clock.elapsed() - pullStart;
        }
    });

    qint64 pullEnd = -1, downloadedAt = -1, lastUpdate = -1, maxGap = 0, firstUpdate = -1;
    int updates = 0, progressSignals = 0, barUpdates = 0;
    qint64 lastBarUpdate = -1, maxBarGap = 0;
    QString lastText;
    int lastValue = -2;
    qint64 totalBytes = 0;
    bool ready = false;
    QString failure;
    QString sessionId;
    const bool trace = qEnvironmentVariableIsSet("SAGEDOCK_BENCH_TRACE"); // timeline on stderr

    clock.start();
    sinceTick.start();
    ticker.start();
    {
        // The page first looks for a running session on the same folder, then starts the Launcher.
        QEventLoop started;
        QObject::connect(&page, &sagedock::app::LaunchPage::launchStarted, &started, &QEventLoop::quit);
        QTimer::singleShot(30000, &started, &QEventLoop::quit);
        page.launchSelected(); // what the Launch button's click runs
        if (!page.launcher())
            started.exec();
    }
    Launcher* job = page.launcher();
    if (!job) {
        std::fprintf(stderr, "bench_launchpull: the page did not start a launch\n");
        return 1;
    }
    QObject::connect(job, &Launcher::stateChanged, &app, [&](Launcher::State s) {
        const qint64 now = clock.elapsed();
        if (s == Launcher::State::Pulling) {
            pulling = true;
            pullStart = now;
        } else if (pulling) {
            pulling = false;
            pullEnd = now;
        }
    });
    // Connected after the page's own slot, so it sees the widgets as the page just left them.
    QObject::connect(job, &Launcher::pullProgress, &app, [&] {
        ++progressSignals;
        const qint64 now = clock.elapsed();
        if (const auto* pull = job->pullJob()) {
            totalBytes = pull->progress().bytesTotal();
            bool allDownloaded = pull->progress().layerCount() > 0;
            for (const auto& l : pull->progress().layers())
                allDownloaded &= l.downloaded;
            if (allDownloaded && downloadedAt < 0)
                downloadedAt = now;
        }
        if (trace && job->pullJob()) {
            // The largest layer's last status from the engine: where the time goes.
            const auto& layers = job->pullJob()->progress().layers();
            const auto big = std::max_element(layers.begin(), layers.end(),
                                              [](const auto& a, const auto& b) { return a.total < b.total; });
            if (big != layers.end())
                std::fprintf(stderr, "%6lld ms  %-18s %lld/%lld  bar %d\n",
                             static_cast<long long>(now - pullStart), qPrintable(big->status),
                             static_cast<long long>(big->current), static_cast<long long>(big->total),
                             bar->value());
        }
        if (bar->value() == lastValue && text->text() == lastText)
            return;
        if (bar->value() != lastValue) {
            // The bar itself moved: the stricter measure (a changing rate alone moves only the text).
            ++barUpdates;
            if (lastBarUpdate >= 0)
                maxBarGap = std::max(maxBarGap, now - lastBarUpdate);
            lastBarUpdate = now;
        }
        lastValue = bar->value();
        lastText = text->text();
        ++updates;
        if (firstUpdate < 0)
            firstUpdate = now;
        if (lastUpdate >= 0)
            maxGap = std::max(maxGap, now - lastUpdate);
        lastUpdate = now;
    });
    QObject::connect(&page, &sagedock::app::LaunchPage::sessionReady, &app,
                     [&](const sagedock::launch::Session& s) {
                         sessionId = s.id;
                         ready = true;
                     });
    QObject::connect(job, &Launcher::finished, &app, [&](const sagedock::util::Error& e) {
        if (e)
            failure = e.toString();
    });
    const bool finished = waitFor([&] { return ready || !failure.isEmpty(); }, 600000);
    const qint64 readyMs = clock.elapsed();
    ticker.stop();

    if (!sessionId.isEmpty()) {
        // Remove the session this run started (the page's own client does the same on Stop).
        auto ep = sagedock::engine::Client::endpointFromSetting(QString());
        sagedock::engine::Client client(ep.value());
        bool removed = false;
        client.removeContainer(sessionId, true, &app, [&](sagedock::util::Error) { removed = true; });
        waitFor([&] { return removed; }, 30000);
    }
    if (!finished || !failure.isEmpty() || pullStart < 0 || pullEnd < 0) {
        std::fprintf(stderr, "bench_launchpull: %s\n",
                     qPrintable(failure.isEmpty() ? QStringLiteral("no pull seen or no end") : failure));
        return 1;
    }
    const qint64 pullMs = pullEnd - pullStart;
    // The window the user watches: from the click's pull start to the end of the pull.
    const qint64 tailGap = pullEnd - lastUpdate;
    std::printf(
        "{\"pull_ms\": %lld, \"download_ms\": %lld, \"bytes\": %lld, \"signals\": %d, \"updates\": %d, "
        "\"updates_per_s\": %.2f, \"first_update_ms\": %lld, \"max_update_gap_ms\": %lld, "
        "\"tail_gap_ms\": %lld, \"max_stall_pull_ms\": %lld, \"max_stall_pull_cpu_ms\": %.1f, "
        "\"max_stall_pull_at_ms\": %lld, \"max_busy_pull_ms\": %.1f, \"max_stall_all_ms\": %lld, "
        "\"bar_updates\": %d, \"bar_updates_per_s\": %.2f, \"max_bar_gap_ms\": %lld, \"ready_ms\": %lld}\n",
        static_cast<long long>(pullMs),
        static_cast<long long>(downloadedAt >= 0 ? downloadedAt - pullStart : -1),
        static_cast<long long>(totalBytes), progressSignals, updates,
        pullMs > 0 ? updates * 1000.0 / double(pullMs) : 0.0,
        static_cast<long long>(firstUpdate >= 0 ? firstUpdate - pullStart : -1),
        static_cast<long long>(maxGap), static_cast<long long>(tailGap), static_cast<long long>(maxStallPull),
        stallCpuUs / 1000.0, static_cast<long long>(stallAt), maxBusyUs / 1000.0,
        static_cast<long long>(maxStallAll), barUpdates,
        pullMs > 0 ? barUpdates * 1000.0 / double(pullMs) : 0.0, static_cast<long long>(maxBarGap),
        static_cast<long long>(readyMs));
    return 0;
}
