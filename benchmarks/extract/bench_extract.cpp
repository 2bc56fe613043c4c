// Extraction throughput and memory on a corpus built from the bundled plans.
//
//   bench_extract [PLANS_DIR] [--mb N] [--threads T]
//
// PLANS_DIR defaults to python/healthplan/data/plans (run from the repo root).
// Prints, for a corpus of at least N MB (default 50):
//   1. one document: all plans concatenated and repeated to N MB, extracted
//      on one core — MB/s and peak resident memory as a multiple of the input;
//   2. per document: the plans extracted one by one, repeatedly, on one core;
//   3. extract_many over N MB of copies on disk with T threads (0 = all cores).
// With --scaling, instead: the bundled plans one by one (the seed corpus),
// one document of 1, 5, 25 and 50 MB and a 4 MB document that is all
// indicator-table rows (68k targets), each with MB/s, targets/s, the time of
// Plan::validate() and peak RSS — linear scaling shows as a constant MB/s.
// Each of these runs in a child process of its own, so its peak RSS (input,
// extraction and result) is not a previous run's. CPU MB/s is also printed as
// a fraction of a reference pass over the same text in the same process (UTF-8
// validation, which reads every byte), so runs on a loaded machine compare.
#include <sys/resource.h>
#include <sys/wait.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "healthplan/extract.hpp"
#include "healthplan/text.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double peak_rss_mb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// A document of tab-separated indicator-table rows only: every row gives a target.
std::string table_document(std::size_t bytes) {
    std::string t = "某市健康指标\n\n一、主要指标\n\n序号\t指标名称\t基期水平（2020年）\t2025年目标值\t指标性质\n";
    for (std::size_t row = 1; t.size() < bytes; ++row)
        t += std::to_string(row) + "\t第" + std::to_string(row) + "项指标达标率（%）\t" +
             std::to_string(40 + row % 50) + "\t≥" + std::to_string(50 + row % 50) + "\t预期性\n";
    return t;
}

// The reference run in the same process: CPU MB/s of one pass that reads
// every byte of the text (healthplan::find_invalid_utf8, the check extract()
// starts with), repeated for at least 0.2 s of CPU time. Extraction's MB/s
// is printed as a fraction of it, which cancels the machine's load.
double reference_mbs(const std::string& text) {
    const std::clock_t c0 = std::clock();
    std::size_t bytes = 0;
    bool valid = true;
    while (static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC < 0.2) {
        valid = valid && !healthplan::find_invalid_utf8(text);
        bytes += text.size();
    }
    if (!valid) std::fprintf(stderr, "bench_extract: the corpus is not UTF-8\n");
    return bytes / 1e6 / (static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
}

// One extraction of `text`, with the caller keeping the text (extract) or
// handing it over (extract_owned, `hand_over`): the peak differs, not the plan.
void scaling_line(const char* what, std::string text, bool hand_over = false) {
    // CPU time as well as wall time: on a shared machine the wall clock
    // measures the other processes too.
    const double ref = reference_mbs(text);
    const double mb = text.size() / 1e6;
    const double input_mib = text.size() / 1048576.0;
    const double rss_with_input = peak_rss_mb();
    const std::clock_t c0 = std::clock();
    auto t0 = Clock::now();
    healthplan::ExtractOptions opt;
    opt.name = what;
    opt.validate = false;
    healthplan::Plan plan =
        hand_over ? healthplan::extract_owned(std::move(text), opt) : healthplan::extract(text, opt);
    const double s = seconds_since(t0);
    const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    auto v0 = Clock::now();
    plan.validate();
    const double vs = seconds_since(v0);
    const double peak = peak_rss_mb();
    std::printf(
        "%-22s: %5.1f MB in %6.2f s = %5.1f MB/s (cpu %5.1f MB/s = %.3fx the reference's %.0f), %6zu targets = "
        "%7.0f targets/s (cpu); validate %.3f s; peak RSS %.0f MB = %.1fx the input (%.0f MB before extraction)\n",
        what, mb, s, mb / s, mb / cpu, mb / cpu / ref, ref, plan.targets.size(), plan.targets.size() / cpu, vs, peak,
        peak / input_mib, rss_with_input);
}

// The bundled plans one by one (each its own document), repeated to `bytes`.
void seed_corpus_line(const std::vector<std::string>& docs, std::size_t bytes) {
    healthplan::ExtractOptions opt;
    opt.validate = false;
    std::size_t done = 0, targets = 0, largest = 0;
    const std::clock_t c0 = std::clock();
    while (done < bytes)
        for (const auto& d : docs) {
            targets += healthplan::extract(d, opt).targets.size();
            done += d.size();
            largest = std::max(largest, d.size());
        }
    const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    std::string all;
    for (const auto& d : docs) all += d;
    const double ref = reference_mbs(all);
    std::printf(
        "%-22s: %5.1f MB, %zu documents of %.0f KB at most: cpu %5.1f MB/s = %.3fx the reference's %.0f, %7.0f "
        "targets/s (cpu); peak RSS %.0f MB\n",
        "seed corpus, each doc", done / 1e6, docs.size(), largest / 1e3, done / 1e6 / cpu, done / 1e6 / cpu / ref, ref,
        targets / cpu, peak_rss_mb());
}

// Runs `job` in a child process, so the peak RSS it reports is its own.
template <class Job>
void in_child(Job job) {
    std::fflush(stdout);
    const pid_t pid = ::fork();
    if (pid == 0) {
        job();
        std::fflush(stdout);
        std::_Exit(0);
    }
    int status = 0;
    if (pid < 0 || ::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        std::fprintf(stderr, "bench_extract: a scaling run failed\n");
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

int main(int argc, char** argv) {
    fs::path dir = "python/healthplan/data/plans";
    double target_mb = 50;
    unsigned threads = 0;
    bool scaling = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--scaling")
            scaling = true;
        else if (a == "--mb" && i + 1 < argc)
            target_mb = std::atof(argv[++i]);
        else if (a == "--threads" && i + 1 < argc)
            threads = static_cast<unsigned>(std::atoi(argv[++i]));
        else if (a == "-h" || a == "--help") {
            std::cout << "usage: bench_extract [PLANS_DIR] [--mb N] [--threads T] [--scaling]\n";
            return 0;
        } else
            dir = a;
    }
    std::vector<fs::path> files;
    if (fs::is_directory(dir))
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        std::cerr << "bench_extract: no .txt plans in " << dir
                  << " (run from the repository root or pass the folder)\n";
        return 2;
    }
    std::vector<std::string> docs;
    std::size_t set_bytes = 0;
    for (const auto& f : files) {
        docs.push_back(read_file(f));
        set_bytes += docs.back().size();
    }
    const std::size_t target_bytes = static_cast<std::size_t>(target_mb * 1e6);
    std::printf("bundled plans: %zu files, %.1f KB; corpus target %.0f MB\n", docs.size(), set_bytes / 1e3, target_mb);

    if (scaling) {
        in_child([&] { seed_corpus_line(docs, 20'000'000); });
        in_child([] { scaling_line("table-only document", table_document(4'000'000)); });
        in_child([] { scaling_line("table-only, handed over", table_document(4'000'000), true); });
        // The 50 MB document twice: kept by the caller (extract), handed over (extract_owned).
        for (double mb : {1.0, 5.0, 25.0, 50.0, -50.0})
            in_child([&] {
                const double size = std::abs(mb);
                std::string corpus;
                corpus.reserve(static_cast<std::size_t>(size * 1e6) + set_bytes + docs.size());
                while (corpus.size() < size * 1e6)
                    for (const auto& d : docs) corpus += d, corpus += "\n";
                const std::string what =
                    "one document " + std::to_string(static_cast<int>(size)) + " MB" + (mb < 0 ? ", handed over" : "");
                scaling_line(what.c_str(), std::move(corpus), mb < 0);
            });
        return 0;
    }
    // 1. One large document on one core.
    {
        const double rss_before = peak_rss_mb();
        std::string corpus;
        corpus.reserve(target_bytes + set_bytes);
        while (corpus.size() < target_bytes)
            for (const auto& d : docs) corpus += d, corpus += "\n";
        const double rss_with_input = peak_rss_mb();
        auto t0 = Clock::now();
        healthplan::ExtractOptions opt;
        opt.name = "corpus";
        healthplan::Plan plan = healthplan::extract(corpus, opt);
        const double s = seconds_since(t0);
        const double mb = corpus.size() / 1e6;
        const double peak = peak_rss_mb();
        std::printf("one document   : %.1f MB in %.2f s = %.1f MB/s (1 core); %zu targets, %zu tasks\n", mb, s, mb / s,
                    plan.targets.size(), plan.tasks.size());
        std::printf("                 peak RSS %.0f MB (before %.0f MB, with input %.0f MB): %.2fx the input\n", peak,
                    rss_before, rss_with_input, (peak - rss_before) / mb);
    }
    // 2. Document by document on one core.
    {
        std::size_t done = 0, count = 0, targets = 0;
        auto t0 = Clock::now();
        while (done < target_bytes)
            for (const auto& d : docs) {
                healthplan::Plan p = healthplan::extract(d);
                done += d.size();
                targets += p.targets.size();
                ++count;
            }
        const double s = seconds_since(t0);
        std::printf("per document   : %zu documents, %.1f MB in %.2f s = %.1f MB/s (1 core), %zu targets\n", count,
                    done / 1e6, s, done / 1e6 / s, targets);
    }
    // 3. extract_many over copies on disk.
    {
        fs::path tmp = fs::temp_directory_path() / ("healthplan_bench_" + std::to_string(::getpid()));
        fs::create_directories(tmp);
        std::vector<fs::path> paths;
        std::size_t bytes = 0;
        for (int rep = 0; bytes < target_bytes; ++rep)
            for (std::size_t k = 0; k < files.size(); ++k) {
                fs::path p = tmp / (std::to_string(rep) + "_" + files[k].filename().string());
                std::ofstream(p, std::ios::binary) << docs[k];
                paths.push_back(p);
                bytes += docs[k].size();
            }
        auto t0 = Clock::now();
        std::vector<healthplan::Plan> plans = healthplan::extract_many(paths, threads);
        const double s = seconds_since(t0);
        std::size_t targets = 0;
        for (const auto& p : plans) targets += p.targets.size();
        const unsigned used = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
        std::printf("extract_many   : %zu files, %.1f MB in %.2f s = %.1f MB/s (%u threads), %zu targets\n",
                    paths.size(), bytes / 1e6, s, bytes / 1e6 / s, used, targets);
        plans.clear();
        fs::remove_all(tmp);
    }
    std::printf("peak RSS of the run: %.0f MB\n", peak_rss_mb());
    return 0;
}
