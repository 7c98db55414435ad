#pragma once
// Test class declaration kept apart from its data: moc cannot read the raw-string samples.

#include <QByteArray>
#include <QObject>
#include <QTemporaryDir>

class TestParsers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // --- WWW-Authenticate ----------------------------------------------------------------------
    void challenges_data();
    void challenges();
    void severalChallenges();

    // --- Link ----------------------------------------------------------------------------------
    void links_data();
    void links();

    // --- errors --------------------------------------------------------------------------------
    void errors_data();
    void errors();
    void rateLimitedUntil();
    void transportErrorPassesThrough();
    void loginCommands();

    // --- rate limits ---------------------------------------------------------------------------
    void rateLimits_data();
    void rateLimits();
    void rateLimitReset();

    // --- manifests -----------------------------------------------------------------------------
    void manifestTypes_data();
    void manifestTypes();
    void badManifests_data();
    void badManifests();
    void imageConfig();
    void digests();
    void rfc3339_data();
    void rfc3339();
    void repositories_data();
    void repositories();
    void acceptHeaderHasAllFour();
};
