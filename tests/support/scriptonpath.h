#pragma once
// A shell script installed as an executable in a temporary folder put first on PATH, for tests that
// need a program to behave in a scripted way (a docker-credential-* helper that answers, fails or
// hangs). PATH is restored when it goes.
// Usage:
//   testsupport::ScriptOnPath helper(QStringLiteral("docker-credential-sagedocktest"), kScript);
//   QVERIFY2(helper.isValid(), "cannot install the helper");

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

namespace sagedock::testsupport {

class ScriptOnPath {
public:
    ScriptOnPath(const QString& name, const QByteArray& script)
        : m_oldPath(qgetenv("PATH")) {
        QFile file(m_dir.filePath(name));
        m_valid = m_dir.isValid() && file.open(QIODevice::WriteOnly) && file.write(script) == script.size();
        file.close();
        m_valid = m_valid && file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("PATH", m_dir.path().toLocal8Bit() + ':' + m_oldPath);
    }
    ~ScriptOnPath() { qputenv("PATH", m_oldPath); }
    ScriptOnPath(const ScriptOnPath&) = delete;
    ScriptOnPath& operator=(const ScriptOnPath&) = delete;

    bool isValid() const { return m_valid; }
    QString folder() const { return m_dir.path(); } // scratch space the script may write to

private:
    QTemporaryDir m_dir;
    QByteArray m_oldPath;
    bool m_valid = false;
};

} // namespace sagedock::testsupport
