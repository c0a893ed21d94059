#pragma once
// RFC 3986 percent-encoding, as URIs and the drivers that read them use it.

#include <string>
#include <string_view>

namespace opsctl {

struct PercentEncoding {
    bool upper_hex = true;        // %2F or %2f: drivers and people write both
    std::string_view keep;        // characters beside the unreserved ones left as they are
    bool keep_non_ascii = false;  // leave bytes of non-ASCII letters as they are
};

// Every byte but RFC 3986's unreserved ones (letters, digits, - . _ ~) and those
// `encoding` keeps as %XX: control characters always.
std::string percent_encoded(std::string_view text, PercentEncoding encoding = {});

// `text` with every %XX decoded; a '%' not followed by two hex digits stays.
std::string percent_decoded(std::string_view text);

}  // namespace opsctl
