#pragma once

#include "install/installprogress.h"
#include "trust/signerfacts.h"

#include <QAbstractListModel>
#include <QDateTime>

// The managed applications as the window and the tray show them: installed and available
// version, channel, what Upkeep is doing with each, and a running update's progress. The
// controller writes it; views read it. A progress step changes only the roles that moved.
class ApplicationModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        FolderRole = Qt::UserRole + 1,
        NameRole,
        InstalledRole,
        AvailableRole,
        ChannelRole,
        StatusRole,
        StatusTextRole,
        CriticalRole,
        DownloadBytesRole,
        FullBytesRole,
        PhaseRole,
        DoneRole,
        TotalRole,
        BytesPerSecondRole,
        SecondsLeftRole,
        PausedRole,
        MessageRole,
        RemindAtRole,
        ScheduledAtRole,
        IdentityRole,  // Identity
        PublisherRole, // the publisher's name when Identity::Named
        SignerRole,    // SignerFacts, or nothing when no signer is verified
        HeldRole,      // its updates are paused (`upkeep hold`, or Hold updates in the window)
        LastCheckRole, // when the repository last answered a check (UTC); invalid when never
        DetailsRole,   // while CheckFailed: the engine's sentence (the URL and the error)
        SignInRole,    // while CheckFailed because a private repository refused the password: the user name
    };
    Q_ENUM(Role)

    enum class Status {
        Loading,         // opening the installation
        Checking,        // asking the repository
        UpToDate,        // nothing newer on its channel
        UpdateAvailable, // an update waits for the user
        Postponed,       // the user asked to be reminded later
        Scheduled,       // will install at a set time or on quit
        Downloading,     // fetching an update in the background; it installs when the user says
        Updating,        // downloading, verifying, installing or checking health
        RollingBack,     // going back to a kept version
        Problem,         // the last operation failed; MessageRole says why
        CheckFailed,     // nothing on offer, and the last check failed: not known to be up to date.
                         // MessageRole says why and what to do, DetailsRole the engine's sentence
    };
    Q_ENUM(Status)

    // Whether the repository says who publishes it: not known before the installation is
    // loaded, then none (a repository without an identity) or named in its root metadata.
    enum class Identity { Unknown, None, Named };
    Q_ENUM(Identity)

    struct Entry {
        QString folder; // the key: one row per installation folder
        QString name;
        QString installed;
        QString available; // empty when nothing is offered
        QString channel;
        Status status = Status::Loading;
        bool critical = false;
        qint64 downloadBytes = -1; // -1 until the repository has answered; 0 when all is downloaded
        qint64 fullBytes = 0;
        QString message;
        QDateTime remindAt;    // while Postponed
        QDateTime scheduledAt; // while Scheduled; invalid means "when I quit"
        Identity identity = Identity::Unknown;
        QString publisher;                 // when Named
        std::optional<SignerFacts> signer; // who signed the release shown (the offer, else the running one), verified
        bool held = false;                 // updates paused: checked for, installed by nothing
        QDateTime lastCheck;               // when the repository last answered a check; invalid when never
        QString details;                   // while CheckFailed
        QString signInUser;                // while CheckFailed on a refused password
        friend bool operator==(const Entry&, const Entry&) = default;
    };

    explicit ApplicationModel(QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    // Adds the row of `entry.folder`, or updates it, announcing only the roles that changed.
    void setEntry(const Entry& entry);
    void removeEntry(const QString& folder);
    // The progress of the update running in `folder`; clears it when `progress` is nullopt.
    void setProgress(const QString& folder, const std::optional<InstallProgress>& progress);
    void setPaused(const QString& folder, bool paused);

    [[nodiscard]] QModelIndex indexOf(const QString& folder) const;
    [[nodiscard]] const Entry* entry(const QString& folder) const;
    [[nodiscard]] QStringList folders() const;

    // "Update available: 1.2.0", "Downloading…", "Updates paused: 1.2.0 is available", in the user's language.
    [[nodiscard]] static QString statusText(const Entry& entry);
    [[nodiscard]] static QString phaseText(InstallProgress::Phase phase);

private:
    struct Row {
        Entry entry;
        std::optional<InstallProgress> progress;
        bool paused = false;
    };
    [[nodiscard]] int rowOf(const QString& folder) const;

    std::vector<Row> m_rows;
};
