#include "numberoption.h"

NumberOption::NumberOption(QCommandLineOption option, QString misuse, int minimum, int maximum)
    : m_option(std::move(option))
    , m_misuse(std::move(misuse))
    , m_minimum(minimum)
    , m_maximum(maximum)
{ }

std::expected<int, Error> NumberOption::parse(const QString& text) const
{
    bool number = false;
    const qlonglong value = text.toLongLong(&number, 10);
    if (!number || value < m_minimum || value > m_maximum)
        return std::unexpected(Error{Error::Code::Usage, m_misuse});
    return int(value);
}

std::expected<int, Error> NumberOption::value(const QCommandLineParser& parser, int fallback) const
{
    if (!parser.isSet(m_option))
        return fallback;
    return parse(parser.value(m_option));
}
