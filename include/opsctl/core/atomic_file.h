#pragma once
// Report files are replaced atomically: the text goes to a temporary file in the
// same folder, which is then renamed over the target, so a reader (a person, the
// node_exporter textfile collector, a CI job) never sees half a file, and a run
// that fails to write leaves the previous file in place. The temporary file has a
// random name and is created with O_EXCL | O_NOFOLLOW, so nobody can redirect it
// with a file or link planted in advance; a replaced file keeps its mode, a new one
// gets 0666 & ~umask. A path that is not a
// regular file (a FIFO, a character device, /dev/stdout) is written in place
// instead, never read and never waited on when nobody reads it.

#include <string>
#include <string_view>

namespace opsctl {

// Writes `text` to `path` atomically. Throws UsageError "cannot write PATH: reason"
// and leaves no temporary file behind when it cannot.
void write_file_atomically(const std::string& path, std::string_view text);

// Whether `path` is written in place rather than replaced: it exists and is neither
// a regular file nor a folder, or it is under /dev or /proc. Such a path holds no
// previous report to read back.
bool is_written_in_place(const std::string& path);

// Checks, without touching `path`, that write_file_atomically could write it: its
// folder exists and a temporary file can be created there (it is removed at once),
// and `path` is not a folder. Throws the same UsageError as write_file_atomically.
void check_writable_atomically(const std::string& path);

}  // namespace opsctl
