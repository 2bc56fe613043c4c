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

TEST_CASE("由X负责，Y配合 / 由X牵头 closing an item's paragraph", "[extract][tasks]") {
    Plan p = plan_of(
        "（一）环境卫生\n"
        "（1）治理背街小巷。清理积存垃圾。由县城管局负责，县住建局、县交通局配合。\n"
        "（2）规范集贸市场。落实清洁制度。由县商务局牵头，县市场监管局按职责分工负责，各乡镇人民政府负责具体实施。\n"
        "（3）建设无烟单位。由县卫健局、县教育局负责。\n");
    REQUIRE(p.tasks.size() == 3);
    CHECK(p.tasks[0].lead.empty());
    CHECK(names(p.tasks[0].responsible) == std::vector<std::string>{"县城管局", "县住建局", "县交通局"});
    CHECK(names(p.tasks[1].lead) == std::vector<std::string>{"县商务局"});
    CHECK(names(p.tasks[1].responsible) == std::vector<std::string>{"县市场监管局"});
    CHECK(p.tasks[1].others.size() == 1);
    CHECK(names(p.tasks[2].responsible) == std::vector<std::string>{"县卫健局", "县教育局"});
}

TEST_CASE("a line of units 按职责分工负责, and a (牵头) mark after a 、 group", "[extract][tasks]") {
    Plan p = plan_of(
        "（一）推进改厕。开展农村改厕。\n"
        "　　县农业农村局、县水利局按职责分工负责\n"
        "（二）推进健身。建设健身步道。\n"
        "　　责任单位：县卫健局、县体育局（牵头），县教育局\n");
    REQUIRE(p.tasks.size() == 2);
    CHECK(names(p.tasks[0].responsible) == std::vector<std::string>{"县农业农村局", "县水利局"});
    CHECK(names(p.tasks[1].lead) == std::vector<std::string>{"县卫健局", "县体育局"});
    CHECK(names(p.tasks[1].responsible) == std::vector<std::string>{"县教育局"});
}

TEST_CASE("a street office's units share the 街道 prefix", "[extract][tasks]") {
    Plan p = plan_of(
        "（一）健康宣传\n"
        "1．开展健康讲座。\n"
        "　　牵头单位：街道党政办\n"
        "　　责任单位：街道卫生服务中心、综合执法队、各社区居委会\n");
    REQUIRE(p.tasks.size() == 1);
    CHECK(names(p.tasks[0].responsible) ==
          std::vector<std::string>{"街道卫生服务中心", "街道综合执法队", "各社区居委会"});
}

TEST_CASE("responsibility labels are composed: qualifier, role words, head noun", "[extract][tasks]") {
    Plan p = plan_of(
        "（一）重点工作\n"
        "1.推进医共体建设。整合县域医疗资源。\n"
        "牵头责任单位：县卫健局、县医保局\n"
        "主要协作单位：县财政局，县人社局\n"
        "2.开展全民健身活动。\n"
        "责任牵头部门：县体育局\n"
        "协助单位：县教育局\n"
        "3.改善农村人居环境。\n"
        "责任：全面落实河长制。\n");
    REQUIRE(p.tasks.size() == 2);
    CHECK(names(p.tasks[0].lead) == std::vector<std::string>{"县卫健局", "县医保局"});
    CHECK(names(p.tasks[0].responsible) == std::vector<std::string>{"县财政局", "县人社局"});
    CHECK(names(p.tasks[1].lead) == std::vector<std::string>{"县体育局"});
    CHECK(names(p.tasks[1].responsible) == std::vector<std::string>{"县教育局"});
}

TEST_CASE("a label opening a sentence inside a task's line", "[extract][tasks]") {
    // The whole task on its heading line, the label after the last full stop;
    // two labels on one line, split at the semicolon.
    Plan p = extract(
        "某县健康行动实施方案\n三、主要任务\n"
        "（一）实施全民健身行动。到2025年，经常参加体育锻炼人数比例达到40%"
        "以上。责任单位：县文旅体育局，各乡镇人民政府。\n"
        "（二）实施控烟行动。全面推进无烟党政机关建设。\n牵头单位：县卫健局；配合单位：县爱卫办、县教育局\n"
        "（三）实施心理健康促进行动。完善心理健康服务网络。（责任单位：县卫健局；配合单位：县民政局）\n");
    REQUIRE(p.tasks.size() == 3);
    REQUIRE(p.tasks[0].responsible.size() == 2);
    CHECK(p.tasks[0].responsible[0].name == "县文旅体育局");
    CHECK(p.tasks[0].responsible[1].name == "各乡镇人民政府");
    REQUIRE(p.tasks[1].lead.size() == 1);
    CHECK(p.tasks[1].lead[0].name == "县卫健局");
    REQUIRE(p.tasks[1].responsible.size() == 2);
    CHECK(p.tasks[1].responsible[1].name == "县教育局");
    REQUIRE(p.tasks[2].responsible.size() == 2);
    CHECK(p.tasks[2].responsible[1].name == "县民政局");
}
