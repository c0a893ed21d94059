#include "opsctl/translate/dialect_translator.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <map>
#include <vector>

#include "opsctl/translate/dialect.h"
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

const Dialect* dialect_or_throw(const std::string& name) {
    const Dialect* dialect = find_dialect(name);
    if (!dialect) throw TranslationError("unknown dialect \"" + name + "\"");
    return dialect;
}

// The pattern with each {key} replaced by its value; a key without a value stays as
// written, for a second fill. Values are inserted as they are, never scanned again.
std::string fill(std::string_view pattern,
                 std::initializer_list<std::pair<std::string_view, std::string>> values) {
    std::string out;
    size_t i = 0;
    while (i < pattern.size()) {
        const size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string_view::npos;
        if (close != std::string_view::npos) {
            const std::string_view key = pattern.substr(i + 1, close - i - 1);
            const auto found = std::find_if(values.begin(), values.end(),
                                            [&](const auto& value) { return value.first == key; });
            if (found != values.end()) {
                out += found->second;
                i = close + 1;
                continue;
            }
        }
        out += pattern[i];
        ++i;
    }
    return out;
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
          source_(dialect_or_throw(options.source_dialect)),
          target_(dialect_or_throw(options.target_dialect)),
          tokens_(lex_sql(sql, {source_->backslash_escapes})) {
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
            if (token.kind == TokenKind::String) refuse_clock_string(i);
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

    size_t previous_significant(size_t i) const {
        while (i > 0) {
            --i;
            if (!is_trivia(tokens_[i])) return i;
        }
        return std::string::npos;
    }

    // schema.date(x) is somebody's own function, not DATE(x).
    bool follows_dot(size_t i) const {
        while (i > 0) {
            --i;
            if (!is_trivia(tokens_[i])) return is_punct(i, '.');
        }
        return false;
    }

    // An argument of a call: the tokens [first, last), last being its ',' or ')'.
    struct Range {
        size_t first;
        size_t last;
    };

    // The arguments of the call whose '(' is at token `open`, found by jumping over
    // nested parentheses: a call costs its own top-level tokens, not its whole text,
    // so SQL nested thousands of calls deep is not scanned once per level.
    std::vector<Range> argument_ranges(size_t open, const std::string& name) const {
        const size_t close = closing_[open];
        if (close == std::string::npos) throw TranslationError(name + "( is never closed");
        std::vector<Range> ranges;
        size_t first = open + 1;
        for (size_t i = open + 1; i < close; ++i) {
            if (is_punct(i, '(')) {
                // Inside a closed pair every '(' is closed (match_parentheses).
                i = closing_[i];
            } else if (is_punct(i, ',')) {
                ranges.push_back({first, i});
                first = i + 1;
            }
        }
        ranges.push_back({first, close});
        const bool blank = std::all_of(tokens_.begin() + static_cast<std::ptrdiff_t>(first),
                                       tokens_.begin() + static_cast<std::ptrdiff_t>(close),
                                       [](const Token& t) { return t.kind == TokenKind::Space; });
        if (ranges.size() == 1 && blank) ranges.clear();
        return ranges;
    }

    std::string range_text(const Range& range) const {
        const size_t begin = tokens_[range.first].begin;
        return trim(sql_.substr(begin, tokens_[range.last].begin - begin));
    }

    // The argument texts of the call whose '(' is at token `open`.
    std::vector<std::string> call_arguments(size_t open, const std::string& name) const {
        std::vector<std::string> args;
        for (const Range& range : argument_ranges(open, name)) args.push_back(range_text(range));
        return args;
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

    // The clock `name` as the source or the target knows it (the SQL is written in
    // the one and runs on the other): the forms of both, the target's meaning.
    std::optional<Clock> find_clock(const std::string& name) const {
        std::optional<Clock> found;
        for (const Dialect* dialect : {source_, target_}) {
            for (const Clock& clock : dialect->clocks) {
                if (clock.name != name) continue;
                if (!found) {
                    found = clock;
                } else {
                    found->forms |= clock.forms;
                    found->value = clock.value;  // the target's, read second
                }
            }
        }
        // The runbook format's CURRENT_DATE() and CURRENT_TIMESTAMP() are understood
        // whatever the source dialect, like DATEADD.
        if (found && (name == "CURRENT_DATE" || name == "CURRENT_TIMESTAMP")) found->forms |= kCall;
        return found;
    }

    const NowArgumentFunction* find_now_argument_function(const std::string& name) const {
        for (const Dialect* dialect : {target_, source_}) {
            for (const NowArgumentFunction& function : dialect->now_argument_functions) {
                if (function.name == name) return &function;
            }
        }
        return nullptr;
    }

    std::string literal(const Clock& clock, const std::string& name) const {
        const Timestamp& as_of = *options_.as_of;
        switch (clock.value) {
            case ClockValue::Date:
                return fill(target_->date_literal, {{"value", format_date(as_of)}});
            case ClockValue::Yesterday: {
                Timestamp yesterday = as_of;
                yesterday.epoch_seconds -= 86400;
                return fill(target_->date_literal, {{"value", format_date(yesterday)}});
            }
            case ClockValue::Timestamp:
                return fill(target_->timestamp_literal, {{"value", format_timestamp(as_of)}});
            case ClockValue::Time:
                if (target_->time_literal.empty()) {
                    throw TranslationError(name + " reads the clock, and " +
                                           std::string(target_->name) +
                                           " has no time literal to pin it to the as-of time");
                }
                return fill(target_->time_literal, {{"value", format_timestamp(as_of).substr(11)}});
            case ClockValue::UnixSeconds:
                return std::to_string(as_of.epoch_seconds);
            case ClockValue::Unpinnable:
                break;
        }
        throw TranslationError(name + " reads the server's clock and cannot be pinned to the " +
                               "as-of time; use " + std::string(clock.instead));
    }

    // Words (upper case) that follow token `i`, skipping trivia.
    bool followed_by_words(size_t i, std::initializer_list<std::string_view> words) const {
        for (const std::string_view word : words) {
            i = next_significant(i);
            if (i >= tokens_.size() || tokens_[i].kind != TokenKind::Word ||
                upper(text(tokens_[i])) != word) {
                return false;
            }
            ++i;
        }
        return true;
    }

    // A clock word at token i: the literal (with --as-of) or the target's spelling.
    std::optional<std::pair<std::string, size_t>> rewrite_clock(size_t i,
                                                                const Clock& clock) const {
        const std::string name = upper(text(tokens_[i]));
        const size_t open = next_significant(i + 1);
        // now.x is a qualifier, not a clock.
        if (is_punct(open, '.')) return std::nullopt;
        size_t after = i + 1;
        bool precision = false;
        if (is_punct(open, '(')) {
            // Decided without reading the arguments, which may be the rest of a huge text.
            if (closing_[open] == std::string::npos) {
                throw TranslationError(name + "( is never closed");
            }
            const size_t inside = next_significant(open + 1);
            after = closing_[open] + 1;
            // "CURRENT_DATE()()" is not SQL we know; rewritten, its second "()" would
            // make a new call of the first (found by fuzzing). Left to the server.
            if (is_punct(next_significant(after), '(')) return std::nullopt;
            if (inside == closing_[open]) {
                if (!(clock.forms & kCall)) return std::nullopt;
            } else if (tokens_[inside].kind == TokenKind::Number &&
                       next_significant(inside + 1) == closing_[open] &&
                       (clock.forms & kPrecision)) {
                precision = true;
            } else if (clock.forms & kOneArgument) {
                if (argument_ranges(open, name).size() != 1) return std::nullopt;
            } else {
                if ((clock.forms & kArgsNotAClock) || !options_.as_of) return std::nullopt;
                throw TranslationError(name + "(...) reads the clock with arguments opsctl " +
                                       "cannot pin to the as-of time");
            }
        } else if (!(clock.forms & kBare)) {
            return std::nullopt;  // a column named now
        }
        if (!options_.as_of) {
            // Only the runbook's own CURRENT_DATE() and CURRENT_TIMESTAMP() change
            // spelling; any other clock is the target's already.
            if (precision) return std::nullopt;
            if (name == "CURRENT_DATE")
                return std::make_pair(std::string(target_->current_date), after);
            if (name == "CURRENT_TIMESTAMP") {
                return std::make_pair(std::string(target_->current_timestamp), after);
            }
            return std::nullopt;
        }
        if (followed_by_words(after, {"AT", "TIME", "ZONE"})) {
            throw TranslationError(name + " AT TIME ZONE: a clock in another time zone cannot " +
                                   "be pinned to the as-of time (UTC); compare in UTC");
        }
        return std::make_pair(literal(clock, name), after);
    }

    // The argument is the string 'now' (any case), alone.
    bool is_now_string(const Range& range) const {
        const size_t i = next_significant(range.first);
        return i < range.last && tokens_[i].kind == TokenKind::String &&
               upper(text(tokens_[i])) == "'NOW'" && next_significant(i + 1) >= range.last;
    }

    // SQLite's date('now', ...), strftime('%s', 'now'), date(): the as-of time in
    // place of 'now'. The arguments with 'now' replaced, or nullopt when none was.
    std::optional<std::vector<std::string>> pin_now_arguments(
        const NowArgumentFunction& function, const std::vector<Range>& ranges) const {
        if (!options_.as_of) return std::nullopt;
        const auto reads_now = [&](size_t k) {
            return k >= function.first_time_value && is_now_string(ranges[k]);
        };
        // strftime('%s') reads the clock; strftime() is not a call of anything.
        const bool no_time_value = ranges.size() == function.first_time_value;
        bool any_now = false;
        for (size_t k = 0; k < ranges.size(); ++k) any_now = any_now || reads_now(k);
        if (!any_now && !(no_time_value && function.defaults_to_now)) return std::nullopt;
        const std::string instant = "'" + format_timestamp(*options_.as_of) + "'";
        std::vector<std::string> pinned;
        for (size_t k = 0; k < ranges.size(); ++k) {
            pinned.push_back(reads_now(k) ? instant : range_text(ranges[k]));
        }
        if (no_time_value) pinned.push_back(instant);
        return pinned;
    }

    // 'now'::timestamp, DATE 'today', CAST('now' AS date): PostgreSQL reads the clock
    // when it casts these words, and no literal of ours can stand in for the cast.
    void refuse_clock_string(size_t i) const {
        if (!options_.as_of ||
            !(source_->clock_strings_in_casts || target_->clock_strings_in_casts)) {
            return;
        }
        const std::string_view quoted = text(tokens_[i]);
        if (quoted.size() < 2 || quoted.front() != '\'' || quoted.back() != '\'') return;
        const std::string word = upper(trim(std::string(quoted.substr(1, quoted.size() - 2))));
        if (word != "NOW" && word != "TODAY" && word != "TOMORROW" && word != "YESTERDAY") return;
        static const std::vector<std::string_view> kTypes{"DATE", "TIMESTAMP", "TIMESTAMPTZ",
                                                          "TIME", "TIMETZ"};
        const auto is_type = [&](size_t at) {
            return at < tokens_.size() && tokens_[at].kind == TokenKind::Word &&
                   std::find(kTypes.begin(), kTypes.end(), upper(text(tokens_[at]))) !=
                       kTypes.end();
        };
        const size_t next = next_significant(i + 1);
        const bool double_colon = is_punct(next, ':') && is_punct(next + 1, ':');
        const bool cast = double_colon && is_type(next_significant(next + 2));
        const size_t before = previous_significant(i);
        const bool typed_literal = before != std::string::npos &&
                                   (is_type(before) || (tokens_[before].kind == TokenKind::Word &&
                                                        upper(text(tokens_[before])) == "ZONE"));
        const size_t call = before == std::string::npos ? before : previous_significant(before);
        const bool cast_call = before != std::string::npos && is_punct(before, '(') &&
                               call != std::string::npos && tokens_[call].kind == TokenKind::Word &&
                               upper(text(tokens_[call])) == "CAST" &&
                               followed_by_words(i + 1, {"AS"}) &&
                               is_type(next_significant(next_significant(i + 1) + 1));
        if (cast || typed_literal || cast_call) {
            throw TranslationError(std::string(quoted) +
                                   " cast to a date or time reads the server's clock and cannot "
                                   "be pinned to the as-of time; use CURRENT_TIMESTAMP");
        }
    }

    std::string unit_spelling(const std::string& function, const std::string& part,
                              const Units& units) const {
        const auto index = static_cast<size_t>(
            std::find(kDateParts.begin(), kDateParts.end(), part) - kDateParts.begin());
        if (index >= units.size() || units[index].empty()) {
            throw TranslationError(function + ": " + std::string(target_->name) + " has no " +
                                   part + " unit");
        }
        return std::string(units[index]);
    }

    // The replacement text and the index of the first token after what it replaces.
    std::optional<std::pair<std::string, size_t>> rewrite_at(size_t i) const {
        const std::string name = upper(text(tokens_[i]));
        if (const auto clock = find_clock(name)) return rewrite_clock(i, *clock);
        const size_t open = next_significant(i + 1);
        if (!is_punct(open, '(')) return std::nullopt;
        const NowArgumentFunction* now_function = find_now_argument_function(name);
        if (!now_function && name != "DATEADD" && name != "DATE_TRUNC" && name != "DATE") {
            return std::nullopt;
        }

        std::vector<std::string> args;
        const size_t after = closing_[open] + 1;
        if (now_function) {
            const auto ranges = argument_ranges(open, name);
            const auto pinned = pin_now_arguments(*now_function, ranges);
            const bool cast_to_date = name == "DATE" && ranges.size() == 1;
            if (!pinned && !cast_to_date) return std::nullopt;  // no clock in it
            if (pinned && !cast_to_date) {
                std::string out = std::string(text(tokens_[i])) + "(";
                for (size_t k = 0; k < pinned->size(); ++k) {
                    out += (k ? ", " : "") + translate_arg((*pinned)[k]);
                }
                return std::make_pair(out + ")", after);
            }
            if (pinned) args = *pinned;
        }
        if (args.empty()) args = call_arguments(open, name);
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
            const std::string pattern =
                fill(target_->date_add, {{"unit", unit_spelling(name, part, target_->add_units)}});
            out = fill(pattern, {{"x", translate_arg(args[2])}, {"n", translate_arg(args[1])}});
        } else if (name == "DATE_TRUNC") {
            arity(2);
            const std::string part = date_part(name, args[0]);
            const std::string pattern = fill(
                target_->date_trunc, {{"unit", unit_spelling(name, part, target_->trunc_units)}});
            out = fill(pattern, {{"x", translate_arg(args[1])}});
        } else {
            arity(1);
            out = fill(target_->cast_to_date,
                       {{"x", translate_arg(args[0])}, {"name", std::string(text(tokens_[i]))}});
        }
        return std::make_pair(out, after);
    }

    const std::string& sql_;
    const TranslationOptions& options_;
    int depth_;
    const Dialect* source_;
    const Dialect* target_;
    std::vector<Token> tokens_;
    std::vector<size_t> closing_;
};

}  // namespace

std::string translate_sql(const std::string& sql, const TranslationOptions& options) {
    return Translator(sql, options, 0).run();
}

}  // namespace opsctl
