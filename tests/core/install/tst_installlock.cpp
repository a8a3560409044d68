// One process at a time changes an installation: a second one is told clearly, or waits.

#include "install/installlock.h"
#include "support/verify.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;

class TestInstallLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondHolderIsRefused();
    void waiterGetsTheLockWhenReleased();
};

void TestInstallLock::secondHolderIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"lock"_s);
    {
        auto first = InstallLock::acquire(path);
        UPKEEP_VERIFY_OK(first);
        auto second = InstallLock::acquire(path);
        UPKEEP_VERIFY_ERROR(second, Error::Code::Usage);
        QCOMPARE(second.error().message,
            u"Another Upkeep process is changing this installation (it holds %1). "
            "Try again when it has finished."_s.arg(path));
    }
    UPKEEP_VERIFY_OK(InstallLock::acquire(path)); // released with its holder
}

void TestInstallLock::waiterGetsTheLockWhenReleased()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"lock"_s);
    auto holder = std::make_unique<std::expected<InstallLock, Error>>(InstallLock::acquire(path));
    UPKEEP_VERIFY_OK(*holder);
    std::unique_ptr<QThread> releaser(QThread::create([&holder] {
        QThread::msleep(200);
        holder.reset();
    }));
    releaser->start();
    auto waiter = InstallLock::acquire(path, 5000);
    UPKEEP_VERIFY_OK(waiter);
    releaser->wait();
}

QTEST_GUILESS_MAIN(TestInstallLock)
#include "tst_installlock.moc"
