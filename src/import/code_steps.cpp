#include "opsctl/import/code_steps.h"

#include <array>
#include <cctype>

#include "opsctl/core/text_trim.h"
#include "opsctl/import/shell_words.h"
#include "opsctl/import/sql_tokens.h"
#include "opsctl/translate/sql_lexer.h"

namespace opsctl {

namespace {

constexpr std::array kSqlLanguages = {"sql",    "postgresql", "postgres", "pgsql",   "snowflake",
                                      "mysql",  "sqlite",     "tsql",     "plpgsql", "trino",
                                      "duckdb", "redshift",   "bigquery", "hive",    "sparksql"};
constexpr std::array kShellLanguages = {"bash",          "sh",          "shell", "console", "zsh",
                                        "shell-session", "shellsession"};
constexpr std::array kQueryWords = {"SELECT", "WITH",    "SHOW",   "DESCRIBE",
                                    "DESC",   "EXPLAIN", "VALUES", "TABLE"};

template <size_t N>
bool is_one_of(const std::string& word, const std::array<const char*, N>& words) {
    for (const char* candidate : words) {
        if (word == candidate) return true;
    }
    return false;
}

bool has_semicolon(const std::string& sql) {
    for (const Token& token : lex_sql(sql)) {
        if (token.kind == TokenKind::Punctuation && sql[token.begin] == ';') return true;
    }
    return false;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) text += line + "\n";
    return text;
}

FenceSteps sql_steps(const MarkdownBlock& fence) {
    FenceSteps result;
    for (const SqlStatement& statement : split_statements(joined(fence.lines))) {
        StepDraft step;
        step.kind = DraftKind::Sql;
        step.title = statement.comment;
        step.sql = statement.text;
        step.line = fence.line + 1 + statement.line;
        result.steps.push_back(step);
    }
    return result;
}

class ShellBlockReader {
  public:
    explicit ShellBlockReader(const MarkdownBlock& fence) : fence_(fence) {}

    FenceSteps read() {
        for (index_ = 0; index_ < fence_.lines.size(); ++index_) read_line();
        return std::move(result_);
    }

  private:
    size_t line_number() const { return fence_.line + 1 + index_; }

    void read_line() {
        std::string line = trim_space(fence_.lines[index_]);
        if (line.empty()) {
            title_.clear();
            return;
        }
        if (line[0] == '#') {
            title_ = trim_space(line.substr(line.find_first_not_of('#')));
            return;
        }
        if (line.starts_with("$ ")) line = trim_space(line.substr(2));
        if (starts_query(line)) return read_query(line);
        read_command(line);
    }

    // A query runs to the line whose ';' ends it, or to a blank line.
    void read_query(std::string text) {
        StepDraft step;
        step.kind = DraftKind::Sql;
        step.title = title_;
        step.line = line_number();
        while (!has_semicolon(text) && index_ + 1 < fence_.lines.size() &&
               !trim_space(fence_.lines[index_ + 1]).empty()) {
            text += "\n" + fence_.lines[++index_];
        }
        step.sql = std::string(first_statement(text));
        result_.steps.push_back(step);
        title_.clear();
    }

    void read_command(std::string line) {
        const size_t number = line_number();
        while (!line.empty() && line.back() == '\\' && index_ + 1 < fence_.lines.size()) {
            line.pop_back();
            line += " " + trim_space(fence_.lines[++index_]);
        }
        StepDraft step;
        step.title = title_;
        step.line = number;
        const std::optional<ShellWords> words = split_shell_words(line);
        if (!words || !words->needs_shell.empty() || words->words.empty()) {
            step.kind = DraftKind::Manual;
            if (step.title.empty()) step.title = "Run " + line;
            step.notes.push_back(words ? "`" + line + "` needs a shell (" + words->needs_shell +
                                             "): a manual step, since shell steps run without one"
                                       : "`" + line + "` has an unterminated quote: a manual step");
        } else {
            step.kind = DraftKind::Shell;
            step.shell = words->words;
        }
        result_.steps.push_back(step);
        title_.clear();
    }

    const MarkdownBlock& fence_;
    size_t index_ = 0;
    std::string title_;
    FenceSteps result_;
};

}  // namespace

FenceSteps steps_of_fence(const MarkdownBlock& fence) {
    if (is_one_of(fence.language, kSqlLanguages)) return sql_steps(fence);
    if (is_one_of(fence.language, kShellLanguages)) return ShellBlockReader(fence).read();
    const std::string body = joined(fence.lines);
    if (fence.language.empty() && starts_query(body)) return sql_steps(fence);
    FenceSteps none;
    none.skipped = fence.language.empty()
                       ? "a code block without a language that is not a query: not imported"
                       : "a ```" + fence.language + " block: not imported (only SQL and shell)";
    return none;
}

bool starts_query(const std::string& line) {
    return is_one_of(leading_keyword(line), kQueryWords);
}

}  // namespace opsctl
