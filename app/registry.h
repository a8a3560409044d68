#pragma once

#include "error.h"

#include <QStringList>

// The installations this user manages, so that commands without --dir act on all of them:
// a list of folders in ~/.config/upkeep/installations.json (XDG_CONFIG_HOME is honoured).
class Registry
{
public:
    Registry();
    explicit Registry(QString file)
        : m_file(std::move(file))
    { }

    [[nodiscard]] QStringList folders() const;
    std::expected<void, Error> add(const QString& folder);
    // Forgets `folder`; nothing to do when it is not registered.
    std::expected<void, Error> remove(const QString& folder);
    [[nodiscard]] bool contains(const QString& folder) const;
    [[nodiscard]] const QString& file() const { return m_file; }

private:
    std::expected<void, Error> save(const QStringList& folders);
    [[nodiscard]] static QString absolute(const QString& folder);

    QString m_file;
};
