// Extraction on arbitrary bytes: invalid UTF-8 must be a ParseError; valid
// text must give a plan whose strings are UTF-8, whose spans quote the text,
// which validates, and which round-trips through JSON.
#include "invariants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    healthplan::ExtractOptions options;
    options.validate = false;  // checked below, with a better message
    healthplan::Plan plan;
    try {
        plan = healthplan::extract(text, options);
    } catch (const healthplan::Error& e) {
        fuzz::check_error(e);
        if (!healthplan::find_invalid_utf8(text)) fuzz::fail(std::string("valid UTF-8 text refused: ") + e.what());
        return 0;
    }
    fuzz::check_strings_and_spans(plan, text);
    fuzz::check_round_trip(plan);
    return 0;
}
