// Private: builds an Observations store row by row into columns it owns.
//
// The row-list and CSV sources both go through this, so names are interned
// one way and the store's spans always point into one owner kept alive with it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "healthplan/observations.hpp"

HEALTHPLAN_BEGIN_NAMESPACE
namespace detail::observations {

class ColumnBuilder {
  public:
    explicit ColumnBuilder(std::string origin) : owned_(std::make_shared<Owned>()) {
        columns_.origin = std::move(origin);
        intern(sources_, columns_.source_names, "");  // code 0: no source
    }

    void add(const std::string& key, const std::string& region, std::int64_t year, double value,
             const std::string& unit, const std::string& source, std::uint8_t flags, std::int64_t published) {
        owned_->key.push_back(intern(keys_, columns_.key_names, key));
        owned_->region.push_back(intern(regions_, columns_.region_names, region));
        owned_->year.push_back(year);
        owned_->value.push_back(value);
        owned_->unit.push_back(intern(units_, columns_.unit_names, unit));
        owned_->source.push_back(intern(sources_, columns_.source_names, source));
        owned_->flags.push_back(flags);
        owned_->published.push_back(published);
    }

    // Line numbers of the rows, for error messages (CSV).
    void add_line(std::int64_t line) { columns_.lines.push_back(line); }

    // Hands the columns to the store; `with_published` false leaves the
    // optional vintage column out (the source had none).
    Observations finish(bool with_published = true) {
        columns_.key = owned_->key;
        columns_.region = owned_->region;
        columns_.year = owned_->year;
        columns_.value = owned_->value;
        columns_.unit = owned_->unit;
        columns_.source = owned_->source;
        columns_.flags = owned_->flags;
        if (with_published) columns_.published = owned_->published;
        return Observations::from_columns(std::move(columns_), owned_);
    }

  private:
    struct Owned {
        std::vector<std::int64_t> key, region, year, unit, source, published;
        std::vector<double> value;
        std::vector<std::uint8_t> flags;
    };
    using Index = std::unordered_map<std::string, std::int64_t>;

    static std::int64_t intern(Index& index, std::vector<std::string>& names, const std::string& s) {
        auto [it, inserted] = index.emplace(s, static_cast<std::int64_t>(names.size()));
        if (inserted) names.push_back(s);
        return it->second;
    }

    std::shared_ptr<Owned> owned_;
    ObservationColumns columns_;
    Index keys_, regions_, units_, sources_;
};

}  // namespace detail::observations
HEALTHPLAN_END_NAMESPACE
