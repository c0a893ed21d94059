#include "opsctl/core/status.h"

namespace opsctl {

std::string_view to_string(Status status) {
    switch (status) {
        case Status::Pass:
            return "pass";
        case Status::Skipped:
            return "skipped";
        case Status::Manual:
            return "manual";
        case Status::Warn:
            return "warn";
        case Status::Fail:
            return "fail";
        case Status::Error:
            return "error";
    }
    return "error";
}

Status status_from_word(std::string_view word) {
    for (const Status status : {Status::Pass, Status::Skipped, Status::Manual, Status::Warn,
                                Status::Fail, Status::Error}) {
        if (to_string(status) == word) return status;
    }
    return Status::Error;
}

namespace {
int severity(Status status) {
    switch (status) {
        case Status::Warn:
            return 1;
        case Status::Error:
            return 2;
        case Status::Fail:
            return 3;
        default:
            return 0;
    }
}
}  // namespace

Status worse(Status a, Status b) {
    const Status a_run = severity(a) == 0 ? Status::Pass : a;
    const Status b_run = severity(b) == 0 ? Status::Pass : b;
    return severity(a_run) >= severity(b_run) ? a_run : b_run;
}

int exit_code_for(Status status) {
    switch (status) {
        case Status::Warn:
            return exit_code::kWarn;
        case Status::Fail:
            return exit_code::kFail;
        case Status::Error:
            return exit_code::kError;
        default:
            return exit_code::kPass;
    }
}

std::string status_label(Status status) {
    switch (status) {
        case Status::Pass:
            return "PASS";
        case Status::Warn:
            return "WARN";
        case Status::Fail:
            return "FAIL";
        case Status::Error:
            return "ERROR";
        case Status::Skipped:
            return "SKIP";
        case Status::Manual:
            return "MANUAL";
    }
    return "?";
}

}  // namespace opsctl
