// The brace counter behind the ctest function_length: which braces open a function
// body, and the lines it spans, in code as clang-format leaves it.

#include <catch2/catch.hpp>
#include <string>

#include "function_length/function_spans.h"

using opsctl::test::function_spans;

TEST_CASE("function spans: functions, members, constructors, operators", "[function_length]") {
    // Not R"cpp(: clang-format would lay out the code inside.
    const std::string code = R"src(#include <map>
namespace opsctl {
namespace {
const std::map<int, int> kTable = {{1, 2}, {3, 4}};
struct Point {
    int x{0};
    int get() const { return x; }
};
}  // namespace
Widget::Widget(int a, std::string b)
    : a_{a}, b_(std::move(b)), c_{} {
    call();
}
bool operator==(const Point& a, const Point& b) {
    return a.x == b.x;
}
int f(int y) {
    const auto g = [&](int z) {
        return z + y;
    };
    if (y) {
        return g(1);
    }
    return 0;
}
}  // namespace opsctl
)src";
    const auto spans = function_spans(code);
    REQUIRE(spans.size() == 4);
    CHECK(spans[0].name == "get");
    CHECK(spans[0].lines() == 1);
    CHECK(spans[1].name == "Widget::Widget");
    CHECK(spans[1].first_line == 10);
    CHECK(spans[1].last_line == 13);
    CHECK(spans[2].name == "operator==");
    CHECK(spans[3].name == "f");
    CHECK(spans[3].first_line == 17);
    CHECK(spans[3].lines() == 9);
}

TEST_CASE("function spans: braces in comments, literals and directives do not count",
          "[function_length]") {
    const std::string code = R"src(#define OPEN {
// a { in a comment
/* and } in a block comment */
std::string f() {
    const char c = '{';
    const std::string s = "}}{";
    const auto raw = R"x(} ")" {)x";
    return s + c + raw;  // }
}
int g() { return 1'000; }
)src";
    const auto spans = function_spans(code);
    REQUIRE(spans.size() == 2);
    CHECK(spans[0].name == "f");
    CHECK(spans[0].first_line == 4);
    CHECK(spans[0].last_line == 9);
    CHECK(spans[1].name == "g");
    CHECK(spans[1].lines() == 1);
}

TEST_CASE("function spans: a long function is measured to its closing brace", "[function_length]") {
    std::string code = "void long_one(int x,\n              int y) {\n";
    for (int k = 0; k < 80; ++k) code += "    x += y;\n";
    code += "}\n";
    const auto spans = function_spans(code);
    REQUIRE(spans.size() == 1);
    CHECK(spans[0].name == "long_one");
    CHECK(spans[0].lines() == 83);
}
