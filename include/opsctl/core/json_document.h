#pragma once
// A JSON file parsed into nlohmann::json while remembering where every value and
// key starts, so that validation errors can name the file, line and column.
// nlohmann::json keeps no positions, so the DOM is built here from SAX events.
// Positions cost more than the parse itself and are needed only to explain a
// problem, so a valid file is parsed without them and located on the first request.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace opsctl {

// A value's JSON type for a message: "a string", "an object", "null", ...
std::string json_type_name(const nlohmann::json& value);

struct SourceLocation {
    size_t line = 0;    // 1-based
    size_t column = 0;  // 1-based, in bytes
};

class JsonDocument {
  public:
    // Limits that keep a hostile file from exhausting the stack or memory: deeper
    // nesting or a longer string is an error (a runbook needs about 6 levels).
    static constexpr size_t kMaxDepth = 64;
    static constexpr size_t kMaxStringBytes = size_t{1024} * 1024;

    // Parses `text`. On a syntax error or a broken limit, ok() is false and
    // syntax_error() says why and where (syntax_error_path() names the value for a
    // broken limit); duplicate keys in an object are collected in duplicate_keys().
    static JsonDocument parse(std::string text);

    bool ok() const { return !syntax_error_.has_value(); }
    const std::optional<std::pair<SourceLocation, std::string>>& syntax_error() const {
        return syntax_error_;
    }
    const std::string& syntax_error_path() const { return syntax_error_path_; }
    // Path and location of every key that appeared twice in the same object.
    const std::vector<std::pair<std::string, SourceLocation>>& duplicate_keys() const {
        return duplicate_keys_;
    }

    const nlohmann::json& root() const { return root_; }

    // A number exactly as the file spells it ("18446744073709551616", "0.1000000000000000001"):
    // nlohmann keeps a double, which rounds, and a threshold must not. Integers are
    // exact in the DOM; this answers for the members of objects that are not (nullptr
    // otherwise, e.g. for an integer, where value.dump() is exact).
    const std::string* number_spelling(const nlohmann::json& value) const;

    // Paths are written "checklists[0].steps[2].sql"; "" is the root.
    SourceLocation value_location(const std::string& path) const;
    SourceLocation key_location(const std::string& path) const;

  private:
    friend class JsonDocumentBuilder;
    SourceLocation locate(size_t offset) const;
    // Parses text_ again, recording every position (and every problem) on the way.
    void parse_with_positions();
    void ensure_positions() const;

    std::string text_;
    std::vector<size_t> line_starts_;  // offset of each line's first byte
    nlohmann::json root_;
    // Object members' addresses are stable (nlohmann objects are std::maps), so a
    // parsed float's spelling is found by the address of its value.
    std::map<const nlohmann::json*, std::string> number_spellings_;
    // Filled by parse_with_positions(), at once for a file with a problem, otherwise
    // on the first value_location() or key_location().
    mutable bool has_positions_ = false;
    mutable std::map<std::string, size_t> value_offsets_;
    mutable std::map<std::string, size_t> key_offsets_;
    std::optional<std::pair<SourceLocation, std::string>> syntax_error_;
    std::string syntax_error_path_;
    std::vector<std::pair<std::string, SourceLocation>> duplicate_keys_;
};

}  // namespace opsctl
