#pragma once

#include "json/jsonvalue.h"

#include <QByteArray>

// The canonical JSON form that TUF signs (securesystemslib's encode_canonical): object members
// sorted by key in code point order, no insignificant white space, integers in plain decimal,
// strings as raw UTF-8 with only '\' and '"' escaped (a newline stays a raw byte).
// Every JsonValue has a canonical form, since it cannot hold a floating-point number.
QByteArray canonicalJson(const JsonValue& value);
