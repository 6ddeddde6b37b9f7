/// @file shards.cpp
/// Routing ids to shards, the stub file of a sharded index, and reading stub files shard by shard.
#include "newsdex/shards.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>

#include "newsdex/error.hpp"
#include "shard_stub.hpp"

namespace newsdex {

namespace fs = std::filesystem;

std::uint64_t shard_hash(std::string_view id) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : id) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

std::size_t shard_of(std::string_view id, std::size_t shard_count) {
    if (shard_count == 0) throw UsageError("a sharded index needs at least one shard");
    // J. Lamping, E. Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm" (2014).
    std::uint64_t key = shard_hash(id);
    std::int64_t bucket = -1;
    std::int64_t next = 0;
    while (next < static_cast<std::int64_t>(shard_count)) {
        bucket = next;
        key = key * 2862933555777941757ULL + 1;
        next = static_cast<std::int64_t>(static_cast<double>(bucket + 1) *
                                         (static_cast<double>(1LL << 31) / static_cast<double>((key >> 33) + 1)));
    }
    return static_cast<std::size_t>(bucket);
}

fs::path shard_path(const fs::path& dir, std::size_t shard) {
    char name[32];
    std::snprintf(name, sizeof name, "shard-%03zu", shard);
    return dir / name;
}

namespace {

std::string trim(const std::string& line) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
}

/// The meaningful lines of a stub file (no blanks, no comments).
std::vector<std::string> stub_lines(const fs::path& stub) {
    std::ifstream in(stub);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        line = trim(line);
        if (!line.empty() && line[0] != '#') lines.push_back(line);
    }
    return lines;
}

}  // namespace

std::size_t sharded_index_count(const fs::path& dir) {
    std::error_code ec;
    const fs::path stub = dir / shard_stub_name;
    if (!fs::is_regular_file(stub, ec)) return 0;
    const std::vector<std::string> lines = stub_lines(stub);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i] != "auto " + shard_path("", i).string()) {
            throw IndexError(IndexError::Kind::other, stub.string(),
                             "line " + std::to_string(i + 1) + " is \"" + lines[i] + "\", not \"auto " +
                                 shard_path("", i).string() +
                                 "\": a stub file newsdex did not write (index into the databases it lists instead)");
        }
    }
    if (lines.empty()) throw IndexError(IndexError::Kind::other, stub.string(), "stub file lists no shard");
    return lines.size();
}

namespace detail {

std::string ShardLocation::describe() const {
    std::string out;
    switch (kind) {
        case Kind::local: out = path; break;
        case Kind::remote_tcp: out = "remote " + host + ":" + std::to_string(port); break;
        case Kind::remote_program: out = "remote :" + program + (args.empty() ? "" : " " + args); break;
    }
    if (!listed_in.empty()) out += " (listed in " + listed_in + ")";
    return out;
}

namespace {

bool expand_stub(const fs::path& stub, int depth, std::vector<ShardLocation>& out);

/// A port number 1-65535, else 0.
unsigned parse_port(const std::string& text) {
    if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string::npos) return 0;
    const unsigned long port = std::stoul(text);
    return port >= 1 && port <= 65535 ? static_cast<unsigned>(port) : 0;
}

/// The rest of a `remote` stub line naming a TCP server: Xapian's `HOST:PORT`,
/// or `tcp HOST PORT` (the older form, which Xapian 1.4 itself no longer reads).
bool parse_tcp_remote(const std::string& rest, ShardLocation& remote) {
    std::string host;
    std::string port;
    if (rest.compare(0, 4, "tcp ") == 0 || rest.compare(0, 4, "tcp\t") == 0) {
        std::istringstream words(rest.substr(4));
        std::string extra;
        if (!(words >> host >> port) || (words >> extra)) return false;
    } else {
        const auto colon = rest.rfind(':');
        if (colon == std::string::npos || colon == 0) return false;
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    remote.kind = ShardLocation::Kind::remote_tcp;
    remote.host = host;
    remote.port = parse_port(port);
    return remote.port != 0 && !host.empty();
}

/// Appends what @p path stands for; false for what only Xapian itself can open.
bool expand_path(const fs::path& path, const std::string& listed_in, int depth, std::vector<ShardLocation>& out) {
    std::error_code ec;
    // Xapian looks for a database first and a XAPIANDB stub inside a directory last.
    const bool is_dir = fs::is_directory(path, ec);
    const bool plain_db = is_dir && (fs::exists(path / "iamglass", ec) || fs::exists(path / "iamchert", ec));
    if (!plain_db && is_dir && fs::is_regular_file(path / shard_stub_name, ec)) {
        return expand_stub(path / shard_stub_name, depth, out);
    }
    if (!is_dir && fs::is_regular_file(path, ec)) return expand_stub(path, depth, out);
    ShardLocation local;
    local.path = path.string();
    local.listed_in = listed_in;
    out.push_back(std::move(local));
    return true;
}

bool expand_stub(const fs::path& stub, int depth, std::vector<ShardLocation>& out) {
    if (depth > 8) return false;  // stubs naming each other: let Xapian report it
    const fs::path base = stub.parent_path();
    for (const std::string& line : stub_lines(stub)) {
        const auto space = line.find_first_of(" \t");
        if (space == std::string::npos) return false;
        const std::string type = line.substr(0, space);
        const std::string rest = trim(line.substr(space + 1));
        const fs::path target = fs::path(rest).is_absolute() ? fs::path(rest) : base / rest;
        if (type == "auto") {
            if (!expand_path(target, stub.string(), depth + 1, out)) return false;
        } else if (type == "glass" || type == "chert") {
            ShardLocation local;
            local.path = target.string();
            local.listed_in = stub.string();
            out.push_back(std::move(local));
        } else if (type == "remote") {
            ShardLocation remote;
            remote.listed_in = stub.string();
            if (!rest.empty() && rest[0] == ':') {
                remote.kind = ShardLocation::Kind::remote_program;
                const std::string command = rest.substr(1);
                const auto gap = command.find_first_of(" \t");
                remote.program = command.substr(0, gap);
                if (gap != std::string::npos) remote.args = trim(command.substr(gap));
            } else if (!parse_tcp_remote(rest, remote)) {
                return false;
            }
            out.push_back(std::move(remote));
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace

std::optional<std::vector<ShardLocation>> expand_shards(const std::string& path) {
    std::vector<ShardLocation> out;
    if (path.compare(0, 6, "tcp://") == 0) {
        // --db tcp://HOST:PORT: one remote database served by xapian-tcpsrv.
        ShardLocation remote;
        if (!parse_tcp_remote(path.substr(6), remote)) {
            throw UsageError("bad remote database \"" + path + "\": write tcp://HOST:PORT (a port 1-65535)");
        }
        out.push_back(std::move(remote));
        return out;
    }
    if (!expand_path(path, "", 0, out)) return std::nullopt;
    return out;
}

void write_shard_stub(const fs::path& dir, std::size_t count) {
    std::ostringstream text;
    text << "# newsdex sharded index: " << count << " shards; article id -> shard by newsdex::shard_of()\n";
    for (std::size_t i = 0; i < count; ++i) text << "auto " << shard_path("", i).string() << "\n";
    const fs::path stub = dir / shard_stub_name;
    const fs::path temp = dir / (std::string(shard_stub_name) + ".tmp");
    std::ofstream out(temp, std::ios::trunc);
    out << text.str();
    out.close();
    std::error_code ec;
    if (!out) throw IndexError(IndexError::Kind::unwritable, temp.string(), "cannot write the shard stub file");
    fs::rename(temp, stub, ec);
    if (ec) throw IndexError(IndexError::Kind::unwritable, stub.string(), "cannot write the shard stub file: " + ec.message());
}

}  // namespace detail

}  // namespace newsdex
