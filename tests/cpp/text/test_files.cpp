// The one reader and the one atomic writer (healthplan/files.hpp).
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include <healthplan/error.hpp>
#include <healthplan/extract.hpp>
#include <healthplan/files.hpp>
#include <healthplan/json.hpp>

using namespace healthplan;
namespace fs = std::filesystem;

namespace {
// A fresh directory per test, removed at the end.
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("hp-files-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::size_t entries() const {
        return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), fs::directory_iterator()));
    }
};

void put(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }
std::string get(const fs::path& p) { return read_file(p); }

template <class F>
ParseError parse_error_of(F&& f) {
    try {
        f();
    } catch (const ParseError& e) {
        return e;
    }
    FAIL("expected a ParseError");
    throw;
}
}  // namespace

TEST_CASE("read_file refuses what is not a regular file, each with its id", "[files]") {
    TempDir d;
    CHECK(parse_error_of([&] { read_file(d.path / "missing.txt"); }).id() == "io.missing");
    CHECK(parse_error_of([&] { read_file(d.path); }).id() == "io.not_a_file");
    CHECK(parse_error_of([&] { read_file("/dev/zero"); }).id() == "io.not_a_file");
    // A FIFO without a writer used to block forever.
    const fs::path fifo = d.path / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto e = parse_error_of([&] { read_file(fifo); });
    CHECK(e.id() == "io.not_a_file");
    CHECK(e.message().find("FIFO") != std::string::npos);
    // The same errors reach every loader.
    CHECK(parse_error_of([&] { extract_file(d.path); }).id() == "io.not_a_file");
    CHECK(parse_error_of([&] { load_plan(d.path); }).id() == "io.not_a_file");
    CHECK(parse_error_of([&] { extract_file("/dev/zero"); }).id() == "io.not_a_file");
}

TEST_CASE("read_file caps the input size, configurably", "[files]") {
    TempDir d;
    put(d.path / "big.txt", std::string(5000, 'a'));
    CHECK(read_file(d.path / "big.txt", 5000).size() == 5000);
    CHECK(parse_error_of([&] { read_file(d.path / "big.txt", 4999); }).id() == "text.too_large");
    const std::size_t before = max_input_bytes();
    set_max_input_bytes(100);
    CHECK(parse_error_of([&] { extract_file(d.path / "big.txt"); }).id() == "text.too_large");
    CHECK(parse_error_of([&] { extract(std::string(101, 'a')); }).id() == "text.too_large");
    set_max_input_bytes(before);
    CHECK(max_input_bytes() == default_max_input_bytes);
}

TEST_CASE("invalid UTF-8 inside a UTF-8 file is reported as UTF-8 at its offset", "[files][text]") {
    TempDir d;
    // A UTF-8 file cut inside its last character, and one with a bad byte in the middle.
    put(d.path / "cut.txt", "健康中国行动\xE8\xA1");
    const auto cut = parse_error_of([&] { extract_file(d.path / "cut.txt"); });
    CHECK(cut.id() == "text.invalid_utf8");
    CHECK(cut.where().find("byte 18") != std::string::npos);
    CHECK(cut.message().find("GB18030") != std::string::npos);
    put(d.path / "mid.txt", "健康中国\xFF行动");
    CHECK(parse_error_of([&] { extract_file(d.path / "mid.txt"); }).where().find("byte 12") != std::string::npos);
}

TEST_CASE("write_file_atomic replaces the file and leaves nothing else", "[files]") {
    TempDir d;
    const fs::path p = d.path / "out.json";
    write_file_atomic(p, "one");
    write_file_atomic(p, "two");
    CHECK(get(p) == "two");
    CHECK(d.entries() == 1);
}

TEST_CASE("write_file_atomic does not follow a symlink planted at <path>.tmp", "[files]") {
    TempDir d;
    const fs::path victim = d.path / "victim.txt";
    put(victim, "keep me");
    fs::create_symlink(victim, d.path / "out.json.tmp");
    write_file_atomic(d.path / "out.json", "new");
    CHECK(get(victim) == "keep me");
    CHECK(get(d.path / "out.json") == "new");
}

TEST_CASE("write_file_atomic refuses an output that is an input, or a directory", "[files]") {
    TempDir d;
    const fs::path in = d.path / "plan.json";
    put(in, "{}");
    const auto same = parse_error_of([&] { write_file_atomic(in, "# markdown", {in}); });
    CHECK(same.id() == "io.same_file");
    CHECK(get(in) == "{}");
    // The same file under another spelling is still the same file.
    CHECK(parse_error_of([&] { write_file_atomic(d.path / "." / "plan.json", "x", {in}); }).id() == "io.same_file");
    fs::create_directory(d.path / "dir.plan.json");
    CHECK(parse_error_of([&] { write_file_atomic(d.path / "dir.plan.json", "x"); }).id() == "io.not_a_file");
    CHECK(d.entries() == 2);
}

TEST_CASE("a failed write names the OS reason and leaves no temporary", "[files]") {
    TempDir d;
    // A file-size limit below the output: write() fails with EFBIG (SIGXFSZ ignored, as Python does).
    rlimit old{};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
    auto* previous = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old;
    small.rlim_cur = 1000;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    const auto e = parse_error_of([&] { write_file_atomic(d.path / "big.json", std::string(5000, 'x')); });
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previous);
    CHECK(e.id() == "io.write");
    CHECK(e.message().find("too large") != std::string::npos);  // strerror(EFBIG): "File too large"
    CHECK(d.entries() == 0);
    // A missing directory: the reason, and the file named.
    const auto missing = parse_error_of([&] { write_file_atomic(d.path / "no" / "x.json", "x"); });
    CHECK(missing.message().find("No such file") != std::string::npos);
    CHECK(missing.where() == (d.path / "no" / "x.json").string());
}

TEST_CASE("concurrent saves to one path never fail and readers never see a mix", "[files][stress]") {
    TempDir d;
    const fs::path p = d.path / "shared.json";
    const std::string a(100000, 'a'), b(100000, 'b');
    write_file_atomic(p, a);
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0}, mixed{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < 4; ++w)
        threads.emplace_back([&, w] {
            for (int i = 0; i < 50; ++i) try {
                    write_file_atomic(p, (w + i) % 2 ? a : b);
                } catch (const Error&) {
                    ++failures;
                }
        });
    std::thread reader([&] {
        while (!stop) {
            const std::string s = get(p);
            if (s != a && s != b) ++mixed;
        }
    });
    for (auto& t : threads) t.join();
    stop = true;
    reader.join();
    CHECK(failures == 0);
    CHECK(mixed == 0);
    CHECK(d.entries() == 1);
}
