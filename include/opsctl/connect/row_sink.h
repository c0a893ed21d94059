#pragma once
// What a connector hands to whoever reads a query's result: the column names once,
// then each row as it arrives, so that a large result is never held in memory.

#include <string>
#include <vector>

namespace opsctl {

struct Cell {
    bool is_null = true;
    std::string text;  // the value as text (numbers in their shortest exact form)
    // Kept for a report and cut (evaluate/kept_value.h): the value's whole length in
    // bytes. 0: `text` is the whole value.
    size_t full_bytes = 0;

    static Cell null() { return {}; }
    static Cell of(std::string value) { return {false, std::move(value)}; }
};

class RowSink {
  public:
    virtual ~RowSink() = default;
    virtual void on_columns(const std::vector<std::string>& names) = 0;
    virtual void on_row(const std::vector<Cell>& cells) = 0;
};

}  // namespace opsctl
