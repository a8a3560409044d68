// The scratch folder of upkeep-publish test: made and locked for its run, gone when the run ends,
// and the folders of runs that were interrupted (Ctrl-C, a kill) removed by the next run — but never
// a folder whose run still goes, a kept one, or one made a moment ago.

#include "install/installlock.h"
#include "scratchfolder.h"
#include "support/testfiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {

// Sets the folder's modification time `seconds` back, as time passing would.
void age(const QString& folder, qint64 seconds)
{
    const timespec then{std::time(nullptr) - seconds, 0};
    const timespec times[2]{then, then};
    QVERIFY(::utimensat(AT_FDCWD, QFile::encodeName(folder).constData(), times, 0) == 0);
}

// A folder a run left behind `minutes` ago, with a read-only version folder in it, as trials leave them.
QString leftBehind(const QString& parent, const QString& name, int minutes)
{
    const QString folder = QDir(parent).filePath(ScratchFolder::kPrefix + name);
    writeTestFile(folder + u"/trials/trial-1/versions/1.0.0/bin/app"_s, "#!/bin/sh\n", true);
    QFile::setPermissions(folder + u"/trials/trial-1/versions/1.0.0"_s, QFile::ReadOwner | QFile::ExeOwner);
    age(folder, 60 * qint64(minutes));
    return folder;
}

} // namespace

class TestScratchFolder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goneWhenTheRunEnds();
    void keptStays();
    void removesWhatInterruptedRunsLeft();
};

void TestScratchFolder::goneWhenTheRunEnds()
{
    QTemporaryDir parent;
    QString path;
    {
        auto scratch = ScratchFolder::make(parent.path());
        QVERIFY(scratch);
        path = scratch->path();
        QVERIFY(QFileInfo(path).fileName().startsWith(ScratchFolder::kPrefix));
        // Its run holds it: nobody else takes it.
        QVERIFY(!InstallLock::acquireFolder(path));
        writeTestFile(scratch->filePath(u"trials/x/versions/1.0.0/file"_s), "x");
        QFile::setPermissions(scratch->filePath(u"trials/x/versions/1.0.0"_s), QFile::ReadOwner | QFile::ExeOwner);
    }
    QVERIFY(!QFileInfo::exists(path));
}

void TestScratchFolder::keptStays()
{
    QTemporaryDir parent;
    QString path;
    {
        auto scratch = ScratchFolder::make(parent.path());
        QVERIFY(scratch);
        scratch->keep();
        path = scratch->path();
    }
    QVERIFY(QFileInfo(path).isDir());
    // Not even a later run removes it, however old.
    age(path, 2 * 24 * 3600);
    QVERIFY(ScratchFolder::make(parent.path()));
    QVERIFY(QFileInfo(path).isDir());
}

void TestScratchFolder::removesWhatInterruptedRunsLeft()
{
    QTemporaryDir parent;
    const QString interrupted = leftBehind(parent.path(), u"interrupted"_s, 10);
    const QString justMade = leftBehind(parent.path(), u"justmade"_s, 0);
    const QString running = leftBehind(parent.path(), u"running"_s, 10);
    auto held = InstallLock::acquireFolder(running);
    QVERIFY(held);
    const QString other = QDir(parent.path()).filePath(u"someone-elses"_s);
    writeTestFile(other + u"/file"_s, "mine");

    auto scratch = ScratchFolder::make(parent.path());
    QVERIFY(scratch);
    QVERIFY(!QFileInfo::exists(interrupted));
    QVERIFY(QFileInfo(justMade).isDir());
    QVERIFY(QFileInfo(running).isDir());
    QCOMPARE(readTestFile(other + u"/file"_s), "mine"_ba);
    // Clean up what the test made read-only.
    for (const QString& folder : {justMade, running})
        QFile::setPermissions(
            folder + u"/trials/trial-1/versions/1.0.0"_s, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

QTEST_GUILESS_MAIN(TestScratchFolder)
#include "tst_scratchfolder.moc"
