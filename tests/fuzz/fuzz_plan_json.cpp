// Plan JSON loading: any bytes either load or fail with a library error (no
// nlohmann exception, no crash, no stack overflow); what loads validates and
// saves -> loads -> saves byte-identically.
#include "invariants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    healthplan::Plan plan;
    try {
        plan = healthplan::plan_from_json(text);
    } catch (const healthplan::Error& e) {
        fuzz::check_error(e);
        return 0;
    }
    std::string first;
    try {
        first = healthplan::to_json(plan);
    } catch (const healthplan::Error& e) {
        fuzz::fail(std::string("a loaded plan cannot be saved: ") + e.what());
    }
    try {
        const healthplan::Plan back = healthplan::plan_from_json(first);
        if (!(back == plan)) fuzz::fail("load(save(plan)) != plan");
        if (healthplan::to_json(back) != first) fuzz::fail("save -> load -> save is not byte-identical");
    } catch (const healthplan::Error& e) {
        fuzz::fail(std::string("a saved plan does not load: ") + e.what());
    }
    return 0;
}
