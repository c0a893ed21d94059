#pragma once
// One typed error for unusable input (arguments, runbooks, targets): it is caught
// once in the CLI, printed as "opsctl: error: ...", and mapped to exit code 3.
// A breached threshold is never an exception; it is a step result.

#include <stdexcept>
#include <string>

namespace opsctl {

class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace opsctl
