#pragma once
// A file descriptor owned by one object and closed when it goes out of scope, so that
// no early return or exception leaks one (pipes, lock files).

namespace opsctl {

class UniqueFd {
  public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;

    // -1 when it holds none.
    int get() const { return fd_; }
    bool valid() const { return fd_ >= 0; }
    // Closes the descriptor now (when there is one).
    void reset();
    // Gives the descriptor up without closing it.
    int release();

  private:
    int fd_ = -1;
};

}  // namespace opsctl
