// A staged rollout that stops itself, end to end: a repository made with upkeep-publish, served by
// Debian's nginx with Upkeep's configuration (statistics on); installations, each with its own install
// id, update through it and ping their outcome as the desktop program does; a part of them fail the
// release's health check by design and roll back. upkeep-publish rollout over nginx's statistics log
// first advances the healthy rollout, then halts it, after which a new installation is not offered the
// release while one already on it keeps it.

#include "install/installation.h"
#include "net/httprequestpolicy.h"
#include "statisticsping.h"
#include "support/localnginx.h"
#include "support/servedrepository.h"
#include "support/testfiles.h"
#include "support/testprogram.h"
#include "support/verify.h"

#include <QDir>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kOld = u"1.0.0"_s;
const QString kNew = u"1.1.0"_s;
// Where an installation's folder marks it as one whose health check of 1.1.0 fails; the check runs in
// INSTALLATION/versions/1.1.0.
const QString kFailMark = u"fail-health-check"_s;

ProgramRun publish(const QStringList& arguments)
{
    return TestProgram(QString::fromUtf8(UPKEEP_PUBLISH)).run(arguments);
}

} // namespace

class TestStagedRollout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void advancesThenHalts();

private:
    // A new installation of `tool` on 1.0.0, or an error for the test to report.
    std::expected<Installation, Error> installOld();
    // Updates `installation` to 1.1.0 when it is offered it, and pings the outcome to nginx as the desktop
    // program does; whether it was offered.
    bool update(Installation& installation, bool failing);
    // The lines nginx wrote into the statistics log so far.
    [[nodiscard]] qsizetype pings() const;
    [[nodiscard]] ProgramRun rollout(const QStringList& arguments) const;

    QTemporaryDir m_dir;
    QString m_repository = m_dir.filePath(u"repo"_s);
    QString m_keys = m_dir.filePath(u"keys"_s);
    ServedRepository m_server{m_repository, m_dir.filePath(u"nginx"_s)};
    StatisticsPing m_ping;
    int m_installations = 0;
    qsizetype m_pinged = 0;
};

void TestStagedRollout::initTestCase()
{
    QVERIFY2(!LocalNginx::program().isEmpty(), "nginx is installed by scripts/setup");
    UPKEEP_EXPECT_EXIT(publish({u"init"_s, m_repository, u"--keys"_s, m_keys, u"--unencrypted-keys"_s}), 0);
    // The health check fails where the installation's folder has the mark.
    const QString source = m_dir.filePath(u"source"_s);
    writeTestFile(source + u"/bin/tool"_s, "#!/bin/sh\necho tool\n", true);
    writeTestFile(source + u"/bin/check"_s, "#!/bin/sh\ntest ! -e ../../" + kFailMark.toUtf8() + "\n", true);
    UPKEEP_EXPECT_EXIT(publish({u"release"_s, m_repository, u"--keys"_s, m_keys, u"--app"_s, u"tool"_s, u"--version"_s,
                           kOld, u"--channel"_s, u"stable"_s, u"--from"_s, source}),
        0);
    QVERIFY(QDir().mkpath(m_dir.filePath(u"nginx"_s)));
    QVERIFY2(m_server.start(), m_server.errorLog().constData());
}

std::expected<Installation, Error> TestStagedRollout::installOld()
{
    const QString folder = m_dir.filePath(u"installations/%1"_s.arg(m_installations++));
    auto installation = Installation::create(folder, {m_server.url() + u'/'},
        readTestFile(m_repository + u"/metadata/1.root.json"_s), u"tool"_s, u"stable"_s);
    if (!installation)
        return installation;
    if (auto refreshed = installation->refresh(); !refreshed)
        return std::unexpected(refreshed.error());
    auto offered = installation->offer();
    if (!offered)
        return std::unexpected(offered.error());
    if (!*offered || (*offered)->version.toString() != kOld)
        return std::unexpected(Error{Error::Code::Internal, u"a new installation is not offered 1.0.0."_s});
    auto installed = installation->install(**offered);
    if (!installed)
        return std::unexpected(installed.error());
    return installation;
}

bool TestStagedRollout::update(Installation& installation, bool failing)
{
    if (failing)
        writeTestFile(installation.layout().root() + u'/' + kFailMark, "");
    if (!installation.refresh())
        return false;
    auto offered = installation.offer();
    if (!offered || !*offered || (*offered)->version.toString() != kNew)
        return false;
    auto record = installation.install(**offered);
    if (!record)
        return false;
    QSignalSpy finished(&m_ping, &StatisticsPing::finished);
    if (!m_ping.send(installation.config(), std::make_shared<HttpRequestPolicy>(installation.config().caFile), *record)
        || !finished.wait(10000))
        return false;
    ++m_pinged;
    return finished.first().at(1).toBool();
}

qsizetype TestStagedRollout::pings() const
{
    return readTestFile(m_server.statisticsLog()).count('\n');
}

ProgramRun TestStagedRollout::rollout(const QStringList& arguments) const
{
    return publish(QStringList{u"rollout"_s, m_repository, u"--keys"_s, m_keys, u"--app"_s, u"tool"_s, u"--version"_s,
                       kNew, u"--channel"_s, u"stable"_s}
        + arguments);
}

void TestStagedRollout::advancesThenHalts()
{
    // 40 installations on 1.0.0, each with its own install id.
    std::vector<Installation> installations;
    installations.reserve(100); // pointers into it stay valid
    for (int i = 0; i < 40; ++i) {
        auto installation = installOld();
        UPKEEP_VERIFY_OK(installation);
        installations.push_back(std::move(*installation));
    }

    // 1.1.0 to half of them at first, then to all; halted above 10 % of at least 10 updates.
    UPKEEP_EXPECT_EXIT(publish({u"release"_s, m_repository, u"--keys"_s, m_keys, u"--app"_s, u"tool"_s, u"--version"_s,
                           kNew, u"--channel"_s, u"stable"_s, u"--from"_s, m_dir.filePath(u"source"_s),
                           u"--health-check"_s, u"bin/check"_s, u"--rollout"_s, u"50"_s}),
        0);
    QElapsedTimer planned;
    planned.start();
    UPKEEP_EXPECT_EXIT(rollout({u"--plan"_s, u"50,100"_s, u"--every"_s, u"1s"_s, u"--halt-above"_s, u"10%"_s,
                           u"--min-events"_s, u"10"_s}),
        0);

    // The first step: those its 50 % admits update, and their health checks pass; the others wait.
    std::vector<Installation*> waiting;
    std::vector<Installation*> onNew;
    for (Installation& installation : installations) {
        if (onNew.size() < 10 && update(installation, false))
            onNew.push_back(&installation);
        else
            waiting.push_back(&installation);
    }
    // Install ids are random: in the rare run where fewer than 10 of 40 fall into the 50 %, more installations.
    while (onNew.size() < 10 && installations.size() < installations.capacity()) {
        auto installation = installOld();
        UPKEEP_VERIFY_OK(installation);
        installations.push_back(std::move(*installation));
        if (update(installations.back(), false))
            onNew.push_back(&installations.back());
        else
            waiting.push_back(&installations.back());
    }
    QCOMPARE(onNew.size(), size_t(10));
    QTRY_COMPARE_WITH_TIMEOUT(pings(), m_pinged, 5000); // nginx logs a ping after answering it
    if (planned.elapsed() < 1100)
        QTest::qWait(int(1100 - planned.elapsed()));

    // cron's run: 10 healthy updates, the step's time over: on to 100 %.
    ProgramRun run = rollout({u"--log"_s, m_server.statisticsLog()});
    UPKEEP_EXPECT_EXIT(run, 0);
    QVERIFY2(run.out.contains(u"0 of 10 updates failed or were rolled back (0.0%, 95% interval 0.0%..27.8%), at or "
                              "below the limit of 10%: advanced from 50% to 100%.\n"_s),
        qPrintable(run.out));

    // Now all are offered 1.1.0; 12 more update, 6 of them failing the health check, rolled back to 1.0.0.
    int failed = 0;
    for (int i = 0; i < 12; ++i) {
        const bool failing = i % 2 == 0;
        if (failing) {
            QTest::ignoreMessage(
                QtWarningMsg, R"(health check of "1.1.0" failed: "The health check exited with code 1.")");
        }
        QVERIFY2(update(*waiting.at(size_t(i)), failing), "offered 1.1.0 at 100 %");
        const auto running = waiting.at(size_t(i))->running();
        QVERIFY(running);
        QCOMPARE(running->toString(), failing ? kOld : kNew);
        failed += failing ? 1 : 0;
    }
    QCOMPARE(failed, 6);
    QTRY_COMPARE_WITH_TIMEOUT(pings(), m_pinged, 5000);

    // cron's next run: 6 of 22 rolled back, above 10 %: halted, exit 3 for cron to mail.
    run = rollout({u"--log"_s, m_server.statisticsLog()});
    UPKEEP_EXPECT_EXIT(run, 3);
    QVERIFY2(run.out.contains(u"6 of 22 updates failed or were rolled back (27.3%, 95% interval 13.2%..48.2%), above "
                              "the limit of 10%: halted at 100%.\n"_s),
        qPrintable(run.out));

    // A new installation is not offered 1.1.0 (it gets 1.0.0), nor is one still on 1.0.0.
    auto fresh = installOld();
    UPKEEP_VERIFY_OK(fresh);
    UPKEEP_VERIFY_OK(fresh->refresh());
    auto offered = fresh->offer();
    UPKEEP_VERIFY_OK(offered);
    QVERIFY(!*offered); // 1.0.0 is installed, and 1.1.0 is offered to no one new
    Installation& stillOld = *waiting.back();
    UPKEEP_VERIFY_OK(stillOld.refresh());
    offered = stillOld.offer();
    UPKEEP_VERIFY_OK(offered);
    QVERIFY(!*offered);

    // One already on 1.1.0 keeps it: nothing is offered, nothing rolled back.
    Installation& kept = *onNew.front();
    UPKEEP_VERIFY_OK(kept.refresh());
    offered = kept.offer();
    UPKEEP_VERIFY_OK(offered);
    QVERIFY(!*offered);
    QCOMPARE(kept.running()->toString(), kNew);

    // Both decisions are in the publisher's rollout log, which nginx does not serve.
    const QString journal = QString::fromUtf8(readTestFile(m_repository + u"/.upkeep-publish/rollout.log"_s));
    QVERIFY2(journal.contains(u" tool 1.1.0 stable 0 of 10 updates"_s) && journal.contains(u"halted at 100%."_s),
        qPrintable(journal));
    QNetworkAccessManager network;
    QNetworkReply* reply = network.get(QNetworkRequest(QUrl(m_server.url() + u"/.upkeep-publish/rollout.log"_s)));
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    reply->deleteLater();
}

QTEST_GUILESS_MAIN(TestStagedRollout)
#include "tst_stagedrollout.moc"
