#include "packedmanifest.h"

#include "json/canonicaljson.h"
#include "json/jsonparser.h"

using namespace Qt::StringLiterals;

namespace {

std::unexpected<Error> malformed(const QString& why)
{
    return std::unexpected(
        Error{Error::Code::Mismatch, PackedManifest::tr("The manifest a pack carries is malformed: %1.").arg(why)});
}

// `files` with the member "sha256" of the entries at `indices` set to `values` (removed where empty).
JsonArray withHashes(JsonArray files, const std::vector<qsizetype>& indices, const QStringList& values)
{
    for (size_t i = 0; i < indices.size(); ++i) {
        JsonObject entry = files[size_t(indices[i])].toObject();
        if (values[qsizetype(i)].isEmpty())
            entry.erase("sha256");
        else
            entry.insert_or_assign("sha256", JsonValue(values[qsizetype(i)]));
        files[size_t(indices[i])] = JsonValue(std::move(entry));
    }
    return files;
}

} // namespace

std::expected<QByteArray, Error> PackedManifest::strip(QByteArrayView manifest, const std::vector<qsizetype>& indices)
{
    auto read = PackedManifest::read(manifest);
    if (!read)
        return std::unexpected(read.error());
    for (qsizetype index : indices) {
        if (index < 0 || index >= read->fileCount() || !read->m_files[size_t(index)].find("sha256"))
            return malformed(tr("a member is not a file of the manifest"));
    }
    JsonObject document = read->m_document;
    document.insert_or_assign(
        "files", JsonValue(withHashes(std::move(read->m_files), indices, QStringList(qsizetype(indices.size())))));
    return canonicalJson(JsonValue(std::move(document))) + '\n';
}

std::expected<PackedManifest, Error> PackedManifest::read(QByteArrayView stripped)
{
    auto document = JsonParser().parse(stripped);
    if (!document)
        return std::unexpected(document.error().prefixed(tr("the manifest a pack carries")));
    const JsonValue* files = document->find("files");
    if (!document->isObject() || !files || !files->isArray())
        return malformed(tr("it has no list of files"));
    PackedManifest packed;
    packed.m_files = files->toArray();
    packed.m_document = document->toObject();
    packed.m_document.erase("files");
    return packed;
}

std::expected<PackedManifest::Member, Error> PackedManifest::member(qsizetype index) const
{
    if (index < 0 || index >= fileCount())
        return malformed(tr("a member names no entry of it"));
    const JsonValue& entry = m_files[size_t(index)];
    const JsonValue* type = entry.find("type");
    const JsonValue* path = entry.find("path");
    const JsonValue* size = entry.find("size");
    if (!type || type->toUtf8() != "file" || !path || !path->isString() || !size || !size->isInteger()
        || size->toInteger() <= 0 || entry.find("sha256"))
        return malformed(tr("a member is not a file of it whose sha256 is left out"));
    return Member{path->toString(), size->toInteger()};
}

QByteArray PackedManifest::restore(const std::vector<qsizetype>& indices, const QStringList& sha256s) const
{
    JsonObject document = m_document;
    document.insert_or_assign("files", JsonValue(withHashes(m_files, indices, sha256s)));
    return canonicalJson(JsonValue(std::move(document))) + '\n';
}
