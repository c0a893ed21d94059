#include "opsctl/import/drift_check.h"

#include <algorithm>

#include "opsctl/core/ascii_case.h"
#include "opsctl/core/error.h"
#include "opsctl/import/sql_tokens.h"
#include "opsctl/runbook/loader.h"
#include "opsctl/runbook/variables.h"
#include "opsctl/translate/sql_lexer.h"

namespace opsctl {

namespace {

// A checklist with its variables bound: thresholds and SQL as they would run.
struct BoundChecklist {
    const Runbook* runbook = nullptr;
    Checklist checklist;
    VariableValues literals;
};

BoundChecklist bound(const Runbook& runbook, const Checklist& checklist) {
    const VariableValues values = effective_variables(runbook, checklist, {});
    return {&runbook, bind_checklist(checklist, values), sql_literals(runbook, checklist, values)};
}

template <typename T>
const T* match(const std::vector<T>& candidates, const std::string& title, const std::string& name,
               std::string T::*title_of, std::string T::*name_of) {
    for (const T& candidate : candidates) {
        if (!title.empty() && equals_ignoring_ascii_case(candidate.*title_of, title))
            return &candidate;
    }
    for (const T& candidate : candidates) {
        if (candidate.*name_of == name) return &candidate;
    }
    return nullptr;
}

// The statement's tokens, words in lower case, one blank apart: `as` and `AS`, or a
// line break and a blank, are the same SQL; comments are not part of it.
std::string comparable_sql(const std::string& sql) {
    std::string text;
    for (const SqlToken& token : significant_tokens(first_statement(sql))) {
        const std::string word =
            token.kind == TokenKind::Word ? ascii_lower(token.text) : token.text;
        text += (text.empty() ? "" : " ") + word;
    }
    return text;
}

// A rule as describe_rule() words it, without the variable a value came from: a
// threshold is the same whether written as 360 or as ${limit} = 360.
std::string rule_text(const Rule& rule) {
    std::string text = describe_rule(rule);
    if (!rule.variable.empty()) {
        const std::string suffix = " (${" + rule.variable + "})";
        if (text.size() >= suffix.size() &&
            text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0) {
            text.erase(text.size() - suffix.size());
        }
    }
    return ascii_lower(text);
}

std::string sql_of(const Step& step, const VariableValues& literals) {
    std::string text;
    for (const auto& [dialect, sql] : step.sql) {
        text += (text.empty() ? "" : " | ") + (dialect.empty() ? "" : dialect + ": ") +
                comparable_sql(substitute_variables(sql, literals));
    }
    return text;
}

std::string rules_of(const Step& step) {
    std::vector<std::string> rules;
    for (const Expectation& expectation : step.expectations) {
        for (const Rule& rule : expectation.rules) {
            rules.push_back(ascii_lower(expectation.column) + " " + rule_text(rule));
        }
    }
    for (const Rule& rule : step.row_count_rules) {
        rules.push_back("row_count " + rule_text(rule));
    }
    std::sort(rules.begin(), rules.end());
    std::string text;
    for (const std::string& rule : rules) text += (text.empty() ? "" : "; ") + rule;
    return text.empty() ? "none" : text;
}

std::string shell_of(const Step& step) {
    std::string text;
    for (const std::string& word : step.shell) text += (text.empty() ? "" : " ") + word;
    return text;
}

class DriftFinder {
  public:
    std::vector<Drift> find(const std::vector<Runbook>& document, const Catalog& runbooks) {
        for (const Runbook& runbook : document) {
            const Runbook* other = match(runbooks.runbooks, runbook.title, runbook.name,
                                         &Runbook::title, &Runbook::name);
            if (!other) {
                add(runbook.name, "runbook only in the document (\"" + runbook.title + "\")");
                continue;
            }
            compare_runbooks(runbook, *other);
        }
        for (const Runbook& runbook : runbooks.runbooks) {
            if (!match(document, runbook.title, runbook.name, &Runbook::title, &Runbook::name)) {
                add(runbook.name,
                    "runbook only in the runbooks folder (\"" + runbook.title + "\")");
            }
        }
        return std::move(drift_);
    }

  private:
    void compare_runbooks(const Runbook& document, const Runbook& runbooks) {
        for (const Checklist& checklist : document.checklists) {
            const std::string where = document.name + "/" + checklist.name;
            const Checklist* other = match(runbooks.checklists, checklist.title, checklist.name,
                                           &Checklist::title, &Checklist::name);
            if (!other) {
                add(where, "checklist only in the document (\"" + checklist.title + "\")");
                continue;
            }
            compare_checklists(where, bound(document, checklist), bound(runbooks, *other));
        }
        for (const Checklist& checklist : runbooks.checklists) {
            if (!match(document.checklists, checklist.title, checklist.name, &Checklist::title,
                       &Checklist::name)) {
                add(document.name + "/" + checklist.name,
                    "checklist only in the runbooks folder (\"" + checklist.title + "\")");
            }
        }
    }

    void compare_checklists(const std::string& where, const BoundChecklist& document,
                            const BoundChecklist& runbooks) {
        differ(where, "schedule", document.checklist.schedule, runbooks.checklist.schedule);
        differ(where, "owner", document.checklist.owner, runbooks.checklist.owner);
        for (const Step& step : document.checklist.steps) {
            const Step* other =
                match(runbooks.checklist.steps, step.title, step.id, &Step::title, &Step::id);
            if (!other) {
                add(where + "/" + step.id, "step only in the document (\"" + step.title + "\")");
                continue;
            }
            compare_steps(where + "/" + step.id, step, document.literals, *other,
                          runbooks.literals);
        }
        for (const Step& step : runbooks.checklist.steps) {
            if (!match(document.checklist.steps, step.title, step.id, &Step::title, &Step::id)) {
                add(where + "/" + step.id,
                    "step only in the runbooks folder (\"" + step.title + "\")");
            }
        }
    }

    void compare_steps(const std::string& where, const Step& document,
                       const VariableValues& document_literals, const Step& runbooks,
                       const VariableValues& runbooks_literals) {
        if (document.kind != runbooks.kind) {
            add(where, "kind: document " + std::string(to_string(document.kind)) + ", runbooks " +
                           std::string(to_string(runbooks.kind)));
            return;
        }
        differ(where, "sql", sql_of(document, document_literals),
               sql_of(runbooks, runbooks_literals));
        differ(where, "shell", shell_of(document), shell_of(runbooks));
        if (document.kind == StepKind::Sql) {
            differ(where, "thresholds", rules_of(document), rules_of(runbooks));
        }
    }

    void differ(const std::string& where, const std::string& what, const std::string& document,
                const std::string& runbooks) {
        if (document == runbooks) return;
        add(where, what + ": document " + (document.empty() ? "(none)" : document) + "; runbooks " +
                       (runbooks.empty() ? "(none)" : runbooks));
    }

    void add(const std::string& where, const std::string& what) { drift_.push_back({where, what}); }

    std::vector<Drift> drift_;
};

std::vector<Runbook> loaded(const ImportResult& document) {
    std::vector<Runbook> runbooks;
    for (const ImportedRunbook& imported : document.runbooks) {
        LoadResult result = load_runbook_text(imported.json.dump(2), imported.name + ".json");
        if (!result.runbook) {
            throw Error("internal error: the imported runbook " + imported.name +
                        " does not validate");
        }
        runbooks.push_back(std::move(*result.runbook));
    }
    return runbooks;
}

}  // namespace

std::vector<Drift> find_drift(const ImportResult& document, const Catalog& runbooks) {
    return DriftFinder().find(loaded(document), runbooks);
}

}  // namespace opsctl
