#pragma once
// Writes JSON as it goes, indented like nlohmann::json's dump(2), without building a
// document first: building and serialising a DOM was a quarter of a 1,000-check
// run. Text that is not valid UTF-8 (from a warehouse or a shell step) gets U+FFFD
// for each bad byte, as repair_utf8 does. The caller writes object members in the
// order it wants them; the JSON report writes them sorted, as nlohmann did.

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace opsctl {

class JsonWriter {
  public:
    explicit JsonWriter(std::ostream& out);
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    // The name of the next member of the current object; its value follows.
    void key(std::string_view name);

    void string(std::string_view text);
    void integer(std::int64_t number);
    // Shortest form that reads back as the same double; NaN and infinities as null.
    void number(double value);
    // A decimal exactly as written ("18446744073709551616"), when it is a JSON number;
    // otherwise it is written as a string, so the document stays valid.
    void exact_number(std::string_view text);
    void null();

    // Writes what is still buffered; call once the document is complete.
    void finish();

  private:
    struct Level {
        bool has_items = false;
    };
    void open(char bracket);
    void close(char bracket);
    void next_item();
    void before_value();
    void new_line();
    void append_quoted(std::string_view text);
    void flush_if_large();

    std::ostream& out_;
    std::string buffer_;
    std::vector<Level> levels_;
    bool after_key_ = false;
};

}  // namespace opsctl
