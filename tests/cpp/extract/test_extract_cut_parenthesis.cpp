// A responsibility parenthesis cut off by the end of the document (a page
// copied short, a truncated repost): what it names is read, and the task is
// marked uncertain, since the rest of the list is lost. The certainty is an
// optional JSON field: a certain task writes none, so older files load and
// save → load stays equal.
#include <catch2/catch.hpp>

#include <string>

#include "healthplan/extract.hpp"
#include "healthplan/json.hpp"

using namespace healthplan;

namespace {

Plan plan_of(const std::string& body) {
    ExtractOptions o;
    o.name = "test";
    return extract("某市健康行动实施方案\n\n一、主要任务\n" + body, o);
}

std::vector<std::string> names(const std::vector<Agency>& units) {
    std::vector<std::string> out;
    for (const auto& a : units) out.push_back(a.name);
    return out;
}

}  // namespace

TEST_CASE("a responsibility parenthesis cut off by the end of the document", "[extract][tasks][damage]") {
    SECTION("labelled groups, cut after a 、") {
        const Plan p = plan_of(
            "（一）实施健康知识普及行动。开展健康教育进机关活动。（牵头单位：市卫健委，责任单位：市教育局、市体育局、");
        REQUIRE(p.tasks.size() == 1);
        const Task& k = p.tasks[0];
        CHECK(k.certainty == Certainty::uncertain);
        CHECK(names(k.lead) == std::vector<std::string>{"市卫健委"});
        CHECK(k.responsible.size() == 2);
    }
    SECTION("X牵头, cut inside the responsible list, the text ending in a line break") {
        const Plan p =
            plan_of("（一）推进控烟行动。全面推进无烟党政机关建设。（市卫健委牵头，市教育局、市市场监管局\n");
        REQUIRE(p.tasks.size() == 1);
        CHECK(p.tasks[0].certainty == Certainty::uncertain);
        CHECK(p.tasks[0].lead.size() == 1);
        CHECK(p.tasks[0].responsible.size() == 2);
    }
    SECTION("a closed parenthesis is certain; an open one before the end that names nobody is no assignment") {
        const Plan closed = plan_of("（一）推进控烟行动。建设无烟机关。（市卫健委牵头，市教育局按职责分工负责）\n");
        REQUIRE(closed.tasks.size() == 1);
        CHECK(closed.tasks[0].certainty == Certainty::certain);
        const Plan none = plan_of("（一）推进控烟行动。建设无烟机关（包括");
        for (const auto& k : none.tasks) CHECK(k.lead.empty());
    }
    SECTION("an unclosed parenthesis before the last line is not cut by the end") {
        const Plan p =
            plan_of("（一）推进控烟行动。建设无烟机关。（市卫健委牵头，市教育局\n（二）加强组织领导。健全机制。\n");
        for (const auto& k : p.tasks) CHECK(k.certainty == Certainty::certain);
    }
}

TEST_CASE("a task's certainty is written only when uncertain and survives save and load", "[model][json]") {
    const Plan p = plan_of("（一）推进控烟行动。建设无烟机关。（牵头单位：市卫健委，责任单位：市教育局、");
    REQUIRE(p.tasks.size() == 1);
    const std::string j = to_json(p.tasks[0]);
    CHECK(j.find("\"certainty\":\"uncertain\"") != std::string::npos);
    CHECK(task_from_json(j) == p.tasks[0]);
    Task certain = p.tasks[0];
    certain.certainty = Certainty::certain;
    CHECK(to_json(certain).find("certainty") == std::string::npos);
    CHECK(task_from_json(to_json(certain)) == certain);
    CHECK(plan_from_json(to_json(p)) == p);
}
