// Reading and writing whole files safely: the one reader and the one writer
// every loader and saver of the library (and of the Python package) goes
// through.
//
// Reading refuses what is not a regular file (a directory, a FIFO that would
// block, /dev/zero that never ends) and inputs larger than a configurable
// limit, each with its own error id. Writing is atomic: the bytes go to a
// fresh temporary file in the target's directory (O_CREAT|O_EXCL, random
// name, so a planted symlink is never followed and concurrent writers never
// share it), are fsync'ed, then renamed over the target; readers see the old
// file or the new one, never a mix, and a failed write leaves nothing behind.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "healthplan/config.hpp"

HEALTHPLAN_BEGIN_NAMESPACE

// The largest input (in bytes) read_file, extract and the loaders accept;
// 64 MiB by default — far above any plan (the largest real plan text is
// about 1 MB) and low enough that a runaway input fails in a second instead
// of exhausting memory. Process-wide; thread-safe.
inline constexpr std::size_t default_max_input_bytes = std::size_t{64} << 20;
std::size_t max_input_bytes() noexcept;
void set_max_input_bytes(std::size_t limit) noexcept;

// Reads a whole regular file. Throws ParseError: "io.missing" (no such file),
// "io.not_a_file" (a directory, FIFO, device...), "io.open" / "io.unreadable"
// (with the OS reason), "text.too_large" (more than `limit` bytes).
std::string read_file(const std::filesystem::path& path, std::size_t limit = max_input_bytes());

// Atomically replaces `path` with `bytes` (see above). Throws ParseError:
// "io.same_file" when `path` is one of `inputs` (writing would destroy an
// input), "io.not_a_file" when `path` is a directory, "io.write" naming the
// file and the OS reason otherwise.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes,
                       const std::vector<std::filesystem::path>& inputs = {});

HEALTHPLAN_END_NAMESPACE
