// upkeep: keeps applications up to date from signed repositories.

#include "commandline.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"upkeep"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(UPKEEP_VERSION));
    return runCommandLine(QCoreApplication::arguments());
}
