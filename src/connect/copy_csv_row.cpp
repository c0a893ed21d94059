#include "opsctl/connect/copy_csv_row.h"

namespace opsctl {

bool parse_copy_csv_row(std::string_view line, std::vector<Cell>& cells) {
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t count = 0;
    std::size_t at = 0;
    // Cells are reused row after row: assign() keeps their buffers, so a streamed
    // result allocates only while its widest values grow.
    while (true) {
        if (count == cells.size()) cells.emplace_back();
        Cell& cell = cells[count++];
        if (at < line.size() && line[at] == '"') {
            cell.is_null = false;
            cell.text.clear();
            ++at;
            while (true) {
                const std::size_t quote = line.find('"', at);
                if (quote == std::string_view::npos) return false;  // unterminated
                cell.text.append(line.substr(at, quote - at));
                at = quote + 1;
                if (at < line.size() && line[at] == '"') {
                    cell.text += '"';
                    ++at;
                    continue;
                }
                break;
            }
            if (at < line.size() && line[at] != ',') return false;  // text after the quote
        } else {
            std::size_t end = line.find(',', at);
            if (end == std::string_view::npos) end = line.size();
            const std::string_view field = line.substr(at, end - at);
            if (field.find('"') != std::string_view::npos) return false;
            cell.is_null = field.empty();
            cell.text.assign(field);
            at = end;
        }
        if (at >= line.size()) break;
        ++at;  // the ','
    }
    cells.resize(count);
    return true;
}

}  // namespace opsctl
