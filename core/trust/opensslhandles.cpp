#include "opensslhandles.h"

#include <QByteArray>

#include <openssl/err.h>

QByteArray takeOpenSslError()
{
    const unsigned long code = ERR_peek_last_error();
    char text[256] = {};
    if (code != 0)
        ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return QByteArray(text);
}
