#include "releasefixture.h"

#include "support/testbytes.h"
#include "support/testfiles.h"

#include <QCryptographicHash>
#include <QFile>

using namespace Qt::StringLiterals;

std::map<QString, QByteArray> ReleaseFixture::files(int n, Break broken)
{
    const bool last = n == 2;
    const QByteArray check = last && broken == Break::HealthCheckFails ? "echo broken >&2; exit 1"_ba : "exit 0"_ba;
    QByteArray library = randomBytes(96 * 1024, 7);
    for (int i = 1; i <= n; ++i) {
        for (qsizetype at = 311 * i; at < library.size(); at += 8000)
            library[at] = char(library[at] ^ (0x11 * i));
    }
    return {
        {u"bin/app"_s,
            "#!/bin/sh\nif [ \"$1\" = --check ]; then "_ba + check + "; fi\necho app "_ba + version(n).toUtf8() + '\n'},
        {u"lib/libapp.so.1"_s, library},
        {u"share/data.bin"_s, randomBytes(64 * 1024, 3)},
        {u"share/new-in-%1.bin"_s.arg(version(n)), randomBytes(24 * 1024, quint32(100 + n))},
    };
}

QString ReleaseFixture::sha256(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

ReleaseFixture::ReleaseFixture(Break broken, int releases)
    : m_repository(std::make_unique<TestRepository>(QDateTime::currentDateTimeUtc()))
{
    for (int n = 0; n < releases; ++n)
        publish(n, broken);
}

void ReleaseFixture::publish(int n, Break broken, const QString& minimumFrom)
{
    const QString source = m_dir.filePath(u"source-"_s + version(n));
    writeTestFiles(source, files(n, broken));
    QFile::link(u"libapp.so.1"_s, source + u"/lib/libapp.so"_s);
    if (n == 2 && broken == Break::NotExecutable) {
        QFile::setPermissions(
            source + u"/bin/app"_s, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    ReleasePublisher::Options options;
    options.app = u"app"_s;
    options.version = version(n);
    options.channel = u"stable"_s;
    options.source = source;
    options.healthCheck = u"bin/app --check"_s;
    options.healthCheckTimeout = 10;
    options.minimumFrom = minimumFrom;
    m_repository->publishRelease(options);
}
