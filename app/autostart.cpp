#include "autostart.h"

#include "install/installlayout.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {

const QString kEntryName = u"autostart/upkeep.desktop"_s;

// The keys of the [Desktop Entry] group of a desktop file; comments, other groups and
// localized keys are of no interest here.
QHash<QString, QString> desktopEntry(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QHash<QString, QString> keys;
    bool inGroup = false;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith(u'['))
            inGroup = line == u"[Desktop Entry]";
        else if (inGroup && !line.startsWith(u'#') && line.contains(u'='))
            keys.insert(line.section(u'=', 0, 0).trimmed(), line.section(u'=', 1).trimmed());
    }
    return keys;
}

// An entry starts unless it is hidden, or turned off the way GNOME's own settings do it.
bool starts(const QString& path)
{
    const QHash<QString, QString> keys = desktopEntry(path);
    return !keys.isEmpty() && keys.value(u"Hidden"_s) != u"true"
        && keys.value(u"X-GNOME-Autostart-enabled"_s) != u"false";
}

// One argument of an Exec line (Desktop Entry Specification, "The Exec key"), escaped as a
// string value after that: quoted where it has a reserved character, `%` doubled.
QString execArgument(const QString& argument)
{
    static const QString reserved = u" \t\n\"'\\><~|&;$*?#()`"_s;
    QString quoted = argument;
    quoted.replace(u'%', u"%%"_s);
    if (std::ranges::any_of(argument, [](QChar c) { return reserved.contains(c); })) {
        QString inner;
        for (const QChar c : quoted) {
            if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
                inner += u'\\';
            inner += c;
        }
        quoted = u'"' + inner + u'"';
    }
    return quoted.replace(u'\\', u"\\\\"_s);
}

// A program inside an installation's version folder (ROOT/versions/V/...) runs, after the next
// update, from another folder: the entry starts it through ROOT/current.
QString throughCurrent(const QString& program)
{
    const QFileInfo info(program);
    QDir version(info.absolutePath());
    QString relative = info.fileName();
    while (true) {
        QDir versions = version;
        QDir root = version;
        if (!versions.cdUp() || !root.cdUp() || !root.cdUp())
            return program;
        const InstallLayout layout(root.absolutePath());
        if (versions.absolutePath() == layout.versionsFolder() && QFileInfo(layout.currentLink()).isSymLink()
            && QFileInfo(layout.stateFolder()).isDir())
            return layout.currentLink() + u'/' + relative;
        relative.prepend(version.dirName() + u'/');
        if (!version.cdUp() || version.isRoot())
            return program;
    }
}

} // namespace

Autostart::Autostart(QString program)
    : m_program(std::move(program))
{ }

QString Autostart::userEntry()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u'/' + kEntryName;
}

QString Autostart::systemEntry()
{
    // The first location is the user's own; the others are $XDG_CONFIG_DIRS, in order.
    const QStringList locations = QStandardPaths::standardLocations(QStandardPaths::GenericConfigLocation);
    for (qsizetype i = 1; i < locations.size(); ++i) {
        if (const QString entry = locations[i] + u'/' + kEntryName; QFileInfo::exists(entry))
            return entry;
    }
    return {};
}

bool Autostart::isEnabled() const
{
    const QString user = userEntry();
    if (QFileInfo::exists(user))
        return starts(user);
    const QString system = systemEntry();
    return !system.isEmpty() && starts(system);
}

std::expected<void, Error> Autostart::setEnabled(bool enabled) const
{
    const QString user = userEntry();
    const QString system = systemEntry();
    // With a package's entry, turning on is taking the user's entry away (so that the package's
    // own, with the package's path, applies), and turning off is hiding it.
    if ((system.isEmpty() && !enabled) || (!system.isEmpty() && enabled && starts(system))) {
        if (QFile::exists(user) && !QFile::remove(user))
            return std::unexpected(
                Error{Error::Code::Io, tr("Start at login could not be changed: %1 could not be removed.").arg(user)});
        return {};
    }
    QByteArray entry = "[Desktop Entry]\n"
                       "Type=Application\n"
                       "Name=Upkeep\n"
                       "Comment=Checks for application updates in the background\n"
                       "Exec="
        + command().toUtf8()
        + "\n"
          "Icon=upkeep\n"
          "Terminal=false\n"
          "NoDisplay=true\n";
    entry += enabled ? "X-GNOME-Autostart-enabled=true\n" : "Hidden=true\n";
    if (!QDir().mkpath(QFileInfo(user).absolutePath()))
        return std::unexpected(Error{Error::Code::Io,
            tr("Start at login could not be changed: the folder %1 could not be made.")
                .arg(QFileInfo(user).absolutePath())});
    QSaveFile file(user);
    if (!file.open(QIODevice::WriteOnly) || file.write(entry) != entry.size() || !file.commit())
        return std::unexpected(Error{Error::Code::Io,
            tr("Start at login could not be changed: %1 could not be written (%2).").arg(user, file.errorString())});
    return {};
}

QString Autostart::command() const
{
    const QString canonical = QFileInfo(m_program).canonicalFilePath();
    const QString onPath = QStandardPaths::findExecutable(u"upkeep"_s);
    QString program = throughCurrent(QFileInfo(m_program).absoluteFilePath());
    if (!onPath.isEmpty() && QFileInfo(onPath).canonicalFilePath() == canonical) {
        if (!onPath.startsWith(QDir::homePath() + u'/'))
            return u"upkeep --tray"_s;
        program = onPath;
    }
    return execArgument(program) + u" --tray"_s;
}
