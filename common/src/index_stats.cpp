/// @file index_stats.cpp
/// Searcher::stats(): what an index holds, read from value streams and
/// metadata without touching any document.
#include "stats_reader.hpp"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>

#include "index_files.hpp"
#include "newsdex/dates.hpp"
#include "newsdex/schema.hpp"
#include "languages.hpp"

namespace newsdex::detail {

namespace {

/// Counts of each value in @p slot, most first (ties by name).
std::vector<std::pair<std::string, std::size_t>> value_counts(const Xapian::Database& db, Xapian::valueno slot) {
    std::map<std::string, std::size_t> counts;
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) ++counts[*it];
    std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return sorted;
}

/// A date value (schema::slot_date) as ISO 8601: the day alone when it is midnight.
std::string date_of(const std::string& value) {
    if (value.empty()) return {};
    const auto seconds = static_cast<std::int64_t>(Xapian::sortable_unserialise(value));
    return format_iso(Timestamp{seconds, seconds % 86400 != 0});
}

/// The newest modification time of the files of the index directory @p dir.
std::filesystem::file_time_type last_write(const std::filesystem::path& dir) {
    auto newest = std::filesystem::file_time_type::min();
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        std::error_code time_ec;
        const auto time = entry.last_write_time(time_ec);
        if (!time_ec && time > newest) newest = time;
    }
    return newest;
}

std::string iso_of(std::filesystem::file_time_type time) {
    // file_time_type's clock has no portable to_time_t in C++17: shift by "now" on both clocks.
    const auto system = std::chrono::time_point_cast<std::chrono::seconds>(
        time - std::filesystem::file_time_type::clock::now() + std::chrono::system_clock::now());
    return format_iso(Timestamp{system.time_since_epoch().count(), true});
}

}  // namespace

IndexStats collect_stats(const Xapian::Database& db, const std::vector<std::string>& local_shards,
                         int schema_version) {
    IndexStats stats;
    stats.articles = db.get_doccount();
    stats.languages = value_counts(db, schema::slot_lang);
    for (auto& language : stats.languages) language.first = bcp47_case(language.first);  // stored folded
    stats.sources = value_counts(db, schema::slot_source);
    const Xapian::doccount dated = db.get_value_freq(schema::slot_date);
    stats.undated = stats.articles - std::min<std::size_t>(stats.articles, dated);
    if (dated != 0) {
        stats.first_date = date_of(db.get_value_lower_bound(schema::slot_date));
        stats.last_date = date_of(db.get_value_upper_bound(schema::slot_date));
    }
    auto newest = std::filesystem::file_time_type::min();  // (libstdc++'s file clock: its zero is in 2174)
    for (const std::string& path : local_shards) {  // remote shards' sizes are their servers' business
        std::error_code ec;
        const std::filesystem::path dir = index_directory(path);
        if (!std::filesystem::is_directory(dir, ec)) continue;
        stats.bytes += directory_bytes(dir);
        newest = std::max(newest, last_write(dir));
    }
    if (newest != std::filesystem::file_time_type::min()) stats.last_modified = iso_of(newest);
    stats.schema_version = schema_version;
    return stats;
}

}  // namespace newsdex::detail
