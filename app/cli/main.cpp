// sagedock-cli: the headless face of SageDock, on the same core as the GUI.

#include "command.h"
#include "util/filemode.h"
#include "util/log.h"
#include "util/paths.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

using namespace sagedock;

namespace {

void printHelp(QTextStream& out) {
    out << "Usage: sagedock-cli [--version] [--help] [--verbose] [--timeout SECONDS] COMMAND [ARGS...]\n\n"
        << "SageDock for the terminal and CI jobs: SageMath stage images, build logs, launches.\n\n"
        << "Commands:\n";
    for (const cli::Command& c : cli::commands())
        out << "  " << QString::fromLatin1(c.name).leftJustified(14) << " " << QString::fromUtf8(c.summary)
            << "\n";
    out << "\nRun 'sagedock-cli COMMAND --help' for a command's options.\n"
        << "--timeout SECONDS: the longest any command may wait, then it gives up with exit 1 (0 = no\n"
        << "limit; default 300, none for build and launch, which have their own limits).\n"
        << "Exit codes: 0 ok, 1 failure or a --fail-on condition met, 2 usage error.\n";
    out.flush();
}

// Commands that run for as long as their work takes (a build: hours; launch: a pull, then its own
// --timeout for Jupyter and a pull idle limit) have no overall limit unless one is given.
int defaultTimeoutSeconds(const QString& command) {
    return command == QLatin1String("build") || command == QLatin1String("launch") ? 0 : 300;
}

} // namespace

int main(int argc, char* argv[]) {
    sagedock::util::forbidWorldWritable(); // before anything creates a file or folder
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("SageDock"));
    QCoreApplication::setApplicationName(QStringLiteral("SageDock"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SAGEDOCK_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    cli::Io io{out, err};

    QStringList args = app.arguments();
    bool verbose = false;
    int timeoutSeconds = -1; // not given: the command's default
    args.removeFirst();
    while (!args.isEmpty() && args.first().startsWith(QLatin1Char('-'))) {
        QString flag = args.takeFirst();
        if (flag == QLatin1String("--timeout") || flag.startsWith(QLatin1String("--timeout="))) {
            const QString value = flag.contains(QLatin1Char('=')) ? flag.section(QLatin1Char('='), 1)
                                  : args.isEmpty()                ? QString()
                                                                  : args.takeFirst();
            bool ok = false;
            timeoutSeconds = value.toInt(&ok);
            if (!ok || timeoutSeconds < 0) {
                err << "sagedock-cli: --timeout needs a number of seconds (0 = no limit)\n";
                return cli::ExitUsage;
            }
            continue;
        }
        if (flag == QLatin1String("--version") || flag == QLatin1String("-V")) {
            out << "sagedock-cli " << SAGEDOCK_VERSION << "\n";
            return cli::ExitOk;
        }
        if (flag == QLatin1String("--help") || flag == QLatin1String("-h")) {
            printHelp(out);
            return cli::ExitOk;
        }
        if (flag == QLatin1String("--verbose") || flag == QLatin1String("-v")) {
            verbose = true;
            continue;
        }
        err << "sagedock-cli: unknown option " << flag << "\n";
        return cli::ExitUsage;
    }
    if (args.isEmpty()) {
        printHelp(err);
        return cli::ExitUsage;
    }
    const QString name = args.takeFirst();
    const cli::Command* command = nullptr;
    for (const cli::Command& c : cli::commands())
        if (name == QLatin1String(c.name))
            command = &c;
    if (!command) {
        err << "sagedock-cli: unknown command '" << name << "'. Run 'sagedock-cli --help'.\n";
        return cli::ExitUsage;
    }

    util::initLogging({.directory = util::logDirectory(),
                       .toStderr = verbose,
                       .level = verbose ? util::LogLevel::Debug : util::LogLevel::Info});

    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(command->summary));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (command->describe)
        command->describe(parser);
    if (!parser.parse(QStringList{QStringLiteral("sagedock-cli ") + name} + args))
        return cli::usageError(io, name, parser.errorText());
    if (parser.isSet(help)) {
        // Qt names the binary by the path it was started with; people type "sagedock-cli COMMAND".
        QString text = parser.helpText();
        text.replace(QStringLiteral("Usage: ") + QCoreApplication::arguments().constFirst(),
                     QStringLiteral("Usage: sagedock-cli ") + name);
        out << text;
        return cli::ExitOk;
    }

    int exitCode = cli::ExitOk;
    bool finished = false;
    const auto finish = [&](int code) {
        if (finished)
            return;
        finished = true;
        exitCode = code;
        out.flush();
        err.flush();
        QCoreApplication::exit(code);
    };
    if (timeoutSeconds < 0)
        timeoutSeconds = defaultTimeoutSeconds(name);
    if (timeoutSeconds > 0)
        // One limit for everything a command waits on (registry, engine, processes): jobs still running
        // are dropped with the application, which stops their requests and process groups.
        QTimer::singleShot(qint64(timeoutSeconds) * 1000, &app, [&, timeoutSeconds] {
            if (finished)
                return;
            err << "sagedock-cli: " << name << " gave up after " << timeoutSeconds
                << " s (--timeout); nothing answered in time.\n";
            finish(cli::ExitFailure);
        });
    QTimer::singleShot(0, &app, [&] { command->run(parser, io, finish); });
    if (!finished)
        app.exec();
    return exitCode;
}
