#include "repositoryfiles.h"

#include "support/testfiles.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

QJsonObject signedPart(const QString& path)
{
    return QJsonDocument::fromJson(readTestFile(path)).object().value(u"signed"_s).toObject();
}

QString newestMetadataFile(const QString& repository, const QString& role)
{
    const QRegularExpression name(u"^(\\d+)\\.%1\\.json$"_s.arg(QRegularExpression::escape(role)));
    int newest = 0;
    for (const QString& file : QDir(repository + u"/metadata"_s).entryList(QDir::Files)) {
        if (const auto match = name.match(file); match.hasMatch())
            newest = std::max(newest, match.captured(1).toInt());
    }
    return repository + u"/metadata/%1.%2.json"_s.arg(newest).arg(role);
}

QJsonObject targetsOf(const QString& repository, const QString& role)
{
    const QJsonObject part = signedPart(newestMetadataFile(repository, role));
    QJsonObject targets = part.value(u"targets"_s).toObject();
    if (role == u"targets"_s)
        return targets;
    // A channel's applications' roles (CHANNEL.APP) list its releases.
    for (const QJsonValue& delegated : part.value(u"delegations"_s).toObject().value(u"roles"_s).toArray()) {
        const QJsonObject below = targetsOf(repository, delegated.toObject().value(u"name"_s).toString());
        for (auto it = below.begin(); it != below.end(); ++it) {
            if (!targets.contains(it.key()))
                targets.insert(it.key(), it.value());
        }
    }
    return targets;
}

QString currentTargetFile(const QString& repository, const QString& role, const QString& path)
{
    const QString sha256 = targetsOf(repository, role)
                               .value(path)
                               .toObject()
                               .value(u"hashes"_s)
                               .toObject()
                               .value(u"sha256"_s)
                               .toString();
    const qsizetype slash = path.lastIndexOf(u'/');
    return repository + u"/targets/"_s + path.left(slash + 1) + sha256 + u'.' + path.mid(slash + 1);
}
