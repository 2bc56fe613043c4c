// Responsibility parentheses opened by a label, and 各… units that carry out
// rather than lead: sentences composed for the test.
#include <catch2/catch.hpp>

#include <string>

#include "healthplan/extract.hpp"

using namespace healthplan;

namespace {

Plan plan_of(const std::string& body) {
    ExtractOptions o;
    o.name = "test";
    return extract("某县健康促进行动方案\n\n一、主要任务\n\n" + body + "\n", o);
}

std::vector<std::string> names(const std::vector<Agency>& units) {
    std::vector<std::string> out;
    for (const auto& u : units) out.push_back(u.name);
    return out;
}

}  // namespace

TEST_CASE("a 责任单位 label opening the parenthesis keeps the leads it names", "[extract][tasks]") {
    Plan p = plan_of(
        "（一）健康生活\n"
        "1.推进全民健身。建设健身步道。（责任单位：县体育局、县卫健局牵头，县财政局、县住建局按职责分工负责）\n"
        "2.加强食品安全。开展抽检。（责任单位：县市场监管局）\n");
    REQUIRE(p.tasks.size() >= 2);
    const Task& a = p.tasks[0];
    CHECK(names(a.lead) == std::vector<std::string>{"县体育局", "县卫健局"});
    CHECK(names(a.responsible) == std::vector<std::string>{"县财政局", "县住建局"});
    const Task& b = p.tasks[1];
    CHECK(b.lead.empty());
    CHECK(names(b.responsible) == std::vector<std::string>{"县市场监管局"});
}

TEST_CASE("各… units that carry the task out are others, not named units", "[extract][tasks]") {
    Plan p = plan_of(
        "（一）医疗服务\n"
        "1.完善急救网络。建设急救站点。（县卫健局牵头，县财政局按职责分工负责，各乡镇人民政府抓好落实）\n");
    REQUIRE(p.tasks.size() >= 1);
    const Task& t = p.tasks[0];
    CHECK(names(t.lead) == std::vector<std::string>{"县卫健局"});
    CHECK(names(t.responsible) == std::vector<std::string>{"县财政局"});
    CHECK(t.others == std::vector<std::string>{"各乡镇人民政府抓好落实"});
}
