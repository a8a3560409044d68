#pragma once

// The desktop application against a real local repository: releases published with the
// publisher's own code (real manifests, objects, bundles and Markdown changelogs),
// installations made and installed by the engine and registered in a private registry, and
// DesktopSessions on a settings file of their own, with a clock the test moves.

#include "desktopsession.h"
#include "install/installation.h"
#include "registry.h"
#include "release/repositorypaths.h"
#include "support/clicks.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/testidentity.h"
#include "support/testrepository.h"
#include "support/verify.h"

#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <map>

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

    // Gives the repository a publisher identity (a CA in root metadata and its revocation list),
    // and a signer that signs every release published from now on.
    void nameThePublisher(const QString& organization)
    {
        m_identity.emplace(organization);
        m_signer = m_identity->signer(QStringLiteral("release machine"));
        m_repository.publish(QDateTime::currentDateTimeUtc(), [&](RepositoryWriter& writer) {
            writer.setPublisher(m_identity->anchor());
            auto added = writer.addTarget(
                QStringLiteral("targets"), RepositoryPaths::revocationList(), m_identity->revocationList().der(), {});
            QVERIFY2(added.has_value(), added.has_value() ? "" : qPrintable(added.error().message));
        });
    }

    // Replaces the signature of `app` `version` with one by a signer of another CA (with the
    // channel's key, as a build server that lost its signer key but kept the channel key could).
    void replaceSignature(const QString& app, const QString& version)
    {
        const TestIdentity stranger(m_identity->organization());
        const QString manifest = RepositoryPaths::manifest(app, *Version::parse(version));
        m_repository.publish(QDateTime::currentDateTimeUtc(), [&](RepositoryWriter& writer) {
            for (const RepositoryWriter::Target& target : writer.targets()) {
                if (target.path != manifest)
                    continue;
                const QByteArray bytes = readTestFile(m_repository.path() + QStringLiteral("/targets/")
                    + RepositoryClient::targetFileName(target.path, target.info, true));
                const QByteArray signature = stranger.sign(bytes, stranger.signer(), QDateTime::currentDateTimeUtc());
                auto replaced = writer.replaceTarget(manifest + QStringLiteral(".p7s"), signature);
                QVERIFY2(replaced.has_value(), replaced.has_value() ? "" : qPrintable(replaced.error().message));
                return;
            }
            QFAIL("no such manifest");
        });
    }

    // A release of a small application: a program, a health check, incompressible data and
    // Markdown notes. Tests name what matters to them.
    struct Release {
        QString app = QStringLiteral("viewer");
        QString version = {};
        QString channel = QStringLiteral("stable");
        QString notes = {};
        bool critical = false;
        // share/big.dat: this many bytes from `seed`, the same in every version with that seed, so
        // that updates share it and bundles carry it.
        qsizetype bigBytes = 300000;
        quint32 seed = 42;
        std::map<QString, QByteArray> extra = {}; // more files, by path
    };

    void publish(const Release& release)
    {
        const QString source = path(QStringLiteral("source-%1-%2").arg(release.app, release.version));
        std::map<QString, QByteArray> files = release.extra;
        files.emplace(QStringLiteral("bin/") + release.app, "#!/bin/sh\necho " + release.version.toUtf8() + "\n");
        files.emplace(QStringLiteral("bin/check"), "#!/bin/sh\nexit 0\n");
        files.emplace(QStringLiteral("share/big.dat"), randomBytes(release.bigBytes, release.seed));
        writeTestFiles(source, files);
        const QString notesFile = path(QStringLiteral("notes-%1-%2.md").arg(release.app, release.version));
        writeTestFile(notesFile, release.notes.toUtf8());
        ReleasePublisher::Options options;
        options.app = release.app;
        options.version = release.version;
        options.channel = release.channel;
        options.source = source;
        options.notesFile = notesFile;
        options.critical = release.critical;
        options.healthCheck = QStringLiteral("bin/check");
        options.healthCheckTimeout = 10;
        if (m_signer)
            options.signing
                = ReleasePublisher::Signing{m_signer->certificate, m_signer->key, {m_identity->caCertificate()}};
        m_repository.publishRelease(options);
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

    // A session with its window shown, once every installation is loaded (a warning says when
    // either takes too long).
    std::unique_ptr<DesktopSession> shownSession()
    {
        auto started = session();
        started->showWindow();
        if (!QTest::qWaitForWindowExposed(started->window()))
            qWarning("the window was not exposed");
        if (!QTest::qWaitFor([&] { return !started->controller()->isBusy(); }, 30000))
            qWarning("the installations did not load");
        return started;
    }

    QDateTime now = QDateTime(QDate(2026, 3, 2), QTime(10, 0), Qt::UTC);

private:
    QTemporaryDir m_dir;
    TestRepository m_repository;
    std::optional<TestIdentity> m_identity;
    std::optional<TestIdentity::Signer> m_signer;
};

// Whether the session has nothing under way: no check, download or install.
inline bool idle(DesktopSession& session)
{
    return !session.controller()->isBusy();
}
