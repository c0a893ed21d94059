// opsctl ack RUNBOOK CHECKLIST STEP ..., opsctl acks, opsctl unack ID: acknowledgements
// kept in the run history store (history/acknowledgements.h).
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "opsctl/cli/commands.h"
#include "opsctl/cli/run_history.h"
#include "opsctl/core/duration.h"
#include "opsctl/core/error.h"
#include "opsctl/core/quote.h"
#include "opsctl/core/suggest.h"
#include "opsctl/history/acknowledgements.h"
#include "opsctl/history/run_record.h"

namespace opsctl {

namespace {

const char* severity_word(Severity severity) {
    return severity == Severity::Fail ? "fail" : "warn";
}

// --for DURATION or --until TIME, exactly one of them, in the future.
Timestamp expiry_of(const CliOptions& options, const Timestamp& now) {
    if (options.ack_for.empty() == options.ack_until.empty()) {
        throw UsageError(
            "opsctl ack: give the ack's expiry, with exactly one of --for DURATION "
            "(\"2h\", \"3d\") or --until TIME (\"2026-12-05 08:00\", UTC)");
    }
    Timestamp until = now;
    if (!options.ack_for.empty()) {
        const std::optional<Duration> length = parse_duration(options.ack_for);
        if (!length || length->count() <= 0) {
            throw UsageError("opsctl ack: --for " + quote_value(options.ack_for) +
                             " is not a duration (examples: \"30m\", \"2h\", \"3d\")");
        }
        until.epoch_seconds += std::chrono::ceil<std::chrono::seconds>(*length).count();
        return until;
    }
    const std::optional<Timestamp> given = parse_timestamp(options.ack_until);
    if (!given) {
        throw UsageError("opsctl ack: --until " + quote_value(options.ack_until) +
                         " is not a time (examples: \"2026-12-05\", \"2026-12-05 08:00\")");
    }
    if (given->epoch_seconds <= now.epoch_seconds) {
        throw UsageError("opsctl ack: --until " + quote_value(options.ack_until) +
                         " is not in the future");
    }
    return *given;
}

std::string acked_by(const CliOptions& options) {
    if (!options.acked_by.empty()) return options.acked_by;
    // $USER, else the account's name: as a run records its user.
    std::string user = current_run_context(0, OPSCTL_VERSION).user;  // not const: moved
    if (!user.empty()) return user;
    throw UsageError("opsctl ack: $USER is not set: say who acks with --by NAME");
}

AckRequest request_of(const CliOptions& options, const Timestamp& now) {
    if (options.step.empty()) {
        throw UsageError("opsctl ack: name the step: opsctl ack RUNBOOK CHECKLIST STEP");
    }
    if (options.reason.empty()) {
        throw UsageError(
            "opsctl ack: --reason TEXT is required: say why (every report shows it "
            "beside the acked violation)");
    }
    AckRequest request;
    request.until = expiry_of(options, now);
    request.runbook = options.runbook;
    request.checklist = options.checklist;
    request.step = options.step;
    request.target = resolve_target_for(options).describe();
    if (!options.key.empty()) request.key = options.key;
    if (!options.column.empty()) request.column = options.column;
    request.reason = options.reason;
    request.by = acked_by(options);
    return request;
}

std::string until_text(const Ack& ack) {
    return format_timestamp(ack.until) + " UTC";
}

std::string ack_line(const Ack& ack) {
    return fmt::format("ack {}: {}/{} {} key {}{} on {}, covers up to {}, until {}, by {}: {}\n",
                       ack.id, ack.runbook, ack.checklist, ack.step, quote_value(ack.key),
                       ack.column ? " column " + *ack.column : std::string(), ack.target,
                       severity_word(ack.severity), until_text(ack), ack.by, ack.reason);
}

std::string added_text(const std::vector<Ack>& acks) {
    std::ostringstream out;
    for (const Ack& ack : acks) {
        out << ack_line(ack);
        if (ack.severity_assumed) {
            out << "  no recorded violation for key " << quote_value(ack.key)
                << ": this ack covers a warn only, a fail counts\n";
        }
    }
    return out.str();
}

nlohmann::json acks_json(const std::vector<Ack>& acks) {
    nlohmann::json list = nlohmann::json::array();
    for (const Ack& ack : acks) {
        list.push_back({{"id", ack.id},
                        {"runbook", ack.runbook},
                        {"checklist", ack.checklist},
                        {"step", ack.step},
                        {"target", ack.target},
                        {"key", ack.key},
                        {"column", ack.column ? nlohmann::json(*ack.column) : nullptr},
                        {"severity", severity_word(ack.severity)},
                        {"by", ack.by},
                        {"reason", ack.reason},
                        {"created_at", format_iso8601(ack.created_at)},
                        {"until", format_iso8601(ack.until)}});
    }
    return {{"acks", list}};
}

// An ack of a name the runbooks do not have would cover nothing, ever, and look done.
void require_known_step(const CliOptions& options) {
    const Catalog catalog = load_catalog_for(options);
    const Checklist& checklist =
        find_checklist(find_runbook(catalog, options.runbook), options.checklist);
    std::vector<std::string> ids;
    for (const Step& step : checklist.steps) {
        if (step.id == options.step) return;
        ids.push_back(step.id);
    }
    throw UsageError(fmt::format("opsctl ack: checklist \"{}/{}\" has no step {}{}",
                                 options.runbook, options.checklist, quote_value(options.step),
                                 did_you_mean(options.step, ids)));
}

long long ack_id_of(const std::string& text) {
    const bool digits = !text.empty() && text.size() < 18 &&
                        text.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
        throw UsageError("opsctl unack: " + quote_value(text) +
                         " is not an ack id (a number: opsctl acks lists them)");
    }
    return std::stoll(text);
}

}  // namespace

int command_ack(const CliOptions& options) {
    const Timestamp now = now_utc();
    const AckRequest request = request_of(options, now);
    const std::unique_ptr<StoreSession> session = open_history_for(options, "opsctl ack");
    require_known_step(options);
    session->begin();
    std::vector<Ack> acks;
    try {
        acks = add_acks(*session, request, now);
        session->commit();
    } catch (...) {
        session->rollback();
        throw;
    }
    write_output(options, added_text(acks));
    return exit_code::kPass;
}

int command_acks(const CliOptions& options) {
    if (options.format != "text" && options.format != "json") {
        throw UsageError("opsctl acks: unknown --format " + quote_value(options.format) +
                         " (text, json)");
    }
    const std::unique_ptr<StoreSession> session = open_history_for(options, "opsctl acks");
    const std::vector<Ack> acks = active_acks(*session, now_utc());
    if (options.format == "json") {
        write_output(options, acks_json(acks).dump(2) + "\n");
        return exit_code::kPass;
    }
    std::string text = acks.empty() ? "no active acks\n" : "";
    for (const Ack& ack : acks) text += ack_line(ack);
    write_output(options, text);
    return exit_code::kPass;
}

int command_unack(const CliOptions& options) {
    const long long id = ack_id_of(options.ack_id);
    const std::unique_ptr<StoreSession> session = open_history_for(options, "opsctl unack");
    if (!remove_ack(*session, id)) {
        throw UsageError(fmt::format("opsctl unack: no ack {} in {} (opsctl acks lists them)", id,
                                     session->describe()));
    }
    write_output(options, fmt::format("removed ack {}\n", id));
    return exit_code::kPass;
}

}  // namespace opsctl
