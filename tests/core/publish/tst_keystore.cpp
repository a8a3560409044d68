// The publisher's key folder: a role name or key id read from a repository never makes a path
// outside the folder, and a new key is written unencrypted only when its owner asked for that.

#include "publish/keystore.h"

#include "support/testfiles.h"
#include "support/verify.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <QTest>

using namespace Qt::StringLiterals;

class TestKeyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostileNames_data();
    void hostileNames();
    void newKeyWithoutPassphrase();
    void unencryptedWhenAsked();
};

void TestKeyStore::hostileNames_data()
{
    QTest::addColumn<QString>("operation"); // create, keys or retire
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("keyId"); // {planted} is the id of a key planted outside the folder
    QTest::addColumn<QString>("message");

    const QString badRole = u"The role name \"%1\" cannot be part of a file name."_s;
    const QString badKeyId = u"\"%1\" is not a key id (64 lowercase hexadecimal digits), so no key file is named "
                             "after it."_s;
    for (const QString& role : {u"../escaped"_s, u"a/b"_s, u".."_s, u"."_s, QString(), u"a\\b"_s, u"a\nb"_s}) {
        QTest::addRow("create for the role \"%s\"", qPrintable(role))
            << u"create"_s << role << QString() << badRole.arg(role);
    }
    QTest::newRow("keys of a role named to climb out of the folder")
        << u"keys"_s << u"../planted"_s << u"{planted}"_s << badRole.arg(u"../planted"_s);
    QTest::newRow("retire a key of a role named to climb out of the folder")
        << u"retire"_s << u"../planted"_s << u"{planted}"_s << badRole.arg(u"../planted"_s);
    const QString upper = QString(64, u'A');
    for (const QString& keyId : {u"../../x"_s, u"ab/cd"_s, upper, u"0123abcd"_s, QString()}) {
        QTest::addRow("keys named by \"%s\"", qPrintable(keyId))
            << u"keys"_s << u"timestamp"_s << keyId << badKeyId.arg(keyId);
        QTest::addRow("retire the key \"%s\"", qPrintable(keyId))
            << u"retire"_s << u"timestamp"_s << keyId << badKeyId.arg(keyId);
    }
}

void TestKeyStore::hostileNames()
{
    QFETCH(QString, operation);
    QFETCH(QString, role);
    QFETCH(QString, keyId);
    QFETCH(QString, message);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A key that a path climbing out of the folder would reach: DIR/keys/../planted.ID.pem.
    auto planted = SigningKey::generate();
    QVERIFY(planted.has_value());
    const QString plantedId = planted->publicKey().keyId();
    QVERIFY(planted->saveUnencrypted(dir.filePath(u"planted.%1.pem"_s.arg(plantedId))).has_value());
    keyId.replace(u"{planted}"_s, plantedId);
    const QString folder = dir.filePath(u"keys"_s);
    QVERIFY(QDir().mkpath(folder));
    const QStringList before = filesUnder(dir.path());

    KeyStore store(folder, KeyStore::NewKeys::Unencrypted);
    std::expected<void, Error> result;
    if (operation == u"create"_s) {
        auto key = store.create(role);
        result = key ? std::expected<void, Error>() : std::unexpected(key.error());
    } else if (operation == u"keys"_s) {
        auto keys = store.keys(role, {keyId});
        result = keys ? std::expected<void, Error>() : std::unexpected(keys.error());
    } else {
        result = store.retire(role, keyId);
    }
    UPKEEP_VERIFY_ERROR(result, Error::Code::InvalidInput);
    QCOMPARE(result.error().message, message);
    QCOMPARE(filesUnder(dir.path()), before);
}

void TestKeyStore::newKeyWithoutPassphrase()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(u"keys"_s);
    // The store was asked for encrypted keys, and its passphrase source gives nothing.
    KeyStore store(folder, KeyStore::NewKeys::Encrypted, [](KeyStore::PassphraseUse) { return QByteArray(); });
    auto key = store.create(u"root"_s);
    UPKEEP_VERIFY_ERROR(key, Error::Code::PassphraseRequired);
    QCOMPARE(key.error().message,
        u"A new key for the root role in %1 is to be encrypted, and no passphrase was given."_s.arg(folder));
    QCOMPARE(filesUnder(dir.path()), QStringList());
}

void TestKeyStore::unencryptedWhenAsked()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(u"keys"_s);
    KeyStore store(folder, KeyStore::NewKeys::Unencrypted);
    auto key = store.create(u"root"_s);
    UPKEEP_VERIFY_OK(key);
    const QString pem = folder + u"/root.%1.pem"_s.arg(key->publicKey().keyId());
    QVERIFY(QFileInfo(pem).isReadable());
    QVERIFY(readTestFile(pem).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    // What the store made for a change that failed goes again, folder and all.
    store.discardCreated();
    QVERIFY(!QFileInfo::exists(folder));
}

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_keystore.moc"
