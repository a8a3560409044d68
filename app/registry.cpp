#include "registry.h"

#include "atomicfile.h"
#include "json/jsonparser.h"
#include "json/jsonwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

Registry::Registry()
    : Registry(
        QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/upkeep/installations.json"_s)
{ }

QStringList Registry::folders() const
{
    QFile file(m_file);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    auto document = JsonParser().parse(file.readAll());
    QStringList folders;
    if (document) {
        for (const JsonValue& item : document->toArray())
            folders.append(item.toString());
    }
    return folders;
}

std::expected<void, Error> Registry::add(const QString& folder)
{
    QStringList all = folders();
    const QString absolute = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    if (all.contains(absolute))
        return {};
    all.append(absolute);
    JsonArray array;
    for (const QString& item : all)
        array.emplace_back(item);
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    return writeFileAtomically(m_file, prettyJson(array));
}
