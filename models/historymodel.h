#pragma once

#include "install/history.h"
#include "release/version.h"

#include <QAbstractTableModel>

// One installation's history as a table, newest first: when, which versions, what came of it
// and why. A row whose version is still kept and older than the running one can be rolled
// back to (CanRollBackRole).
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { DateColumn, ChangeColumn, OutcomeColumn, DetailsColumn, ColumnCount };
    enum Role {
        TimeRole = Qt::UserRole + 1,
        KindRole,
        FromRole,
        ToRole,
        OutcomeRole,
        ReasonRole,
        BytesRole,
        CanRollBackRole,
    };
    Q_ENUM(Role)

    explicit HistoryModel(QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    // `records` oldest first, as History gives them. Appending records to the same history adds
    // rows at the top; anything else resets.
    void setHistory(const std::vector<History::Record>& records, const std::vector<Version>& kept,
        const std::optional<Version>& running);

    [[nodiscard]] static QString outcomeText(History::Outcome outcome);

    // The versions kept beside the running one, newest first, and those of them it can roll back
    // to (the older ones), for the update page.
    [[nodiscard]] std::vector<Version> keptVersions() const;
    [[nodiscard]] std::vector<Version> rollBackTargets() const;

Q_SIGNALS:
    // keptVersions() may have changed.
    void keptChanged();

private:
    [[nodiscard]] bool canRollBack(const History::Record& record) const;
    [[nodiscard]] QString details(const History::Record& record) const;

    std::vector<History::Record> m_records; // newest first
    std::vector<Version> m_kept;
    std::optional<Version> m_running;
};
