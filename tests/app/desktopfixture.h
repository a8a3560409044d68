#pragma once

// The desktop application against a real local repository: releases published with the
// publisher's own code (real manifests, objects, bundles and Markdown changelogs),
// installations made and installed by the engine and registered in a private registry, and
// DesktopSessions on a settings file of their own, with a clock the test moves.

#include "desktopsession.h"
#include "install/installation.h"
#include "publish/releasepublisher.h"
#include "registry.h"
#include "support/testfiles.h"
#include "support/testrepository.h"
#include "support/verify.h"

#include <QAbstractButton>
#include <QApplication>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

class DesktopFixture
{
public:
    // Background downloads start off, so that what a click downloads is what a test sees; a test
    // of them turns them on.
    DesktopFixture()
        : m_repository(QDateTime::currentDateTimeUtc())
    {
        changePreferences([](Preferences& p) { p.downloadInBackground = false; });
    }

    [[nodiscard]] QString path(const QString& name) const { return m_dir.filePath(name); }
    [[nodiscard]] QString registryFile() const { return path(QStringLiteral("installations.json")); }
    [[nodiscard]] QString settingsFile() const { return path(QStringLiteral("upkeep.conf")); }
    [[nodiscard]] TestRepository& repository() { return m_repository; }

    // Publishes `app` `version` on `channel` with release notes; `bigBytes` of incompressible
    // data from `seed` (the same in every version that uses the same seed, so that updates share
    // it and bundles carry it), and `extra` files by path.
    void publish(const QString& app, const QString& version, const QString& channel, const QString& notes,
        bool critical = false, qsizetype bigBytes = 300000, quint32 seed = 42,
        const std::map<QString, QByteArray>& extra = {})
    {
        const QString source = path(QStringLiteral("source-%1-%2").arg(app, version));
        writeTestFile(source + QStringLiteral("/bin/") + app, "#!/bin/sh\necho " + version.toUtf8() + "\n", true);
        writeTestFile(source + QStringLiteral("/bin/check"), "#!/bin/sh\nexit 0\n", true);
        QByteArray big(bigBytes, Qt::Uninitialized);
        QRandomGenerator generator(seed);
        generator.fillRange(reinterpret_cast<quint32*>(big.data()), big.size() / 4);
        writeTestFile(source + QStringLiteral("/share/big.dat"), big);
        for (const auto& [name, bytes] : extra)
            writeTestFile(source + u'/' + name, bytes);
        const QString notesFile = path(QStringLiteral("notes-%1-%2.md").arg(app, version));
        writeTestFile(notesFile, notes.toUtf8());
        m_repository.publish(QDateTime::currentDateTimeUtc(), [&](RepositoryWriter& writer) {
            ReleasePublisher::Options options;
            options.app = app;
            options.version = version;
            options.channel = channel;
            options.source = source;
            options.notesFile = notesFile;
            options.critical = critical;
            options.healthCheck = QStringLiteral("bin/check");
            options.healthCheckTimeout = 10;
            auto published = ReleasePublisher(m_repository.path(), writer).publish(options);
            QVERIFY2(published.has_value(), published.has_value() ? "" : qPrintable(published.error().message));
        });
    }

    // Makes an installation of `app` following `channel`, installs what it offers and registers
    // it. Its mirror is the repository's folder unless `mirrors` are given.
    QString install(
        const QString& app, const QString& channel = QStringLiteral("stable"), const QStringList& mirrors = {})
    {
        const QString folder = path(QStringLiteral("apps/") + app);
        auto installation = Installation::create(folder,
            mirrors.isEmpty() ? QStringList{QStringLiteral("file://") + m_repository.path()} : mirrors,
            m_repository.initialRoot(), app, channel);
        if (!installation)
            qFatal("DesktopFixture: %s", qPrintable(installation.error().message));
        if (auto refreshed = installation->refresh(); !refreshed)
            qFatal("DesktopFixture: %s", qPrintable(refreshed.error().message));
        auto offer = installation->offer();
        if (!offer || !*offer)
            qFatal("DesktopFixture: nothing to install of %s", qPrintable(app));
        if (auto record = installation->install(**offer); !record)
            qFatal("DesktopFixture: %s", qPrintable(record.error().message));
        if (auto added = Registry(registryFile()).add(folder); !added)
            qFatal("DesktopFixture: %s", qPrintable(added.error().message));
        return QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    }

    // Changes the saved preferences, as the settings dialog would before a session starts.
    void changePreferences(const std::function<void(Preferences&)>& change)
    {
        Settings settings(settingsFile());
        Preferences preferences = settings.preferences();
        change(preferences);
        settings.setPreferences(preferences);
    }

    // A session as `upkeep` starts it, without its own timer: tests tick the scheduler.
    std::unique_ptr<DesktopSession> session()
    {
        DesktopSession::Options options;
        options.settingsFile = settingsFile();
        options.registryFile = registryFile();
        options.clock = [this] { return now; };
        options.automaticChecks = false;
        return std::make_unique<DesktopSession>(options);
    }

    QDateTime now = QDateTime(QDate(2026, 3, 2), QTime(10, 0), Qt::UTC);

private:
    QTemporaryDir m_dir;
    TestRepository m_repository;
};

// Clicks the button `button` of the modal dialog `dialog` as soon as it is open.
inline void answerDialog(const QString& dialog, const QString& button)
{
    auto* timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, dialog, button] {
        QWidget* modal = QApplication::activeModalWidget();
        if (!modal || modal->objectName() != dialog)
            return;
        if (auto* target = modal->findChild<QAbstractButton*>(button)) {
            timer->stop();
            timer->deleteLater();
            QTest::mouseClick(target, Qt::LeftButton);
        }
    });
    timer->start();
}
