// Staging a version beside the running one and switching to it: unchanged files are shared by
// hard link, changed ones come from their objects, every byte is checked, and a bad object
// leaves nothing behind.

#include "install/stager.h"
#include "publish/objectwriter.h"
#include "release/objectdecoder.h"
#include "release/releasetree.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/testreleases.h"
#include "support/verify.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const TestReleases::Files kVersion1{
    {u"bin/demo"_s, "#!/bin/sh\necho 1\n"_ba},
    {u"lib/libdemo.so.1"_s, QByteArray(200000, 'L')},
    {u"share/readme.txt"_s, "hello\n"_ba},
    {u"share/empty"_s, QByteArray()},
};

} // namespace

class TestStager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshInstallThenUpdate();
    void changedInstalledFileIsNotShared();
    void badObjectLeavesNothing_data();
    void badObjectLeavesNothing();
    void alreadyInstalledIsRefused();
    void bundleFileBehindSymlinkIsRefused();
    void emptyFileMustHaveTheEmptyHash();
    void contentMadeAheadIsPlaced_data();
    void contentMadeAheadIsPlaced();
    void absoluteSymlinkIsStagedAsGiven_data();
    void absoluteSymlinkIsStagedAsGiven();
};

void TestStager::freshInstallThenUpdate()
{
    TestReleases publisher;
    const Manifest v1 = publisher.release(u"1.0.0"_s, kVersion1);
    TestReleases::Files files2 = kVersion1;
    files2[u"bin/demo"_s] = "#!/bin/sh\necho 2\n"_ba;
    files2.erase(u"share/readme.txt"_s);
    files2[u"share/new.txt"_s] = "new\n"_ba;
    const Manifest v2 = publisher.release(u"2.0.0"_s, files2);

    QTemporaryDir root;
    InstallLayout layout(root.path());
    UPKEEP_VERIFY_OK(layout.create());
    Stager stager(layout, publisher.source());
    auto first = stager.stage(v1, nullptr);
    UPKEEP_VERIFY_OK(first);
    QCOMPARE(first->linkedBytes, 0);
    QCOMPARE(first->writtenBytes, v1.totalFileBytes());
    UPKEEP_VERIFY_OK(switchCurrent(layout, v1.version));
    QCOMPARE(layout.currentVersion()->toString(), u"1.0.0"_s);
    QCOMPARE(readTestFile(root.filePath(u"current/bin/demo"_s)), "#!/bin/sh\necho 1\n"_ba);
    QVERIFY(QFileInfo(root.filePath(u"current/bin/demo"_s)).isExecutable());
    QVERIFY(QFileInfo(root.filePath(u"current/lib/libdemo.so"_s)).isSymLink());
    QCOMPARE(QFileInfo(root.filePath(u"current/lib/libdemo.so"_s)).canonicalFilePath(),
        QFileInfo(root.filePath(u"versions/1.0.0/lib/libdemo.so.1"_s)).canonicalFilePath());
    QCOMPARE(QFileInfo(root.filePath(u"current/share/empty"_s)).size(), 0);

    const int fetchedBefore = publisher.fetched();
    auto second = stager.stage(v2, &v1);
    UPKEEP_VERIFY_OK(second);
    // The big library is shared with 1.0.0, not downloaded or written again.
    QCOMPARE(second->linkedBytes, 200000);
    QCOMPARE(second->writtenBytes, 17 + 4); // the new bin/demo and share/new.txt
    QCOMPARE(publisher.fetched() - fetchedBefore, 2);
    QCOMPARE(inodeOf(root.filePath(u"versions/2.0.0/lib/libdemo.so.1"_s)),
        inodeOf(root.filePath(u"versions/1.0.0/lib/libdemo.so.1"_s)));
    // Until the switch, the running version is untouched.
    QCOMPARE(layout.currentVersion()->toString(), u"1.0.0"_s);
    UPKEEP_VERIFY_OK(switchCurrent(layout, v2.version));
    QCOMPARE(layout.currentVersion()->toString(), u"2.0.0"_s);
    QCOMPARE(readTestFile(root.filePath(u"current/bin/demo"_s)), "#!/bin/sh\necho 2\n"_ba);
    QVERIFY(!QFileInfo::exists(root.filePath(u"current/share/readme.txt"_s)));
    QCOMPARE(readTestFile(root.filePath(u"versions/1.0.0/share/readme.txt"_s)), "hello\n"_ba);
    QCOMPARE(layout.keptVersions().size(), size_t(2));
    QVERIFY(!QFileInfo::exists(root.filePath(u".current.next"_s)));
}

void TestStager::changedInstalledFileIsNotShared()
{
    TestReleases publisher;
    const Manifest v1 = publisher.release(u"1.0.0"_s, kVersion1);
    TestReleases::Files files2 = kVersion1;
    files2[u"bin/demo"_s] = "#!/bin/sh\necho 2\n"_ba;
    const Manifest v2 = publisher.release(u"1.1.0"_s, files2);
    QTemporaryDir root;
    InstallLayout layout(root.path());
    UPKEEP_VERIFY_OK(layout.create());
    Stager stager(layout, publisher.source());
    UPKEEP_VERIFY_OK(stager.stage(v1, nullptr));
    UPKEEP_VERIFY_OK(switchCurrent(layout, v1.version));
    // Someone changed the installed library: the new version gets a clean copy.
    writeTestFile(root.filePath(u"versions/1.0.0/lib/libdemo.so.1"_s), QByteArray(200000, 'X'));
    auto staged = stager.stage(v2, &v1);
    UPKEEP_VERIFY_OK(staged);
    QCOMPARE(staged->linkedBytes, 6); // only share/readme.txt
    QCOMPARE(readTestFile(root.filePath(u"versions/1.1.0/lib/libdemo.so.1"_s)), QByteArray(200000, 'L'));
}

void TestStager::badObjectLeavesNothing_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("object replaced by another")
        << u"swap"_s << Error::Code::Mismatch << u"does not match its sha256 in the manifest"_s;
    QTest::newRow("object truncated") << u"truncate"_s << Error::Code::Mismatch << u"is truncated"_s;
    QTest::newRow("garbage") << u"garbage"_s << Error::Code::Mismatch << u"is damaged"_s;
    QTest::newRow("manifest understates the size")
        << u"bomb"_s << Error::Code::Mismatch << u"unpacks to more than the 100 bytes"_s;
}

void TestStager::badObjectLeavesNothing()
{
    QFETCH(QString, damage);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);

    TestReleases publisher;
    Manifest v1 = publisher.release(u"1.0.0"_s, kVersion1);
    const QString library = sha256(QByteArray(200000, 'L'));
    const QString object = publisher.objectsFolder() + u'/' + library + u".zst"_s;
    const QByteArray good = readTestFile(object);
    QByteArray bad;
    if (damage == u"swap"_s) {
        // A valid zstd frame of the right length with other content.
        TestReleases other;
        other.release(u"1.0.0"_s, {{u"lib/libdemo.so.1"_s, QByteArray(200000, 'M')}, {u"bin/demo"_s, "x"_ba}});
        bad = readTestFile(other.objectsFolder() + u'/' + sha256(QByteArray(200000, 'M')) + u".zst"_s);
    } else if (damage == u"truncate"_s) {
        bad = good.left(good.size() / 2);
    } else if (damage == u"garbage"_s) {
        bad = QByteArray(good.size(), 'g');
    } else {
        bad = good;
        for (auto& entry : v1.entries) {
            if (entry.sha256 == library)
                entry.size = 100;
        }
    }
    writeTestFile(object, bad);
    for (auto& [sha, info] : v1.objects)
        info.size = QFileInfo(publisher.objectsFolder() + u'/' + sha + u".zst"_s).size();

    QTemporaryDir root;
    InstallLayout layout(root.path());
    UPKEEP_VERIFY_OK(layout.create());
    auto staged = Stager(layout, publisher.source()).stage(v1, nullptr);
    UPKEEP_VERIFY_ERROR(staged, code);
    QVERIFY2(staged.error().message.contains(message), qPrintable(staged.error().message));
    QCOMPARE(
        QDir(layout.versionsFolder()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
}

void TestStager::alreadyInstalledIsRefused()
{
    TestReleases publisher;
    const Manifest v1 = publisher.release(u"1.0.0"_s, kVersion1);
    QTemporaryDir root;
    InstallLayout layout(root.path());
    UPKEEP_VERIFY_OK(layout.create());
    Stager stager(layout, publisher.source());
    UPKEEP_VERIFY_OK(stager.stage(v1, nullptr));
    auto again = stager.stage(v1, nullptr);
    UPKEEP_VERIFY_ERROR(again, Error::Code::Usage);
    QCOMPARE(again.error().message, u"Version 1.0.0 is already installed."_s);
}

void TestStager::bundleFileBehindSymlinkIsRefused()
{
    // A bundle that disagrees with its manifest: "bin" is a symlink out of it, to a folder that
    // holds a file with the very content the manifest wants. It is never read through the link.
    TestReleases publisher;
    const Manifest v1 = publisher.release(u"1.0.0"_s, kVersion1);
    QTemporaryDir work;
    const QString bundle = work.filePath(u"bundle"_s);
    for (const auto& [path, bytes] : kVersion1) {
        if (!path.startsWith(u"bin/"_s))
            writeTestFile(bundle + u'/' + path, bytes);
    }
    writeTestFile(work.filePath(u"outside/demo"_s), kVersion1.at(u"bin/demo"_s));
    QVERIFY(QFile::link(work.filePath(u"outside"_s), bundle + u"/bin"_s));
    QTemporaryDir root;
    InstallLayout layout(root.path());
    UPKEEP_VERIFY_OK(layout.create());
    Stager stager(layout, publisher.source());
    stager.setContentFolder(bundle);
    auto staged = stager.stage(v1, nullptr);
    UPKEEP_VERIFY_ERROR(staged, Error::Code::Mismatch);
    QCOMPARE(staged.error().message,
        u"The bundle does not hold bin/demo as its manifest says (a folder on its way is not a folder)."_s);
    QCOMPARE(layout.keptVersions().size(), size_t(0));
}

void TestStager::emptyFileMustHaveTheEmptyHash()
{
    // Files arrive checked (linked after hashing, unpacked or copied while hashing); an empty one
    // has nothing to unpack, so its listed hash is checked on its own.
    TestReleases publisher;
    Manifest v1 = publisher.release(u"1.0.0"_s, kVersion1);
    for (auto& entry : v1.entries) {
        if (entry.path == u"share/empty"_s)
            entry.sha256 = sha256("not empty");
    }
    QTemporaryDir root;
    InstallLayout layout(root.path());
    UPKEEP_VERIFY_OK(layout.create());
    auto staged = Stager(layout, publisher.source()).stage(v1, nullptr);
    UPKEEP_VERIFY_ERROR(staged, Error::Code::Mismatch);
    QCOMPARE(staged.error().message, u"share/empty is empty, but its manifest gives the sha256 of other content."_s);
    QCOMPARE(layout.keptVersions().size(), size_t(0));
}

void TestStager::contentMadeAheadIsPlaced_data()
{
    QTest::addColumn<QByteArray>("content"); // what the cache's file holds
    QTest::addColumn<bool>("otherName");     // the cache's file has another name already (a duplicate path)
    QTest::addColumn<bool>("placed");
    QTest::addColumn<bool>("linked");

    QTest::newRow("only name: linked") << "new content\n"_ba << false << true << true;
    QTest::newRow("second name: copied") << "new content\n"_ba << true << true << false;
    QTest::newRow("changed since: refused") << "new contenT\n"_ba << false << false << false;
    QTest::newRow("changed, second name: refused") << "new contenT\n"_ba << true << false << false;
}

void TestStager::contentMadeAheadIsPlaced()
{
    // What checking a patch made waits in the cache; staging links it instead of writing its
    // bytes again, yet checks it first like every other source, and gives it the wanted mode.
    QFETCH(QByteArray, content);
    QFETCH(bool, otherName);
    QFETCH(bool, placed);
    QFETCH(bool, linked);
    const QByteArray wanted = "new content\n"_ba;
    QTemporaryDir root;
    const QString made = root.filePath(u"content"_s);
    writeTestFile(made, content);
    if (otherName)
        QCOMPARE(
            ::link(QFile::encodeName(made).constData(), QFile::encodeName(root.filePath(u"first"_s)).constData()), 0);
    const QString to = root.filePath(u"staged"_s);
    const auto result = placeContentFile(made, to, wanted.size(), sha256(wanted), 0555);
    QCOMPARE(result.has_value(), placed);
    if (!placed) {
        QCOMPARE(int(result.error().code), int(Error::Code::Mismatch));
        QVERIFY(!QFileInfo::exists(to)); // nothing half-placed
        QCOMPARE(readTestFile(made), content);
        return;
    }
    QCOMPARE(readTestFile(to), wanted);
    struct stat staged {
    }, source{};
    QCOMPARE(::lstat(QFile::encodeName(to).constData(), &staged), 0);
    QCOMPARE(::lstat(QFile::encodeName(made).constData(), &source), 0);
    QCOMPARE(int(staged.st_mode & 07777), 0555);
    QCOMPARE(staged.st_ino == source.st_ino, linked);
}

void TestStager::absoluteSymlinkIsStagedAsGiven_data()
{
    QTest::addColumn<QString>("target"); // {outside}: an empty folder beside the installation

    // tzdata's link; as root, a link followed by mistake would overwrite the system's file.
    QTest::newRow("a system file") << u"/etc/localtime"_s;
    // Not there: a link followed by mistake would create it.
    QTest::newRow("a file that does not exist") << u"{outside}/localtime"_s;
}

void TestStager::absoluteSymlinkIsStagedAsGiven()
{
    // Published from a folder by the publisher's own reading of it, then installed: the link is
    // recreated with its target as given, and nothing is written where it points.
    QFETCH(QString, target);
    QTemporaryDir dir;
    const QString outside = dir.filePath(u"outside"_s);
    QVERIFY(QDir().mkpath(outside));
    target.replace(u"{outside}"_s, outside);
    const QString source = dir.filePath(u"source"_s);
    writeTestFile(source + u"/bin/demo"_s, "#!/bin/sh\necho 1\n"_ba);
    writeTestFile(source + u"/zoneinfo/UTC"_s, "TZif2 UTC"_ba);
    QCOMPARE(::symlink(QFile::encodeName(target).constData(),
                 QFile::encodeName(source + u"/zoneinfo/localtime"_s).constData()),
        0);
    const auto state = [](const QString& path) {
        struct stat status {
        };
        if (::lstat(QFile::encodeName(path).constData(), &status) != 0)
            return QList<qint64>();
        return QList<qint64>{qint64(status.st_ino), qint64(status.st_mode), qint64(status.st_size),
            qint64(status.st_mtim.tv_sec), qint64(status.st_mtim.tv_nsec), qint64(status.st_ctim.tv_sec),
            qint64(status.st_ctim.tv_nsec)};
    };
    const QList<qint64> before = state(target);

    auto tree = ReleaseTree::open(source, dir.filePath(u"work"_s));
    UPKEEP_VERIFY_OK(tree);
    Manifest release;
    release.app = u"demo"_s;
    release.version = *Version::parse(u"1.0.0"_s);
    release.entries = tree->entries();
    const Manifest::Entry* link = release.find(u"zoneinfo/localtime"_s);
    QVERIFY(link);
    QCOMPARE(link->type, Manifest::Entry::Type::Symlink);
    QCOMPARE(link->target, target);
    const QString repository = dir.filePath(u"repo"_s);
    ObjectWriter objects(repository, 3);
    for (const Manifest::Entry& entry : release.entries) {
        if (entry.type == Manifest::Entry::Type::File) {
            auto object = objects.put(tree->filePath(entry), entry.sha256);
            UPKEEP_VERIFY_OK(object);
            release.objects.emplace(entry.sha256, *object);
        }
    }
    UPKEEP_VERIFY_OK(release.validate());

    InstallLayout layout(dir.filePath(u"root"_s));
    UPKEEP_VERIFY_OK(layout.create());
    Stager stager(layout, [&](const Manifest::Entry& entry, const QString& path) {
        return decodeObject(objects.objectPath(entry.sha256), path, entry.size, entry.sha256, entry.mode);
    });
    UPKEEP_VERIFY_OK(stager.stage(release, nullptr));
    UPKEEP_VERIFY_OK(switchCurrent(layout, release.version));

    const QString staged = layout.root() + u"/current/zoneinfo/localtime"_s;
    QVERIFY(QFileInfo(staged).isSymLink());
    QByteArray read(4096, Qt::Uninitialized);
    const ssize_t length = ::readlink(QFile::encodeName(staged).constData(), read.data(), size_t(read.size()));
    QCOMPARE(QFile::decodeName(read.left(qsizetype(std::max<ssize_t>(length, 0)))), target);
    QCOMPARE(readTestFile(layout.root() + u"/current/zoneinfo/UTC"_s), "TZif2 UTC"_ba);
    // Where the link points is as it was: nothing written there, nothing created.
    QCOMPARE(state(target), before);
    QCOMPARE(
        QDir(outside).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot), QStringList());
}

QTEST_GUILESS_MAIN(TestStager)
#include "tst_stager.moc"
