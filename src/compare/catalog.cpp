// The indicator catalog: reading its JSON form, merging user additions, and
// matching plan indicator names onto catalog codes.
#include "healthplan/catalog.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>

#include "healthplan/error.hpp"
#include "healthplan/files.hpp"
#include "text/utf8.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

using nlohmann::json;

constexpr std::string_view kSchema = "healthplan.catalog";
constexpr int kCatalogVersion = 1;

// Reads one JSON document, failing with a SchemaError that names the place.
class Reader {
  public:
    explicit Reader(std::string source) : source_(std::move(source)) {}

    [[noreturn]] void fail(const std::string& pointer, const std::string& message,
                           const char* id = "catalog.schema") const {
        throw SchemaError(id, message, source_ + ":" + (pointer.empty() ? "/" : pointer));
    }

    const json& require(const json& obj, const char* key, const std::string& ptr) const {
        auto it = obj.find(key);
        if (it == obj.end()) fail(ptr, std::string("missing field '") + key + "'");
        return *it;
    }

    std::string string(const json& v, const std::string& ptr) const {
        if (!v.is_string()) fail(ptr, "expected a string, got " + std::string(v.type_name()));
        return v.get<std::string>();
    }

    std::string opt_string(const json& obj, const char* key, const std::string& ptr) const {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return {};
        return string(*it, ptr + "/" + key);
    }

    std::optional<double> opt_number(const json& obj, const char* key, const std::string& ptr) const {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return std::nullopt;
        if (!it->is_number()) fail(ptr + "/" + key, "expected a number or null, got " + std::string(it->type_name()));
        const double v = it->get<double>();
        if (!std::isfinite(v)) fail(ptr + "/" + key, "expected a finite number");
        return v;
    }

    std::optional<int> opt_int(const json& obj, const char* key, const std::string& ptr) const {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return std::nullopt;
        if (!it->is_number_integer()) fail(ptr + "/" + key, "expected an integer, got " + std::string(it->type_name()));
        return it->get<int>();
    }

    void object(const json& v, const std::string& ptr, std::initializer_list<std::string_view> allowed) const {
        if (!v.is_object()) fail(ptr, "expected an object, got " + std::string(v.type_name()));
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
                fail(ptr + "/" + it.key(), "unknown field '" + it.key() + "'", "catalog.unknown_field");
        }
    }

    // Runs a parse_* function of the model, re-raising its error at `ptr`.
    template <class F>
    auto parse_enum(F&& f, const std::string& text, const std::string& ptr) const {
        try {
            return f(text);
        } catch (const Error& e) {
            throw SchemaError(e.id(), e.message(), source_ + ":" + ptr);
        }
    }

    Unit unit(const std::string& text, const std::string& ptr) const {
        try {
            return Unit::parse(text);
        } catch (const Error& e) {
            throw UnitError(e.id(), e.message(), source_ + ":" + ptr);
        }
    }

  private:
    std::string source_;
};

CatalogTarget read_target(const Reader& r, const json& v, const std::string& ptr, const Unit& entry_unit) {
    r.object(v, ptr, {"year", "kind", "op", "value", "unit", "text", "source", "note"});
    CatalogTarget t;
    const auto year = r.opt_int(v, "year", ptr);
    if (!year) r.fail(ptr, "missing field 'year'");
    if (*year < 1949 || *year > 2100) r.fail(ptr + "/year", "year " + std::to_string(*year) + " is out of range");
    t.year = *year;
    const std::string kind = r.opt_string(v, "kind", ptr);
    t.kind = kind.empty() ? TargetKind::level : r.parse_enum(parse_target_kind, kind, ptr + "/kind");
    const std::string op = r.opt_string(v, "op", ptr);
    if (!op.empty()) t.comparator = r.parse_enum(parse_comparator, op, ptr + "/op");
    t.value = r.opt_number(v, "value", ptr);
    const std::string unit = r.opt_string(v, "unit", ptr);
    t.unit = unit.empty() ? entry_unit : r.unit(unit, ptr + "/unit");
    t.text = r.opt_string(v, "text", ptr);
    t.source = r.opt_string(v, "source", ptr);
    t.note = r.opt_string(v, "note", ptr);
    if ((t.kind == TargetKind::level || t.kind == TargetKind::rate || t.kind == TargetKind::change) && !t.value)
        r.fail(ptr + "/value", "a " + std::string(to_string(t.kind)) + " target needs a value");
    return t;
}

CatalogEntry read_entry(const Reader& r, const json& v, const std::string& ptr) {
    r.object(v, ptr,
             {"code", "name", "action_no", "action", "unit", "direction", "nature", "aliases", "baseline", "targets",
              "source", "note"});
    CatalogEntry e;
    e.code = r.string(r.require(v, "code", ptr), ptr + "/code");
    if (e.code.empty()) r.fail(ptr + "/code", "empty code");
    e.name = r.string(r.require(v, "name", ptr), ptr + "/name");
    if (e.name.empty()) r.fail(ptr + "/name", "empty name");
    e.action_no = r.opt_int(v, "action_no", ptr).value_or(0);
    e.action = r.opt_string(v, "action", ptr);
    e.unit = r.unit(r.opt_string(v, "unit", ptr), ptr + "/unit");
    const std::string dir = r.opt_string(v, "direction", ptr);
    e.direction = dir.empty() ? Direction::unknown : r.parse_enum(parse_direction, dir, ptr + "/direction");
    e.nature = r.parse_enum(parse_nature, r.opt_string(v, "nature", ptr), ptr + "/nature");
    if (auto it = v.find("aliases"); it != v.end() && !it->is_null()) {
        if (!it->is_array()) r.fail(ptr + "/aliases", "expected an array of strings");
        for (std::size_t i = 0; i < it->size(); ++i)
            e.aliases.push_back(r.string((*it)[i], ptr + "/aliases/" + std::to_string(i)));
    }
    if (auto it = v.find("baseline"); it != v.end() && !it->is_null()) {
        const std::string bp = ptr + "/baseline";
        r.object(*it, bp, {"year", "value", "text", "source", "note"});
        CatalogBaseline b;
        b.year = r.opt_int(*it, "year", bp);
        const auto value = r.opt_number(*it, "value", bp);
        if (!value) r.fail(bp + "/value", "a baseline needs a value");
        b.value = *value;
        b.text = r.opt_string(*it, "text", bp);
        b.source = r.opt_string(*it, "source", bp);
        e.baseline = b;
    }
    if (auto it = v.find("targets"); it != v.end() && !it->is_null()) {
        if (!it->is_array()) r.fail(ptr + "/targets", "expected an array");
        for (std::size_t i = 0; i < it->size(); ++i)
            e.targets.push_back(read_target(r, (*it)[i], ptr + "/targets/" + std::to_string(i), e.unit));
    }
    e.source = r.opt_string(v, "source", ptr);
    e.note = r.opt_string(v, "note", ptr);
    return e;
}

}  // namespace

namespace {
constexpr EnumName<MatchReason> kMatchReasons[] = {{MatchReason::none, "none", "none"},
                                                   {MatchReason::exact, "exact", "exact"},
                                                   {MatchReason::alias, "alias", "alias"},
                                                   {MatchReason::normalized, "normalized", "normalized"},
                                                   {MatchReason::fuzzy, "fuzzy", "fuzzy"}};
}  // namespace

std::span<const EnumName<MatchReason>> enum_names(MatchReason) { return kMatchReasons; }
std::string_view to_string(MatchReason r) { return enum_text<MatchReason>(kMatchReasons, r, "none"); }

const CatalogTarget* CatalogEntry::target_for(int year) const noexcept {
    for (const auto& t : targets)
        if (t.year == year) return &t;
    return nullptr;
}

Catalog Catalog::from_json(std::string_view text, std::string_view source_name) {
    const Reader r{std::string(source_name)};
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error& e) {
        throw ParseError("json.syntax", e.what(), std::string(source_name) + ": byte " + std::to_string(e.byte));
    }
    r.object(doc, "", {"schema", "version", "name", "description", "sources", "indicators", "aliases"});
    if (const std::string schema = r.opt_string(doc, "schema", ""); !schema.empty() && schema != kSchema)
        r.fail("/schema", "expected schema '" + std::string(kSchema) + "', got '" + schema + "'");
    if (const auto version = r.opt_int(doc, "version", ""); version && (*version < 1 || *version > kCatalogVersion))
        r.fail("/version", "unsupported catalog version " + std::to_string(*version) + " (this library reads up to " +
                               std::to_string(kCatalogVersion) + ")");

    Catalog c;
    c.name_ = r.opt_string(doc, "name", "");
    if (auto it = doc.find("sources"); it != doc.end() && !it->is_null()) {
        if (!it->is_object()) r.fail("/sources", "expected an object of source ids");
        for (auto s = it->begin(); s != it->end(); ++s) {
            const std::string sp = "/sources/" + s.key();
            r.object(s.value(), sp, {"url", "title"});
            c.sources_.push_back({s.key(), r.opt_string(s.value(), "url", sp), r.opt_string(s.value(), "title", sp)});
        }
    }
    if (auto it = doc.find("indicators"); it != doc.end() && !it->is_null()) {
        if (!it->is_array()) r.fail("/indicators", "expected an array");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string ptr = "/indicators/" + std::to_string(i);
            CatalogEntry e = read_entry(r, (*it)[i], ptr);
            if (c.find(e.code)) r.fail(ptr + "/code", "duplicate code '" + e.code + "'", "catalog.duplicate_code");
            for (const auto& t : e.targets) {
                if (!t.source.empty() && !c.sources_.empty() && !c.find_source(t.source))
                    r.fail(ptr + "/targets", "unknown source id '" + t.source + "'", "catalog.unknown_source");
            }
            c.entries_.push_back(std::move(e));
        }
    }
    if (auto it = doc.find("aliases"); it != doc.end() && !it->is_null()) {
        if (!it->is_object()) r.fail("/aliases", "expected an object {code: [alias, ...]}");
        for (auto a = it->begin(); a != it->end(); ++a) {
            const std::string ap = "/aliases/" + a.key();
            if (!a.value().is_array()) r.fail(ap, "expected an array of strings");
            for (std::size_t i = 0; i < a.value().size(); ++i) {
                std::string alias = r.string(a.value()[i], ap + "/" + std::to_string(i));
                auto e = std::find_if(c.entries_.begin(), c.entries_.end(),
                                      [&](const CatalogEntry& x) { return x.code == a.key(); });
                if (e != c.entries_.end())
                    e->aliases.push_back(std::move(alias));
                else
                    c.pending_aliases_.emplace_back(a.key(), std::move(alias));
            }
        }
    }
    c.reindex();
    return c;
}

Catalog Catalog::load(const std::filesystem::path& path) { return from_json(read_file(path), path.string()); }

void Catalog::merge(const Catalog& other) {
    for (const auto& s : other.sources_) {
        auto it = std::find_if(sources_.begin(), sources_.end(), [&](const auto& x) { return x.id == s.id; });
        if (it == sources_.end())
            sources_.push_back(s);
        else
            *it = s;
    }
    for (const auto& e : other.entries_) {
        auto it = std::find_if(entries_.begin(), entries_.end(), [&](const auto& x) { return x.code == e.code; });
        if (it == entries_.end())
            entries_.push_back(e);
        else
            *it = e;
    }
    for (const auto& pending : other.pending_aliases_) {
        // Named members, not a structured binding: Clang < 16 cannot capture bindings in a lambda.
        const std::string& code = pending.first;
        const std::string& alias = pending.second;
        auto it = std::find_if(entries_.begin(), entries_.end(), [&](const auto& x) { return x.code == code; });
        if (it == entries_.end())
            throw ValidationError("catalog.unknown_code", "alias '" + alias + "' names unknown code '" + code + "'",
                                  "aliases/" + code);
        it->aliases.push_back(alias);
    }
    if (name_.empty()) name_ = other.name_;
    reindex();
}

void Catalog::add_alias(std::string_view code, std::string alias) {
    auto it = std::find_if(entries_.begin(), entries_.end(), [&](const auto& x) { return x.code == code; });
    if (it == entries_.end())
        throw ValidationError("catalog.unknown_code", "no catalog entry with code '" + std::string(code) + "'",
                              std::string(code));
    if (detail::trim_ascii(alias).empty())
        throw ValidationError("catalog.empty_alias", "an alias must not be empty", std::string(code));
    it->aliases.push_back(std::move(alias));
    reindex();
}

void Catalog::add_entry(CatalogEntry entry) {
    if (entry.code.empty() || entry.name.empty())
        throw ValidationError("catalog.invalid_entry", "a catalog entry needs a code and a name", entry.code);
    auto it = std::find_if(entries_.begin(), entries_.end(), [&](const auto& x) { return x.code == entry.code; });
    if (it == entries_.end())
        entries_.push_back(std::move(entry));
    else
        *it = std::move(entry);
    reindex();
}

const CatalogEntry* Catalog::find(std::string_view code) const noexcept {
    for (const auto& e : entries_)
        if (e.code == code) return &e;
    return nullptr;
}

const CatalogSource* Catalog::find_source(std::string_view id) const noexcept {
    for (const auto& s : sources_)
        if (s.id == id) return &s;
    return nullptr;
}

void Catalog::reindex() {
    index_.clear();
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        auto add = [&](const std::string& text, bool alias) {
            std::string norm = normalize_indicator_name(text);
            auto keys = detail::bigram_keys(norm);
            index_.push_back({text, std::move(norm), indicator_qualifiers(text), std::move(keys), i, alias});
        };
        add(entries_[i].name, false);
        for (const auto& a : entries_[i].aliases) add(a, true);
    }
}

IndicatorMatch Catalog::match(std::string_view indicator_name, const MatchOptions& options) const {
    IndicatorMatch m;
    m.name = std::string(indicator_name);
    const std::string name = detail::trim_ascii(indicator_name);
    if (name.empty()) {
        m.detail = "empty name";
        return m;
    }
    auto accept = [&](const Spelling& s, MatchReason reason, double confidence, std::string detail) {
        m.code = entries_[s.entry].code;
        m.reason = reason;
        m.confidence = confidence;
        m.matched = s.text;
        m.detail = std::move(detail);
        return m;
    };
    // Exact and alias spellings win over everything; canonical names first.
    for (const auto& s : index_)
        if (!s.alias && s.text == name) return accept(s, MatchReason::exact, 1.0, "exact name");
    for (const auto& s : index_)
        if (s.alias && s.text == name) return accept(s, MatchReason::alias, 0.95, "alias of " + entries_[s.entry].name);

    const std::string norm = normalize_indicator_name(name);
    if (!norm.empty()) {
        for (const auto& s : index_)
            if (s.normalized == norm)
                return accept(s, MatchReason::normalized, 0.9,
                              "normalised '" + norm + "' equals " + (s.alias ? "alias " : "") + s.text);
    }

    // Fuzzy: best bigram Dice among spellings with the same qualifiers.
    const std::vector<std::string> quals = indicator_qualifiers(name);
    const Spelling* best = nullptr;
    double best_score = -1;
    const Spelling* blocked = nullptr;
    double blocked_score = -1;
    const auto keys = detail::bigram_keys(norm);
    for (const auto& s : index_) {
        const double d = norm == s.normalized ? 1.0 : detail::dice_of_keys(keys, s.bigrams);
        if (s.qualifiers == quals) {
            if (d > best_score) best = &s, best_score = d;
        } else if (d > blocked_score) {
            blocked = &s, blocked_score = d;
        }
    }
    auto join = [](const std::vector<std::string>& v) {
        std::string out = "[";
        for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
        return out + "]";
    };
    std::ostringstream score;
    score.precision(2);
    score << std::fixed << best_score;
    if (options.fuzzy && best && best_score >= options.fuzzy_threshold)
        return accept(*best, MatchReason::fuzzy, 0.85 * best_score,
                      "bigram Dice " + score.str() + " with " + best->text);

    // Unmatched: say what came closest and why it was rejected, for review.
    std::ostringstream why;
    why.precision(2);
    why << std::fixed;
    const bool closest_blocked = blocked && blocked_score > best_score;
    const Spelling* closest = closest_blocked ? blocked : best;
    const double closest_score = closest_blocked ? blocked_score : best_score;
    // Below 0.3 the "closest" name shares a word or two at most: noise for a reviewer.
    if (!closest || closest_score < 0.3) {
        why << "no similar catalog name";
    } else if (closest_blocked) {
        why << "closest " << closest->text << " (Dice " << closest_score << ") has other qualifiers: " << join(quals)
            << " vs " << join(closest->qualifiers);
    } else {
        why << "closest " << closest->text << " (Dice " << closest_score << " < " << options.fuzzy_threshold << ")";
        if (!options.fuzzy) why << "; fuzzy matching off";
    }
    m.detail = why.str();
    return m;
}

HEALTHPLAN_END_NAMESPACE
