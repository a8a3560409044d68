// An update downloads only what changed: unchanged files nothing, changed files a pack or a patch
// from the installed content, the manifest a patch from the installed manifest; and when a patch
// cannot apply (the installed file was changed on disk), the whole object still makes the file.
// Real repositories published by ReleasePublisher, served over HTTP, installed by Installation.

#include "install/downloadcache.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/updatescenario.h"
#include "support/verify.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestDeltaUpdate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void updateFetchesPatches();
    void checkPromisesWhatUpdateFetches();
    void skippingReleasesStillPatches();
    void damagedInstalledFileFallsBackToObject();
    void downloadAheadLeavesNothingToFetch();
    void downloadOfANewerOfferDropsTheOlder();

private:
    // Paths the first mirror was asked for since m_mark that start with `prefix`.
    [[nodiscard]] QStringList requested(const QString& prefix) const;

    std::unique_ptr<UpdateScenario> m_scenario;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_folder;
    size_t m_mark = 0;
};

void TestDeltaUpdate::init()
{
    m_scenario = std::make_unique<UpdateScenario>();
    m_dir = std::make_unique<QTemporaryDir>();
    m_folder = m_dir->filePath(u"tool"_s);
    m_mark = 0;
    m_scenario->publish(0);
}

void TestDeltaUpdate::cleanup()
{
    m_scenario.reset();
    m_dir.reset();
}

QStringList TestDeltaUpdate::requested(const QString& prefix) const
{
    QStringList paths;
    const auto requests = m_scenario->mirror(0).requests();
    for (size_t i = m_mark; i < requests.size(); ++i) {
        if (requests[i].path.startsWith(prefix))
            paths.append(requests[i].path);
    }
    return paths;
}

void TestDeltaUpdate::updateFetchesPatches()
{
    auto installation = m_scenario->create(m_folder);
    UPKEEP_VERIFY_OK(installation);
    UPKEEP_VERIFY_OK(UpdateScenario::install(*installation, 0));
    QVERIFY(m_scenario->runs(m_folder, 0));
    QCOMPARE(requested(u"bundles/"_s).size(), 1); // a fresh install takes the bundle
    m_mark = m_scenario->mirror(0).requests().size();

    m_scenario->publish(1);
    auto record = UpdateScenario::install(*installation, 1);
    UPKEEP_VERIFY_OK(record);
    QCOMPARE(record->outcome, History::Outcome::Installed);
    QString why;
    QVERIFY2(m_scenario->runs(m_folder, 1, &why), qPrintable(why));

    // The library changed in a few bytes: it came with the new file in one pack (its old content
    // the pack's dictionary), not as its 300 KiB object, nor as a patch and an object in two
    // requests (tst_packupdate has the per-file fall-back); the data file did not change.
    QVERIFY2(record->bytes < 20'000, qPrintable(QString::number(record->bytes)));
    QVERIFY(requested(u"bundles/"_s).isEmpty());
    QCOMPARE(requested(u"packs/"_s).size(), 1);
    QVERIFY(requested(u"objects/"_s).isEmpty());
    const QString library = sha256(m_scenario->files(1).at(u"lib/libtool.so"_s));
    const QStringList patches = requested(u"patches/"_s);
    QVERIFY2(std::none_of(patches.begin(), patches.end(), [&](const QString& p) { return p.endsWith(library); }),
        qPrintable(patches.join(u' ')));
    // The manifest was not fetched whole.
    const QStringList targets = requested(u"targets/tool/1.1.0/"_s);
    QVERIFY2(
        std::none_of(targets.begin(), targets.end(), [](const QString& p) { return p.endsWith(u"manifest.json"_s); }),
        qPrintable(targets.join(u' ')));
    // Nothing is left in the download cache.
    QVERIFY(QDir(m_folder + u"/.upkeep/cache"_s).isEmpty(QDir::Files));
}

void TestDeltaUpdate::checkPromisesWhatUpdateFetches()
{
    auto installation = m_scenario->create(m_folder);
    UPKEEP_VERIFY_OK(installation);
    UPKEEP_VERIFY_OK(UpdateScenario::install(*installation, 0));
    m_scenario->publish(1);
    UPKEEP_VERIFY_OK(installation->refresh());
    auto offer = installation->offer();
    UPKEEP_VERIFY_OK(offer);
    QVERIFY(offer->has_value());
    auto manifest = installation->manifest(**offer);
    UPKEEP_VERIFY_OK(manifest);
    const qint64 promised = installation->downloadSize(*manifest);
    QVERIFY(promised > 0);
    QVERIFY2(
        promised * 10 < manifest->bundle->size, qPrintable(u"%1 of %2"_s.arg(promised).arg(manifest->bundle->size)));
    const UpdatePlan plan = installation->plan(*manifest);
    QCOMPARE(plan.downloadSize(), promised);
    QVERIFY(plan.downloadSize() < plan.objectSize());

    // What the update fetches for the files is what check promised (the manifest was fetched by check).
    m_mark = m_scenario->mirror(0).requests().size();
    auto record = installation->install(**offer);
    UPKEEP_VERIFY_OK(record);
    QCOMPARE(record->bytes, promised);
}

void TestDeltaUpdate::skippingReleasesStillPatches()
{
    auto installation = m_scenario->create(m_folder);
    UPKEEP_VERIFY_OK(installation);
    UPKEEP_VERIFY_OK(UpdateScenario::install(*installation, 0));
    m_scenario->publish(1);
    m_scenario->publish(2);
    // 1.0.0 -> 1.2.0 directly: 1.2.0 carries patches from both earlier releases.
    auto record = UpdateScenario::install(*installation, 2);
    UPKEEP_VERIFY_OK(record);
    QString why;
    QVERIFY2(m_scenario->runs(m_folder, 2, &why), qPrintable(why));
    QVERIFY2(record->bytes < 20'000, qPrintable(QString::number(record->bytes)));
}

void TestDeltaUpdate::damagedInstalledFileFallsBackToObject()
{
    auto installation = m_scenario->create(m_folder);
    UPKEEP_VERIFY_OK(installation);
    UPKEEP_VERIFY_OK(UpdateScenario::install(*installation, 0));
    // Someone changed the installed library: the patch no longer makes the right bytes.
    const QString library = m_folder + u"/versions/1.0.0/lib/libtool.so"_s;
    QFile::setPermissions(library, QFile::ReadOwner | QFile::WriteOwner);
    flipTestFileByte(library, 5);

    m_scenario->publish(1);
    m_mark = m_scenario->mirror(0).requests().size();
    auto record = UpdateScenario::install(*installation, 1);
    UPKEEP_VERIFY_OK(record);
    QString why;
    QVERIFY2(m_scenario->runs(m_folder, 1, &why), qPrintable(why));
    // The library, whole.
    QVERIFY(requested(u"objects/"_s)
                .contains(u"objects/"_s + sha256(m_scenario->files(1).at(u"lib/libtool.so"_s)) + u".zst"_s));
}

void TestDeltaUpdate::downloadAheadLeavesNothingToFetch()
{
    auto installation = m_scenario->create(m_folder);
    UPKEEP_VERIFY_OK(installation);
    UPKEEP_VERIFY_OK(UpdateScenario::install(*installation, 0));
    const auto historyBefore = installation->history();
    UPKEEP_VERIFY_OK(historyBefore);
    m_scenario->publish(1);
    UPKEEP_VERIFY_OK(installation->refresh());
    auto offer = installation->offer();
    UPKEEP_VERIFY_OK(offer);
    QVERIFY(offer->has_value());
    auto manifest = installation->manifest(**offer);
    UPKEEP_VERIFY_OK(manifest);
    QVERIFY(installation->downloadSize(*manifest) > 0);

    // In the background: the cache fills, nothing installed changes, nothing is recorded.
    m_mark = m_scenario->mirror(0).requests().size();
    UPKEEP_VERIFY_OK(installation->download(**offer));
    QVERIFY(!requested(u"packs/"_s).isEmpty());
    qint64 ahead = 0;
    const auto requests = m_scenario->mirror(0).requests();
    for (size_t i = m_mark; i < requests.size(); ++i)
        ahead += requests[i].bodyBytesSent;
    QVERIFY(ahead > 0);
    QCOMPARE(installation->downloadSize(*manifest), 0);
    QVERIFY(m_scenario->runs(m_folder, 0));
    const auto historyAfter = installation->history();
    UPKEEP_VERIFY_OK(historyAfter);
    QCOMPARE(historyAfter->size(), historyBefore->size());

    // The install then fetches nothing: every byte was downloaded ahead, and its record counts them.
    m_mark = m_scenario->mirror(0).requests().size();
    auto record = installation->install(**offer);
    UPKEEP_VERIFY_OK(record);
    QCOMPARE(record->outcome, History::Outcome::Installed);
    QCOMPARE(record->bytes, ahead);
    QCOMPARE(record->transfer, History::Transfer::Patch);
    QVERIFY2(
        requested(u"patches/"_s).isEmpty() && requested(u"objects/"_s).isEmpty() && requested(u"packs/"_s).isEmpty(),
        qPrintable(requested(QString()).join(u' ')));
    QString why;
    QVERIFY2(m_scenario->runs(m_folder, 1, &why), qPrintable(why));
}

void TestDeltaUpdate::downloadOfANewerOfferDropsTheOlder()
{
    auto installation = m_scenario->create(m_folder);
    UPKEEP_VERIFY_OK(installation);
    UPKEEP_VERIFY_OK(UpdateScenario::install(*installation, 0));
    const QString cache = m_folder + u"/.upkeep/cache"_s;

    m_scenario->publish(1);
    UPKEEP_VERIFY_OK(installation->refresh());
    auto first = installation->offer();
    UPKEEP_VERIFY_OK(first);
    QVERIFY(first->has_value());
    UPKEEP_VERIFY_OK(installation->download(**first));
    const QStringList forFirst = QDir(cache).entryList(QDir::Files, QDir::Name);
    QVERIFY(!forFirst.isEmpty());

    // 1.2.0 came out before the user installed 1.1.0: what only 1.1.0 needed is no use any more.
    m_scenario->publish(2);
    UPKEEP_VERIFY_OK(installation->refresh());
    auto second = installation->offer();
    UPKEEP_VERIFY_OK(second);
    QVERIFY(second->has_value());
    QCOMPARE((*second)->version.toString(), UpdateScenario::version(2));
    UPKEEP_VERIFY_OK(installation->download(**second));
    auto manifest = installation->manifest(**second);
    UPKEEP_VERIFY_OK(manifest);
    QCOMPARE(installation->downloadSize(*manifest), 0);
    // What 1.2.0's downloads are, and what the pack that carried its manifest made ahead: the
    // contents of its members and the manifest itself.
    const UpdatePlan plan = installation->plan(*manifest);
    QStringList wanted;
    for (const UpdatePlan::Download& download : plan.downloads())
        wanted.append(DownloadCache::fileName(download));
    QStringList madeAhead = plan.packedContents();
    madeAhead.append((*second)->manifestInfo.hashes.sha256());
    for (const QString& name : QDir(cache).entryList(QDir::Files)) {
        if (!wanted.contains(name))
            QVERIFY2(name.startsWith(u"content-"_s) && madeAhead.contains(name.mid(8)), qPrintable(name));
    }
    for (const QString& name : wanted)
        QVERIFY2(QFileInfo::exists(cache + u'/' + name), qPrintable(name));
    QVERIFY(wanted != forFirst);
    for (const QString& name : forFirst) {
        if (!wanted.contains(name) && !madeAhead.contains(name.mid(8)))
            QVERIFY2(!QFileInfo::exists(cache + u'/' + name), qPrintable(name));
    }
}

QTEST_GUILESS_MAIN(TestDeltaUpdate)
#include "tst_deltaupdate.moc"
