#pragma once

// Models filled as the window shows them while an update waits: one application with an
// offer signed by a verified publisher, its releases with notes, its history and its channels.

#include "applicationmodel.h"
#include "channelmodel.h"
#include "historymodel.h"
#include "releasemodel.h"

#include <QDateTime>

struct UiTestData {
    // A release signer as PublisherCheck reports one.
    static SignerFacts signer()
    {
        SignerFacts facts;
        facts.publisher = QStringLiteral("Example GmbH");
        facts.subject = QStringLiteral("CN=build server,O=Example GmbH");
        facts.issuer = QStringLiteral("CN=Example GmbH Release CA,O=Example GmbH");
        facts.serial = QStringLiteral("3F9A0C21D4E85B7760A1F2C3B4D5E6F7");
        facts.notBefore = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
        facts.notAfter = QDateTime(QDate(2027, 3, 1), QTime(9, 0), Qt::UTC);
        facts.fingerprint = QStringLiteral("5A:1F:0B:9C:44:E2:7D:38:C1:06:AF:52:93:DE:68:0B:"
                                           "7E:21:F4:5C:8A:33:B9:D0:16:E7:4F:82:2C:A5:90:6D");
        facts.signedAt = QDateTime(QDate(2026, 5, 12), QTime(14, 30), Qt::UTC);
        facts.crlUpdated = QDateTime(QDate(2026, 5, 20), QTime(8, 0), Qt::UTC);
        facts.crlNextUpdate = QDateTime(QDate(2026, 6, 19), QTime(8, 0), Qt::UTC);
        return facts;
    }

    ApplicationModel applications;
    ReleaseModel releases;
    HistoryModel history;
    ChannelModel channels;

    UiTestData()
    {
        ApplicationModel::Entry e;
        e.folder = QStringLiteral("/apps/viewer");
        e.name = QStringLiteral("viewer");
        e.installed = QStringLiteral("1.0.0");
        e.available = QStringLiteral("1.2.0");
        e.channel = QStringLiteral("stable");
        e.status = ApplicationModel::Status::UpdateAvailable;
        e.downloadBytes = 12400000;
        e.fullBytes = 310000000;
        e.identity = ApplicationModel::Identity::Named;
        e.publisher = QStringLiteral("Example GmbH");
        e.signer = signer();
        applications.setEntry(e);
        ReleaseSelector::Release release;
        release.version = *Version::parse(u"1.2.0");
        release.channel = QStringLiteral("stable");
        releases.setReleases({release}, *Version::parse(u"1.0.0"), release.version);
        releases.setChangelog(release.version, QStringLiteral("- Faster start"));
        History::Record record;
        record.time = QDateTime::currentDateTimeUtc();
        record.kind = History::Kind::Install;
        record.to = QStringLiteral("1.0.0");
        history.setHistory({record}, {*Version::parse(u"1.0.0")}, *Version::parse(u"1.0.0"));
        channels.setChannels({QStringLiteral("stable"), QStringLiteral("beta")}, QStringLiteral("stable"));
    }
};
