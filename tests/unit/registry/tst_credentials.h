#pragma once
// Test class declaration kept apart from its data: moc cannot read the raw-string samples.

#include <QByteArray>
#include <QObject>
#include <QTemporaryDir>

class TestCredentials : public QObject {
    Q_OBJECT
    QTemporaryDir m_bin;
    QByteArray m_oldPath;

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void keys_data();
    void keys();

    void decode_data();
    void decode();

    void config_data();
    void config();
    void brokenConfigNamesTheFile();
    void environmentAuths();

    void helper_data();
    void helper();
    void missingHelper();
    void lookupThroughDockerConfig();
};
