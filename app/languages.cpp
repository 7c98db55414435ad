#include "languages.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace sagedock::app {

QList<Language> availableLanguages() {
    return {{QString(), QCoreApplication::translate("sagedock::app", "System default")},
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")}};
}

QString installTranslators(const QString& preference) {
    const QLocale locale = preference.isEmpty() ? QLocale::system() : QLocale(preference);
    auto* own = new QTranslator(QCoreApplication::instance());
    // qt_add_translations puts the .qm files under :/i18n.
    if (!own->load(locale, QStringLiteral("sagedock"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete own;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(own);
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    QLocale::setDefault(locale);
    return locale.name().section(QLatin1Char('_'), 0, 0);
}

} // namespace sagedock::app
