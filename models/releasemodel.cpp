#include "releasemodel.h"

#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

ReleaseModel::ReleaseModel(QObject* parent)
    : QAbstractListModel(parent)
{ }

int ReleaseModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ReleaseModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case VersionRole: return row.release.version.toString();
    case ChannelRole: return row.release.channel;
    case ReleasedRole: return row.release.released;
    case CriticalRole: return row.release.critical;
    case SizeRole: return row.release.size;
    case ChangelogRole: return row.changelog;
    default: return {};
    }
}

QHash<int, QByteArray> ReleaseModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{VersionRole, "version"}, {ChannelRole, "channel"}, {ReleasedRole, "released"},
        {CriticalRole, "critical"}, {SizeRole, "size"}, {ChangelogRole, "changelog"}});
    return names;
}

void ReleaseModel::setReleases(const std::vector<ReleaseSelector::Release>& releases,
    const std::optional<Version>& installed, const std::optional<Version>& offered,
    const std::map<QString, QString>& changelogs)
{
    std::vector<Row> rows;
    if (offered) {
        for (const auto& release : releases) {
            if (release.version > *offered || (installed && !(release.version > *installed)))
                continue;
            const auto notes = changelogs.find(release.version.toString());
            rows.push_back(Row{release, notes == changelogs.end() ? QString() : notes->second});
        }
    }
    std::sort(
        rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.release.version > b.release.version; });
    std::optional<Row> running;
    for (const auto& release : releases) {
        const auto notes = changelogs.find(release.version.toString());
        if (installed && release.version == *installed && notes != changelogs.end())
            running = Row{release, notes->second};
    }
    const bool same = rows.size() == m_rows.size()
        && std::equal(rows.begin(), rows.end(), m_rows.begin(), [](const Row& a, const Row& b) { return a.sameAs(b); })
        && running.has_value() == m_installed.has_value() && (!running || running->sameAs(*m_installed));
    if (same)
        return;
    beginResetModel();
    m_rows = std::move(rows);
    m_installed = std::move(running);
    endResetModel();
}

bool ReleaseModel::Row::sameAs(const Row& other) const
{
    return release.version == other.release.version && release.channel == other.release.channel
        && release.critical == other.release.critical && changelog == other.changelog;
}

void ReleaseModel::setChangelog(const Version& version, const QString& markdown)
{
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].release.version != version || m_rows[row].changelog == markdown)
            continue;
        m_rows[row].changelog = markdown;
        const QModelIndex changed = index(int(row));
        Q_EMIT dataChanged(changed, changed, {ChangelogRole});
    }
}

QString ReleaseModel::markdown() const
{
    QString text;
    for (const Row& row : m_rows)
        text += row.markdown();
    return text;
}

QString ReleaseModel::installedMarkdown() const
{
    return m_installed ? m_installed->markdown() : QString();
}

QString ReleaseModel::Row::markdown() const
{
    const QLocale locale;
    QString heading = ReleaseModel::tr("Version %1").arg(release.version.toString());
    if (release.released.isValid())
        heading += u" — "_s + locale.toString(release.released.toLocalTime().date(), QLocale::LongFormat);
    if (release.critical)
        heading += u" — "_s + ReleaseModel::tr("critical update");
    QString text = u"### "_s + heading + u"\n\n"_s;
    QString notes = changelog.trimmed();
    // The release's own top heading repeats what ours says; its sections sit below ours.
    if (notes.startsWith(u"# "_s)) {
        const qsizetype end = notes.indexOf(u'\n');
        notes = end < 0 ? QString() : notes.mid(end + 1).trimmed();
    }
    static const QRegularExpression sectionHeading(u"^(#{2,4}) "_s, QRegularExpression::MultilineOption);
    notes.replace(sectionHeading, u"##\\1 "_s);
    return text + (notes.isEmpty() ? ReleaseModel::tr("*No release notes.*") : notes) + u"\n\n"_s;
}
