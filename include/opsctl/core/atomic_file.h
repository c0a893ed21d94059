#pragma once
// Report files are replaced atomically: the text goes to a temporary file in the
// same folder, which is then renamed over the target, so a reader (a person, the
// node_exporter textfile collector, a CI job) never sees half a file, and a run
// that fails to write leaves the previous file in place.

#include <string>
#include <string_view>

namespace opsctl {

// Writes `text` to `path` atomically. Throws UsageError "cannot write PATH: reason"
// and leaves no temporary file behind when it cannot.
void write_file_atomically(const std::string& path, std::string_view text);

// Checks, without touching `path`, that write_file_atomically could write it: its
// folder exists and a temporary file can be created there (it is removed at once),
// and `path` is not a folder. Throws the same UsageError as write_file_atomically.
void check_writable_atomically(const std::string& path);

}  // namespace opsctl
