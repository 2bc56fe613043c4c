// A task: a numbered measure of the plan with the units responsible for it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "healthplan/agency.hpp"
#include "healthplan/config.hpp"
#include "healthplan/span.hpp"
#include "healthplan/target.hpp"  // Certainty

HEALTHPLAN_BEGIN_NAMESPACE

struct Task {
    std::string id;  // unique within the plan
    // Label path in the document's own numerals, outermost first, without
    // trailing punctuation: {"三", "(一)", "1"}. Joined with "." in the gold format.
    std::vector<std::string> number;
    std::string title;                    // the short heading, else the first clause
    std::string text;                     // the body as written
    std::vector<Agency> lead;             // 牵头单位 / "X牵头"
    std::vector<Agency> responsible;      // 责任单位 / 配合单位 / "…按职责分工负责"
    std::vector<std::string> others;      // other phrases, verbatim ("各区人民政府分别负责")
    std::vector<std::string> target_ids;  // targets stated inside the task
    std::optional<Span> span;
    // uncertain: the assignment was read from damaged text (a responsibility
    // parenthesis the end of the document cuts off); JSON writes it only then.
    Certainty certainty = Certainty::certain;

    // "三.(一).1"
    std::string number_string() const;
    void validate() const;
    bool operator==(const Task&) const = default;
};

HEALTHPLAN_END_NAMESPACE
