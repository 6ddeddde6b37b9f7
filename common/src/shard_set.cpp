/// @file shard_set.cpp
/// The search side of shards: each database of a stub opened on its own.
#include "shard_set.hpp"

#include <cstdlib>
#include <exception>
#include <optional>

#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"
#include "shard_stub.hpp"
#include "xapian_errors.hpp"

namespace newsdex::detail {

namespace {

/// What one search path stands for: its shards, or (a stub newsdex does not
/// read line by line) the path itself for Xapian to open.
struct Entry {
    std::string path;
    std::optional<ShardLocation> shard;
};

Xapian::Database open_location(const ShardLocation& where) {
    switch (where.kind) {
        case ShardLocation::Kind::remote_tcp: return Xapian::Remote::open(where.host, where.port);
        case ShardLocation::Kind::remote_program: return Xapian::Remote::open(where.program, where.args);
        case ShardLocation::Kind::local: break;
    }
    return Xapian::Database(where.path);
}

/// @return the schema version of @p db, which must be a newsdex index this build reads.
int check_newsdex(const Xapian::Database& db, const std::string& name) {
    const std::string version = db.get_metadata(std::string(schema::meta_schema_version));
    if (version.empty()) throw IndexError(IndexError::Kind::other, name, "not a newsdex index (no schema version)");
    check_schema_version(name, version);
    return std::atoi(version.c_str());
}

/// @p e (Kind::missing) for a shard of a sharded index: Kind::unavailable, same path and reason.
IndexError missing_shard(const IndexError& e) {
    std::string reason = e.what();
    const std::string prefix = e.path() + ": ";
    if (reason.compare(0, prefix.size(), prefix) == 0) reason.erase(0, prefix.size());
    return IndexError(IndexError::Kind::unavailable, e.path(), "shard missing: " + reason);
}

}  // namespace

OpenedShards open_shards(const std::vector<std::string>& paths, bool allow_missing) {
    std::vector<Entry> entries;
    for (const std::string& path : paths) {
        if (auto shards = expand_shards(path)) {
            for (ShardLocation& where : *shards) entries.push_back({path, std::move(where)});
        } else {
            entries.push_back({path, std::nullopt});
        }
    }
    OpenedShards opened;
    opened.shards = entries.size();
    // One database given directly keeps the plain messages of an unsharded index.
    const bool one_plain = entries.size() == 1 && entries[0].shard && entries[0].shard->listed_in.empty();
    std::exception_ptr first_error;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const Entry& entry = entries[i];
        const std::string name = entry.shard && !one_plain ? entry.shard->describe() : entry.path;
        try {
            try {
                Xapian::Database shard = entry.shard ? open_location(*entry.shard) : Xapian::Database(entry.path);
                const int version = check_newsdex(shard, name);
                if (opened.schema_version == 0 || version < opened.schema_version) opened.schema_version = version;
                if (opened.analyzer_settings.empty()) {
                    opened.analyzer_settings = shard.get_metadata(std::string(schema::meta_analyzer));
                }
                opened.db.add_database(shard);
                if (!entry.shard || entry.shard->kind != ShardLocation::Kind::local) {
                    opened.local = false;
                } else {
                    opened.local_dirs.push_back(entry.shard->path);
                }
            } catch (const Xapian::Error& e) {
                const std::string action = entries.size() == 1 ? "opening for search"
                                                               : "opening shard " + std::to_string(i + 1) + " of " +
                                                                     std::to_string(entries.size()) + " for search";
                rethrow_index_error(e, name, action);
            }
        } catch (const IndexError& e) {
            // A shard a stub lists that is not there (a disk not mounted, a
            // copy not made yet) is unavailable like a server that is down:
            // the index exists, a part of it cannot be read.
            const bool part = !one_plain && entries.size() > 1;
            if (part && e.kind() == IndexError::Kind::missing) {
                IndexError unavailable = missing_shard(e);
                if (!allow_missing) throw unavailable;
                if (!first_error) first_error = std::make_exception_ptr(unavailable);
                opened.missing.push_back(name);
                continue;
            }
            // A shard from a newer newsdex is not "missing": searching without it would hide the problem.
            if (!allow_missing || !part || e.kind() == IndexError::Kind::version) throw;
            if (!first_error) first_error = std::current_exception();
            opened.missing.push_back(name);
        }
    }
    if (opened.db.size() == 0 && first_error) std::rethrow_exception(first_error);
    return opened;
}

}  // namespace newsdex::detail
