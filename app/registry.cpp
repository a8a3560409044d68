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

QString Registry::absolute(const QString& folder)
{
    return QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
}

bool Registry::contains(const QString& folder) const
{
    return folders().contains(absolute(folder));
}

std::expected<void, Error> Registry::add(const QString& folder)
{
    QStringList all = folders();
    if (all.contains(absolute(folder)))
        return {};
    all.append(absolute(folder));
    return save(all);
}

std::expected<void, Error> Registry::remove(const QString& folder)
{
    QStringList all = folders();
    if (all.removeAll(absolute(folder)) == 0)
        return {};
    return save(all);
}

std::expected<void, Error> Registry::save(const QStringList& folders)
{
    JsonArray array;
    for (const QString& item : folders)
        array.emplace_back(item);
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    return writeFileAtomically(m_file, prettyJson(array));
}
