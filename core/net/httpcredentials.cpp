#include "httpcredentials.h"

#include "net/responseclassifier.h"

QUrl HttpCredentials::originOf(const QUrl& url)
{
    QUrl origin;
    origin.setScheme(url.scheme());
    origin.setHost(url.host());
    origin.setPort(url.port());
    return origin;
}

bool HttpCredentials::appliesTo(const QUrl& url) const
{
    return !origin.isEmpty() && ResponseClassifier::sameOrigin(origin, url);
}

QByteArray HttpCredentials::authorization() const
{
    if (user.isEmpty())
        return {};
    return "Basic " + (user + u':' + password).toUtf8().toBase64();
}
