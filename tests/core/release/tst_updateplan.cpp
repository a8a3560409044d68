// The planner decides what an update downloads: nothing for an unchanged file, the smallest
// patch that starts from a content the installed version really has, else the whole object.
// Its download size is what `upkeep check` and the window promise the user.

#include "release/updateplan.h"
#include "support/testbytes.h"
#include "support/verify.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A release of "demo" whose files are given as path=content-name pairs; each content's object
// is 1000 bytes.
Manifest release(const char* version, const std::vector<std::pair<QString, const char*>>& files)
{
    Manifest manifest;
    manifest.app = u"demo"_s;
    manifest.version = *Version::parse(QString::fromLatin1(version));
    for (const auto& [path, content] : files) {
        manifest.entries.push_back({path, Manifest::Entry::Type::File, 5000, sha256(content), 0644, {}});
        manifest.objects.emplace(sha256(content), Manifest::Object{1000});
    }
    std::sort(
        manifest.entries.begin(), manifest.entries.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    return manifest;
}

Manifest::Patch patch(const char* from, qint64 size, PatchFormat format = PatchFormat::Zstd)
{
    return Manifest::Patch{sha256(from), format, size};
}

using Source = UpdatePlan::Step::Source;

} // namespace

class TestUpdatePlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void steps_data();
    void steps();
    void freshInstall();
    void sharedContentAndRemovedFiles();
    void downloadsNameEveryFetch();
    void packs_data();
    void packs();
    void packsWithoutTables_data();
    void packsWithoutTables();
};

void TestUpdatePlan::steps_data()
{
    QTest::addColumn<std::vector<Manifest::Patch>>("patches"); // offered for bin/app's new content
    QTest::addColumn<bool>("oldContentInstalled");
    QTest::addColumn<int>("source");
    QTest::addColumn<qint64>("download");

    const std::vector<Manifest::Patch> none;
    QTest::newRow("changed, no patch on offer: the object") << none << true << int(Source::Object) << qint64(1000);
    QTest::newRow("a small patch from the installed content")
        << std::vector{patch("app 1", 120)} << true << int(Source::Patch) << qint64(120);
    QTest::newRow("a patch no smaller than the object is not worth it")
        << std::vector{patch("app 1", 1000)} << true << int(Source::Object) << qint64(1000);
    QTest::newRow("a patch from a content we do not have")
        << std::vector{patch("app 0", 50)} << true << int(Source::Object) << qint64(1000);
    QTest::newRow("the smallest of several patches")
        << std::vector{patch("app 0", 50), patch("app 1", 300, PatchFormat::Bsdiff), patch("lib 1", 200)} << true
        << int(Source::Patch) << qint64(200);
    QTest::newRow("a patch from a file at another path (moved content)")
        << std::vector{patch("lib 1", 80)} << false << int(Source::Patch) << qint64(80);
}

void TestUpdatePlan::steps()
{
    QFETCH(std::vector<Manifest::Patch>, patches);
    QFETCH(bool, oldContentInstalled);
    QFETCH(int, source);
    QFETCH(qint64, download);

    Manifest installed = oldContentInstalled ? release("1.0.0", {{u"bin/app"_s, "app 1"}, {u"lib/x.so"_s, "lib 1"}})
                                             : release("1.0.0", {{u"lib/x.so"_s, "lib 1"}});
    Manifest target = release("1.1.0", {{u"bin/app"_s, "app 2"}, {u"lib/x.so"_s, "lib 1"}});
    std::sort(patches.begin(), patches.end(), [](const auto& a, const auto& b) { return a.from < b.from; });
    target.patches.emplace(sha256("app 2"), patches);
    UPKEEP_VERIFY_OK(target.validate());

    const UpdatePlan plan = UpdatePlan::make(target, &installed);
    QCOMPARE(plan.steps().size(), size_t(2));
    const UpdatePlan::Step* kept = plan.step(sha256("lib 1"));
    QVERIFY(kept);
    QCOMPARE(int(kept->source), int(Source::Keep));
    QCOMPARE(kept->installedPath, u"lib/x.so"_s);
    const UpdatePlan::Step* changed = plan.step(sha256("app 2"));
    QVERIFY(changed);
    QCOMPARE(int(changed->source), source);
    QCOMPARE(changed->size, qint64(5000));
    if (changed->source == Source::Patch) {
        QCOMPARE(changed->installedPath, changed->patch.from == sha256("app 1") ? u"bin/app"_s : u"lib/x.so"_s);
        QCOMPARE(changed->patch.size, download);
    }
    QCOMPARE(plan.downloadSize(), download);
    QCOMPARE(plan.objectSize(), qint64(1000));
    QVERIFY(plan.removed().isEmpty());
}

void TestUpdatePlan::freshInstall()
{
    Manifest target = release("1.0.0", {{u"a"_s, "a"}, {u"b"_s, "b"}});
    target.patches.emplace(sha256("a"), std::vector{patch("old a", 10)});
    const UpdatePlan plan = UpdatePlan::make(target, nullptr);
    QCOMPARE(plan.downloadSize(), qint64(2000)); // nothing to patch from
    QCOMPARE(plan.downloads().size(), size_t(2));
}

void TestUpdatePlan::sharedContentAndRemovedFiles()
{
    const Manifest installed = release("1.0.0", {{u"a"_s, "a"}, {u"gone"_s, "g"}, {u"old/dir/f"_s, "f"}});
    Manifest target = release("2.0.0", {{u"a"_s, "a"}, {u"copy1"_s, "new"}, {u"copy2"_s, "new"}});
    target.entries.push_back({u"empty"_s, Manifest::Entry::Type::File, 0, sha256(""), 0644, {}});
    std::sort(
        target.entries.begin(), target.entries.end(), [](const auto& x, const auto& y) { return x.path < y.path; });
    UPKEEP_VERIFY_OK(target.validate());

    const UpdatePlan plan = UpdatePlan::make(target, &installed);
    QCOMPARE(plan.steps().size(), size_t(2)); // "a" kept, "new" fetched once for both copies; empty costs nothing
    QCOMPARE(plan.downloads().size(), size_t(1));
    QCOMPARE(plan.downloadSize(), qint64(1000));
    QCOMPARE(plan.removed(), (QStringList{u"gone"_s, u"old/dir/f"_s}));
}

void TestUpdatePlan::downloadsNameEveryFetch()
{
    const Manifest installed = release("1.0.0", {{u"a"_s, "a 1"}, {u"b"_s, "b 1"}});
    Manifest target = release("1.1.0", {{u"a"_s, "a 2"}, {u"b"_s, "b 2"}});
    target.patches.emplace(sha256("a 2"), std::vector{patch("a 1", 99, PatchFormat::Bsdiff)});
    const UpdatePlan plan = UpdatePlan::make(target, &installed);

    std::vector<UpdatePlan::Download> downloads = plan.downloads();
    QCOMPARE(downloads.size(), size_t(2));
    std::map<QString, UpdatePlan::Download> byPath;
    for (const auto& download : downloads)
        byPath.emplace(download.path, download);
    const QString patchPath = u"patches/"_s + sha256("a 1") + u'-' + sha256("a 2");
    QVERIFY(byPath.contains(patchPath));
    QCOMPARE(byPath[patchPath].length, qint64(99));
    QCOMPARE(byPath[patchPath].makes, sha256("a 2"));
    QCOMPARE(byPath[patchPath].makesSize, qint64(5000));
    QCOMPARE(byPath[patchPath].patchedFrom, u"a"_s);
    QCOMPARE(int(byPath[patchPath].format), int(PatchFormat::Bsdiff));
    QVERIFY(byPath[patchPath].sha256.isEmpty()); // checked by what it makes
    const QString objectPath = u"objects/"_s + sha256("b 2") + u".zst"_s;
    QVERIFY(byPath.contains(objectPath));
    QCOMPARE(byPath[objectPath].length, qint64(1000));
    QCOMPARE(byPath[objectPath].makes, sha256("b 2"));
    QVERIFY(!byPath[objectPath].isPatch());
    QCOMPARE(plan.downloadSize(), qint64(1099));
}

void TestUpdatePlan::packs_data()
{
    QTest::addColumn<std::vector<PackInfo>>("packs");
    QTest::addColumn<bool>("damaged"); // the installed "a" no longer holds its content
    QTest::addColumn<bool>("packed");
    QTest::addColumn<qint64>("download");

    // Per file: a's patch (100) and b's object (1000), each with kRequestCost: 1700.
    const auto pack = [](const char* from, qint64 size, int entries) {
        return PackInfo{*Version::parse(QString::fromLatin1(from)), sha256(QByteArray::number(size)), size, entries};
    };
    QTest::newRow("no packs") << std::vector<PackInfo>{} << false << false << qint64(1100);
    QTest::newRow("a pack cheaper than the files")
        << std::vector{pack("1.0.0", 800, 2)} << false << true << qint64(800);
    QTest::newRow("a pack dearer than the files with their requests")
        << std::vector{pack("1.0.0", 1500, 2)} << false << false << qint64(1100);
    QTest::newRow("a pack with more body bytes, yet fewer requests")
        << std::vector{pack("1.0.0", 1350, 2)} << false << true << qint64(1350);
    QTest::newRow("two packs") << std::vector{pack("1.0.0", 300, 1), pack("1.0.0", 301, 1)} << false << true
                               << qint64(601);
    QTest::newRow("a pack from another installed version")
        << std::vector{pack("0.9.0", 500, 2)} << false << false << qint64(1100);
    QTest::newRow("packs of the installed version and another")
        << std::vector{pack("0.9.0", 400, 2), pack("1.0.0", 500, 2)} << false << true << qint64(500);
    QTest::newRow("a pack of other members than this client expects")
        << std::vector{pack("1.0.0", 500, 3)} << false << false << qint64(1100);
    QTest::newRow("an old file the pack starts from is damaged")
        << std::vector{pack("1.0.0", 500, 2)} << true << false << qint64(2000);
}

void TestUpdatePlan::packs()
{
    QFETCH(std::vector<PackInfo>, packs);
    QFETCH(bool, damaged);
    QFETCH(bool, packed);
    QFETCH(qint64, download);

    const Manifest installed = release("1.0.0", {{u"a"_s, "a 1"}, {u"b"_s, "b 1"}, {u"c"_s, "c"}});
    Manifest target = release("1.1.0", {{u"a"_s, "a 2"}, {u"b"_s, "b 2"}, {u"c"_s, "c"}});
    target.patches.emplace(sha256("a 2"), std::vector{patch("a 1", 100)});
    const UpdatePlan plan = UpdatePlan::make(
        target, &installed, [&](const QString& path, const QString&) { return !(damaged && path == u"a"_s); }, packs);

    QCOMPARE(plan.downloadSize(), download);
    QCOMPARE(plan.step(sha256("a 2"))->packed, packed);
    QCOMPARE(plan.step(sha256("b 2"))->packed, packed);
    QVERIFY(!plan.step(sha256("c"))->packed);
    const std::vector<UpdatePlan::Download> downloads = plan.downloads();
    qint64 total = 0;
    for (const UpdatePlan::Download& d : downloads) {
        total += d.length;
        QCOMPARE(d.pack, packed);
        if (d.pack) {
            QCOMPARE(d.path, u"packs/"_s + d.sha256); // checked by its own signed sha256
            QVERIFY(d.makes.isEmpty());
        }
    }
    QCOMPARE(total, download);
    QCOMPARE(plan.packs().empty(), !packed);
    // A pack that fails is replaced by the per-file downloads of what it makes (none of what one made).
    const std::vector<UpdatePlan::Download> fallback = plan.fallbackDownloads();
    QCOMPARE(fallback.size(), size_t(packed ? 2 : 0));
    if (packed) {
        QCOMPARE(plan.fallbackDownloads({sha256("a 2")}).size(), size_t(1));
        QCOMPARE(plan.fallbackDownloads({sha256("a 2")}).front().path, u"objects/"_s + sha256("b 2") + u".zst"_s);
    }
}

void TestUpdatePlan::packsWithoutTables_data()
{
    QTest::addColumn<std::vector<PackInfo>>("packs");
    QTest::addColumn<bool>("damaged");
    QTest::addColumn<bool>("packed");

    const auto pack = [](const char* from, qint64 size, int entries) {
        return PackInfo{*Version::parse(QString::fromLatin1(from)), sha256(QByteArray::number(size)), size, entries};
    };
    QTest::newRow("no packs: the tables are needed") << std::vector<PackInfo>{} << false << false;
    QTest::newRow("a pack: taken whatever it costs, the files' costs are unknown")
        << std::vector{pack("1.0.0", 1500, 2)} << false << true;
    QTest::newRow("a pack of other members: the tables are needed")
        << std::vector{pack("1.0.0", 500, 3)} << false << false;
    QTest::newRow("an old file damaged: the tables are needed") << std::vector{pack("1.0.0", 500, 2)} << true << false;
}

void TestUpdatePlan::packsWithoutTables()
{
    QFETCH(std::vector<PackInfo>, packs);
    QFETCH(bool, damaged);
    QFETCH(bool, packed);

    const Manifest installed = release("1.0.0", {{u"a"_s, "a 1"}, {u"b"_s, "b 1"}, {u"c"_s, "c"}});
    Manifest target = release("1.1.0", {{u"a"_s, "a 2"}, {u"b"_s, "b 2"}, {u"c"_s, "c"}});
    target.patches.emplace(sha256("a 2"), std::vector{patch("a 1", 100)});
    // A manifest of format 2 as a client reads it before loading its tables.
    Manifest bare = target;
    bare.format = 2;
    bare.objects.clear();
    bare.patches.clear();
    bare.tablesLoaded = false;
    const auto intact = [&](const QString& path, const QString&) { return !(damaged && path == u"a"_s); };
    const UpdatePlan plan = UpdatePlan::make(bare, &installed, intact, packs);
    QCOMPARE(plan.needsTables(), !packed);
    QCOMPARE(plan.step(sha256("a 2"))->packed, packed);
    QCOMPARE(plan.step(sha256("b 2"))->packed, packed);
    QCOMPARE(plan.packs().empty(), !packed);
    // The tables loaded later (a pack failed): the per-file sources are known, the packs kept.
    UpdatePlan full = UpdatePlan::make(target, &installed, intact, packs);
    QVERIFY(!full.needsTables());
    full.takePacksOf(plan);
    QCOMPARE(full.step(sha256("a 2"))->packed, packed);
    QCOMPARE(full.packs().size(), plan.packs().size());
    if (packed) {
        const std::vector<UpdatePlan::Download> fallback = full.fallbackDownloads();
        QCOMPARE(fallback.size(), size_t(2));
        qint64 bytes = 0;
        for (const UpdatePlan::Download& download : fallback)
            bytes += download.length;
        QCOMPARE(bytes, qint64(1100)); // a's patch and b's object
    }
}

QTEST_GUILESS_MAIN(TestUpdatePlan)
#include "tst_updateplan.moc"
