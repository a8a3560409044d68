#include "installationconfig.h"

#include "atomicfile.h"
#include "json/fieldreader.h"
#include "json/jsonparser.h"
#include "json/jsonwriter.h"

#include <QFile>

using namespace Qt::StringLiterals;

std::expected<InstallationConfig, Error> InstallationConfig::load(const InstallLayout& layout)
{
    QFile file(path(layout));
    if (!file.open(QIODevice::ReadOnly)) {
        return std::unexpected(Error{Error::Code::NotFound,
            tr("%1 is not an installation Upkeep manages (no %2).").arg(layout.root(), path(layout))});
    }
    auto document = JsonParser().parse(file.readAll());
    if (!document)
        return std::unexpected(document.error().prefixed(path(layout)));
    FieldReader reader(*document, path(layout), QString());
    InstallationConfig config;
    config.app = reader.string("app");
    config.channel = reader.string("channel");
    config.mirrors = reader.strings("mirrors");
    config.installId = reader.string("install_id");
    if (reader.has("skipped"))
        config.skipped = reader.strings("skipped");
    if (reader.has("ca_file"))
        config.caFile = reader.string("ca_file");
    if (reader.has("publisher_ca"))
        config.publisherCa = reader.string("publisher_ca");
    if (reader.has("held"))
        config.held = reader.boolean("held");
    if (reader.has("auth_origin"))
        config.authOrigin = reader.string("auth_origin");
    if (reader.has("auth_user"))
        config.authUser = reader.string("auth_user");
    if (reader.has("client_cert"))
        config.clientCert = reader.string("client_cert");
    if (reader.has("client_key"))
        config.clientKey = reader.string("client_key");
    if (!reader.ok())
        return std::unexpected(reader.error());
    return config;
}

std::expected<void, Error> InstallationConfig::save(const InstallLayout& layout) const
{
    auto list = [](const QStringList& items) {
        JsonArray array;
        for (const QString& item : items)
            array.emplace_back(item);
        return array;
    };
    JsonObject document{{"app", app}, {"channel", channel}, {"mirrors", list(mirrors)}, {"install_id", installId},
        {"skipped", list(skipped)}, {"held", held}};
    if (!caFile.isEmpty())
        document.emplace("ca_file", caFile);
    if (!publisherCa.isEmpty())
        document.emplace("publisher_ca", publisherCa);
    const std::pair<const char*, const QString*> access[] = {{"auth_origin", &authOrigin}, {"auth_user", &authUser},
        {"client_cert", &clientCert}, {"client_key", &clientKey}};
    for (const auto& [name, value] : access) {
        if (!value->isEmpty())
            document.emplace(name, *value);
    }
    return writeFileAtomically(path(layout), prettyJson(document));
}
