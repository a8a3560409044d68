#include "testfiles.h"

#include "support/testbytes.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

bool tryWriteTestFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

void writeTestFile(const QString& path, const QByteArray& bytes, bool executable)
{
    QVERIFY2(tryWriteTestFile(path, bytes), qPrintable(u"cannot write "_s + path));
    if (executable)
        QVERIFY(QFile::setPermissions(path, QFile::permissions(path) | QFile::ExeOwner | QFile::ExeUser));
}

void writeTestFiles(const QString& folder, const std::map<QString, QByteArray>& files)
{
    for (const auto& [path, bytes] : files)
        writeTestFile(folder + u'/' + path, bytes, path.startsWith(u"bin/"_s));
}

void appendTestFile(const QString& path, QByteArrayView bytes)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::Append), qPrintable(u"cannot append to "_s + path));
    QCOMPARE(file.write(bytes.data(), bytes.size()), bytes.size());
}

QByteArray readTestFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void flipTestFileByte(const QString& path, qsizetype at)
{
    const QByteArray bytes = readTestFile(path);
    QVERIFY2(!bytes.isEmpty(), qPrintable(u"nothing to flip in "_s + path));
    writeTestFile(path, flipped(bytes, at));
}

void copyTestTree(const QString& from, const QString& to)
{
    QDir(to).removeRecursively();
    QDir().mkpath(QFileInfo(to).absolutePath());
    QProcess copy;
    copy.start(u"cp"_s, {u"-a"_s, from, to});
    QVERIFY2(copy.waitForFinished(30'000) && copy.exitStatus() == QProcess::NormalExit && copy.exitCode() == 0,
        qPrintable(u"cannot copy %1 to %2: %3"_s.arg(from, to, QString::fromLocal8Bit(copy.readAllStandardError()))));
}

QStringList filesUnder(const QString& folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(folder).relativeFilePath(it.next()));
    files.sort();
    return files;
}

ino_t inodeOf(const QString& path)
{
    struct stat status {
    };
    return ::lstat(QFile::encodeName(path).constData(), &status) == 0 ? status.st_ino : 0;
}

int modeOf(const QString& path)
{
    struct stat status {
    };
    return ::lstat(QFile::encodeName(path).constData(), &status) == 0 ? int(status.st_mode & 07777) : -1;
}
