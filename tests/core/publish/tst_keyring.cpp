// The key folders of one change: timestamp and snapshot keys go to the online folder, the others
// to the first offline one, and a role's keys are found in whichever folder holds them.

#include "publish/keyring.h"

#include "support/verify.h"

#include <QFile>
#include <QTemporaryDir>

#include <QTest>

using namespace Qt::StringLiterals;

class TestKeyRing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newKeysByKindOfRole();
    void keysFromEveryFolder();
    void onlineFolderAlone();
};

void TestKeyRing::newKeysByKindOfRole()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString offline = dir.filePath(u"offline"_s);
    const QString second = dir.filePath(u"second"_s);
    const QString online = dir.filePath(u"online"_s);
    KeyRing ring({KeyStore(offline, KeyStore::NewKeys::Unencrypted), KeyStore(second, KeyStore::NewKeys::Unencrypted)},
        KeyStore(online, KeyStore::NewKeys::Unencrypted));
    for (const QString& role : {u"root"_s, u"targets"_s, u"stable"_s, u"timestamp"_s, u"snapshot"_s}) {
        auto key = ring.create(role);
        UPKEEP_VERIFY_OK(key);
        const QString folder = KeyRing::isOnlineRole(role) ? online : offline;
        QVERIFY2(QFile::exists(folder + u"/%1.%2.pem"_s.arg(role, key->publicKey().keyId())), qPrintable(role));
    }
    QVERIFY(!QFile::exists(second));
    QCOMPARE(ring.directories(), QStringList({offline, second, online}));
}

void TestKeyRing::keysFromEveryFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Root keys held apart: one in each offline folder.
    KeyStore first(dir.filePath(u"first"_s), KeyStore::NewKeys::Unencrypted);
    KeyStore second(dir.filePath(u"second"_s), KeyStore::NewKeys::Unencrypted);
    auto a = first.create(u"root"_s);
    auto b = second.create(u"root"_s);
    QVERIFY(a.has_value() && b.has_value());
    const QStringList ids{a->publicKey().keyId(), b->publicKey().keyId(), QString(64, u'0')};

    KeyRing ring({first, second});
    QCOMPARE(ring.count(u"root"_s, ids), qsizetype(2));
    auto keys = ring.keys(u"root"_s, ids);
    UPKEEP_VERIFY_OK(keys);
    QCOMPARE(keys->size(), size_t(2));
    KeyRing one({first});
    QCOMPARE(one.count(u"root"_s, ids), qsizetype(1));
}

void TestKeyRing::onlineFolderAlone()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    KeyRing ring({}, KeyStore(dir.filePath(u"online"_s), KeyStore::NewKeys::Unencrypted));
    UPKEEP_VERIFY_OK(ring.create(u"timestamp"_s));
    auto key = ring.create(u"root"_s);
    UPKEEP_VERIFY_ERROR(key, Error::Code::Usage);
    QCOMPARE(key.error().message,
        u"A new key for the root role belongs with the offline keys, and no folder for them was given."_s);
}

QTEST_GUILESS_MAIN(TestKeyRing)
#include "tst_keyring.moc"
