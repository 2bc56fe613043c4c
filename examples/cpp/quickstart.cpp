// Quickstart for C++ applications: build a plan, save it, load a plan file,
// and use the unit system. Run: quickstart [PLAN.json] [--write OUT.json]
// (--write saves the plan built here, so other tools can read what C++ made).
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <healthplan/healthplan.hpp>

int main(int argc, char** argv) {
    namespace hp = healthplan;
    try {
        // 1. A plan built in code.
        hp::Plan plan;
        plan.id = "demo";
        plan.title = "示例健康行动方案";
        plan.indicators.push_back(
            {.id = "lit", .name = "居民健康素养水平", .unit = hp::Unit::percent(), .direction = hp::Direction::higher});
        hp::Target target;
        target.id = "t1";
        target.indicator_id = "lit";
        target.indicator = "居民健康素养水平";
        target.year = 2030;
        target.kind = hp::TargetKind::level;
        target.comparator = hp::Comparator::ge;
        target.value = 30.0;
        target.unit = hp::Unit::percent();
        plan.targets.push_back(target);
        plan.validate();

        // 2. Save and load it back: the same object.
        const auto path = std::filesystem::temp_directory_path() / "healthplan_quickstart.plan.json";
        hp::save_plan(plan, path);
        const hp::Plan again = hp::load_plan(path);
        std::filesystem::remove(path);
        if (!(again == plan)) {
            std::cerr << "round trip changed the plan\n";
            return 1;
        }

        // 3. Units convert exactly; incompatible ones are an error.
        std::cout << "5.4‰ = " << hp::convert(5.4, hp::Unit::permille(), hp::Unit::percent()) << "%\n";
        try {
            hp::convert(1.0, hp::Unit::percent(), hp::Unit::parse("张"));
        } catch (const hp::UnitError& e) {
            std::cout << "as expected: " << e.what() << "\n";
        }

        // 4. A plan file given on the command line, and --write OUT.json.
        for (int i = 1; i < argc; ++i) {
            const std::string arg = argv[i];
            if (arg == "--write" && i + 1 < argc) {
                hp::save_plan(plan, argv[++i]);
                continue;
            }
            const hp::Plan loaded = hp::load_plan(arg);
            std::cout << loaded.title << ": " << loaded.targets.size() << " targets, " << loaded.tasks.size()
                      << " tasks\n";
            for (const auto& t : loaded.targets)
                if (t.value)
                    std::cout << "  " << (t.year ? std::to_string(*t.year) : "----") << " " << t.indicator << " "
                              << hp::to_string(t.comparator) << " " << *t.value << t.unit.symbol() << "\n";
        }
        std::cout << "healthplan " << hp::version_string << " ok\n";
        return 0;
    } catch (const hp::Error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    }
}
