// Metadata, the section outline and task responsibilities, on composed
// texts; the seed documents are checked end to end when ../shared is there.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "healthplan/error.hpp"
#include "healthplan/extract.hpp"
#include "healthplan/json.hpp"

using namespace healthplan;

namespace {

const char* notice =
    "首页 > 政务公开\n分享到:\n"
    "标题:某某市人民政府办公室关于印发《健康某某行动实施方案(2021—2030年)》的通知\n"
    "发文机关:某某市人民政府办公室 成文日期:2021年06月18日 文 号:某政办发〔2021〕12号 发布日期:2021年06月25日\n"
    "各县区人民政府:\n现将《健康某某行动实施方案(2021—2030年)》印发给你们。\n"
    "某某市人民政府办公室\n2021年6月18日\n"
    "健康某某行动实施方案(2021—2030年)\n"
    "为贯彻落实《国务院关于实施健康中国行动的意见》(国发〔2019〕13号)和《健康河北行动实施方案》精神，制定本方案。\n"
    "一、总体目标\n到2025年，居民健康素养水平不低于25%。\n"
    "二、主要任务\n（一）全方位干预健康影响因素\n"
    "1.实施健康知识普及行动。加强健康教育。（市卫生健康委牵头，市委宣传部，市教育局、科学技术局、市场监督管理局、"
    "团市委、某某日报社等按职责分工负责，各县区人民政府分别负责）\n"
    "2."
    "实施合理膳食行动。推广减盐减油。\n牵头单位：市卫生健康委\n责任单位：市教育局、市场监管局、住房和城乡建设局、小河镇"
    "政府\n"
    "（二）维护全生命周期健康\n(1)实施妇幼健康促进行动。\n配合单位:市妇联\n"
    "三、保障措施\n（一）加强组织领导。各部门要落实责任。\n"
    "网站地图 | 联系我们\n版权所有 某某市人民政府\n";

}  // namespace

TEST_CASE("metadata: the inner title, issuer, 文号, dates, place, period, references", "[extract][meta]") {
    Plan p = extract(notice);
    CHECK(p.title == "健康某某行动实施方案(2021—2030年)");
    CHECK(p.issuer == "某某市人民政府办公室");
    CHECK(p.doc_number == "某政办发〔2021〕12号");
    REQUIRE(p.issue_date);
    CHECK(p.issue_date->iso() == "2021-06-18");
    REQUIRE(p.publication_date);
    CHECK(p.publication_date->iso() == "2021-06-25");
    CHECK(p.region.name == "某某市");
    CHECK(p.region.level == AdminLevel::prefecture);
    CHECK(p.region.province == "河北省");
    CHECK(p.period_start == 2021);
    CHECK(p.period_end == 2030);
    REQUIRE(p.references.size() == 2);
    CHECK(p.references[0] == "《国务院关于实施健康中国行动的意见》(国发〔2019〕13号)");
    CHECK(p.references[1] == "《健康河北行动实施方案》");
}

TEST_CASE("metadata: newspaper, wire and source lines date a report", "[extract][meta]") {
    // An edition beside the date, a wire's 讯, a source name before an ISO date (space or not), a
    // 时间 label near the line's start; each dates the report, so a past year's figure is no target.
    Plan page = extract(
        "来源:《 人民日报海外版 》( 2016年10月27日 第 01 版)\n"
        "根据世界银行数据,2014年世界人均预期寿命为71.5岁。到2030年,人均预期寿命达到79岁。\n");
    REQUIRE(page.publication_date);
    CHECK(page.publication_date->iso() == "2016-10-27");
    REQUIRE(page.targets.size() == 1);
    CHECK(*page.targets[0].year == 2030);
    CHECK(extract("返回\n2021-08-06 第05版:五版\n正文。\n").publication_date->iso() == "2021-08-06");
    std::string wire = "2016年10月26日讯,中共中央、国务院近日印发《“健康中国2030”规划纲要》。";
    while (wire.size() < 300) wire += "规划纲要提出,健康服务质量和健康保障水平不断提高。";
    CHECK(extract(wire + "\n").publication_date->iso() == "2016-10-26");
    CHECK(extract("标题\n健康报 2017-02-15\n正文。\n").publication_date->iso() == "2017-02-15");
    CHECK(extract("标题\n时间:2022-07-06     人气:1207\n正文。\n").publication_date->iso() == "2022-07-06");
    // A date inside running text is no dateline.
    CHECK_FALSE(extract("标题\n本方案自2022年7月6日起施行,有效期至2025年12月31日。\n").publication_date);
}

TEST_CASE("a dated text that names no year from its own on reports the present", "[extract][meta]") {
    // 2022-10-14, and no 2022年 or later, no unfinished five-year period: its undated levels are
    // the present. The same sentence in a text that looks ahead (…到2025年…) is a target.
    const std::string head = "丽水再次获评全国健康城市建设样板市\n发布时间:2022-10-14 14:48:00 来源: 丽水日报\n";
    CHECK(extract(head + "2021年,丽水扎实推进健康城市建设。\n全市居民健康素养水平达34.02%。\n").targets.empty());
    Plan ahead = extract(head + "全市居民健康素养水平达34.02%。到2025年,健康城市建设水平明显提升。\n");
    REQUIRE(ahead.targets.size() == 1);
    CHECK_FALSE(ahead.targets[0].year);
    CHECK(extract(head + "“十四五”期间,全市居民健康素养水平达34.02%。\n").targets.size() == 1);
}

TEST_CASE("metadata: a report's dateline is its publication date, which dates its past periods", "[extract][meta]") {
    // "2013年02月17日 10:55 来源于 财新网": a date opening a line that goes on with a clock time
    // or the source. The 十一五 ended before it: what that period reached is no target.
    Plan p = extract(
        "卫生部长:2015年人均预期寿命提高到75.83岁\n2013年02月17日 10:55 来源于 财新网\n"
        "陈竺称,“十一五”末期,人均预期寿命提高到74.83岁,孕产妇死亡率下降到30.0/10万。\n");
    REQUIRE(p.publication_date);
    CHECK(p.publication_date->iso() == "2013-02-17");
    REQUIRE(p.targets.size() == 1);
    CHECK(*p.targets[0].year == 2015);
    CHECK(extract("某报讯\n2019-09-24  来源:中国新闻网\n正文。\n").publication_date->iso() == "2019-09-24");
    CHECK(extract("某报讯\n2012-08-18 07:31:00\n正文。\n").publication_date->iso() == "2012-08-18");
    // Run into one line, the dateline is found by its clock time; a value dated before it is a report.
    Plan flat = extract(
        "某报讯 发布时间:2011年01月06日 15:43 | 来源:中国新闻网 孕产妇死亡率从2005年的47.7/10万"
        "下降到2009年的31.9/10万,下降了33.12%。到2015年,孕产妇死亡率降至22/10万。\n");
    REQUIRE(flat.publication_date);
    CHECK(flat.publication_date->iso() == "2011-01-06");
    REQUIRE(flat.targets.size() == 1);
    CHECK(*flat.targets[0].year == 2015);
    // A report's byline holds footer words ("责任编辑:"): with no heading, the page
    // footer is looked for after the first line of prose, so the report is read.
    Plan byline = extract(
        "成人每天2次刷牙率达到45%\n2019-02-24 20:00:45  责任编辑:  出处:人民网\n"
        "国家卫健委近日印发的《健康口腔行动方案(2019—2025年)》提出,到2025年,12岁儿童龋患率"
        "控制在30%以内。\n");
    CHECK(byline.publication_date->iso() == "2019-02-24");
    CHECK(byline.targets.size() >= 1);
    // A date opening a sentence of the text is no dateline.
    CHECK_FALSE(extract("某市规划\n2020年12月31日前,完成全部建设任务。\n").publication_date);
}

TEST_CASE("the outline nests every heading style and leaves the page footer out", "[extract][sections]") {
    Plan p = extract(notice);
    REQUIRE(p.sections.size() == 3);
    CHECK(p.sections[0].label == "一、");
    CHECK(p.sections[0].title == "总体目标");
    const Section& tasks = p.sections[1];
    REQUIRE(tasks.children.size() == 2);
    CHECK(tasks.children[0].label == "（一）");
    REQUIRE(tasks.children[0].children.size() == 2);
    CHECK(tasks.children[0].children[0].label == "1.");
    CHECK(tasks.children[0].children[0].title == "实施健康知识普及行动");
    CHECK(tasks.children[1].children.at(0).label == "(1)");
    CHECK(p.sections[2].children.at(0).title == "加强组织领导");
    const std::string text = notice;
    std::function<void(const std::vector<Section>&)> check = [&](const std::vector<Section>& ss) {
        for (const auto& s : ss) {
            REQUIRE(s.span);
            CHECK(text.substr(s.span->begin, s.span->size()) == s.span->evidence);
            CHECK(s.span->evidence.find("网站地图") == std::string::npos);
            check(s.children);
        }
    };
    check(p.sections);
}

TEST_CASE("chapters, sections and boxes", "[extract][sections]") {
    Plan p = extract(
        "某市“十四五”卫生健康规划(征求意见稿)\n第一章 规划背景\n第一节??发展成就\n文字。\n"
        "第二章总体要求\n第一节 发展目标\n专栏1 主要指标\n第二节 基本原则\n");
    CHECK(p.status == PlanStatus::draft);
    CHECK(p.title == "某市“十四五”卫生健康规划");
    CHECK(p.period_start == 2021);
    REQUIRE(p.sections.size() == 2);
    CHECK(p.sections[0].children.at(0).title == "发展成就");
    CHECK(p.sections[1].title == "总体要求");
    REQUIRE(p.sections[1].children.size() == 2);
    CHECK(p.sections[1].children[0].children.at(0).label == "专栏1");
}

TEST_CASE("responsibilities in a trailing parenthesis expand shared prefixes", "[extract][tasks]") {
    Plan p = extract(notice);
    REQUIRE(p.tasks.size() == 3);
    const Task& t = p.tasks[0];
    CHECK(t.number_string() == "二.(一).1");
    CHECK(t.title == "实施健康知识普及行动");
    REQUIRE(t.lead.size() == 1);
    CHECK(t.lead[0].name == "市卫生健康委");
    std::vector<std::string> names, written;
    for (const auto& a : t.responsible) names.push_back(a.name), written.push_back(a.as_written);
    CHECK(names == std::vector<std::string>{"市委宣传部", "市教育局", "市科学技术局", "市市场监督管理局", "团市委",
                                            "某某日报社"});
    CHECK(written ==
          std::vector<std::string>{"市委宣传部", "市教育局", "科学技术局", "市场监督管理局", "团市委", "某某日报社"});
    CHECK(t.others == std::vector<std::string>{"各县区人民政府分别负责"});
}

TEST_CASE("responsibilities on labelled lines", "[extract][tasks]") {
    Plan p = extract(notice);
    const Task& t = p.tasks[1];
    CHECK(t.number_string() == "二.(一).2");
    REQUIRE(t.lead.size() == 1);
    CHECK(t.lead[0].name == "市卫生健康委");
    std::vector<std::string> names;
    for (const auto& a : t.responsible) names.push_back(a.name);
    // 住房和城乡建设局 is a department (城乡 is not a township); 小河镇政府 is a place.
    CHECK(names == std::vector<std::string>{"市教育局", "市市场监管局", "市住房和城乡建设局", "小河镇政府"});
    const Task& u = p.tasks[2];
    CHECK(u.number_string() == "二.(二).(1)");
    REQUIRE(u.responsible.size() == 1);
    CHECK(u.responsible[0].name == "市妇联");
    CHECK(u.lead.empty());
}

TEST_CASE("targets link to the task they are stated in", "[extract][tasks]") {
    Plan p = extract(
        "某市健康行动方案\n一、主要任务\n1.控烟。到2025年，成人吸烟率低于20%"
        "。（市卫健委牵头，市教育局等按职责分工负责）\n");
    REQUIRE(p.targets.size() == 1);
    REQUIRE(p.tasks.size() == 1);
    CHECK(p.targets[0].task_id == p.tasks[0].id);
    CHECK(p.tasks[0].target_ids == std::vector<std::string>{p.targets[0].id});
    CHECK(p.targets[0].section == std::vector<std::string>{"一", "1"});
}

TEST_CASE("extracted plans survive a JSON round trip", "[extract][json]") {
    Plan p = extract(notice);
    CHECK(plan_from_json(to_json(p)) == p);
}

TEST_CASE("the seed documents extract and validate", "[extract][seeds]") {
    const std::filesystem::path dir = std::filesystem::path(HEALTHPLAN_SOURCE_DIR) / "python/healthplan/data/plans";
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.path().extension() != ".txt") continue;
        INFO(e.path());
        Plan p = extract_file(e.path());
        ++n;
        CHECK(p.source.encoding == "utf-8");
        CHECK(p.source.name == e.path().filename().string());
        CHECK_FALSE(p.title.empty());
        CHECK_FALSE(p.sections.empty());
        CHECK(plan_from_json(to_json(p)) == p);
    }
    CHECK(n == 5);
}

TEST_CASE("a lead marked inside a list, and navigation is never the title", "[extract][tasks]") {
    Plan p = extract(
        "首页 > 政务公开 > 规划计划\n某县健康县城建设实施方案\n一、重点任务\n1.加强健康教育。\n"
        "责任单位：县卫健局（牵头）、县教育局、县融媒体中心\n");
    CHECK(p.title == "某县健康县城建设实施方案");
    CHECK(p.region.level == AdminLevel::county);
    REQUIRE(p.tasks.size() == 1);
    REQUIRE(p.tasks[0].lead.size() == 1);
    CHECK(p.tasks[0].lead[0].name == "县卫健局");
    CHECK(p.tasks[0].responsible.size() == 2);
}

TEST_CASE("task tables: one cell per line and tab-separated rows", "[extract][tasks]") {
    const std::string text =
        "某市健康城市建设任务分工方案\n一、任务分工\n序号\n重点任务\n牵头单位\n责任单位\n完成时限\n"
        "1\n加强健康教育，普及健康知识。\n市卫健委\n市教育局、文广旅局\n2025年底\n"
        "2\n推进控烟，\n建设无烟环境。\n市爱卫办\n市卫健委\n长期\n"
        "二、工作要求\n序号\t工作内容\t牵头部门\t配合部门\n1\t开展监测评估\t市统计局\t市卫健委、财政局\n";
    Plan p = extract(text);
    REQUIRE(p.tasks.size() == 3);
    CHECK(p.tasks[0].number_string() == "1");
    CHECK(p.tasks[0].title == "加强健康教育");
    REQUIRE(p.tasks[0].lead.size() == 1);
    CHECK(p.tasks[0].lead[0].name == "市卫健委");
    CHECK(p.tasks[0].responsible.size() == 2);
    CHECK(p.tasks[1].title == "推进控烟");  // the task text wrapped over two lines
    CHECK(p.tasks[1].lead[0].name == "市爱卫办");
    CHECK(p.tasks[2].lead[0].name == "市统计局");
    REQUIRE(p.tasks[2].responsible.size() == 2);
    CHECK(p.tasks[2].responsible[1].name == "市财政局");
    for (const auto& k : p.tasks) CHECK(text.substr(k.span->begin, k.span->size()) == k.span->evidence);
}

TEST_CASE("the last row of a task table is not confused by the text after it", "[extract][tasks]") {
    const std::string text =
        "某市任务分工方案\n序号\n工作任务\n牵头单位\n配合单位\n"
        "1\n建立健康档案。\n市卫健委\n市医保局\n"
        "2\n推进全民健身，\n建设健身步道。\n市体育局\n市住建局、市园林局\n"
        "各单位要高度重视，确保完成。\n";
    Plan p = extract(text);
    REQUIRE(p.tasks.size() == 2);
    CHECK(p.tasks[1].lead.at(0).name == "市体育局");
    CHECK(p.tasks[1].responsible.size() == 2);
    CHECK(p.tasks[1].span->evidence.find("各单位") == std::string::npos);
}

TEST_CASE("an issuer inferred from 经区人民政府研究同意", "[extract][meta]") {
    Plan p = extract(
        "关于印发《关于推进健康某某区行动的实施意见》的通知\n某区政发〔2021〕3号\n"
        "《关于推进健康某某区行动的实施意见》已经区人民政府研究同意，现印发给你们。\n"
        "关于推进健康某某区行动的实施意见\n一、总体要求\n");
    CHECK(p.region.name == "某某区");
    CHECK(p.region.level == AdminLevel::district);
    CHECK(p.issuer == "某某区人民政府");
    CHECK(p.doc_number == "某区政发〔2021〕3号");
}

TEST_CASE("labelled groups inside a trailing parenthesis", "[extract][tasks]") {
    Plan p = extract(
        "某市健康城市建设工作方案\n一、重点任务\n"
        "1.推进环境卫生整治。（牵头单位：市城管局；配合单位：市住建局、生态环境局，各区县人民政府）\n"
        "2.加强饮用水安全管理。（责任单位：市水务局、卫生健康委）\n");
    REQUIRE(p.tasks.size() == 2);
    CHECK(p.tasks[0].lead.at(0).name == "市城管局");
    REQUIRE(p.tasks[0].responsible.size() == 3);
    CHECK(p.tasks[0].responsible[1].name == "市生态环境局");
    CHECK(p.tasks[0].responsible[2].name == "各区县人民政府");
    REQUIRE(p.tasks[1].responsible.size() == 2);
    CHECK(p.tasks[1].responsible[1].name == "市卫生健康委");
}

TEST_CASE("a title broken over two lines", "[extract][meta]") {
    Plan p = extract(
        "关于印发《某某市“十四五”卫生健康事业发展规划》的通知\n各区：现印发给你们。\n"
        "某某市“十四五”卫生健康事业\n发展规划\n第一章 总体要求\n");
    CHECK(p.title == "某某市“十四五”卫生健康事业发展规划");
    REQUIRE(p.sections.size() == 1);
    CHECK(p.period_end == 2025);
}

TEST_CASE("a plan flattened into one line reads as the original", "[extract][tasks][sections]") {
    // A document-sharing site's copy runs every line of a plan together; the
    // heading labels that open its sentences give the lines back.
    const std::vector<std::string> body = {
        "为贯彻落实上级文件精神，结合我区实际，制定本方案。",
        "一、主要目标",
        "到2025年，5岁以下儿童贫血率控制在12%以下，孕妇贫血率下降至15%以下。",
        "二、重点任务",
        "（一）加强营养能力建设。",
        "1.推动营养政策落实。落实国家营养法规政策。（区卫生健康局牵头，区司法局、区农业农村局负责）",
        "2.贯彻国家营养标准。加强标准宣传。（区市场监督管理局负责）",
        "（二）开展重点人群营养改善。",
        "1.开展学生营养改善。推广营养餐。（区教育局负责）",
    };
    std::string lined = "某某区国民营养计划实施方案\n", flat = lined;
    for (const auto& l : body) lined += l + "\n", flat += l;
    const Plan a = extract(lined), b = extract(flat);
    auto tasks = [](const Plan& p) {
        std::vector<std::string> out;
        for (const auto& t : p.tasks) {
            std::string s;
            for (const auto& n : t.number) s += n + ".";
            for (const auto& u : t.lead) s += " L:" + u.name;
            for (const auto& u : t.responsible) s += " R:" + u.name;
            out.push_back(s);
        }
        return out;
    };
    auto targets = [](const Plan& p) {
        std::vector<std::string> out;
        for (const auto& t : p.targets) out.push_back(t.indicator + " " + std::to_string(t.year.value_or(0)));
        return out;
    };
    REQUIRE(tasks(a).size() == 3);
    CHECK(tasks(b) == tasks(a));
    CHECK(targets(b) == targets(a));
    CHECK(targets(a).size() == 2);
    // Labels out of order, or a lone one, are no outline: "第(一)项" is a reference.
    const Plan c = extract("某某区方案\n按照第(一)项要求，各部门落实。(二)已完成的工作不再重复。3.其他事项另行通知。");
    CHECK(c.tasks.empty());
}

TEST_CASE("a flattened heading's title ends where its body's year frame opens", "[extract][sections][frames]") {
    const Plan p = extract(
        "某某区卫生健康规划\n第三章　主要任务第一节　提升公共卫生服务能力一、完善疾病预防控制体系推进区疾控中心标准化建"
        "设。"
        "二、加强慢性病综合防治到2025年，高血压患者基层规范管理服务率达到65%，65岁及以上老年人健康管理率达到72%。");
    REQUIRE(p.targets.size() == 2);
    for (const auto& t : p.targets) CHECK(t.year == 2025);
    REQUIRE(p.sections.size() >= 1);
}
