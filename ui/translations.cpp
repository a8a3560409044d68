#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

using namespace Qt::StringLiterals;

bool Translations::install(const QLocale& locale)
{
    // The translators are children of the application, named so that a second call replaces them.
    for (auto* old : qApp->findChildren<QTranslator*>(u"upkeepTranslator"_s, Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }
    QLocale::setDefault(locale);
    auto* own = new QTranslator(qApp);
    own->setObjectName(u"upkeepTranslator"_s);
    const bool found = own->load(locale, u"upkeep"_s, u"_"_s, u":/i18n"_s);
    if (found)
        QCoreApplication::installTranslator(own);
    else
        delete own;
    auto* qt = new QTranslator(qApp);
    qt->setObjectName(u"upkeepTranslator"_s);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return found;
}
