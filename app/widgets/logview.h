#pragma once
// A live docker build log that keeps up with fast output (10 000 lines/s): raw bytes go in, are parsed
// incrementally (format auto-detected) and shown one row per line, cached steps dimmed, executed steps
// bold, errors red, with a status icon on each step header (colour is never the only signal).
// Rows are batched into the model every 50 ms; the oldest lines are dropped past maximumLines().
// Follow keeps the newest line in view; search finds text forwards and backwards.
// Usage:
//   auto* log = new LogView(this);
//   connect(runner, &imagebuild::Runner::logData, log, [log](int, const QByteArray& d) { log->appendData(d);
//   }); connect(log, &LogView::eventsParsed, diagnosisView, &DiagnosisView::addEvents); log->loadFile(path);
//   // a finished log, read in slices without blocking the UI

#include "buildlog/parser.h"

#include <QAbstractListModel>
#include <QFile>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QListView;
class QTimer;
class QToolButton;

namespace sagedock::app {

class LogLineModel final : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogLineModel)
public:
    enum Column { TextColumn = 0 };
    enum Roles {
        KindRole = Qt::UserRole + 1, // buildlog::LineKind as int
        StepRole,                    // the step id (-1 = none)
        BuildRole,                   // which build of a concatenated log
        StatusRole,                  // buildlog::StepStatus of the line's step as int (-1 = none)
    };
    explicit LogLineModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    // Appends Line events and applies StepFinished outcomes; drops the oldest rows past `maxLines`.
    void append(const buildlog::BuildEvents& events, int maxLines);
    void clear();
    int droppedLines() const { return m_dropped; }

private:
    struct Line {
        QString text;
        buildlog::LineKind kind;
        int build;
        int step;
    };
    static quint64 key(int build, int step) { return (quint64(quint32(build)) << 32) | quint32(step); }
    QList<Line> m_lines;
    QHash<quint64, buildlog::StepStatus> m_status;
    QHash<quint64, qint64> m_firstRow; // a step's first line, counted from the start of the log
    int m_dropped = 0;
    // Created once: a QIcon made per data() call would re-render its SVG on every paint.
    QIcon m_cachedIcon, m_executedIcon, m_errorIcon, m_cancelledIcon;
};

class LogView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)
public:
    explicit LogView(QWidget* parent = nullptr);
    ~LogView() override;

    // Feeds raw log bytes (any split). Parsing is immediate; rows appear at the next 50 ms batch.
    void appendData(QByteArrayView chunk);
    // End of the log: parses a last unterminated line and shows everything now.
    void finish();
    void clear();
    // Reads a log file in slices from the event loop (never blocks the UI); finished() when done.
    bool loadFile(const QString& path, QString* error = nullptr);

    void setMaximumLines(int lines);
    int maximumLines() const { return m_maxLines; }
    bool follow() const;
    void setFollow(bool on);
    int lineCount() const;
    buildlog::LogFormat format() const;
    LogLineModel* model() const { return m_model; }
    QListView* view() const { return m_view; }

    // Selects the next (or previous) line containing `text`, wrapping around; false if none does.
    bool find(const QString& text, bool backwards = false);

Q_SIGNALS:
    // Every parsed event except Line events, in order (feed a buildlog::Diagnoser or a DiagnosisView).
    void eventsParsed(const sagedock::buildlog::BuildEvents& events);
    void fileLoaded();

private:
    void flush();
    void readFileSlice();
    void resetParser();
    void updateCount();

    std::unique_ptr<buildlog::Parser> m_parser;
    buildlog::BuildEvents m_pending;
    LogLineModel* m_model;
    QListView* m_view;
    QLineEdit* m_search;
    QToolButton* m_follow;
    QLabel* m_count;
    QLabel* m_searchStatus;
    QTimer* m_flushTimer;
    QTimer* m_fileTimer;
    std::unique_ptr<QFile> m_file;
    int m_maxLines = 200000;
};

} // namespace sagedock::app
