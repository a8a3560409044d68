// The applications model: rows keyed by folder and sorted by name, updates that announce only
// the roles that moved, progress that touches one row and only its changed progress roles, and
// a status text for every state. Every test runs under QAbstractItemModelTester.

#include "applicationmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ApplicationModel::Entry entry(const QString& name, const QString& folder)
{
    ApplicationModel::Entry e;
    e.folder = folder;
    e.name = name;
    e.installed = u"1.0.0"_s;
    e.channel = u"stable"_s;
    e.status = ApplicationModel::Status::UpToDate;
    return e;
}

QList<int> rolesOf(const QSignalSpy& spy, int call)
{
    return spy.at(call).at(2).value<QList<int>>();
}

} // namespace

class TestApplicationModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void rowsAreSortedByName();
    void roleNamesStartAfterUserRole();
    void entryChangesAnnounceOnlyTheirRoles_data();
    void entryChangesAnnounceOnlyTheirRoles();
    void progressIsNarrow();
    void progressEndsCleanly();
    void pauseTouchesOneRole();
    void removingARow();
    void statusText_data();
    void statusText();
    void heldStatusText_data();
    void heldStatusText();

private:
    std::unique_ptr<ApplicationModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestApplicationModel::init()
{
    m_model = std::make_unique<ApplicationModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestApplicationModel::rowsAreSortedByName()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->setEntry(entry(u"Viewer"_s, u"/a"_s));
    m_model->setEntry(entry(u"Atlas"_s, u"/b"_s));
    m_model->setEntry(entry(u"Mailer"_s, u"/c"_s));
    QCOMPARE(inserted.size(), 3);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->index(0).data().toString(), u"Atlas"_s);
    QCOMPARE(m_model->index(1).data().toString(), u"Mailer"_s);
    QCOMPARE(m_model->index(2).data().toString(), u"Viewer"_s);
    QCOMPARE(m_model->indexOf(u"/c"_s).row(), 1);
    QVERIFY(!m_model->indexOf(u"/nowhere"_s).isValid());
    QCOMPARE(m_model->folders(), (QStringList{u"/b"_s, u"/c"_s, u"/a"_s}));
}

void TestApplicationModel::roleNamesStartAfterUserRole()
{
    QCOMPARE(int(ApplicationModel::FolderRole), Qt::UserRole + 1);
    const auto names = m_model->roleNames();
    QCOMPARE(names.value(ApplicationModel::AvailableRole), "available"_ba);
    QCOMPARE(names.value(ApplicationModel::DoneRole), "done"_ba);
    QCOMPARE(names.value(Qt::DisplayRole), "display"_ba);
}

void TestApplicationModel::entryChangesAnnounceOnlyTheirRoles_data()
{
    QTest::addColumn<std::function<void(ApplicationModel::Entry&)>>("change");
    QTest::addColumn<QList<int>>("roles");
    using E = ApplicationModel::Entry;
    QTest::newRow("installed version") << std::function<void(E&)>([](E& e) { e.installed = u"1.1.0"_s; })
                                       << QList<int>{ApplicationModel::InstalledRole};
    QTest::newRow("channel") << std::function<void(E&)>([](E& e) { e.channel = u"beta"_s; })
                             << QList<int>{ApplicationModel::ChannelRole};
    QTest::newRow("offer appears") << std::function<void(E&)>([](E& e) {
        e.available = u"1.2.0"_s;
        e.status = ApplicationModel::Status::UpdateAvailable;
        e.downloadBytes = 12;
    })
                                   << QList<int>{ApplicationModel::AvailableRole, ApplicationModel::StatusRole,
                                          ApplicationModel::DownloadBytesRole, Qt::ToolTipRole,
                                          ApplicationModel::StatusTextRole};
    QTest::newRow("message of a problem") << std::function<void(E&)>([](E& e) {
        e.status = ApplicationModel::Status::Problem;
        e.message = u"The repository cannot be reached."_s;
    })
                                          << QList<int>{ApplicationModel::StatusRole, ApplicationModel::MessageRole,
                                                 Qt::ToolTipRole, ApplicationModel::StatusTextRole};
    QTest::newRow("repository without an identity")
        << std::function<void(E&)>([](E& e) { e.identity = ApplicationModel::Identity::None; })
        << QList<int>{ApplicationModel::IdentityRole};
    QTest::newRow("verified publisher") << std::function<void(E&)>([](E& e) {
        e.identity = ApplicationModel::Identity::Named;
        e.publisher = u"Example GmbH"_s;
        SignerFacts signer;
        signer.publisher = u"Example GmbH"_s;
        signer.serial = u"3F9A"_s;
        e.signer = signer;
    }) << QList<int>{ApplicationModel::IdentityRole, ApplicationModel::PublisherRole, ApplicationModel::SignerRole};
    QTest::newRow("password refused") << std::function<void(E&)>([](E& e) {
        e.status = ApplicationModel::Status::CheckFailed;
        e.signInUser = u"ada"_s;
    })
                                      << QList<int>{ApplicationModel::StatusRole, ApplicationModel::StatusTextRole,
                                             Qt::ToolTipRole, ApplicationModel::SignInRole};
    QTest::newRow("nothing") << std::function<void(E&)>([](E&) {}) << QList<int>{};
}

void TestApplicationModel::entryChangesAnnounceOnlyTheirRoles()
{
    QFETCH(std::function<void(ApplicationModel::Entry&)>, change);
    QFETCH(QList<int>, roles);
    m_model->setEntry(entry(u"Atlas"_s, u"/b"_s));
    ApplicationModel::Entry e = entry(u"Viewer"_s, u"/a"_s);
    m_model->setEntry(e);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    change(e);
    m_model->setEntry(e);
    QCOMPARE(reset.size(), 0);
    if (roles.isEmpty()) {
        QCOMPARE(changed.size(), 0);
        return;
    }
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), m_model->indexOf(u"/a"_s));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), m_model->indexOf(u"/a"_s));
    QList<int> got = rolesOf(changed, 0);
    std::sort(got.begin(), got.end());
    std::sort(roles.begin(), roles.end());
    QCOMPARE(got, roles);
    QCOMPARE(*m_model->entry(u"/a"_s), e);
    const QModelIndex row = m_model->indexOf(u"/a"_s);
    QCOMPARE(row.data(ApplicationModel::IdentityRole).value<ApplicationModel::Identity>(), e.identity);
    QCOMPARE(row.data(ApplicationModel::SignerRole).isValid(), e.signer.has_value());
    if (e.signer)
        QCOMPARE(row.data(ApplicationModel::SignerRole).value<SignerFacts>(), *e.signer);
}

void TestApplicationModel::progressIsNarrow()
{
    m_model->setEntry(entry(u"Atlas"_s, u"/b"_s));
    m_model->setEntry(entry(u"Viewer"_s, u"/a"_s));
    const QModelIndex viewer = m_model->indexOf(u"/a"_s);
    QVERIFY(!viewer.data(ApplicationModel::DoneRole).isValid());
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    InstallProgress progress;
    progress.total = 1000;
    progress.done = 100;
    m_model->setProgress(u"/a"_s, progress);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), viewer);

    progress.done = 400;
    progress.bytesPerSecond = 300;
    m_model->setProgress(u"/a"_s, progress);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(1).at(0).value<QModelIndex>(), viewer);
    QCOMPARE(changed.at(1).at(1).value<QModelIndex>(), viewer);
    QList<int> roles = rolesOf(changed, 1);
    std::sort(roles.begin(), roles.end());
    QCOMPARE(roles, (QList<int>{ApplicationModel::DoneRole, ApplicationModel::BytesPerSecondRole}));
    QCOMPARE(viewer.data(ApplicationModel::DoneRole).toLongLong(), 400);
    QCOMPARE(viewer.data(ApplicationModel::TotalRole).toLongLong(), 1000);

    progress.phase = InstallProgress::Phase::Verify;
    m_model->setProgress(u"/a"_s, progress);
    QCOMPARE(rolesOf(changed, 2), QList<int>{ApplicationModel::PhaseRole});
    // The same progress again says nothing.
    m_model->setProgress(u"/a"_s, progress);
    QCOMPARE(changed.size(), 3);
    // Another row's progress never touches this one.
    m_model->setProgress(u"/b"_s, progress);
    QCOMPARE(changed.last().at(0).value<QModelIndex>(), m_model->indexOf(u"/b"_s));
}

void TestApplicationModel::progressEndsCleanly()
{
    m_model->setEntry(entry(u"Viewer"_s, u"/a"_s));
    m_model->setProgress(u"/a"_s, InstallProgress{});
    m_model->setPaused(u"/a"_s, true);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setProgress(u"/a"_s, std::nullopt);
    QCOMPARE(changed.size(), 1);
    const auto roles = changed.at(0).at(2).value<QList<int>>();
    for (const int role : {ApplicationModel::PhaseRole, ApplicationModel::DoneRole, ApplicationModel::TotalRole,
             ApplicationModel::BytesPerSecondRole, ApplicationModel::SecondsLeftRole, ApplicationModel::PausedRole})
        QVERIFY2(roles.contains(role), qPrintable(QString::number(role)));
    QVERIFY(!m_model->indexOf(u"/a"_s).data(ApplicationModel::PhaseRole).isValid());
    QCOMPARE(m_model->indexOf(u"/a"_s).data(ApplicationModel::PausedRole).toBool(), false);
    m_model->setProgress(u"/a"_s, std::nullopt);
    QCOMPARE(changed.size(), 1);
    m_model->setProgress(u"/unknown"_s, InstallProgress{});
    QCOMPARE(changed.size(), 1);
}

void TestApplicationModel::pauseTouchesOneRole()
{
    m_model->setEntry(entry(u"Viewer"_s, u"/a"_s));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setPaused(u"/a"_s, true);
    m_model->setPaused(u"/a"_s, true);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(rolesOf(changed, 0), QList<int>{ApplicationModel::PausedRole});
}

void TestApplicationModel::removingARow()
{
    m_model->setEntry(entry(u"Viewer"_s, u"/a"_s));
    m_model->setEntry(entry(u"Atlas"_s, u"/b"_s));
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_model->removeEntry(u"/b"_s);
    m_model->removeEntry(u"/b"_s);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->entry(u"/b"_s), nullptr);
}

void TestApplicationModel::statusText_data()
{
    QTest::addColumn<ApplicationModel::Status>("status");
    QTest::addColumn<bool>("critical");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("download");
    using S = ApplicationModel::Status;
    QTest::newRow("up to date") << S::UpToDate << false << u"Up to date"_s << qint64(-1);
    QTest::newRow("update") << S::UpdateAvailable << false << u"Update available: 1.2.0"_s << qint64(-1);
    QTest::newRow("critical update") << S::UpdateAvailable << true << u"Critical update available: 1.2.0"_s
                                     << qint64(-1);
    QTest::newRow("updating") << S::Updating << false << u"Updating to 1.2.0"_s << qint64(-1);
    QTest::newRow("on quit") << S::Scheduled << false << u"1.2.0 installs when Upkeep quits"_s << qint64(-1);
    QTest::newRow("update, size known") << S::UpdateAvailable << false << u"Update available: 1.2.0"_s
                                        << qint64(12400000);
    QTest::newRow("ready to install") << S::UpdateAvailable << false << u"Ready to install: 1.2.0"_s << qint64(0);
    QTest::newRow("critical, ready to install")
        << S::UpdateAvailable << true << u"Critical update ready to install: 1.2.0"_s << qint64(0);
    QTest::newRow("downloading in the background")
        << S::Downloading << false << u"Downloading 1.2.0 in the background"_s << qint64(12400000);
    QTest::newRow("problem") << S::Problem << false << u"Disk full."_s << qint64(-1);
}

void TestApplicationModel::statusText()
{
    QFETCH(ApplicationModel::Status, status);
    QFETCH(bool, critical);
    QFETCH(QString, text);
    QFETCH(qint64, download);
    ApplicationModel::Entry e = entry(u"Viewer"_s, u"/a"_s);
    e.available = u"1.2.0"_s;
    e.downloadBytes = download;
    e.status = status;
    e.critical = critical;
    e.message = u"Disk full."_s;
    m_model->setEntry(e);
    QCOMPARE(m_model->index(0).data(ApplicationModel::StatusTextRole).toString(), text);
    QCOMPARE(m_model->index(0).data(ApplicationModel::StatusRole).value<ApplicationModel::Status>(), status);
}

void TestApplicationModel::heldStatusText_data()
{
    QTest::addColumn<ApplicationModel::Status>("status");
    QTest::addColumn<QString>("text");
    using S = ApplicationModel::Status;
    QTest::newRow("up to date") << S::UpToDate << u"Up to date; updates paused"_s;
    QTest::newRow("update") << S::UpdateAvailable << u"Updates paused: 1.2.0 is available"_s;
    QTest::newRow("postponed") << S::Postponed << u"Updates paused: 1.2.0 is available"_s;
    QTest::newRow("on quit") << S::Scheduled << u"Updates paused: 1.2.0 does not install when Upkeep quits"_s;
    // What runs or went wrong says so, held or not.
    QTest::newRow("checking") << S::Checking << u"Checking for updates…"_s;
    QTest::newRow("updating") << S::Updating << u"Updating to 1.2.0"_s;
    QTest::newRow("problem") << S::Problem << u"Disk full."_s;
}

void TestApplicationModel::heldStatusText()
{
    QFETCH(ApplicationModel::Status, status);
    QFETCH(QString, text);
    ApplicationModel::Entry e = entry(u"Viewer"_s, u"/a"_s);
    e.available = u"1.2.0"_s;
    e.status = status;
    e.message = u"Disk full."_s;
    e.held = true;
    m_model->setEntry(e);
    QCOMPARE(m_model->index(0).data(ApplicationModel::StatusTextRole).toString(), text);
    QVERIFY(m_model->index(0).data(ApplicationModel::HeldRole).toBool());
    // Resuming changes the held role and the text, and only what changed is announced.
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    e.held = false;
    m_model->setEntry(e);
    QCOMPARE(changed.size(), 1);
    const auto roles = changed.front().at(2).value<QList<int>>();
    QVERIFY(roles.contains(ApplicationModel::HeldRole));
    QVERIFY(!roles.contains(ApplicationModel::InstalledRole));
}

QTEST_GUILESS_MAIN(TestApplicationModel)
#include "tst_applicationmodel.moc"
