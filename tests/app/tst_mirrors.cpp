// Mirrors that lie, through the real `upkeep`: a first mirror that answers some file with bytes
// that fail verification (junk, a truncated or altered copy, an endless body) is treated like a
// mirror without the file, so the second, honest one serves it and `add` and `update` succeed. A
// mirror that replays the timestamp already trusted does not hide a newer one on another mirror.
// When every mirror fails, the error names each of them and what was wrong.

#include "faultserver.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/testprogram.h"
#include "support/testrepository.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using Fault = FaultServer::Fault;

// How the bad mirror spoils the files whose repository path matches a pattern.
enum class Spoil { Junk, Truncate, Flip, Endless, Missing };

} // namespace

class TestMirrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void badFirstMirror_data();
    void badFirstMirror();
    void replayedTimestampDoesNotHideNewer();
    void everyMirrorIsNamedWhenAllFail();
    void brokenPatchesFallBackToObjects();

private:
    ProgramRun upkeep(const QStringList& arguments)
    {
        return TestProgram(QStringLiteral(UPKEEP_BINARY), {.configHome = m_dir->filePath(u"config"_s)}).run(arguments);
    }
    void release(int n);
    // Makes `server`'s folder a copy of the repository as it is now, with the files matching
    // `pattern` spoiled (for Endless, `server` spoils them as it serves them).
    void spoilCopy(FaultServer& server, const QString& pattern, Spoil spoil);
    // A server for a mirror's folder named `name`, spoiled as spoilCopy() says.
    std::unique_ptr<FaultServer> badMirror(const QString& name, const QString& pattern, Spoil spoil);
    ProgramRun add(const QStringList& mirrors);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestRepository> m_repository;
    QString m_install;
};

void TestMirrors::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_repository = std::make_unique<TestRepository>(QDateTime::currentDateTimeUtc());
    m_install = m_dir->filePath(u"install"_s);
}

void TestMirrors::release(int n)
{
    const QString version = u"1.%1.0"_s.arg(n);
    const QString source = m_dir->filePath(u"source-"_s + version);
    writeTestFile(source + u"/bin/viewer"_s, "#!/bin/sh\necho "_ba + version.toUtf8() + "\n", true);
    // A file that changes a little in each release, so that updates use patches.
    QByteArray library = randomBytes(200000, 7);
    library.replace(1000, version.size(), version.toUtf8());
    writeTestFile(source + u"/lib/libviewer.so"_s, library);
    writeTestFile(source + u"/CHANGES"_s, "Release " + version.toUtf8() + "\n");
    const QString notes = m_dir->filePath(u"notes-"_s + version);
    writeTestFile(notes, "# " + version.toUtf8() + "\n");
    ReleasePublisher::Options options;
    options.app = u"viewer"_s;
    options.version = version;
    options.channel = u"stable"_s;
    options.source = source;
    options.notesFile = notes;
    m_repository->publishRelease(options);
}

std::unique_ptr<FaultServer> TestMirrors::badMirror(const QString& name, const QString& pattern, Spoil spoil)
{
    auto server = std::make_unique<FaultServer>(m_dir->filePath(name));
    spoilCopy(*server, pattern, spoil);
    return server;
}

void TestMirrors::spoilCopy(FaultServer& server, const QString& pattern, Spoil spoil)
{
    const QString folder = server.root();
    copyTestTree(m_repository->path(), folder);
    server.clearFaults();
    const QRegularExpression matches(QRegularExpression::anchoredPattern(
        QRegularExpression::wildcardToRegularExpression(pattern, QRegularExpression::UnanchoredWildcardConversion)));
    QStringList spoiled;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next().mid(folder.size() + 1);
        if (!matches.match(path).hasMatch())
            continue;
        spoiled.append(path);
        QByteArray bytes = readTestFile(it.filePath());
        switch (spoil) {
        case Spoil::Junk: bytes = "{\"signed\": \"junk\"}"; break;
        case Spoil::Truncate: bytes.truncate(bytes.size() / 2); break;
        case Spoil::Flip: bytes = flipped(bytes); break;
        case Spoil::Missing: QFile::remove(it.filePath()); continue;
        case Spoil::Endless: server.addFault(path, Fault::endlessBody()); continue;
        }
        writeTestFile(it.filePath(), bytes);
    }
    // A file the honest mirror does not have at all: the next root.
    if (pattern == u"metadata/2.root.json"_s) {
        writeTestFile(folder + u"/metadata/2.root.json"_s, "not a root at all");
        spoiled.append(pattern);
    }
    QVERIFY2(!spoiled.isEmpty(), qPrintable(u"nothing in the repository matches "_s + pattern));
}

ProgramRun TestMirrors::add(const QStringList& mirrors)
{
    const QString root = m_dir->filePath(u"root.json"_s);
    writeTestFile(root, m_repository->initialRoot());
    return upkeep({u"add"_s, u"--repo"_s, mirrors.join(u','), u"--trust"_s, root, u"--app"_s, u"viewer"_s,
        u"--channel"_s, u"stable"_s, u"--dir"_s, m_install});
}

void TestMirrors::badFirstMirror_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<Spoil>("spoil");
    QTest::newRow("junk as the next root") << u"metadata/2.root.json"_s << Spoil::Junk;
    QTest::newRow("junk timestamp") << u"metadata/timestamp.json"_s << Spoil::Junk;
    QTest::newRow("endless timestamp") << u"metadata/timestamp.json"_s << Spoil::Endless;
    QTest::newRow("truncated snapshot") << u"metadata/*.snapshot.json"_s << Spoil::Truncate;
    QTest::newRow("altered targets") << u"metadata/*.targets.json"_s << Spoil::Flip;
    QTest::newRow("junk channel role") << u"metadata/*.stable.json"_s << Spoil::Junk;
    QTest::newRow("altered manifests") << u"targets/viewer/*/*"_s << Spoil::Flip;
    QTest::newRow("endless manifests and notes") << u"targets/viewer/*/*"_s << Spoil::Endless;
    QTest::newRow("altered bundles, objects and patches") << u"[bop][uba]*/*"_s << Spoil::Flip;
    QTest::newRow("truncated bundles, objects and patches") << u"[bop][uba]*/*"_s << Spoil::Truncate;
    QTest::newRow("endless bundles, objects and patches") << u"[bop][uba]*/*"_s << Spoil::Endless;
    QTest::newRow("no objects or patches") << u"[op][ba]*/*"_s << Spoil::Missing;
}

void TestMirrors::badFirstMirror()
{
    QFETCH(QString, pattern);
    QFETCH(Spoil, spoil);
    const QString good = m_repository->path();

    release(0);
    auto bad = badMirror(u"bad"_s, pattern, spoil);
    ProgramRun run = add({bad->url().toString(), good});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(!bad->requests().empty());

    release(1);
    spoilCopy(*bad, pattern, spoil);
    run = upkeep({u"check"_s, u"--dir"_s, m_install});
    QVERIFY2(run.out.startsWith(u"viewer 1.0.0 -> 1.1.0 is available"_s), qPrintable(run.out + run.err));
    run = upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, m_install});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(QFileInfo(QFile::symLinkTarget(m_install + u"/current"_s)).fileName(), u"1.1.0"_s);
    QCOMPARE(readTestFile(m_install + u"/current/bin/viewer"_s), "#!/bin/sh\necho 1.1.0\n"_ba);
    run = upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, m_install});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
}

void TestMirrors::replayedTimestampDoesNotHideNewer()
{
    release(0);
    // The first mirror stops syncing: it keeps serving what it has, all of it still valid.
    const QString stale = m_dir->filePath(u"stale"_s);
    copyTestTree(m_repository->path(), stale);
    FaultServer first(stale);
    ProgramRun run = add({first.url().toString(), m_repository->path()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    release(1);
    run = upkeep({u"check"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(u"viewer 1.0.0 -> 1.1.0 is available"_s), qPrintable(run.out + run.err));
    run = upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, m_install});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(QFileInfo(QFile::symLinkTarget(m_install + u"/current"_s)).fileName(), u"1.1.0"_s);
}

void TestMirrors::everyMirrorIsNamedWhenAllFail()
{
    release(0);
    auto first = badMirror(u"bad1"_s, u"metadata/timestamp.json"_s, Spoil::Junk);
    auto second = badMirror(u"bad2"_s, u"metadata/timestamp.json"_s, Spoil::Endless);
    const ProgramRun run = add({first->url().toString(), second->url().toString()});
    QCOMPARE(run.exitCode, 1);
    const QString firstName = first->url().toString();
    const QString secondName = second->url().toString();
    QVERIFY2(run.err.contains(firstName + u": "_s) && run.err.contains(secondName + u": "_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"endless data"_s), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(m_install + u"/current"_s));
}

void TestMirrors::brokenPatchesFallBackToObjects()
{
    // Every mirror serves packs and patches that do not make what the manifest says (a broken
    // publish): the packs fail their sha256, the patches what they make, and the whole objects
    // still make the files, so the update goes through.
    release(0);
    ProgramRun run = add({m_repository->path()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    release(1);
    for (const QString& folder : {u"patches"_s, u"packs"_s}) {
        QStringList files = QDir(m_repository->path() + u'/' + folder).entryList(QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString& name : files)
            flipTestFileByte(m_repository->path() + u'/' + folder + u'/' + name);
    }
    run = upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, m_install});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(run.err, QString());
    QCOMPARE(readTestFile(m_install + u"/current/lib/libviewer.so"_s).mid(1000, 5), "1.1.0"_ba);
    QCOMPARE(upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, m_install}).exitCode, 0);
}

QTEST_GUILESS_MAIN(TestMirrors)
#include "tst_mirrors.moc"
