#pragma once

#include "error.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

// One of a repository's addresses as an installation keeps them: an http:// or https:// server,
// or a folder given as a file:// URL or a plain path. Read here once, for the fetcher, the
// metadata sources and the statistics ping alike.
class MirrorAddress
{
    Q_DECLARE_TR_FUNCTIONS(MirrorAddress)

public:
    // Refuses a web address without a server, a file:// URL without a folder, and other schemes.
    [[nodiscard]] static std::expected<MirrorAddress, Error> parse(const QString& address);

    [[nodiscard]] bool isFolder() const { return !m_folder.isEmpty(); }
    // The server's base address, without a trailing "/"; empty for a folder.
    [[nodiscard]] const QUrl& server() const { return m_server; }
    // The folder, absolute; empty for a server.
    [[nodiscard]] const QString& folder() const { return m_folder; }
    // For messages: the server's address without a password, or the folder as given.
    [[nodiscard]] const QString& name() const { return m_name; }

private:
    MirrorAddress() = default;

    QUrl m_server;
    QString m_folder;
    QString m_name;
};
