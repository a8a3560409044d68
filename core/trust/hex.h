#pragma once

#include "error.h"

#include <QByteArray>
#include <QByteArrayView>

// Strict hex decoding: an even number of hex digits and nothing else. (QByteArray::fromHex
// skips what it cannot read, which would let a mangled key or signature slip through.)
std::expected<QByteArray, Error> decodeHex(QByteArrayView hex);
