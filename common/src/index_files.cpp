/// @file index_files.cpp
/// POSIX file operations on index directories and the one atomic swap.
#include "index_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <utility>


namespace newsdex::detail {

namespace {

/// The directory holding @p path ("db" -> ".").
std::filesystem::path parent_directory(const std::filesystem::path& path) {
    return path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
}

void fsync_path(const std::filesystem::path& path, int flags) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

/// Device and inode of @p path ({0, 0} if it does not exist).
std::pair<dev_t, ino_t> file_identity(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {0, 0};
    return {st.st_dev, st.st_ino};
}

}  // namespace

std::size_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    if (!(statm >> pages >> resident)) return 0;
    return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

void sync_directory(const std::filesystem::path& path) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
        if (!entry.is_regular_file(ec)) continue;
        fsync_path(entry.path(), O_RDONLY);
    }
    fsync_path(path, O_RDONLY | O_DIRECTORY);
}

std::filesystem::path index_directory(const std::string& path) {
    std::filesystem::path target(path);
    if (!target.has_filename()) target = target.parent_path();
    return target;
}

std::filesystem::path swap_path_beside(const std::filesystem::path& target) {
    return parent_directory(target) / ("." + target.filename().string() + ".newsdex-compact");
}

bool swappable(const std::filesystem::path& target) {
    std::error_code ec;
    return !std::filesystem::is_symlink(target, ec) && std::filesystem::is_directory(target, ec);
}

std::uintmax_t directory_bytes(const std::filesystem::path& dir) {
    std::uintmax_t total = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        std::error_code size_ec;
        if (entry.is_regular_file(size_ec)) {
            auto size = entry.file_size(size_ec);
            if (!size_ec) total += size;
        }
    }
    return total;
}

std::string swap_in(const std::filesystem::path& built, const std::filesystem::path& target) {
    sync_directory(built);
    if (::renameat2(AT_FDCWD, built.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
        const int error = errno;
        return std::string("cannot swap directories atomically here: ") + std::strerror(error);
    }
    fsync_path(parent_directory(target), O_RDONLY | O_DIRECTORY);
    return {};
}

Xapian::WritableDatabase open_writable(const std::string& path, int flags) {
    for (;;) {
        const auto before = file_identity(path);
        Xapian::WritableDatabase db(path, flags);
        if (!(flags & Xapian::DB_RETRY_LOCK) || file_identity(path) == before) return db;
        db.close();
    }
}

}  // namespace newsdex::detail
