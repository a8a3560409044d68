// A full disk: an update that cannot fit is refused up front with how much space it needs, and
// one that fills the disk while writing fails cleanly; either way the running version stays
// complete. Runs on a small tmpfs, so it needs root (to mount); otherwise it is skipped.

#include "install/updatetransaction.h"
#include "support/testbytes.h"
#include "support/testreleases.h"
#include "support/verify.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

qint64 freeBytes(const QString& path)
{
    struct statvfs status {
    };
    ::statvfs(QFile::encodeName(path).constData(), &status);
    return qint64(status.f_bavail) * qint64(status.f_frsize);
}

} // namespace

class TestFullDisk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void updateThatCannotFitIsRefused();
    void diskFillsWhileWriting();

private:
    QTemporaryDir m_mount;
    bool m_mounted = false;
};

void TestFullDisk::init()
{
    if (::geteuid() != 0)
        QSKIP("The full-disk tests mount a small tmpfs and need root; run the tests as root to include them.");
    m_mounted = ::mount("tmpfs", QFile::encodeName(m_mount.path()).constData(), "tmpfs", 0, "size=3m") == 0;
    if (!m_mounted)
        QSKIP("Mounting a tmpfs was refused here (no CAP_SYS_ADMIN); the full-disk tests need it.");
}

void TestFullDisk::cleanup()
{
    if (m_mounted)
        ::umount2(QFile::encodeName(m_mount.path()).constData(), MNT_DETACH);
    m_mounted = false;
}

void TestFullDisk::updateThatCannotFitIsRefused()
{
    TestReleases releases;
    const Manifest v1
        = releases.release(u"1.0.0"_s, {{u"bin/app"_s, "#!/bin/sh\n"_ba}, {u"data"_s, randomBytes(300000, 1)}});
    const Manifest v2 = releases.release(u"2.0.0"_s,
        {{u"bin/app"_s, "#!/bin/sh\n"_ba}, {u"data"_s, randomBytes(300000, 1)},
            {u"huge"_s, randomBytes(4 * 1024 * 1024, 2)}});
    InstallLayout layout(m_mount.filePath(u"root"_s));
    UpdateTransaction transaction(layout, releases.source());
    UPKEEP_VERIFY_OK(transaction.install(v1, u"stable"_s));

    auto refused = transaction.install(v2, u"stable"_s);
    UPKEEP_VERIFY_ERROR(refused, Error::Code::Io);
    QVERIFY2(refused.error().message.startsWith(
                 u"The update needs 5.5 MB of free space in %1; only "_s.arg(layout.versionsFolder())),
        qPrintable(refused.error().message));
    QVERIFY(refused.error().message.endsWith(u"MB are free. Free some space and try again."_s));
    QCOMPARE(layout.currentVersion()->toString(), u"1.0.0"_s);
    QVERIFY(TestReleases::holds(layout.currentLink(), v1));
    QCOMPARE(QDir(layout.versionsFolder()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
        QStringList{u"1.0.0"_s});
}

void TestFullDisk::diskFillsWhileWriting()
{
    TestReleases releases;
    const Manifest v1 = releases.release(u"1.0.0"_s, {{u"bin/app"_s, "#!/bin/sh\n"_ba}});
    // Tiny files the free-space check counts by their bytes, but tmpfs stores a page each.
    TestReleases::Files many{{u"bin/app"_s, "#!/bin/sh\n"_ba}};
    for (int i = 0; i < 900; ++i)
        many.emplace(u"tiny/%1"_s.arg(i, 4, 10, QChar(u'0')), QByteArray::number(i));
    const Manifest v2 = releases.release(u"2.0.0"_s, many);

    InstallLayout layout(m_mount.filePath(u"root"_s));
    UpdateTransaction transaction(layout, releases.source());
    UPKEEP_VERIFY_OK(transaction.install(v1, u"stable"_s));
    // Leave a little over the check's 1 MB margin free, so the check passes and the writes do not.
    const qint64 keepFree = 1200 * 1024;
    const qint64 fill = freeBytes(layout.root()) - keepFree;
    QVERIFY(fill > 0);
    QFile filler(m_mount.filePath(u"filler"_s));
    QVERIFY(filler.open(QIODevice::WriteOnly));
    filler.write(QByteArray(fill, 'f'));
    filler.close();

    auto failed = transaction.install(v2, u"stable"_s);
    UPKEEP_VERIFY_ERROR(failed, Error::Code::Io);
    QVERIFY2(failed.error().message.contains(u"full"_s) || failed.error().message.contains(u"No space"_s)
            || failed.error().message.startsWith(u"Cannot"_s),
        qPrintable(failed.error().message));
    QCOMPARE(layout.currentVersion()->toString(), u"1.0.0"_s);
    QVERIFY(TestReleases::holds(layout.currentLink(), v1));
    QVERIFY(!QFileInfo::exists(layout.stagingFolder(v2.version)));
    QVERIFY(Journal(layout.journal()).pending()->empty());
}

QTEST_GUILESS_MAIN(TestFullDisk)
#include "tst_fulldisk.moc"
