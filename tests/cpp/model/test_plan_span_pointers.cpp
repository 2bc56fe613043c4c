// Plan::validate names a bad span by its JSON pointer, in every array that holds
// spans (the pointer is built only when a span is bad: src/model/plan.cpp check_span).
#include <catch2/catch.hpp>

#include <string>

#include <healthplan/error.hpp>
#include <healthplan/plan.hpp>

using namespace healthplan;

namespace {

std::string where_of_bad_span(Plan p) {
    try {
        p.validate();
    } catch (const ValidationError& e) {
        CHECK(std::string(e.id()) == "model.span");
        return e.where();
    }
    return "valid";
}

}  // namespace

TEST_CASE("a span past the source is named by its JSON pointer", "[model][span]") {
    Plan base;
    base.source.size = 10;
    const Span past{4, 40, {}};
    {
        Plan p = base;
        p.tasks.resize(3);
        for (int i = 0; i < 3; ++i) p.tasks[i].id = "k" + std::to_string(i + 1);
        p.tasks[2].span = past;
        CHECK(where_of_bad_span(p) == "/tasks/2/span");
    }
    {
        Plan p = base;
        Section s;
        s.label = "一、";
        s.children.resize(2);
        s.children[1].span = past;
        p.sections = {s, s};
        CHECK(where_of_bad_span(p) == "/sections/1/children/1/span");
    }
    CHECK(where_of_bad_span(base) == "valid");
}
