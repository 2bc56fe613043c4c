// GB18030 bytes through the decoder (as extract_file uses it) and then the
// extractor: decoding either fails with a library error or gives valid UTF-8,
// and the plan keeps every extraction invariant.
#include "invariants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    std::string text, detected;
    try {
        // Auto-detection (UTF-8, else GB18030) is what extract_file does by default.
        text = healthplan::decode_to_utf8(bytes, "", &detected, "fuzz");
    } catch (const healthplan::Error& e) {
        fuzz::check_error(e);
        return 0;
    }
    fuzz::require_utf8(text, "decoded text");
    healthplan::ExtractOptions options;
    options.validate = false;
    options.encoding = detected;
    healthplan::Plan plan;
    try {
        plan = healthplan::extract(text, options);
    } catch (const healthplan::Error& e) {
        fuzz::fail(std::string("decoded text refused by extract: ") + e.what());
    }
    fuzz::check_strings_and_spans(plan, text);
    fuzz::check_round_trip(plan);
    return 0;
}
