#include "asn1values.h"

#include <ctime>

using namespace Qt::StringLiterals;

QDateTime fromAsn1Time(const ASN1_TIME* time)
{
    std::tm parts{};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
        QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

Asn1TimeHandle toAsn1Time(const QDateTime& time)
{
    if (!time.isValid())
        return nullptr;
    return Asn1TimeHandle(ASN1_TIME_set(nullptr, time_t(time.toSecsSinceEpoch())));
}

QString serialText(const ASN1_INTEGER* serial)
{
    BignumHandle number(serial ? ASN1_INTEGER_to_BN(serial, nullptr) : nullptr);
    if (!number)
        return {};
    char* hex = BN_bn2hex(number.get());
    if (!hex)
        return {};
    QString text = QString::fromLatin1(hex);
    OPENSSL_free(hex);
    // BN_bn2hex writes whole bytes, so "0A..." keeps its zero; zero itself is "0", which `openssl` writes "00".
    // A negative serial (RFC 5280 asks clients to cope with them) keeps its sign in front: "-0A", as `openssl`.
    const qsizetype sign = text.startsWith(u'-') ? 1 : 0;
    if ((text.size() - sign) % 2 == 1)
        text.insert(sign, u'0');
    return text;
}

Asn1IntegerHandle serialFromText(const QString& text)
{
    QByteArray hex = text.toLatin1();
    hex.replace(':', QByteArray());
    const bool negative = hex.startsWith('-');
    if (negative)
        hex.remove(0, 1);
    if (hex.isEmpty() || hex.size() > 80)
        return nullptr;
    for (const char c : std::as_const(hex)) {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return nullptr;
    }
    BIGNUM* parsed = nullptr;
    if (BN_hex2bn(&parsed, hex.constData()) != int(hex.size())) {
        BN_free(parsed);
        return nullptr;
    }
    BignumHandle number(parsed);
    BN_set_negative(number.get(), negative ? 1 : 0);
    return Asn1IntegerHandle(BN_to_ASN1_INTEGER(number.get(), nullptr));
}

QString nameText(const X509_NAME* name)
{
    BioHandle bio(BIO_new(BIO_s_mem()));
    // RFC 2253 without escaping bytes above 0x7f: "O=Müller GmbH" stays readable.
    if (!name || !bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
        return {};
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QString::fromUtf8(data, length);
}

QString nameEntry(const X509_NAME* name, int nid)
{
    const int index = name ? X509_NAME_get_index_by_NID(name, nid, -1) : -1;
    if (index < 0)
        return {};
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
    if (length < 0)
        return {};
    QString text = QString::fromUtf8(reinterpret_cast<const char*>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}
