#pragma once
// The words of a string rule (fail_if, warn_unless, ...) and how a warehouse value
// matches them. Real producers do not spell as the runbook does: dbt writes "error",
// a CHAR(8) column holds "FAIL    ", and a boolean is "t" through libpq, "true"
// through ODBC and 1 in SQLite. So by default a match ignores ASCII case and trailing
// blanks, and the words "true" and "false" match every spelling of a boolean.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace opsctl {

class WordList {
  public:
    WordList(const std::vector<std::string>& words, bool case_sensitive);

    bool contains(std::string_view value) const;

  private:
    std::string comparable(std::string_view text) const;

    bool case_sensitive_;
    std::vector<std::string> words_;  // comparable forms
    bool has_true_ = false;
    bool has_false_ = false;
};

// true for "true", "t", "1"; false for "false", "f", "0" (any case, trailing blanks
// ignored); nullopt for anything else.
std::optional<bool> boolean_value(std::string_view text);

}  // namespace opsctl
