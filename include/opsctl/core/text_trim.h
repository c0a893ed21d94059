#pragma once
// Whitespace at both ends of a line of a document, as std::isspace sees it.

#include <string>
#include <string_view>

namespace opsctl {

std::string trim_space(std::string_view text);

}  // namespace opsctl
