// Channels as subscribers see them: their own releases and those of every more stable channel,
// checked through a real repository and the real client.

#include "net/directorysource.h"
#include "policy/channels.h"
#include "policy/releaseselector.h"
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
    void isFollowed_data();
    void isFollowed();
    void brokenLessStableChannelLeftOut();
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

void TestChannels::isFollowed_data()
{
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("subscribed");
    QTest::addColumn<bool>("followed");

    QTest::newRow("its own channel") << u"beta"_s << u"beta"_s << true;
    QTest::newRow("a more stable one") << u"stable"_s << u"nightly"_s << true;
    QTest::newRow("a less stable one") << u"nightly"_s << u"beta"_s << false;
    QTest::newRow("a channel the repository lacks") << u"edge"_s << u"nightly"_s << false;
    QTest::newRow("subscribed to a channel the repository lacks") << u"stable"_s << u"edge"_s << false;
}

void TestChannels::isFollowed()
{
    QFETCH(QString, channel);
    QFETCH(QString, subscribed);
    QFETCH(bool, followed);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    TestRepository repository(now);
    QTemporaryDir client;
    const QString state = client.filePath(u"trusted.json"_s);
    UPKEEP_VERIFY_OK(RepositoryClient::trustRoot(state, repository.initialRoot()));
    RepositoryClient repositoryClient({std::make_shared<DirectorySource>(repository.path())}, state);
    UPKEEP_VERIFY_OK(repositoryClient.refresh(now));
    QCOMPARE(Channels(**repositoryClient.trusted()).isFollowed(channel, subscribed), followed);
}

void TestChannels::brokenLessStableChannelLeftOut()
{
    // A beta subscriber's refresh leaves a badly signed nightly out; what beta sees is all there.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    TestRepository repository(now);
    repository.publish(now, [](RepositoryWriter& writer) {
        QVERIFY(writer.addTarget(u"beta"_s, u"demo/1.1.0-beta.1/manifest.json"_s, "b"_ba, {}));
        QVERIFY(writer.addTarget(u"nightly"_s, u"demo/1.2.0-nightly.20260601/manifest.json"_s, "n"_ba, {}));
    });
    repository.resign(u"nightly"_s, {}, u"beta"_s);
    QTemporaryDir client;
    const QString state = client.filePath(u"trusted.json"_s);
    UPKEEP_VERIFY_OK(RepositoryClient::trustRoot(state, repository.initialRoot()));
    RepositoryClient repositoryClient({std::make_shared<DirectorySource>(repository.path())}, state);
    repositoryClient.setRequiredRoles(
        [](const TrustedSet& trusted, const QString& role) { return Channels(trusted).isFollowed(role, u"beta"_s); });
    UPKEEP_VERIFY_OK(repositoryClient.refresh(now));
    const TrustedSet& trusted = **repositoryClient.trusted();
    QVERIFY(trusted.targets(u"nightly"_s) == nullptr);

    const Channels channels(trusted);
    QCOMPARE(channels.names(), (QStringList{u"stable"_s, u"beta"_s, u"nightly"_s}));
    auto releases = ReleaseSelector::releases(trusted, u"beta"_s, u"demo"_s);
    UPKEEP_VERIFY_OK(releases);
    QCOMPARE(releases->size(), size_t(2));
    QCOMPARE(releases->front().version.toString(), u"1.1.0-beta.1"_s);
    auto manifest = repositoryClient.fetchTarget(u"demo/1.1.0-beta.1/manifest.json"_s);
    UPKEEP_VERIFY_OK(manifest);
    QCOMPARE(*manifest, "b"_ba);

    // Switched to nightly without checking again: not stable and beta passed off as nightly.
    auto nightly = channels.visibleTargets(u"nightly"_s);
    UPKEEP_VERIFY_ERROR(nightly, Error::Code::NotFound);
    QCOMPARE(
        nightly.error().message, u"The releases of channel \"nightly\" are not known yet; check for updates again."_s);
}

QTEST_GUILESS_MAIN(TestChannels)
#include "tst_channels.moc"
