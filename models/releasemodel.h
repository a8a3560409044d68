#pragma once

#include "policy/releaseselector.h"

#include <QAbstractListModel>

#include <map>

// The releases an update brings: every version newer than the installed one up to the one on
// offer, newest first, each with its Markdown release notes once they have been fetched.
class ReleaseModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        VersionRole = Qt::UserRole + 1,
        ChannelRole,
        ReleasedRole,
        CriticalRole,
        SizeRole,
        ChangelogRole,
    };
    Q_ENUM(Role)

    explicit ReleaseModel(QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    // Keeps the releases in (installed, offered], newest first; all newer ones when nothing is
    // installed, none when nothing is offered. `changelogs` (Markdown by version) replaces every
    // row's notes: nothing carries over from the previous list, which may be another application's.
    void setReleases(const std::vector<ReleaseSelector::Release>& releases, const std::optional<Version>& installed,
        const std::optional<Version>& offered, const std::map<QString, QString>& changelogs = {});
    // The notes of `version`; only that row's ChangelogRole changes.
    void setChangelog(const Version& version, const QString& markdown);

    // One Markdown document, newest first: a level-3 heading per release, then its notes with
    // their section headings moved below it.
    [[nodiscard]] QString markdown() const;
    // The installed release's notes, as markdown() writes a release, for the page of an
    // application that is up to date; empty while not fetched or when the channel does not list it.
    [[nodiscard]] QString installedMarkdown() const;

private:
    struct Row {
        ReleaseSelector::Release release;
        QString changelog;
        [[nodiscard]] bool sameAs(const Row& other) const;
        [[nodiscard]] QString markdown() const;
    };
    std::vector<Row> m_rows;
    std::optional<Row> m_installed; // with notes fetched, else nullopt
};
