#pragma once
// Which translation the app shows: the preference when set, otherwise the system locale.
// Usage (main.cpp): app::installTranslators(settings.language());

#include <QList>
#include <QString>

namespace sagedock::app {

struct Language {
    QString code; // "" = follow the system
    QString nativeName;
};

QList<Language> availableLanguages();
// Loads sagedock_<lang>.qm (compiled into the app) and Qt's own qtbase_<lang>.qm. Returns the
// language code that was applied ("en" when nothing matched).
QString installTranslators(const QString& preference);

} // namespace sagedock::app
