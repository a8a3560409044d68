#include "repositorychange.h"

#include "console.h"
#include "exitcode.h"
#include "repositorylock.h"

RepositoryChange::RepositoryChange(QString command, QString repository)
    : m_command(std::move(command))
    , m_repository(std::move(repository))
{ }

int RepositoryChange::run(const QCommandLineParser& parser, const Change& change, KeyStore::NewKeys newKeys,
    const AfterCommit& afterCommit) const
{
    auto folders = KeyFolders::fromCommandLine(m_repository, parser, false);
    if (!folders)
        return fail(m_command, folders.error());
    auto lock = RepositoryLock::acquire(m_command, m_repository);
    if (!lock)
        return fail(m_command, lock.error());
    KeyRing keys = folders->open(newKeys);
    auto writer = RepositoryWriter::open(m_repository, keys);
    if (!writer)
        return fail(m_command, writer.error());
    auto done = change(*writer, keys, *folders);
    if (!done) {
        keys.discardCreated();
        return fail(m_command, done.error());
    }
    if (auto committed = writer->commit(); !committed)
        return fail(m_command, committed.error());
    if (afterCommit) {
        if (auto after = afterCommit(); !after)
            return fail(m_command, after.error());
    }
    print(*done);
    return ExitCode::Success;
}
