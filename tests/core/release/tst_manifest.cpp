// The manifest is the signed list of every file of a release. Manifest::parse must refuse a hostile
// or malformed one whole, with a sentence naming what is wrong, before an installer writes a byte;
// and a manifest must read back exactly as it was written.

#include "release/manifest.h"
#include "support/testbytes.h"
#include "support/verify.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

const QString kDemo = sha256("#!/bin/sh\necho demo\n"_ba);
const QString kLibrary = sha256("\x7f"
                                "ELF library"_ba);
const QString kEmpty = sha256(QByteArray());
const QString kBundle = sha256("bundle"_ba);

QJsonObject file(const QString& path, qint64 size, const QString& sha, int mode)
{
    return {{u"path"_s, path}, {u"type"_s, u"file"_s}, {u"size"_s, size}, {u"sha256"_s, sha}, {u"mode"_s, mode}};
}

QJsonObject folder(const QString& path, int mode = 0755)
{
    return {{u"path"_s, path}, {u"type"_s, u"directory"_s}, {u"mode"_s, mode}};
}

QJsonObject symlink(const QString& path, const QString& target)
{
    return {{u"path"_s, path}, {u"type"_s, u"symlink"_s}, {u"target"_s, target}};
}

// A sound manifest: a program, a library with its symlink, an empty file and an empty folder,
// listed out of order (parse sorts them).
QJsonObject base()
{
    const QJsonArray files{file(u"lib/libdemo.so.1"_s, 11, kLibrary, 0644), folder(u"bin"_s),
        file(u"bin/demo"_s, 20, kDemo, 0755), folder(u"lib"_s), symlink(u"lib/libdemo.so"_s, u"libdemo.so.1"_s),
        file(u"empty.txt"_s, 0, kEmpty, 0600), folder(u"share/empty"_s, 0700), folder(u"share"_s)};
    const QJsonObject objects{{kDemo, QJsonObject{{u"size"_s, 17}}}, {kLibrary, QJsonObject{{u"size"_s, 19}}}};
    return {{u"format"_s, 1}, {u"app"_s, u"demo"_s}, {u"version"_s, u"1.2.0"_s}, {u"files"_s, files},
        {u"objects"_s, objects}, {u"bundle"_s, QJsonObject{{u"size"_s, 300}, {u"sha256"_s, kBundle}}},
        {u"health_check"_s, QJsonObject{{u"command"_s, QJsonArray{u"bin/demo"_s, u"--check"_s}}, {u"timeout"_s, 30}}}};
}

const QString kOldDemo = sha256("#!/bin/sh\necho old demo\n"_ba);

QJsonObject patch(const QString& from, const QString& format = u"zstd"_s, qint64 size = 12)
{
    return {{u"from"_s, from}, {u"format"_s, format}, {u"size"_s, size}};
}

QByteArray bytesOf(const QJsonObject& manifest)
{
    return QJsonDocument(manifest).toJson(QJsonDocument::Compact);
}

// The sound manifest after `edit`.
QByteArray edited(const std::function<void(QJsonObject&)>& edit)
{
    QJsonObject manifest = base();
    edit(manifest);
    return bytesOf(manifest);
}

QByteArray withFile(const QJsonObject& entry)
{
    return edited([&](QJsonObject& manifest) {
        QJsonArray files = manifest.value(u"files"_s).toArray();
        files.append(entry);
        manifest.insert(u"files"_s, files);
    });
}

// The first entry whose path is `path`, changed by `edit`.
QByteArray withEntry(const QString& path, const std::function<void(QJsonObject&)>& edit)
{
    return edited([&](QJsonObject& manifest) {
        QJsonArray files = manifest.value(u"files"_s).toArray();
        for (qsizetype i = 0; i < files.size(); ++i) {
            QJsonObject entry = files[i].toObject();
            if (entry.value(u"path"_s).toString() == path) {
                edit(entry);
                files[i] = entry;
                break;
            }
        }
        manifest.insert(u"files"_s, files);
    });
}

QByteArray withPatches(const QString& to, const QJsonArray& patches)
{
    return edited([&](QJsonObject& manifest) { manifest.insert(u"patches"_s, QJsonObject{{to, patches}}); });
}

QByteArray withHealthCheck(const QJsonArray& command, int timeout = 30)
{
    return edited([&](QJsonObject& manifest) {
        manifest.insert(u"health_check"_s, QJsonObject{{u"command"_s, command}, {u"timeout"_s, timeout}});
    });
}

QString unsafe(const QString& what)
{
    return u"The manifest is unsafe or malformed: "_s + what;
}

void compareManifests(const Manifest& actual, const Manifest& expected)
{
    QCOMPARE(actual.app, expected.app);
    QCOMPARE(actual.version.toString(), expected.version.toString());
    QVERIFY(actual.entries == expected.entries);
    QVERIFY(actual.healthCheck == expected.healthCheck);
    QVERIFY(actual.objects == expected.objects);
    QVERIFY(actual.bundle == expected.bundle);
    QVERIFY(actual.patches == expected.patches);
}

} // namespace

class TestManifest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesSoundManifest();
    void refused_data();
    void refused();
    void roundTrip_data();
    void roundTrip();
    void formatTwo_data();
    void formatTwo();
    void formatTwoTablesRefused_data();
    void formatTwoTablesRefused();
    void absoluteSymlinkTargets_data();
    void absoluteSymlinkTargets();
    void findAndTotal();
    void safePaths_data();
    void safePaths();
};

void TestManifest::parsesSoundManifest()
{
    auto manifest = Manifest::parse(bytesOf(base()));
    UPKEEP_VERIFY_OK(manifest);
    QCOMPARE(manifest->app, u"demo"_s);
    QCOMPARE(manifest->version.toString(), u"1.2.0"_s);
    QStringList paths;
    for (const Manifest::Entry& entry : manifest->entries)
        paths.append(entry.path);
    QCOMPARE(paths,
        QStringList({u"bin"_s, u"bin/demo"_s, u"empty.txt"_s, u"lib"_s, u"lib/libdemo.so"_s, u"lib/libdemo.so.1"_s,
            u"share"_s, u"share/empty"_s}));
    const Manifest::Entry* link = manifest->find(u"lib/libdemo.so"_s);
    QVERIFY(link);
    QCOMPARE(link->type, Manifest::Entry::Type::Symlink);
    QCOMPARE(link->target, u"libdemo.so.1"_s);
    QCOMPARE(link->mode, 0777);
    QVERIFY(manifest->healthCheck);
    QCOMPARE(manifest->healthCheck->command, QStringList({u"bin/demo"_s, u"--check"_s}));
    QCOMPARE(manifest->healthCheck->timeoutSeconds, 30);
    QCOMPARE(manifest->objects.size(), size_t(2));
    QCOMPARE(manifest->objects.at(kDemo).size, 17);
    QVERIFY(manifest->bundle);
    QCOMPARE(manifest->bundle->size, 300);

    // Health check and bundle are optional.
    auto bare = Manifest::parse(edited([](QJsonObject& m) {
        m.remove(u"health_check"_s);
        m.remove(u"bundle"_s);
    }));
    UPKEEP_VERIFY_OK(bare);
    QVERIFY(!bare->healthCheck);
    QVERIFY(!bare->bundle);
}

void TestManifest::refused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");

    const auto invalid = Error::Code::InvalidInput;
    const QString notPlain = u"the path \"%1\" leaves the release folder or is not a plain relative path."_s;

    // Paths: every one relative, plain and inside.
    for (const QString& path :
        {u"../etc/passwd"_s, u"bin/../../etc/passwd"_s, u".."_s, u"bin/.."_s, u"/etc/passwd"_s, u"/bin/demo2"_s,
            u"bin//demo2"_s, u"bin/"_s, u"./bin/demo2"_s, u"bin/./demo2"_s, u"bin\\demo2"_s, u"bin/de\nmo"_s,
            u"bin/de\tmo"_s, u"bin/de\u007fmo"_s, u"bin/de\u0001mo"_s, u""_s, u"a/"_s + QString(256, u'x')}) {
        QString name = path;
        name.replace(u'\n', u"\\n"_s)
            .replace(u'\t', u"\\t"_s)
            .replace(u'\u007f', u"\\x7f"_s)
            .replace(u'\u0001', u"\\x01"_s);
        if (name.size() > 40)
            name = name.left(10) + u"..."_s;
        QTest::addRow("path \"%s\"", qPrintable(name))
            << withFile(file(path, 0, kEmpty, 0644)) << invalid << unsafe(notPlain.arg(path));
    }
    QTest::newRow("a folder with \"..\"")
        << withFile(folder(u"share/../.."_s)) << invalid << unsafe(notPlain.arg(u"share/../.."_s));
    QTest::newRow("a symlink named with \"..\"")
        << withFile(symlink(u"../demo"_s, u"bin/demo"_s)) << invalid << unsafe(notPlain.arg(u"../demo"_s));
    QTest::newRow("duplicate path, both files") << withFile(file(u"bin/demo"_s, 0, kEmpty, 0644)) << invalid
                                                << unsafe(u"the path \"bin/demo\" is listed twice."_s);
    QTest::newRow("duplicate path, file and folder")
        << withFile(folder(u"empty.txt"_s)) << invalid << unsafe(u"the path \"empty.txt\" is listed twice."_s);
    QTest::newRow("duplicate path, folder and symlink")
        << withFile(symlink(u"lib"_s, u"bin"_s)) << invalid << unsafe(u"the path \"lib\" is listed twice."_s);

    // Symlinks: relative targets that stay inside, and never by way of another symlink.
    const QString outside = u"the symlink %1 points to \"%2\", outside the release."_s;
    QTest::newRow("symlink escaping with ../../etc") << withFile(symlink(u"lib/etc"_s, u"../../etc"_s)) << invalid
                                                     << unsafe(outside.arg(u"lib/etc"_s, u"../../etc"_s));
    QTest::newRow("symlink at the top to ..")
        << withFile(symlink(u"up"_s, u".."_s)) << invalid << unsafe(outside.arg(u"up"_s, u".."_s));
    QTest::newRow("symlink leaving and coming back")
        << withFile(symlink(u"lib/back"_s, u"../../release/bin"_s)) << invalid
        << unsafe(outside.arg(u"lib/back"_s, u"../../release/bin"_s));
    QTest::newRow("empty symlink target") << withFile(symlink(u"lib/nothing"_s, QString())) << invalid
                                          << unsafe(outside.arg(u"lib/nothing"_s, QString()));
    QTest::newRow("symlink target with a backslash") << withFile(symlink(u"lib/win"_s, u"..\\..\\etc"_s)) << invalid
                                                     << unsafe(outside.arg(u"lib/win"_s, u"..\\..\\etc"_s));
    QTest::newRow("symlink target with a newline") << withFile(symlink(u"lib/nl"_s, u"libdemo.so.1\n"_s)) << invalid
                                                   << unsafe(outside.arg(u"lib/nl"_s, u"libdemo.so.1\n"_s));
    QTest::newRow("absolute symlink target with a newline")
        << withFile(symlink(u"lib/tz"_s, u"/etc/localtime\n"_s)) << invalid
        << unsafe(outside.arg(u"lib/tz"_s, u"/etc/localtime\n"_s));
    QTest::newRow("absolute symlink target with a backslash")
        << withFile(symlink(u"lib/tz"_s, u"/etc\\localtime"_s)) << invalid
        << unsafe(outside.arg(u"lib/tz"_s, u"/etc\\localtime"_s));
    // bin/parent is the release's top folder; through it, ../.. climbs above the release although
    // the target looks inside when read as text.
    QTest::newRow("symlink through another symlink") << edited([](QJsonObject& m) {
        QJsonArray files = m.value(u"files"_s).toArray();
        files.append(symlink(u"bin/parent"_s, u".."_s));
        files.append(symlink(u"escape"_s, u"bin/parent/../../etc/passwd"_s));
        m.insert(u"files"_s, files);
    }) << invalid << unsafe(u"the symlink escape points through the symlink bin/parent."_s);
    QTest::newRow("symlink to a folder through a symlink")
        << withFile(symlink(u"share/lib"_s, u"../lib/libdemo.so/x"_s)) << invalid
        << unsafe(u"the symlink share/lib points through the symlink lib/libdemo.so."_s);
    QTest::newRow("symlink through an absolute symlink") << edited([](QJsonObject& m) {
        QJsonArray files = m.value(u"files"_s).toArray();
        files.append(symlink(u"sys"_s, u"/etc"_s));
        files.append(symlink(u"passwd"_s, u"sys/passwd"_s));
        m.insert(u"files"_s, files);
    }) << invalid << unsafe(u"the symlink passwd points through the symlink sys."_s);

    // Nothing is written through a file or a symlink.
    const QString inside = u"%1 lies inside %2, which is not a folder."_s;
    QTest::newRow("file inside a file") << withFile(file(u"bin/demo/evil"_s, 0, kEmpty, 0644)) << invalid
                                        << unsafe(inside.arg(u"bin/demo/evil"_s, u"bin/demo"_s));
    QTest::newRow("file inside a symlink") << withFile(file(u"lib/libdemo.so/evil"_s, 0, kEmpty, 0644)) << invalid
                                           << unsafe(inside.arg(u"lib/libdemo.so/evil"_s, u"lib/libdemo.so"_s));
    QTest::newRow("folder inside a symlink") << withFile(folder(u"lib/libdemo.so/sub"_s)) << invalid
                                             << unsafe(inside.arg(u"lib/libdemo.so/sub"_s, u"lib/libdemo.so"_s));
    QTest::newRow("symlink inside a file") << withFile(symlink(u"empty.txt/link"_s, u"../bin"_s)) << invalid
                                           << unsafe(inside.arg(u"empty.txt/link"_s, u"empty.txt"_s));

    // Modes: permission bits only.
    const QString badMode = u"%1 has mode %2; only permission bits (at most 0777) are allowed."_s;
    QTest::newRow("setuid file (04755)") << withEntry(u"bin/demo"_s, [](QJsonObject& e) { e[u"mode"_s] = 04755; })
                                         << invalid << unsafe(badMode.arg(u"bin/demo"_s, u"4755"_s));
    QTest::newRow("setgid file (02755)") << withEntry(u"bin/demo"_s, [](QJsonObject& e) { e[u"mode"_s] = 02755; })
                                         << invalid << unsafe(badMode.arg(u"bin/demo"_s, u"2755"_s));
    QTest::newRow("sticky folder (01777)") << withEntry(u"share"_s, [](QJsonObject& e) { e[u"mode"_s] = 01777; })
                                           << invalid << unsafe(badMode.arg(u"share"_s, u"1777"_s));
    QTest::newRow("file type bits in the mode (0100644)")
        << withEntry(u"empty.txt"_s, [](QJsonObject& e) { e[u"mode"_s] = 0100644; }) << invalid
        << unsafe(badMode.arg(u"empty.txt"_s, u"100644"_s));
    QTest::newRow("negative mode") << withEntry(u"bin/demo"_s, [](QJsonObject& e) { e[u"mode"_s] = -1; }) << invalid
                                   << u"manifest.json: files[2].mode must be at least 0, not -1"_s;
    QTest::newRow("mode as text") << withEntry(u"bin/demo"_s, [](QJsonObject& e) { e[u"mode"_s] = u"0755"_s; })
                                  << invalid << u"manifest.json: files[2].mode must be an integer, not string"_s;

    // Content: a size, a sha256, and an object for every non-empty file.
    QTest::newRow("missing object for a non-empty file") << edited([](QJsonObject& m) {
        QJsonObject objects = m.value(u"objects"_s).toObject();
        objects.remove(kDemo);
        m.insert(u"objects"_s, objects);
    }) << invalid << unsafe(u"no object carries the content of bin/demo."_s);
    const QString needsHash = u"%1 needs a size and a sha256."_s;
    QTest::newRow("sha256 too short") << withEntry(u"bin/demo"_s, [](QJsonObject& e) {
        e[u"sha256"_s] = kDemo.left(63);
    }) << invalid << unsafe(needsHash.arg(u"bin/demo"_s));
    QTest::newRow("sha256 in capitals") << withEntry(u"bin/demo"_s, [](QJsonObject& e) {
        e[u"sha256"_s] = kDemo.toUpper();
    }) << invalid << unsafe(needsHash.arg(u"bin/demo"_s));
    QTest::newRow("sha256 not hex") << withEntry(u"empty.txt"_s, [](QJsonObject& e) {
        e[u"sha256"_s] = QString(64, u'g');
    }) << invalid << unsafe(needsHash.arg(u"empty.txt"_s));
    QTest::newRow("sha256 missing") << withEntry(u"bin/demo"_s, [](QJsonObject& e) { e.remove(u"sha256"_s); })
                                    << invalid << u"manifest.json: files[2].sha256 is missing"_s;
    QTest::newRow("negative size") << withEntry(u"bin/demo"_s, [](QJsonObject& e) { e[u"size"_s] = -20; }) << invalid
                                   << u"manifest.json: files[2].size must be at least 0, not -20"_s;
    const QString needsSize = u"the object %1 needs a size and must be named by a sha256."_s;
    QTest::newRow("object of size 0") << edited([](QJsonObject& m) {
        QJsonObject objects = m.value(u"objects"_s).toObject();
        objects.insert(kLibrary, QJsonObject{{u"size"_s, 0}});
        m.insert(u"objects"_s, objects);
    }) << invalid << unsafe(needsSize.arg(kLibrary));
    QTest::newRow("object named by something other than a sha256") << edited([](QJsonObject& m) {
        QJsonObject objects = m.value(u"objects"_s).toObject();
        objects.insert(u"../../etc/passwd"_s, QJsonObject{{u"size"_s, 17}});
        m.insert(u"objects"_s, objects);
    }) << invalid << unsafe(needsSize.arg(u"../../etc/passwd"_s));
    QTest::newRow("bundle with a bad sha256") << edited([](QJsonObject& m) {
        m.insert(u"bundle"_s, QJsonObject{{u"size"_s, 300}, {u"sha256"_s, u"none"_s}});
    }) << invalid << unsafe(u"the bundle needs a size and a sha256."_s);

    // Entry types.
    QTest::newRow("unknown entry type") << withEntry(u"bin/demo"_s, [](QJsonObject& e) {
        e[u"type"_s] = u"hardlink"_s;
    }) << invalid << u"manifest.json: files[2].type must be file, symlink or directory, not \"hardlink\""_s;
    QTest::newRow("device entry") << withEntry(u"empty.txt"_s, [](QJsonObject& e) {
        e[u"type"_s] = u"device"_s;
    }) << invalid << u"manifest.json: files[5].type must be file, symlink or directory, not \"device\""_s;
    QTest::newRow("entry without a type") << withEntry(u"bin/demo"_s, [](QJsonObject& e) { e.remove(u"type"_s); })
                                          << invalid << u"manifest.json: files[2].type is missing"_s;
    QTest::newRow("entry not an object") << edited([](QJsonObject& m) {
        QJsonArray files = m.value(u"files"_s).toArray();
        files.append(u"bin/demo"_s);
        m.insert(u"files"_s, files);
    }) << invalid << u"manifest.json: files[8] must be an object"_s;

    // The document.
    QTest::newRow("patch to a content no file has") << withPatches(kOldDemo,
        {patch(kLibrary)}) << invalid << unsafe(u"a patch makes %1, which no file of the release has."_s.arg(kOldDemo));
    QTest::newRow("patch from its own content")
        << withPatches(kDemo, {patch(kDemo)}) << invalid
        << unsafe(u"a patch to %1 needs another content to start from and a size."_s.arg(kDemo));
    QTest::newRow("patch of size 0") << withPatches(kDemo, {patch(kOldDemo, u"zstd"_s, 0)}) << invalid
                                     << u"manifest.json: patches.%1[0].size must be at least 1, not 0"_s.arg(kDemo);
    QTest::newRow("patch from a path") << withPatches(kDemo, {patch(u"../../etc/passwd"_s)}) << invalid
                                       << unsafe(u"a patch to %1 needs another content to start from and a size."_s.arg(
                                              kDemo));
    QTest::newRow("patch in an unknown format")
        << withPatches(kDemo, {patch(kOldDemo, u"vcdiff"_s)}) << invalid
        << u"manifest.json: patches.%1[0].format is a patch format this Upkeep does not know: \"vcdiff\""_s.arg(kDemo);
    QTest::newRow("the same patch twice")
        << withPatches(kDemo, {patch(kOldDemo), patch(kOldDemo, u"bsdiff"_s)}) << invalid
        << unsafe(u"the patch from %1 to %2 is listed twice."_s.arg(kOldDemo, kDemo));
    QTest::newRow("patches not a list") << withPatches(kDemo, {}).replace("[]", "{}") << invalid
                                        << u"manifest.json: patches.%1 must be a list"_s.arg(kDemo);
    QTest::newRow("format from the future")
        << edited([](QJsonObject& m) { m[u"format"_s] = 3; }) << Error::Code::Unsupported
        << u"The manifest has format 3; this Upkeep reads formats 1 and 2. Update Upkeep "
           "first."_s;
    QTest::newRow("format 2 without its tables file")
        << edited([](QJsonObject& m) { m[u"format"_s] = 2; }) << invalid << u"manifest.json: tables is missing"_s;
    QTest::newRow("format 2 with a tables file of no size") << edited([](QJsonObject& m) {
        m[u"format"_s] = 2;
        m[u"tables"_s] = QJsonObject{{u"sha256"_s, kBundle}, {u"size"_s, 0}, {u"object"_s, 5}};
    }) << invalid << u"manifest.json: tables.size must be at least 1, not 0"_s;
    QTest::newRow("format 0") << edited([](QJsonObject& m) { m[u"format"_s] = 0; }) << invalid
                              << u"manifest.json: format must be at least 1, not 0"_s;
    QTest::newRow("no format") << edited([](QJsonObject& m) { m.remove(u"format"_s); }) << invalid
                               << u"manifest.json: format is missing"_s;
    const QString notSemver = u"manifest.json: \"%1\" is not a semantic version (such as 1.4.2 or 2.0.0-beta.1): %2."_s;
    QTest::newRow("version with two numbers")
        << edited([](QJsonObject& m) { m[u"version"_s] = u"1.2"_s; }) << invalid
        << notSemver.arg(u"1.2"_s, u"it needs three numbers, MAJOR.MINOR.PATCH"_s);
    QTest::newRow("version with a leading zero")
        << edited([](QJsonObject& m) { m[u"version"_s] = u"1.02.0"_s; }) << invalid
        << notSemver.arg(u"1.02.0"_s, u"numbers must not have leading zeros"_s);
    QTest::newRow("version as a path") << edited([](QJsonObject& m) { m[u"version"_s] = u"../1.2.0"_s; }) << invalid
                                       << notSemver.arg(u"../1.2.0"_s, u"it needs three numbers, MAJOR.MINOR.PATCH"_s);
    QTest::newRow("version a number") << edited([](QJsonObject& m) { m[u"version"_s] = 1; }) << invalid
                                      << u"manifest.json: version must be a string, not integer"_s;
    QTest::newRow("app name with a slash") << edited([](QJsonObject& m) { m[u"app"_s] = u"../demo"_s; }) << invalid
                                           << unsafe(u"\"../demo\" is not an application name."_s);
    QTest::newRow("app name empty") << edited([](QJsonObject& m) { m[u"app"_s] = QString(); }) << invalid
                                    << unsafe(u"\"\" is not an application name."_s);
    QTest::newRow("files not an array") << edited([](QJsonObject& m) { m[u"files"_s] = QJsonObject(); }) << invalid
                                        << u"manifest.json: files must be an array, not object"_s;
    QTest::newRow("no objects") << edited([](QJsonObject& m) { m.remove(u"objects"_s); }) << invalid
                                << u"manifest.json: objects is missing"_s;

    // The health check runs a file of the release, and nothing else.
    const QString notInRelease = u"the health check runs \"%1\", which is not a file of the release."_s;
    QTest::newRow("health check runs a program not in the release")
        << withHealthCheck({u"bin/missing"_s}) << invalid << unsafe(notInRelease.arg(u"bin/missing"_s));
    QTest::newRow("health check runs /bin/sh")
        << withHealthCheck({u"/bin/sh"_s, u"-c"_s, u"rm -rf ~"_s}) << invalid << unsafe(notInRelease.arg(u"/bin/sh"_s));
    QTest::newRow("health check runs a program found on PATH")
        << withHealthCheck({u"sh"_s}) << invalid << unsafe(notInRelease.arg(u"sh"_s));
    QTest::newRow("health check runs a folder")
        << withHealthCheck({u"bin"_s}) << invalid << unsafe(notInRelease.arg(u"bin"_s));
    QTest::newRow("health check runs a symlink")
        << withHealthCheck({u"lib/libdemo.so"_s}) << invalid << unsafe(notInRelease.arg(u"lib/libdemo.so"_s));
    QTest::newRow("health check runs ../ a program")
        << withHealthCheck({u"../1.1.0/bin/demo"_s}) << invalid << unsafe(notInRelease.arg(u"../1.1.0/bin/demo"_s));
    QTest::newRow("health check without a command")
        << withHealthCheck({}) << invalid << unsafe(u"the health check has no command."_s);
    QTest::newRow("health check argument with a newline")
        << withHealthCheck({u"bin/demo"_s, u"--check\n--wipe"_s}) << invalid
        << unsafe(u"the health check's arguments hold control characters."_s);
    QTest::newRow("health check time-out 0") << withHealthCheck({u"bin/demo"_s}, 0) << invalid
                                             << u"manifest.json: health_check.timeout must be at least 1, not 0"_s;
    QTest::newRow("health check time-out above an hour") << withHealthCheck(
        {u"bin/demo"_s}, 3601) << invalid << unsafe(u"the health check's time-out must be from 1 to 3600 seconds."_s);
    QTest::newRow("health check command not strings") << withHealthCheck(
        {u"bin/demo"_s, 1}) << invalid << u"manifest.json: health_check.command must hold strings only"_s;
}

void TestManifest::refused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);

    auto manifest = Manifest::parse(bytes);
    UPKEEP_VERIFY_ERROR(manifest, code);
    QCOMPARE(manifest.error().message, message);
}

void TestManifest::roundTrip_data()
{
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("everything") << bytesOf(base());
    QTest::newRow("no health check, no bundle") << edited([](QJsonObject& m) {
        m.remove(u"health_check"_s);
        m.remove(u"bundle"_s);
    });
    QTest::newRow("pre-release with build metadata")
        << edited([](QJsonObject& m) { m[u"version"_s] = u"2.0.0-rc.1+build.7"_s; });
    QTest::newRow("only empty files") << edited([](QJsonObject& m) {
        m[u"files"_s] = QJsonArray{
            file(u"a"_s, 0, kEmpty, 0644), file(u"b c/ü ñ.txt"_s, 0, kEmpty, 0444), folder(u"b c"_s, 0555)};
        m[u"objects"_s] = QJsonObject();
        m.remove(u"health_check"_s);
    });
    QTest::newRow("patches in both formats") << edited([](QJsonObject& m) {
        m[u"patches"_s] = QJsonObject{{kDemo, QJsonArray{patch(kOldDemo, u"bsdiff"_s, 7), patch(kLibrary)}},
            {kLibrary, QJsonArray{patch(kOldDemo, u"zstd"_s, 3)}}};
    });
    QTest::newRow("health check with quoted arguments")
        << withHealthCheck({u"bin/demo"_s, u"--name"_s, u"a \"quoted\" value"_s, u""_s}, 3600);
}

void TestManifest::roundTrip()
{
    QFETCH(QByteArray, bytes);

    auto first = Manifest::parse(bytes);
    UPKEEP_VERIFY_OK(first);
    const QByteArray written = first->toBytes();
    QVERIFY(written.endsWith('\n'));
    auto second = Manifest::parse(written);
    UPKEEP_VERIFY_OK(second);
    compareManifests(*second, *first);
    if (QTest::currentTestFailed())
        return;
    // Deterministic: the same manifest always gives the same bytes (they are signed).
    QCOMPARE(second->toBytes(), written);
    QCOMPARE(second->version.build(), first->version.build());

    // A manifest made in code reads back the same, too.
    Manifest made;
    made.app = u"made.in-code_1"_s;
    made.version = *Version::parse(u"3.1.4"_s);
    made.entries = {{u"a.txt"_s, Manifest::Entry::Type::File, 5, kDemo, 0640, {}},
        {u"dir"_s, Manifest::Entry::Type::Directory, 0, {}, 0750, {}},
        {u"dir/link"_s, Manifest::Entry::Type::Symlink, 0, {}, 0777, u"../a.txt"_s}};
    made.objects.emplace(kDemo, Manifest::Object{9});
    made.healthCheck = Manifest::HealthCheck{{u"a.txt"_s}, 5};
    UPKEEP_VERIFY_OK(made.validate());
    auto reread = Manifest::parse(made.toBytes());
    UPKEEP_VERIFY_OK(reread);
    compareManifests(*reread, made);
}

void TestManifest::formatTwo_data()
{
    roundTrip_data();
}

void TestManifest::formatTwo()
{
    QFETCH(QByteArray, bytes);
    auto one = Manifest::parse(bytes);
    UPKEEP_VERIFY_OK(one);
    QCOMPARE(one->format, 1);
    QVERIFY(one->tablesLoaded);

    // The tables move to their own file, which the manifest names by sha256 and size.
    Manifest two = *one;
    two.format = 2;
    const QByteArray tables = two.tablesBytes();
    two.tablesFile = Manifest::TablesFile{sha256(tables), tables.size(), 42};
    UPKEEP_VERIFY_OK(two.validate());
    const QByteArray written = two.toBytes();
    QVERIFY(!written.contains("\"objects\""));
    QVERIFY(!written.contains("\"patches\""));
    QVERIFY(written.contains(sha256(tables).toLatin1()));

    auto read = Manifest::parse(written);
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(read->format, 2);
    QVERIFY(!read->tablesLoaded);
    QVERIFY(read->objects.empty());
    QVERIFY(read->tablesFile == two.tablesFile);
    QCOMPARE(read->toBytes(), written); // what a client saves is what was signed
    UPKEEP_VERIFY_OK(read->attachTables(tables));
    QVERIFY(read->tablesLoaded);
    compareManifests(*read, *one);
    QCOMPARE(read->toBytes(), written);
}

void TestManifest::formatTwoTablesRefused_data()
{
    QTest::addColumn<QString>("fault");
    QTest::newRow("a byte of the tables changed") << u"flip"_s;
    QTest::newRow("the tables cut short") << u"short"_s;
    QTest::newRow("tables that leave a file without an object, named so") << u"noObject"_s;
    QTest::newRow("tables that are not JSON, named so") << u"notJson"_s;
    QTest::newRow("a manifest of format 1") << u"format1"_s;
}

void TestManifest::formatTwoTablesRefused()
{
    QFETCH(QString, fault);
    auto manifest = Manifest::parse(bytesOf(base()));
    UPKEEP_VERIFY_OK(manifest);
    QByteArray tables = manifest->tablesBytes();
    if (fault == u"flip"_s) {
        manifest->format = 2;
        manifest->tablesFile = Manifest::TablesFile{sha256(tables), tables.size(), 1};
        tables[10] = char(tables[10] ^ 1);
    } else if (fault == u"short"_s) {
        manifest->format = 2;
        manifest->tablesFile = Manifest::TablesFile{sha256(tables), tables.size(), 1};
        tables.chop(1);
    } else if (fault == u"noObject"_s || fault == u"notJson"_s) {
        Manifest fewer = *manifest;
        fewer.objects.erase(kLibrary);
        tables = fault == u"notJson"_s ? "{\"objects\": " : fewer.tablesBytes();
        manifest->format = 2;
        manifest->tablesFile = Manifest::TablesFile{sha256(tables), tables.size(), 1};
    }
    auto written = Manifest::parse(manifest->toBytes());
    UPKEEP_VERIFY_OK(written);
    QVERIFY(!written->attachTables(tables));
    QCOMPARE(written->tablesLoaded, fault == u"format1"_s);
    if (fault != u"format1"_s)
        QVERIFY(written->objects.empty());
}

void TestManifest::absoluteSymlinkTargets_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("target");

    QTest::newRow("a system file (tzdata's localtime)") << u"share/localtime"_s << u"/etc/localtime"_s;
    QTest::newRow("a system folder") << u"sys"_s << u"/etc"_s;
    QTest::newRow("the root folder") << u"root"_s << u"/"_s;
    // Read as a path of the release, these would climb above its top or run through
    // lib/libdemo.so; an absolute target is never resolved inside the release.
    QTest::newRow("climbing above / from the top") << u"up"_s << u"/../../etc/passwd"_s;
    QTest::newRow("a path that reads like a release symlink") << u"lib/sys"_s << u"/libdemo.so/x"_s;
}

void TestManifest::absoluteSymlinkTargets()
{
    QFETCH(QString, path);
    QFETCH(QString, target);

    // Accepted, and kept exactly as given through a round trip of the signed bytes.
    auto manifest = Manifest::parse(withFile(symlink(path, target)));
    UPKEEP_VERIFY_OK(manifest);
    const Manifest::Entry* link = manifest->find(path);
    QVERIFY(link);
    QCOMPARE(link->type, Manifest::Entry::Type::Symlink);
    QCOMPARE(link->target, target);
    auto reread = Manifest::parse(manifest->toBytes());
    UPKEEP_VERIFY_OK(reread);
    QVERIFY(reread->find(path));
    QCOMPARE(reread->find(path)->target, target);
}

void TestManifest::findAndTotal()
{
    auto manifest = Manifest::parse(bytesOf(base()));
    UPKEEP_VERIFY_OK(manifest);

    // find() works on the sorted entries, whatever the order in the file.
    for (const Manifest::Entry& entry : manifest->entries) {
        const Manifest::Entry* found = manifest->find(entry.path);
        QVERIFY2(found == &entry, qPrintable(entry.path));
    }
    const Manifest::Entry* demo = manifest->find(u"bin/demo"_s);
    QVERIFY(demo);
    QCOMPARE(demo->type, Manifest::Entry::Type::File);
    QCOMPARE(demo->size, 20);
    QCOMPARE(demo->sha256, kDemo);
    QCOMPARE(demo->mode, 0755);
    QCOMPARE(manifest->find(u"share/empty"_s)->type, Manifest::Entry::Type::Directory);
    QCOMPARE(manifest->find(u"share/empty"_s)->mode, 0700);
    for (const QString& absent :
        {u""_s, u"bin/dem"_s, u"bin/demo/"_s, u"/bin/demo"_s, u"BIN/demo"_s, u"a"_s, u"zzz"_s, u"lib/libdemo"_s})
        QVERIFY2(!manifest->find(absent), qPrintable(absent));

    // Files only: folders and symlinks weigh nothing.
    QCOMPARE(manifest->totalFileBytes(), 20 + 11);
    Manifest empty;
    QCOMPARE(empty.totalFileBytes(), 0);
    QVERIFY(!empty.find(u"bin"_s));
}

void TestManifest::safePaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("acceptable");

    QTest::newRow("sibling") << u"lib/libdemo.so"_s << u"libdemo.so.1"_s << true;
    QTest::newRow("up one, from a folder") << u"lib/x"_s << u"../bin/demo"_s << true;
    QTest::newRow("to the top folder") << u"lib/top"_s << u".."_s << true;
    QTest::newRow("dot segments") << u"lib/x"_s << u"./../bin/./demo"_s << true;
    QTest::newRow("up from the top") << u"x"_s << u"../x"_s << false;
    QTest::newRow("up two from one deep") << u"lib/x"_s << u"../../etc"_s << false;
    QTest::newRow("out and back in") << u"lib/x"_s << u"../../release/lib"_s << false;
    QTest::newRow("backslashes") << u"lib/x"_s << u"..\\bin\\demo"_s << false;
    QTest::newRow("control character") << u"lib/x"_s << u"../bin/de\u0001mo"_s << false;
    QTest::newRow("empty") << u"x"_s << QString() << false;
    // Absolute: a system file, never followed by Upkeep.
    QTest::newRow("absolute") << u"lib/x"_s << u"/etc/passwd"_s << true;
    QTest::newRow("absolute, from the top") << u"localtime"_s << u"/etc/localtime"_s << true;
    QTest::newRow("absolute, with ..") << u"x"_s << u"/../etc"_s << true;
    QTest::newRow("absolute, the root folder") << u"x"_s << u"/"_s << true;
    QTest::newRow("absolute, with a backslash") << u"x"_s << u"/etc\\passwd"_s << false;
    QTest::newRow("absolute, with a newline") << u"x"_s << u"/etc/passwd\n"_s << false;
    QTest::newRow("absolute, with DEL") << u"x"_s << u"/etc/pass\u007fwd"_s << false;
}

void TestManifest::safePaths()
{
    QFETCH(QString, path);
    QFETCH(QString, target);
    QFETCH(bool, acceptable);
    QVERIFY(Manifest::isSafePath(path));
    QCOMPARE(Manifest::isAcceptableSymlink(path, target), acceptable);
}

QTEST_GUILESS_MAIN(TestManifest)
#include "tst_manifest.moc"
