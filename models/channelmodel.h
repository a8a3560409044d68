#pragma once

#include <QAbstractListModel>

// The channels of an installation's repository, most stable first, each with a sentence that
// explains it, and which one the installation follows.
class ChannelModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        DescriptionRole,
        StabilityRole, // 0 for the most stable; higher is less stable
        CurrentRole,
    };
    Q_ENUM(Role)

    explicit ChannelModel(QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    // `names` most stable first. The same list with another current channel changes only the
    // CurrentRole of the two rows concerned.
    void setChannels(const QStringList& names, const QString& current);
    [[nodiscard]] int rowOf(const QString& name) const;
    [[nodiscard]] QString current() const { return m_current; }

    [[nodiscard]] static QString describe(const QString& name, const QStringList& names);

private:
    QStringList m_names;
    QString m_current;
};
