#include "opsctl/import/step_import.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "opsctl/import/case_bands.h"
#include "opsctl/import/import_names.h"
#include "opsctl/import/key_inference.h"
#include "opsctl/import/select_list.h"
#include "opsctl/import/sql_tokens.h"
#include "opsctl/import/threshold_lifting.h"
#include "opsctl/runbook/statement_rule.h"
#include "opsctl/translate/sql_lexer.h"

namespace opsctl {

namespace {

using nlohmann::json;

class StepBuilder {
  public:
    StepBuilder(const StepDraft& draft, const StepPlace& place, std::vector<ReviewLine>& review)
        : draft_(draft), place_(place), review_(review) {}

    json build(std::set<std::string>& ids) {
        json step;
        std::string title = draft_.title;
        if (draft_.kind == DraftKind::Sql) {
            if (title.empty()) title = untitled_query();
        } else if (draft_.kind == DraftKind::Shell && title.empty()) {
            title = "Run " + draft_.shell.front();
            note(ReviewMark::NotInferred, "no comment above the command: titled \"" + title + "\"");
        }
        id_ = unique_name(slug_of(title, "step"), ids);
        step["id"] = id_;
        step["title"] = title;
        step["description"] = description();
        for (const std::string& text : draft_.notes) note(ReviewMark::NotInferred, text);
        if (draft_.kind == DraftKind::Sql) {
            add_sql(step);
        } else if (draft_.kind == DraftKind::Shell) {
            step["shell"] = draft_.shell;
            note(ReviewMark::Inferred, "shell step: " + json(draft_.shell).dump());
        } else {
            step["manual"] = true;
            note(ReviewMark::Inferred, "manual step");
        }
        flush_id();
        return step;
    }

  private:
    std::string description() const {
        std::string text = "Imported from the document, line " + std::to_string(draft_.line);
        if (!place_.group.empty()) text += " (" + place_.group + ")";
        return text + ".";
    }

    std::string untitled_query() {
        const std::vector<SqlToken> tokens = significant_tokens(draft_.sql);
        const SelectShape shape = describe_select(draft_.sql, tokens);
        std::string title = "Query";
        if (shape.from + 1 < tokens.size()) title += " " + tokens[shape.from + 1].text;
        pending_.push_back(
            {ReviewMark::NotInferred, "no comment above the statement: titled \"" + title + "\""});
        return title;
    }

    void add_sql(json& step) {
        if (const auto refused = refused_statement(draft_.sql)) {
            step.erase("description");
            step["description"] = description() + " Not a reading statement: " + *refused;
            step["manual"] = true;
            note(ReviewMark::NotInferred, "not a check (" + *refused + "): a manual step");
            return;
        }
        const std::string keyword = leading_keyword(draft_.sql);
        if (keyword == "SHOW" || keyword == "DESCRIBE" || keyword == "DESC") {
            step["sql"] = json{{place_.dialect, one_line_sql(first_statement(draft_.sql))}};
            step["report"] = true;
            note(ReviewMark::NotInferred, keyword + " is the engine's own statement: a " +
                                              place_.dialect +
                                              " variant only, skipped on other engines; report "
                                              "step");
            return;
        }
        ThresholdLifting lifted = lift_thresholds(draft_.sql);
        const BandReading bands = read_case_bands(lifted.sql);
        for (const auto& [column, rule] : bands.rules) add_rule(lifted.expect, column, rule);
        step["sql"] = lifted.sql;
        add_key(step, lifted.sql);
        for (const std::string& text : lifted.inferred) note(ReviewMark::Inferred, text);
        for (const std::string& text : bands.inferred) note(ReviewMark::Inferred, text);
        for (const std::string& text : lifted.not_inferred) note(ReviewMark::NotInferred, text);
        for (const std::string& text : bands.not_inferred) note(ReviewMark::NotInferred, text);
        add_rules(step, lifted);
    }

    void add_key(json& step, const std::string& sql) {
        const std::vector<SqlToken> tokens = significant_tokens(sql);
        const SelectShape shape = describe_select(sql, tokens);
        const KeyChoice key = infer_key(shape);
        if (key.columns.empty()) {
            note(shape.has_star() ? ReviewMark::NotInferred : ReviewMark::Inferred,
                 "no key: " + key.reason);
            return;
        }
        step["key"] = key.columns.size() == 1 ? json(key.columns[0]) : json(key.columns);
        note(ReviewMark::Inferred,
             fmt::format("key {}: {}", fmt::join(key.columns, ", "), key.reason));
    }

    void add_rules(json& step, const ThresholdLifting& lifted) {
        if (!lifted.expect.empty()) step["expect"] = lifted.expect;
        if (lifted.row_count) step["row_count"] = *lifted.row_count;
        if (lifted.on_empty) {
            step["on_empty"] = *lifted.on_empty;
        } else if (!lifted.expect.empty() && lifted.has_window) {
            step["on_empty"] = "warn";
            note(ReviewMark::NotInferred,
                 "no rows in the window warns (on_empty warn): set \"fail\" where rows must exist");
        }
        if (lifted.expect.empty() && !lifted.row_count) {
            step["report"] = true;
            note(ReviewMark::Inferred, "no threshold in the query: a report step");
            return;
        }
        if (!lifted.has_window) {
            note(ReviewMark::NotInferred,
                 "no time window: every row the relation holds is checked, however old");
        }
    }

    void note(ReviewMark mark, const std::string& text) { pending_.push_back({mark, text}); }

    void flush_id() {
        for (const auto& [mark, text] : pending_) {
            review_.push_back({mark, draft_.line, place_.runbook, place_.checklist, id_, text});
        }
        pending_.clear();
    }

    const StepDraft& draft_;
    const StepPlace& place_;
    std::vector<ReviewLine>& review_;
    std::string id_;
    std::vector<std::pair<ReviewMark, std::string>> pending_;
};

}  // namespace

json import_step(const StepDraft& draft, const StepPlace& place, std::set<std::string>& ids,
                 std::vector<ReviewLine>& review) {
    return StepBuilder(draft, place, review).build(ids);
}

}  // namespace opsctl
