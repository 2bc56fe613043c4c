// Spellings of the evaluation enums, policy validation, score weights.
#include <array>
#include <cmath>
#include <string>

#include "healthplan/error.hpp"
#include "healthplan/policy.hpp"
#include "healthplan/verdict.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

template <class E, std::size_t N>
E parse_enum(std::string_view text, const std::array<std::string_view, N>& names, const char* what) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == text) return static_cast<E>(i);
    std::string accepted;
    for (auto n : names) {
        if (!accepted.empty()) accepted += ", ";
        accepted += n;
    }
    throw SchemaError("enum.unknown",
                      std::string("unknown ") + what + " '" + std::string(text) + "' (accepted: " + accepted + ")");
}

constexpr std::array<std::string_view, verdict_count> verdict_names = {
    "achieved", "achieved_early", "on_track", "off_track", "missed", "not_evaluable", "insufficient_data"};
constexpr std::array<std::string_view, 4> method_names = {"linear_extrapolation", "growth_ratio", "years_to_target",
                                                          "statcan"};
constexpr std::array<std::string_view, 3> trend_names = {"strictly_monotone", "net_with_k_reversals",
                                                         "theil_sen_mann_kendall"};

}  // namespace

std::string_view to_string(Verdict v) { return verdict_names[static_cast<std::size_t>(v)]; }
Verdict parse_verdict(std::string_view t) { return parse_enum<Verdict>(t, verdict_names, "verdict"); }
std::string_view to_string(LevelMethod m) { return method_names[static_cast<std::size_t>(m)]; }
LevelMethod parse_level_method(std::string_view t) { return parse_enum<LevelMethod>(t, method_names, "level method"); }
std::string_view to_string(TrendDefinition d) { return trend_names[static_cast<std::size_t>(d)]; }
TrendDefinition parse_trend_definition(std::string_view t) {
    return parse_enum<TrendDefinition>(t, trend_names, "trend definition");
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
