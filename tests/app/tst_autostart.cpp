// Start at login, in temporary XDG config folders: the entry's Exec line starts the program the
// way that survives (`upkeep` for a package's binary on PATH, ~/.local/bin/upkeep for a per-user
// install, ROOT/current/... for an installation's binary off PATH, quoted where the path needs it);
// turning it on and off writes and removes the user's entry, or, where the package installs one,
// hides it with Hidden=true and takes that away again; and the settings dialog shows what the
// autostart folders say when it opens, and changes it with OK.

#include "autostart.h"
#include "desktopsession.h"
#include "support/clicks.h"
#include "support/testfiles.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QByteArray kPackageEntry = "[Desktop Entry]\nType=Application\nName=Upkeep\nExec=upkeep --tray\n"
                                 "Icon=upkeep\nNoDisplay=true\nX-GNOME-Autostart-enabled=true\n";

// The keys of the [Desktop Entry] group of `path`.
QMap<QString, QString> entryKeys(const QString& path)
{
    QMap<QString, QString> keys;
    const QStringList lines = QString::fromUtf8(readTestFile(path)).split(u'\n');
    for (const QString& line : lines) {
        if (line.contains(u'='))
            keys.insert(line.section(u'=', 0, 0), line.section(u'=', 1));
    }
    return keys;
}

void makeExecutable(const QString& path)
{
    writeTestFile(path, "#!/bin/sh\n", true);
}

} // namespace

class TestAutostart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void command_data();
    void command();
    void onAndOff_data();
    void onAndOff();
    void settingsDialogShowsWhatIsOnDisk();

private:
    [[nodiscard]] QString path(const QString& name) const { return m_dir->filePath(name); }
    [[nodiscard]] QString userEntry() const { return path(u"home/.config/autostart/upkeep.desktop"_s); }
    [[nodiscard]] QString packageEntry() const { return path(u"etc/xdg/autostart/upkeep.desktop"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_path;
};

void TestAutostart::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = qgetenv("PATH");
    qputenv("HOME", path(u"home"_s).toUtf8());
    qputenv("XDG_CONFIG_HOME", path(u"home/.config"_s).toUtf8());
    qputenv("XDG_CONFIG_DIRS", (path(u"nothing"_s) + u':' + path(u"etc/xdg"_s)).toUtf8());
    QCOMPARE(Autostart::userEntry(), userEntry());
}

void TestAutostart::cleanup()
{
    qputenv("PATH", m_path);
}

void TestAutostart::command_data()
{
    QTest::addColumn<QStringList>("executables"); // made, relative to the temporary folder
    QTest::addColumn<QString>("link");            // home/.local/bin/upkeep to this, when given
    QTest::addColumn<QString>("pathEntry");       // PATH, relative to the temporary folder
    QTest::addColumn<QString>("program");         // the running binary
    QTest::addColumn<QString>("exec");            // with {} for the temporary folder

    const QString installed = u"home/.local/share/upkeep/versions/1.2.0/bin/upkeep"_s;
    QTest::newRow("a package's binary on PATH")
        << QStringList{u"usr/bin/upkeep"_s} << QString() << u"usr/bin"_s << u"usr/bin/upkeep"_s << u"upkeep --tray"_s;
    QTest::newRow("a per-user install through ~/.local/bin")
        << QStringList{installed} << u"../share/upkeep/current/bin/upkeep"_s << u"home/.local/bin"_s << installed
        << u"{}/home/.local/bin/upkeep --tray"_s;
    QTest::newRow("a per-user install off PATH") << QStringList{installed} << QString() << u"usr/bin"_s << installed
                                                 << u"{}/home/.local/share/upkeep/current/bin/upkeep --tray"_s;
    QTest::newRow("a build folder, another upkeep on PATH")
        << QStringList{u"usr/bin/upkeep"_s, u"src/build/app/upkeep"_s} << QString() << u"usr/bin"_s
        << u"src/build/app/upkeep"_s << u"{}/src/build/app/upkeep --tray"_s;
    QTest::newRow("a path to quote") << QStringList{u"my $build 100%/upkeep"_s} << QString() << u"usr/bin"_s
                                     << u"my $build 100%/upkeep"_s << u"\"{}/my \\\\$build 100%%/upkeep\" --tray"_s;
}

void TestAutostart::command()
{
    QFETCH(QStringList, executables);
    QFETCH(QString, link);
    QFETCH(QString, pathEntry);
    QFETCH(QString, program);
    QFETCH(QString, exec);

    for (const QString& executable : executables)
        makeExecutable(path(executable));
    // The layout of an installation: ROOT/current -> versions/V, ROOT/.upkeep.
    QVERIFY(QDir().mkpath(path(u"home/.local/share/upkeep/.upkeep"_s)));
    QVERIFY(QFile::link(u"versions/1.2.0"_s, path(u"home/.local/share/upkeep/current"_s)));
    if (!link.isEmpty()) {
        QVERIFY(QDir().mkpath(path(u"home/.local/bin"_s)));
        QVERIFY(QFile::link(link, path(u"home/.local/bin/upkeep"_s)));
    }
    qputenv("PATH", path(pathEntry).toUtf8());
    QCOMPARE(Autostart(path(program)).command(), QString(exec).replace(u"{}"_s, m_dir->path()));
}

void TestAutostart::onAndOff_data()
{
    QTest::addColumn<QByteArray>("package"); // the package's entry; none when empty
    QTest::addColumn<QByteArray>("user");    // the user's entry before; none when empty
    QTest::addColumn<bool>("before");

    QTest::newRow("no entry") << QByteArray() << QByteArray() << false;
    QTest::newRow("the package's entry") << kPackageEntry << QByteArray() << true;
    QTest::newRow("the package's entry, hidden by the user")
        << kPackageEntry << QByteArray("[Desktop Entry]\nType=Application\nName=Upkeep\nHidden=true\n") << false;
    QTest::newRow("turned off in GNOME's settings")
        << QByteArray()
        << QByteArray("[Desktop Entry]\nType=Application\nName=Upkeep\n"
                      "Exec=upkeep --tray\nX-GNOME-Autostart-enabled=false\n")
        << false;
}

void TestAutostart::onAndOff()
{
    QFETCH(QByteArray, package);
    QFETCH(QByteArray, user);
    QFETCH(bool, before);

    if (!package.isEmpty())
        writeTestFile(packageEntry(), package);
    if (!user.isEmpty())
        writeTestFile(userEntry(), user);
    qputenv("PATH", path(u"usr/bin"_s).toUtf8());
    makeExecutable(path(u"usr/bin/upkeep"_s));
    const Autostart autostart(path(u"usr/bin/upkeep"_s));
    QCOMPARE(autostart.isEnabled(), before);

    QVERIFY(autostart.setEnabled(true).has_value());
    QVERIFY(autostart.isEnabled());
    if (package.isEmpty()) {
        const auto keys = entryKeys(userEntry());
        QCOMPARE(keys.value(u"Exec"_s), u"upkeep --tray"_s);
        QCOMPARE(keys.value(u"Type"_s), u"Application"_s);
        QVERIFY(!keys.contains(u"Hidden"_s));
        QCOMPARE(keys.value(u"X-GNOME-Autostart-enabled"_s), u"true"_s);
    } else {
        QVERIFY(!QFile::exists(userEntry())); // the package's entry applies
    }

    QVERIFY(autostart.setEnabled(false).has_value());
    QVERIFY(!autostart.isEnabled());
    if (package.isEmpty()) {
        QVERIFY(!QFile::exists(userEntry()));
    } else {
        QCOMPARE(entryKeys(userEntry()).value(u"Hidden"_s), u"true"_s);
        QCOMPARE(readTestFile(packageEntry()), package);
    }
}

void TestAutostart::settingsDialogShowsWhatIsOnDisk()
{
    qputenv("PATH", path(u"usr/bin"_s).toUtf8());
    DesktopSession::Options options;
    options.settingsFile = path(u"upkeep.conf"_s);
    options.registryFile = path(u"installations.json"_s);
    options.automaticChecks = false;
    DesktopSession session(options);
    session.showSettings();
    QCheckBox* box = session.settingsDialog()->startAtLoginBox();
    QVERIFY(QTest::qWaitForWindowExposed(session.settingsDialog()));
    QVERIFY(!box->isChecked());

    toggle(box);
    QTest::mouseClick(session.settingsDialog()->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(session.settings()->preferences().startAtLogin);
    // The test binary is not on PATH: the entry names it.
    QCOMPARE(entryKeys(userEntry()).value(u"Exec"_s), QCoreApplication::applicationFilePath() + u" --tray"_s);

    // Turned off elsewhere (the desktop's own settings) while Upkeep runs: the dialog says so.
    QVERIFY(QFile::remove(userEntry()));
    session.showSettings();
    QVERIFY(!box->isChecked());
    // And a package's entry shows as on.
    writeTestFile(packageEntry(), kPackageEntry);
    session.showSettings();
    QVERIFY(box->isChecked());
    toggle(box);
    QTest::mouseClick(session.settingsDialog()->buttons()->button(QDialogButtonBox::Apply), Qt::LeftButton);
    QCOMPARE(entryKeys(userEntry()).value(u"Hidden"_s), u"true"_s);
    QVERIFY(!session.settings()->preferences().startAtLogin);
}

QTEST_MAIN(TestAutostart)
#include "tst_autostart.moc"
