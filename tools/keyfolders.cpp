#include "keyfolders.h"

#include "passphraseprompt.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <climits>
#include <unistd.h>

using namespace Qt::StringLiterals;

const QCommandLineOption KeyFolders::kKeysOption(u"keys"_s,
    u"Folder of the private keys, kept outside the repository: all of them, or the offline ones (root, targets, "
    "channels) when --online-keys holds the others. May be given several times."_s,
    u"DIR"_s);
const QCommandLineOption KeyFolders::kOnlineKeysOption(u"online-keys"_s,
    u"Folder of the timestamp and snapshot keys, apart from the offline ones; its passphrase comes from "
    "UPKEEP_ONLINE_PASSPHRASE."_s,
    u"DIR"_s);
const QCommandLineOption KeyFolders::kUnencryptedOption(
    u"unencrypted-keys"_s, u"Write new private keys unencrypted (never do this for keys that matter)."_s);

std::expected<KeyFolders, Error> KeyFolders::fromCommandLine(
    const QString& repository, const QCommandLineParser& parser, bool creating)
{
    const QStringList offline = parser.values(kKeysOption);
    const QString online = parser.value(kOnlineKeysOption);
    if (offline.isEmpty() && (creating || online.isEmpty()))
        return std::unexpected(Error{Error::Code::Usage, u"--keys DIR is required."_s});
    return check(repository, offline, online);
}

QStringList KeyFolders::all() const
{
    return m_online.isEmpty() ? m_offline : m_offline + QStringList{m_online};
}

QString KeyFolders::resolved(const QString& path)
{
    QStringList parts
        = (path.startsWith(u'/') ? path : QDir::currentPath() + u'/' + path).split(u'/', Qt::SkipEmptyParts);
    QString done = u"/"_s; // resolved so far: it exists and holds no symlink
    int links = 0;
    while (!parts.isEmpty()) {
        const QString part = parts.takeFirst();
        if (part == u"."_s)
            continue;
        if (part == u".."_s) {
            done = QFileInfo(done).path();
            continue;
        }
        const QString next = done == u"/"_s ? u'/' + part : done + u'/' + part;
        const QFileInfo info(next);
        if (info.isSymLink() && links++ < 40) {
            char target[PATH_MAX];
            const ssize_t length = readlink(QFile::encodeName(next).constData(), target, sizeof target);
            if (length > 0 && length < qsizetype(sizeof target)) {
                const QString to = QFile::decodeName(QByteArray(target, length));
                parts = (to.startsWith(u'/') ? to : done + u'/' + to).split(u'/', Qt::SkipEmptyParts) + parts;
                done = u"/"_s;
                continue;
            }
        }
        if (!info.exists()) {
            parts.prepend(part);
            return QDir::cleanPath(done + u'/' + parts.join(u'/'));
        }
        done = next;
    }
    return done;
}

std::expected<KeyFolders, Error> KeyFolders::check(
    const QString& repository, const QStringList& offline, const QString& online)
{
    const auto absolute = [](const QString& folder) { return QDir::cleanPath(QFileInfo(folder).absoluteFilePath()); };
    const QString repo = resolved(repository);
    KeyFolders folders;
    for (const QString& folder : offline + (online.isEmpty() ? QStringList() : QStringList{online})) {
        const QString keys = resolved(absolute(folder));
        if (keys == repo || keys.startsWith(repo + u'/')) {
            return std::unexpected(Error{Error::Code::Usage,
                u"the keys folder %1 is inside the repository %2; private keys must never be published. Keep them "
                "elsewhere."_s.arg(keys, repo)});
        }
    }
    for (const QString& folder : offline) {
        folders.m_offline.append(absolute(folder));
        if (!online.isEmpty() && resolved(absolute(folder)) == resolved(absolute(online))) {
            return std::unexpected(Error{Error::Code::Usage,
                u"--keys and --online-keys name the same folder, %1; the online keys need a folder of their own."_s.arg(
                    absolute(online))});
        }
    }
    if (!online.isEmpty())
        folders.m_online = absolute(online);
    return folders;
}

KeyRing KeyFolders::open(KeyStore::NewKeys newKeys) const
{
    std::vector<KeyStore> offline;
    for (const QString& folder : m_offline)
        offline.emplace_back(folder, newKeys, PassphrasePrompt(u"UPKEEP_PASSPHRASE"_s, folder));
    std::optional<KeyStore> online;
    if (!m_online.isEmpty())
        online.emplace(m_online, newKeys, PassphrasePrompt(u"UPKEEP_ONLINE_PASSPHRASE"_s, m_online));
    return KeyRing(std::move(offline), std::move(online));
}
