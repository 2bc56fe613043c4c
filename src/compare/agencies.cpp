// Agency normalisation: place, level, expanded core, department kind.
#include "healthplan/agencies.hpp"

#include <algorithm>

#include "compare/agencies_tables.hpp"
#include "text/utf8.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

using detail::ends_with;
using detail::starts_with;

std::string fold(std::string_view name) {
    std::u32string out;
    for (char32_t cp : detail::utf8_decode(name)) {
        cp = detail::fold_width(cp);
        if (cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r') continue;
        out.push_back(cp);
    }
    return detail::utf8_encode(out);
}

// True when `s` begins with a department keyword or short form, so a
// leading 市/区/乡 belongs to the word (市场监督管理局, 乡政府), not a level.
bool starts_with_keyword(std::string_view s) {
    for (const auto& row : detail::kind_rows())
        for (const auto& k : row.keywords)
            if (starts_with(s, k)) return true;
    for (const auto& [short_form, full] : detail::short_form_rows())
        if (starts_with(s, short_form)) return true;
    return false;
}

// The level a place name carries by its suffix ("乌海市" → "市").
std::string level_of_place(std::string_view place) {
    for (const auto& level : detail::level_rows())
        if (ends_with(place, level) && place.size() > level.size()) return level;
    return {};
}

std::string expand_short_forms(std::string core) {
    for (const auto& [short_form, full] : detail::short_form_rows()) {
        if (ends_with(core, short_form) && !ends_with(core, full)) {
            core.replace(core.size() - short_form.size(), short_form.size(), full);
            break;
        }
    }
    // 团市委 / 团区委: the youth league committee of that level.
    for (const auto& level : detail::level_rows()) {
        const std::string short_form = "团" + level + "委";
        if (core == short_form) return "共青团" + level + "委员会";
    }
    return core;
}

std::string classify(std::string_view core) {
    std::size_t best_pos = std::string_view::npos;
    std::size_t best_len = 0;
    const detail::KindRow* best = nullptr;
    for (const auto& row : detail::kind_rows()) {
        for (const auto& k : row.keywords) {
            const auto pos = core.find(k);
            if (pos == std::string_view::npos) continue;
            // Earliest keyword wins (文化体育… is culture first); on a tie the
            // longer one (科学技术协会 over 科学技术).
            if (pos < best_pos || (pos == best_pos && k.size() > best_len)) {
                best_pos = pos;
                best_len = k.size();
                best = &row;
            }
        }
    }
    return best ? best->id : std::string("other");
}

}  // namespace

NormalizedAgency normalize_agency(std::string_view name, const std::vector<std::string>& places) {
    NormalizedAgency out;
    out.as_written = std::string(name);
    std::string s = fold(name);
    for (std::string_view party : {std::string_view("中国共产党"), std::string_view("中共")})
        if (starts_with(s, party)) s.erase(0, party.size());

    // Known places, longest first so 克拉玛依区 is not cut as 克拉玛依 + 区.
    std::vector<std::string> known = places;
    known.insert(known.end(), detail::place_rows().begin(), detail::place_rows().end());
    std::sort(known.begin(), known.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    for (const auto& place : known) {
        if (place.empty()) continue;
        if (starts_with(s, place)) {
            out.place = place;
            out.level = level_of_place(place);
            s.erase(0, place.size());
            break;
        }
        // A place inside the name (共青团乌海市委员会) stands for its level.
        if (const auto pos = s.find(place); pos != std::string::npos) {
            out.place = place;
            s.replace(pos, place.size(), level_of_place(place));
            break;
        }
        // The bare place without its suffix (乌海海关, 乌海日报社).
        const std::string level = level_of_place(place);
        const std::string bare = place.substr(0, place.size() - level.size());
        if (!level.empty() && bare.size() >= 6 && starts_with(s, bare) && s.size() > bare.size()) {
            out.place = place;
            s.erase(0, bare.size());
            break;
        }
    }
    if (out.level.empty()) {
        for (const auto& level : detail::level_rows()) {
            if (starts_with(s, level) && s.size() > level.size() && !starts_with_keyword(s)) {
                out.level = level;
                s.erase(0, level.size());
                break;
            }
        }
    }
    out.core = expand_short_forms(s);
    out.kind = classify(out.core);
    out.canonical = out.level + out.core;
    return out;
}

const std::vector<DepartmentKind>& department_kinds() {
    static const std::vector<DepartmentKind> kinds = [] {
        std::vector<DepartmentKind> v;
        for (const auto& row : detail::kind_rows()) v.push_back({row.id, row.label, row.label_zh});
        return v;
    }();
    return kinds;
}

const DepartmentKind& department_kind(std::string_view id) {
    const auto& kinds = department_kinds();
    for (const auto& k : kinds)
        if (k.id == id) return k;
    return kinds.back();  // "other"
}

const std::vector<std::pair<std::string, std::string>>& agency_short_forms() { return detail::short_form_rows(); }

HEALTHPLAN_END_NAMESPACE
