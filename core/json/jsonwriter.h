#pragma once

#include "json/jsonvalue.h"

#include <QByteArray>

// Standard JSON text for files on disk: keys sorted, two-space indentation, control characters
// escaped (canonical JSON leaves them raw, which JSON.parse and others refuse). Signatures never
// cover these bytes; they cover canonicalJson() of the parsed `signed` object.
QByteArray prettyJson(const JsonValue& value);
