// MirrorAddress: every form of repository address an installation may keep (web servers with
// and without paths, ports, passwords and trailing slashes; file:// URLs; plain folders) and the
// ones refused.

#include "net/mirroraddress.h"

#include <QDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMirrorAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void refused_data();
    void refused();
};

void TestMirrorAddress::parse_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("server"); // empty for a folder
    QTest::addColumn<QString>("folder"); // empty for a server
    QTest::addColumn<QString>("name");

    QTest::newRow("https") << u"https://updates.example.org/repo"_s << u"https://updates.example.org/repo"_s
                           << QString() << u"https://updates.example.org/repo"_s;
    QTest::newRow("https, trailing slashes")
        << u"https://updates.example.org/repo//"_s << u"https://updates.example.org/repo"_s << QString()
        << u"https://updates.example.org/repo"_s;
    QTest::newRow("http, no path") << u"http://mirror.example.net"_s << u"http://mirror.example.net"_s << QString()
                                   << u"http://mirror.example.net"_s;
    QTest::newRow("http, root") << u"http://mirror.example.net/"_s << u"http://mirror.example.net"_s << QString()
                                << u"http://mirror.example.net"_s;
    QTest::newRow("a port") << u"https://a.example:8443/upkeep/"_s << u"https://a.example:8443/upkeep"_s << QString()
                            << u"https://a.example:8443/upkeep"_s;
    QTest::newRow("encoded path") << u"https://a.example/my%20repo"_s << u"https://a.example/my%20repo"_s << QString()
                                  << u"https://a.example/my repo"_s;
    QTest::newRow("a password, not in the name")
        << u"https://user:secret@a.example/repo"_s << u"https://user:secret@a.example/repo"_s << QString()
        << u"https://user@a.example/repo"_s;
    QTest::newRow("file URL") << u"file:///srv/repo"_s << QString() << u"/srv/repo"_s << u"/srv/repo"_s;
    QTest::newRow("absolute folder") << u"/srv/repo"_s << QString() << u"/srv/repo"_s << u"/srv/repo"_s;
    QTest::newRow("relative folder") << u"repo"_s << QString() << QDir::current().absoluteFilePath(u"repo"_s)
                                     << u"repo"_s;
}

void TestMirrorAddress::parse()
{
    QFETCH(QString, address);
    QFETCH(QString, server);
    QFETCH(QString, folder);
    QFETCH(QString, name);

    const auto mirror = MirrorAddress::parse(address);
    QVERIFY2(mirror, qPrintable(mirror ? QString() : mirror.error().message));
    QCOMPARE(mirror->isFolder(), !folder.isEmpty());
    QCOMPARE(mirror->server().toString(QUrl::FullyEncoded), server);
    QCOMPARE(mirror->folder(), folder);
    QCOMPARE(mirror->name(), name);
}

void TestMirrorAddress::refused_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("https without a server") << u"https:///repo"_s << Error::Code::InvalidInput
                                            << u"The repository address https:///repo names no server."_s;
    QTest::newRow("http without anything")
        << u"http://"_s << Error::Code::InvalidInput << u"The repository address http:// names no server."_s;
    QTest::newRow("file URL without a folder")
        << u"file://"_s << Error::Code::InvalidInput << u"The repository address file:// names no folder."_s;
    QTest::newRow("nothing") << QString() << Error::Code::InvalidInput << u"The repository address  names no folder."_s;
    QTest::newRow("ftp") << u"ftp://example.com/repo"_s << Error::Code::Unsupported
                         << u"Repositories at ftp addresses are not supported; use file://, http:// or https://."_s;
    QTest::newRow("s3") << u"s3://bucket/repo"_s << Error::Code::Unsupported
                        << u"Repositories at s3 addresses are not supported; use file://, http:// or https://."_s;
}

void TestMirrorAddress::refused()
{
    QFETCH(QString, address);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);

    const auto mirror = MirrorAddress::parse(address);
    QVERIFY(!mirror);
    QCOMPARE(mirror.error().code, code);
    QCOMPARE(mirror.error().message, message);
}

QTEST_GUILESS_MAIN(TestMirrorAddress)
#include "tst_mirroraddress.moc"
