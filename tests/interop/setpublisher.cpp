// A test-only publisher step for the interop tests, until upkeep-publish has "ca init": gives a
// repository made by upkeep-publish a publisher identity through the real RepositoryWriter, with the
// keys in its (unencrypted) key folder: the anchor in a new root version, the CA's revocation list
// as a target of the top-level targets role, one commit.
//
//   interop-set-publisher REPO KEYS NAME CA.der CRL.der

#include "publish/keyring.h"
#include "publish/repositorywriter.h"
#include "release/repositorypaths.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

namespace {

int fail(const QString& message)
{
    std::fprintf(stderr, "interop-set-publisher: %s\n", qPrintable(message));
    return 1;
}

std::optional<QByteArray> readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 6)
        return fail(QStringLiteral("usage: interop-set-publisher REPO KEYS NAME CA.der CRL.der"));
    const auto certificate = readAll(args[4]);
    const auto crl = readAll(args[5]);
    if (!certificate || !crl)
        return fail(QStringLiteral("cannot read %1 or %2").arg(args[4], args[5]));

    KeyRing keys({KeyStore(args[2], KeyStore::NewKeys::Unencrypted)});
    auto writer = RepositoryWriter::open(args[1], keys);
    if (!writer)
        return fail(writer.error().message);
    writer->setPublisher(PublisherAnchor{args[3], *certificate});
    if (auto added = writer->addTarget(QStringLiteral("targets"), RepositoryPaths::revocationList(), *crl, {}); !added)
        return fail(added.error().message);
    if (auto committed = writer->commit(); !committed)
        return fail(committed.error().message);
    return 0;
}
