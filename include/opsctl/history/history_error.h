#pragma once
// A history store that cannot be opened, read or written. Never fatal to a run:
// the run's verdict and exit code stay those of its checks (issue 17, item 7).

#include "opsctl/core/error.h"

namespace opsctl {

class HistoryError : public Error {
  public:
    explicit HistoryError(const std::string& message) : Error(message, exit_code::kError) {}
};

}  // namespace opsctl
