#pragma once

#include "applicationmodel.h"
#include "deferral.h"
#include "installationworker.h"

#include <optional>

// What the application list says an installation is doing: its status, the problem shown with
// it, and when a reminder or a scheduled install is due. A pure function of what the controller
// knows, so that the order of its conditions (an update under way before everything else, a
// problem before an offer, a reminder only while it is ahead, never "up to date" after a failed
// check) has a test of its own.
struct RowStatus {
    // What the controller knows of one installation at the moment.
    struct Facts {
        bool loaded = false;                        // its worker has published what it holds
        QString offered;                            // the version on offer; empty when none
        std::optional<InstallationWorker::Job> job; // the job its worker runs
        bool updating = false;                      // an update the user asked for has not ended
        bool downloading = false;                   // a background download is under way
        QString problem;                            // why the last operation failed; empty when none
        std::optional<Error> checkFailure;          // why the last check failed; nullopt when it answered
        QString authUser;                           // who it is to a private repository; empty when public
        std::optional<Deferral> deferral;           // what the user chose instead of installing now
        QDateTime now;
    };

    ApplicationModel::Status status = ApplicationModel::Status::Loading;
    QString message;       // while Problem; while CheckFailed what happened and what to do about it
    QString details;       // while CheckFailed: the engine's sentence
    QString signInUser;    // while CheckFailed because the server refused the password: whose password to ask
    QDateTime remindAt;    // while Postponed
    QDateTime scheduledAt; // while Scheduled; invalid means "when Upkeep quits"
    friend bool operator==(const RowStatus&, const RowStatus&) = default;

    static RowStatus of(const Facts& facts);
};
