// `upkeep add --auth` and `--client-cert` against a private repository on real nginx over TLS
// (server/nginx/upkeep-private-*.conf), on a private session bus where no secret store answers:
// the password is asked once without echo, kept in the 0600 file, used by later commands and
// never written to config.json, history, logs or --json output; a wrong one is refused in a
// sentence after a request or two, and `upkeep login` or the window's Sign in gives it again
// (the window also takes a password `upkeep login` gave while it ran). QtKeychain against a real
// secret store is not tested here: Debian's gnome-keyring needs a desktop session to unlock.

#include "scheduler.h"
#include "settings.h"
#include "support/localnginx.h"
#include "support/testfiles.h"
#include "support/testprogram.h"
#include "support/testrepository.h"
#include "support/throwawaytls.h"
#include "updatecontroller.h"

#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kServerDir = QStringLiteral(UPKEEP_SERVER_DIR);
const QString kPassword = u"correct horse"_s;

} // namespace

class TestPrivateInstall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void addAsksThePasswordOnceAndKeepsIt();
    void wrongPasswordIsOneSentence();
    void loginGivesThePasswordAgain();
    void windowSignsInAgain();
    void clientCertificate();
    void readableKeyIsRefused();

private:
    ProgramRun upkeep(const QStringList& arguments, const QStringList& environment = {},
        const QList<TestProgram::Exchange>& dialogue = {});
    QStringList addArguments(const QString& url, const QString& dir) const;
    // What nginx logged of the password server's requests so far.
    QStringList requests() const;
    // Fails the test when the password, in clear or as sent, is in `text`.
    static void verifyNoSecret(const QString& text, const char* where);

    QTemporaryDir m_dir;
    std::unique_ptr<TestRepository> m_repository;
    LocalNginx m_passwordServer{m_dir.filePath(u"password"_s)};
    LocalNginx m_certificateServer{m_dir.filePath(u"certificate"_s)};
    QString m_passwordUrl;
    QString m_certificateUrl;
};

void TestPrivateInstall::initTestCase()
{
    QVERIFY2(!LocalNginx::program().isEmpty() && ThrowawayTls::available(),
        "nginx and openssl are installed by scripts/setup");
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "runs on a private session bus");
    m_repository = std::make_unique<TestRepository>(QDateTime::currentDateTimeUtc());
    const QString source = m_dir.filePath(u"source"_s);
    writeTestFile(source + u"/bin/app"_s, "#!/bin/sh\necho private\n", true);
    ReleasePublisher::Options options;
    options.app = u"internal"_s;
    options.version = u"1.0.0"_s;
    options.channel = u"stable"_s;
    options.source = source;
    m_repository->publishRelease(options);
    writeTestFile(m_dir.filePath(u"root.json"_s), m_repository->initialRoot());

    ThrowawayTls tls(m_dir.path());
    QVERIFY(tls.selfSigned(u"ca"_s));
    QVERIFY(tls.selfSigned(u"client-ca"_s));
    QVERIFY(tls.server(u"server"_s, u"ca"_s));
    QVERIFY(tls.client(u"client"_s, u"client-ca"_s));
    writeTestFile(m_dir.filePath(u"upkeep-users"_s), tls.passwordLine(u"alice"_s, kPassword));

    for (const QString& name :
        {u"upkeep-repository.conf"_s, u"upkeep-private-password.conf"_s, u"upkeep-private-certificate.conf"_s}) {
        QByteArray text = readTestFile(kServerDir + u"/nginx/"_s + name);
        text.replace("/etc/nginx/", m_dir.path().toUtf8() + '/');
        text.replace("/var/log/nginx/", m_dir.path().toUtf8() + '/');
        writeTestFile(m_dir.filePath(name), text);
    }
    // The whole server is private, as the server README shows; nginx logs what it was sent.
    const QString server = uR"(  include %1/nginx/upkeep-http.conf;
  log_format credentials '$request_uri $status "$http_authorization"';
  access_log %2/access.log credentials;
  server {
    listen 127.0.0.1:%3 ssl;
    ssl_certificate %4/server.pem; ssl_certificate_key %4/server.key;
    ssl_client_certificate %4/client-ca.pem; ssl_verify_client optional_no_ca;
    root %5;
    include %4/upkeep-repository.conf;
    include %4/%6;
  }
)"_s;
    m_passwordUrl = u"https://127.0.0.1:%1"_s.arg(m_passwordServer.port());
    m_certificateUrl = u"https://127.0.0.1:%1"_s.arg(m_certificateServer.port());
    QVERIFY2(m_passwordServer.start(
                 server.arg(kServerDir, m_dir.filePath(u"password"_s), QString::number(m_passwordServer.port()),
                     m_dir.path(), m_repository->path(), u"upkeep-private-password.conf"_s)),
        m_passwordServer.errorLog().constData());
    QVERIFY2(m_certificateServer.start(
                 server.arg(kServerDir, m_dir.filePath(u"certificate"_s), QString::number(m_certificateServer.port()),
                     m_dir.path(), m_repository->path(), u"upkeep-private-certificate.conf"_s)),
        m_certificateServer.errorLog().constData());
}

ProgramRun TestPrivateInstall::upkeep(
    const QStringList& arguments, const QStringList& environment, const QList<TestProgram::Exchange>& dialogue)
{
    // Every log category on, to see that none of them says the password.
    return TestProgram(QStringLiteral(UPKEEP_BINARY),
        {.configHome = m_dir.filePath(u"config"_s),
            .environment = QStringList{u"SSL_CERT_FILE="_s + m_dir.filePath(u"no-such-bundle.pem"_s),
                               u"QT_LOGGING_RULES=upkeep.*=true"_s}
                + environment})
        .run(arguments, dialogue);
}

QStringList TestPrivateInstall::addArguments(const QString& url, const QString& dir) const
{
    return {u"add"_s, u"--repo"_s, url, u"--ca"_s, m_dir.filePath(u"ca.pem"_s), u"--trust"_s,
        m_dir.filePath(u"root.json"_s), u"--app"_s, u"internal"_s, u"--channel"_s, u"stable"_s, u"--dir"_s, dir};
}

QStringList TestPrivateInstall::requests() const
{
    QTest::qWait(100); // nginx logs after it answered
    return QString::fromUtf8(readTestFile(m_dir.filePath(u"password/access.log"_s))).split(u'\n', Qt::SkipEmptyParts);
}

void TestPrivateInstall::verifyNoSecret(const QString& text, const char* where)
{
    const QByteArray basic = (u"alice:"_s + kPassword).toUtf8().toBase64();
    QVERIFY2(!text.contains(kPassword) && !text.contains(QString::fromLatin1(basic)),
        qPrintable(QString::fromLatin1(where) + u": "_s + text));
}

void TestPrivateInstall::addAsksThePasswordOnceAndKeepsIt()
{
    const QString dir = m_dir.filePath(u"typed"_s);
    const ProgramRun added = upkeep(addArguments(m_passwordUrl, dir) + QStringList{u"--auth"_s, u"alice"_s}, {},
        {{u"Password for alice at %1: "_s.arg(m_passwordUrl), kPassword.toUtf8() + '\n'}});
    UPKEEP_EXPECT_EXIT(added, 0);
    QVERIFY2(added.out.contains(u"internal 1.0.0 is installed"_s), qPrintable(added.describe()));
    const QString file = dir + u"/.upkeep/password"_s;
    QVERIFY2(added.out.contains(u"No secret store answered, so the password for alice is kept in %1"_s.arg(file)),
        qPrintable(added.describe()));
    QCOMPARE(QFile::permissions(file), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    QCOMPARE(QString::fromUtf8(readTestFile(file)), kPassword);
    verifyNoSecret(added.out + added.err, "add's output and logs");

    const QString config = QString::fromUtf8(readTestFile(dir + u"/.upkeep/config.json"_s));
    QVERIFY2(config.contains(u"\"auth_user\": \"alice\""_s)
            && config.contains(u"\"auth_origin\": \"%1\""_s.arg(m_passwordUrl)),
        qPrintable(config));
    verifyNoSecret(config, "config.json");

    // Later commands take it from where it was kept, and ask nothing.
    const ProgramRun checked = upkeep({u"check"_s, u"--dir"_s, dir});
    UPKEEP_EXPECT_EXIT(checked, 0);
    verifyNoSecret(checked.out + checked.err, "check's output and logs");
    const ProgramRun json = upkeep({u"check"_s, u"--json"_s, u"--dir"_s, dir});
    UPKEEP_EXPECT_EXIT(json, 0);
    verifyNoSecret(json.out, "check --json");
    const ProgramRun history = upkeep({u"history"_s, u"--json"_s, u"--dir"_s, dir});
    verifyNoSecret(history.out, "history --json");
    verifyNoSecret(QString::fromUtf8(readTestFile(dir + u"/.upkeep/history.jsonl"_s)), "history.jsonl");
}

void TestPrivateInstall::wrongPasswordIsOneSentence()
{
    const QString dir = m_dir.filePath(u"wrong"_s);
    const qsizetype before = requests().size();
    const ProgramRun added
        = upkeep(addArguments(m_passwordUrl, dir) + QStringList{u"--auth"_s, u"alice"_s, u"--json"_s},
            {u"UPKEEP_PASSWORD=not the password"_s});
    UPKEEP_EXPECT_EXIT(added, 1);
    QVERIFY2(added.err.contains(
                 u"%1 refused the user name or password (HTTP 401). Nothing was installed"_s.arg(m_passwordUrl)),
        qPrintable(added.describe()));
    QVERIFY(!QFileInfo::exists(dir));
    QVERIFY2(!added.err.contains(u"not the password"_s), qPrintable(added.err));
    // No retry storm: the refusal is final for the mirror.
    const QStringList asked = requests().mid(before);
    QVERIFY2(!asked.isEmpty() && asked.size() <= 2, qPrintable(asked.join(u'\n')));
    for (const QString& line : asked)
        QVERIFY2(line.contains(u" 401 "_s), qPrintable(line));
}

void TestPrivateInstall::loginGivesThePasswordAgain()
{
    const QString dir = m_dir.filePath(u"relogin"_s);
    UPKEEP_EXPECT_EXIT(upkeep(addArguments(m_passwordUrl, dir) + QStringList{u"--auth"_s, u"alice"_s},
                           {u"UPKEEP_PASSWORD="_s + kPassword}),
        0);
    // The password changed on the server's side, say: what is kept no longer opens it.
    writeTestFile(dir + u"/.upkeep/password"_s, "an old password");
    const ProgramRun refused = upkeep({u"check"_s, u"--dir"_s, dir});
    UPKEEP_EXPECT_EXIT(refused, 1);
    QVERIFY2(refused.err.contains(u"refused the user name or password (HTTP 401). Give the password again with "
                                  "\"upkeep login --dir %1\"."_s.arg(dir)),
        qPrintable(refused.describe()));

    const ProgramRun wrong = upkeep({u"login"_s, u"--dir"_s, dir}, {u"UPKEEP_PASSWORD=still wrong"_s});
    UPKEEP_EXPECT_EXIT(wrong, 1);
    QVERIFY2(wrong.err.contains(u"The password was not kept."_s), qPrintable(wrong.describe()));
    QCOMPARE(readTestFile(dir + u"/.upkeep/password"_s), "an old password"_ba);

    const ProgramRun login = upkeep({u"login"_s, u"--dir"_s, dir}, {},
        {{u"Password for alice at %1: "_s.arg(m_passwordUrl), kPassword.toUtf8() + '\n'}});
    UPKEEP_EXPECT_EXIT(login, 0);
    verifyNoSecret(login.out + login.err, "login's output and logs");
    UPKEEP_EXPECT_EXIT(upkeep({u"check"_s, u"--dir"_s, dir}), 0);

    // Removing the installation forgets the password.
    UPKEEP_EXPECT_EXIT(upkeep({u"remove"_s, u"--dir"_s, dir, u"--yes"_s}), 0);
    QVERIFY(!QFileInfo::exists(dir + u"/.upkeep/password"_s));
}

void TestPrivateInstall::windowSignsInAgain()
{
    const QString dir = m_dir.filePath(u"window"_s);
    UPKEEP_EXPECT_EXIT(upkeep(addArguments(m_passwordUrl, dir) + QStringList{u"--auth"_s, u"alice"_s},
                           {u"UPKEEP_PASSWORD="_s + kPassword}),
        0);
    const QString kept = dir + u"/.upkeep/password"_s;
    writeTestFile(kept, "an old password");
    Settings settings(m_dir.filePath(u"window.conf"_s));
    Scheduler scheduler(settings);
    UpdateController controller(scheduler);
    controller.setFolders({dir});
    const ApplicationModel& rows = *controller.applications();
    auto role = [&](ApplicationModel::Role which) { return rows.data(rows.indexOf(dir), which); };
    auto checked = [&](const std::function<void()>& ask) {
        QTRY_VERIFY_WITH_TIMEOUT(!controller.isBusy(), 10000);
        ask();
        QTRY_VERIFY_WITH_TIMEOUT(!controller.isBusy(), 10000);
    };

    checked([&] { controller.check(dir); });
    QCOMPARE(
        role(ApplicationModel::StatusRole).value<ApplicationModel::Status>(), ApplicationModel::Status::CheckFailed);
    QCOMPARE(role(ApplicationModel::SignInRole).toString(), u"alice"_s);
    verifyNoSecret(role(ApplicationModel::MessageRole).toString() + role(ApplicationModel::DetailsRole).toString(),
        "the failed check's sentences");

    // A wrong password is refused with the same sentence and not kept.
    checked([&] { controller.signIn(dir, u"still wrong"_s); });
    QCOMPARE(role(ApplicationModel::SignInRole).toString(), u"alice"_s);
    QCOMPARE(readTestFile(kept), "an old password"_ba);

    checked([&] { controller.signIn(dir, kPassword); });
    QCOMPARE(role(ApplicationModel::StatusRole).value<ApplicationModel::Status>(), ApplicationModel::Status::UpToDate);
    QCOMPARE(role(ApplicationModel::SignInRole).toString(), QString());
    QCOMPARE(QString::fromUtf8(readTestFile(kept)), kPassword);

    // The password changes on the server while the window runs, and is given in a terminal: Try
    // again takes the new one from the store.
    const QString users = m_dir.filePath(u"upkeep-users"_s);
    const QByteArray before = readTestFile(users);
    const QString changed = u"battery staple"_s;
    writeTestFile(users, ThrowawayTls(m_dir.path()).passwordLine(u"alice"_s, changed));
    const auto restore = qScopeGuard([&] { writeTestFile(users, before); });
    checked([&] { controller.check(dir); });
    QCOMPARE(role(ApplicationModel::SignInRole).toString(), u"alice"_s);
    UPKEEP_EXPECT_EXIT(upkeep({u"login"_s, u"--dir"_s, dir}, {u"UPKEEP_PASSWORD="_s + changed}), 0);
    checked([&] { controller.check(dir); });
    QCOMPARE(role(ApplicationModel::StatusRole).value<ApplicationModel::Status>(), ApplicationModel::Status::UpToDate);
}

void TestPrivateInstall::clientCertificate()
{
    const QString without = m_dir.filePath(u"no-certificate"_s);
    const ProgramRun refused = upkeep(addArguments(m_certificateUrl, without));
    UPKEEP_EXPECT_EXIT(refused, 1);
    QVERIFY2(
        refused.err.contains(u"%1 refused access (HTTP 403)"_s.arg(m_certificateUrl)), qPrintable(refused.describe()));

    const QString dir = m_dir.filePath(u"certificate-install"_s);
    const ProgramRun added = upkeep(addArguments(m_certificateUrl, dir)
        + QStringList{
            u"--client-cert"_s, m_dir.filePath(u"client.pem"_s), u"--client-key"_s, m_dir.filePath(u"client.key"_s)});
    UPKEEP_EXPECT_EXIT(added, 0);
    const QString config = QString::fromUtf8(readTestFile(dir + u"/.upkeep/config.json"_s));
    QVERIFY2(config.contains(u"\"client_cert\": \"%1\""_s.arg(m_dir.filePath(u"client.pem"_s)))
            && config.contains(u"\"client_key\": \"%1\""_s.arg(m_dir.filePath(u"client.key"_s))),
        qPrintable(config));
    QVERIFY(!QFileInfo::exists(dir + u"/.upkeep/password"_s));
    UPKEEP_EXPECT_EXIT(upkeep({u"check"_s, u"--dir"_s, dir}), 0);
}

void TestPrivateInstall::readableKeyIsRefused()
{
    const QString key = m_dir.filePath(u"shared.key"_s);
    QVERIFY(QFile::copy(m_dir.filePath(u"client.key"_s), key));
    QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    const QString dir = m_dir.filePath(u"shared-key"_s);
    const ProgramRun added = upkeep(addArguments(m_certificateUrl, dir)
        + QStringList{u"--client-cert"_s, m_dir.filePath(u"client.pem"_s), u"--client-key"_s, key});
    UPKEEP_EXPECT_EXIT(added, 2); // misuse: nothing was asked of the server
    QVERIFY2(added.err.contains(
                 u"The client key %1 may be read by other users; make it private first (chmod 600 %1)."_s.arg(key)),
        qPrintable(added.describe()));
    QVERIFY(!QFileInfo::exists(dir));
}

QTEST_GUILESS_MAIN(TestPrivateInstall)
#include "tst_privateinstall.moc"
