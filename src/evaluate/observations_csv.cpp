// Observations from CSV (RFC 4180: quoted fields, "" escapes, line breaks in quotes).
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "evaluate/observations_builder.hpp"
#include "healthplan/error.hpp"
#include "healthplan/files.hpp"
#include "healthplan/observations.hpp"
#include "healthplan/text.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

struct Record {
    std::int64_t line = 0;
    std::vector<std::string> fields;
};

// Splits the whole text into records; throws ParseError on an unterminated quote.
std::vector<Record> split_csv(std::string_view text, std::string_view name) {
    std::vector<Record> out;
    std::size_t i = 0;
    std::int64_t line = 1;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // UTF-8 byte-order mark
    while (i < text.size()) {
        Record rec;
        rec.line = line;
        std::string field;
        bool in_quotes = false, ended = false;
        while (i < text.size() && !ended) {
            const char ch = text[i];
            if (in_quotes) {
                if (ch == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    in_quotes = false;
                } else {
                    if (ch == '\n') ++line;
                    field += ch;
                }
                ++i;
            } else if (ch == '"' && field.empty()) {
                in_quotes = true;
                ++i;
            } else if (ch == ',') {
                rec.fields.push_back(std::move(field));
                field.clear();
                ++i;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
                ++i;
                ++line;
                ended = true;
            } else {
                field += ch;
                ++i;
            }
        }
        if (in_quotes) {
            throw ParseError("csv.quote", "unterminated quoted field",
                             std::string(name) + ":" + std::to_string(rec.line));
        }
        rec.fields.push_back(std::move(field));
        const bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
        if (!blank) out.push_back(std::move(rec));
    }
    return out;
}

std::string lower_trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    std::string out(s.substr(b, e - b));
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

// A plain decimal ("12.5", "-3", "1e3"), NaN for anything else. strtod alone
// would also take hexadecimal ("0x1A"), "inf", "nan(…)" and leading blanks;
// a statistics table means none of those. (from_chars<double> is not in every libstdc++.)
double parse_decimal(const std::string& s) {
    const bool decimal_chars = !s.empty() && s.find_first_not_of("0123456789+-.eE") == std::string::npos &&
                               s.find_first_of("0123456789") != std::string::npos;
    if (!decimal_chars) return std::numeric_limits<double>::quiet_NaN();
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    return end == s.c_str() + s.size() ? v : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

Observations Observations::from_csv_text(std::string_view text, std::string_view name, const CsvOptions& options) {
    require_utf8(text, name);
    const std::vector<Record> records = split_csv(text, name);
    const std::string file(name);
    if (records.empty()) throw DataError("csv.empty", "no header row", file);

    const auto& header = records[0].fields;
    int c_key = -1, c_region = -1, c_year = -1, c_value = -1, c_unit = -1, c_source = -1, c_flags = -1, c_pub = -1;
    std::set<std::string> seen_columns;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string h = lower_trim(header[i]);
        // Two columns of one name: which one holds the data is a guess, so refuse.
        if (!h.empty() && !seen_columns.insert(h).second)
            throw SchemaError("csv.column", "column '" + h + "' appears twice",
                              file + ":" + std::to_string(records[0].line));
        const int idx = static_cast<int>(i);
        if ((h == "indicator" || h == "key" || h == "code") && c_key < 0)
            c_key = idx;
        else if (h == "region")
            c_region = idx;
        else if (h == "year")
            c_year = idx;
        else if (h == "value")
            c_value = idx;
        else if (h == "unit")
            c_unit = idx;
        else if (h == "source")
            c_source = idx;
        else if (h == "flags" || h == "flag")
            c_flags = idx;
        else if (h == "published" || h == "vintage")
            c_pub = idx;
    }
    const std::string head_where = file + ":" + std::to_string(records[0].line);
    if (c_key < 0) throw SchemaError("csv.column", "missing column 'indicator' (or 'key')", head_where);
    if (c_year < 0) throw SchemaError("csv.column", "missing column 'year'", head_where);
    if (c_value < 0) throw SchemaError("csv.column", "missing column 'value'", head_where);

    detail::observations::ColumnBuilder builder(file);
    for (std::size_t r = 1; r < records.size(); ++r) {
        const Record& rec = records[r];
        const std::string where = file + ":" + std::to_string(rec.line);
        if (rec.fields.size() != header.size()) {
            throw ParseError(
                "csv.fields",
                "row has " + std::to_string(rec.fields.size()) + " fields, header has " + std::to_string(header.size()),
                where);
        }
        auto cell = [&](int col) { return col < 0 ? std::string() : trim(rec.fields[static_cast<std::size_t>(col)]); };
        const std::string key = cell(c_key);
        if (key.empty()) throw DataError("csv.key", "empty indicator", where);
        std::string region = cell(c_region);
        if (region.empty()) region = options.default_region;
        std::string unit = cell(c_unit);
        if (unit.empty()) unit = options.default_unit;
        std::uint8_t flags = 0;
        try {
            flags = parse_flags(cell(c_flags));
        } catch (const DataError& e) {
            throw DataError(e.id(), e.message(), where);
        }

        const std::string ys = cell(c_year);
        std::int64_t year = 0;
        auto [yp, yec] = std::from_chars(ys.data(), ys.data() + ys.size(), year);
        if (yec != std::errc() || yp != ys.data() + ys.size()) {
            throw DataError("csv.year", "year '" + ys + "' is not an integer", where);
        }
        std::int64_t published = 0;
        if (const std::string ps = cell(c_pub); !ps.empty()) {
            auto [pp, pec] = std::from_chars(ps.data(), ps.data() + ps.size(), published);
            if (pec != std::errc() || pp != ps.data() + ps.size())
                throw DataError("csv.published", "published year '" + ps + "' is not an integer", where);
        }
        const std::string vs = cell(c_value);
        double value = std::numeric_limits<double>::quiet_NaN();
        if (vs.empty() || vs == "NA" || vs == "NaN" || vs == "nan") {
            if (!(flags & flag_missing)) {
                throw DataError("observations.nan", "empty value; flag the row 'missing' if the value is unavailable",
                                where);
            }
        } else {
            value = parse_decimal(vs);
            if (std::isnan(value)) throw DataError("csv.value", "value '" + vs + "' is not a decimal number", where);
            if (!std::isfinite(value)) throw DataError("csv.value", "value '" + vs + "' is not finite", where);
        }
        builder.add(key, region, year, value, unit, cell(c_source), flags, published);
        builder.add_line(rec.line);
    }
    return builder.finish(/*with_published=*/c_pub >= 0);
}

Observations Observations::from_csv(const std::filesystem::path& path, const CsvOptions& options) {
    return from_csv_text(read_file(path), path.string(), options);
}

HEALTHPLAN_END_NAMESPACE
