// The vocabulary of targets: comparator words, change and trend verbs,
// reference phrases, units. Kept apart from the scanner so the genre's
// grammar reads as data (see docs/extraction.md, "Target grammar").
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "healthplan/target.hpp"

namespace healthplan::v0::detail::extract {

// A word that introduces a value: "不低于" 22%.
enum class VerbKind {
    level,   // compares with a threshold: 不低于, 达到, 控制在, 降至 …
    change,  // moves by an amount: 提高, 降低, 增加, 减少 …
};

struct Verb {
    std::string_view text;
    VerbKind kind;
    Comparator op;  // level: default comparator; change: increase / decrease
    bool strict;    // 低于 / 高于 / 超过 keep their meaning over a 以上 / 以下 suffix
};

// Level and change verbs as written. Order does not matter: the lexicon
// (verb_at below) matches the longest word at a position by construction.
// Comparisons that compose with a negation or 或等于 are in `comparisons`,
// not here: 不低于, 不得高于, 大于等于 are built from them.
inline constexpr std::array<Verb, 48> verbs = {{
    {"达到或超过", VerbKind::level, Comparator::ge, false},
    {"达到或高于", VerbKind::level, Comparator::ge, false},
    {"提高到", VerbKind::level, Comparator::ge, false},
    {"提高至", VerbKind::level, Comparator::ge, false},
    {"提升到", VerbKind::level, Comparator::ge, false},
    {"提升至", VerbKind::level, Comparator::ge, false},
    {"增加到", VerbKind::level, Comparator::ge, false},
    {"增加至", VerbKind::level, Comparator::ge, false},
    {"增长到", VerbKind::level, Comparator::ge, false},
    {"增长至", VerbKind::level, Comparator::ge, false},
    {"上升到", VerbKind::level, Comparator::ge, false},
    {"下降到", VerbKind::level, Comparator::le, false},
    {"下降至", VerbKind::level, Comparator::le, false},
    {"降低到", VerbKind::level, Comparator::le, false},
    {"降低至", VerbKind::level, Comparator::le, false},
    {"减少到", VerbKind::level, Comparator::le, false},
    {"减少至", VerbKind::level, Comparator::le, false},
    {"控制在", VerbKind::level, Comparator::le, false},
    {"保持在", VerbKind::level, Comparator::ge, false},
    {"稳定在", VerbKind::level, Comparator::ge, false},
    {"维持在", VerbKind::level, Comparator::ge, false},
    {"达到", VerbKind::level, Comparator::ge, false},
    {"降到", VerbKind::level, Comparator::le, false},
    {"降至", VerbKind::level, Comparator::le, false},
    {"增至", VerbKind::level, Comparator::ge, false},
    {"接近", VerbKind::level, Comparator::approx, false},
    {"达", VerbKind::level, Comparator::ge, false},
    {"提高", VerbKind::change, Comparator::increase, false},
    {"提升", VerbKind::change, Comparator::increase, false},
    {"增加", VerbKind::change, Comparator::increase, false},
    {"增长", VerbKind::change, Comparator::increase, false},
    {"上升", VerbKind::change, Comparator::increase, false},
    {"降低", VerbKind::change, Comparator::decrease, false},
    {"下降", VerbKind::change, Comparator::decrease, false},
    {"减少", VerbKind::change, Comparator::decrease, false},
    {"缩小", VerbKind::change, Comparator::decrease, false},
    {"缩短", VerbKind::change, Comparator::decrease, false},  // 平均住院日比2020年缩短0.5天
    {"延长", VerbKind::change, Comparator::increase, false},
    {"翻", VerbKind::change, Comparator::increase, false},  // 比2020年翻一番 (values.cpp: 一番 is +100%)
    // The change verbs with 到/至 state the level reached: "平均住院日缩短到8天以内".
    {"上升至", VerbKind::level, Comparator::ge, false},
    {"缩短到", VerbKind::level, Comparator::le, false},
    {"缩短至", VerbKind::level, Comparator::le, false},
    {"缩小到", VerbKind::level, Comparator::le, false},
    {"缩小至", VerbKind::level, Comparator::le, false},
    {"延长到", VerbKind::level, Comparator::ge, false},
    {"延长至", VerbKind::level, Comparator::ge, false},
    {"扩大到", VerbKind::level, Comparator::ge, false},
    {"扩大至", VerbKind::level, Comparator::ge, false},
}};

// Strict comparisons, each composed by the lexicon with a negation (不低于 is
// >=, 不得高于 is <=) and with 等于 / 或等于 (大于等于, 低于或等于 are inclusive).
struct Comparison {
    std::string_view text;
    Comparator op;  // < or >
};
inline constexpr std::array<Comparison, 7> comparisons = {{
    {"低于", Comparator::lt},
    {"小于", Comparator::lt},
    {"少于", Comparator::lt},
    {"高于", Comparator::gt},
    {"超过", Comparator::gt},
    {"大于", Comparator::gt},
    {"多于", Comparator::gt},
}};
// Negations in front of a comparison: "不得高于5‰" is "<= 5‰", never "> 5‰".
inline constexpr std::array<std::string_view, 8> negations = {"不",   "不得", "不应", "不能",
                                                              "不宜", "不可", "不要", "不会"};
// After a comparison: makes it inclusive ("大于等于", "小于或等于").
inline constexpr std::array<std::string_view, 2> or_equal = {"等于", "或等于"};

// Comparator symbols in running text and table cells ("≥25", "≦5‰"). A bare
// ASCII "<" or ">" reads in running text only right before a number and not
// after a letter or "/": web pages leak markup ("/font>", "<br>").
struct Symbol {
    std::string_view text;
    Comparator op;
    bool in_text;
};
inline constexpr std::array<Symbol, 14> symbols = {{
    {"≥", Comparator::ge, true},
    {"≧", Comparator::ge, true},
    {">=", Comparator::ge, true},
    {"＞＝", Comparator::ge, true},
    {"≤", Comparator::le, true},
    {"≦", Comparator::le, true},
    {"<=", Comparator::le, true},
    {"＜＝", Comparator::le, true},
    {"＞", Comparator::gt, true},
    {"＜", Comparator::lt, true},
    {">", Comparator::gt, true},
    {"<", Comparator::lt, true},
    {"=", Comparator::eq, false},
    {"＝", Comparator::eq, false},
}};

// After a value: 以上 / 以下 … (longest first).
struct Suffix {
    std::string_view text;
    Comparator op;
};
inline constexpr std::array<Suffix, 9> suffixes = {{
    {"及以上", Comparator::ge},
    {"及以下", Comparator::le},
    {"及以内", Comparator::le},
    {"以上", Comparator::ge},
    {"以下", Comparator::le},
    {"以内", Comparator::le},
    {"之内", Comparator::le},
    {"左右", Comparator::approx},
    {"上下", Comparator::approx},
}};

// Units as written, longest first. Each is accepted by Unit::parse.
inline constexpr std::array<std::string_view, 57> unit_spellings = {
    "/100000", "1/10万", "/10万", "/十万", "/10000", "个百分点", "百分点", "/万",  "‰",    "％",   "%",    "岁",
    "万人次",  "万人",   "万元",  "亿元",  "平方米", "立方米",   "人次",   "小时", "分钟", "公里", "千米", "公斤",
    "千克",    "张",     "人",    "个",    "家",     "所",       "名",     "次",   "项",   "台",   "种",   "类",
    "级",      "床",     "例",    "户",    "座",     "部",       "批",     "条",   "件",   "位",   "天",   "周",
    "元",      "支",     "辆",    "克",    "分",     "米",       "场",     "颗",   "块"};

// Values written in Chinese numerals (values.cpp cn_value_at): a fraction's base
// and the unit it means ("十万分之十二" is 12/10万, "千分之五" 5‰), and the units a
// Chinese-numeral count may take ("七十九岁", "两所", "六点五张") — a short list:
// "三级医院", "一批", "一个" are names and phrases, not values.
struct FractionBase {
    std::string_view text;
    std::string_view unit;
};
inline constexpr std::array<FractionBase, 4> cn_fraction_bases = {{
    {"十万分之", "/10万"},
    {"万分之", "/万"},
    {"千分之", "‰"},
    {"百分之", "%"},
}};
inline constexpr std::array<std::string_view, 9> cn_count_units = {"岁", "张", "所",   "家", "名",
                                                                   "人", "天", "小时", "倍"};
// Rates per a base the model has no unit for, read in one it has: "小于1/100万"
// is less than 0.1/10万 (the value scaled, the text kept as written).
struct ScaledRateUnit {
    std::string_view text;
    std::string_view unit;
    double factor;
};
inline constexpr std::array<ScaledRateUnit, 2> scaled_rate_units = {{
    {"/100万", "1/100000", 0.1},
    {"/百万", "1/100000", 0.1},
}};
// "六成" is 60%, "一半" 50%; after 翻, "一番" doubles (+100%), "两番" quadruples (+300%).
inline constexpr std::string_view cn_tenths = "成";
inline constexpr std::string_view cn_half = "一半";
inline constexpr std::string_view cn_doublings = "番";

// Adverbs between an indicator and its verb, dropped from the indicator.
// ("较目前再增加约3岁": 再, further.)
inline constexpr std::array<std::string_view, 27> verb_adverbs = {
    "分别",   "均",   "都",   "要",   "应",   "将",   "需",   "须", "力争",   "争取", "努力", "持续", "稳定", "逐步",
    "进一步", "基本", "全部", "总体", "能够", "可以", "确保", "并", "原则上", "继续", "要求", "至少", "再"};

// Words in front of an indicator that are not part of its name.
// "全年" (an annual plan's "the whole year") and "今年" date the statement, they do not name it.
// 将 and 把 put the object before its verb: "到2030年将5年生存率提升至46.6%".
// "带动体育产业增加值达到3000亿元" (what the plan drives), "目标人均预期寿命提高1岁" (the goal's).
inline constexpr std::array<std::string_view, 42> subject_lead_words = {
    "其中", "并且", "并",     "且",   "同时", "使",   "确保", "保证",   "力争", "争取", "努力", "推进", "推动", "促进",
    "实现", "加快", "进一步", "全市", "全区", "全县", "全旗", "全省",   "全州", "全盟", "我市", "我区", "我县", "我旗",
    "我省", "全国", "提倡",   "倡导", "全年", "今年", "年内", "原则上", "将",   "把",   "带动", "目标", "我国", "中国"};
// Words opening an example in brackets before its name: "扩大筛查覆盖范围(如宫颈癌筛查率达70%)".
inline constexpr std::array<std::string_view, 4> example_leads = {"例如", "比如", "譬如", "如"};
// Names that begin with a lead word's characters: "使用…率", "并发症…", "全年龄段…".
inline constexpr std::array<std::string_view, 5> subject_lead_exceptions = {"使用", "并发", "全年龄", "目标人群",
                                                                            "目标值"};
// A place and the goal's verb before the name: "江苏要实现人均体育场地面积达到3.6平方米" — the
// name starts after the verb when at most this many bytes (four characters) stand before it.
inline constexpr std::array<std::string_view, 4> place_goal_verbs = {"要实现", "将实现", "要确保", "将确保"};
inline constexpr std::size_t place_goal_bytes = 12;

// Words that make a trend of a direction verb: 持续下降, 明显降低, 有所下降.
inline constexpr std::array<std::string_view, 27> trend_modifiers = {
    "较大幅度", "大幅度", "实现", "得到",   "呈现",   "有所", "持续", "明显",   "逐步",
    "稳步",     "显著",   "大幅", "不断",   "进一步", "较大", "逐年", "快速",   "稳定",
    "加快",     "全面",   "继续", "稳中有", "较快",   "大力", "切实", "显著地", "平稳"};

struct TrendVerb {
    std::string_view text;
    int direction;  // +1 increase, -1 decrease, 0 improve (direction from the indicator)
};
inline constexpr std::array<TrendVerb, 16> trend_verbs = {{
    {"下降", -1},
    {"降低", -1},
    {"减少", -1},
    {"减缓", -1},
    {"减轻", -1},
    {"回落", -1},
    {"提高", +1},
    {"提升", +1},
    {"增加", +1},
    {"增长", +1},
    {"上升", +1},
    {"延长", +1},
    {"改善", 0},
    {"放缓", -1},  // 增长速度明显放缓
    {"减慢", -1},
    {"扩大", +1},  // 覆盖面持续扩大
}};

// What an indicator's name ends with (a rate, a share, a count …).
inline constexpr std::array<std::string_view, 21> indicator_heads = {
    "率",   "比例", "比重", "寿命",   "人数", "数量", "例数",     "数",   "素养水平", "素养", "浓度",
    "指数", "天数", "占比", "覆盖面", "总量", "密度", "增长速度", "增速", "知晓率",   "速度"};

// Heads that name an indicator only when the statement is definite: under a
// vague modifier alone ("居民健康素养全面提升", a vision) they state no target.
inline constexpr std::array<std::string_view, 1> weak_indicator_heads = {"素养"};
inline constexpr std::array<std::string_view, 1> vague_trend_modifiers = {"全面"};

// What a capability or a system reaches is an aim, not a measured level:
// "应急处置能力达到省内领先水平" states no benchmark of an indicator.
inline constexpr std::array<std::string_view, 1> aim_heads = {"能力"};

// Words in an indicator's name that make lower values better: "改善" of a
// death rate is a decrease. Shared by running text and table cells.
inline constexpr std::array<std::string_view, 15> lower_is_better_words = {
    "死亡率", "发病率", "患病率", "感染率", "吸烟率", "肥胖", "发生率", "流行率",
    "近视率", "超重",   "伤害",   "支出占", "自付",   "负担", "缺陷"};

// Words before a sentence's year frame: "力争到2025年", "要求到2025年，", "目标是到2025年",
// "最引人注目的,是到2030年…" (a copula opening the clause), and the goal headings that flattened text glues to it
// ("一、目标到2023年，", "（一）总体目标到2025年，": the outline label is skipped when one of these follows).
inline constexpr std::array<std::string_view, 25> frame_leads = {
    "力争",     "预计",     "计划",     "争取",     "确保",       "并",         "同时", "要",   "是",
    "要求",     "目标是",   "目标为",   "或",       "主要目标是", "总体目标是", "实现", "其中", "目标",
    "总体目标", "主要目标", "工作目标", "发展目标", "行动目标",   "具体目标",   "包括"};
// "婴儿死亡率、孕产妇死亡率分别控制在…": values distributed over the years of the paragraph.
inline constexpr std::string_view distributive_word = "分别";
// A sentence that announces its document's goals before the frame: "《实施计划》确定了到2025年，",
// "《规划》明确提出到2030年，". The frame then dates the rest of its paragraph, as a
// paragraph that opens with its years does. Each may be followed by 了.
inline constexpr std::array<std::string_view, 9> announcing_verbs = {"提出", "明确", "确定",     "要求", "指出",
                                                                     "规定", "强调", "明确提出", "设定"};

// Words of a document or its issuing before an announcing verb inside a name: "…规划公布 提出X".
// A headline's parts stand apart by a space: after one of these the name starts after the space
// ("《中国防治慢性病中长期规划》出台 重大慢病过早死亡率要降20%").
inline constexpr std::array<std::string_view, 10> announcing_documents = {"》",   "规划", "方案", "纲要", "意见",
                                                                          "计划", "公布", "印发", "发布", "出台"};

// Sections whose text reports the past, not targets.
inline constexpr std::array<std::string_view, 16> past_section_words = {
    "成就", "回顾",     "现状",     "发展基础", "工作基础", "现实基础", "规划基础", "面临形势",
    "形势", "主要成效", "工作成效", "取得成效", "进展",     "背景",     "基本状况", "基本情况"};

// --- Words of the clause rules (rules.cpp) ---------------------------------

// Closing a base phrase: "在2020年的基础上", "在2005年的基础之上" (longest first).
inline constexpr std::array<std::string_view, 2> base_words = {"基础之上", "基础上"};
// Where a reference phrase may start: 比基期, 较2020年, 在现有基础上, 与2020年相比, 分别在….
inline constexpr std::array<std::string_view, 5> reference_starts = {"比", "较", "在", "与", "分别在"};
// Words that make a statement soft (a target to strive for).
inline constexpr std::array<std::string_view, 2> soft_words = {"力争", "争取"};
// A minimum count: "至少确定1家", "均有1所".
inline constexpr std::array<std::string_view, 2> minimum_words = {"至少", "均有"};
inline constexpr std::array<std::string_view, 11> minimum_verbs = {"有",   "建成", "确定", "打造", "建设", "设置",
                                                                   "设立", "配备", "培育", "开展", "建立"};
// What the counted units do, moved before them in the name ("承担…工作的公立医疗卫生机构").
inline constexpr std::array<std::string_view, 6> minimum_activity_verbs = {"承担", "设置", "开展",
                                                                           "提供", "具备", "达到"};
// Every unit establishes something: "各区全部建成…", "所有…均设置…" (longest first).
// "各乡镇100%建立…" says every unit does, as 全部 does.
inline constexpr std::array<std::string_view, 4> all_units_words = {"全部", "均", "100%", "100％"};
inline constexpr std::array<std::string_view, 2> all_units_leads = {"所有", "全部"};
// Establishments only: 均开展 / 全面实施 are activities, not a state reached.
inline constexpr std::array<std::string_view, 7> establish_verbs = {"建成", "接入", "设置", "开设",
                                                                    "配备", "配齐", "建立"};
inline constexpr std::string_view coverage_word = "全覆盖";  // "…实现全覆盖": 100%
// Slowing growth, a decrease of the indicator's growth (a longer phrase first where one contains another).
inline constexpr std::array<std::string_view, 8> slowing_growth_phrases = {
    "的上升趋势得到遏制", "上升趋势得到遏制", "的上升趋势减缓",   "上升趋势减缓",
    "增速下降",           "增速减缓",         "增长趋势得到遏制", "上升势头得到遏制"};
// "婴儿死亡率分别为5‰": a copula, a verb only before a number after an indicator's name.
inline constexpr std::string_view copula_word = "为";
// "总体近视率每年降0.5%以上": 降 alone, a change verb right before a number.
inline constexpr std::string_view bare_fall_word = "降";
// Between a verb and its value: "达到了", "分别为", "达到约80%" (约 makes it approximate).
inline constexpr std::array<std::string_view, 4> value_adverbs = {"了", "为", "约", "大约"};
// "提高到全省县区总数的60%": the value is a share of a whole.
inline constexpr std::array<std::string_view, 3> whole_words = {"总数的", "总量的", "总人数的"};
// Joining the years of a list written after the name: "X２０２７年、２０３０年分别达到…".
inline constexpr std::array<std::string_view, 4> year_list_joiners = {"、", "和", "及", "与"};
// Before a change verb: per year ("每年降低0.5个百分点" is a rate). "比上年提高2个
// 百分点" stays a change against 上年 (as the held-out gold reads it).
inline constexpr std::array<std::string_view, 5> rate_markers = {"每年", "年均", "平均每年", "逐年", "年平均"};
// Before a trend verb and a level verb: "年均增长不低于10%", "较上一年度增长不少于2个百分点" are rates.
inline constexpr std::array<std::string_view, 10> rate_level_markers = {
    "年均", "每年", "平均每年", "年平均", "较上一年度", "比上一年度", "较上一年", "比上一年", "较上年", "比上年"};
// A clause that sets a target names its indicator between the verb and 目标:
// "各省份确定本年度居民健康素养水平目标，原则上应较上一年度增长…" (the next clause elides it).
inline constexpr std::array<std::string_view, 4> goal_verbs = {"确定", "制定", "设定", "明确"};
inline constexpr std::array<std::string_view, 4> goal_qualifiers = {"本年度", "年度", "本地区", "本地"};
// An adverbial phrase, not an indicator: "随财力状况年均增长5%", "按照…", "根据…".
inline constexpr std::array<std::string_view, 5> adverbial_leads = {"随", "根据", "依据", "按照", "视"};
// A stated baseline inside the name: "X由2020年的75%提高到80%".
inline constexpr std::array<std::string_view, 2> baseline_leads = {"由", "从"};
// "我国有超过1600万…患者", "全市现有…": a subject ending in the verb 有 (有, 现有, 共有,
// 拥有) counts what exists, a fact and not a target; a target names its indicator
// ("…患者数控制在…") or is a minimum count ("至少有1所", minimum_words).
inline constexpr std::string_view existence_verb = "有";
// "而糖尿病患病率更是达到11.2%", "成人患病率已达到27.9%": an adverb before the verb
// that reports what is (emphasis, completion), not what is aimed at.
inline constexpr std::array<std::string_view, 4> fact_adverbs = {"更是", "已经", "均已", "已"};
// "人均预期寿命达到79岁究竟意味着什么？": a clause that ends in a question asks about a
// figure; it states no target. An ASCII "?" may also be a copy's lost character, so it
// asks only after a question word ("…意味着什么?").
inline constexpr std::string_view question_mark = "？";
inline constexpr std::string_view ascii_question_mark = "?";
inline constexpr std::array<std::string_view, 8> question_words = {"什么", "吗",   "呢",   "怎么",
                                                                   "如何", "多少", "为何", "哪"};
// "比例高达75%", "仅为68.7岁": before 达 / 为 these report a figure (高达 as high as, 仅为 only).
inline constexpr std::array<std::string_view, 2> report_verb_heads = {"高", "仅"};
// "人均期望寿命预计至少提高1岁": an estimate of what will be reached, not a target;
// the adverbs that may follow it before the verb.
inline constexpr std::string_view estimate_word = "预计";
inline constexpr std::array<std::string_view, 5> estimate_adverbs = {"至少", "将会", "将", "可以", "可"};
// "下降了33.12%", "较上年提高了2.1个百分点", "分别增加了497个", "达到了81.6岁": a verb
// with this aspect particle reports what happened.
inline constexpr std::string_view completed_particle = "了";
// "近视度数年增长超过50度的学生比例降至15%以下", "每周…不少于3次、每次不少于30分钟、
// 锻炼强度中等以上的人数比例达到32%": a value followed by 的 (or a 、 list of such
// qualifiers ending in one) qualifies the noun after it — it is part of the
// indicator's name, unless the noun is what a target is called ("…以下的目标").
inline constexpr std::array<std::string_view, 3> attributive_tails = {"以上的", "以下的", "以内的"};
inline constexpr std::array<std::string_view, 5> goal_nouns = {"目标", "要求", "任务", "水平", "标准"};
// "提倡人均每日食盐摄入量不高于5g": advocated, not promised.
inline constexpr std::array<std::string_view, 2> advocacy_leads = {"提倡", "倡导"};
// "不低于22%（预期性）": the nature in parentheses after the values.
struct NatureWord {
    std::string_view word;
    Nature nature;
};
inline constexpr std::array<NatureWord, 3> nature_words = {{
    {"预期性", Nature::expected},
    {"约束性", Nature::binding},
    {"倡导性", Nature::advocacy},
}};
// Benchmarks compared without a level verb: "优于国家、自治区平均水平".
inline constexpr std::array<std::string_view, 2> better_than_words = {"优于", "好于"};
// The verbs that close a share's units: "60%以上的旗县区达到…标准".
inline constexpr std::array<std::string_view, 24> share_verbs = {
    "达到", "建成", "通过", "实现", "完成", "开展", "开设", "设置", "创建", "能够", "可以", "具备",
    "提供", "设立", "设有", "建立", "配备", "摆放", "配置", "使用", "接入", "纳入", "推行", "成为"};
// Words before a share that leave its name: "其中85%的县(市、区)达到消除标准" (and
// "为", whose share is of the units served: "为70%以上符合条件的成瘾者提供…").
inline constexpr std::array<std::string_view, 2> share_lead_words = {"为", "其中"};
// "增加值占全省地区生产总值2%以上": a share of a whole, named without 比重 / 比例.
inline constexpr std::string_view share_of_word = "占";
// A goal list's heading before its colon, whose items may be verbless: "明确核心指标：".
inline constexpr std::array<std::string_view, 3> goal_list_heads = {"指标", "目标", "目标值"};
// Words that may stand between a share and its verb ("村(社区)80%要设立…").
inline constexpr std::array<std::string_view, 4> share_adverbs = {"要", "均", "都", "应"};
// Where the units named before their share start: after these ("试点地区要在包括村(社区)80%…").
inline constexpr std::array<std::string_view, 3> share_unit_leads = {"包括", "在", "的"};

// --- Words of responsibility labels (tasks.cpp) -----------------------------

// A label line "牵头单位：X" is composed: an optional qualifier, one or two role
// words, an optional head noun, a colon — "牵头责任单位", "主要协作单位",
// "责任牵头部门", "配合单位", "牵头：". A label with a lead word names leads.
inline constexpr std::array<std::string_view, 3> label_qualifiers = {"主要", "其他", "具体"};
struct RoleWord {
    std::string_view text;
    bool lead;
};
inline constexpr std::array<RoleWord, 11> label_role_words = {{
    {"牵头", true},
    {"主责", true},
    {"责任", false},
    {"配合", false},
    {"协作", false},
    {"协办", false},
    {"参与", false},
    {"协同", false},
    {"实施", false},
    {"协助", false},
    {"落实", false},
}};
inline constexpr std::array<std::string_view, 2> label_heads = {"单位", "部门"};

// --- Words of the year frame and the scanner (targets.cpp) ------------------

// Dashes of a year range or a stage: "2023—2025年", "2021年至2023年".
inline constexpr std::array<std::string_view, 8> year_range_dashes = {"—", "－", "-", "–", "~", "～", "至", "到"};
// Opening a frame that looks back: "截至2020年" (past).
inline constexpr std::array<std::string_view, 3> past_frame_leads = {"截至", "截止到", "截止"};
// "近年来", "五年来", "过去15年": what was achieved, not what is promised (longer words first where one holds another).
// "目前已超过300万人,…医护比总体达到1:1.4", "截至目前,…": the present, as it stands.
inline constexpr std::array<std::string_view, 9> retrospective_words = {
    "近年来", "近几年来", "近几年", "近五年来", "五年来", "过去", "多年来", "近年", "目前"};
// "健康中国行动实施3年来,", "党的十八大以来,": a clause of at most this many bytes (15
// characters) ending so looks back over what was achieved.
inline constexpr std::array<std::string_view, 2> retrospective_ends = {"年来", "以来"};
inline constexpr std::size_t retrospective_clause_bytes = 45;
// "国家卫生健康委副主任李斌9月7日介绍,", "宋莉31日在新闻发布会上表示,": a dated
// speech reports; a news paragraph's sentences from there on tell what was said
// of the present, not a plan's targets (unless dated by a frame of their own).
inline constexpr std::array<std::string_view, 7> speech_verbs = {"介绍", "表示", "指出", "透露", "宣布", "通报", "说"};
// "总体目标是,到2015年,…": a goal word and copula that announce the frame after them.
inline constexpr std::array<std::string_view, 2> goal_copulas = {"目标是", "目标为"};
// "较2015年增幅达45%": the size of a change with no indicator named.
inline constexpr std::array<std::string_view, 4> change_nouns = {"增幅", "降幅", "增速", "涨幅"};
// "控烟行动目标的结果性指标为15岁以上人群吸烟率…": what a category of targets is; the
// name starts after it.
// A goal word between an indicator and 为 leaves the name: "癌症5年生存率目标为59%".
inline constexpr std::array<std::string_view, 4> copula_goal_tails = {"的目标值", "的目标", "目标值", "目标"};
inline constexpr std::array<std::string_view, 4> category_copulas = {"指标为", "目标为", "指标是", "目标是"};
// "经过多措并举、不懈努力,…下降至7%以下": a clause opening with this lead and naming
// an effort reports what the effort achieved; "经过3年努力" (a count of years) may look ahead.
inline constexpr std::string_view result_lead = "经过";
inline constexpr std::array<std::string_view, 2> effort_words = {"努力", "奋斗"};
// Opening a frame that looks ahead: "到2025年", "展望2035年" (the long-range horizon).
inline constexpr std::array<std::string_view, 7> future_frame_leads = {"展望到", "展望至", "展望", "远景到",
                                                                       "到",     "至",     "在"};
// Five-year-plan periods and their last years.
struct FiveYearPeriod {
    std::string_view name;
    int end;
};
// (十五五 before 十五: the first that matches is taken.)
inline constexpr std::array<FiveYearPeriod, 6> five_year_periods = {{
    {"十一五", 2010},
    {"十二五", 2015},
    {"十三五", 2020},
    {"十四五", 2025},
    {"十五五", 2030},
    {"十五", 2005},
}};
// After a period's name: "“十四五”期间", "“十三五”末".
inline constexpr std::array<std::string_view, 5> period_words = {"期间", "时期", "末期", "末", "期末"};
// After a stage's range: "2021-2023年期间".
inline constexpr std::array<std::string_view, 2> stage_words = {"期间", "间"};
// After a frame's year (and month): "2025年底", "2025年前", "2024年底前", "2024年6月底前" —
// up to two of them.
inline constexpr std::array<std::string_view, 8> frame_year_suffixes = {"年底", "底",   "年末", "末",
                                                                        "之前", "以前", "前",   "时"};
// Joining a frame's years: "到2022年和2030年", "2025年、到2030年".
inline constexpr std::array<std::string_view, 6> frame_year_joiners = {"和", "、", "及", "与", "、到", "和到"};
// A reference without a year: "比基期", "较现有水平", "比上年" (the year before, in an annual plan).
inline constexpr std::array<std::string_view, 9> base_period_words = {
    "基期", "基线", "基准年", "现有水平", "目前", "上一年度", "上一年", "上年度", "上年"};
// Trailing words cut from a name: "X的", "X每年", "X有所" (before the verb).
inline constexpr std::array<std::string_view, 9> name_trailing_words = {"的",   "每年", "年均", "平均每年", "逐年",
                                                                        "实现", "得到", "有所", "呈现"};
// "苯丙酮尿症、先天性甲状腺功能减低症等新生儿遗传代谢病…": the end of a list of examples
// inside a name.
inline constexpr std::string_view example_list_end = "等";
// "出生缺陷导致的婴儿死亡率、5岁以下儿童死亡率": a cause that scopes over the later names.
inline constexpr std::array<std::string_view, 3> cause_markers = {"导致的", "所致的", "引起的"};
// Population nouns where a shared tail starts: "高血压、2型糖尿病患者规范管理率".
// A per-population base opening an indicator's name ("每千人口", "每万常住人口",
// "每千名老年人"): 每, a few characters, then one of these (longest first at a position).
// A list's later names share it: "每千人口执业（助理）医师数、注册护士数" (每千人口注册护士数).
inline constexpr std::string_view per_population_lead = "每";
inline constexpr std::array<std::string_view, 5> per_population_heads = {"常住人口", "人口", "老年人", "儿童", "人"};
inline constexpr std::array<std::string_view, 7> population_nouns = {"患者",   "人群",   "人员", "儿童",
                                                                     "老年人", "孕产妇", "学生"};
// Head words a shared tail may be when no population noun is named ("健康社区、健康村覆盖率": 率 takes two characters).
inline constexpr std::array<std::string_view, 5> shared_head_words = {"比例", "占比", "比重", "人数", "数"};
// Joining two statements in one clause: "…降低0.5个百分点以上和新发近视率明显下降".
inline constexpr std::array<std::string_view, 7> statement_joiners = {"并且", "同时", "和", "及", "并", "且", "、"};

// --- Words of values (values.cpp) -------------------------------------------

// Dashes of a value range: "1-1.5名", "22%—30%".
inline constexpr std::array<std::string_view, 7> value_range_dashes = {"-", "—", "–", "～", "~", "－", "至"};
// Joining values: "22%和30%", "5‰、4.5‰".
inline constexpr std::array<std::string_view, 5> value_joiners = {"和", "、", "与", "或", "及"};
// A benchmark: [place][的]?[level]…水平 — "国家平均水平", "国内先进城市水平".
inline constexpr std::array<std::string_view, 19> benchmark_places = {
    "国家",     "全国",     "全省",     "全区",     "全市", "自治区", "省",   "国内", "国际", "高收入国家",
    "发达国家", "同类城市", "先进城市", "中等发达", "东部", "西部",   "全疆", "盟市", "地市"};
// Every benchmark phrase ends with it (benchmark_phrase_at).
inline constexpr std::string_view benchmark_head = "水平";
inline constexpr std::array<std::string_view, 8> benchmark_levels = {"平均", "先进", "领先", "中等",
                                                                     "前列", "上游", "中上", "一流"};

// The lexicon: the tables above, composed and compiled into tries (trie.hpp), matched longest first by
// construction (lexicon.cpp). No caller depends on the order of a table.

// The verb at i (level or change, composed comparisons and text symbols
// included), longest match; nullptr when none.
const Verb* verb_at(std::string_view s, std::size_t i) noexcept;
// Every verb the lexicon knows, composed forms included (longest first).
const std::vector<Verb>& all_verbs();
// Length of the longest trend modifier at i, or 0 (显著地 over 显著).
std::size_t trend_modifier_at(std::string_view s, std::size_t i) noexcept;
// Length of the longest trend modifier ending at e and starting at or after b, or 0.
std::size_t trend_modifier_before(std::string_view s, std::size_t b, std::size_t e) noexcept;
// Length of the longest frame lead-in at i, or 0 (要求 over 要).
std::size_t frame_lead_at(std::string_view s, std::size_t i) noexcept;
// The trend verb at i, longest match; nullptr when none.
const TrendVerb* trend_verb_at(std::string_view s, std::size_t i) noexcept;
// The direction of "改善" for this indicator: -1 when lower is better, else +1.
int improve_direction(std::string_view indicator) noexcept;
bool lower_is_better(std::string_view indicator) noexcept;

// Every word list is full: an array declared longer than its words holds empty
// words, and an empty word matches everywhere (a scan on it never moves on).
template <std::size_t N>
constexpr bool words_filled(const std::array<std::string_view, N>& words) {
    for (std::string_view w : words)
        if (w.empty()) return false;
    return true;
}
static_assert(words_filled(negations));
static_assert(words_filled(or_equal));
static_assert(words_filled(unit_spellings));
static_assert(words_filled(cn_count_units));
static_assert(words_filled(verb_adverbs));
static_assert(words_filled(subject_lead_words));
static_assert(words_filled(example_leads));
static_assert(words_filled(subject_lead_exceptions));
static_assert(words_filled(place_goal_verbs));
static_assert(words_filled(trend_modifiers));
static_assert(words_filled(indicator_heads));
static_assert(words_filled(weak_indicator_heads));
static_assert(words_filled(vague_trend_modifiers));
static_assert(words_filled(aim_heads));
static_assert(words_filled(lower_is_better_words));
static_assert(words_filled(frame_leads));
static_assert(words_filled(announcing_verbs));
static_assert(words_filled(announcing_documents));
static_assert(words_filled(past_section_words));
static_assert(words_filled(base_words));
static_assert(words_filled(reference_starts));
static_assert(words_filled(soft_words));
static_assert(words_filled(minimum_words));
static_assert(words_filled(minimum_verbs));
static_assert(words_filled(minimum_activity_verbs));
static_assert(words_filled(all_units_words));
static_assert(words_filled(all_units_leads));
static_assert(words_filled(establish_verbs));
static_assert(words_filled(slowing_growth_phrases));
static_assert(words_filled(value_adverbs));
static_assert(words_filled(whole_words));
static_assert(words_filled(year_list_joiners));
static_assert(words_filled(rate_markers));
static_assert(words_filled(rate_level_markers));
static_assert(words_filled(goal_verbs));
static_assert(words_filled(goal_qualifiers));
static_assert(words_filled(adverbial_leads));
static_assert(words_filled(baseline_leads));
static_assert(words_filled(fact_adverbs));
static_assert(words_filled(question_words));
static_assert(words_filled(report_verb_heads));
static_assert(words_filled(estimate_adverbs));
static_assert(words_filled(attributive_tails));
static_assert(words_filled(goal_nouns));
static_assert(words_filled(advocacy_leads));
static_assert(words_filled(better_than_words));
static_assert(words_filled(share_verbs));
static_assert(words_filled(share_lead_words));
static_assert(words_filled(goal_list_heads));
static_assert(words_filled(share_adverbs));
static_assert(words_filled(share_unit_leads));
static_assert(words_filled(label_qualifiers));
static_assert(words_filled(label_heads));
static_assert(words_filled(year_range_dashes));
static_assert(words_filled(past_frame_leads));
static_assert(words_filled(retrospective_words));
static_assert(words_filled(retrospective_ends));
static_assert(words_filled(speech_verbs));
static_assert(words_filled(goal_copulas));
static_assert(words_filled(change_nouns));
static_assert(words_filled(copula_goal_tails));
static_assert(words_filled(category_copulas));
static_assert(words_filled(effort_words));
static_assert(words_filled(future_frame_leads));
static_assert(words_filled(period_words));
static_assert(words_filled(stage_words));
static_assert(words_filled(frame_year_suffixes));
static_assert(words_filled(frame_year_joiners));
static_assert(words_filled(base_period_words));
static_assert(words_filled(name_trailing_words));
static_assert(words_filled(cause_markers));
static_assert(words_filled(per_population_heads));
static_assert(words_filled(population_nouns));
static_assert(words_filled(shared_head_words));
static_assert(words_filled(statement_joiners));
static_assert(words_filled(value_range_dashes));
static_assert(words_filled(value_joiners));
static_assert(words_filled(benchmark_places));
static_assert(words_filled(benchmark_levels));

}  // namespace healthplan::v0::detail::extract
