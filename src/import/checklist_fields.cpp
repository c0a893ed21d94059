#include "opsctl/import/checklist_fields.h"

#include <cctype>
#include <optional>

#include "opsctl/core/ascii_case.h"
#include "opsctl/core/text_trim.h"
#include "opsctl/import/schedule_words.h"

namespace opsctl {

namespace {

using nlohmann::json;

bool reads_as_schedule(const std::string& phrase) {
    const ScheduleWords words = read_schedule_words(phrase);
    return words.unknown.empty() && words.says_anything();
}

// "30 minutes" -> 30 min, "2 hours" -> 120, "1 week" -> 10080; nullopt otherwise.
std::optional<long long> minutes_of(const std::string& text) {
    const std::string lower = ascii_lower(trim_space(text));
    size_t i = 0;
    while (i < lower.size() &&
           (std::isdigit(static_cast<unsigned char>(lower[i])) || lower[i] == '.')) {
        ++i;
    }
    if (i == 0) return std::nullopt;
    double number = 0;
    try {
        number = std::stod(lower.substr(0, i));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    const std::string unit = trim_space(lower.substr(i));
    double factor = 0;
    if (unit == "m" || unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes") {
        factor = 1;
    } else if (unit == "h" || unit == "hr" || unit == "hrs" || unit == "hour" || unit == "hours") {
        factor = 60;
    } else if (unit == "d" || unit == "day" || unit == "days") {
        factor = 60 * 24;
    } else if (unit == "w" || unit == "week" || unit == "weeks") {
        factor = 60 * 24 * 7;
    } else {
        return std::nullopt;
    }
    const double minutes = number * factor;
    if (minutes < 1 || minutes != static_cast<double>(static_cast<long long>(minutes))) {
        return std::nullopt;
    }
    return static_cast<long long>(minutes);
}

// The runbook format's duration string: the largest unit that divides it.
std::string duration_text(long long minutes) {
    if (minutes % (60 * 24 * 7) == 0) return std::to_string(minutes / (60 * 24 * 7)) + "w";
    if (minutes % (60 * 24) == 0) return std::to_string(minutes / (60 * 24)) + "d";
    if (minutes % 60 == 0) return std::to_string(minutes / 60) + "h";
    return std::to_string(minutes) + "m";
}

class FieldReader {
  public:
    FieldReader(json& checklist, const FieldPlace& place, std::vector<ReviewLine>& review)
        : checklist_(checklist), place_(place), review_(review) {}

    void schedule(const ChecklistHeading& heading, const MarkdownBlock* field) {
        const std::string phrase = field ? field->text : heading.schedule_phrase;
        const size_t line = field ? field->line : place_.heading_line;
        if (phrase.empty() && !heading.unread_schedule.empty()) {
            const Schedule schedule =
                schedule_of(read_schedule_words(heading.unread_schedule), heading.unread_schedule);
            for (const std::string& text : schedule.notes) {
                note(ReviewMark::NotInferred, place_.heading_line, text);
            }
            return;
        }
        if (phrase.empty()) {
            note(ReviewMark::NotInferred, place_.heading_line,
                 "no schedule in the document: on demand");
            return;
        }
        ScheduleWords words = read_schedule_words(phrase);
        if (!field && !heading.prefix.empty() && reads_as_schedule(heading.prefix)) {
            words = combine(read_schedule_words(heading.prefix), words);
        }
        const std::string shown =
            !field && !heading.prefix.empty() && reads_as_schedule(heading.prefix)
                ? heading.prefix + ", " + phrase
                : phrase;
        const Schedule schedule = schedule_of(words, shown);
        if (!schedule.cron.empty()) checklist_["schedule"] = schedule.cron;
        checklist_["schedule_text"] = schedule.text;
        if (!schedule.cron.empty()) {
            note(ReviewMark::Inferred, line,
                 "schedule \"" + shown + "\": " + schedule.cron + " (" + schedule.text + ")");
        }
        for (const std::string& text : schedule.notes) note(ReviewMark::NotInferred, line, text);
    }

    void field(const MarkdownBlock& block) {
        const std::string key = ascii_lower(block.key);
        if (key == "schedule" || key == "frequency" || key == "when" || key == "runs") return;
        if (key == "duration" || key == "estimated duration" || key == "time required") {
            return duration_minutes(block);
        }
        if (key == "responsible" || key == "owner" || key == "team" || key == "owned by" ||
            key == "assignee") {
            return owner(block, "");
        }
        if (key == "response time" || key == "resolution time") return target_time(block, key);
        note(ReviewMark::NotInferred, block.line,
             "field **" + block.key + "** has no place in a checklist: not imported");
    }

    void owner(const MarkdownBlock& block, const std::string& from) {
        if (checklist_.contains("owner")) {
            note(ReviewMark::NotInferred, block.line,
                 "a second owner line (**" + block.key + "**): the first one is kept");
            return;
        }
        checklist_["owner"] = block.text;
        note(ReviewMark::Inferred, block.line, "owner \"" + block.text + "\"" + from);
    }

  private:
    void duration_minutes(const MarkdownBlock& block) {
        const auto minutes = minutes_of(block.text);
        if (!minutes) {
            note(ReviewMark::NotInferred, block.line,
                 "duration \"" + block.text + "\" not understood: not imported");
            return;
        }
        checklist_["duration_minutes"] = *minutes;
        note(ReviewMark::Inferred, block.line,
             "duration \"" + block.text + "\": duration_minutes " + std::to_string(*minutes));
    }

    void target_time(const MarkdownBlock& block, const std::string& key) {
        const auto minutes = minutes_of(block.text);
        const std::string name = key == "response time" ? "response_time" : "resolution_time";
        if (!minutes) {
            note(ReviewMark::NotInferred, block.line,
                 key + " \"" + block.text + "\" not understood: not imported");
            return;
        }
        checklist_[name] = duration_text(*minutes);
        note(ReviewMark::Inferred, block.line,
             key + " \"" + block.text + "\": " + name + " " + duration_text(*minutes));
    }

    void note(ReviewMark mark, size_t line, const std::string& text) {
        review_.push_back({mark, line, place_.runbook, place_.checklist, "", text});
    }

    json& checklist_;
    const FieldPlace& place_;
    std::vector<ReviewLine>& review_;
};

// "Morning checks — 07:30", "Backups - Every Sunday at 3 AM": the schedule after a dash,
// which is cut from the title.
std::string dashed_schedule(std::string& title) {
    for (const char* dash : {" \u2014 ", " \u2013 ", " - "}) {
        const size_t at = title.rfind(dash);
        if (at == std::string::npos) continue;
        const std::string rest = trim_space(title.substr(at + std::string_view(dash).size()));
        if (!reads_as_schedule(rest)) continue;
        title = trim_space(title.substr(0, at));
        return rest;
    }
    return "";
}

}  // namespace

bool is_procedure_field(const std::string& key) {
    const std::string lower = ascii_lower(key);
    return lower == "schedule" || lower == "frequency" || lower == "when" || lower == "runs" ||
           lower == "duration" || lower == "estimated duration" || lower == "time required" ||
           lower == "response time" || lower == "resolution time";
}

ChecklistHeading read_checklist_heading(const std::string& heading) {
    ChecklistHeading result;
    result.title = trim_space(heading);
    if (!result.title.empty() && result.title.back() == ')') {
        const size_t open = result.title.rfind('(');
        if (open != std::string::npos) {
            const std::string inside =
                result.title.substr(open + 1, result.title.size() - open - 2);
            if (reads_as_schedule(inside)) {
                result.schedule_phrase = trim_space(inside);
                result.title = trim_space(result.title.substr(0, open));
            }
        }
    }
    if (result.schedule_phrase.empty() && !result.title.empty() && result.title.back() == ')') {
        const size_t open = result.title.rfind('(');
        const std::string inside =
            open == std::string::npos
                ? ""
                : result.title.substr(open + 1, result.title.size() - open - 2);
        if (read_schedule_words(inside).says_anything())
            result.unread_schedule = trim_space(inside);
    }
    // "Monday: Weekly Planning"; the colon of a time ("9:00") has no blank after it.
    const size_t colon = result.title.find(": ");
    if (colon != std::string::npos) result.prefix = trim_space(result.title.substr(0, colon));
    if (result.schedule_phrase.empty() && reads_as_schedule(result.prefix)) {
        result.schedule_phrase = result.prefix;
        // "Weekly: Tuesdays at 10am": the rest says the rest of the schedule.
        const std::string rest = trim_space(result.title.substr(colon + 2));
        if (reads_as_schedule(rest)) result.schedule_phrase += " " + rest;
        result.prefix.clear();
    }
    if (result.schedule_phrase.empty()) result.schedule_phrase = dashed_schedule(result.title);
    return result;
}

void add_checklist_fields(json& checklist, const ChecklistHeading& heading,
                          const std::vector<MarkdownBlock>& fields,
                          const MarkdownBlock* default_owner, const FieldPlace& place,
                          std::vector<ReviewLine>& review) {
    FieldReader reader(checklist, place, review);
    const MarkdownBlock* schedule_field = nullptr;
    for (const MarkdownBlock& field : fields) {
        const std::string key = ascii_lower(field.key);
        if (key == "schedule" || key == "frequency" || key == "when" || key == "runs") {
            if (!schedule_field) schedule_field = &field;
        }
    }
    reader.schedule(heading, schedule_field);
    for (const MarkdownBlock& field : fields) reader.field(field);
    if (!checklist.contains("owner") && default_owner) {
        reader.owner(*default_owner, " (the section's or document's owner line)");
    }
}

}  // namespace opsctl
