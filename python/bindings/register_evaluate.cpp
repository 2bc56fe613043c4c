#include "bindings.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include <healthplan/evaluate.hpp>
#include <healthplan/evaluate_bulk.hpp>
#include <healthplan/evaluate_table.hpp>
#include <healthplan/observations.hpp>
#include <healthplan/policy.hpp>

namespace hp = healthplan;

// Bindings for evaluation. The public surface is healthplan/evaluate.py; the
// names here starting with "_" are its building blocks.
namespace {

// Keeps Python objects (the numpy arrays a store reads in place) alive from
// C++. The store may be destroyed without the GIL held, so the deleter takes it.
std::shared_ptr<const void> keep_alive(py::list objects) {
    auto* held = new py::object(std::move(objects));
    return std::shared_ptr<const void>(held, [](const void* p) {
        py::gil_scoped_acquire gil;
        delete static_cast<const py::object*>(p);
    });
}

template <class T>
std::span<const T> view(const py::array_t<T, py::array::c_style>& a) {
    if (a.ndim() != 1) throw py::value_error("arrays must be one-dimensional");
    return {a.data(), static_cast<std::size_t>(a.size())};
}

// A numpy array that owns a moved C++ vector (no copy on the way out).
template <class T, class Alloc>
py::array_t<T> to_numpy(std::vector<T, Alloc>&& v) {
    using Vector = std::vector<T, Alloc>;
    auto* heap = new Vector(std::move(v));
    py::capsule owner(heap, [](void* p) { delete static_cast<Vector*>(p); });
    return py::array_t<T>({heap->size()}, {sizeof(T)}, heap->data(), owner);
}

using I64 = py::array_t<std::int64_t, py::array::c_style>;
using F64 = py::array_t<double, py::array::c_style>;
using U8 = py::array_t<std::uint8_t, py::array::c_style>;
using I8 = py::array_t<std::int8_t, py::array::c_style>;

py::object opt_int(const std::optional<int>& v) { return v ? py::object(py::int_(*v)) : py::object(py::none()); }

// A numpy uint8 array that owns a moved C++ string (no copy on the way out).
py::array_t<std::uint8_t> bytes_to_numpy(std::string&& s) {
    auto* heap = new std::string(std::move(s));
    py::capsule owner(heap, [](void* p) { delete static_cast<std::string*>(p); });
    return py::array_t<std::uint8_t>({heap->size()}, {sizeof(std::uint8_t)},
                                     reinterpret_cast<const std::uint8_t*>(heap->data()), owner);
}

// A text column without one Python object per row: repeating texts as
// ("codes", int32 codes, [names]); texts of their own per row as ("utf8", int64
// offsets, uint8 UTF-8 bytes) — the layout of an Arrow large_string array, which
// Python wraps without copying (healthplan/evaluate.py, _text_column).
py::tuple text_column(hp::TextColumn&& c, bool utf8) {
    if (!c.per_row() && utf8) {
        // Decoded here, one copy per row, rather than by Arrow's take() in
        // Python: the texts are short and a dozen compute calls cost more.
        // Sizes first, then one buffer of the total written name by name. The
        // buffers are not zeroed first (every byte is written; zeroing was a
        // second pass over fresh pages), and a name of up to 32 bytes is copied
        // as 32 bytes from a padded copy, the excess overwritten by the next row
        // (a fixed-size copy is a store or two; memcpy of a size known only at run
        // time was a call per row) — decoding the twelve columns cost a tenth of
        // hp.evaluate at 40,000 targets.
        constexpr std::size_t pad = 32;
        std::vector<std::size_t> sizes(c.names.size());
        std::vector<std::array<char, pad>> padded(c.names.size());
        for (std::size_t k = 0; k < c.names.size(); ++k) {
            sizes[k] = c.names[k].size();
            std::memcpy(padded[k].data(), c.names[k].data(), std::min(sizes[k], pad));
        }
        hp::ResultColumn<std::int64_t> offsets(c.codes.size() + 1);
        offsets[0] = 0;
        for (std::size_t i = 0; i < c.codes.size(); ++i)
            offsets[i + 1] = offsets[i] + static_cast<std::int64_t>(sizes[static_cast<std::size_t>(c.codes[i])]);
        const auto total = static_cast<std::size_t>(offsets.back());
        hp::ResultColumn<std::uint8_t> bytes(total + pad);  // room for the last row's excess
        auto* out = reinterpret_cast<char*>(bytes.data());
        for (const std::int32_t code : c.codes) {
            const auto k = static_cast<std::size_t>(code);
            if (sizes[k] <= pad)
                std::memcpy(out, padded[k].data(), pad);
            else
                std::memcpy(out, c.names[k].data(), sizes[k]);
            out += sizes[k];
        }
        bytes.resize(total);
        return py::make_tuple("utf8", to_numpy(std::move(offsets)), to_numpy(std::move(bytes)));
    }
    if (!c.per_row()) {
        py::list names;
        for (const auto& s : c.names) names.append(py::str(s));
        return py::make_tuple("codes", to_numpy(std::move(c.codes)), names);
    }
    return py::make_tuple("utf8", to_numpy(std::move(c.offsets)), bytes_to_numpy(std::move(c.utf8)));
}

// The result table as {column: numpy array}; optional years as (values, valid);
// with `utf8`, every text column in the per-row layout.
py::dict table_columns(hp::ResultTable&& t, bool utf8) {
    py::dict d;
    const std::pair<const char*, hp::TextColumn*> texts[] = {{"plan_id", &t.plan_id},
                                                             {"target_id", &t.target_id},
                                                             {"indicator", &t.indicator},
                                                             {"indicator_key", &t.indicator_key},
                                                             {"region", &t.region},
                                                             {"kind", &t.kind},
                                                             {"comparator", &t.comparator},
                                                             {"nature", &t.nature},
                                                             {"section", &t.section},
                                                             {"category", &t.category},
                                                             {"reason", &t.reason},
                                                             {"method", &t.method},
                                                             {"method_version", &t.method_version},
                                                             {"unit", &t.unit},
                                                             {"task_id", &t.task_id},
                                                             {"lead", &t.lead},
                                                             {"explanation", &t.explanation}};
    for (const auto& [name, col] : texts) d[name] = text_column(std::move(*col), utf8);
    const std::pair<const char*, hp::YearColumn*> years[] = {{"year", &t.year},
                                                             {"baseline_year", &t.baseline_year},
                                                             {"reference_year", &t.reference_year},
                                                             {"latest_year", &t.latest_year}};
    for (const auto& [name, col] : years)
        d[name] = py::make_tuple(to_numpy(std::move(col->value)), to_numpy(std::move(col->valid)));
    d["as_of"] = to_numpy(std::move(t.as_of));
    d["verdict"] = to_numpy(std::move(t.verdict));
    const std::pair<const char*, hp::ResultColumn<double>*> numbers[] = {{"threshold", &t.threshold},
                                                                         {"baseline_value", &t.baseline_value},
                                                                         {"reference_value", &t.reference_value},
                                                                         {"latest_value", &t.latest_value},
                                                                         {"projected_value", &t.projected_value},
                                                                         {"required_pace", &t.required_pace},
                                                                         {"observed_pace", &t.observed_pace},
                                                                         {"years_to_target", &t.years_to_target},
                                                                         {"probability", &t.probability},
                                                                         {"progress", &t.progress},
                                                                         {"score", &t.score}};
    for (const auto& [name, col] : numbers) d[name] = to_numpy(std::move(*col));
    d["points"] = to_numpy(std::move(t.points));
    d["stale"] = to_numpy(std::move(t.stale));
    return d;
}

}  // namespace

void register_evaluate(py::module_& m) {
    bind_enum<hp::Verdict>(m, "Verdict", "What evaluation says about a target as of a year.");
    bind_enum<hp::LevelMethod>(m, "LevelMethod", "How a level target is judged before its year.");
    bind_enum<hp::TrendDefinition>(m, "TrendDefinition", "Operational definitions of 持续下降 / 持续减缓.");
    bind_enum<hp::UnitMismatch>(m, "UnitMismatch", "What an unconvertible observation unit does.");

    py::class_<hp::ScoreWeights>(m, "ScoreWeights", "Points per verdict for the 0–100 scorecard score.")
        .def(py::init<>())
        .def_readwrite("achieved", &hp::ScoreWeights::achieved)
        .def_readwrite("achieved_early", &hp::ScoreWeights::achieved_early)
        .def_readwrite("on_track", &hp::ScoreWeights::on_track)
        .def_readwrite("off_track", &hp::ScoreWeights::off_track)
        .def_readwrite("missed", &hp::ScoreWeights::missed);

    using P = hp::EvaluationPolicy;
    py::class_<P>(m, "EvaluationPolicy",
                  "Every threshold and choice evaluation makes; see docs/evaluation.md. "
                  "Fields may be given by keyword: EvaluationPolicy(method=LevelMethod.growth_ratio).")
        .def(py::init<>())
        .def(py::init([](const py::kwargs& kwargs) {
            // Keyword construction; an unknown keyword is a TypeError, never ignored.
            py::object obj = py::cast(P{});
            for (auto item : kwargs) {
                const auto key = py::str(item.first);
                if (!py::hasattr(obj, key) || std::string(key).rfind('_', 0) == 0)
                    throw py::type_error("EvaluationPolicy() got an unexpected keyword argument '" + std::string(key) +
                                         "'");
                py::setattr(obj, key, item.second);
            }
            return obj.cast<P>();
        }))
        .def("__repr__",
             [](const P& p) {
                 return "<EvaluationPolicy method=" + std::string(hp::to_string(p.method)) +
                        " trend=" + std::string(hp::to_string(p.trend)) +
                        " version=" + std::string(hp::evaluation_version) + ">";
             })
        .def_readwrite("method", &P::method)
        .def_readwrite("growth_on_track", &P::growth_on_track)
        .def_readwrite("growth_acceleration", &P::growth_acceleration)
        .def_readwrite("growth_limited", &P::growth_limited)
        .def_readwrite("distance_near", &P::distance_near)
        .def_readwrite("distance_far", &P::distance_far)
        .def_readwrite("years_grace", &P::years_grace)
        .def_readwrite("use_stated_baseline", &P::use_stated_baseline)
        .def_readwrite("window_years", &P::window_years)
        .def_readwrite("approx_tolerance", &P::approx_tolerance)
        .def_readwrite("bound_projections", &P::bound_projections)
        .def_readwrite("binding_strict", &P::binding_strict)
        .def_readwrite("advocacy_never_scored", &P::advocacy_never_scored)
        .def_readwrite("min_points_probability", &P::min_points_probability)
        .def_readwrite("rate_every_year", &P::rate_every_year)
        .def_readwrite("trend", &P::trend)
        .def_readwrite("k_reversals", &P::k_reversals)
        .def_readwrite("mann_kendall_alpha", &P::mann_kendall_alpha)
        .def_readwrite("pending_milestone", &P::pending_milestone)
        .def_readwrite("benchmark_lag", &P::benchmark_lag)
        .def_readwrite("benchmark_regions", &P::benchmark_regions)
        .def_readwrite("region", &P::region)
        .def_readwrite("on_unit_mismatch", &P::on_unit_mismatch)
        .def_readwrite("score", &P::score)
        .def_readwrite("indicator_directions", &P::indicator_directions)
        .def_readwrite("stale_years", &P::stale_years)
        .def("validate", &P::validate, "Raises ValidationError naming the first bad field.")
        .def("__copy__", [](const P& p) { return P(p); })
        .def(
            "__deepcopy__", [](const P& p, py::dict) { return P(p); }, py::arg("memo"));
    m.attr("EVALUATION_VERSION") = std::string(hp::evaluation_version);

    py::class_<hp::TargetResult>(m, "TargetResult", "One target's verdict with its explanation.")
        .def_readonly("plan_id", &hp::TargetResult::plan_id)
        .def_readonly("target_id", &hp::TargetResult::target_id)
        .def_readonly("indicator", &hp::TargetResult::indicator)
        .def_readonly("indicator_key", &hp::TargetResult::indicator_key)
        .def_readonly("region", &hp::TargetResult::region)
        .def_property_readonly("year", [](const hp::TargetResult& r) { return opt_int(r.year); })
        .def_readonly("kind", &hp::TargetResult::kind)
        .def_readonly("comparator", &hp::TargetResult::comparator)
        .def_readonly("nature", &hp::TargetResult::nature)
        .def_readonly("section", &hp::TargetResult::section)
        .def_readonly("as_of", &hp::TargetResult::as_of)
        .def_readonly("verdict", &hp::TargetResult::verdict)
        .def_readonly("category", &hp::TargetResult::category)
        .def_readonly("reason", &hp::TargetResult::reason)
        .def_readonly("method", &hp::TargetResult::method)
        .def_readonly("method_version", &hp::TargetResult::method_version)
        .def_readonly("threshold", &hp::TargetResult::threshold)
        .def_readonly("unit", &hp::TargetResult::unit)
        .def_property_readonly("baseline_year", [](const hp::TargetResult& r) { return opt_int(r.baseline_year); })
        .def_readonly("baseline_value", &hp::TargetResult::baseline_value)
        .def_property_readonly("latest_year", [](const hp::TargetResult& r) { return opt_int(r.latest_year); })
        .def_readonly("latest_value", &hp::TargetResult::latest_value)
        .def_property_readonly("reference_year", [](const hp::TargetResult& r) { return opt_int(r.reference_year); })
        .def_readonly("reference_value", &hp::TargetResult::reference_value)
        .def_readonly("points", &hp::TargetResult::points)
        .def_readonly("projected_value", &hp::TargetResult::projected_value)
        .def_readonly("required_pace", &hp::TargetResult::required_pace)
        .def_readonly("observed_pace", &hp::TargetResult::observed_pace)
        .def_readonly("years_to_target", &hp::TargetResult::years_to_target)
        .def_readonly("probability", &hp::TargetResult::probability)
        .def_readonly("progress", &hp::TargetResult::progress)
        .def_readonly("score", &hp::TargetResult::score)
        .def_readonly("stale", &hp::TargetResult::stale)
        .def_readonly("task_id", &hp::TargetResult::task_id)
        .def_readonly("lead", &hp::TargetResult::lead)
        .def_readonly("explanation", &hp::TargetResult::explanation)
        .def("__repr__", [](const hp::TargetResult& r) {
            return "<TargetResult " + r.plan_id + "/" + r.target_id + " " + std::string(hp::to_string(r.verdict)) +
                   " (" + r.method + ")>";
        });

    // Statistics Canada / Open SDG progress measure of one series and of an indicator.
    m.def(
        "statcan_progress",
        [](double base_value, double base_year, double current_value, double current_year, std::optional<double> target,
           double target_year, int direction, std::optional<double> limit) {
            hp::StatcanInputs in{base_value, base_year,   current_value, current_year,
                                 target,     target_year, direction,     limit};
            const auto p = hp::statcan_progress(in);
            py::dict d;
            d["progress_value"] = p.progress_value;
            d["score"] = p.score;
            d["status"] = p.status;
            d["target_achieved"] = p.target_achieved;
            d["sign"] = p.sign;
            d["coefficient"] = p.coefficient;
            d["thresholds"] = py::make_tuple(p.high, p.med, p.low);
            d["note"] = p.note;
            return d;
        },
        py::arg("base_value"), py::arg("base_year"), py::arg("current_value"), py::arg("current_year"),
        py::arg("target") = py::none(), py::arg("target_year") = 2030.0, py::arg("direction") = -1,
        py::arg("limit") = py::none());
    m.def(
        "statcan_indicator",
        [](const std::vector<double>& scores, const std::vector<bool>& achieved) {
            std::vector<hp::StatcanProgress> series(scores.size());
            for (std::size_t i = 0; i < scores.size(); ++i) {
                series[i].score = scores[i];
                series[i].target_achieved = i < achieved.size() && achieved[i];
            }
            const auto r = hp::statcan_indicator(series);
            return py::make_tuple(r.score, r.status);
        },
        py::arg("scores"), py::arg("target_achieved"));

    py::class_<hp::Observations>(m, "_Observations", "The C++ observation store (wrapped by healthplan.Observations).")
        .def_static(
            "from_columns",
            [](I64 key, py::list key_names, py::object region, py::list region_names, I64 year, F64 value,
               py::object unit, py::list unit_names, py::object source, py::list source_names, py::object flags,
               std::string origin, py::object published) {
                hp::ObservationColumns c;
                py::list keep;
                keep.append(key);
                keep.append(year);
                keep.append(value);
                c.key = view(key);
                c.year = view(year);
                c.value = view(value);
                // Optional code columns: None, or an int64 array read in place.
                I64 region_a, unit_a, source_a, published_a;
                U8 flags_a;
                if (!region.is_none()) {
                    region_a = region.cast<I64>();
                    keep.append(region_a);
                    c.region = view(region_a);
                }
                if (!unit.is_none()) {
                    unit_a = unit.cast<I64>();
                    keep.append(unit_a);
                    c.unit = view(unit_a);
                }
                if (!source.is_none()) {
                    source_a = source.cast<I64>();
                    keep.append(source_a);
                    c.source = view(source_a);
                }
                if (!flags.is_none()) {
                    flags_a = flags.cast<U8>();
                    keep.append(flags_a);
                    c.flags = view(flags_a);
                }
                if (!published.is_none()) {
                    published_a = published.cast<I64>();
                    keep.append(published_a);
                    c.published = view(published_a);
                }
                c.key_names = key_names.cast<std::vector<std::string>>();
                c.region_names = region_names.cast<std::vector<std::string>>();
                c.unit_names = unit_names.cast<std::vector<std::string>>();
                c.source_names = source_names.cast<std::vector<std::string>>();
                c.origin = std::move(origin);
                auto holder = keep_alive(keep);
                py::gil_scoped_release release;
                return hp::Observations::from_columns(std::move(c), std::move(holder));
            },
            py::arg("key"), py::arg("key_names"), py::arg("region"), py::arg("region_names"), py::arg("year"),
            py::arg("value"), py::arg("unit"), py::arg("unit_names"), py::arg("source"), py::arg("source_names"),
            py::arg("flags"), py::arg("origin") = "observations", py::arg("published") = py::none())
        .def_static(
            "from_csv",
            [](const std::filesystem::path& path, std::string default_region, std::string default_unit) {
                py::gil_scoped_release release;
                return hp::Observations::from_csv(path, {std::move(default_region), std::move(default_unit)});
            },
            py::arg("path"), py::arg("default_region") = "", py::arg("default_unit") = "")
        .def_static(
            "from_csv_text",
            [](std::string text, std::string name, std::string default_region, std::string default_unit) {
                return hp::Observations::from_csv_text(text, name,
                                                       {std::move(default_region), std::move(default_unit)});
            },
            py::arg("text"), py::arg("name") = "<csv>", py::arg("default_region") = "", py::arg("default_unit") = "")
        .def("__len__", &hp::Observations::size)
        .def_property_readonly("key_names", &hp::Observations::key_names)
        .def_property_readonly("region_names", &hp::Observations::region_names)
        .def_property_readonly("unit_names", &hp::Observations::unit_names)
        .def_property_readonly("max_year", &hp::Observations::max_year)
        .def(
            "columns",
            [](const hp::Observations& o, std::optional<std::size_t> limit) {
                // Row-order columns as Python lists (to_frame; `limit` rows for previews).
                py::list key, region, year, value, unit, source, flags, published;
                const std::size_t n = limit ? std::min(*limit, o.size()) : o.size();
                for (std::size_t i = 0; i < n; ++i) {
                    key.append(py::str(std::string(o.key(i))));
                    region.append(py::str(std::string(o.region(i))));
                    year.append(o.year(i));
                    value.append(o.value(i));
                    unit.append(py::str(o.unit_names()[static_cast<std::size_t>(o.unit_code(i))]));
                    source.append(py::str(std::string(o.source(i))));
                    flags.append(hp::flags_to_string(o.flags(i)));
                    published.append(o.published(i));
                }
                py::dict d;
                d["indicator"] = key;
                d["region"] = region;
                d["year"] = year;
                d["value"] = value;
                d["unit"] = unit;
                d["source"] = source;
                d["flags"] = flags;
                d["published"] = published;
                return d;
            },
            py::arg("limit") = py::none())
        .def(
            "series",
            [](const hp::Observations& o, const std::string& key, const std::string& region) {
                py::list out;
                for (const auto& p : o.series(key, region))
                    out.append(py::make_tuple(p.year, p.value, o.unit_names()[static_cast<std::size_t>(p.unit)],
                                              hp::flags_to_string(p.flags)));
                return out;
            },
            py::arg("key"), py::arg("region") = "");

    m.def(
        "_evaluate",
        [](const hp::Plan& plan, const hp::Observations& obs, const hp::EvaluationPolicy& policy,
           std::optional<int> as_of) {
            py::gil_scoped_release release;
            return as_of ? hp::evaluate(plan, obs, policy, *as_of) : hp::evaluate(plan, obs, policy);
        },
        py::arg("plan"), py::arg("observations"), py::arg("policy"), py::arg("as_of") = py::none());

    // hp.evaluate's frame: every plan judged in C++, handed over as columns.
    m.def(
        "_evaluate_table",
        [](const std::vector<const hp::Plan*>& plans, const hp::Observations& obs, const hp::EvaluationPolicy& policy,
           std::optional<int> as_of, int threads, bool utf8) {
            hp::ResultTable table;
            {
                py::gil_scoped_release release;
                table = hp::evaluate_table(plans, obs, policy, as_of, threads);
            }
            return table_columns(std::move(table), utf8);
        },
        py::arg("plans"), py::arg("observations"), py::arg("policy"), py::arg("as_of") = py::none(),
        py::arg("threads") = 1, py::arg("utf8") = false);

    m.def(
        "_scorecard",
        [](const std::vector<hp::TargetResult>& results, const std::string& by, const hp::ScoreWeights& w) {
            py::list out;
            for (const auto& row : hp::scorecard(results, hp::parse_scorecard_by(by), w)) {
                py::dict d;
                d["group"] = row.group;
                for (int v = 0; v < hp::verdict_count; ++v)
                    d[py::str(std::string(hp::to_string(static_cast<hp::Verdict>(v))))] =
                        row.counts[static_cast<std::size_t>(v)];
                d["targets"] = row.targets;
                d["scored"] = row.scored;
                d["score"] = row.score;
                out.append(d);
            }
            return out;
        },
        py::arg("results"), py::arg("by"), py::arg("weights"));

    m.def("_level_category_names", [] {
        py::list out;
        for (std::uint8_t c = 0;; ++c) {
            auto name = hp::level_category_name(c);
            if (c > 0 && name.empty()) break;
            out.append(py::str(std::string(name)));
        }
        return out;
    });

    m.def("_bulk_reason_texts", [] {
        py::list out;
        for (std::uint8_t c = 0;; ++c) {
            auto text = hp::bulk_reason_text(c);
            if (c > 0 && text.empty()) break;
            out.append(py::str(std::string(text)));
        }
        return out;
    });

    // The bulk path: `targets` maps column names of hp::TargetColumns to arrays of
    // the right dtype (checked by Python); absent columns are empty spans.
    m.def(
        "_evaluate_columns",
        [](I64 obs_series, I64 obs_year, F64 obs_value, py::dict targets, const hp::EvaluationPolicy& policy, int as_of,
           int threads) {
            hp::SeriesColumns o{view(obs_series), view(obs_year), view(obs_value)};
            hp::TargetColumns t;
            py::list keep;  // the arrays stay referenced while C++ reads them
            auto i64 = [&](const char* name, std::span<const std::int64_t>& col) {
                if (!targets.contains(name)) return;
                auto a = targets[name].cast<I64>();
                keep.append(a);
                col = view(a);
            };
            auto f64 = [&](const char* name, std::span<const double>& col) {
                if (!targets.contains(name)) return;
                auto a = targets[name].cast<F64>();
                keep.append(a);
                col = view(a);
            };
            auto u8 = [&](const char* name, std::span<const std::uint8_t>& col) {
                if (!targets.contains(name)) return;
                auto a = targets[name].cast<U8>();
                keep.append(a);
                col = view(a);
            };
            auto i8 = [&](const char* name, std::span<const std::int8_t>& col) {
                if (!targets.contains(name)) return;
                auto a = targets[name].cast<I8>();
                keep.append(a);
                col = view(a);
            };
            i64("series", t.series);
            u8("kind", t.kind);
            i8("comparator", t.comparator);
            f64("value", t.value);
            i64("year", t.year);
            i64("baseline_year", t.baseline_year);
            f64("baseline_value", t.baseline_value);
            i64("reference_year", t.reference_year);
            f64("reference_value", t.reference_value);
            u8("change_mode", t.change_mode);
            i8("direction", t.direction);
            u8("nature", t.nature);
            i64("benchmark_series", t.benchmark_series);
            u8("trend_flags", t.trend_flags);
            f64("lower", t.lower);
            f64("upper", t.upper);
            hp::TargetResultColumns r;
            {
                py::gil_scoped_release release;
                r = hp::evaluate_columns(o, t, policy, as_of, threads);
            }
            py::dict d;
            d["verdict"] = to_numpy(std::move(r.verdict));
            d["category"] = to_numpy(std::move(r.category));
            d["reason"] = to_numpy(std::move(r.reason));
            d["latest_year"] = to_numpy(std::move(r.latest_year));
            d["latest_value"] = to_numpy(std::move(r.latest_value));
            d["threshold"] = to_numpy(std::move(r.threshold));
            d["reference_value"] = to_numpy(std::move(r.reference_value));
            d["projected_value"] = to_numpy(std::move(r.projected_value));
            d["required_pace"] = to_numpy(std::move(r.required_pace));
            d["observed_pace"] = to_numpy(std::move(r.observed_pace));
            d["years_to_target"] = to_numpy(std::move(r.years_to_target));
            d["probability"] = to_numpy(std::move(r.probability));
            d["progress"] = to_numpy(std::move(r.progress));
            d["score"] = to_numpy(std::move(r.score));
            d["points"] = to_numpy(std::move(r.points));
            d["stale"] = to_numpy(std::move(r.stale));
            return d;
        },
        py::arg("obs_series"), py::arg("obs_year"), py::arg("obs_value"), py::arg("targets"), py::arg("policy"),
        py::arg("as_of"), py::arg("threads") = 1);
}
