#pragma once

#include "install/history.h"
#include "install/installationconfig.h"
#include "policy/releaseselector.h"
#include "trust/signerfacts.h"

#include <map>
#include <memory>

class HttpRequestPolicy;

// All the window shows of one installation, read in its worker thread after every operation
// and handed to the GUI thread whole, so that the GUI never reads the disk or the network.
struct InstallationSnapshot {
    QString folder;
    InstallationConfig config; // what it follows and where from (the statistics ping's address)
    // How the statistics ping asks config's mirror, its certificate authorities already read
    // off the GUI thread; null when config.caFile cannot be used.
    std::shared_ptr<HttpRequestPolicy> requests;
    QString app;
    QString channel;
    std::optional<Version> running;
    std::vector<Version> kept;                      // oldest first
    QStringList channels;                           // the repository's, most stable first
    std::vector<ReleaseSelector::Release> releases; // newest first, as the channel sees them
    std::optional<ReleaseSelector::Release> offer;
    // What installing the offer downloads from here; -1 while not known: before the repository has
    // answered in this session, or when the offer's manifest could not be read (refused, unreachable).
    qint64 downloadBytes = -1;
    qint64 fullBytes = 0;                  // the offer's whole bundle
    std::map<QString, QString> changelogs; // Markdown, by version, for the releases up to the offer
    std::vector<History::Record> history;  // oldest first
    bool checked = false;                  // the repository answered in this session (sizes and notes are known)
    std::optional<Error> checkFailure;     // why the last check failed, here or on the command line
    QDateTime lastCheck;                   // when the repository last answered a check, here or on the command line
    // Who publishes the repository: the name in the root metadata this installation trusts
    // ("upkeep_publisher"), or nullopt for a repository without an identity, shown as such.
    std::optional<QString> publisher;
    // Who signed the release the page is about (the offer, else the running version), as
    // PublisherCheck verified it (the running version's from its history record); nullopt
    // while not verified (before the first check) and for releases without a signature.
    std::optional<SignerFacts> signer;
};
