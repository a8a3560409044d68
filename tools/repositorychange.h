#pragma once

#include "keyfolders.h"
#include "publish/repositorywriter.h"

#include <QCommandLineParser>

#include <functional>

// One change of a repository as a command of upkeep-publish makes it: the key folders of the command
// line opened, the repository locked against other changes and its newest metadata read, the change
// applied and committed, then what must follow the commit (saving a new certificate), and the
// change's sentence printed.
class RepositoryChange
{
public:
    // What the change did, in a sentence, or why it did nothing.
    using Change = std::function<std::expected<QString, Error>(RepositoryWriter&, KeyRing&, const KeyFolders&)>;
    using AfterCommit = std::function<std::expected<void, Error>()>;

    RepositoryChange(QString command, QString repository);

    // The exit code; nothing is written when the change or the commit fails.
    int run(const QCommandLineParser& parser, const Change& change,
        KeyStore::NewKeys newKeys = KeyStore::NewKeys::Encrypted, const AfterCommit& afterCommit = {}) const;

private:
    QString m_command;
    QString m_repository;
};
