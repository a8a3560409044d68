#include "historymodel.h"

#include "datasize.h"

#include <QLocale>

using namespace Qt::StringLiterals;

HistoryModel::HistoryModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

int HistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const History::Record& record = m_records[size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case DateColumn: return QLocale().toString(record.time.toLocalTime(), QLocale::ShortFormat);
        case ChangeColumn:
            return record.from.isEmpty() ? tr("%1 (first install)").arg(record.to)
                                         : tr("%1 → %2").arg(record.from, record.to);
        case OutcomeColumn: return outcomeText(record.outcome);
        case DetailsColumn: return details(record);
        }
        return {};
    }
    switch (role) {
    case Qt::ToolTipRole: return record.reason.isEmpty() ? details(record) : record.reason;
    case TimeRole: return record.time;
    case KindRole: return int(record.kind);
    case FromRole: return record.from;
    case ToRole: return record.to;
    case OutcomeRole: return int(record.outcome);
    case ReasonRole: return record.reason;
    case BytesRole: return record.bytes;
    case CanRollBackRole: return canRollBack(record);
    default: return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DateColumn: return tr("Date");
    case ChangeColumn: return tr("Versions");
    case OutcomeColumn: return tr("Outcome");
    case DetailsColumn: return tr("Details");
    }
    return {};
}

QHash<int, QByteArray> HistoryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{TimeRole, "time"}, {KindRole, "kind"}, {FromRole, "from"}, {ToRole, "to"}, {OutcomeRole, "outcome"},
        {ReasonRole, "reason"}, {BytesRole, "bytes"}, {CanRollBackRole, "canRollBack"}});
    return names;
}

void HistoryModel::setHistory(const std::vector<History::Record>& records, const std::vector<Version>& kept,
    const std::optional<Version>& running)
{
    std::vector<History::Record> newestFirst(records.rbegin(), records.rend());
    const bool keptChanged = kept != m_kept || running != m_running;
    m_kept = kept;
    m_running = running;
    // The same history with records appended: insert the new ones at the top.
    const size_t added = newestFirst.size() >= m_records.size() ? newestFirst.size() - m_records.size() : 0;
    const bool appended = newestFirst.size() >= m_records.size()
        && std::equal(m_records.begin(), m_records.end(), newestFirst.begin() + qsizetype(added));
    if (!appended) {
        beginResetModel();
        m_records = std::move(newestFirst);
        endResetModel();
        if (keptChanged)
            Q_EMIT this->keptChanged();
        return;
    }
    if (added > 0) {
        beginInsertRows({}, 0, int(added) - 1);
        m_records.insert(m_records.begin(), newestFirst.begin(), newestFirst.begin() + qsizetype(added));
        endInsertRows();
    }
    if (keptChanged && !m_records.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {CanRollBackRole});
    if (keptChanged)
        Q_EMIT this->keptChanged();
}

std::vector<Version> HistoryModel::keptVersions() const
{
    std::vector<Version> versions;
    std::copy_if(m_kept.rbegin(), m_kept.rend(), std::back_inserter(versions),
        [this](const Version& version) { return version != m_running; });
    return versions;
}

std::vector<Version> HistoryModel::rollBackTargets() const
{
    std::vector<Version> versions;
    std::copy_if(m_kept.rbegin(), m_kept.rend(), std::back_inserter(versions),
        [this](const Version& version) { return m_running && version < *m_running; });
    return versions;
}

bool HistoryModel::canRollBack(const History::Record& record) const
{
    if (record.outcome != History::Outcome::Installed && record.outcome != History::Outcome::RolledBackByUser)
        return false;
    auto version = Version::parse(record.to);
    if (!version || !m_running || !(*version < *m_running))
        return false;
    return std::find(m_kept.begin(), m_kept.end(), *version) != m_kept.end();
}

QString HistoryModel::details(const History::Record& record) const
{
    switch (record.outcome) {
    case History::Outcome::Installed:
        if (record.bytes <= 0)
            return QString();
        switch (record.transfer) {
        case History::Transfer::Patch: return tr("%1 downloaded (patch)").arg(DataSize::format(record.bytes));
        case History::Transfer::Full: return tr("%1 downloaded (full)").arg(DataSize::format(record.bytes));
        case History::Transfer::Unknown: break;
        }
        return tr("%1 downloaded").arg(DataSize::format(record.bytes));
    case History::Outcome::RolledBackAutomatically:
    case History::Outcome::Failed:
    case History::Outcome::Interrupted: return record.reason.simplified();
    case History::Outcome::RolledBackByUser: return tr("Rolled back from %1").arg(record.from);
    }
    return {};
}

QString HistoryModel::outcomeText(History::Outcome outcome)
{
    switch (outcome) {
    case History::Outcome::Installed: return tr("Installed");
    case History::Outcome::RolledBackAutomatically: return tr("Rolled back automatically");
    case History::Outcome::RolledBackByUser: return tr("Rolled back by you");
    case History::Outcome::Failed: return tr("Failed");
    case History::Outcome::Interrupted: return tr("Interrupted");
    }
    return {};
}
