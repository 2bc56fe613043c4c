// Scorecards: verdict counts and a 0–100 score per group.
#include <array>
#include <cmath>
#include <unordered_map>

#include "healthplan/error.hpp"
#include "healthplan/evaluate.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {
constexpr std::array<std::string_view, 6> by_names = {"plan", "section", "lead", "nature", "region", "kind"};
}

std::string_view to_string(ScorecardBy by) { return by_names[static_cast<std::size_t>(by)]; }

ScorecardBy parse_scorecard_by(std::string_view text) {
    for (std::size_t i = 0; i < by_names.size(); ++i)
        if (by_names[i] == text) return static_cast<ScorecardBy>(i);
    throw SchemaError("enum.unknown", "unknown scorecard grouping '" + std::string(text) +
                                          "' (accepted: plan, section, lead, nature, region, kind)");
}

std::vector<ScorecardRow> scorecard(const std::vector<TargetResult>& results, ScorecardBy by,
                                    const ScoreWeights& weights) {
    std::vector<ScorecardRow> rows;
    std::unordered_map<std::string, std::size_t> index;
    std::vector<double> sums;
    auto add = [&](const std::string& group, const TargetResult& r) {
        auto [it, inserted] = index.emplace(group, rows.size());
        if (inserted) {
            rows.push_back({});
            rows.back().group = group;
            sums.push_back(0);
        }
        ScorecardRow& row = rows[it->second];
        ++row.counts[static_cast<std::size_t>(r.verdict)];
        ++row.targets;
        if (is_scored(r.verdict)) {
            ++row.scored;
            sums[it->second] += weights.of(r.verdict);
        }
    };
    for (const auto& r : results) {
        switch (by) {
            case ScorecardBy::plan:
                add(r.plan_id, r);
                break;
            case ScorecardBy::section:
                add(r.section.empty() ? "(no section)" : r.section.front(), r);
                break;
            case ScorecardBy::lead:
                if (r.lead.empty()) add("(no lead)", r);
                for (const auto& l : r.lead) add(l, r);
                break;
            case ScorecardBy::nature: {
                const auto n = to_string(r.nature);
                add(n.empty() ? "unspecified" : std::string(n), r);
                break;
            }
            case ScorecardBy::region:
                add(r.region.empty() ? "(no region)" : r.region, r);
                break;
            case ScorecardBy::kind:
                add(std::string(to_string(r.kind)), r);
                break;
        }
    }
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i].score = rows[i].scored > 0 ? sums[i] / rows[i].scored : std::nan("");
    return rows;
}

HEALTHPLAN_END_NAMESPACE
