// upkeep-publish test, the real binary, as a publisher runs it before shipping: on a good release it
// passes every path, fault and kill, and writes JUnit XML valid against the common schema; on broken
// releases it fails (exit 1) and names the path and the fault — a patch missing on the repository, an
// object with the wrong bytes, a health check that fails, file modes that break the program. The
// README's two scenarios run as written, and what is misused is refused with a sentence.

#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/testprogram.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ProgramRun publish(const QStringList& arguments)
{
    return TestProgram(QString::fromUtf8(UPKEEP_PUBLISH)).run(arguments);
}

// A release of the editor: a program, a health check that runs it, data that changes a little from
// one version to the next (so that updates come as patches), and a link.
void writeRelease(const QString& folder, const QString& version, const QByteArray& check = {})
{
    writeTestFile(folder + u"/bin/editor"_s, "#!/bin/sh\necho editor "_ba + version.toUtf8() + "\n", true);
    writeTestFile(folder + u"/bin/check"_s,
        check.isEmpty() ? "#!/bin/sh\nexec \"$(dirname \"$0\")/editor\" --version\n"_ba : check, true);
    QByteArray data = randomBytes(200000, 16);
    data.replace(1000, version.size(), version.toUtf8());
    writeTestFile(folder + u"/share/data.bin"_s, data);
    writeTestFile(folder + u"/share/notes.txt"_s, "notes of "_ba + version.toUtf8() + "\n");
    QFile::link(u"data.bin"_s, folder + u"/share/current.bin"_s);
}

} // namespace

class TestReleaseTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void goodReleasePasses();
    void catchesBrokenReleases_data();
    void catchesBrokenReleases();
    void stagedReleaseIsTestedAsItsShareSeesIt();
    void pathsBelowMinimumFromAreSkipped();
    void scenarioOfAFlakyHealthCheck();
    void scenarioThatDoesNotHold();
    void refusesMisuse_data();
    void refusesMisuse();

private:
    [[nodiscard]] ProgramRun test(const QString& repository, const QString& version, const QStringList& more) const;
    // A copy of the good repository, for a case to break.
    QString copy(const QString& name);
    // Publishes `version` of the editor from `source` into `repository`.
    void release(const QString& repository, const QString& version, const QString& source);

    QTemporaryDir m_dir;
    QString m_keys;
    QString m_good;
    QStringList m_newPatches; // what publishing 1.5.0 added to patches/, manifest patches left out
    QStringList m_newObjects; // what publishing 1.5.0 added to objects/
};

void TestReleaseTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_keys = m_dir.filePath(u"keys"_s);
    m_good = m_dir.filePath(u"good"_s);
    UPKEEP_EXPECT_EXIT(publish({u"init"_s, m_good, u"--keys"_s, m_keys, u"--unencrypted-keys"_s}), 0);
    QStringList patches;
    QStringList objects;
    for (const QString& version : {u"1.3.0"_s, u"1.4.0"_s, u"1.5.0"_s}) {
        const QString source = m_dir.filePath(u"source-"_s + version);
        writeRelease(source, version);
        if (version == u"1.5.0"_s) {
            patches = QDir(m_good + u"/patches"_s).entryList(QDir::Files);
            objects = QDir(m_good + u"/objects"_s).entryList(QDir::Files);
        }
        release(m_good, version, source);
        if (QTest::currentTestFailed())
            return;
    }
    // The manifests and their tables files (format 2) by sha256: their patches and objects are the
    // manifest's, not the files'.
    QStringList manifests;
    QDirIterator it(m_good + u"/targets"_s, {u"*.manifest.json"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        manifests.append(QFileInfo(file).fileName().section(u'.', 0, 0));
        const QJsonObject tables = QJsonDocument::fromJson(readTestFile(file)).object().value(u"tables"_s).toObject();
        if (!tables.isEmpty())
            manifests.append(tables.value(u"sha256"_s).toString());
    }
    for (const QString& patch : QDir(m_good + u"/patches"_s).entryList(QDir::Files)) {
        if (!patches.contains(patch) && !manifests.contains(patch.section(u'-', 1)))
            m_newPatches.append(patch);
    }
    for (const QString& object : QDir(m_good + u"/objects"_s).entryList(QDir::Files)) {
        if (!objects.contains(object) && !manifests.contains(object.section(u'.', 0, 0)))
            m_newObjects.append(object);
    }
    QVERIFY2(!m_newPatches.isEmpty() && !m_newObjects.isEmpty(), "1.5.0 comes with patches and objects of its own");
}

void TestReleaseTest::release(const QString& repository, const QString& version, const QString& source)
{
    UPKEEP_EXPECT_EXIT(
        publish({u"release"_s, repository, u"--keys"_s, m_keys, u"--app"_s, u"editor"_s, u"--version"_s, version,
            u"--channel"_s, u"stable"_s, u"--from"_s, source, u"--health-check"_s, u"bin/check"_s}),
        0);
}

ProgramRun TestReleaseTest::test(const QString& repository, const QString& version, const QStringList& more) const
{
    return publish(QStringList{u"test"_s, repository, u"--app"_s, u"editor"_s, u"--version"_s, version, u"--upkeep"_s,
                       QString::fromUtf8(UPKEEP_BINARY)}
        + more);
}

QString TestReleaseTest::copy(const QString& name)
{
    const QString repository = m_dir.filePath(name);
    copyTestTree(m_good, repository);
    return repository;
}

void TestReleaseTest::goodReleasePasses()
{
    const QString junit = m_dir.filePath(u"good.xml"_s);
    const QString examples = QStringLiteral(UPKEEP_SOURCE_DIR "/docs/examples/");
    const ProgramRun run = test(m_good, u"1.5.0"_s,
        {u"--kills"_s, u"2"_s, u"--seed"_s, u"16"_s, u"--junit"_s, junit, u"--scenario"_s,
            examples + u"scenario-missing-patch.json"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    // Which run it was, so that it can be made again.
    QVERIFY2(run.out.startsWith(u"Testing editor 1.5.0 on stable of "_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"(seed 16: --seed 16 runs the same trials again)"_s), qPrintable(run.out));
    // A row for each earlier release and the fresh install, every fault and kill survived.
    for (const QString& path : {u"1.3.0 → 1.5.0"_s, u"1.4.0 → 1.5.0"_s}) {
        const QRegularExpression row(u"\\n"_s + QRegularExpression::escape(path)
            + u" +[0-9.]+ kB of [0-9.]+ kB, [0-9]+ % +[0-9.]+ s +7 of 7 +2 of 2 +passed +pass\\n"_s);
        QVERIFY2(row.match(run.out).hasMatch(), qPrintable(path + u" in\n"_s + run.out));
    }
    QVERIFY2(QRegularExpression(u"\\nfresh install of 1.5.0 +[0-9.]+ kB of [0-9.]+ kB, [0-9]+ % .* 7 of 7 .* pass\\n"_s)
                 .match(run.out)
                 .hasMatch(),
        qPrintable(run.out));
    QVERIFY2(
        run.out.contains(u"\nscenario \"1.3.0 to 1.5.0 when the mirror has lost the patches\""_s), qPrintable(run.out));
    QVERIFY2(!run.out.contains(u"FAIL"_s), qPrintable(run.out));
    // The repository is as it was: nothing is written into it.
    QVERIFY(!QFileInfo::exists(m_good + u"/.upkeep-publish/rollout.log"_s));

    // JUnit XML that CI systems read: valid against the schema of the common format.
    const QString xmllint = QStandardPaths::findExecutable(u"xmllint"_s);
    QVERIFY2(!xmllint.isEmpty(), "xmllint is missing: scripts/setup installs libxml2-utils");
    QProcess check;
    check.start(xmllint,
        {u"--noout"_s, u"--schema"_s, QStringLiteral(UPKEEP_SOURCE_DIR "/tests/tools/releasereport/junit.xsd"), junit});
    QVERIFY(check.waitForFinished(60000));
    QVERIFY2(check.exitCode() == 0, check.readAllStandardError().constData());
    const QByteArray xml = readTestFile(junit);
    QVERIFY2(xml.contains("<testsuites"), xml.constData());
    QVERIFY2(xml.contains("name=\"dropped connection\""), xml.constData());
    QVERIFY(!xml.contains("<failure"));
}

void TestReleaseTest::catchesBrokenReleases_data()
{
    QTest::addColumn<QString>("broken");
    QTest::addColumn<QStringList>("said"); // each in the output
    QTest::newRow("a patch missing on the repository")
        << u"missing patch"_s << QStringList{u"FAIL  repository: patches from"_s, u"is missing"_s};
    QTest::newRow("an object with the wrong bytes")
        << u"wrong object"_s << QStringList{u"FAIL  repository: objects"_s, u"decodes to the wrong content"_s};
    QTest::newRow("a health check that fails")
        << u"failing health check"_s << QStringList{u"1.5.0 → 1.6.0 without a fault"_s, u"health check"_s, u"FAILED"_s};
    QTest::newRow("file modes that break the program")
        << u"program not executable"_s
        << QStringList{u"1.5.0 → 1.6.0 under \"dropped connection\""_s, u"health check"_s, u"FAILED"_s};
}

void TestReleaseTest::catchesBrokenReleases()
{
    QFETCH(QString, broken);
    QFETCH(QStringList, said);
    const QString repository = copy(broken);
    QString version = u"1.5.0"_s;
    if (broken == u"missing patch"_s) {
        for (const QString& patch : m_newPatches)
            QVERIFY(QFile::remove(repository + u"/patches/"_s + patch));
    } else if (broken == u"wrong object"_s) {
        for (const QString& object : m_newObjects)
            flipTestFileByte(repository + u"/objects/"_s + object);
    } else {
        version = u"1.6.0"_s;
        const QString source = m_dir.filePath(u"source-"_s + broken);
        if (broken == u"failing health check"_s) {
            writeRelease(source, version, "#!/bin/sh\necho 'the editor cannot open its data' >&2\nexit 1\n");
        } else {
            writeRelease(source, version);
            QFile::setPermissions(source + u"/bin/editor"_s, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
        }
        release(repository, version, source);
    }
    const ProgramRun run = test(repository, version, {u"--kills"_s, u"1"_s, u"--from"_s, u"2"_s});
    UPKEEP_EXPECT_EXIT(run, 1);
    for (const QString& text : said)
        QVERIFY2(run.out.contains(text), qPrintable(u"\""_s + text + u"\" not in\n"_s + run.describe()));
    QVERIFY2(run.out.contains(u"\nFAILED: "_s), qPrintable(run.out));
}

void TestReleaseTest::stagedReleaseIsTestedAsItsShareSeesIt()
{
    // Published to 5 % first, as a publisher tests it before the rollout goes on: the trials are
    // installations in that 5 %, so that the killed upkeep is offered the release, not an older one.
    const QString repository = copy(u"staged"_s);
    const QString source = m_dir.filePath(u"source-staged"_s);
    writeRelease(source, u"1.6.0"_s);
    UPKEEP_EXPECT_EXIT(publish({u"release"_s, repository, u"--keys"_s, m_keys, u"--app"_s, u"editor"_s, u"--version"_s,
                           u"1.6.0"_s, u"--channel"_s, u"stable"_s, u"--from"_s, source, u"--health-check"_s,
                           u"bin/check"_s, u"--rollout"_s, u"5"_s}),
        0);
    const ProgramRun run
        = test(repository, u"1.6.0"_s, {u"--from"_s, u"1"_s, u"--faults"_s, u"none"_s, u"--kills"_s, u"2"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    QVERIFY2(QRegularExpression(u"\\n1.5.0 → 1.6.0 .* 2 of 2 +passed +pass\\n"_s).match(run.out).hasMatch(),
        qPrintable(run.out));
}

void TestReleaseTest::pathsBelowMinimumFromAreSkipped()
{
    // 1.6.0 takes updates from 1.4.0 on: 1.3.0 is no path to test, and the report and JUnit say so.
    const QString repository = copy(u"minimum"_s);
    const QString source = m_dir.filePath(u"source-minimum"_s);
    writeRelease(source, u"1.6.0"_s);
    UPKEEP_EXPECT_EXIT(publish({u"release"_s, repository, u"--keys"_s, m_keys, u"--app"_s, u"editor"_s, u"--version"_s,
                           u"1.6.0"_s, u"--channel"_s, u"stable"_s, u"--from"_s, source, u"--min-from"_s, u"1.4.0"_s}),
        0);
    const QString junit = m_dir.filePath(u"minimum.xml"_s);
    const ProgramRun run
        = test(repository, u"1.6.0"_s, {u"--faults"_s, u"none"_s, u"--kills"_s, u"0"_s, u"--junit"_s, junit});
    UPKEEP_EXPECT_EXIT(run, 0);
    QVERIFY2(QRegularExpression(u"\\n1.3.0 → 1.6.0 +— +— +— +— +— +skipped\\n"_s).match(run.out).hasMatch(),
        qPrintable(run.out));
    QVERIFY2(
        run.out.contains(u"1.3.0 → 1.6.0 is skipped: 1.6.0 accepts updates from 1.4.0 on.\n"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u", 1 path skipped, in "_s), qPrintable(run.out));
    QVERIFY(readTestFile(junit).contains("<skipped message=\"1.3.0 → 1.6.0 is skipped"));
}

void TestReleaseTest::scenarioOfAFlakyHealthCheck()
{
    // The README's second example, as written, beside the release it publishes: a health check that
    // fails on its first run is rolled back, and the next update installs the release.
    const QString folder = m_dir.filePath(u"flaky"_s);
    QDir().mkpath(folder);
    QVERIFY(QFile::copy(QStringLiteral(UPKEEP_SOURCE_DIR "/docs/examples/scenario-flaky-health-check.json"),
        folder + u"/scenario.json"_s));
    writeRelease(folder + u"/flaky-1.5.1"_s, u"1.5.1"_s,
        "#!/bin/sh\n[ -e \"$HOME/.editor-checked\" ] && exit 0\ntouch \"$HOME/.editor-checked\"\n"
        "echo 'first run: the cache is cold' >&2\nexit 1\n");
    const QString repository = copy(u"flaky-repository"_s);
    const ProgramRun run = test(repository, u"1.5.0"_s,
        {u"--from"_s, u"1"_s, u"--faults"_s, u"none"_s, u"--kills"_s, u"0"_s, u"--scenario"_s,
            folder + u"/scenario.json"_s, u"--keys"_s, m_keys});
    UPKEEP_EXPECT_EXIT(run, 0);
    QVERIFY2(run.out.contains(u"ok    scenario \"a health check that fails on its first run\": step 4, expect version "
                              "1.5.0, exact, rolled back, health check failed"_s),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(u"ok    scenario \"a health check that fails on its first run\": step 6"_s),
        qPrintable(run.out));
    // The scenario published into a copy: the repository tested has no 1.5.1.
    QVERIFY(!QFileInfo::exists(repository + u"/bundles/editor-1.5.1.tar.zst"_s));
}

void TestReleaseTest::scenarioThatDoesNotHold()
{
    const QString file = m_dir.filePath(u"wrong.json"_s);
    writeTestFile(file, R"({"name": "stays put", "steps": [
        {"install": "1.4.0"}, {"fault": {"kind": "missing", "on": "objects"}}, {"update": {}},
        {"expect": {"version": "1.4.0", "outcome": "installed"}}]})");
    const ProgramRun run = test(m_good, u"1.5.0"_s,
        {u"--from"_s, u"1"_s, u"--faults"_s, u"none"_s, u"--kills"_s, u"0"_s, u"--scenario"_s, file});
    UPKEEP_EXPECT_EXIT(run, 1);
    QVERIFY2(run.out.contains(u"scenario \"stays put\", step 4, expect version 1.4.0, installed: 1.5.0 runs, not "
                              "1.4.0."_s),
        qPrintable(run.out));
}

void TestReleaseTest::refusesMisuse_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("said");
    QTest::newRow("no such version") << QStringList{u"--version"_s, u"2.0.0"_s}
                                     << u"editor 2.0.0 is not on the stable channel"_s;
    QTest::newRow("no such channel") << QStringList{u"--channel"_s, u"weekly"_s} << u"has no channel \"weekly\""_s;
    QTest::newRow("faults") << QStringList{u"--faults"_s, u"some"_s} << u"some"_s;
    QTest::newRow("from") << QStringList{u"--from"_s, u"1.0.0"_s} << u"1.0.0"_s;
    QTest::newRow("kills") << QStringList{u"--kills"_s, u"many"_s} << u"--kills takes a number from 0 to 100."_s;
    QTest::newRow("seed") << QStringList{u"--seed"_s, u"-1"_s} << u"--seed takes a whole number"_s;
    QTest::newRow("scenario") << QStringList{u"--scenario"_s, u"/nonexistent/scenario.json"_s}
                              << u"cannot read the scenario /nonexistent/scenario.json"_s;
    QTest::newRow("junit") << QStringList{u"--junit"_s, u"/nonexistent/report.xml"_s}
                           << u"--junit /nonexistent/report.xml: the folder /nonexistent does not exist."_s;
    QTest::newRow("upkeep") << QStringList{u"--upkeep"_s, u"/nonexistent/upkeep"_s}
                            << u"--upkeep /nonexistent/upkeep is no program that can run."_s;
}

void TestReleaseTest::refusesMisuse()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, said);
    QStringList all{u"test"_s, m_good, u"--app"_s, u"editor"_s, u"--upkeep"_s, QString::fromUtf8(UPKEEP_BINARY)};
    if (!arguments.contains(u"--version"_s))
        all << u"--version"_s << u"1.5.0"_s;
    const ProgramRun run = publish(all + arguments);
    UPKEEP_EXPECT_EXIT(run, 2);
    QVERIFY2(run.err.contains(said), qPrintable(run.describe()));
}

QTEST_GUILESS_MAIN(TestReleaseTest)
#include "tst_releasetest.moc"
