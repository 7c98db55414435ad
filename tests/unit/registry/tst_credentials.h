#pragma once
// Test class declaration kept apart from its data: moc cannot read the raw-string samples.

#include "scriptonpath.h"

#include <QObject>

#include <memory>

class TestCredentials : public QObject {
    Q_OBJECT
    std::unique_ptr<sagedock::testsupport::ScriptOnPath> m_helper;

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
