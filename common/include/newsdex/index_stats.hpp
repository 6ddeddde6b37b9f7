/// @file index_stats.hpp
/// What an index holds: counts, languages, sources, dates, size, schema.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace newsdex {

/// A summary of one index (or of several searched as one: counts add up).
struct IndexStats {
    std::size_t articles = 0;
    /// Articles per language tag and per source, most first (ties by name).
    std::vector<std::pair<std::string, std::size_t>> languages;
    std::vector<std::pair<std::string, std::size_t>> sources;
    std::size_t undated = 0;   ///< articles without a publication date
    std::string first_date;    ///< ISO 8601 (UTC) of the oldest dated article, "" if none
    std::string last_date;     ///< ... and of the newest
    std::uintmax_t bytes = 0;  ///< size on disk of the local indexes (remote shards count 0)
    int schema_version = 0;    ///< the oldest schema version among the indexes
    std::string last_modified; ///< ISO 8601 (UTC) of the last commit to a local index, "" if unknown
};

}  // namespace newsdex
