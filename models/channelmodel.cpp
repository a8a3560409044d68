#include "channelmodel.h"

using namespace Qt::StringLiterals;

ChannelModel::ChannelModel(QObject* parent)
    : QAbstractListModel(parent)
{ }

int ChannelModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_names.size());
}

QVariant ChannelModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString& name = m_names[index.row()];
    switch (role) {
    case Qt::DisplayRole: {
        if (name == u"stable"_s)
            return tr("Stable");
        if (name == u"beta"_s)
            return tr("Beta");
        if (name == u"nightly"_s)
            return tr("Nightly");
        return name;
    }
    case NameRole: return name;
    case Qt::ToolTipRole:
    case DescriptionRole: return describe(name, m_names);
    case StabilityRole: return index.row();
    case CurrentRole: return name == m_current;
    default: return {};
    }
}

QHash<int, QByteArray> ChannelModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(
        {{NameRole, "name"}, {DescriptionRole, "description"}, {StabilityRole, "stability"}, {CurrentRole, "current"}});
    return names;
}

void ChannelModel::setChannels(const QStringList& names, const QString& current)
{
    if (names != m_names) {
        beginResetModel();
        m_names = names;
        m_current = current;
        endResetModel();
        return;
    }
    if (current == m_current)
        return;
    const int before = rowOf(m_current);
    m_current = current;
    for (int row : {before, rowOf(current)}) {
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row), {CurrentRole});
    }
}

int ChannelModel::rowOf(const QString& name) const
{
    return int(m_names.indexOf(name));
}

QString ChannelModel::describe(const QString& name, const QStringList& names)
{
    if (name == u"stable"_s)
        return tr("Releases that have been tested widely. Recommended for most people.");
    if (name == u"beta"_s)
        return tr("Upcoming releases a few weeks early. Mostly ready, but expect the odd bug.");
    if (name == u"nightly"_s)
        return tr("Built every night from the newest code. Things break; for testers and developers.");
    const qsizetype position = names.indexOf(name);
    if (position == 0)
        return tr("The repository's most stable channel.");
    if (position > 0)
        return tr("Less tested than %1; you also get every newer release from the channels above it.")
            .arg(names[position - 1]);
    return {};
}
