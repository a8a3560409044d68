// FileHashCache: the sha256 of a regular file, and never a stale one: a file rewritten (even to
// the same size and modification time), replaced or removed since is read again; symlinks and
// missing files have none.

#include "install/filehashcache.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

QString sha256Of(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

void write(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

} // namespace

class TestFileHashCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashesAndRehashesWhatChanged_data()
    {
        QTest::addColumn<QString>("change");
        QTest::newRow("rewritten, same size, old times put back") << u"rewrite"_s;
        QTest::newRow("replaced by another file") << u"replace"_s;
        QTest::newRow("removed") << u"remove"_s;
        QTest::newRow("replaced by a symlink") << u"symlink"_s;
    }
    void hashesAndRehashesWhatChanged()
    {
        QFETCH(QString, change);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"lib.so"_s);
        write(path, "old content");
        FileHashCache cache;
        QCOMPARE(cache.sha256(path), sha256Of("old content"));
        QCOMPARE(cache.sha256(path), sha256Of("old content")); // remembered, still right

        QString expected;
        if (change == u"rewrite"_s) {
            struct stat before {
            };
            QCOMPARE(::stat(QFile::encodeName(path).constData(), &before), 0);
            write(path, "new content");
            const timespec times[2] = {before.st_atim, before.st_mtim};
            QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0), 0);
            expected = sha256Of("new content");
        } else if (change == u"replace"_s) {
            const QString other = dir.filePath(u"other"_s);
            write(other, "the other file");
            QVERIFY(::rename(QFile::encodeName(other).constData(), QFile::encodeName(path).constData()) == 0);
            expected = sha256Of("the other file");
        } else if (change == u"remove"_s) {
            QVERIFY(QFile::remove(path));
        } else {
            const QString target = dir.filePath(u"target"_s);
            write(target, "old content");
            QVERIFY(QFile::remove(path));
            QVERIFY(QFile::link(target, path));
        }
        QCOMPARE(cache.sha256(path), expected);
    }
};

QTEST_GUILESS_MAIN(TestFileHashCache)
#include "tst_filehashcache.moc"
