#include "history.h"

#include "logging.h"
#include "json/jsonlines.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

using namespace Qt::StringLiterals;

namespace {

const std::pair<History::Kind, const char*> kKindNames[] = {
    {History::Kind::Install, "install"},
    {History::Kind::Update, "update"},
    {History::Kind::Rollback, "rollback"},
    {History::Kind::Failure, "failure"},
};

const std::pair<History::Outcome, const char*> kOutcomeNames[] = {
    {History::Outcome::Installed, "installed"},
    {History::Outcome::RolledBackAutomatically, "rolled-back-automatically"},
    {History::Outcome::RolledBackByUser, "rolled-back-by-user"},
    {History::Outcome::Failed, "failed"},
    {History::Outcome::Interrupted, "interrupted"},
};

const std::pair<History::Transfer, const char*> kTransferNames[] = {
    {History::Transfer::Patch, "patch"},
    {History::Transfer::Full, "full"},
};

template <typename T, size_t N> QString nameOf(const std::pair<T, const char*> (&names)[N], T value)
{
    for (const auto& [known, name] : names) {
        if (known == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template <typename T, size_t N>
std::optional<T> valueOf(const std::pair<T, const char*> (&names)[N], const QString& name)
{
    for (const auto& [value, text] : names) {
        if (name == QLatin1StringView(text))
            return value;
    }
    return std::nullopt;
}

// The last `maxBytes` of `text` in UTF-8, starting on a character: the end of a health check's
// output is where it says what failed.
QString tail(const QString& text, qsizetype maxBytes)
{
    QByteArray utf8 = text.toUtf8();
    if (utf8.size() <= maxBytes)
        return text;
    qsizetype start = utf8.size() - maxBytes;
    while (start < utf8.size() && (uchar(utf8[start]) & 0xC0) == 0x80)
        ++start;
    return QString::fromUtf8(utf8.sliced(start));
}

std::optional<History::Record> parseRecord(const JsonValue& value)
{
    auto member = [&](std::string_view key) {
        const JsonValue* found = value.find(key);
        return found ? *found : JsonValue();
    };
    const auto kind = History::kindFromString(member("kind").toString());
    const auto outcome = History::outcomeFromString(member("outcome").toString());
    const QDateTime time = QDateTime::fromString(member("time").toString(), Qt::ISODateWithMs);
    if (!kind || !outcome || !time.isValid())
        return std::nullopt;
    History::Record record;
    record.time = time.toUTC();
    record.kind = *kind;
    record.outcome = *outcome;
    record.from = member("from").toString();
    record.to = member("to").toString();
    record.channel = member("channel").toString();
    record.bytes = member("bytes").toInteger();
    // Older histories do not say; Unknown, as for a name this version does not know.
    record.transfer = valueOf(kTransferNames, member("transfer").toString()).value_or(History::Transfer::Unknown);
    record.durationMs = member("duration_ms").toInteger();
    record.reason = member("reason").toString();
    record.healthOutput = member("health_output").toString();
    if (const JsonValue* signer = value.find("signer")) {
        auto facts = SignerFacts::fromJson(*signer);
        if (!facts)
            return std::nullopt;
        record.signer = *facts;
    }
    return record;
}

} // namespace

QString History::toString(Kind kind)
{
    return nameOf(kKindNames, kind);
}

QString History::toString(Outcome outcome)
{
    return nameOf(kOutcomeNames, outcome);
}

QString History::toString(Transfer transfer)
{
    return nameOf(kTransferNames, transfer);
}

std::optional<History::Kind> History::kindFromString(const QString& name)
{
    return valueOf(kKindNames, name);
}

std::optional<History::Outcome> History::outcomeFromString(const QString& name)
{
    return valueOf(kOutcomeNames, name);
}

std::expected<void, Error> History::append(const Record& record)
{
    JsonObject object{
        {"time", record.time.toUTC().toString(Qt::ISODateWithMs)},
        {"kind", toString(record.kind)},
        {"from", record.from},
        {"to", record.to},
        {"channel", record.channel},
        {"outcome", toString(record.outcome)},
        {"bytes", record.bytes},
        {"duration_ms", record.durationMs},
        {"reason", record.reason},
        {"health_output", tail(record.healthOutput, kMaxHealthOutputBytes)},
    };
    if (record.transfer != Transfer::Unknown)
        object.emplace("transfer", toString(record.transfer));
    if (record.signer)
        object.emplace("signer", record.signer->toJson());
    if (auto appended = JsonLines(m_path).append(object); !appended) {
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot write the history %1: %2.").arg(m_path, appended.error().message)});
    }
    qCDebug(lcInstall) << "history:" << toString(record.kind) << record.from << "->" << record.to
                       << toString(record.outcome);
    return {};
}

std::expected<std::vector<History::Record>, Error> History::records() const
{
    auto warn
        = [this](int number) {
              qCWarning(lcInstall).noquote()
                  << tr("The history %1 is damaged at line %2; skipping that line.").arg(m_path).arg(number);
          };
    auto lines = JsonLines(m_path).read(warn);
    if (!lines)
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot read the history %1: %2.").arg(m_path, lines.error().message)});
    std::vector<Record> records;
    for (const JsonLines::Line& line : *lines) {
        if (auto record = parseRecord(line.value))
            records.push_back(std::move(*record));
        else
            warn(line.number);
    }
    return records;
}
