#include "error.h"

using namespace Qt::StringLiterals;

Error Error::prefixed(const QString& context) const
{
    return Error{code, context + u": "_s + message};
}
