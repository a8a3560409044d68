// Channels as subscribers see them: their own releases and those of every more stable channel,
// checked through a real repository and the real client.

#include "net/directorysource.h"
#include "policy/channels.h"
#include "support/testrepository.h"
#include "support/verify.h"
#include "trust/repositoryclient.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestChannels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void visibleTargets_data();
    void visibleTargets();
    void unknownChannel();
};

void TestChannels::visibleTargets_data()
{
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QStringList>("from");

    QTest::newRow("stable") << u"stable"_s << QStringList{u"demo/1.0.0/manifest.json"_s} << QStringList{u"stable"_s};
    QTest::newRow("beta") << u"beta"_s
                          << QStringList{u"demo/1.0.0/manifest.json"_s, u"demo/1.1.0-beta.1/manifest.json"_s}
                          << QStringList{u"stable"_s, u"beta"_s};
    QTest::newRow("nightly") << u"nightly"_s
                             << QStringList{u"demo/1.0.0/manifest.json"_s, u"demo/1.1.0-beta.1/manifest.json"_s,
                                    u"demo/1.2.0-nightly.20260601/manifest.json"_s}
                             << QStringList{u"stable"_s, u"beta"_s, u"nightly"_s};
}

void TestChannels::visibleTargets()
{
    QFETCH(QString, channel);
    QFETCH(QStringList, paths);
    QFETCH(QStringList, from);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    TestRepository repository(now);
    repository.publish(now, [](RepositoryWriter& writer) {
        QVERIFY(writer.addTarget(u"beta"_s, u"demo/1.1.0-beta.1/manifest.json"_s, "b"_ba, {}));
        QVERIFY(writer.addTarget(u"nightly"_s, u"demo/1.2.0-nightly.20260601/manifest.json"_s, "n"_ba, {}));
        // Promoted to beta as well: the more stable channel is the one named.
        QVERIFY(writer.promote(u"demo"_s, u"1.0.0"_s, u"beta"_s));
    });
    QTemporaryDir client;
    const QString state = client.filePath(u"trusted.json"_s);
    UPKEEP_VERIFY_OK(RepositoryClient::trustRoot(state, repository.initialRoot()));
    RepositoryClient repositoryClient({std::make_shared<DirectorySource>(repository.path())}, state);
    UPKEEP_VERIFY_OK(repositoryClient.refresh(now));

    const Channels channels(**repositoryClient.trusted());
    QCOMPARE(channels.names(), (QStringList{u"stable"_s, u"beta"_s, u"nightly"_s}));
    auto visible = channels.visibleTargets(channel);
    UPKEEP_VERIFY_OK(visible);
    QStringList seenPaths;
    QStringList seenFrom;
    for (const auto& [path, target] : *visible) {
        seenPaths.append(path);
        seenFrom.append(target.channel);
    }
    QCOMPARE(seenPaths, paths);
    QCOMPARE(seenFrom, from);
}

void TestChannels::unknownChannel()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    TestRepository repository(now);
    QTemporaryDir client;
    const QString state = client.filePath(u"trusted.json"_s);
    UPKEEP_VERIFY_OK(RepositoryClient::trustRoot(state, repository.initialRoot()));
    RepositoryClient repositoryClient({std::make_shared<DirectorySource>(repository.path())}, state);
    UPKEEP_VERIFY_OK(repositoryClient.refresh(now));
    auto visible = Channels(**repositoryClient.trusted()).visibleTargets(u"edge"_s);
    UPKEEP_VERIFY_ERROR(visible, Error::Code::NotFound);
    QCOMPARE(visible.error().message, u"The repository has no channel \"edge\"; it has stable, beta, nightly."_s);
}

QTEST_GUILESS_MAIN(TestChannels)
#include "tst_channels.moc"
