// Observations CSV: any bytes load or fail with a library error naming a row.
#include "invariants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto obs = healthplan::Observations::from_csv_text(text, "fuzz.csv");
        (void)obs.size();
    } catch (const healthplan::Error& e) {
        fuzz::check_error(e);
    }
    return 0;
}
