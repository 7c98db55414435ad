#pragma once
// Reading the recordings of real tox runs (tests/fixtures/tox/recorded, written by record.py and
// scripts/compare-sage-tox.py): one JSON object per case, with string lists and string maps. Shared by
// the evaluator's table test, the CLI fidelity test and the sagedock-toxcompare tool.
// Usage:
//   const QJsonObject rec = testsupport::readJson(dir.filePath(name));
//   const QStringList argv = testsupport::jsonStrings(rec.value("argv"));

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace sagedock::testsupport {

// The object in a JSON file; empty when the file cannot be read or holds no object.
inline QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

inline QStringList jsonStrings(const QJsonValue& v) {
    QStringList out;
    for (const QJsonValue& s : v.toArray())
        out << s.toString();
    return out;
}

inline QMap<QString, QString> jsonStringMap(const QJsonValue& v) {
    QMap<QString, QString> out;
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

} // namespace sagedock::testsupport
