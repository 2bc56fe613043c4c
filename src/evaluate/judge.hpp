// Internal: judging a plan's targets with their explanations (evaluate.cpp),
// shared by evaluate(), which returns one TargetResult per target, and
// evaluate_table() (result_table.cpp), which judges every target of a slice
// into one reused TargetResult and lays it out into columns at once — no
// TargetResult, and no string of its own, per row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "healthplan/evaluate.hpp"

HEALTHPLAN_BEGIN_NAMESPACE
namespace detail {

// Buffers one thread reuses from target to target (defined in evaluate.cpp).
struct JudgeScratch;

// What judge() hands evaluate_table's writer as codes and views instead of the
// result's strings (Fill::judged): the writer files each row's repeating texts
// under a dictionary code, and looking a copied string up there cost more than
// judging some kinds (callgrind: ~70 instructions a column a row, besides the copy).
struct JudgedRow {
    // The matched key and region: views of the plan's text the series was
    // found by (equal to the store's key) and of the call's region names, alive
    // for the whole call; empty when no series matched.
    std::string_view indicator_key, region;
    // The outcome's detail::Category (0: none, the empty text).
    std::uint8_t category = 0;
    // The outcome's detail::Reason (0: none); other_reason when the reason is a
    // text of its own, left in TargetResult::reason.
    std::uint8_t reason = 0;
    static constexpr std::uint8_t other_reason = 255;
};
const JudgedRow& judged_row(const JudgeScratch& s) noexcept;
struct JudgeScratchDeleter {
    void operator()(JudgeScratch* s) const noexcept;
};
using JudgeScratchPtr = std::unique_ptr<JudgeScratch, JudgeScratchDeleter>;

// One plan prepared for judging: its lookups (indicator and task by id, task
// of a target) built once, so judging n targets is linear in n, and the
// regions of the policy looked up once in the store.
class PlanJudge {
  public:
    PlanJudge(const Plan& plan, const Observations& obs, const EvaluationPolicy& policy, int as_of);
    ~PlanJudge();
    PlanJudge(const PlanJudge&) = delete;
    PlanJudge& operator=(const PlanJudge&) = delete;

    const Plan& plan() const noexcept { return plan_; }
    // The task a target belongs to: its task_id, else the task listing it.
    const Task* task(const Target& t) const;
    // The same, looked up first where the last one was found (`s` keeps it).
    const Task* task(const Target& t, JudgeScratch& s) const;
    JudgeScratchPtr scratch() const;

    // What judge() writes besides the judgement.
    enum class Fill : unsigned char {
        // Every field: the plan's texts (plan_id, target_id, indicator, section,
        // task_id, lead) too, as evaluate() returns them.
        all,
        // The fields the judgement sets; the plan's texts are left as they are
        // (evaluate_table takes them from the plan), and `lead` — the task's lead
        // units joined by "、" — ends the explanation. The matched key and region
        // and the method version are not copied into the result: judged_row()
        // has the first two, and the version is always evaluation_version.
        judged,
    };
    // Judges `t` (a target of the plan, belonging to `task`) into `r`. `r` may
    // hold an earlier target's result: every judged field is set again, and its
    // strings keep their storage.
    void judge(const Target& t, const Task* task, TargetResult& r, JudgeScratch& s, Fill fill,
               std::string_view lead = {}) const;

  private:
    const Task* task_near(const Target& t, std::size_t& last) const;
    struct Data;
    const Plan& plan_;
    std::unique_ptr<Data> data_;
};

// How many contiguous slices `threads` threads judge n targets in: below a few
// hundred targets a thread costs more than it saves.
std::size_t slice_count(std::size_t n, int threads) noexcept;
// Runs fn(slice, begin, end) for each of `slices` contiguous slices of [0, n),
// slice 0 on the calling thread. Each slice stops at its first error; the
// error of the lowest slice that failed — the one a single thread would have
// raised first — is rethrown.
void run_slices(std::size_t n, std::size_t slices,
                const std::function<void(std::size_t slice, std::size_t begin, std::size_t end)>& fn);

}  // namespace detail
HEALTHPLAN_END_NAMESPACE
