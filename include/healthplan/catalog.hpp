// A canonical indicator catalog and the matcher that maps the names plans
// write onto its codes.
//
// Plans name the same indicator many ways ("15岁以上人群吸烟率", "成人吸烟率",
// "全市居民健康素养水平(%)"); comparing plans needs one code per indicator.
// The matcher tries, in order: the exact name, a registered alias, the
// normalised name (qualifiers, width, unit suffixes and 率/水平 endings
// removed) and finally character-bigram similarity. The fuzzy step is
// guarded: two names whose age, population or disease qualifiers differ
// ("婴儿死亡率" / "5岁以下儿童死亡率") never match fuzzily, because a wrong
// match is worse than none — unmatched names are listed for review instead.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "healthplan/config.hpp"
#include "healthplan/indicator.hpp"
#include "healthplan/target.hpp"
#include "healthplan/units.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// A national target for one catalog indicator at one year, with its source.
struct CatalogTarget {
    int year = 0;
    TargetKind kind = TargetKind::level;
    // The comparator as stated; none when the source gives a bare number
    // (a table cell), in which case the indicator's direction tells which
    // side is better.
    std::optional<Comparator> comparator;
    std::optional<double> value;  // none for trend and milestone targets
    Unit unit;                    // the entry's unit unless stated otherwise
    std::string text;             // as written in the source ("≥22", "持续减缓")
    std::string source;           // a source id of the catalog ("S01")
    std::string note;
};

struct CatalogBaseline {
    std::optional<int> year;
    double value = 0;
    std::string text;
    std::string source;
};

struct CatalogEntry {
    std::string code;    // stable: "HC04-01"
    std::string name;    // canonical name
    int action_no = 0;   // 健康中国行动 action number (0 = overall / 考核指标)
    std::string action;  // "控烟行动"
    Unit unit;
    Direction direction = Direction::unknown;
    Nature nature = Nature::unspecified;
    std::vector<std::string> aliases;
    std::optional<CatalogBaseline> baseline;
    std::vector<CatalogTarget> targets;
    std::string source;  // for entries without targets: where the name comes from
    std::string note;

    // The national target for `year`, if the catalog has one.
    const CatalogTarget* target_for(int year) const noexcept;
};

struct CatalogSource {
    std::string id;
    std::string url;
    std::string title;
};

enum class MatchReason { none, exact, alias, normalized, fuzzy };
std::string_view to_string(MatchReason);
std::span<const EnumName<MatchReason>> enum_names(MatchReason);

struct IndicatorMatch {
    std::string name;       // the name that was looked up
    std::string code;       // empty when unmatched
    double confidence = 0;  // 1 exact, 0.95 alias, 0.9 normalised, < 0.85 fuzzy
    MatchReason reason = MatchReason::none;
    std::string matched;  // the catalog name or alias it matched
    // Why: "alias of 15岁以上人群吸烟率", "normalised: 居民健康素养",
    // "bigram Dice 0.73", or for unmatched names the best rejected
    // candidate and why it was rejected.
    std::string detail;

    bool matched_ok() const noexcept { return !code.empty(); }
};

struct MatchOptions {
    // Minimum character-bigram Dice coefficient of the normalised names for
    // a fuzzy match. 0.7 separates rewordings from different indicators on
    // the bundled plans; see docs/comparison.md.
    double fuzzy_threshold = 0.7;
    bool fuzzy = true;
};

class Catalog {
  public:
    Catalog() = default;

    // Reads the catalog JSON format (see python/healthplan/data/catalog/README.md).
    // A document may hold "indicators" (whole entries) and/or "aliases"
    // ({"HC04-01": ["控烟率"]}, added to existing entries). Errors are
    // SchemaError / UnitError naming `source_name` and the JSON pointer.
    static Catalog from_json(std::string_view text, std::string_view source_name = "catalog");
    static Catalog load(const std::filesystem::path& path);

    // Adds another catalog's entries, sources and aliases. An entry whose
    // code already exists replaces the old one; aliases are appended.
    void merge(const Catalog& other);
    // Throws ValidationError("catalog.unknown_code") when `code` is not in the catalog.
    void add_alias(std::string_view code, std::string alias);
    void add_entry(CatalogEntry entry);

    const std::vector<CatalogEntry>& entries() const noexcept { return entries_; }
    const std::vector<CatalogSource>& sources() const noexcept { return sources_; }
    const CatalogEntry* find(std::string_view code) const noexcept;
    const CatalogSource* find_source(std::string_view id) const noexcept;
    const std::string& name() const noexcept { return name_; }
    std::size_t size() const noexcept { return entries_.size(); }

    IndicatorMatch match(std::string_view indicator_name, const MatchOptions& options = {}) const;

  private:
    // One searchable spelling: a canonical name or an alias, pre-normalised.
    struct Spelling {
        std::string text;
        std::string normalized;
        std::vector<std::string> qualifiers;
        std::vector<std::uint64_t> bigrams;  // sorted, for the fuzzy step
        std::size_t entry = 0;
        bool alias = false;
    };
    void reindex();

    std::string name_;
    std::vector<CatalogEntry> entries_;
    std::vector<CatalogSource> sources_;
    // Aliases read for codes this catalog does not hold (an alias-only file);
    // applied when merged into a catalog that has them.
    std::vector<std::pair<std::string, std::string>> pending_aliases_;
    std::vector<Spelling> index_;
};

// The normalised form used for matching: full-width ASCII folded to
// half-width, traditional characters to simplified (OpenCC's table),
// punctuation and spaces removed, 及以上/及以下 folded to 以上/以下, a
// trailing unit in brackets ("(%)", "(1/10万)") dropped, place and
// population qualifiers (全市, 全区, 城乡, 居民, 全国, 我市 ...) and the
// particle 的 removed, and a trailing 率 or 水平 dropped.
std::string normalize_indicator_name(std::string_view name);

// Character-bigram Dice coefficient of two UTF-8 strings, in [0, 1].
double bigram_dice(std::string_view a, std::string_view b);

// The qualifiers that make two indicators different even when their names
// are similar: numbers (ages, "5年"), population words (婴儿, 儿童, 孕产妇,
// 老年人, 学生 ...) and disease words (高血压, 糖尿病 ...), in order of
// appearance. A fuzzy match requires the two names to have the same ones.
std::vector<std::string> indicator_qualifiers(std::string_view name);

HEALTHPLAN_END_NAMESPACE
