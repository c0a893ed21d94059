#include "opsctl/translate/dialect_translator.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "opsctl/translate/sql_lexer.h"

namespace opsctl {

std::string canonical_date_part(std::string part) {
    if (part.size() >= 2 && part.front() == '\'' && part.back() == '\'') {
        part = part.substr(1, part.size() - 2);
    }
    std::transform(part.begin(), part.end(), part.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const std::map<std::string, std::string> kAliases{
        {"year", "year"},
        {"years", "year"},
        {"y", "year"},
        {"yy", "year"},
        {"yyyy", "year"},
        {"quarter", "quarter"},
        {"quarters", "quarter"},
        {"q", "quarter"},
        {"month", "month"},
        {"months", "month"},
        {"mm", "month"},
        {"mon", "month"},
        {"week", "week"},
        {"weeks", "week"},
        {"w", "week"},
        {"wk", "week"},
        {"day", "day"},
        {"days", "day"},
        {"d", "day"},
        {"dd", "day"},
        {"hour", "hour"},
        {"hours", "hour"},
        {"h", "hour"},
        {"hh", "hour"},
        {"minute", "minute"},
        {"minutes", "minute"},
        {"mi", "minute"},
        {"min", "minute"},
        {"second", "second"},
        {"seconds", "second"},
        {"s", "second"},
        {"sec", "second"},
    };
    const auto found = kAliases.find(part);
    return found == kAliases.end() ? std::string() : found->second;
}

namespace {

std::string upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

// A character that continues an identifier or number in SQL (PostgreSQL allows '$').
bool is_word_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

bool is_trivia(const Token& token) {
    return token.kind == TokenKind::Space || token.kind == TokenKind::Comment;
}

// Calls nested deeper than this (DATE(DATE(DATE(...)))) are refused: each level is
// translated by a recursive call, and hostile SQL must not exhaust the stack.
constexpr int kMaxCallDepth = 32;

class Translator {
  public:
    Translator(const std::string& sql, const TranslationOptions& options, int depth)
        : sql_(sql),
          options_(options),
          depth_(depth),
          tokens_(lex_sql(sql, {options.source_dialect == "snowflake"})) {
        if (depth_ > kMaxCallDepth) {
            throw TranslationError("function calls nested deeper than " +
                                   std::to_string(kMaxCallDepth) + " levels");
        }
        match_parentheses();
    }

    std::string run() {
        std::string out;
        size_t i = 0;
        while (i < tokens_.size()) {
            const Token& token = tokens_[i];
            if (token.kind == TokenKind::Word && !follows_dot(i)) {
                if (auto rewritten = rewrite_at(i)) {
                    out += rewritten->first;
                    i = rewritten->second;
                    // "CURRENT_DATE()$$" became "CURRENT_DATE$$": without the parentheses
                    // the next token would join the word (found by fuzzing).
                    if (i < tokens_.size() && is_word_char(out.back()) &&
                        is_word_char(sql_[tokens_[i].begin])) {
                        out += ' ';
                    }
                    continue;
                }
            }
            out += text(token);
            ++i;
        }
        return out;
    }

  private:
    // closing_[i]: the index of the ')' closing the '(' at token i (npos: unclosed), so
    // that finding a call's end never rescans the rest of the text.
    void match_parentheses() {
        closing_.assign(tokens_.size(), std::string::npos);
        std::vector<size_t> open;
        for (size_t i = 0; i < tokens_.size(); ++i) {
            if (is_punct(i, '(')) {
                open.push_back(i);
            } else if (is_punct(i, ')') && !open.empty()) {
                closing_[open.back()] = i;
                open.pop_back();
            }
        }
    }

    std::string_view text(const Token& token) const {
        return std::string_view(sql_).substr(token.begin, token.end - token.begin);
    }

    size_t next_significant(size_t i) const {
        while (i < tokens_.size() && is_trivia(tokens_[i])) ++i;
        return i;
    }

    bool is_punct(size_t i, char c) const {
        return i < tokens_.size() && tokens_[i].kind == TokenKind::Punctuation &&
               sql_[tokens_[i].begin] == c;
    }

    // schema.date(x) is somebody's own function, not DATE(x).
    bool follows_dot(size_t i) const {
        while (i > 0) {
            --i;
            if (!is_trivia(tokens_[i])) return is_punct(i, '.');
        }
        return false;
    }

    struct Call {
        std::vector<std::string> args;  // raw argument texts
        size_t after;                   // index of the token after ')'
    };

    // The call whose '(' is at token `open`.
    Call parse_call(size_t open, const std::string& name) const {
        Call call;
        int depth = 0;
        size_t arg_begin = tokens_[open].end;
        if (closing_[open] == std::string::npos) throw TranslationError(name + "( is never closed");
        for (size_t i = open; i <= closing_[open]; ++i) {
            if (is_punct(i, '(')) {
                ++depth;
            } else if (is_punct(i, ')')) {
                if (--depth == 0) {
                    call.args.emplace_back(sql_.substr(arg_begin, tokens_[i].begin - arg_begin));
                    call.after = i + 1;
                    if (call.args.size() == 1 &&
                        call.args[0].find_first_not_of(" \t\r\n") == std::string::npos) {
                        call.args.clear();
                    }
                    return call;
                }
            } else if (depth == 1 && is_punct(i, ',')) {
                call.args.emplace_back(sql_.substr(arg_begin, tokens_[i].begin - arg_begin));
                arg_begin = tokens_[i].end;
            }
        }
        throw TranslationError(name + "( is never closed");
    }

    std::string translate_arg(const std::string& arg) const {
        return Translator(arg, options_, depth_ + 1).run();
    }

    static std::string trim(const std::string& text) {
        const auto first = text.find_first_not_of(" \t\r\n");
        if (first == std::string::npos) return {};
        const auto last = text.find_last_not_of(" \t\r\n");
        return text.substr(first, last - first + 1);
    }

    std::string date_part(const std::string& function, const std::string& arg) const {
        // Comments may stand wherever spaces may: DATEADD(/* unit */ day, ...).
        std::string bare;
        for (const Token& token : lex_sql(arg)) {
            if (token.kind != TokenKind::Comment)
                bare += arg.substr(token.begin, token.end - token.begin);
        }
        std::string part = canonical_date_part(trim(bare));
        if (part.empty()) {
            throw TranslationError(function + ": unknown date part " + trim(arg) +
                                   " (year, quarter, month, week, day, hour, minute, second)");
        }
        return part;
    }

    const std::string& target() const { return options_.target_dialect; }

    std::string current_date() const {
        if (!options_.as_of) return target() == "snowflake" ? "CURRENT_DATE()" : "CURRENT_DATE";
        const std::string day = format_date(*options_.as_of);
        if (target() == "sqlite") return "'" + day + "'";
        if (target() == "snowflake") return "TO_DATE('" + day + "')";
        return "DATE '" + day + "'";
    }

    std::string current_timestamp() const {
        if (!options_.as_of) {
            return target() == "snowflake" ? "CURRENT_TIMESTAMP()" : "CURRENT_TIMESTAMP";
        }
        const std::string instant = format_timestamp(*options_.as_of);
        if (target() == "sqlite") return "'" + instant + "'";
        if (target() == "snowflake") return "TO_TIMESTAMP_NTZ('" + instant + "')";
        return "TIMESTAMP '" + instant + "'";
    }

    // The replacement text and the index of the first token after what it replaces.
    std::optional<std::pair<std::string, size_t>> rewrite_at(size_t i) const {
        const std::string name = upper(text(tokens_[i]));
        const size_t open = next_significant(i + 1);
        const bool called = is_punct(open, '(');

        if (name == "CURRENT_DATE" || name == "CURRENT_TIMESTAMP") {
            size_t after = i + 1;
            if (called) {
                // Only "()" is ours; CURRENT_TIMESTAMP(3) is left alone. Decided without
                // reading the arguments, which may be the rest of a huge text.
                if (closing_[open] == std::string::npos) {
                    throw TranslationError(name + "( is never closed");
                }
                size_t inside = open + 1;
                while (inside < closing_[open] && tokens_[inside].kind == TokenKind::Space)
                    ++inside;
                if (inside != closing_[open]) return std::nullopt;
                after = closing_[open] + 1;
                // "CURRENT_DATE()()" is not SQL we know; rewritten, its second "()" would
                // make a new call of the first (found by fuzzing). Left to the server.
                if (is_punct(next_significant(after), '(')) return std::nullopt;
            }
            return std::make_pair(name == "CURRENT_DATE" ? current_date() : current_timestamp(),
                                  after);
        }
        if (!called) return std::nullopt;
        if (name != "DATEADD" && name != "DATE_TRUNC" && name != "DATE") return std::nullopt;

        const Call call = parse_call(open, name);
        std::vector<std::string> args;
        for (const auto& arg : call.args) args.push_back(trim(arg));
        const auto arity = [&](size_t wanted) {
            if (args.size() != wanted) {
                throw TranslationError(name + " takes " + std::to_string(wanted) +
                                       " arguments, found " + std::to_string(args.size()));
            }
        };
        std::string out;
        if (name == "DATEADD") {
            arity(3);
            const std::string part = date_part(name, args[0]);
            const std::string amount = translate_arg(args[1]);
            const std::string base = translate_arg(args[2]);
            if (target() == "postgresql") {
                const std::string interval =
                    part == "quarter" ? "INTERVAL '3 month'" : "INTERVAL '1 " + part + "'";
                out = "(" + base + " + (" + amount + ") * " + interval + ")";
            } else {
                out = "DATEADD('" + part + "', " + amount + ", " + base + ")";
            }
        } else if (name == "DATE_TRUNC") {
            arity(2);
            out = "DATE_TRUNC('" + date_part(name, args[0]) + "', " + translate_arg(args[1]) + ")";
        } else {
            arity(1);
            const std::string value = translate_arg(args[0]);
            out = target() == "postgresql" ? "CAST(" + value + " AS DATE)"
                                           : std::string(text(tokens_[i])) + "(" + value + ")";
        }
        return std::make_pair(out, call.after);
    }

    const std::string& sql_;
    const TranslationOptions& options_;
    int depth_;
    std::vector<Token> tokens_;
    std::vector<size_t> closing_;
};

}  // namespace

std::string translate_sql(const std::string& sql, const TranslationOptions& options) {
    return Translator(sql, options, 0).run();
}

}  // namespace opsctl
