#pragma once
// CASE bands in a SELECT list (`CASE WHEN minutes_since_sync <= 60 THEN 'EXCELLENT'
// ... WHEN minutes_since_sync <= 720 THEN 'ACCEPTABLE' ELSE 'POOR' END`) read as warn
// and fail rules: each band's name says what it means (verdict_words), and where the
// severity rises the band's boundary becomes a rule on the compared column
// (warn_above 360, fail_above 720). Bands whose boundaries have no exact rule become
// rules on the label column instead (warn_if 'ACCEPTABLE', fail_if 'POOR').

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace opsctl {

struct BandReading {
    std::vector<std::pair<std::string, nlohmann::json>> rules;  // column, one-rule object
    std::vector<std::string> inferred;
    std::vector<std::string> not_inferred;
};

BandReading read_case_bands(std::string_view sql);

}  // namespace opsctl
