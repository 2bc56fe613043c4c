// Shared pieces of target extraction (running text and indicator tables).
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/document.hpp"
#include "healthplan/extract.hpp"
#include "healthplan/target.hpp"

namespace healthplan::v0::detail::extract {

// A value as written: "22%", "209.7/10万以下", "1-1.5名".
struct ValueText {
    double value = 0;
    std::optional<double> upper;  // the upper end of a range ("1-1.5名")
    std::size_t begin = 0, end = 0;
    std::string unit_text;
    Unit unit;
    std::optional<Comparator> suffix;  // 以上 / 以下 / 左右 …
    bool glued = false;                // follows the previous value with no separator ("25%40%")
    bool damaged = false;              // a lost-character mark ("?") touches the number
};

// Parses one value at i (number, optional range, unit, suffix). nullopt if
// there is no number at i.
std::optional<ValueText> value_at(std::string_view s, std::size_t i, std::size_t e);

// Parses a list of values joined by 和 / 、 / 与 / 及 / 或 (or glued).
std::vector<ValueText> values_at(std::string_view s, std::size_t i, std::size_t e, std::size_t* end);

// A benchmark phrase at i: "国家平均水平", "国内先进城市水平" …; returns its end or i.
std::size_t benchmark_phrase_at(std::string_view s, std::size_t i, std::size_t e);

// Indicator tables laid out one cell per line (专栏1 in a five-year plan).
// `first_plan_year` (the period's start, else the year of issue, else 0)
// tells a baseline column ("2020年") from a target column ("2022年").
// `covered`, when given, receives the byte ranges of the tables read, which
// the running-text scan then leaves alone. The targets are appended to `out`:
// a deque grows by blocks, so a table-only document never holds a vector
// doubling its capacity beside it (that was the peak of its memory).
void extract_tables(const Document& doc, int first_plan_year, std::deque<Target>& out,
                    std::vector<std::pair<std::size_t, std::size_t>>* covered = nullptr);

// Targets of a document, with the grammar's limits (extract_targets(doc,
// plan) in document.hpp uses the defaults).
void extract_targets(const Document& doc, Plan& plan, const ExtractLimits& limits);

// Bigram Dice / containment similarity of two indicator names (0..1).
double name_similarity(std::string_view a, std::string_view b);

}  // namespace healthplan::v0::detail::extract
