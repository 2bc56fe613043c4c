// A task's body is its span's evidence and is stored apart only where it is not
// (the extractor read text that normalisation changed): the result holds each
// task's text once (docs/extraction.md, "Speed and memory").
#include <catch2/catch.hpp>

#include <string>

#include "healthplan/extract.hpp"
#include "healthplan/json.hpp"

using namespace healthplan;

namespace {

const std::string head = "某县健康促进行动方案\n\n一、主要任务\n\n（一）健康生活\n";

}  // namespace

TEST_CASE("a task body that is its evidence is not stored twice", "[extract][tasks][memory]") {
    const std::string text = head + "1.推进全民健身。建设健身步道10条。（县体育局牵头）\n";
    const Plan p = extract(text);
    REQUIRE(p.tasks.size() == 1);
    const Task& k = p.tasks[0];
    REQUIRE(k.span);
    CHECK(k.span->evidence == text.substr(k.span->begin, k.span->end - k.span->begin));
    CHECK(k.text() == k.span->evidence);
    CHECK_FALSE(k.own_text);
    CHECK(k.text().find("建设健身步道10条") != std::string_view::npos);
}

TEST_CASE("a task body read in normalised text keeps its own copy", "[extract][tasks][memory]") {
    // Full-width digits are read as ASCII: the body is what the grammar read,
    // the evidence what the document says.
    const std::string text = head + "1.推进全民健身。建设健身步道１０条。（县体育局牵头）\n";
    const Plan p = extract(text);
    REQUIRE(p.tasks.size() == 1);
    const Task& k = p.tasks[0];
    REQUIRE(k.span);
    CHECK(k.span->evidence == text.substr(k.span->begin, k.span->end - k.span->begin));
    CHECK(k.span->evidence.find("１０条") != std::string::npos);
    REQUIRE(k.own_text);
    CHECK(k.text().find("建设健身步道10条") != std::string_view::npos);
}

TEST_CASE("the plan JSON keeps the task text and reads it back once", "[extract][tasks][memory]") {
    const std::string text = head + "1.推进全民健身。建设健身步道１０条。（县体育局牵头）\n" +
                             "2.加强食品安全。开展抽检。（县市场监管局牵头）\n";
    const Plan p = extract(text);
    REQUIRE(p.tasks.size() == 2);
    const std::string json = to_json(p);
    CHECK(json.find("\"text\": \"2.加强食品安全。开展抽检。（县市场监管局牵头）\"") != std::string::npos);
    const Plan back = plan_from_json(json);
    CHECK(back == p);
    CHECK(back.tasks[0].own_text);
    CHECK_FALSE(back.tasks[1].own_text);
    CHECK(to_json(back) == json);
}

TEST_CASE("Task::set_text stores a body only when it is not the evidence", "[model][tasks]") {
    Task k;
    k.set_text("加强健康教育");  // no span yet: the body is its own
    CHECK(k.text() == "加强健康教育");
    REQUIRE(k.own_text);
    k.span = Span{0, 18, "加强健康教育"};
    k.set_text("加强健康教育");
    CHECK_FALSE(k.own_text);
    CHECK(k.text() == "加强健康教育");
    k.set_text("");  // an empty body beside a span is a body of its own
    CHECK(k.text().empty());
    CHECK(k.own_text);
}

TEST_CASE("tasks compare by their body, wherever it is held", "[model][tasks]") {
    Task a;
    a.set_text("加强健康教育");  // before the span: held apart
    a.span = Span{0, 18, "加强健康教育"};
    Task b;
    b.span = a.span;
    b.set_text("加强健康教育");  // after: the evidence
    REQUIRE(a.own_text);
    REQUIRE_FALSE(b.own_text);
    CHECK(a == b);
    b.set_text("加强健康促进");
    CHECK_FALSE(a == b);
}
