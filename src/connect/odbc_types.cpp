#include "opsctl/connect/odbc_types.h"

#include <fmt/format.h>

#include <vector>

namespace opsctl {

static_assert(sizeof(SQLWCHAR) == sizeof(char16_t), "unixODBC's SQLWCHAR is UTF-16");

OdbcFetch odbc_fetch_for(SQLSMALLINT sql_type) {
    switch (sql_type) {
        case SQL_TINYINT:
        case SQL_SMALLINT:
        case SQL_INTEGER:
        case SQL_BIGINT:
            return OdbcFetch::Integer;
        case SQL_DOUBLE:
        case SQL_FLOAT:
            return OdbcFetch::Double;
        case SQL_REAL:
            return OdbcFetch::Real;
        case SQL_BIT:
            return OdbcFetch::Bit;
        case SQL_TYPE_DATE:
        case SQL_DATE:
            return OdbcFetch::Date;
        case SQL_TYPE_TIMESTAMP:
        case SQL_TIMESTAMP:
            return OdbcFetch::Timestamp;
        case SQL_BINARY:
        case SQL_VARBINARY:
        case SQL_LONGVARBINARY:
            return OdbcFetch::Binary;
        default:
            // Decimals and numerics too: the driver's text keeps every digit and
            // the scale, which a double would not.
            return OdbcFetch::Text;
    }
}

std::u16string utf8_to_utf16(std::string_view text) {
    std::u16string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        char32_t code = 0xFFFD;
        size_t length = 1;
        if (byte < 0x80) {
            code = byte;
        } else if ((byte >> 5) == 0x6) {
            length = 2;
            code = byte & 0x1F;
        } else if ((byte >> 4) == 0xE) {
            length = 3;
            code = byte & 0x0F;
        } else if ((byte >> 3) == 0x1E) {
            length = 4;
            code = byte & 0x07;
        }
        if (length > 1) {
            if (i + length > text.size()) {
                code = 0xFFFD;
                length = 1;
            } else {
                for (size_t k = 1; k < length; ++k) {
                    const auto next = static_cast<unsigned char>(text[i + k]);
                    if ((next >> 6) != 0x2) {
                        code = 0xFFFD;
                        length = k;
                        break;
                    }
                    code = (code << 6) | (next & 0x3F);
                }
            }
        }
        i += length;
        if (code >= 0x10000) {
            code -= 0x10000;
            out.push_back(static_cast<char16_t>(0xD800 + (code >> 10)));
            out.push_back(static_cast<char16_t>(0xDC00 + (code & 0x3FF)));
        } else {
            out.push_back(static_cast<char16_t>(code));
        }
    }
    return out;
}

std::string utf16_to_utf8(std::u16string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char32_t code = text[i];
        if (code >= 0xD800 && code <= 0xDBFF && i + 1 < text.size() && text[i + 1] >= 0xDC00 &&
            text[i + 1] <= 0xDFFF) {
            code = 0x10000 + ((code - 0xD800) << 10) + (text[i + 1] - 0xDC00);
            ++i;
        } else if (code >= 0xD800 && code <= 0xDFFF) {
            code = 0xFFFD;
        }
        if (code < 0x80) {
            out.push_back(static_cast<char>(code));
        } else if (code < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (code >> 6)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else if (code < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (code >> 12)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (code >> 18)));
            out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
    }
    return out;
}

std::string format_odbc_date(const SQL_DATE_STRUCT& date) {
    return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::string format_odbc_timestamp(const SQL_TIMESTAMP_STRUCT& timestamp) {
    std::string text =
        fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", timestamp.year, timestamp.month,
                    timestamp.day, timestamp.hour, timestamp.minute, timestamp.second);
    // ODBC's fraction is in nanoseconds; engines opsctl reads keep microseconds.
    const unsigned long micros = timestamp.fraction / 1000;
    if (micros != 0) {
        std::string fraction = fmt::format("{:06}", micros);
        while (fraction.back() == '0') fraction.pop_back();
        text += "." + fraction;
    }
    return text;
}

namespace {

bool ok(SQLRETURN rc) {
    return rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO;
}

// Long values arrive in pieces: each call returns what fits and the rest waits.
bool read_text(SQLHSTMT statement, SQLUSMALLINT column, Cell& cell) {
    std::u16string text;
    char16_t buffer[2048];
    while (true) {
        SQLLEN indicator = 0;
        const SQLRETURN rc =
            SQLGetData(statement, column, SQL_C_WCHAR, buffer, sizeof(buffer), &indicator);
        if (rc == SQL_NO_DATA) break;
        if (!ok(rc)) return false;
        if (indicator == SQL_NULL_DATA) {
            cell = Cell::null();
            return true;
        }
        const size_t capacity = sizeof(buffer) / sizeof(buffer[0]) - 1;  // minus the NUL
        size_t got = capacity;
        if (indicator != SQL_NO_TOTAL &&
            static_cast<size_t>(indicator) / sizeof(char16_t) <= capacity) {
            got = static_cast<size_t>(indicator) / sizeof(char16_t);
        }
        text.append(buffer, got);
        if (rc == SQL_SUCCESS) break;  // SUCCESS_WITH_INFO (01004): more to come
    }
    cell = Cell::of(utf16_to_utf8(text));
    return true;
}

bool read_binary(SQLHSTMT statement, SQLUSMALLINT column, Cell& cell) {
    // Only the size is shown, as the SQLite connector does.
    size_t total = 0;
    unsigned char buffer[4096];
    while (true) {
        SQLLEN indicator = 0;
        const SQLRETURN rc =
            SQLGetData(statement, column, SQL_C_BINARY, buffer, sizeof(buffer), &indicator);
        if (rc == SQL_NO_DATA) break;
        if (!ok(rc)) return false;
        if (indicator == SQL_NULL_DATA) {
            cell = Cell::null();
            return true;
        }
        const bool more = rc == SQL_SUCCESS_WITH_INFO;
        total +=
            more || indicator == SQL_NO_TOTAL ? sizeof(buffer) : static_cast<size_t>(indicator);
        if (!more) break;
    }
    cell = Cell::of("<" + std::to_string(total) + " bytes>");
    return true;
}

template <typename T>
bool read_fixed(SQLHSTMT statement, SQLUSMALLINT column, SQLSMALLINT c_type, T& value,
                bool& is_null) {
    SQLLEN indicator = 0;
    const SQLRETURN rc = SQLGetData(statement, column, c_type, &value, sizeof(value), &indicator);
    if (!ok(rc)) return false;
    is_null = indicator == SQL_NULL_DATA;
    return true;
}

}  // namespace

bool read_odbc_cell(SQLHSTMT statement, SQLUSMALLINT column, OdbcFetch fetch, Cell& cell) {
    bool is_null = false;
    switch (fetch) {
        case OdbcFetch::Integer: {
            SQLBIGINT value = 0;
            if (!read_fixed(statement, column, SQL_C_SBIGINT, value, is_null)) return false;
            cell = is_null ? Cell::null() : Cell::of(std::to_string(value));
            return true;
        }
        case OdbcFetch::Double: {
            double value = 0;
            if (!read_fixed(statement, column, SQL_C_DOUBLE, value, is_null)) return false;
            // fmt prints the shortest text that reads back as the same double.
            cell = is_null ? Cell::null() : Cell::of(fmt::format("{}", value));
            return true;
        }
        case OdbcFetch::Real: {
            float value = 0;
            if (!read_fixed(statement, column, SQL_C_FLOAT, value, is_null)) return false;
            cell = is_null ? Cell::null() : Cell::of(fmt::format("{}", value));
            return true;
        }
        case OdbcFetch::Bit: {
            unsigned char value = 0;
            if (!read_fixed(statement, column, SQL_C_BIT, value, is_null)) return false;
            cell = is_null ? Cell::null() : Cell::of(value ? "true" : "false");
            return true;
        }
        case OdbcFetch::Date: {
            SQL_DATE_STRUCT value{};
            if (!read_fixed(statement, column, SQL_C_TYPE_DATE, value, is_null)) return false;
            cell = is_null ? Cell::null() : Cell::of(format_odbc_date(value));
            return true;
        }
        case OdbcFetch::Timestamp: {
            SQL_TIMESTAMP_STRUCT value{};
            if (!read_fixed(statement, column, SQL_C_TYPE_TIMESTAMP, value, is_null)) return false;
            cell = is_null ? Cell::null() : Cell::of(format_odbc_timestamp(value));
            return true;
        }
        case OdbcFetch::Binary:
            return read_binary(statement, column, cell);
        case OdbcFetch::Text:
            return read_text(statement, column, cell);
    }
    return false;
}

}  // namespace opsctl
