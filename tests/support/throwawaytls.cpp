#include "throwawaytls.h"

#include "testfiles.h"
#include "testprogram.h"

#include <QFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {

const QStringList kNewKey{u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s, u"-nodes"_s};

} // namespace

ThrowawayTls::ThrowawayTls(QString folder)
    : m_folder(std::move(folder))
{ }

bool ThrowawayTls::available()
{
    return !QStandardPaths::findExecutable(u"openssl"_s).isEmpty();
}

bool ThrowawayTls::selfSigned(const QString& name)
{
    const bool made = openssl(QStringList{u"req"_s, u"-x509"_s} + kNewKey
        + QStringList{
            u"-keyout"_s, key(name), u"-out"_s, certificate(name), u"-days"_s, u"2"_s, u"-subj"_s, u"/CN="_s + name});
    keepKeyPrivate(name);
    return made;
}

bool ThrowawayTls::server(const QString& name, const QString& ca)
{
    return signedBy(name, ca, "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
}

bool ThrowawayTls::client(const QString& name, const QString& ca)
{
    return signedBy(name, ca, "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
}

bool ThrowawayTls::signedBy(const QString& name, const QString& ca, const QByteArray& extensions)
{
    const QString request = m_folder + u'/' + name + u".csr"_s;
    const QString extensionFile = m_folder + u'/' + name + u".ext"_s;
    writeTestFile(extensionFile, extensions);
    const bool made = openssl(QStringList{u"req"_s} + kNewKey
                          + QStringList{u"-keyout"_s, key(name), u"-out"_s, request, u"-subj"_s, u"/CN="_s + name})
        && openssl({u"x509"_s, u"-req"_s, u"-in"_s, request, u"-CA"_s, certificate(ca), u"-CAkey"_s, key(ca),
            u"-CAcreateserial"_s, u"-out"_s, certificate(name), u"-days"_s, u"2"_s, u"-extfile"_s, extensionFile});
    keepKeyPrivate(name);
    return made;
}

QString ThrowawayTls::certificate(const QString& name) const
{
    return m_folder + u'/' + name + u".pem"_s;
}

QString ThrowawayTls::key(const QString& name) const
{
    return m_folder + u'/' + name + u".key"_s;
}

QByteArray ThrowawayTls::passwordLine(const QString& user, const QString& password) const
{
    QString hash;
    if (!openssl({u"passwd"_s, u"-5"_s, password}, &hash))
        return {};
    return user.toUtf8() + ':' + hash.toUtf8() + '\n';
}

bool ThrowawayTls::openssl(const QStringList& arguments, QString* output) const
{
    const ProgramRun run
        = TestProgram(QStandardPaths::findExecutable(u"openssl"_s), {.workingDirectory = m_folder}).run(arguments);
    if (output)
        *output = run.out.trimmed();
    return run.exitCode == 0;
}

void ThrowawayTls::keepKeyPrivate(const QString& name) const
{
    QFile::setPermissions(key(name), QFile::ReadOwner | QFile::WriteOwner);
}
