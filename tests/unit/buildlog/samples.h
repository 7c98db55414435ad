#pragma once
// Sample logs for the buildlog tests: the real recorded logs in tests/fixtures/logs/samples and the rawjson
// samples written from the schema (protocols.md D3) in ./data; plus a stable text form of events so
// that two event streams can be compared exactly.

#include "buildlog/buildevent.h"
#include "testenvironment.h"

#include <QFile>
#include <QStringList>

namespace sagedock::buildlogtest {

inline QStringList recordedLogs() {
    return {QStringLiteral("buildkit-plain-arg-changed.log"),
            QStringLiteral("buildkit-plain-copy-changed-import-error.log"),
            QStringLiteral("buildkit-plain-step-error.log"), QStringLiteral("legacy-partly-cached.log"),
            QStringLiteral("legacy-step-error.log")};
}
inline QStringList rawJsonSamples() {
    return {QStringLiteral("rawjson-copy-changed-import-error.json"),
            QStringLiteral("rawjson-base-pulled-step-error.json")};
}
inline QStringList allSamples() {
    return recordedLogs() + rawJsonSamples();
}

inline QByteArray readSample(const QString& name) {
    const QString path = name.endsWith(QLatin1String(".json"))
                             ? QStringLiteral(SAGEDOCK_BUILDLOG_TESTDATA "/") + name
                             : testsupport::sampleLog(name);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read sample log %s", qPrintable(path));
    return f.readAll();
}

inline QString describe(const buildlog::BuildEvent& e) {
    QString s = QString::number(int(e.type)) + u'|' + QString::number(int(e.status)) + u'|' +
                QString::number(int(e.lineKind)) + u'|' + QString::number(e.build) + u'|' +
                QString::number(e.step) + u'|' + QString::number(e.seconds, 'f', 6) + u'|' + e.text;
    if (e.type == buildlog::BuildEvent::Type::StepStarted)
        s += u'|' + e.info.name + u'|' + QString::number(int(e.info.kind)) + u'|' + e.info.stage + u'|' +
             e.info.platform + u'|' + QString::number(e.info.index) + u'/' + QString::number(e.info.total) +
             u'|' + e.info.keyword + u'|' + e.info.instruction + u'|' + e.info.parentStage;
    return s;
}

inline QStringList describe(const buildlog::BuildEvents& events) {
    QStringList out;
    out.reserve(events.size());
    for (const buildlog::BuildEvent& e : events)
        out.append(describe(e));
    return out;
}

} // namespace sagedock::buildlogtest
