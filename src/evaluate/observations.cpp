// The columnar observation store: validation, duplicate detection, series index.
#include "healthplan/observations.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include "evaluate/observations_builder.hpp"
#include "evaluate/text_index.hpp"
#include "healthplan/error.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

// Years outside this range are typing errors, not history (plans run 1990–2050).
constexpr std::int64_t min_year = 1800;
constexpr std::int64_t max_year_allowed = 2200;

struct FlagName {
    const char* name;
    std::uint8_t bit;
};
constexpr FlagName flag_names[] = {
    {"missing", flag_missing},
    {"provisional", flag_provisional},
    {"estimated", flag_estimated},
    {"superseded", flag_superseded},
};

}  // namespace

std::uint8_t parse_flags(std::string_view text) {
    std::uint8_t bits = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = text.find_first_of(";|, ", i);
        if (j == std::string_view::npos) j = text.size();
        const std::string_view word = text.substr(i, j - i);
        if (!word.empty()) {
            bool found = false;
            for (const auto& f : flag_names) {
                if (word == f.name) {
                    bits |= f.bit;
                    found = true;
                }
            }
            if (!found) {
                throw DataError("observations.flag", "unknown flag '" + std::string(word) +
                                                         "' (accepted: missing, provisional, estimated, superseded)");
            }
        }
        i = j + 1;
    }
    return bits;
}

std::string flags_to_string(std::uint8_t flags) {
    std::string out;
    for (const auto& f : flag_names) {
        if (flags & f.bit) {
            if (!out.empty()) out += ';';
            out += f.name;
        }
    }
    return out;
}

Observations::Observations() { check_and_index(); }

Observations Observations::from_columns(ObservationColumns columns, std::shared_ptr<const void> keepalive) {
    Observations o;
    o.cols_ = std::move(columns);
    o.keepalive_ = std::move(keepalive);
    o.check_and_index();
    return o;
}

Observations Observations::from_rows(const std::vector<ObservationRow>& rows, std::string origin) {
    detail::observations::ColumnBuilder builder(std::move(origin));
    for (const auto& r : rows) builder.add(r.key, r.region, r.year, r.value, r.unit, r.source, r.flags, r.published);
    return builder.finish();
}

std::string Observations::row_name(std::size_t row) const {
    if (row < cols_.lines.size()) return cols_.origin + ":" + std::to_string(cols_.lines[row]);
    return cols_.origin + " row " + std::to_string(row);
}

std::string_view Observations::key(std::size_t row) const {
    return cols_.key_names[static_cast<std::size_t>(cols_.key[row])];
}
std::string_view Observations::region(std::size_t row) const {
    return cols_.region_names[static_cast<std::size_t>(region_at(row))];
}
std::string_view Observations::source(std::size_t row) const {
    if (cols_.source.empty() || cols_.source_names.empty()) return {};
    return cols_.source_names[static_cast<std::size_t>(cols_.source[row])];
}

void Observations::check_and_index() {
    auto& c = cols_;
    const std::size_t n = c.key.size();
    const std::string& where = c.origin;
    if (c.year.size() != n || c.value.size() != n) {
        throw DataError("observations.shape",
                        "columns differ in length: key " + std::to_string(n) + ", year " +
                            std::to_string(c.year.size()) + ", value " + std::to_string(c.value.size()),
                        where);
    }
    auto check_optional = [&](std::size_t size, const char* name) {
        if (size != 0 && size != n) {
            throw DataError("observations.shape",
                            std::string("column '") + name + "' has " + std::to_string(size) + " rows, expected " +
                                std::to_string(n) + " (or none)",
                            where);
        }
    };
    check_optional(c.region.size(), "region");
    check_optional(c.unit.size(), "unit");
    check_optional(c.source.size(), "source");
    check_optional(c.flags.size(), "flags");
    check_optional(c.published.size(), "published");
    // An all-zero vintage or flags column says what no column says (every row
    // 0): dropped, so that reading a series tests no column per point (a CSV
    // written from a store without vintages has both columns, all zero). The
    // span only: the caller's arrays are not touched, and flags()/published() read 0.
    auto all_zero = [](const auto& col) { return std::all_of(col.begin(), col.end(), [](auto v) { return v == 0; }); };
    if (all_zero(c.published)) c.published = {};
    if (all_zero(c.flags)) c.flags = {};
    if (c.region_names.empty()) c.region_names.emplace_back();
    if (c.unit_names.empty()) c.unit_names.emplace_back();
    if (n > std::numeric_limits<std::uint32_t>::max()) {
        throw DataError("observations.size", "more than 2^32 rows", where);
    }
    year_ = c.year;
    value_ = c.value;

    auto check_code = [&](std::span<const std::int64_t> col, std::size_t limit, const char* name) {
        for (std::size_t i = 0; i < col.size(); ++i) {
            if (col[i] < 0 || static_cast<std::size_t>(col[i]) >= limit) {
                throw DataError("observations.code",
                                std::string(name) + " code " + std::to_string(col[i]) + " out of range (0.." +
                                    std::to_string(limit) + ")",
                                row_name(i));
            }
        }
    };
    check_code(c.key, c.key_names.size(), "key");
    check_code(c.region, c.region_names.size(), "region");
    check_code(c.unit, c.unit_names.size(), "unit");
    check_code(c.source, c.source_names.size(), "source");

    // Units: "" is unknown (kept; evaluation reports it). Text that is not a
    // unit is an error naming the first row that uses it.
    units_.assign(c.unit_names.size(), std::nullopt);
    for (std::size_t u = 0; u < c.unit_names.size(); ++u) {
        const std::string& text = c.unit_names[u];
        if (text.empty()) continue;
        units_[u] = Unit::try_parse(text);
        if (!units_[u]) {
            for (std::size_t i = 0; i < n; ++i) {
                if (unit_code(i) == static_cast<std::int64_t>(u)) {
                    throw UnitError("unit.unknown", "unknown unit '" + text + "'", row_name(i));
                }
            }
        }
    }

    region_index_.clear();
    detail::TextSlots::build(key_slots_, keys_distinct_, c.key_names.size(), key_name());
    for (std::size_t i = 0; i < c.region_names.size(); ++i)
        region_index_.emplace(c.region_names[i], static_cast<std::int64_t>(i));

    // Row checks, and the usable rows.
    order_.clear();
    order_.reserve(n);
    max_year_ = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t y = year_[i];
        if (y < min_year || y > max_year_allowed) {
            throw DataError("observations.year",
                            "year " + std::to_string(y) + " outside " + std::to_string(min_year) + "–" +
                                std::to_string(max_year_allowed),
                            row_name(i));
        }
        const std::uint8_t f = flags(i);
        const std::int64_t pub = published(i);
        if (pub != 0 && (pub < y || pub > max_year_allowed)) {
            throw DataError("observations.published",
                            "published year " + std::to_string(pub) + " before the year " + std::to_string(y) +
                                " it reports, or out of range",
                            row_name(i));
        }
        if (!std::isfinite(value_[i]) && !(f & flag_missing)) {
            throw DataError("observations.nan",
                            "value is not a finite number; flag the row 'missing' if the value "
                            "is unavailable for that year",
                            row_name(i));
        }
        if (f & flag_superseded) continue;
        order_.push_back(static_cast<std::uint32_t>(i));
        max_year_ = std::max(max_year_, y);
    }

    auto less = [&](std::uint32_t a, std::uint32_t b) {
        if (c.key[a] != c.key[b]) return c.key[a] < c.key[b];
        if (region_at(a) != region_at(b)) return region_at(a) < region_at(b);
        if (year_[a] != year_[b]) return year_[a] < year_[b];
        if (published(a) != published(b)) return published(a) < published(b);
        return a < b;
    };
    if (!std::is_sorted(order_.begin(), order_.end(), less)) {
        std::sort(order_.begin(), order_.end(), less);
    }

    // Duplicates: the same (key, region, year) twice, after unit conversion.
    series_.clear();
    key_first_.assign(c.key_names.size() + 1, 0);
    auto close_series = [&](std::uint32_t last_row, std::size_t begin, std::size_t end) {
        series_.push_back({region_at(last_row), static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
        ++key_first_[static_cast<std::size_t>(c.key[last_row]) + 1];  // counted here, summed below
    };
    std::size_t begin = 0;
    for (std::size_t k = 0; k < order_.size(); ++k) {
        const std::uint32_t r = order_[k];
        if (k > 0) {
            const std::uint32_t p = order_[k - 1];
            const bool same_series = c.key[p] == c.key[r] && region_at(p) == region_at(r);
            // Rows with different publication years are vintages; an undated row (0)
            // beside dated ones is the oldest vintage (sorted first, known at any as-of).
            const bool vintages = published(p) != published(r);
            if (same_series && year_[p] == year_[r] && !vintages) {
                double other = value_[r];
                const auto& up = units_[static_cast<std::size_t>(unit_code(p))];
                const auto& ur = units_[static_cast<std::size_t>(unit_code(r))];
                bool comparable = unit_code(p) == unit_code(r);
                if (!comparable && up && ur && up->compatible_with(*ur)) {
                    other = convert(value_[r], *ur, *up);
                    comparable = true;
                }
                const bool both_missing = (flags(p) & flag_missing) && (flags(r) & flag_missing);
                const bool same = both_missing || (comparable && other == value_[p]);
                std::ostringstream msg;
                msg << (same ? "duplicate" : "conflicting") << " values for '" << key(r) << "'";
                if (!region(r).empty()) msg << " in " << region(r);
                msg << ", " << year_[r] << ": " << value_[p] << " (" << row_name(p) << ") and " << value_[r] << " ("
                    << row_name(r) << "); keep one, or flag the replaced row 'superseded'";
                throw DataError(same ? "observations.duplicate" : "observations.conflict", msg.str(), row_name(r));
            }
            if (!same_series) {
                close_series(p, begin, k);
                begin = k;
            }
        }
    }
    if (!order_.empty()) close_series(order_.back(), begin, order_.size());
    // Series come sorted by key, so each key's series are one run of series_.
    for (std::size_t k = 1; k < key_first_.size(); ++k) key_first_[k] += key_first_[k - 1];
}

std::optional<std::int64_t> Observations::key_code(std::string_view key) const {
    const auto pos = detail::TextSlots::find(key_slots_, key, key_name());
    if (!pos) return std::nullopt;
    return static_cast<std::int64_t>(*pos);
}

std::optional<std::int64_t> Observations::key_code(std::string_view key, std::size_t hint) const {
    const auto pos =
        detail::TextSlots::find_near(key_slots_, keys_distinct_, cols_.key_names.size(), key, key_name(), hint);
    if (!pos) return std::nullopt;
    return static_cast<std::int64_t>(*pos);
}

void Observations::key_codes(std::span<const std::string_view> keys, std::span<std::int64_t> out) const {
    detail::TextSlots::find_many(key_slots_, keys_distinct_, cols_.key_names.size(), keys, key_name(),
                                 out.first(keys.size()));
}

std::optional<std::int64_t> Observations::region_code(std::string_view region) const {
    auto it = region_index_.find(region);
    if (it == region_index_.end()) return std::nullopt;
    return it->second;
}

SeriesView Observations::series_view(std::int64_t key, std::int64_t region) const noexcept {
    if (key < 0 || static_cast<std::size_t>(key) + 1 >= key_first_.size()) return {};
    const std::size_t k = static_cast<std::size_t>(key);
    for (std::size_t i = key_first_[k]; i < key_first_[k + 1]; ++i) {
        const SeriesRun& run = series_[i];
        if (run.region == region)
            return {this, std::span<const std::uint32_t>(order_).subspan(run.begin, run.end - run.begin)};
    }
    return {};
}

std::vector<SeriesPoint> Observations::series(std::int64_t key, std::int64_t region) const {
    const SeriesView view = series_view(key, region);
    std::vector<SeriesPoint> out;
    out.reserve(view.size());
    for (const SeriesPoint p : view) out.push_back(p);
    return out;
}

std::vector<SeriesPoint> Observations::series(std::string_view key, std::string_view region) const {
    auto k = key_code(key);
    auto r = region_code(region);
    if (!k || !r) return {};
    return series(*k, *r);
}

std::vector<std::string> Observations::regions_of(std::string_view key) const {
    std::vector<std::string> out;
    auto k = key_code(key);
    if (!k) return out;
    // A key's series come by region code, as the former (key, region) map was asked.
    const auto kk = static_cast<std::size_t>(*k);
    for (std::size_t i = key_first_[kk]; i < key_first_[kk + 1]; ++i)
        out.push_back(cols_.region_names[static_cast<std::size_t>(series_[i].region)]);
    return out;
}

HEALTHPLAN_END_NAMESPACE
