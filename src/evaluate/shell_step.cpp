#include "opsctl/evaluate/shell_step.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <string_view>

#include "opsctl/core/run_secrets.h"
#include "opsctl/core/unique_fd.h"

namespace opsctl {

namespace {
constexpr size_t kOutputTailBytes = 4096;
constexpr auto kGraceAfterTerm = std::chrono::seconds(2);
// opsctl's environment without the variables a secret of the run came from
// (password_env, PGPASSWORD): a shell step has no business with the target's
// password, and its output lands in the report. Built before fork: the child only
// calls async-signal-safe functions.
std::vector<char*> environment_without_secrets() {
    const std::vector<std::string> hidden = secret_variables();
    std::vector<char*> kept;
    for (char** entry = environ; *entry; ++entry) {
        const std::string_view variable(*entry);
        const std::string_view name = variable.substr(0, variable.find('='));
        if (std::find(hidden.begin(), hidden.end(), name) == hidden.end()) kept.push_back(*entry);
    }
    kept.push_back(nullptr);
    return kept;
}

bool stop_requested(const std::atomic<bool>* stop) {
    return stop && stop->load();
}

ShellOutcome not_started(std::string why) {
    ShellOutcome outcome;
    outcome.exit_status = 127;
    outcome.output_tail = std::move(why);
    return outcome;
}

// execve's argument vector: pointers into `argv`, which must outlive it.
std::vector<char*> argument_vector(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    return args;
}

// The child's side of the fork: only async-signal-safe calls from here on.
[[noreturn]] void exec_in_own_group(const std::string& program, std::vector<char*>& args,
                                    std::vector<char*>& environment, int output_fd) {
    setpgid(0, 0);
    // opsctl blocks SIGINT/SIGTERM for its signal watcher; the program must not
    // inherit that, or a timeout could not stop it.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    // opsctl ignores SIGPIPE (a closed stdout is not fatal to it); a program expects
    // the default, which an ignored signal would not give it across exec.
    signal(SIGPIPE, SIG_DFL);
    const int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, STDIN_FILENO);
    dup2(output_fd, STDOUT_FILENO);
    dup2(output_fd, STDERR_FILENO);
    execve(program.c_str(), args.data(), environment.data());
    _exit(127);
}

// The program's output until the timeout, a stop, or its end (the child closed the
// pipe), of which only the tail is kept.
std::string read_output(int fd, std::chrono::steady_clock::time_point deadline,
                        const std::atomic<bool>* stop, ShellOutcome& outcome) {
    std::string tail;
    char buffer[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            outcome.timed_out = true;
            break;
        }
        if (stop_requested(stop)) {
            outcome.stopped = true;
            break;
        }
        pollfd ready_fd{fd, POLLIN, 0};
        const int ready =
            poll(&ready_fd, 1, static_cast<int>(std::min<long long>(left.count(), 200)));
        if (ready <= 0) continue;
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n <= 0) break;
        tail.append(buffer, static_cast<size_t>(n));
        if (tail.size() > 2 * kOutputTailBytes) tail.erase(0, tail.size() - kOutputTailBytes);
    }
    return tail;
}

// The program may outlive its output (or have timed out): wait up to the deadline,
// then terminate the whole group, and kill it if it does not go. Returns the wait status.
int wait_for_exit(pid_t pid, std::chrono::steady_clock::time_point deadline,
                  const std::atomic<bool>* stop, ShellOutcome& outcome) {
    int status = 0;
    auto give_up = std::chrono::steady_clock::time_point::max();
    while (waitpid(pid, &status, WNOHANG) == 0) {
        const auto now = std::chrono::steady_clock::now();
        if (!outcome.timed_out && now >= deadline) outcome.timed_out = true;
        if (stop_requested(stop)) outcome.stopped = true;
        if ((outcome.timed_out || outcome.stopped) &&
            give_up == std::chrono::steady_clock::time_point::max()) {
            kill(-pid, SIGTERM);
            give_up = now + kGraceAfterTerm;
        } else if (now >= give_up) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            break;
        }
        usleep(10000);
    }
    // Whatever the program left behind in its group goes too.
    if (outcome.timed_out || outcome.stopped) kill(-pid, SIGKILL);
    return status;
}

}  // namespace

std::string find_program(const std::string& program) {
    if (program.find('/') != std::string::npos) {
        return access(program.c_str(), X_OK) == 0 ? program : std::string();
    }
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return {};
}

ShellOutcome run_shell(const std::vector<std::string>& argv, Duration timeout,
                       const std::atomic<bool>* stop) {
    ShellOutcome outcome;
    const std::string program = find_program(argv.at(0));
    if (program.empty()) {
        outcome.found = false;
        return outcome;
    }
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) return not_started("cannot create a pipe");
    UniqueFd output(pipe_fds[0]);
    UniqueFd child_output(pipe_fds[1]);
    std::vector<char*> args = argument_vector(argv);
    std::vector<char*> environment = environment_without_secrets();

    const pid_t pid = fork();
    if (pid == 0) exec_in_own_group(program, args, environment, child_output.get());
    child_output.reset();  // the child's alone now: its end of the pipe ends the output
    if (pid < 0) return not_started("cannot start the program");
    setpgid(pid, pid);  // also from here, so that the group exists before any kill

    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string tail = read_output(output.get(), deadline, stop, outcome);
    output.reset();
    const int status = wait_for_exit(pid, deadline, stop, outcome);
    outcome.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (tail.size() > kOutputTailBytes) tail.erase(0, tail.size() - kOutputTailBytes);
    outcome.output_tail = mask_remembered_secrets(std::move(tail));
    return outcome;
}

}  // namespace opsctl
