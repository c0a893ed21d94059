#pragma once
// A real HTTP server on loopback for the notification tests (tests/support/notify_server.py):
// it records every request and answers with a script ("200", "500", "429:1", "hang").

#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e/e2e_support.h"

extern char** environ;

namespace opsctl::e2e {

class NotifyReceiver {
  public:
    explicit NotifyReceiver(std::vector<std::string> script = {"200"}) {
        std::vector<std::string> words{"/usr/bin/python3",
                                       kSourceDir + "/tests/support/notify_server.py",
                                       dir_.file("requests.log"), dir_.file("port")};
        words.insert(words.end(), script.begin(), script.end());
        std::vector<char*> argv;
        for (std::string& word : words) argv.push_back(word.data());
        argv.push_back(nullptr);
        REQUIRE(posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) == 0);
        REQUIRE(opsctl::test::eventually([this] { return std::ifstream(dir_.file("port")).good(); },
                                         10));
        std::ifstream(dir_.file("port")) >> port_;
        REQUIRE(port_ > 0);
    }
    ~NotifyReceiver() {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    NotifyReceiver(const NotifyReceiver&) = delete;
    NotifyReceiver& operator=(const NotifyReceiver&) = delete;

    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    // Every request so far: method, path, headers, body (text), body_json, at (seconds).
    std::vector<nlohmann::json> requests() const {
        std::vector<nlohmann::json> all;
        std::ifstream log(dir_.file("requests.log"));
        for (std::string line; std::getline(log, line);) {
            nlohmann::json request = nlohmann::json::parse(line);
            request["body_json"] = nlohmann::json::parse(request["body"].get<std::string>());
            all.push_back(request);
        }
        return all;
    }

  private:
    opsctl::test::TempDir dir_;
    pid_t pid_ = -1;
    int port_ = 0;
};

// A loopback port nothing listens on (bound, then released).
inline int closed_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
}

}  // namespace opsctl::e2e
