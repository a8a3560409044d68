#include "hex.h"

#include <QCoreApplication>

namespace {
int nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace

std::expected<QByteArray, Error> decodeHex(QByteArrayView hex)
{
    if (hex.size() % 2 != 0) {
        return std::unexpected(Error{Error::Code::InvalidInput,
            QCoreApplication::translate("Hex", "A hex string must have an even number of digits.")});
    }
    QByteArray bytes(hex.size() / 2, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const int high = nibble(hex[2 * i]);
        const int low = nibble(hex[2 * i + 1]);
        if (high < 0 || low < 0) {
            return std::unexpected(Error{Error::Code::InvalidInput,
                QCoreApplication::translate("Hex", "'%1' is not a hex string.")
                    .arg(QString::fromLatin1(hex.first(std::min<qsizetype>(hex.size(), 80))))});
        }
        bytes[i] = char((high << 4) | low);
    }
    return bytes;
}
