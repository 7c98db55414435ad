// `sagedock-cli diagnose-log FILE|- [--compare OTHER] [--json]`: which step of a docker build log broke
// the cache, and why. Reads BuildKit plain, BuildKit rawjson and legacy-builder logs (CI logs too).

#include "buildlog/diagnosis.h"
#include "buildlog/renderers.h"
#include "command.h"
#include "imagebuild/buildplan.h"
#include "output.h"

#include "buildlog/parser.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <unistd.h>

using namespace sagedock;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(sagedock::cli)
};

using Loaded = std::function<void(util::Result<buildlog::Diagnoser>)>;

// Standard input, a named pipe or a device is read as it arrives, from the event loop (never a
// blocking read), so the global --timeout ends a pipe that stalls or never closes, like every other
// wait of the CLI. The reader owns a descriptor it opened itself (not standard input).
class StreamReader final : public QObject {
public:
    StreamReader(int fd, bool owned, QString name, Loaded done)
        : QObject(QCoreApplication::instance())
        , m_fd(fd)
        , m_owned(owned)
        , m_name(std::move(name))
        , m_done(std::move(done))
        , m_parser(buildlog::Parser::create(buildlog::LogFormat::Unknown))
        , m_notifier(fd, QSocketNotifier::Read, this)
        , m_chunk(1 << 20, Qt::Uninitialized) {
        connect(&m_notifier, &QSocketNotifier::activated, this, [this] { readSome(); });
    }
    ~StreamReader() override {
        if (m_owned)
            ::close(m_fd);
    }

private:
    void readSome() {
        // The notifier says data (or the end) is there: one read() returns without waiting.
        const ssize_t n = ::read(m_fd, m_chunk.data(), size_t(m_chunk.size()));
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            return;
        if (n < 0)
            return end(util::Error::make(
                util::ErrorCode::Io,
                Text::tr("Cannot read %1: %2").arg(m_name, QString::fromLocal8Bit(std::strerror(errno)))));
        if (n == 0) {
            m_diagnoser.addEvents(m_parser->finish());
            m_diagnoser.setFormat(m_parser->format());
            return end(util::Result<buildlog::Diagnoser>(std::move(m_diagnoser)));
        }
        m_events.clear();
        m_parser->feed(QByteArrayView(m_chunk.constData(), qsizetype(n)), m_events);
        m_diagnoser.addEvents(m_events);
    }

    void end(util::Result<buildlog::Diagnoser> result) {
        m_notifier.setEnabled(false);
        deleteLater();
        m_done(std::move(result));
    }

    int m_fd;
    bool m_owned;
    QString m_name;
    Loaded m_done;
    std::unique_ptr<buildlog::Parser> m_parser;
    buildlog::Diagnoser m_diagnoser;
    buildlog::BuildEvents m_events;
    QSocketNotifier m_notifier;
    QByteArray m_chunk;
};

void report(cli::Io& io, const QString& path, const buildlog::Diagnoser& a, const QString& other,
            const buildlog::Diagnoser* b, bool json) {
    const buildlog::Diagnosis da = a.result();
    // A log SageDock wrote for a tox environment names it in its first line (one bounded read). Only a
    // regular file can be read twice: a pipe is gone, and opening it again would wait for a writer.
    QString toxEnv;
    if (path != QLatin1String("-") && QFileInfo(path).isFile()) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            toxEnv = imagebuild::toxEnvironmentOfLogLine(QString::fromUtf8(f.readLine(4096)));
    }
    if (json) {
        nlohmann::json j = buildlog::toJson(da);
        if (!toxEnv.isEmpty())
            j["tox_env"] = cli::toStd(toxEnv);
        if (b) {
            nlohmann::json c = buildlog::toJson(buildlog::compare(a, *b));
            c["other"] = buildlog::toJson(b->result());
            c["other_file"] = cli::toStd(other);
            j["compare"] = std::move(c);
        }
        cli::printJson(io, j);
        return;
    }
    if (!toxEnv.isEmpty())
        io.out << "tox environment: " << toxEnv << "\n";
    io.out << buildlog::renderDiagnosis(path, da);
    if (b) {
        io.out << "\n" << buildlog::renderDiagnosis(other, b->result());
        io.out << "\n" << buildlog::renderComparison(path, other, buildlog::compare(a, *b));
    }
    io.out.flush();
}

void load(const QString& path, Loaded done) {
    if (path == QLatin1String("-")) {
        new StreamReader(STDIN_FILENO, false, Text::tr("standard input"), std::move(done));
        return;
    }
    const QFileInfo info(path);
    if (!info.exists() || info.isFile() || info.isDir()) {
        done(buildlog::diagnoseFile(path)); // a regular file ends; the others get diagnoseFile's error
        return;
    }
    // A named pipe or a device: O_NONBLOCK so that open() does not wait for a writer, and reads from
    // the event loop so that --timeout applies (Linux reports no hang-up before a writer came).
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        done(buildlog::diagnoseFile(path));
        return;
    }
    new StreamReader(fd, true, path, std::move(done));
}

} // namespace

SAGEDOCK_CLI_COMMAND(
    "diagnose-log", "Explain a docker build log: per-stage cache hits, the first executed step and why.",
    [](QCommandLineParser& p) {
        p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Build log to read, or - for stdin."));
        p.addOption({QStringLiteral("compare"), QStringLiteral("Compare with another log of the same build."),
                     QStringLiteral("OTHER")});
        p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    },
    [](const QCommandLineParser& p, cli::Io& io, cli::Done done) {
        const QStringList args = p.positionalArguments();
        if (args.size() != 1) {
            done(cli::usageError(io, QStringLiteral("diagnose-log"),
                                 QStringLiteral("expected one FILE (or -)")));
            return;
        }
        const QString path = args.first();
        const QString other = p.value(QStringLiteral("compare"));
        if (path == QLatin1String("-") && other == QLatin1String("-")) {
            done(cli::usageError(io, QStringLiteral("diagnose-log"),
                                 QStringLiteral("only one of FILE and OTHER can be standard input")));
            return;
        }
        const bool compare = p.isSet(QStringLiteral("compare"));
        const bool json = p.isSet(QStringLiteral("json"));
        load(path, [&io, done, path, other, compare, json](util::Result<buildlog::Diagnoser> a) {
            if (!a.ok()) {
                done(cli::printError(io, a.error()));
                return;
            }
            if (a.value().result().format == buildlog::LogFormat::Unknown) {
                done(cli::printError(
                    io, util::Error::make(
                            util::ErrorCode::Parse, QStringLiteral("%1 is not a docker build log").arg(path),
                            QStringLiteral("pass the output of docker build (BuildKit plain or rawjson "
                                           "progress, or the legacy builder)"))));
                return;
            }
            if (!compare) {
                report(io, path, a.value(), other, nullptr, json);
                done(cli::ExitOk);
                return;
            }
            // A Diagnoser moves but does not copy; std::function wants a copyable callback.
            auto first = std::make_shared<buildlog::Diagnoser>(std::move(a).value());
            load(other, [&io, done, path, other, json, first](util::Result<buildlog::Diagnoser> b) {
                if (!b.ok()) {
                    done(cli::printError(io, b.error()));
                    return;
                }
                report(io, path, *first, other, &b.value(), json);
                done(cli::ExitOk);
            });
        });
    })
