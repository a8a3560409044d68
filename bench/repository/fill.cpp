// bench/repository's filler: publishes APPS applications with RELEASES releases each into an Upkeep
// repository, as upkeep-publish would leave it, in one commit per application rather than one per
// release (20,000 commits would write every version of every role; the end state is the same).
// Each application's first release is published for real from TREE (objects, bundle, manifest);
// the later ones are that manifest with a new version, a changelog, manifest patches from the
// three before and the first release's bundle under the new name, so that a client can install
// any of them.
//
//   upkeep-bench-repository REPO KEYS TREE NOTES APPS RELEASES CHANNEL

#include "publish/keyring.h"
#include "publish/releasepublisher.h"
#include "publish/repositorywriter.h"
#include "release/repositorypaths.h"
#include "trust/filehashes.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>
#include <deque>
#include <filesystem>

using namespace Qt::StringLiterals;

namespace {

int fail(const QString& message)
{
    std::fprintf(stderr, "upkeep-bench-repository: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication application(argc, argv);
    const QStringList args = application.arguments();
    if (args.size() != 8)
        return fail(u"usage: upkeep-bench-repository REPO KEYS TREE NOTES APPS RELEASES CHANNEL"_s);
    const QString repository = args[1];
    const QString tree = args[3];
    const QString notesFile = args[4];
    const int apps = args[5].toInt();
    const int releases = args[6].toInt();
    const QString channel = args[7];
    QFile notesInput(notesFile);
    if (!notesInput.open(QIODevice::ReadOnly))
        return fail(u"cannot read "_s + notesFile);
    const QByteArray notes = notesInput.readAll();

    KeyRing keys({KeyStore(args[2], KeyStore::NewKeys::Unencrypted)});
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-releases);
    auto writer = RepositoryWriter::open(repository, keys);
    if (!writer)
        return fail(writer.error().message);
    for (int a = 0; a < apps; ++a) {
        const QString app = u"app%1"_s.arg(a, 3, 10, QChar(u'0'));
        ReleasePublisher::Options options;
        options.app = app;
        options.version = u"1.0.0"_s;
        options.channel = channel;
        options.source = tree;
        options.notesFile = notesFile;
        options.patchDepth = 0;
        options.now = start;
        options.threads = 1;
        auto first = ReleasePublisher(repository, *writer).publish(options);
        if (!first)
            return fail(first.error().message);
        const QString firstBundle = repository + u'/' + RepositoryPaths::bundle(app, first->version);
        const JsonObject facts{{"critical", false}, {"rollout", 100}, {"size", first->totalFileBytes()},
            {"bundle_size", first->bundle->size}};
        std::deque<QString> earlier{FileHashes::sha256Of(first->toBytes()).sha256()};
        for (int r = 1; r < releases; ++r) {
            Manifest manifest = *first;
            manifest.version = *Version::parse(u"1.0.%1"_s.arg(r));
            const QByteArray bytes = manifest.toBytes();
            JsonObject custom = facts;
            custom.emplace("version", manifest.version.toString());
            custom.emplace("released", start.addDays(r).toString(Qt::ISODate));
            JsonArray patches;
            for (const QString& from : earlier)
                patches.push_back(JsonObject{{"from", from}, {"format", "zstd"}, {"size", 160}});
            custom.emplace("manifest_patches", std::move(patches));
            if (auto added
                = writer->addTarget(channel, RepositoryPaths::manifest(app, manifest.version), bytes, custom);
                !added)
                return fail(added.error().message);
            if (auto added = writer->addTarget(channel, RepositoryPaths::changelog(app, manifest.version), notes,
                    JsonObject{{"version", manifest.version.toString()}});
                !added)
                return fail(added.error().message);
            std::error_code error;
            std::filesystem::create_hard_link(firstBundle.toStdString(),
                (repository + u'/' + RepositoryPaths::bundle(app, manifest.version)).toStdString(), error);
            if (error)
                return fail(QString::fromStdString(error.message()));
            earlier.push_front(FileHashes::sha256Of(bytes).sha256());
            if (earlier.size() > 3)
                earlier.pop_back();
        }
        if (auto committed = writer->commit(); !committed)
            return fail(committed.error().message);
    }
    return 0;
}
