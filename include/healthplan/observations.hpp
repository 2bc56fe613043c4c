// Observed data: a columnar store of (indicator key, region, year, value, unit,
// source, flags) rows.
//
// Numeric columns may be borrowed (numpy arrays, Arrow buffers): the store then
// keeps a `keepalive` handle and reads the memory in place; string columns are
// dictionary-encoded (codes + names). On construction the store checks every
// row — a finite value unless flagged missing, a known unit, a year in range —
// and refuses duplicate keys: two rows for the same (key, region, year) are a
// DataError naming both rows, never a silent overwrite. Rows flagged
// `superseded` are kept for the record but ignored by lookups and by that check.
// Revisions can instead be kept as vintages: rows with different `published`
// years for the same key are allowed, and an evaluation as of year A uses, for
// each year, the latest figure published by A — so a past verdict is reproduced
// with the figures known then.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "healthplan/config.hpp"
#include "healthplan/units.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// Row flags (a bit set).
enum ObservationFlag : std::uint8_t {
    flag_none = 0,
    // The value is not available for that year (NaN allowed, the row is kept
    // so "missing year" is explicit rather than inferred from a gap).
    flag_missing = 1,
    flag_provisional = 2,  // preliminary figure, may be revised
    flag_estimated = 4,    // modelled or imputed, not measured
    // A figure replaced by a later revision; kept for the record, never used.
    flag_superseded = 8,
};

// "missing;provisional" ↔ bits. Accepts ';', '|', ',' or spaces between names;
// throws DataError("observations.flag") for an unknown name.
std::uint8_t parse_flags(std::string_view text);
std::string flags_to_string(std::uint8_t flags);

// A column view over a batch of rows. Code columns index into the matching
// name table. An empty `region`, `unit`, `source` or `flags` span means "the
// same for every row": region "" / unit_names[0] (or unknown) / no source / 0.
struct ObservationColumns {
    std::span<const std::int64_t> key;
    std::span<const std::int64_t> region;
    std::span<const std::int64_t> year;
    std::span<const double> value;
    std::span<const std::int64_t> unit;
    std::span<const std::int64_t> source;
    std::span<const std::uint8_t> flags;
    // Year each figure was published (its vintage); 0 = unknown. Optional.
    std::span<const std::int64_t> published;

    std::vector<std::string> key_names;
    std::vector<std::string> region_names;
    // Unit as written ("%", "‰", "1/10万", "岁"); "" is an unknown unit.
    std::vector<std::string> unit_names;
    std::vector<std::string> source_names;

    // For error messages: the input's name and, when known, each row's line
    // (CSV); otherwise rows are named "<origin> row <i>" (0-based).
    std::string origin = "observations";
    std::vector<std::int64_t> lines;
};

// One usable point of a series (superseded rows excluded).
struct SeriesPoint {
    std::int64_t year = 0;
    double value = 0;
    std::int64_t unit = 0;  // code into unit_names()
    std::uint8_t flags = 0;
    std::int64_t published = 0;  // vintage; 0 = unknown
    std::size_t row = 0;         // row index in the store
};

// One row, for building small stores in code (tests, examples).
struct ObservationRow {
    std::string key;
    std::string region;
    std::int64_t year = 0;
    double value = 0;
    std::string unit;
    std::string source;
    std::uint8_t flags = 0;
    std::int64_t published = 0;  // vintage; 0 = unknown
};

struct CsvOptions {
    // Region for rows when the file has no `region` column (or the cell is empty).
    std::string default_region;
    // Unit for rows when the file has no `unit` column (or the cell is empty).
    std::string default_unit;
};

class Observations;

// One series of the store read in place (Observations::series_view): the rows of
// one (key, region) in series order, each point built from the store's columns
// when it is read. No copy and no allocation, unlike series(); valid while the
// store lives and is not moved from.
class SeriesView {
  public:
    SeriesView() = default;
    std::size_t size() const noexcept { return rows_.size(); }
    bool empty() const noexcept { return rows_.empty(); }
    SeriesPoint operator[](std::size_t i) const noexcept;
    // The store's row of point i.
    std::size_t row(std::size_t i) const noexcept { return rows_[i]; }
    // The columns the points are read from, for loops over every point: point
    // i is row rows[i] of each. operator[] checks every optional column again
    // for each point, which loops that read whole series paid per point
    // (evaluate's point conversion, ~70 instructions a point, callgrind).
    struct Columns {
        const std::uint32_t* rows;
        const std::int64_t* year;
        const double* value;
        const std::int64_t* unit;       // null: no unit column (every code 0)
        const std::uint8_t* flags;      // null: no flags column (0)
        const std::int64_t* published;  // null: no vintage column (0, unknown)
    };
    Columns columns() const noexcept;

    class iterator {
      public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = SeriesPoint;
        using difference_type = std::ptrdiff_t;
        using reference = SeriesPoint;
        using pointer = void;
        iterator() = default;
        iterator(const SeriesView* v, std::size_t i) : v_(v), i_(i) {}
        SeriesPoint operator*() const noexcept { return (*v_)[i_]; }
        iterator& operator++() noexcept {
            ++i_;
            return *this;
        }
        iterator operator++(int) noexcept {
            auto old = *this;
            ++i_;
            return old;
        }
        bool operator==(const iterator& o) const noexcept { return i_ == o.i_; }

      private:
        const SeriesView* v_ = nullptr;
        std::size_t i_ = 0;
    };
    iterator begin() const noexcept { return {this, 0}; }
    iterator end() const noexcept { return {this, size()}; }

  private:
    friend class Observations;
    SeriesView(const Observations* obs, std::span<const std::uint32_t> rows) : obs_(obs), rows_(rows) {}
    const Observations* obs_ = nullptr;
    std::span<const std::uint32_t> rows_;
};

class Observations {
  public:
    Observations();  // empty

    // Takes the columns (numeric spans are read in place; `keepalive` keeps
    // their memory alive for the life of the store). Validates every row.
    // Throws DataError (NaN/inf without the missing flag, bad year, code out of
    // range, duplicate or conflicting key) or UnitError (unit not parseable),
    // both naming the row(s).
    static Observations from_columns(ObservationColumns columns, std::shared_ptr<const void> keepalive = {});

    // Rows built in code; errors name "<origin> row <i>".
    static Observations from_rows(const std::vector<ObservationRow>& rows, std::string origin = "rows");

    // CSV with a header row. Columns (any order, names case-insensitive):
    // `indicator` (or `key`, `code`), `year`, `value` required; `region`,
    // `unit`, `source`, `flags`, `published` optional; unknown columns are ignored. An empty
    // value is allowed only with the `missing` flag. Errors name file and line.
    static Observations from_csv(const std::filesystem::path& path, const CsvOptions& options = {});
    static Observations from_csv_text(std::string_view text, std::string_view name = "<csv>",
                                      const CsvOptions& options = {});

    std::size_t size() const noexcept { return value_.size(); }
    bool empty() const noexcept { return size() == 0; }

    const std::vector<std::string>& key_names() const noexcept { return cols_.key_names; }
    const std::vector<std::string>& region_names() const noexcept { return cols_.region_names; }
    const std::vector<std::string>& unit_names() const noexcept { return cols_.unit_names; }
    const std::vector<std::string>& source_names() const noexcept { return cols_.source_names; }
    // The parsed unit of a unit code; none when the unit is unknown ("").
    const std::optional<Unit>& unit(std::int64_t code) const { return units_.at(static_cast<std::size_t>(code)); }

    std::optional<std::int64_t> key_code(std::string_view key) const;
    // The same, comparing the key at code `hint` first (the code after the last
    // key found, say: a store's keys are coded in the order its rows name them,
    // and plans ask for them in about that order). Same answers as key_code(key).
    std::optional<std::int64_t> key_code(std::string_view key, std::size_t hint) const;
    // key_code() of many keys at once: out[i] is the code of keys[i], -1 when no
    // row has it. The slots of a large store's index are
    // read a few keys ahead, so those reads overlap instead of waiting one by one
    // (once per plan indicator and key on the explained path). Same answers.
    void key_codes(std::span<const std::string_view> keys, std::span<std::int64_t> out) const;
    std::optional<std::int64_t> region_code(std::string_view region) const;

    // The numeric columns, in row order (borrowed memory when built from views).
    std::span<const std::int64_t> years() const noexcept { return year_; }
    std::span<const double> values() const noexcept { return value_; }

    // Row accessors.
    std::string_view key(std::size_t row) const;
    std::string_view region(std::size_t row) const;
    std::int64_t year(std::size_t row) const { return year_[row]; }
    double value(std::size_t row) const { return value_[row]; }
    std::int64_t unit_code(std::size_t row) const { return cols_.unit.empty() ? 0 : cols_.unit[row]; }
    std::string_view source(std::size_t row) const;
    std::uint8_t flags(std::size_t row) const { return cols_.flags.empty() ? 0 : cols_.flags[row]; }
    std::int64_t published(std::size_t row) const { return cols_.published.empty() ? 0 : cols_.published[row]; }
    // "file.csv:12" or "observations row 11".
    std::string row_name(std::size_t row) const;

    // The series of (key, region), oldest first (vintages of a year oldest
    // first), superseded rows excluded.
    // Empty when there is none.
    std::vector<SeriesPoint> series(std::int64_t key, std::int64_t region) const;
    std::vector<SeriesPoint> series(std::string_view key, std::string_view region) const;
    // The same points read in place (no copy): what evaluation uses per target.
    SeriesView series_view(std::int64_t key, std::int64_t region) const noexcept;
    // Regions that have a series for `key`.
    std::vector<std::string> regions_of(std::string_view key) const;
    // Latest year of any usable row (0 when empty).
    std::int64_t max_year() const noexcept { return max_year_; }

  private:
    void check_and_index();
    std::int64_t region_at(std::size_t row) const { return cols_.region.empty() ? 0 : cols_.region[row]; }

    ObservationColumns cols_;
    std::span<const std::int64_t> year_;
    std::span<const double> value_;
    std::shared_ptr<const void> keepalive_;
    std::vector<std::optional<Unit>> units_;
    // Looked up by string_view without building a std::string (once per target and key).
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    using TextIndex = std::unordered_map<std::string, std::int64_t, TextHash, std::equal_to<>>;
    TextIndex region_index_;
    // Key → code: open addressing over the key names, one 64-bit slot per entry
    // holding a hash tag and the code (src/evaluate/text_index.hpp, TextSlots).
    // Not a std::unordered_map: it re-hashed neighbouring keys on every probe (its
    // hash is not cached) and a node per key put each lookup out of cache.
    std::vector<std::uint64_t> key_slots_;
    bool keys_distinct_ = true;
    struct KeyName {
        const std::vector<std::string>* names;
        std::string_view operator()(std::size_t code) const { return (*names)[code]; }
    };
    KeyName key_name() const noexcept { return {&cols_.key_names}; }
    // Usable rows sorted by (key, region, year). Each series is a run of
    // order_: series_[key_first_[k] .. key_first_[k + 1]) are key k's series,
    // by region, each [begin, end) in order_. Found by indexing, not hashing:
    // a series lookup is per target on the explained path.
    struct SeriesRun {
        std::int64_t region;
        std::uint32_t begin, end;
    };
    std::vector<std::uint32_t> order_;
    std::vector<std::uint32_t> key_first_;  // key_names().size() + 1 entries
    std::vector<SeriesRun> series_;
    std::int64_t max_year_ = 0;
    friend class SeriesView;
};

inline SeriesView::Columns SeriesView::columns() const noexcept {
    const auto& c = obs_->cols_;
    return {rows_.data(),
            obs_->year_.data(),
            obs_->value_.data(),
            c.unit.empty() ? nullptr : c.unit.data(),
            c.flags.empty() ? nullptr : c.flags.data(),
            c.published.empty() ? nullptr : c.published.data()};
}

inline SeriesPoint SeriesView::operator[](std::size_t i) const noexcept {
    const std::size_t r = rows_[i];
    return {obs_->year_[r], obs_->value_[r], obs_->unit_code(r), obs_->flags(r), obs_->published(r), r};
}

HEALTHPLAN_END_NAMESPACE
