#pragma once

#include <QLocale>

// Puts Upkeep's own translation (built from translations/upkeep_*.ts into :/i18n) and Qt's
// for the standard buttons in place for `locale`, replacing any installed before. English
// needs none. Returns whether Upkeep's translation for that language was found.
class Translations
{
public:
    static bool install(const QLocale& locale = QLocale::system());
};
