// The data behind agency normalisation: department kinds with their
// keywords, short forms, level prefixes and place names. Adding a spelling
// is adding a row here.
#include "compare/agencies_tables.hpp"

HEALTHPLAN_BEGIN_NAMESPACE
namespace detail {

// Order matters only for display: reports list kinds in this order.
const std::vector<KindRow>& kind_rows() {
    static const std::vector<KindRow> rows = {
        {"health",
         "Health commission / bureau",
         "卫生健康",
         {"卫生健康", "卫健", "卫生和计划生育", "卫生计生", "卫计", "爱国卫生", "爱卫", "中医药管理", "卫生局"}},
        {"health_institution",
         "Hospitals, CDC and health institutions",
         "医疗卫生机构",
         {"医疗卫生机构", "医院", "卫生院", "疾病预防控制", "疾控", "妇幼保健", "急救中心", "血站", "卫生监督"}},
        {"medical_insurance", "Medical insurance", "医疗保障", {"医疗保障", "医保"}},
        {"education", "Education", "教育", {"教育", "教体"}},
        {"sport", "Sport", "体育", {"体育"}},
        {"culture_tourism", "Culture and tourism", "文化旅游", {"文化", "旅游", "文旅", "旅文", "文体"}},
        {"media", "Radio, TV and media", "广电媒体", {"广播电视", "广电", "融媒体", "日报社", "新闻出版", "电视台"}},
        {"propaganda",
         "Propaganda and civilisation office",
         "宣传",
         {"宣传部", "宣传", "网信", "网络安全和信息化", "精神文明", "文明办"}},
        {"civil_affairs", "Civil affairs", "民政", {"民政"}},
        {"finance", "Finance and taxation", "财政", {"财政", "税务"}},
        {"development_reform", "Development and reform", "发展改革", {"发展和改革", "发展改革", "发改"}},
        {"human_resources",
         "Human resources and social security",
         "人力资源社会保障",
         {"人力资源和社会保障", "人力资源", "人社", "社会保险", "社保"}},
        {"public_security", "Public security", "公安", {"公安"}},
        {"justice", "Justice and political-legal affairs", "司法政法", {"司法", "政法"}},
        {"market_regulation", "Market regulation", "市场监管", {"市场监督管理", "市场监管", "市监", "食品药品监督"}},
        {"ecology_environment", "Ecology and environment", "生态环境", {"生态环境", "环境保护", "环保"}},
        {"housing",
         "Housing and urban-rural development",
         "住房城乡建设",
         {"住房和城乡建设", "住房城乡建设", "住建", "住房"}},
        {"urban_management",
         "Urban management and law enforcement",
         "城市管理",
         {"城市管理", "城管", "综合行政执法", "综合执法"}},
        {"natural_resources", "Natural resources and planning", "自然资源", {"自然资源", "资规", "规划和自然资源"}},
        {"water", "Water", "水务水利", {"水务", "水利"}},
        {"agriculture",
         "Agriculture and rural affairs",
         "农业农村",
         {"农业农村", "农牧", "农业", "畜牧", "乡村振兴", "林业", "林草", "兽医"}},
        {"transport", "Transport", "交通运输", {"交通运输", "交通", "车务段", "机场"}},
        {"industry_it",
         "Industry and information technology",
         "工业和信息化",
         {"工业和信息化", "工信", "经济和信息化", "经信", "科工信", "能源"}},
        {"science_technology", "Science and technology", "科学技术", {"科学技术", "科技"}},
        {"commerce", "Commerce and investment", "商务", {"商务", "招商"}},
        {"emergency", "Emergency management", "应急管理", {"应急管理", "应急"}},
        {"statistics", "Statistics", "统计", {"统计"}},
        {"state_assets", "State-owned assets", "国有资产", {"国有资产监督管理", "国资"}},
        {"mass_organizations",
         "Trade union, youth league, women's federation and other mass organisations",
         "群团组织",
         {"总工会", "工会", "共青团", "团市委", "团区委", "团县委", "团旗委", "团委", "妇女联合会", "妇联",
          "残疾人联合会", "残联", "红十字会", "科学技术协会", "科协", "慈善"}},
        {"party_committee", "Party committee organs", "党委部门", {"组织部", "统战部", "编办", "党委"}},
        {"government_office",
         "Government office and administrative approval",
         "政府办公室",
         {"人民政府办公室", "政府办公室", "政府办", "审批", "政务服务"}},
        {"local_government",
         "Subordinate governments (districts, towns, streets)",
         "下级政府",
         {"人民政府", "街道办事处", "街道", "乡政府", "镇政府", "各镇", "镇(区)", "乡镇", "苏木", "管理委员会",
          "管委会"}},
        {"other", "Other", "其他", {}},
    };
    return rows;
}

// Short forms as plans write them, expanded to the full department name.
const std::vector<std::pair<std::string, std::string>>& short_form_rows() {
    static const std::vector<std::pair<std::string, std::string>> rows = {
        {"卫健委", "卫生健康委员会"},
        {"卫健局", "卫生健康局"},
        {"卫计委", "卫生和计划生育委员会"},
        {"发改委", "发展和改革委员会"},
        {"发改局", "发展和改革局"},
        {"人社局", "人力资源和社会保障局"},
        {"住建局", "住房和城乡建设局"},
        {"市监局", "市场监督管理局"},
        {"市场监管局", "市场监督管理局"},
        {"医保局", "医疗保障局"},
        {"环保局", "环境保护局"},
        {"文旅局", "文化和旅游局"},
        {"教体局", "教育体育局"},
        {"科技局", "科学技术局"},
        {"工信局", "工业和信息化局"},
        {"应急局", "应急管理局"},
        {"城管局", "城市管理局"},
        {"资规局", "自然资源和规划局"},
        {"爱卫办", "爱国卫生运动委员会办公室"},
        {"妇联", "妇女联合会"},
        {"残联", "残疾人联合会"},
        {"科协", "科学技术协会"},
        {"政府办", "人民政府办公室"},
        {"网信办", "网络安全和信息化委员会办公室"},
        {"文明办", "精神文明建设委员会办公室"},
        {"政法委员会", "政法委"},  // the short form is the usual one; fold the long one onto it
    };
    return rows;
}

// Level prefixes, longest first ("自治区" before "区").
const std::vector<std::string>& level_rows() {
    static const std::vector<std::string> rows = {"自治区", "市", "区", "县", "旗", "盟", "省", "州", "镇", "乡"};
    return rows;
}

// Places the bundled plans name, and the province-level units, so that
// "乌海市卫生健康委员会" and "市卫生健康委员会" line up. Callers add their own.
const std::vector<std::string>& place_rows() {
    static const std::vector<std::string> rows = {
        "乌海市",        "琼海市",         "克拉玛依市", "克拉玛依区",     "武隆区",           "呼和浩特市",
        "海勃湾区",      "乌达区",         "海南区",     "北京市",         "天津市",           "上海市",
        "重庆市",        "河北省",         "山西省",     "辽宁省",         "吉林省",           "黑龙江省",
        "江苏省",        "浙江省",         "安徽省",     "福建省",         "江西省",           "山东省",
        "河南省",        "湖北省",         "湖南省",     "广东省",         "海南省",           "四川省",
        "贵州省",        "云南省",         "陕西省",     "甘肃省",         "青海省",           "台湾省",
        "内蒙古自治区",  "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区",
        "澳门特别行政区"};
    return rows;
}

}  // namespace detail
HEALTHPLAN_END_NAMESPACE
