// Spellings of the evaluation enums, policy validation, score weights.
#include <array>
#include <cmath>
#include <iterator>
#include <span>
#include <string>

#include "healthplan/error.hpp"
#include "healthplan/policy.hpp"
#include "healthplan/verdict.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

template <class E>
E parse_enum(std::string_view text, std::span<const EnumName<E>> names, const char* what) {
    for (const auto& row : names)
        if (row.text == text) return row.value;
    std::string accepted;
    for (const auto& row : names) {
        if (!accepted.empty()) accepted += ", ";
        accepted += row.text;
    }
    throw SchemaError("enum.unknown",
                      std::string("unknown ") + what + " '" + std::string(text) + "' (accepted: " + accepted + ")");
}

// One table per enum: {value, identifier (Python), text (JSON, CSV, to_string)}.
constexpr EnumName<Verdict> kVerdicts[] = {{Verdict::achieved, "achieved", "achieved"},
                                           {Verdict::achieved_early, "achieved_early", "achieved_early"},
                                           {Verdict::on_track, "on_track", "on_track"},
                                           {Verdict::off_track, "off_track", "off_track"},
                                           {Verdict::missed, "missed", "missed"},
                                           {Verdict::not_evaluable, "not_evaluable", "not_evaluable"},
                                           {Verdict::insufficient_data, "insufficient_data", "insufficient_data"}};
constexpr EnumName<LevelMethod> kMethods[] = {
    {LevelMethod::linear_extrapolation, "linear_extrapolation", "linear_extrapolation"},
    {LevelMethod::growth_ratio, "growth_ratio", "growth_ratio"},
    {LevelMethod::years_to_target, "years_to_target", "years_to_target"},
    {LevelMethod::statcan, "statcan", "statcan"}};
constexpr EnumName<TrendDefinition> kTrends[] = {
    {TrendDefinition::strictly_monotone, "strictly_monotone", "strictly_monotone"},
    {TrendDefinition::net_with_k_reversals, "net_with_k_reversals", "net_with_k_reversals"},
    {TrendDefinition::theil_sen_mann_kendall, "theil_sen_mann_kendall", "theil_sen_mann_kendall"}};
constexpr EnumName<UnitMismatch> kUnitMismatches[] = {
    {UnitMismatch::error, "error", "error"},
    {UnitMismatch::insufficient_data, "insufficient_data", "insufficient_data"}};
static_assert(std::size(kVerdicts) == verdict_count, "one row per verdict");

}  // namespace

std::span<const EnumName<Verdict>> enum_names(Verdict) { return kVerdicts; }
std::span<const EnumName<LevelMethod>> enum_names(LevelMethod) { return kMethods; }
std::span<const EnumName<TrendDefinition>> enum_names(TrendDefinition) { return kTrends; }
std::span<const EnumName<UnitMismatch>> enum_names(UnitMismatch) { return kUnitMismatches; }
std::string_view to_string(Verdict v) { return enum_text<Verdict>(kVerdicts, v); }
Verdict parse_verdict(std::string_view t) { return parse_enum<Verdict>(t, kVerdicts, "verdict"); }
std::string_view to_string(LevelMethod m) { return enum_text<LevelMethod>(kMethods, m); }
LevelMethod parse_level_method(std::string_view t) { return parse_enum<LevelMethod>(t, kMethods, "level method"); }
std::string_view to_string(TrendDefinition d) { return enum_text<TrendDefinition>(kTrends, d); }
TrendDefinition parse_trend_definition(std::string_view t) {
    return parse_enum<TrendDefinition>(t, kTrends, "trend definition");
}

double ScoreWeights::of(Verdict v) const noexcept {
    switch (v) {
        case Verdict::achieved:
            return achieved;
        case Verdict::achieved_early:
            return achieved_early;
        case Verdict::on_track:
            return on_track;
        case Verdict::off_track:
            return off_track;
        case Verdict::missed:
            return missed;
        default:
            return std::nan("");
    }
}

void EvaluationPolicy::validate() const {
    auto fail = [](const char* field, const std::string& why) {
        throw ValidationError("policy.invalid", why, std::string("EvaluationPolicy.") + field);
    };
    if (!(growth_on_track >= growth_acceleration && growth_acceleration >= growth_limited))
        fail("growth_on_track", "growth cut-offs must satisfy on_track ≥ acceleration ≥ limited");
    if (!(distance_near >= 0 && distance_near <= distance_far))
        fail("distance_near", "distance classes must satisfy 0 ≤ near ≤ far");
    if (years_grace < 0) fail("years_grace", "must be ≥ 0");
    if (window_years < 0) fail("window_years", "must be ≥ 0 (0 = no window)");
    if (stale_years < 0) fail("stale_years", "must be ≥ 0");
    if (!(approx_tolerance >= 0)) fail("approx_tolerance", "must be ≥ 0");
    if (min_points_probability < 3) fail("min_points_probability", "a prediction interval needs ≥ 3 points");
    if (k_reversals < 0) fail("k_reversals", "must be ≥ 0");
    if (!(mann_kendall_alpha > 0 && mann_kendall_alpha < 1)) fail("mann_kendall_alpha", "must be in (0, 1)");
    if (benchmark_lag < 0 || benchmark_lag > 20) fail("benchmark_lag", "must be in 0..20 years");
    if (!is_scored(pending_milestone) && pending_milestone != Verdict::insufficient_data &&
        pending_milestone != Verdict::not_evaluable)
        fail("pending_milestone", "invalid verdict");
    for (double w : {score.achieved, score.achieved_early, score.on_track, score.off_track, score.missed})
        if (!(w >= 0 && w <= 100)) fail("score", "weights must be in 0..100");
}

HEALTHPLAN_END_NAMESPACE
