#include "applicationmodel.h"

#include <QLocale>

using namespace Qt::StringLiterals;

ApplicationModel::ApplicationModel(QObject* parent)
    : QAbstractListModel(parent)
{ }

int ApplicationModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ApplicationModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[size_t(index.row())];
    const Entry& entry = row.entry;
    const InstallProgress progress = row.progress.value_or(InstallProgress{});
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return entry.name;
    case Qt::ToolTipRole:
    case StatusTextRole: return statusText(entry);
    case FolderRole: return entry.folder;
    case InstalledRole: return entry.installed;
    case AvailableRole: return entry.available;
    case ChannelRole: return entry.channel;
    case StatusRole: return QVariant::fromValue(entry.status);
    case CriticalRole: return entry.critical;
    case DownloadBytesRole: return entry.downloadBytes;
    case FullBytesRole: return entry.fullBytes;
    case PhaseRole: return row.progress ? QVariant(int(progress.phase)) : QVariant();
    case DoneRole: return row.progress ? QVariant(progress.done) : QVariant();
    case TotalRole: return row.progress ? QVariant(progress.total) : QVariant();
    case BytesPerSecondRole: return row.progress ? QVariant(progress.bytesPerSecond) : QVariant();
    case SecondsLeftRole: return row.progress ? QVariant(progress.secondsLeft) : QVariant();
    case PausedRole: return row.paused;
    case MessageRole: return entry.message;
    case RemindAtRole: return entry.remindAt;
    case ScheduledAtRole: return entry.scheduledAt;
    case IdentityRole: return QVariant::fromValue(entry.identity);
    case PublisherRole: return entry.publisher;
    case SignerRole: return entry.signer ? QVariant::fromValue(*entry.signer) : QVariant();
    case HeldRole: return entry.held;
    case LastCheckRole: return entry.lastCheck;
    case DetailsRole: return entry.details;
    case SignInRole: return entry.signInUser;
    default: return {};
    }
}

QHash<int, QByteArray> ApplicationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{FolderRole, "folder"}, {NameRole, "name"}, {InstalledRole, "installed"},
        {AvailableRole, "available"}, {ChannelRole, "channel"}, {StatusRole, "status"}, {StatusTextRole, "statusText"},
        {CriticalRole, "critical"}, {DownloadBytesRole, "downloadBytes"}, {FullBytesRole, "fullBytes"},
        {PhaseRole, "phase"}, {DoneRole, "done"}, {TotalRole, "total"}, {BytesPerSecondRole, "bytesPerSecond"},
        {SecondsLeftRole, "secondsLeft"}, {PausedRole, "paused"}, {MessageRole, "message"}, {RemindAtRole, "remindAt"},
        {ScheduledAtRole, "scheduledAt"}, {IdentityRole, "identity"}, {PublisherRole, "publisher"},
        {SignerRole, "signer"}, {HeldRole, "held"}, {LastCheckRole, "lastCheck"}, {DetailsRole, "details"},
        {SignInRole, "signIn"}});
    return names;
}

void ApplicationModel::setEntry(const Entry& entry)
{
    const int row = rowOf(entry.folder);
    if (row < 0) {
        // Sorted by name, so that the list reads the same after every start.
        auto at = std::find_if(m_rows.begin(), m_rows.end(),
            [&](const Row& r) { return QString::localeAwareCompare(r.entry.name, entry.name) > 0; });
        const int position = int(at - m_rows.begin());
        beginInsertRows({}, position, position);
        m_rows.insert(at, Row{entry, std::nullopt, false});
        endInsertRows();
        return;
    }
    Entry& old = m_rows[size_t(row)].entry;
    QList<int> roles;
    auto compare = [&](bool changed, std::initializer_list<int> changedRoles) {
        if (changed)
            roles.append(changedRoles);
    };
    compare(old.name != entry.name, {Qt::DisplayRole, NameRole});
    compare(old.installed != entry.installed, {InstalledRole});
    compare(old.available != entry.available, {AvailableRole});
    compare(old.channel != entry.channel, {ChannelRole});
    compare(old.status != entry.status, {StatusRole});
    compare(old.critical != entry.critical, {CriticalRole});
    compare(old.downloadBytes != entry.downloadBytes, {DownloadBytesRole});
    compare(old.fullBytes != entry.fullBytes, {FullBytesRole});
    compare(old.message != entry.message, {MessageRole});
    compare(old.remindAt != entry.remindAt, {RemindAtRole});
    compare(old.scheduledAt != entry.scheduledAt, {ScheduledAtRole});
    compare(old.identity != entry.identity, {IdentityRole});
    compare(old.publisher != entry.publisher, {PublisherRole});
    compare(old.signer != entry.signer, {SignerRole});
    compare(old.held != entry.held, {HeldRole});
    compare(old.lastCheck != entry.lastCheck, {LastCheckRole});
    compare(old.details != entry.details, {DetailsRole});
    compare(old.signInUser != entry.signInUser, {SignInRole});
    if (statusText(old) != statusText(entry))
        roles.append({Qt::ToolTipRole, StatusTextRole});
    if (roles.isEmpty())
        return;
    old = entry;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed, roles);
}

void ApplicationModel::removeEntry(const QString& folder)
{
    const int row = rowOf(folder);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

void ApplicationModel::setProgress(const QString& folder, const std::optional<InstallProgress>& progress)
{
    const int row = rowOf(folder);
    if (row < 0)
        return;
    std::optional<InstallProgress>& old = m_rows[size_t(row)].progress;
    QList<int> roles;
    if (!old || !progress) {
        if (!old && !progress)
            return;
        roles = {PhaseRole, DoneRole, TotalRole, BytesPerSecondRole, SecondsLeftRole};
        if (!progress && m_rows[size_t(row)].paused)
            roles.append(PausedRole); // reset below
    } else {
        if (old->phase != progress->phase)
            roles.append(PhaseRole);
        if (old->done != progress->done)
            roles.append(DoneRole);
        if (old->total != progress->total)
            roles.append(TotalRole);
        if (old->bytesPerSecond != progress->bytesPerSecond)
            roles.append(BytesPerSecondRole);
        if (old->secondsLeft != progress->secondsLeft)
            roles.append(SecondsLeftRole);
    }
    old = progress;
    if (!progress)
        m_rows[size_t(row)].paused = false;
    if (roles.isEmpty())
        return;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed, roles);
}

void ApplicationModel::setPaused(const QString& folder, bool paused)
{
    const int row = rowOf(folder);
    if (row < 0 || m_rows[size_t(row)].paused == paused)
        return;
    m_rows[size_t(row)].paused = paused;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed, {PausedRole});
}

QModelIndex ApplicationModel::indexOf(const QString& folder) const
{
    const int row = rowOf(folder);
    return row < 0 ? QModelIndex() : index(row);
}

const ApplicationModel::Entry* ApplicationModel::entry(const QString& folder) const
{
    const int row = rowOf(folder);
    return row < 0 ? nullptr : &m_rows[size_t(row)].entry;
}

QStringList ApplicationModel::folders() const
{
    QStringList all;
    for (const Row& row : m_rows)
        all.append(row.entry.folder);
    return all;
}

int ApplicationModel::rowOf(const QString& folder) const
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const Row& r) { return r.entry.folder == folder; });
    return it == m_rows.end() ? -1 : int(it - m_rows.begin());
}

QString ApplicationModel::statusText(const Entry& entry)
{
    const QLocale locale;
    // Held: what would install by itself says that it waits, and why.
    if (entry.held) {
        switch (entry.status) {
        case Status::UpToDate: return tr("Up to date; updates paused");
        case Status::UpdateAvailable:
        case Status::Postponed: return tr("Updates paused: %1 is available").arg(entry.available);
        case Status::Scheduled:
            return entry.scheduledAt.isValid()
                ? tr("Updates paused: %1 does not install at %2")
                      .arg(entry.available, locale.toString(entry.scheduledAt.toLocalTime(), QLocale::ShortFormat))
                : tr("Updates paused: %1 does not install when Upkeep quits").arg(entry.available);
        default: break;
        }
    }
    switch (entry.status) {
    case Status::Loading: return tr("Loading…");
    case Status::Checking: return tr("Checking for updates…");
    case Status::UpToDate: return tr("Up to date");
    case Status::UpdateAvailable:
        if (entry.downloadBytes == 0)
            return entry.critical ? tr("Critical update ready to install: %1").arg(entry.available)
                                  : tr("Ready to install: %1").arg(entry.available);
        return entry.critical ? tr("Critical update available: %1").arg(entry.available)
                              : tr("Update available: %1").arg(entry.available);
    case Status::Postponed:
        return tr("Reminder at %1").arg(locale.toString(entry.remindAt.toLocalTime(), QLocale::ShortFormat));
    case Status::Scheduled:
        return entry.scheduledAt.isValid()
            ? tr("%1 installs at %2")
                  .arg(entry.available, locale.toString(entry.scheduledAt.toLocalTime(), QLocale::ShortFormat))
            : tr("%1 installs when Upkeep quits").arg(entry.available);
    case Status::Downloading: return tr("Downloading %1 in the background").arg(entry.available);
    case Status::Updating: return tr("Updating to %1").arg(entry.available);
    case Status::RollingBack: return tr("Rolling back…");
    case Status::Problem: return entry.message.isEmpty() ? tr("Problem") : entry.message;
    case Status::CheckFailed: return tr("Could not check");
    }
    return {};
}

QString ApplicationModel::phaseText(InstallProgress::Phase phase)
{
    switch (phase) {
    case InstallProgress::Phase::Download: return tr("Downloading");
    case InstallProgress::Phase::Verify: return tr("Verifying");
    case InstallProgress::Phase::Install: return tr("Installing");
    case InstallProgress::Phase::HealthCheck: return tr("Checking health");
    }
    return {};
}
