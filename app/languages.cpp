#include "languages.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace sagedock::app {

namespace {

// Core code outside QObject classes translates with a module-level context ("sagedock::registry"),
// while lupdate files a string under the class whose member function it sits in
// ("sagedock::registry::DockerConfig"). When the exact context has no entry, this translator looks
// in the contexts nested below the requested one. The list of contexts is compiled in at build time.
class NamespaceFallbackTranslator : public QTranslator {
public:
    explicit NamespaceFallbackTranslator(QObject* parent)
        : QTranslator(parent) {
        QFile list(QStringLiteral(":/i18n/contexts.txt"));
        if (list.open(QIODevice::ReadOnly))
            for (const QByteArray& line : list.readAll().split('\n'))
                if (!line.trimmed().isEmpty())
                    m_contexts.append(line.trimmed());
    }

    QString translate(const char* context, const char* source, const char* disambiguation = nullptr,
                      int n = -1) const override {
        const QString direct = QTranslator::translate(context, source, disambiguation, n);
        if (!direct.isEmpty() || !context)
            return direct;
        const QByteArray prefix = QByteArray(context) + "::";
        for (const QByteArray& candidate : m_contexts) {
            if (!candidate.startsWith(prefix))
                continue;
            const QString found = QTranslator::translate(candidate.constData(), source, disambiguation, n);
            if (!found.isEmpty())
                return found;
        }
        return {};
    }

private:
    QList<QByteArray> m_contexts;
};

} // namespace

QList<Language> availableLanguages() {
    return {{QString(), QCoreApplication::translate("sagedock::app", "System default")},
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")}};
}

QString installTranslators(const QString& preference) {
    const QLocale locale = preference.isEmpty() ? QLocale::system() : QLocale(preference);
    auto* own = new NamespaceFallbackTranslator(QCoreApplication::instance());
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
