#include "statisticsping.h"

#include "net/httpexchange.h"
#include "net/httprequestpolicy.h"
#include "net/mirroraddress.h"
#include "upkeepversion.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QSysInfo>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

// Quiet by default; QT_LOGGING_RULES="upkeep.statistics.debug=true" shows every ping sent.
Q_LOGGING_CATEGORY(lcStatistics, "upkeep.statistics", QtWarningMsg)

// A field as sent: a name or a version, short and of URL-safe characters. Anything else (a
// path, a sentence, a user name that found its way into a field) goes out empty.
QString token(const QString& value)
{
    constexpr qsizetype kMaxLength = 64;
    const bool plain = value.size() <= kMaxLength && std::ranges::all_of(value, [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || QStringView(u"._+~-").contains(c);
    });
    return plain ? value : QString();
}

// The first of `mirrors` on a web server.
std::optional<MirrorAddress> firstServer(const QStringList& mirrors)
{
    for (const QString& mirror : mirrors) {
        if (auto address = MirrorAddress::parse(mirror); address && !address->isFolder())
            return *address;
    }
    return std::nullopt;
}

} // namespace

StatisticsPing::Platform StatisticsPing::Platform::current()
{
    return {QSysInfo::productType() + u'-' + QSysInfo::productVersion(), QSysInfo::currentCpuArchitecture(),
        QString::fromLatin1(UPKEEP_VERSION)};
}

StatisticsPing::StatisticsPing(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{ }

QString StatisticsPing::anonymousId(const QString& installId)
{
    if (installId.isEmpty())
        return {};
    const QByteArray digest
        = QCryptographicHash::hash("upkeep statistics\n" + installId.toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex().left(16));
}

QUrl StatisticsPing::url(const InstallationConfig& config, const History::Record& record, const Platform& platform)
{
    const std::optional<MirrorAddress> server = firstServer(config.mirrors);
    if (!server)
        return {};
    const std::pair<QString, QString> fields[] = {
        {u"app"_s, config.app},
        {u"kind"_s, History::toString(record.kind)},
        {u"from"_s, record.from},
        {u"to"_s, record.to},
        {u"channel"_s, record.channel},
        {u"outcome"_s, History::toString(record.outcome)},
        {u"os"_s, platform.os},
        {u"arch"_s, platform.arch},
        {u"upkeep"_s, platform.upkeep},
        {u"id"_s, anonymousId(config.installId)},
    };
    QStringList query;
    for (const auto& [name, value] : fields)
        query.append(name + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(token(value)))); // "+" as %2B
    QUrl url = HttpRequestPolicy::fileUrl(server->server(), u"statistics/event"_s);
    url.setQuery(query.join(u'&'), QUrl::StrictMode);
    url.setFragment({});
    return url;
}

bool StatisticsPing::send(
    const InstallationConfig& config, const std::shared_ptr<HttpRequestPolicy>& requests, const History::Record& record)
{
    const QUrl target = url(config, record);
    if (target.isEmpty()) {
        qCDebug(lcStatistics).noquote() << "No http or https mirror for" << config.app << "- no statistics sent.";
        return false;
    }
    if (!requests) {
        qCWarning(lcStatistics).noquote()
            << "No statistics sent: the certificate authority file" << config.caFile << "cannot be used.";
        return false;
    }
    auto* exchange = new HttpExchange(*m_network, *requests, target, {.stallTimeout = m_timeout});
    exchange->setParent(this);
    // `requests` goes into the handler: the exchange uses the policy until it ends.
    connect(exchange, &HttpExchange::finished, this, [this, exchange, requests, target] {
        exchange->deleteLater();
        const int status = exchange->answer().status;
        const bool delivered = !exchange->failure() && status / 100 == 2;
        if (!delivered) {
            qCInfo(lcStatistics).noquote()
                << "Statistics not delivered to" << HttpRequestPolicy::display(exchange->url()) << "-"
                << (exchange->failure() ? exchange->failure()->error->message : u"HTTP %1"_s.arg(status));
        }
        Q_EMIT finished(target, delivered);
    });
    qCDebug(lcStatistics).noquote() << "Sending" << HttpRequestPolicy::display(target);
    if (auto started = exchange->start(); !started) {
        qCWarning(lcStatistics).noquote() << "No statistics sent:" << started.error().message;
        delete exchange;
        return false;
    }
    return true;
}
