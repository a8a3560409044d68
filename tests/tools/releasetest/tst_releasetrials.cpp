// The runner of `upkeep-publish test` on releases published for it: a good release passes every
// trial under every fault, and the broken ones it must catch fail, each failing trial naming its
// path and its fault. The kill trials run the real `upkeep`.

#include "releasefixture.h"
#include "releasetrials.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/zstdframes.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QStringList kAllFaults{u"none"_s, u"dropped connection"_s, u"stall"_s, u"truncated body"_s, u"corrupted bytes"_s,
    u"Range ignored"_s, u"404 from the first mirror"_s, u"503 from the first mirror"_s};

QString describe(const std::vector<TrialResult>& trials)
{
    QStringList lines;
    for (const TrialResult& trial : trials) {
        lines.append(
            u"%1 [%2] %3 bytes, %4 ms: %5 %6"_s.arg(trial.path(), trial.fault, QString::number(trial.bytesFetched),
                QString::number(trial.milliseconds), trial.passed ? u"passed"_s : u"FAILED"_s, trial.failure));
    }
    return lines.join(u'\n');
}

// Prints the trials when TST_RELEASETRIALS_SHOW is set, to read what a report would say.
void show(const std::vector<TrialResult>& trials)
{
    if (qEnvironmentVariableIsSet("TST_RELEASETRIALS_SHOW"))
        qInfo("%s", qPrintable(describe(trials)));
}

const TrialResult* find(const std::vector<TrialResult>& trials, const QString& path, const QString& fault)
{
    for (const TrialResult& trial : trials) {
        if (trial.path() == path && trial.fault == fault)
            return &trial;
    }
    return nullptr;
}

} // namespace

class TestReleaseTrials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void goodRelease_data();
    void goodRelease();
    void reportsEachTrialAsItEnds();
    void chooseFrom_data();
    void chooseFrom();
    void refusesWhatItCannotTest_data();
    void refusesWhatItCannotTest();
    void missingPatchFallsBackToObjects();
    void wrongObjectFailsEveryUpdate();
    void failingHealthCheck_data();
    void failingHealthCheck();
    void minimumFromSkips();
    void kills();
    void sameSeedSameKills();
    void benchmarkThirtyMegabytes();

private:
    [[nodiscard]] ReleaseTrials::Options options(const ReleaseFixture& fixture) const;

    std::unique_ptr<ReleaseFixture> m_good;
    ReleaseTrials::Outcome m_goodOutcome;
    std::vector<TrialResult> m_reported;
    QTemporaryDir m_dir;
};

ReleaseTrials::Options TestReleaseTrials::options(const ReleaseFixture& fixture) const
{
    ReleaseTrials::Options options;
    options.repository = fixture.repository();
    options.app = u"app"_s;
    options.version = u"1.2.0"_s;
    options.upkeep = QStringLiteral(UPKEEP_BINARY);
    options.stallTimeout = std::chrono::seconds(1);
    options.seed = 20261207;
    return options;
}

void TestReleaseTrials::initTestCase()
{
    m_good = std::make_unique<ReleaseFixture>();
    ReleaseTrials::Options all = options(*m_good);
    all.faults = u"all"_s;
    QElapsedTimer timer;
    timer.start();
    auto outcome = ReleaseTrials(all).run([this](const TrialResult& trial) { m_reported.push_back(trial); });
    QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message));
    qInfo("%d trials under every fault in %lld ms", int(outcome->trials.size()), timer.elapsed());
    show(outcome->trials);
    m_goodOutcome = std::move(*outcome);
}

void TestReleaseTrials::goodRelease_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("fault");
    for (const QString& path : {u"fresh install of 1.2.0"_s, u"1.0.0 → 1.2.0"_s, u"1.1.0 → 1.2.0"_s}) {
        for (const QString& fault : kAllFaults)
            QTest::addRow("%s, %s", qPrintable(path), qPrintable(fault)) << path << fault;
    }
}

void TestReleaseTrials::goodRelease()
{
    QFETCH(QString, path);
    QFETCH(QString, fault);
    const TrialResult* trial = find(m_goodOutcome.trials, path, fault);
    QVERIFY2(trial, qPrintable(describe(m_goodOutcome.trials)));
    QVERIFY2(trial->passed, qPrintable(trial->failure));
    QVERIFY(trial->failure.isEmpty());
    QCOMPARE(trial->to, u"1.2.0"_s);
    QCOMPARE(trial->healthCheck, std::optional<bool>(true));
    QVERIFY(trial->bytesFetched > 0);
    QVERIFY(trial->fullDownload > 0);
    QVERIFY(trial->milliseconds >= 0);
    if (trial->kind == TrialResult::Kind::FreshInstall) {
        // The bundle at least, once.
        QVERIFY2(trial->bytesFetched >= trial->fullDownload, qPrintable(QString::number(trial->bytesFetched)));
    }
    if (fault == u"none"_s) {
        QVERIFY(trial->output.isEmpty());
    } else {
        // The largest download: the bundle of a fresh install, else the pack that makes 1.2.0's
        // changed and new files from the installed ones.
        const QString struck
            = trial->kind == TrialResult::Kind::FreshInstall ? u"bundles/app-1.2.0.tar.zst ("_s : u"packs/"_s;
        QVERIFY2(trial->output.startsWith(u"The fault struck %1"_s.arg(struck)), qPrintable(trial->output));
    }
    if (fault == u"stall"_s)
        QVERIFY2(trial->milliseconds >= 900, qPrintable(QString::number(trial->milliseconds)));
    // What the faults cost: a dropped or stalled download resumes where it stopped, so nothing
    // comes twice; the other faults spoil an answer that must come again, or be replaced.
    if (fault != u"none"_s) {
        const TrialResult* clean = find(m_goodOutcome.trials, path, u"none"_s);
        QVERIFY(clean);
        const bool resumed = fault == u"dropped connection"_s || fault == u"stall"_s;
        QVERIFY2(resumed ? trial->bytesFetched >= clean->bytesFetched : trial->bytesFetched > clean->bytesFetched,
            qPrintable(u"%1 against %2 without a fault"_s.arg(trial->bytesFetched).arg(clean->bytesFetched)));
    }
}

void TestReleaseTrials::reportsEachTrialAsItEnds()
{
    QCOMPARE(m_goodOutcome.trials.size(), size_t(3 * kAllFaults.size()));
    // Each as it ended (paths side by side), and all of them path by path in the end.
    QCOMPARE(m_reported.size(), m_goodOutcome.trials.size());
    for (const TrialResult& trial : m_reported)
        QVERIFY(find(m_goodOutcome.trials, trial.path(), trial.fault));
    for (size_t i = 0; i < m_goodOutcome.trials.size(); ++i) {
        const QStringList paths{u"fresh install of 1.2.0"_s, u"1.0.0 → 1.2.0"_s, u"1.1.0 → 1.2.0"_s};
        QCOMPARE(m_goodOutcome.trials[i].path(), paths[qsizetype(i / kAllFaults.size())]);
        QCOMPARE(m_goodOutcome.trials[i].fault, kAllFaults[qsizetype(i % kAllFaults.size())]);
    }
    QVERIFY(m_goodOutcome.passed());
    QVERIFY(std::ranges::none_of(m_goodOutcome.trials, &TrialResult::skipped));
}

void TestReleaseTrials::chooseFrom_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QStringList>("chosen");
    QTest::addColumn<QString>("error");
    const QStringList none;
    QTest::newRow("all") << u"all"_s << QStringList{u"1.3.0"_s, u"1.2.0"_s, u"1.1.0"_s} << QString();
    QTest::newRow("newest") << u"1"_s << QStringList{u"1.3.0"_s} << QString();
    QTest::newRow("two newest") << u"2"_s << QStringList{u"1.3.0"_s, u"1.2.0"_s} << QString();
    QTest::newRow("more than there are") << u"9"_s << QStringList{u"1.3.0"_s, u"1.2.0"_s, u"1.1.0"_s} << QString();
    QTest::newRow("list") << u"1.1.0,1.3.0"_s << QStringList{u"1.1.0"_s, u"1.3.0"_s} << QString();
    QTest::newRow("one") << u"1.2.0"_s << QStringList{u"1.2.0"_s} << QString();
    QTest::newRow("unknown") << u"1.1.0,1.2.5"_s << none
                             << u"1.2.5 is not an earlier release still offered; those are 1.3.0, 1.2.0, 1.1.0."_s;
    QTest::newRow("not a version")
        << u"latest"_s << none << u"latest is not an earlier release still offered; those are 1.3.0, 1.2.0, 1.1.0."_s;
    QTest::newRow("zero") << u"0"_s << none << u"--from needs at least 1 release, not 0."_s;
    QTest::newRow("nothing") << u","_s << none << u"--from names no release."_s;
}

void TestReleaseTrials::chooseFrom()
{
    QFETCH(QString, from);
    QFETCH(QStringList, chosen);
    QFETCH(QString, error);
    const auto result = ReleaseTrials::chooseFrom(from, {u"1.3.0"_s, u"1.2.0"_s, u"1.1.0"_s});
    if (error.isEmpty()) {
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
        QCOMPARE(*result, chosen);
    } else {
        QVERIFY(!result);
        QCOMPARE(result.error().code, Error::Code::Usage);
        QCOMPARE(result.error().message, error);
    }
}

void TestReleaseTrials::refusesWhatItCannotTest_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown from-version")
        << u"from"_s << u"1.0.5"_s << u"1.0.5 is not an earlier release still offered; those are 1.1.0, 1.0.0."_s;
    QTest::newRow("version not on the channel")
        << u"version"_s << u"2.0.0"_s << u"app 2.0.0 is not offered on stable; it offers 1.2.0, 1.1.0, 1.0.0."_s;
    QTest::newRow("unknown channel") << u"channel"_s << u"weekly"_s
                                     << u"The repository has no channel \"weekly\"; it has stable, beta, nightly."_s;
    QTest::newRow("scratch folder not empty") << u"scratch"_s << u"not empty"_s << u"is not empty."_s;
    QTest::newRow("faults") << u"faults"_s << u"some"_s
                            << u"\"some\" is not a set of faults; choose none, network or all."_s;
    QTest::newRow("no upkeep for kills") << u"upkeep"_s << u"/nonexistent/upkeep"_s
                                         << u"Kill trials need the upkeep program; /nonexistent/upkeep is not one."_s;
    QTest::newRow("not a repository") << u"repository"_s << u"/nonexistent"_s
                                      << u"/nonexistent is not a repository (it has no metadata folder)."_s;
}

void TestReleaseTrials::refusesWhatItCannotTest()
{
    QFETCH(QString, setting);
    QFETCH(QString, value);
    QFETCH(QString, error);
    ReleaseTrials::Options wrong = options(*m_good);
    wrong.faults = u"none"_s;
    wrong.scratch = m_dir.filePath(u"refused-"_s + setting);
    if (setting == u"from"_s)
        wrong.from = value;
    else if (setting == u"version"_s)
        wrong.version = value;
    else if (setting == u"channel"_s)
        wrong.channel = value;
    else if (setting == u"faults"_s)
        wrong.faults = value;
    else if (setting == u"upkeep"_s)
        wrong.upkeep = value, wrong.kills = 1;
    else if (setting == u"repository"_s)
        wrong.repository = value;
    else if (setting == u"scratch"_s)
        writeTestFile(wrong.scratch + u"/mine.txt"_s, "the publisher's own file\n"_ba);
    int reported = 0;
    const auto outcome = ReleaseTrials(wrong).run([&reported](const TrialResult&) { ++reported; });
    QVERIFY(!outcome);
    QVERIFY2(outcome.error().message.contains(error), qPrintable(outcome.error().message));
    QCOMPARE(reported, 0);
    if (setting == u"scratch"_s) // nothing of it is touched
        QCOMPARE(filesUnder(wrong.scratch), QStringList{u"mine.txt"_s});
    else
        QVERIFY(!QFileInfo::exists(wrong.scratch));
}

void TestReleaseTrials::missingPatchFallsBackToObjects()
{
    ReleaseFixture fixture;
    ReleaseTrials::Options clean = options(fixture);
    clean.from = u"1.1.0"_s;
    clean.faults = u"none"_s;
    auto before = ReleaseTrials(clean).run();
    QVERIFY(before && before->passed());
    const TrialResult* patched = find(before->trials, u"1.1.0 → 1.2.0"_s, u"none"_s);
    QVERIFY(patched);

    // The patches that make 1.2.0's library are gone from the repository (both mirrors serve it).
    const QString library = ReleaseFixture::sha256(ReleaseFixture::files(2).at(u"lib/libapp.so.1"_s));
    int removed = 0;
    for (const QString& name : QDir(fixture.repository() + u"/patches"_s).entryList(QDir::Files)) {
        if (name.endsWith(u'-' + library))
            removed += QFile::remove(fixture.repository() + u"/patches/"_s + name) ? 1 : 0;
    }
    QVERIFY(removed >= 1);
    // And the packs that carry it with the other changed files: the mirror lost those too.
    QVERIFY(QDir(fixture.repository() + u"/packs"_s).removeRecursively());

    // The update still ends exactly at 1.2.0, with the library's whole object instead.
    ReleaseTrials::Options network = clean;
    network.faults = u"network"_s;
    auto after = ReleaseTrials(network).run();
    QVERIFY(after);
    QVERIFY2(after->passed(), qPrintable(describe(after->trials)));
    const TrialResult* whole = find(after->trials, u"1.1.0 → 1.2.0"_s, u"none"_s);
    QVERIFY(whole);
    QVERIFY2(whole->bytesFetched > patched->bytesFetched + 64 * 1024,
        qPrintable(u"%1 against %2"_s.arg(whole->bytesFetched).arg(patched->bytesFetched)));
}

void TestReleaseTrials::wrongObjectFailsEveryUpdate()
{
    ReleaseFixture fixture;
    // 1.2.0's new file, which every update downloads whole: its object is valid zstd of other
    // bytes, of the signed length (1.1.0's new file, as large and as random), so that only the
    // content gives it away.
    const auto objectOf = [&fixture](int n) {
        const QString name = u"share/new-in-%1.bin"_s.arg(ReleaseFixture::version(n));
        return fixture.repository() + u"/objects/"_s + ReleaseFixture::sha256(ReleaseFixture::files(n).at(name))
            + u".zst"_s;
    };
    const QString object = objectOf(2);
    const QByteArray other = readTestFile(objectOf(1));
    QCOMPARE(other.size(), QFileInfo(object).size());
    QCOMPARE(ZstdFrames::decompress(other), ReleaseFixture::files(1).at(u"share/new-in-1.1.0.bin"_s));
    QFile::setPermissions(object, QFile::ReadOwner | QFile::WriteOwner);
    writeTestFile(object, other);
    // Without the packs (which carry the right bytes, checked by their own sha256), every update
    // takes that object.
    QVERIFY(QDir(fixture.repository() + u"/packs"_s).removeRecursively());

    ReleaseTrials::Options network = options(fixture);
    network.faults = u"network"_s;
    network.scratch = m_dir.filePath(u"scratch-wrong-object"_s);
    auto outcome = ReleaseTrials(network).run();
    QVERIFY(outcome);
    show(outcome->trials);
    QVERIFY(!outcome->passed());
    QVERIFY(!QFileInfo::exists(network.scratch)); // cleaned up
    for (const TrialResult& trial : outcome->trials) {
        if (trial.kind == TrialResult::Kind::FreshInstall) {
            QVERIFY2(trial.passed, qPrintable(trial.failure)); // the bundle is right
            continue;
        }
        QVERIFY2(!trial.passed, qPrintable(trial.path() + u' ' + trial.fault));
        const QString how = trial.fault == u"none"_s ? u"without a fault"_s : u"under \"%1\""_s.arg(trial.fault);
        QVERIFY2(trial.failure.startsWith(trial.path() + u' ' + how + u": the update failed: "_s),
            qPrintable(trial.failure));
        QVERIFY2(trial.failure.contains(QFileInfo(object).fileName()), qPrintable(trial.failure));
        QCOMPARE(trial.healthCheck, std::nullopt);
    }
    QCOMPARE(outcome->trials.size(), size_t(3 * 6));
}

void TestReleaseTrials::failingHealthCheck_data()
{
    QTest::addColumn<int>("broken");
    QTest::newRow("check fails") << int(ReleaseFixture::Break::HealthCheckFails);
    QTest::newRow("program not executable") << int(ReleaseFixture::Break::NotExecutable);
}

void TestReleaseTrials::failingHealthCheck()
{
    QFETCH(int, broken);
    ReleaseFixture fixture{ReleaseFixture::Break(broken)};
    ReleaseTrials::Options clean = options(fixture);
    clean.faults = u"none"_s;
    auto outcome = ReleaseTrials(clean).run();
    QVERIFY(outcome);
    show(outcome->trials);
    QCOMPARE(outcome->trials.size(), size_t(3));
    for (const TrialResult& trial : outcome->trials) {
        QVERIFY2(!trial.passed, qPrintable(trial.path()));
        QCOMPARE(trial.healthCheck, std::optional<bool>(false));
        const QString start = trial.path() + u" without a fault: the health check of 1.2.0 failed: "_s;
        QVERIFY2(trial.failure.startsWith(start), qPrintable(trial.failure));
        QVERIFY2(trial.failure.endsWith(trial.from.isEmpty() ? u"Nothing runs."_s : trial.from + u" runs again."_s),
            qPrintable(trial.failure));
    }
}

void TestReleaseTrials::minimumFromSkips()
{
    ReleaseFixture fixture(ReleaseFixture::Break::None, 2);
    fixture.publish(2, ReleaseFixture::Break::None, u"1.1.0"_s);
    ReleaseTrials::Options clean = options(fixture);
    clean.faults = u"none"_s;
    auto outcome = ReleaseTrials(clean).run();
    QVERIFY(outcome);
    QVERIFY2(outcome->passed(), qPrintable(describe(outcome->trials)));
    QVERIFY(find(outcome->trials, u"1.1.0 → 1.2.0"_s, u"none"_s));
    QVERIFY(find(outcome->trials, u"fresh install of 1.2.0"_s, u"none"_s));
    // The skipped path is a trial of its own, for the report and JUnit: passed, not tried.
    const TrialResult* skipped = find(outcome->trials, u"1.0.0 → 1.2.0"_s, u"none"_s);
    QVERIFY(skipped);
    QVERIFY(skipped->skipped && skipped->passed);
    QCOMPARE(skipped->output, u"1.0.0 → 1.2.0 is skipped: 1.2.0 accepts updates from 1.1.0 on."_s);
    QCOMPARE(outcome->trials.size(), size_t(3));
}

void TestReleaseTrials::kills()
{
    ReleaseTrials::Options killing = options(*m_good);
    killing.from = u"1.1.0"_s;
    killing.faults = u"none"_s;
    killing.kills = 3;
    auto outcome = ReleaseTrials(killing).run();
    QVERIFY(outcome);
    QVERIFY2(outcome->passed(), qPrintable(describe(outcome->trials)));
    show(outcome->trials);
    int kills = 0;
    for (const TrialResult& trial : outcome->trials) {
        if (trial.kind != TrialResult::Kind::Kill)
            continue;
        ++kills;
        QCOMPARE(trial.path(), u"1.1.0 → 1.2.0"_s);
        QVERIFY2(trial.fault.startsWith(u"kill at "_s), qPrintable(trial.fault));
        QCOMPARE(trial.healthCheck, std::optional<bool>(true));
    }
    QCOMPARE(kills, 3);
}

void TestReleaseTrials::sameSeedSameKills()
{
    ReleaseTrials::Options killing = options(*m_good);
    killing.from = u"1.1.0"_s;
    killing.faults = u"none"_s;
    killing.kills = 3;
    killing.killWindow = std::chrono::milliseconds(400);
    killing.seed.reset();
    ReleaseTrials drawn(killing);
    const auto moments = [](const ReleaseTrials::Outcome& outcome) {
        QStringList faults;
        for (const TrialResult& trial : outcome.trials) {
            if (trial.kind == TrialResult::Kind::Kill)
                faults.append(trial.fault.section(u" ms"_s, 0, 0));
        }
        return faults;
    };
    auto first = drawn.run();
    QVERIFY(first);
    QVERIFY2(first->passed(), qPrintable(describe(first->trials)));
    killing.seed = drawn.seed();
    auto second = ReleaseTrials(killing).run();
    QVERIFY(second);
    QVERIFY2(second->passed(), qPrintable(describe(second->trials)));
    QCOMPARE(moments(*second), moments(*first));
    QCOMPARE(moments(*first).size(), 3);
    killing.seed = drawn.seed() + 1;
    auto other = ReleaseTrials(killing).run();
    QVERIFY(other);
    QVERIFY(moments(*other) != moments(*first));
}

void TestReleaseTrials::benchmarkThirtyMegabytes()
{
    // Not a timed test: the run time of the default faults on a 30 MB release with three earlier
    // releases, which the issue wants well under a minute on two cores.
    if (!qEnvironmentVariableIsSet("UPKEEP_BENCHMARK"))
        QSKIP("a benchmark: set UPKEEP_BENCHMARK=1 to run it");
    TestRepository repository(QDateTime::currentDateTimeUtc());
    QTemporaryDir sources;
    QElapsedTimer timer;
    timer.start();
    const QByteArray text = QByteArray("a line of text that compresses well, as data files do\n").repeated(150000);
    for (int n = 0; n < 4; ++n) {
        QByteArray library = randomBytes(12 * 1024 * 1024, 5);
        for (qsizetype at = 4099 * (n + 1); at < library.size(); at += 65536)
            library[at] = char(library[at] ^ (0x5 * (n + 1)));
        QByteArray changed = text;
        changed.replace(100 * n, 4, "v" + QByteArray::number(n) + "  ");
        const QString source = sources.filePath(ReleaseFixture::version(n));
        writeTestFiles(source,
            {{u"bin/app"_s, "#!/bin/sh\nexit 0\n"_ba}, {u"lib/libapp.so.1"_s, library},
                {u"share/assets.pak"_s, randomBytes(10 * 1024 * 1024, 9)}, {u"share/text.txt"_s, changed}});
        ReleasePublisher::Options options;
        options.app = u"app"_s;
        options.version = ReleaseFixture::version(n);
        options.channel = u"stable"_s;
        options.source = source;
        options.healthCheck = u"bin/app --check"_s;
        repository.publishRelease(options);
    }
    qInfo("published four 30 MB releases in %lld ms", timer.restart());
    ReleaseTrials::Options network;
    network.repository = repository.path();
    network.app = u"app"_s;
    network.version = ReleaseFixture::version(3);
    auto outcome = ReleaseTrials(network).run([&timer](const TrialResult& trial) {
        qInfo("%lld ms: %s [%s] %lld bytes of %lld, %lld ms", timer.elapsed(), qPrintable(trial.path()),
            qPrintable(trial.fault), trial.bytesFetched, trial.fullDownload, trial.milliseconds);
    });
    QVERIFY(outcome);
    QVERIFY2(outcome->passed(), qPrintable(describe(outcome->trials)));
    qInfo("%d trials in %lld ms", int(outcome->trials.size()), timer.elapsed());
}

QTEST_GUILESS_MAIN(TestReleaseTrials)
#include "tst_releasetrials.moc"
