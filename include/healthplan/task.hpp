// A task: a numbered measure of the plan with the units responsible for it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
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
    std::vector<Agency> lead;             // 牵头单位 / "X牵头"
    std::vector<Agency> responsible;      // 责任单位 / 配合单位 / "…按职责分工负责"
    std::vector<std::string> others;      // other phrases, verbatim ("各区人民政府分别负责")
    std::vector<std::string> target_ids;  // targets stated inside the task
    std::optional<Span> span;
    // uncertain: the assignment was read from damaged text (a responsibility
    // parenthesis the end of the document cuts off); JSON writes it only then.
    Certainty certainty = Certainty::certain;
    // The body is not stored twice: it is the span's evidence (the task's lines as
    // written), and `text()` reads it there. Only a body that is not its span's
    // evidence — a task without a span, or one the extractor read in text that
    // normalisation changed — is kept here (`set_text` decides). Changing `span`
    // changes `text()` unless the task has a body of its own.
    std::optional<std::string> own_text;

    // The body.
    std::string_view text() const noexcept {
        if (own_text || !span) return own_text ? std::string_view(*own_text) : std::string_view();
        return span->evidence;
    }
    // Sets the body: stored only when it differs from the span's evidence (set the span first).
    void set_text(std::string body);

    // "三.(一).1"
    std::string number_string() const;
    void validate() const;
    // Field by field, the body by value: a task whose body is stored apart
    // equals one whose body is its evidence when the two read the same.
    bool operator==(const Task&) const;
};

HEALTHPLAN_END_NAMESPACE
