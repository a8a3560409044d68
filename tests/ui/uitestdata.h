#pragma once

// Models filled as the window shows them while an update waits: one application with an
// offer signed by a verified publisher, its releases with notes, its history and its channels.

#include "applicationmodel.h"
#include "channelmodel.h"
#include "historymodel.h"
#include "releasemodel.h"
#include "support/examplesigner.h"

#include <QDateTime>

struct UiTestData {
    // A release signer as PublisherCheck reports one.
    static SignerFacts signer() { return exampleSigner(); }

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
