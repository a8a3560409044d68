// What a publisher hands over, a folder or an archive, read into manifest entries. Every archive
// format gives what the folder gives; every hostile entry is refused by name before anything is
// written outside the private work folder.

#include "release/releasetree.h"
#include "support/testarchive.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/verify.h"

#include <QDirIterator>
#include <QLocalServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using Kind = ArchiveItem::Kind;

// Bytes that compress poorly and span several read blocks.
const QByteArray kLibrary = randomBytes(300 * 1024, 1);

const QByteArray kDemo = "#!/bin/sh\necho demo\n"_ba;
const QByteArray kReadme = "Demo 1.2.0\n"_ba;
const QByteArray kNotes = "Accents survive.\n"_ba;

// A release with a program, a library and its symlink, an empty file, a file with a non-ASCII
// name, and an empty folder; folders before their contents, as tar writes them.
ArchiveItems release()
{
    return {ArchiveItem::folder(u"bin"_s), ArchiveItem::file(u"bin/demo"_s, kDemo, 0755), ArchiveItem::folder(u"lib"_s),
        ArchiveItem::file(u"lib/libdemo.so.1"_s, kLibrary, 0644),
        ArchiveItem::symlink(u"lib/libdemo.so"_s, u"libdemo.so.1"_s), ArchiveItem::file(u"empty.dat"_s, {}, 0600),
        ArchiveItem::file(u"readme.txt"_s, kReadme, 0444), ArchiveItem::folder(u"docs"_s, 0755),
        ArchiveItem::file(u"docs/naïve café.txt"_s, kNotes, 0640), ArchiveItem::folder(u"share"_s),
        ArchiveItem::folder(u"share/empty"_s, 0750)};
}

std::vector<Manifest::Entry> expectedEntries()
{
    using Type = Manifest::Entry::Type;
    return {
        {u"bin"_s, Type::Directory, 0, {}, 0755, {}},
        {u"bin/demo"_s, Type::File, kDemo.size(), sha256(kDemo), 0755, {}},
        {u"docs"_s, Type::Directory, 0, {}, 0755, {}},
        {u"docs/naïve café.txt"_s, Type::File, kNotes.size(), sha256(kNotes), 0640, {}},
        {u"empty.dat"_s, Type::File, 0, sha256({}), 0600, {}},
        {u"lib"_s, Type::Directory, 0, {}, 0755, {}},
        {u"lib/libdemo.so"_s, Type::Symlink, 0, {}, 0777, u"libdemo.so.1"_s},
        {u"lib/libdemo.so.1"_s, Type::File, kLibrary.size(), sha256(kLibrary), 0644, {}},
        {u"readme.txt"_s, Type::File, kReadme.size(), sha256(kReadme), 0444, {}},
        {u"share"_s, Type::Directory, 0, {}, 0755, {}},
        {u"share/empty"_s, Type::Directory, 0, {}, 0750, {}},
    };
}

QString describe(const Manifest::Entry& e)
{
    return u"%1 type %2 size %3 sha %4 mode %5 target %6"_s.arg(e.path)
        .arg(int(e.type))
        .arg(e.size)
        .arg(e.sha256.left(12))
        .arg(e.mode, 0, 8)
        .arg(e.target);
}

// Entry by entry, so that a failure says which.
void compareEntries(const std::vector<Manifest::Entry>& actual, const std::vector<Manifest::Entry>& expected)
{
    for (size_t i = 0; i < std::max(actual.size(), expected.size()); ++i) {
        const QString a = i < actual.size() ? describe(actual[i]) : u"(none)"_s;
        const QString b = i < expected.size() ? describe(expected[i]) : u"(none)"_s;
        QCOMPARE(a, b);
    }
    QVERIFY(actual == expected);
}

// Every path under `folder` (symlinks not followed), relative to it, sorted.
QStringList everythingUnder(const QString& folder)
{
    QStringList paths;
    QDirIterator it(
        folder, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext())
        paths.append(QDir(folder).relativeFilePath(it.next()));
    paths.sort();
    return paths;
}

} // namespace

class TestReleaseTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void folder();
    void archive_data();
    void archive();
    void hardLinkInside();
    void absoluteSymlinks_data();
    void absoluteSymlinks();
    void hostileArchive_data();
    void hostileArchive();
    void hostileFolder_data();
    void hostileFolder();
    void notASource_data();
    void notASource();
    void isArchive_data();
    void isArchive();
};

void TestReleaseTree::folder()
{
    QTemporaryDir dir;
    const QString root = dir.filePath(u"demo-1.2.0"_s);
    const QString written = writeFolder(root, release());
    QVERIFY2(written.isEmpty(), qPrintable(written));

    auto tree = ReleaseTree::open(root, dir.filePath(u"work"_s));
    UPKEEP_VERIFY_OK(tree);
    QCOMPARE(tree->root(), root);
    compareEntries(tree->entries(), expectedEntries());
    // A folder is read in place: nothing is copied to the work folder.
    QVERIFY(!QFileInfo::exists(dir.filePath(u"work"_s)));
    const Manifest::Entry& demo = tree->entries()[1];
    QCOMPARE(tree->filePath(demo), root + u"/bin/demo"_s);
}

void TestReleaseTree::archive_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<ArchiveItems>("items");

    for (const QString& name : {u"demo.tar"_s, u"demo.tar.gz"_s, u"demo.tgz"_s, u"demo.tar.xz"_s, u"demo.tar.zst"_s,
             u"demo.tar.bz2"_s, u"demo.zip"_s, u"DEMO.TAR.ZST"_s})
        QTest::addRow("%s", qPrintable(name)) << name << release();

    // GNU tar run in the folder: "./" first, and every path below it.
    ArchiveItems dotted{ArchiveItem::folder(u"./"_s)};
    for (ArchiveItem item : release()) {
        item.path.prepend(u"./"_s);
        dotted.append(item);
    }
    QTest::newRow("tar with ./ paths") << u"dotted.tar"_s << dotted;

    // Folders given with a trailing slash, and files before their folder's own entry.
    ArchiveItems reordered = release();
    std::reverse(reordered.begin(), reordered.end());
    for (ArchiveItem& item : reordered) {
        if (item.kind == Kind::Directory)
            item.path += u'/';
    }
    QTest::newRow("tar.zst, folders last with a slash") << u"reordered.tar.zst"_s << reordered;
}

void TestReleaseTree::archive()
{
    QFETCH(QString, name);
    QFETCH(ArchiveItems, items);

    QTemporaryDir dir;
    const QString path = dir.filePath(name);
    const QString written = writeArchive(path, items);
    QVERIFY2(written.isEmpty(), qPrintable(written));

    const QString work = dir.filePath(u"work"_s);
    QVERIFY(QDir().mkpath(work));
    auto tree = ReleaseTree::open(path, work);
    UPKEEP_VERIFY_OK(tree);
    QCOMPARE(tree->root(), work + u"/release"_s);
    compareEntries(tree->entries(), expectedEntries());

    // The same entries as the folder the archive was made from.
    const QString folder = dir.filePath(u"folder"_s);
    QVERIFY(writeFolder(folder, release()).isEmpty());
    auto fromFolder = ReleaseTree::open(folder, dir.filePath(u"unused"_s));
    UPKEEP_VERIFY_OK(fromFolder);
    QVERIFY(fromFolder->entries() == tree->entries());

    // Unpacked into the work folder, byte for byte.
    QCOMPARE(readTestFile(work + u"/release/lib/libdemo.so.1"_s), kLibrary);
    QCOMPARE(readTestFile(work + u"/release/docs/naïve café.txt"_s), kNotes);
    QCOMPARE(QFileInfo(work + u"/release/lib/libdemo.so"_s).symLinkTarget(), work + u"/release/lib/libdemo.so.1"_s);
    QCOMPARE(everythingUnder(work).size(), qsizetype(expectedEntries().size() + 1));
}

void TestReleaseTree::hardLinkInside()
{
    // A hard link to a file given earlier is a copy of that file.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"linked.tar"_s);
    QVERIFY(writeArchive(path,
        {ArchiveItem::folder(u"bin"_s), ArchiveItem::file(u"bin/demo"_s, kDemo, 0755),
            ArchiveItem::hardlink(u"bin/demo-again"_s, u"bin/demo"_s),
            ArchiveItem::hardlink(u"demo-top"_s, u"./bin/demo"_s)})
                .isEmpty());
    auto tree = ReleaseTree::open(path, dir.path());
    UPKEEP_VERIFY_OK(tree);
    QCOMPARE(tree->entries().size(), size_t(4));
    for (const QString& copy : {u"bin/demo-again"_s, u"demo-top"_s}) {
        const auto entry = std::find_if(
            tree->entries().begin(), tree->entries().end(), [&](const Manifest::Entry& e) { return e.path == copy; });
        QVERIFY(entry != tree->entries().end());
        QCOMPARE(entry->type, Manifest::Entry::Type::File);
        QCOMPARE(entry->sha256, sha256(kDemo));
        QCOMPARE(entry->size, kDemo.size());
    }
}

void TestReleaseTree::absoluteSymlinks_data()
{
    QTest::addColumn<QString>("name"); // the archive's name, or empty for a folder

    QTest::newRow("folder") << QString();
    for (const QString& name : {u"demo.tar"_s, u"demo.zip"_s, u"demo.tar.zst"_s})
        QTest::addRow("%s", qPrintable(name)) << name;
}

void TestReleaseTree::absoluteSymlinks()
{
    // A symlink to a system file or folder (tzdata's usr/share/zoneinfo/localtime -> /etc/localtime)
    // is kept as a symlink with its target as given; nothing it points to is read or listed.
    QFETCH(QString, name);
    using Type = Manifest::Entry::Type;
    const ArchiveItems items{ArchiveItem::file(u"readme.txt"_s, kReadme), ArchiveItem::folder(u"usr"_s),
        ArchiveItem::folder(u"usr/share"_s), ArchiveItem::folder(u"usr/share/zoneinfo"_s),
        ArchiveItem::symlink(u"usr/share/zoneinfo/localtime"_s, u"/etc/localtime"_s),
        ArchiveItem::symlink(u"passwd"_s, u"/etc/passwd"_s), ArchiveItem::symlink(u"sys"_s, u"/etc"_s)};
    const std::vector<Manifest::Entry> expected{
        {u"passwd"_s, Type::Symlink, 0, {}, 0777, u"/etc/passwd"_s},
        {u"readme.txt"_s, Type::File, kReadme.size(), sha256(kReadme), 0644, {}},
        {u"sys"_s, Type::Symlink, 0, {}, 0777, u"/etc"_s},
        {u"usr"_s, Type::Directory, 0, {}, 0755, {}},
        {u"usr/share"_s, Type::Directory, 0, {}, 0755, {}},
        {u"usr/share/zoneinfo"_s, Type::Directory, 0, {}, 0755, {}},
        {u"usr/share/zoneinfo/localtime"_s, Type::Symlink, 0, {}, 0777, u"/etc/localtime"_s},
    };

    QTemporaryDir dir;
    QString source = dir.filePath(u"demo"_s);
    const QString work = dir.filePath(u"work"_s);
    QVERIFY(QDir().mkpath(work));
    if (name.isEmpty()) {
        QVERIFY(writeFolder(source, items).isEmpty());
    } else {
        source = dir.filePath(name);
        QVERIFY(writeArchive(source, items).isEmpty());
    }
    auto tree = ReleaseTree::open(source, work);
    UPKEEP_VERIFY_OK(tree);
    compareEntries(tree->entries(), expected);

    // An archive unpacks each link as it was given, not resolved against the work folder.
    const QString root = tree->root();
    for (const auto& [link, target] : {std::pair{u"passwd"_s, "/etc/passwd"_ba}, std::pair{u"sys"_s, "/etc"_ba},
             std::pair{u"usr/share/zoneinfo/localtime"_s, "/etc/localtime"_ba}}) {
        QVERIFY(QFileInfo(root + u'/' + link).isSymLink());
        QByteArray read(4096, Qt::Uninitialized);
        const ssize_t length
            = ::readlink(QFile::encodeName(root + u'/' + link).constData(), read.data(), size_t(read.size()));
        QCOMPARE(read.left(qsizetype(std::max<ssize_t>(length, 0))), target);
    }
}

void TestReleaseTree::hostileArchive_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<ArchiveItems>("items");
    QTest::addColumn<QString>("message"); // after "ARCHIVE: "; {tmp} is the folder holding the archive

    const ArchiveItem readme = ArchiveItem::file(u"readme.txt"_s, kReadme);
    const QString notPlain = u"Refused the entry \"%1\": the path leaves the release folder or is not a plain relative "
                             "path."_s;
    const QString outside = u"Refused the entry \"%1\": a symlink to \"%2\", outside the release."_s;
    const QString twice = u"Refused the entry \"%1\": it is in the archive twice."_s;
    const QString throughLink = u"Refused the entry \"%1\": it lies inside a symlink."_s;
    const QString badHardLink
        = u"Refused the entry \"%1\": a hard link to \"%2\", which is not a file of the archive."_s;

    for (const QString& name : {u"hostile.tar"_s, u"hostile.zip"_s, u"hostile.tar.zst"_s}) {
        const QByteArray suffix = name.mid(name.indexOf(u'.')).toLatin1();
        QTest::addRow("%s: absolute path", suffix.constData())
            << name << ArchiveItems{readme, ArchiveItem::file(u"{tmp}/escaped"_s, "x"_ba)}
            << u"Refused the entry \"{tmp}/escaped\": an absolute path."_s;
        QTest::addRow("%s: ../x", suffix.constData())
            << name << ArchiveItems{readme, ArchiveItem::file(u"../x"_s, "x"_ba)} << notPlain.arg(u"../x"_s);
        QTest::addRow("%s: a/../../x", suffix.constData())
            << name << ArchiveItems{readme, ArchiveItem::file(u"a/../../x"_s, "x"_ba)} << notPlain.arg(u"a/../../x"_s);
        QTest::addRow("%s: a file through an absolute symlink", suffix.constData())
            << name
            << ArchiveItems{readme, ArchiveItem::symlink(u"sys"_s, u"{tmp}"_s),
                   ArchiveItem::file(u"sys/escaped"_s, "x"_ba)}
            << throughLink.arg(u"sys/escaped"_s);
        QTest::addRow("%s: symlink to ../../outside", suffix.constData())
            << name
            << ArchiveItems{ArchiveItem::folder(u"sub"_s), ArchiveItem::symlink(u"sub/out"_s, u"../../outside"_s)}
            << outside.arg(u"sub/out"_s, u"../../outside"_s);
        QTest::addRow("%s: the same path twice", suffix.constData())
            << name << ArchiveItems{readme, ArchiveItem::file(u"readme.txt"_s, "other"_ba)}
            << twice.arg(u"readme.txt"_s);
        QTest::addRow("%s: a file through a symlink to .", suffix.constData())
            << name << ArchiveItems{ArchiveItem::symlink(u"lnk"_s, u"."_s), ArchiveItem::file(u"lnk/file"_s, "x"_ba)}
            << throughLink.arg(u"lnk/file"_s);
    }
    QTest::newRow("tar: absolute path in a folder")
        << u"hostile.tar"_s << ArchiveItems{ArchiveItem::folder(u"/tmp/upkeep-escaped"_s)}
        << u"Refused the entry \"/tmp/upkeep-escaped/\": an absolute path."_s;
    QTest::newRow("tar: .. alone") << u"hostile.tar"_s << ArchiveItems{ArchiveItem::folder(u".."_s)}
                                   << notPlain.arg(u"../"_s); // tar names folders with a slash
    QTest::newRow("tar: ./../x") << u"hostile.tar"_s << ArchiveItems{ArchiveItem::file(u"./../x"_s, "x"_ba)}
                                 << u"Refused the entry \"./../x\": the path leaves the release folder or is not a "
                                    "plain relative path."_s;
    QTest::newRow("tar: backslashes") << u"hostile.tar"_s << ArchiveItems{ArchiveItem::file(u"..\\..\\x"_s, "x"_ba)}
                                      << notPlain.arg(u"..\\..\\x"_s);
    QTest::newRow("tar: a newline in a name")
        << u"hostile.tar"_s << ArchiveItems{ArchiveItem::file(u"read\nme"_s, "x"_ba)} << notPlain.arg(u"read\nme"_s);
    QTest::newRow("tar: a character device")
        << u"hostile.tar"_s << ArchiveItems{readme, ArchiveItem::special(u"dev/null"_s, Kind::CharDevice)}
        << u"Refused the entry \"dev/null\": a device file."_s;
    QTest::newRow("tar: a block device") << u"hostile.tar"_s
                                         << ArchiveItems{readme, ArchiveItem::special(u"sda"_s, Kind::BlockDevice)}
                                         << u"Refused the entry \"sda\": a device file."_s;
    QTest::newRow("tar: a FIFO") << u"hostile.tar"_s
                                 << ArchiveItems{readme, ArchiveItem::special(u"pipe"_s, Kind::Fifo)}
                                 << u"Refused the entry \"pipe\": a FIFO."_s;
    QTest::newRow("tar.gz: a FIFO") << u"hostile.tar.gz"_s
                                    << ArchiveItems{ArchiveItem::special(u"sub/pipe"_s, Kind::Fifo)}
                                    << u"Refused the entry \"sub/pipe\": a FIFO."_s;
    QTest::newRow("tar: the same path as ./path")
        << u"hostile.tar"_s << ArchiveItems{readme, ArchiveItem::file(u"./readme.txt"_s, "x"_ba)}
        << twice.arg(u"./readme.txt"_s);
    QTest::newRow("tar: a folder and a file of one name")
        << u"hostile.tar"_s << ArchiveItems{ArchiveItem::folder(u"data/"_s), ArchiveItem::file(u"data"_s, "x"_ba)}
        << twice.arg(u"data"_s);
    QTest::newRow("tar: a symlink replaced by a folder")
        << u"hostile.tar"_s
        << ArchiveItems{ArchiveItem::symlink(u"lnk"_s, u"readme.txt"_s), ArchiveItem::folder(u"lnk/"_s)}
        << twice.arg(u"lnk/"_s);
    QTest::newRow("tar: a hard link to a path not in the archive")
        << u"hostile.tar"_s << ArchiveItems{readme, ArchiveItem::hardlink(u"copy"_s, u"missing"_s)}
        << badHardLink.arg(u"copy"_s, u"missing"_s);
    QTest::newRow("tar: a hard link to /etc/passwd")
        << u"hostile.tar"_s << ArchiveItems{readme, ArchiveItem::hardlink(u"passwd"_s, u"/etc/passwd"_s)}
        << badHardLink.arg(u"passwd"_s, u"/etc/passwd"_s);
    QTest::newRow("tar: a hard link to ../outside")
        << u"hostile.tar"_s << ArchiveItems{readme, ArchiveItem::hardlink(u"copy"_s, u"../outside"_s)}
        << badHardLink.arg(u"copy"_s, u"../outside"_s);
    QTest::newRow("tar: a hard link to a folder")
        << u"hostile.tar"_s << ArchiveItems{ArchiveItem::folder(u"sub"_s), ArchiveItem::hardlink(u"copy"_s, u"sub"_s)}
        << badHardLink.arg(u"copy"_s, u"sub"_s);
    QTest::newRow("tar: a hard link to a later file")
        << u"hostile.tar"_s << ArchiveItems{ArchiveItem::hardlink(u"copy"_s, u"readme.txt"_s), readme}
        << badHardLink.arg(u"copy"_s, u"readme.txt"_s);
    // a/up is the release's top folder (the release/ folder inside the work folder), so a/up/../.. is {tmp}, and x
    // reads {tmp}/secret.txt although its target looks inside when read as text. A hard link to x must not copy the
    // secret into the release.
    QTest::newRow("tar: a hard link to a symlink that leaves by another")
        << u"hostile.tar"_s
        << ArchiveItems{ArchiveItem::folder(u"a"_s), ArchiveItem::symlink(u"a/up"_s, u".."_s),
               ArchiveItem::symlink(u"x"_s, u"a/up/../../secret.txt"_s), ArchiveItem::hardlink(u"copy"_s, u"x"_s)}
        << badHardLink.arg(u"copy"_s, u"x"_s);
    QTest::newRow("tar: a hard link to a symlink")
        << u"hostile.tar"_s
        << ArchiveItems{readme, ArchiveItem::symlink(u"lnk"_s, u"readme.txt"_s),
               ArchiveItem::hardlink(u"copy"_s, u"lnk"_s)}
        << badHardLink.arg(u"copy"_s, u"lnk"_s);
    QTest::newRow("tar: a file through a symlink to a folder")
        << u"hostile.tar"_s
        << ArchiveItems{ArchiveItem::folder(u"sub"_s), ArchiveItem::symlink(u"lnk"_s, u"sub"_s),
               ArchiveItem::file(u"lnk/file"_s, "x"_ba)}
        << throughLink.arg(u"lnk/file"_s);
    QTest::newRow("tar: a file deep through a symlink")
        << u"hostile.tar"_s
        << ArchiveItems{ArchiveItem::folder(u"sub"_s), ArchiveItem::symlink(u"lnk"_s, u"sub"_s),
               ArchiveItem::file(u"lnk/deeper/file"_s, "x"_ba)}
        << throughLink.arg(u"lnk/deeper/file"_s);
    QTest::newRow("tar: a folder through a symlink")
        << u"hostile.tar"_s
        << ArchiveItems{ArchiveItem::folder(u"sub"_s), ArchiveItem::symlink(u"sub/lnk"_s, u".."_s),
               ArchiveItem::folder(u"sub/lnk/x"_s)}
        << throughLink.arg(u"sub/lnk/x/"_s);
    QTest::newRow("tar: a symlink through a symlink")
        << u"hostile.tar"_s
        << ArchiveItems{ArchiveItem::symlink(u"lnk"_s, u"."_s), ArchiveItem::symlink(u"lnk/passwd"_s, u"readme.txt"_s)}
        << throughLink.arg(u"lnk/passwd"_s);
    // Absolute symlinks are kept, but nothing is written or copied through one.
    QTest::newRow("tar: a folder through an absolute symlink")
        << u"hostile.tar"_s
        << ArchiveItems{ArchiveItem::symlink(u"sys"_s, u"{tmp}"_s), ArchiveItem::folder(u"sys/sub"_s)}
        << throughLink.arg(u"sys/sub/"_s);
    QTest::newRow("tar: a symlink through an absolute symlink")
        << u"hostile.tar"_s
        << ArchiveItems{readme, ArchiveItem::symlink(u"sys"_s, u"{tmp}"_s),
               ArchiveItem::symlink(u"sys/escaped"_s, u"readme.txt"_s)}
        << throughLink.arg(u"sys/escaped"_s);
    QTest::newRow("tar: a hard link through an absolute symlink")
        << u"hostile.tar"_s
        << ArchiveItems{readme, ArchiveItem::symlink(u"sys"_s, u"/etc"_s),
               ArchiveItem::hardlink(u"x"_s, u"sys/passwd"_s)}
        << badHardLink.arg(u"x"_s, u"sys/passwd"_s);
    QTest::newRow("tar: a hard link to an absolute symlink")
        << u"hostile.tar"_s
        << ArchiveItems{readme, ArchiveItem::symlink(u"secret"_s, u"{tmp}/secret.txt"_s),
               ArchiveItem::hardlink(u"copy"_s, u"secret"_s)}
        << badHardLink.arg(u"copy"_s, u"secret"_s);
    QTest::newRow("tar: a hard link through a symlink") << u"hostile.tar"_s
                                                        << ArchiveItems{readme, ArchiveItem::symlink(u"lnk"_s, u"."_s),
                                                               ArchiveItem::hardlink(u"lnk/copy"_s, u"readme.txt"_s)}
                                                        << throughLink.arg(u"lnk/copy"_s);
}

void TestReleaseTree::hostileArchive()
{
    QFETCH(QString, name);
    QFETCH(ArchiveItems, items);
    QFETCH(QString, message);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (ArchiveItem& item : items) {
        item.path.replace(u"{tmp}"_s, dir.path());
        item.link.replace(u"{tmp}"_s, dir.path());
    }
    const QString path = dir.filePath(name);
    const QString written = writeArchive(path, items);
    QVERIFY2(written.isEmpty(), qPrintable(written));
    writeTestFile(dir.filePath(u"secret.txt"_s), "SECRET\n"_ba);
    const QString work = dir.filePath(u"work"_s);
    QVERIFY(QDir().mkpath(work));

    auto tree = ReleaseTree::open(path, work);
    UPKEEP_VERIFY_ERROR(tree, Error::Code::InvalidInput);
    QCOMPARE(tree.error().message, path + u": "_s + QString(message).replace(u"{tmp}"_s, dir.path()));

    // Nothing was written beside the work folder, nor in it outside release/.
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot),
        QStringList({name, u"secret.txt"_s, u"work"_s}));
    QCOMPARE(QDir(work).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot),
        QStringList{u"release"_s});
    QVERIFY(!QFileInfo::exists(u"/tmp/upkeep-escaped"_s));
    // And nothing under release/ came from outside it.
    QDirIterator it(work + u"/release"_s, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        QVERIFY2(info.isSymLink() || !readTestFile(info.filePath()).contains("SECRET"), qPrintable(info.filePath()));
    }
}

void TestReleaseTree::hostileFolder_data()
{
    QTest::addColumn<ArchiveItems>("items");
    QTest::addColumn<QString>("message");

    const ArchiveItem readme = ArchiveItem::file(u"readme.txt"_s, kReadme);
    QTest::newRow("a FIFO") << ArchiveItems{readme, ArchiveItem::special(u"pipe"_s, Kind::Fifo)}
                            << u"Refused the entry \"pipe\": a FIFO."_s;
    QTest::newRow("a FIFO in a subfolder") << ArchiveItems{readme, ArchiveItem::special(u"run/sub/pipe"_s, Kind::Fifo)}
                                           << u"Refused the entry \"run/sub/pipe\": a FIFO."_s;
    QTest::newRow("a symlink to ../../outside")
        << ArchiveItems{readme, ArchiveItem::folder(u"lib"_s), ArchiveItem::symlink(u"lib/out"_s, u"../../outside"_s)}
        << u"Refused the entry \"lib/out\": a symlink to \"../../outside\", outside the release."_s;
    QTest::newRow("a symlink to ..") << ArchiveItems{readme, ArchiveItem::symlink(u"parent"_s, u".."_s)}
                                     << u"Refused the entry \"parent\": a symlink to \"..\", outside the release."_s;
    QTest::newRow("a name with a backslash") << ArchiveItems{readme, ArchiveItem::file(u"a\\b"_s, "x"_ba)}
                                             << u"Refused the entry \"a\\b\": the name is not a plain relative path."_s;
    QTest::newRow("a name with a newline") << ArchiveItems{readme, ArchiveItem::file(u"a\nb"_s, "x"_ba)}
                                           << u"Refused the entry \"a\nb\": the name is not a plain relative path."_s;
    QTest::newRow("a socket") << ArchiveItems{readme}
                              << u"Refused the entry \"control.sock\": a socket or other special file."_s;
}

void TestReleaseTree::hostileFolder()
{
    QFETCH(ArchiveItems, items);
    QFETCH(QString, message);

    QTemporaryDir dir;
    const QString root = dir.filePath(u"release"_s);
    const QString written = writeFolder(root, items);
    QVERIFY2(written.isEmpty(), qPrintable(written));
    QLocalServer server;
    if (QString::fromLatin1(QTest::currentDataTag()) == u"a socket"_s)
        QVERIFY2(server.listen(root + u"/control.sock"_s), qPrintable(server.errorString()));

    auto tree = ReleaseTree::open(root, dir.filePath(u"work"_s));
    UPKEEP_VERIFY_ERROR(tree, Error::Code::InvalidInput);
    QCOMPARE(tree.error().message, message);
}

void TestReleaseTree::notASource_data()
{
    QTest::addColumn<QString>("source"); // a name under the test's temporary folder {tmp}
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("missing") << u"absent"_s << Error::Code::NotFound << u"{tmp}/absent does not exist."_s;
    QTest::newRow("missing archive") << u"absent.tar.zst"_s << Error::Code::NotFound
                                     << u"{tmp}/absent.tar.zst does not exist."_s;
    QTest::newRow("a plain file") << u"notes.txt"_s << Error::Code::Usage
                                  << u"{tmp}/notes.txt is neither a folder nor an archive Upkeep reads (.tar, .tar.gz, "
                                     ".tar.xz, .tar.zst, .zip)."_s;
    QTest::newRow("a .rar") << u"release.rar"_s << Error::Code::Usage
                            << u"{tmp}/release.rar is neither a folder nor an archive Upkeep reads (.tar, .tar.gz, "
                               ".tar.xz, .tar.zst, .zip)."_s;
    QTest::newRow("text named .tar.gz")
        << u"text.tar.gz"_s << Error::Code::InvalidInput
        << u"{tmp}/text.tar.gz: Cannot open the archive: Unrecognized archive format."_s;
    QTest::newRow("a truncated .tar.zst") << u"truncated.tar.zst"_s << Error::Code::InvalidInput
                                          << u"{tmp}/truncated.tar.zst: The archive is damaged at lib/libdemo.so.1: "
                                             "Truncated zstd input."_s;
    QTest::newRow("an empty folder") << u"empty"_s << Error::Code::Usage << u"{tmp}/empty holds no files."_s;
    QTest::newRow("an empty archive") << u"empty.tar"_s << Error::Code::Usage << u"{tmp}/empty.tar holds no files."_s;
    QTest::newRow("an archive of only ./")
        << u"dot.tar.xz"_s << Error::Code::Usage << u"{tmp}/dot.tar.xz holds no files."_s;
}

void TestReleaseTree::notASource()
{
    QFETCH(QString, source);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);

    QTemporaryDir dir;
    const auto write
        = [&](const QString& name, const QByteArray& bytes) { return tryWriteTestFile(dir.filePath(name), bytes); };
    QVERIFY(write(u"notes.txt"_s, "not a release\n"_ba));
    QVERIFY(write(u"release.rar"_s, "Rar!\x1a\x07\x00"_ba));
    QVERIFY(write(u"text.tar.gz"_s, "just some text, no gzip header\n"_ba));
    QVERIFY(QDir().mkpath(dir.filePath(u"empty"_s)));
    QVERIFY(writeArchive(dir.filePath(u"empty.tar"_s), {}).isEmpty());
    QVERIFY(writeArchive(dir.filePath(u"dot.tar.xz"_s), {ArchiveItem::folder(u"./"_s)}).isEmpty());
    const QString whole = dir.filePath(u"whole.tar.zst"_s);
    QVERIFY(writeArchive(whole, release()).isEmpty());
    const QByteArray complete = readTestFile(whole);
    QVERIFY(write(u"truncated.tar.zst"_s, complete.left(complete.size() / 2)));

    const QString work = dir.filePath(u"work"_s);
    QVERIFY(QDir().mkpath(work));
    auto tree = ReleaseTree::open(dir.filePath(source), work);
    UPKEEP_VERIFY_ERROR(tree, code);
    QCOMPARE(tree.error().message, QString(message).replace(u"{tmp}"_s, dir.path()));
}

void TestReleaseTree::isArchive_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("archive");

    for (const QString& path : {u"a.tar"_s, u"a.tar.gz"_s, u"a.tgz"_s, u"a.tar.xz"_s, u"a.txz"_s, u"a.tar.zst"_s,
             u"a.tzst"_s, u"a.tar.bz2"_s, u"a.zip"_s, u"A.ZIP"_s, u"dir/app-1.0.Tar.Zst"_s})
        QTest::addRow("%s", qPrintable(path)) << path << true;
    for (const QString& path : {u"a"_s, u"a.txt"_s, u"a.gz"_s, u"a.zst"_s, u"a.tar.7z"_s, u"tar"_s, u"a.zip.sig"_s})
        QTest::addRow("%s", qPrintable(path)) << path << false;
}

void TestReleaseTree::isArchive()
{
    QFETCH(QString, path);
    QFETCH(bool, archive);
    QCOMPARE(ReleaseTree::isArchive(path), archive);
}

QTEST_GUILESS_MAIN(TestReleaseTree)
#include "tst_releasetree.moc"
