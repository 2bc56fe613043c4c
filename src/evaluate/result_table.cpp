// evaluate_table(): evaluate()'s results laid out as columns, so Python builds
// its DataFrame from arrays instead of a loop over TargetResult objects (the
// loop cost 75–89 % of hp.evaluate's time, issue 11).
//
// Each slice of a plan's targets is judged into one reused TargetResult and
// written into the columns at once: numbers and years at the row's place in
// the (preallocated) columns, texts of their own appended to the slice's UTF-8
// buffers, repeating texts as codes into the slice's own dictionaries. The
// slices are then joined in order — dictionaries merged, codes renumbered,
// buffers concatenated — so the table, codes included, is the same whatever
// the number of threads. Texts that come from the plan (target id, indicator,
// section, task, lead units) are read from the plan, not copied per target.
#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>

#include "evaluate/judge.hpp"
#include "evaluate/level.hpp"
#include "healthplan/evaluate_table.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Dictionary of one text column. A column repeats a handful of texts (methods,
// categories, units) in no fixed order — with mixed kinds they cycle through
// more names than a list of the last few holds — so a text is first looked up
// in a small direct-mapped cache by a hash of its length and three of its bytes (one
// comparison when it is there), and hashed whole only when it is not (scanning
// names or hashing every text was a tenth of writing a row, perf).
class Dictionary {
  public:
    std::int32_t code(std::string_view text) {
        std::int32_t& cached = cache_[slot(text)];
        if (cached >= 0 && names[static_cast<std::size_t>(cached)] == text) return cached;
        auto it = index_.find(text);
        if (it == index_.end()) {
            it = index_.emplace(std::string(text), static_cast<std::int32_t>(names.size())).first;
            names.emplace_back(text);
        }
        cached = it->second;
        return cached;
    }

    std::vector<std::string> names;

  private:
    static std::size_t slot(std::string_view text) noexcept {
        if (text.empty()) return 0;
        const auto byte = [&](std::size_t i) {
            return static_cast<std::uint64_t>(static_cast<unsigned char>(text[i]));
        };
        const std::uint64_t h = (text.size() * 0x9E3779B97F4A7C15ull) ^ (byte(0) << 8) ^ (byte(text.size() / 2) << 16) ^
                                byte(text.size() - 1);
        return static_cast<std::size_t>((h * 0xC2B2AE3D27D4EB4Full) >> 58);  // 64 slots
    }
    std::array<std::int32_t, 64> cache_ = make_empty();
    static constexpr std::array<std::int32_t, 64> make_empty() {
        std::array<std::int32_t, 64> a{};
        a.fill(-1);
        return a;
    }
    std::unordered_map<std::string, std::int32_t, TextHash, std::equal_to<>> index_;
};

// Python's enum member name (Comparator::ge is "ge"; the table shows `kind` and `nature` so).
template <class E>
std::string_view identifier(E value) {
    for (const auto& row : enum_names(E{}))
        if (row.value == value) return row.name;
    return "?";
}

std::string joined(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

// The dictionary-encoded columns, in one place so the slice and the merge list them alike.
enum Coded : std::size_t {
    c_region,
    c_kind,
    c_comparator,
    c_nature,
    c_section,
    c_category,
    c_reason,
    c_method,
    c_method_version,
    c_unit,
    c_task_id,
    c_lead,
    coded_count
};
TextColumn& coded_column(ResultTable& t, std::size_t c) {
    TextColumn* const columns[coded_count] = {&t.region,         &t.kind,     &t.comparator, &t.nature,
                                              &t.section,        &t.category, &t.reason,     &t.method,
                                              &t.method_version, &t.unit,     &t.task_id,    &t.lead};
    return *columns[c];
}

enum PerRow : std::size_t { r_target_id, r_indicator, r_indicator_key, r_explanation, per_row_count };
TextColumn& per_row_column(ResultTable& t, std::size_t c) {
    TextColumn* const columns[per_row_count] = {&t.target_id, &t.indicator, &t.indicator_key, &t.explanation};
    return *columns[c];
}

void set_year(YearColumn& c, std::size_t row, const std::optional<int>& y) {
    c.value[row] = y.value_or(0);
    c.valid[row] = y.has_value() ? 1 : 0;
}

// One slice's judging and its share of the table: numbers written in place,
// codes into its own dictionaries (renumbered at the merge), texts of their
// own into its buffers (row lengths in the table's offsets until the merge).
class SliceWriter {
  public:
    SliceWriter(const detail::PlanJudge& judge, ResultTable& table) : judge_(judge), t_(table) {}

    // Judges targets [begin, end) of the plan into rows [base + begin, base + end).
    void run(std::size_t begin, std::size_t end, std::size_t base) {
        const Plan& plan = judge_.plan();
        const auto scratch = judge_.scratch();
        TargetResult r;
        tasks_.assign(plan.tasks.size(), TaskCodes{});
        for (std::size_t i = begin; i < end; ++i) {
            if (i == begin + sample_rows) reserve_texts(i - begin, end - begin);
            if (i + prefetch_ahead < end) prefetch(plan.targets[i + prefetch_ahead]);
            const Target& target = plan.targets[i];
            const Task* task = judge_.task(target, *scratch);
            const TaskCodes& tc = task_codes(plan, task);
            judge_.judge(target, task, r, *scratch, detail::PlanJudge::Fill::judged, tc.lead_text);
            write(base + i, target, r, detail::judged_row(*scratch), tc);
        }
    }

    std::array<Dictionary, coded_count> dict;
    std::array<std::string, per_row_count> text;

  private:
    // The texts' buffers sized once from the first rows' lengths: grown by
    // doubling, each growth copied the buffer so far into new, unfaulted pages
    // (a tenth of the time of a 40,000-target plan, perf).
    static constexpr std::size_t sample_rows = 64;
    void reserve_texts(std::size_t done, std::size_t rows) {
        for (auto& t : text) t.reserve(t.size() / done * rows + t.size() / done * rows / 8 + 64);
    }

    // A target is ~600 bytes of fields read here and there; the hardware
    // prefetcher does not follow such sparse reads a target ahead, so the
    // judge waited on each line of a large plan's targets (perf: loads of the
    // target's and its indicator's first fields were the judge's hottest lines).
    static constexpr std::size_t prefetch_ahead = 2;
    static void prefetch(const Target& t) {
        const auto* p = reinterpret_cast<const char*>(&t);
        for (std::size_t off = 0; off < sizeof(Target); off += 64) __builtin_prefetch(p + off);
    }

    // A task's id and lead units, encoded once per slice.
    struct TaskCodes {
        bool known = false;
        std::int32_t task_id = -1, lead = -1;
        std::string lead_text;  // lead units joined by "、"
    };

    const TaskCodes& task_codes(const Plan& plan, const Task* task) {
        TaskCodes& tc = task ? tasks_[static_cast<std::size_t>(task - plan.tasks.data())] : no_task_;
        if (!tc.known) {
            std::vector<std::string> lead;
            if (task)
                for (const auto& a : task->lead) lead.push_back(a.name.empty() ? a.as_written : a.name);
            tc.lead_text = joined(lead, "、");
            tc.task_id = dict[c_task_id].code(task ? std::string_view(task->id) : std::string_view());
            tc.lead = dict[c_lead].code(tc.lead_text);
            tc.known = true;
        }
        return tc;
    }

    // Sections of a plan share their first labels ("三、重点任务 > …"): compared
    // from the last label, a different section differs at the first comparison.
    static bool same_labels(const std::vector<std::string>& a, const std::vector<std::string>& b) {
        if (&a == &b) return true;
        if (a.size() != b.size()) return false;
        for (std::size_t i = a.size(); i-- > 0;)
            if (a[i] != b[i]) return false;
        return true;
    }

    // A section's code: sections come in runs and repeat, so the last few are
    // compared label by label before the labels are joined and looked up.
    std::int32_t section_code(const std::vector<std::string>& section) {
        for (const auto& [labels, code] : recent_sections_)
            if (code >= 0 && same_labels(*labels, section)) return code;
        const std::int32_t code = dict[c_section].code(joined(section, " > "));
        recent_sections_[next_section_] = {&section, code};
        next_section_ = (next_section_ + 1) % recent_sections_.size();
        return code;
    }

    // The region's code: a row's region is one of the call's few region names
    // (a view of it), so its code is found by the name's address.
    std::int32_t region_code(std::string_view region) {
        for (const auto& [name, code] : regions_)
            if (code >= 0 && name.data() == region.data() && name.size() == region.size()) return code;
        const std::int32_t code = dict[c_region].code(region);
        regions_[next_region_] = {region, code};
        next_region_ = (next_region_ + 1) % regions_.size();
        return code;
    }

    // A category's or a reason's code by its detail:: value; a reason of its own by its text.
    std::int32_t category_code(std::uint8_t category) {
        std::int32_t& c = categories_[category];
        if (c < 0) c = dict[c_category].code(detail::category_name(static_cast<detail::Category>(category)));
        return c;
    }
    std::int32_t reason_code(std::uint8_t reason, const std::string& text) {
        if (reason == detail::JudgedRow::other_reason) return dict[c_reason].code(text);
        std::int32_t& c = reasons_[reason];
        if (c < 0) c = dict[c_reason].code(detail::reason_text(static_cast<detail::Reason>(reason)));
        return c;
    }

    template <class E, std::size_t N>
    std::int32_t enum_code(std::array<std::int32_t, N>& cache, Coded column, E value, std::string_view name) {
        std::int32_t& c = cache[static_cast<std::size_t>(value)];
        if (c < 0) c = dict[column].code(name);
        return c;
    }

    void write(std::size_t row, const Target& target, const TargetResult& r, const detail::JudgedRow& judged,
               const TaskCodes& tc) {
        ResultTable& t = t_;
        auto code = [&](std::size_t column) -> std::int32_t& { return coded_column(t, column).codes[row]; };
        code(c_region) = region_code(judged.region);
        code(c_kind) = enum_code(kinds_, c_kind, r.kind, identifier(r.kind));
        code(c_comparator) = enum_code(comparators_, c_comparator, r.comparator, to_string(r.comparator));
        code(c_nature) = enum_code(natures_, c_nature, r.nature,
                                   r.nature == Nature::unspecified ? std::string_view() : identifier(r.nature));
        code(c_section) = section_code(target.section);
        code(c_category) = category_code(judged.category);
        code(c_reason) = reason_code(judged.reason, r.reason);
        code(c_method) = dict[c_method].code(r.method);
        if (version_ < 0) version_ = dict[c_method_version].code(evaluation_version);
        code(c_method_version) = version_;
        code(c_unit) = dict[c_unit].code(r.unit);
        code(c_task_id) = tc.task_id;
        code(c_lead) = tc.lead;
        const std::string_view texts[per_row_count] = {target.id, target.indicator, judged.indicator_key,
                                                       r.explanation};
        for (std::size_t c = 0; c < per_row_count; ++c) {
            text[c] += texts[c];
            per_row_column(t, c).offsets[row + 1] = static_cast<std::int64_t>(texts[c].size());
        }
        set_year(t.year, row, r.year);
        set_year(t.baseline_year, row, r.baseline_year);
        set_year(t.reference_year, row, r.reference_year);
        set_year(t.latest_year, row, r.latest_year);
        t.as_of[row] = r.as_of;
        t.verdict[row] = static_cast<std::uint8_t>(r.verdict);
        t.threshold[row] = r.threshold;
        t.baseline_value[row] = r.baseline_value;
        t.reference_value[row] = r.reference_value;
        t.latest_value[row] = r.latest_value;
        t.points[row] = r.points;
        t.projected_value[row] = r.projected_value;
        t.required_pace[row] = r.required_pace;
        t.observed_pace[row] = r.observed_pace;
        t.years_to_target[row] = r.years_to_target;
        t.probability[row] = r.probability;
        t.progress[row] = r.progress;
        t.score[row] = r.score;
        t.stale[row] = r.stale ? 1 : 0;
    }

    const detail::PlanJudge& judge_;
    ResultTable& t_;
    std::vector<TaskCodes> tasks_;  // by position in plan.tasks
    TaskCodes no_task_;
    std::array<std::pair<const std::vector<std::string>*, std::int32_t>, 4> recent_sections_{
        {{nullptr, -1}, {nullptr, -1}, {nullptr, -1}, {nullptr, -1}}};
    std::size_t next_section_ = 0;
    std::array<std::int32_t, 8> kinds_{-1, -1, -1, -1, -1, -1, -1, -1}, comparators_{-1, -1, -1, -1, -1, -1, -1, -1},
        natures_{-1, -1, -1, -1, -1, -1, -1, -1};
    std::array<std::int32_t, 256> categories_ = filled(), reasons_ = filled();  // by detail:: value
    std::int32_t version_ = -1;
    std::array<std::pair<std::string_view, std::int32_t>, 4> regions_{
        {{std::string_view(), -1}, {std::string_view(), -1}, {std::string_view(), -1}, {std::string_view(), -1}}};
    std::size_t next_region_ = 0;
    static std::array<std::int32_t, 256> filled() {
        std::array<std::int32_t, 256> a{};
        a.fill(-1);
        return a;
    }
};

// Every column sized for `n` rows, not zeroed: the slices write every row of
// every column (the zeroing was 2.6 % of the instructions at 5,000 targets).
void allocate(ResultTable& t, std::size_t n) {
    t.rows = n;
    for (auto* c : {&t.year, &t.baseline_year, &t.reference_year, &t.latest_year}) {
        c->value.resize(n);
        c->valid.resize(n);
    }
    for (auto* c : {&t.threshold, &t.baseline_value, &t.reference_value, &t.latest_value, &t.projected_value,
                    &t.required_pace, &t.observed_pace, &t.years_to_target, &t.probability, &t.progress, &t.score})
        c->resize(n);
    t.as_of.resize(n);
    t.verdict.resize(n);
    t.points.resize(n);
    t.stale.resize(n);
    t.plan_id.codes.resize(n);
    for (std::size_t c = 0; c < coded_count; ++c) coded_column(t, c).codes.resize(n);
    for (std::size_t c = 0; c < per_row_count; ++c) {
        per_row_column(t, c).offsets.resize(n + 1);  // rows' lengths written by the slices
        per_row_column(t, c).offsets[0] = 0;
    }
}

// The table's own dictionaries, joined from the slices' in row order.
struct Merger {
    std::array<Dictionary, coded_count> dict;
    Dictionary plan_id;

    // Renumbers rows [begin, end), written by `slice`, into the table's
    // dictionaries and appends its texts; offsets become cumulative.
    void add(ResultTable& t, SliceWriter& slice, std::size_t begin, std::size_t end) {
        std::vector<std::int32_t> to_global;
        for (std::size_t c = 0; c < coded_count; ++c) {
            to_global.clear();
            bool identity = true;  // the first slice of the first plan: its codes are the table's
            for (const auto& name : slice.dict[c].names) {
                to_global.push_back(dict[c].code(name));
                identity = identity && to_global.back() == static_cast<std::int32_t>(to_global.size() - 1);
            }
            if (identity) continue;
            auto& codes = coded_column(t, c).codes;
            for (std::size_t row = begin; row < end; ++row)
                codes[row] = to_global[static_cast<std::size_t>(codes[row])];
        }
        for (std::size_t c = 0; c < per_row_count; ++c) {
            TextColumn& col = per_row_column(t, c);
            for (std::size_t row = begin; row < end; ++row) col.offsets[row + 1] += col.offsets[row];
            if (col.utf8.empty())
                col.utf8 = std::move(slice.text[c]);  // the first slice: no copy
            else
                col.utf8 += slice.text[c];
            slice.text[c] = {};
        }
    }
};

}  // namespace

ResultTable evaluate_table(std::span<const Plan* const> plans, const Observations& observations,
                           const EvaluationPolicy& policy, std::optional<int> as_of, int threads) {
    policy.validate();
    const int year = as_of ? *as_of : static_cast<int>(observations.max_year());
    ResultTable table;
    std::size_t n = 0;
    for (const Plan* p : plans) n += p->targets.size();
    allocate(table, n);
    Merger merger;
    std::size_t base = 0;
    for (const Plan* p : plans) {
        const std::size_t m = p->targets.size();
        const detail::PlanJudge judge(*p, observations, policy, year);
        const std::size_t slices = detail::slice_count(m, threads);
        std::vector<SliceWriter> writers;
        writers.reserve(slices);
        for (std::size_t s = 0; s < slices; ++s) writers.emplace_back(judge, table);
        detail::run_slices(
            m, slices, [&](std::size_t s, std::size_t begin, std::size_t end) { writers[s].run(begin, end, base); });
        for (std::size_t s = 0; s < slices; ++s)
            merger.add(table, writers[s], base + m * s / slices, base + m * (s + 1) / slices);
        const std::int32_t plan_code = merger.plan_id.code(p->id);
        std::fill(table.plan_id.codes.begin() + static_cast<std::ptrdiff_t>(base),
                  table.plan_id.codes.begin() + static_cast<std::ptrdiff_t>(base + m), plan_code);
        base += m;
    }
    for (std::size_t c = 0; c < coded_count; ++c) coded_column(table, c).names = std::move(merger.dict[c].names);
    table.plan_id.names = std::move(merger.plan_id.names);
    return table;
}

HEALTHPLAN_END_NAMESPACE
