#pragma once
// opsctl's own errors. Each layer throws its own kind (UsageError here,
// ConnectionError and QueryError in connect/, TranslationError in translate/,
// LockedError in cli/), all of one base: main() catches them once, prints
// "opsctl: error: ..." and ends with the error's exit code.
// A breached threshold is never an exception; it is a step result.

#include <stdexcept>
#include <string>

#include "opsctl/core/status.h"

namespace opsctl {

class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& message, int exit_code = opsctl::exit_code::kError)
        : std::runtime_error(message), exit_code_(exit_code) {}
    // The process's exit code when this error ends it.
    int exit_code() const { return exit_code_; }

  private:
    int exit_code_;
};

// Unusable input: arguments, runbooks, targets, config files.
class UsageError : public Error {
  public:
    using Error::Error;
};

}  // namespace opsctl
