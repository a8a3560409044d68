#include "jsonparser.h"

#include "logging.h"

#include <limits>

namespace {

// One parse: a cursor over the input, the depth reached and the first error.
class Reader
{
public:
    Reader(QByteArrayView text, const JsonLimits& limits)
        : m_text(text)
        , m_limits(limits)
    { }

    std::expected<JsonValue, Error> document()
    {
        if (m_text.startsWith("\xEF\xBB\xBF"))
            return fail(JsonParser::tr("a byte-order mark is not allowed"));
        skipWhitespace();
        auto value = this->value(0);
        if (!value)
            return value;
        skipWhitespace();
        if (m_pos != m_text.size())
            return fail(JsonParser::tr("unexpected data after the end of the document"));
        return value;
    }

private:
    std::unexpected<Error> fail(const QString& what, Error::Code code = Error::Code::InvalidInput) const
    {
        return std::unexpected(Error{code, JsonParser::tr("Invalid JSON at byte %1: %2").arg(m_pos).arg(what)});
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    unsigned char peek() const { return atEnd() ? 0 : static_cast<unsigned char>(m_text[m_pos]); }

    void skipWhitespace()
    {
        while (!atEnd()) {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            ++m_pos;
        }
    }

    bool consumeLiteral(std::string_view literal)
    {
        if (m_text.size() - m_pos < qsizetype(literal.size()))
            return false;
        if (m_text.sliced(m_pos, literal.size()) != QByteArrayView(literal.data(), literal.size()))
            return false;
        m_pos += literal.size();
        return true;
    }

    std::expected<JsonValue, Error> value(int depth)
    {
        if (atEnd())
            return fail(JsonParser::tr("unexpected end of data"));
        switch (peek()) {
        case '{': return object(depth + 1);
        case '[': return array(depth + 1);
        case '"': {
            auto text = string();
            if (!text)
                return std::unexpected(text.error());
            return JsonValue(std::move(*text));
        }
        case 't':
            if (consumeLiteral("true"))
                return JsonValue(true);
            break;
        case 'f':
            if (consumeLiteral("false"))
                return JsonValue(false);
            break;
        case 'n':
            if (consumeLiteral("null"))
                return JsonValue(nullptr);
            break;
        default:
            if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
                return number();
        }
        return fail(JsonParser::tr("unexpected character"));
    }

    std::expected<JsonValue, Error> number()
    {
        const bool negative = peek() == '-';
        if (negative)
            ++m_pos;
        if (atEnd() || peek() < '0' || peek() > '9')
            return fail(JsonParser::tr("a digit is expected"));
        if (peek() == '0' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] >= '0' && m_text[m_pos + 1] <= '9')
            return fail(JsonParser::tr("numbers must not have leading zeros"));
        // Accumulate as a negative number, whose range is one larger than the positive one.
        qint64 result = 0;
        while (!atEnd() && peek() >= '0' && peek() <= '9') {
            const int digit = peek() - '0';
            if (result < (std::numeric_limits<qint64>::min() + digit) / 10)
                return fail(JsonParser::tr("the integer does not fit in 64 bits"), Error::Code::LimitExceeded);
            result = result * 10 - digit;
            ++m_pos;
        }
        if (peek() == '.' || peek() == 'e' || peek() == 'E')
            return fail(JsonParser::tr("floating-point numbers are not allowed in signed metadata"));
        if (!negative) {
            if (result == std::numeric_limits<qint64>::min())
                return fail(JsonParser::tr("the integer does not fit in 64 bits"), Error::Code::LimitExceeded);
            result = -result;
        }
        return JsonValue(result);
    }

    // Four hex digits of a \u escape.
    std::expected<char32_t, Error> hexQuad()
    {
        if (m_text.size() - m_pos < 4)
            return fail(JsonParser::tr("a \\u escape needs four hex digits"));
        char32_t unit = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_text[m_pos++];
            unit <<= 4;
            if (c >= '0' && c <= '9')
                unit |= char32_t(c - '0');
            else if (c >= 'a' && c <= 'f')
                unit |= char32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                unit |= char32_t(c - 'A' + 10);
            else
                return fail(JsonParser::tr("a \\u escape needs four hex digits"));
        }
        return unit;
    }

    static void appendUtf8(std::string& out, char32_t cp)
    {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }

    std::expected<void, Error> escape(std::string& out)
    {
        ++m_pos; // the backslash
        if (atEnd())
            return fail(JsonParser::tr("unexpected end of data in an escape"));
        const char c = m_text[m_pos++];
        switch (c) {
        case '"': out += '"'; return {};
        case '\\': out += '\\'; return {};
        case '/': out += '/'; return {};
        case 'b': out += '\b'; return {};
        case 'f': out += '\f'; return {};
        case 'n': out += '\n'; return {};
        case 'r': out += '\r'; return {};
        case 't': out += '\t'; return {};
        case 'u': break;
        default: --m_pos; return fail(JsonParser::tr("unknown escape"));
        }
        auto unit = hexQuad();
        if (!unit)
            return std::unexpected(unit.error());
        char32_t cp = *unit;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return fail(JsonParser::tr("a low surrogate without a high one is not valid Unicode"));
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (!consumeLiteral("\\u"))
                return fail(JsonParser::tr("a high surrogate must be followed by a low one"));
            auto low = hexQuad();
            if (!low)
                return std::unexpected(low.error());
            if (*low < 0xDC00 || *low > 0xDFFF)
                return fail(JsonParser::tr("a high surrogate must be followed by a low one"));
            cp = 0x10000 + ((cp - 0xD800) << 10) + (*low - 0xDC00);
        }
        appendUtf8(out, cp);
        return {};
    }

    // One UTF-8 encoded character of two to four bytes, checked as RFC 3629 says:
    // no overlong forms, no surrogates, nothing above U+10FFFF.
    std::expected<void, Error> multiByte(std::string& out)
    {
        const unsigned char lead = peek();
        int length = 0;
        char32_t cp = 0;
        char32_t minimum = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            cp = lead & 0x1F;
            minimum = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            cp = lead & 0x0F;
            minimum = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            cp = lead & 0x07;
            minimum = 0x10000;
        } else {
            return fail(JsonParser::tr("invalid UTF-8"));
        }
        if (m_text.size() - m_pos < length)
            return fail(JsonParser::tr("invalid UTF-8 (truncated character)"));
        for (int i = 1; i < length; ++i) {
            const auto next = static_cast<unsigned char>(m_text[m_pos + i]);
            if ((next & 0xC0) != 0x80)
                return fail(JsonParser::tr("invalid UTF-8"));
            cp = (cp << 6) | (next & 0x3F);
        }
        if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return fail(JsonParser::tr("invalid UTF-8 (overlong form, surrogate or out of range)"));
        out.append(m_text.data() + m_pos, length);
        m_pos += length;
        return {};
    }

    std::expected<std::string, Error> string()
    {
        ++m_pos; // the opening quote
        std::string out;
        while (true) {
            if (atEnd())
                return fail(JsonParser::tr("unterminated string"));
            const unsigned char c = peek();
            if (c == '"') {
                ++m_pos;
                return out;
            }
            if (c == '\\') {
                if (auto ok = escape(out); !ok)
                    return std::unexpected(ok.error());
            } else if (c >= 0x80) {
                if (auto ok = multiByte(out); !ok)
                    return std::unexpected(ok.error());
            } else {
                out += char(c);
                ++m_pos;
            }
        }
    }

    std::expected<JsonValue, Error> array(int depth)
    {
        if (depth > m_limits.maxDepth)
            return fail(
                JsonParser::tr("nested deeper than %1 levels").arg(m_limits.maxDepth), Error::Code::LimitExceeded);
        ++m_pos; // [
        JsonArray items;
        skipWhitespace();
        if (peek() == ']') {
            ++m_pos;
            return JsonValue(std::move(items));
        }
        while (true) {
            skipWhitespace();
            auto item = value(depth);
            if (!item)
                return item;
            items.push_back(std::move(*item));
            skipWhitespace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                return JsonValue(std::move(items));
            }
            return fail(
                atEnd() ? JsonParser::tr("unexpected end of data in an array") : JsonParser::tr("',' or ']' expected"));
        }
    }

    std::expected<JsonValue, Error> object(int depth)
    {
        if (depth > m_limits.maxDepth)
            return fail(
                JsonParser::tr("nested deeper than %1 levels").arg(m_limits.maxDepth), Error::Code::LimitExceeded);
        ++m_pos; // {
        JsonObject members;
        skipWhitespace();
        if (peek() == '}') {
            ++m_pos;
            return JsonValue(std::move(members));
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"')
                return fail(atEnd() ? JsonParser::tr("unexpected end of data in an object")
                                    : JsonParser::tr("a member name in quotes expected"));
            const qsizetype keyPos = m_pos;
            auto key = string();
            if (!key)
                return std::unexpected(key.error());
            if (members.contains(*key)) {
                m_pos = keyPos;
                return fail(JsonParser::tr("duplicate key \"%1\"").arg(QString::fromStdString(*key)));
            }
            skipWhitespace();
            if (peek() != ':')
                return fail(JsonParser::tr("':' expected"));
            ++m_pos;
            skipWhitespace();
            auto member = value(depth);
            if (!member)
                return member;
            members.emplace(std::move(*key), std::move(*member));
            skipWhitespace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                return JsonValue(std::move(members));
            }
            return fail(atEnd() ? JsonParser::tr("unexpected end of data in an object")
                                : JsonParser::tr("',' or '}' expected"));
        }
    }

    QByteArrayView m_text;
    const JsonLimits& m_limits;
    qsizetype m_pos = 0;
};

} // namespace

std::expected<JsonValue, Error> JsonParser::parse(QByteArrayView text) const
{
    if (text.size() > m_limits.maxBytes) {
        return std::unexpected(Error{Error::Code::LimitExceeded,
            tr("The JSON document is %1 bytes long; at most %2 bytes are accepted.")
                .arg(text.size())
                .arg(m_limits.maxBytes)});
    }
    auto result = Reader(text, m_limits).document();
    if (!result)
        qCDebug(lcTrust) << "refused JSON:" << result.error().message;
    return result;
}
