// The one file reader and the one atomic writer (include/healthplan/files.hpp).
// POSIX calls rather than iostreams: only they can refuse a FIFO without
// blocking (O_NONBLOCK), create a temporary exclusively (O_EXCL, no symlink
// followed), fsync, and report the OS reason (errno) in the message.
#include "healthplan/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>

#include "healthplan/error.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

namespace {

std::atomic<std::size_t> g_max_input_bytes{default_max_input_bytes};

std::string os_reason(int err) { return std::strerror(err); }

// Closes a descriptor on every path out of a function.
class Fd {
  public:
    explicit Fd(int fd) : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }
    // Closes now and reports the error close() can carry (NFS, quotas).
    int close() {
        const int r = ::close(fd_);
        fd_ = -1;
        return r;
    }

  private:
    int fd_;
};

const char* file_kind(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

std::string too_large_message(std::size_t limit) {
    return "input is larger than the limit of " + std::to_string(limit) +
           " bytes (raise it with healthplan::set_max_input_bytes / healthplan.set_max_input_bytes)";
}

// A name no other writer will pick: pid, a per-process counter and 64 random bits.
std::string temporary_name(const std::filesystem::path& target) {
    static std::atomic<unsigned> counter{0};
    thread_local std::mt19937_64 rng{std::random_device{}()};
    char suffix[64];
    std::snprintf(suffix, sizeof suffix, ".%d.%u.%016llx.tmp", static_cast<int>(::getpid()), counter.fetch_add(1),
                  static_cast<unsigned long long>(rng()));
    return "." + target.filename().string() + suffix;
}

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::error_code ec;
    if (std::filesystem::equivalent(a, b, ec)) return true;
    // Not existing yet (or not comparable): compare the normalised paths.
    return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec) && !ec;
}

void write_all(int fd, std::string_view bytes, const std::string& name) {
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw ParseError("io.write", "cannot write file: " + os_reason(errno), name);
        p += n;
        left -= static_cast<std::size_t>(n);
    }
}

}  // namespace

std::size_t max_input_bytes() noexcept { return g_max_input_bytes.load(std::memory_order_relaxed); }
void set_max_input_bytes(std::size_t limit) noexcept { g_max_input_bytes.store(limit, std::memory_order_relaxed); }

std::string read_file(const std::filesystem::path& path, std::size_t limit) {
    const std::string name = path.string();
    // O_NONBLOCK: opening a FIFO with no writer must not hang; it is refused below.
    Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (fd.get() < 0) {
        const int err = errno;
        if (err == ENOENT) throw ParseError("io.missing", "no such file", name);
        throw ParseError("io.open", "cannot open file for reading: " + os_reason(err), name);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) throw ParseError("io.unreadable", "cannot stat file: " + os_reason(errno), name);
    if (!S_ISREG(st.st_mode))
        throw ParseError("io.not_a_file", std::string("is ") + file_kind(st.st_mode) + ", not a regular file", name);
    if (static_cast<std::uint64_t>(st.st_size) > limit)
        throw ParseError("text.too_large", too_large_message(limit), name);
    std::string out;
    out.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    // Read until EOF, not just st_size: the file may grow while it is read; the cap holds regardless.
    for (;;) {
        if (done == out.size()) {
            if (out.size() > limit) throw ParseError("text.too_large", too_large_message(limit), name);
            out.resize(out.size() + 4096);
        }
        const ssize_t n = ::read(fd.get(), out.data() + done, out.size() - done);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n < 0) throw ParseError("io.unreadable", "error while reading file: " + os_reason(errno), name);
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    if (done > limit) throw ParseError("text.too_large", too_large_message(limit), name);
    out.resize(done);
    return out;
}

void write_file_atomic(const std::filesystem::path& path, std::string_view bytes,
                       const std::vector<std::filesystem::path>& inputs) {
    const std::string name = path.string();
    for (const auto& input : inputs)
        if (same_file(path, input))
            throw ParseError("io.same_file",
                             "output is also an input ('" + input.string() + "'); refusing to overwrite it", name);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw ParseError("io.not_a_file", "is a directory, cannot write a file there", name);
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const std::filesystem::path tmp = dir / temporary_name(path);
    // O_EXCL|O_NOFOLLOW: a file or symlink planted at the name makes this fail instead of being followed.
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
    if (fd.get() < 0) throw ParseError("io.write", "cannot create a file in its directory: " + os_reason(errno), name);
    try {
        write_all(fd.get(), bytes, name);
        if (::fsync(fd.get()) != 0) throw ParseError("io.write", "cannot flush file: " + os_reason(errno), name);
        if (fd.close() != 0) throw ParseError("io.write", "cannot close file: " + os_reason(errno), name);
        if (::rename(tmp.c_str(), path.c_str()) != 0)
            throw ParseError("io.write", "cannot replace file: " + os_reason(errno), name);
    } catch (...) {
        ::unlink(tmp.c_str());
        throw;
    }
    // Make the rename itself durable; a directory that cannot be opened or synced is no error.
    Fd d(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (d.get() >= 0) ::fsync(d.get());
}

HEALTHPLAN_END_NAMESPACE
