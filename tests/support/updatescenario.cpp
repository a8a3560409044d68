#include "updatescenario.h"

#include "support/testbytes.h"
#include "support/testfiles.h"

#include <QDirIterator>

using namespace Qt::StringLiterals;

UpdateScenario::UpdateScenario(qint64 bulk)
    : m_bulk(bulk)
    , m_repository(std::make_unique<TestRepository>(QDateTime::currentDateTimeUtc()))
{
    for (int i = 0; i < 2; ++i)
        m_mirrors.push_back(std::make_unique<FaultServer>(m_repository->path()));
}

QString UpdateScenario::version(int n)
{
    return u"1.%1.0"_s.arg(n);
}

std::map<QString, QByteArray> UpdateScenario::files(int n) const
{
    static const QByteArray library = randomBytes(300 * 1024, 11);
    QByteArray changed = library;
    for (int i = 1; i <= n; ++i) {
        for (qsizetype at = 977 * i; at < changed.size(); at += 25000)
            changed[at] = char(changed[at] ^ (0x21 * i));
    }
    std::map<QString, QByteArray> files{
        {u"bin/tool"_s, "#!/bin/sh\necho tool "_ba + version(n).toUtf8() + '\n'},
        {u"lib/libtool.so"_s, changed},
        {u"share/data.txt"_s, QByteArray("the same in every release\n").repeated(2000)},
    };
    if (n > 0)
        files.emplace(u"share/new-in-%1.txt"_s.arg(n), "new in "_ba + version(n).toUtf8() + '\n');
    if (m_bulk > 0)
        files.emplace(u"share/bulk.bin"_s, randomBytes(m_bulk, quint32(1000 + n)));
    for (int zone = 0; zone < m_small; ++zone) {
        QByteArray text;
        for (int line = 0; line < 30; ++line) {
            text += "Rule Z" + QByteArray::number(zone) + ' ' + QByteArray::number(1970 + line) + " Oct lastSun "
                + QByteArray::number((zone * 7 + line * 3 + (line % 7 == zone % 7 ? n : 0)) % 24) + ":00\n";
        }
        files.emplace(u"share/zones/z%1"_s.arg(zone, 3, 10, QChar(u'0')), text);
    }
    return files;
}

void UpdateScenario::publish(int n, const QString& channel)
{
    const QString source = m_dir.filePath(u"source-"_s + version(n));
    writeTestFiles(source, files(n));
    ReleasePublisher::Options options;
    options.app = u"tool"_s;
    options.version = version(n);
    options.channel = channel;
    options.source = source;
    options.manifestFormat = m_manifestFormat;
    m_repository->publishRelease(options);
}

QStringList UpdateScenario::mirrorUrls() const
{
    QStringList urls;
    for (const auto& mirror : m_mirrors)
        urls.append(mirror->url().toString());
    return urls;
}

std::expected<Installation, Error> UpdateScenario::create(const QString& folder, QStringList mirrors) const
{
    if (mirrors.isEmpty())
        mirrors = mirrorUrls();
    auto installation = Installation::create(folder, mirrors, m_repository->initialRoot(), u"tool"_s, u"stable"_s);
    if (installation) {
        if (auto refreshed = installation->refresh(); !refreshed)
            return std::unexpected(refreshed.error());
    }
    return installation;
}

std::expected<ReleaseSelector::Release, Error> UpdateScenario::offered(Installation& installation, int n)
{
    if (auto refreshed = installation.refresh(); !refreshed)
        return std::unexpected(refreshed.error());
    auto releases = installation.releases();
    if (!releases)
        return std::unexpected(releases.error());
    for (const ReleaseSelector::Release& release : *releases) {
        if (release.version.toString() == version(n))
            return release;
    }
    return std::unexpected(Error{Error::Code::NotFound, u"Release %1 is not on the channel."_s.arg(version(n))});
}

std::expected<History::Record, Error> UpdateScenario::install(Installation& installation, int n)
{
    auto release = offered(installation, n);
    if (!release)
        return std::unexpected(release.error());
    return installation.install(*release);
}

bool UpdateScenario::runs(const QString& folder, int n, QString* why) const
{
    auto fail = [&](const QString& reason) {
        if (why)
            *why = reason;
        return false;
    };
    const QString current = folder + u"/current"_s;
    if (QFileInfo(current).symLinkTarget() != QFileInfo(folder + u"/versions/"_s + version(n)).absoluteFilePath())
        return fail(u"current points to %1"_s.arg(QFileInfo(current).symLinkTarget()));
    const auto expected = files(n);
    int found = 0;
    QDirIterator it(current + u'/', QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next().mid(current.size() + 1);
        const auto wanted = expected.find(path);
        if (wanted == expected.end())
            return fail(u"%1 should not be there"_s.arg(path));
        if (readTestFile(it.filePath()) != wanted->second)
            return fail(u"%1 differs"_s.arg(path));
        ++found;
    }
    if (found != int(expected.size()))
        return fail(u"%1 of %2 files"_s.arg(found).arg(expected.size()));
    return true;
}
