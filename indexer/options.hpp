/// @file options.hpp
/// newsdex-index command line -> IndexOptions (unit-testable without a process).
#pragma once

#include <cstddef>
#include <chrono>
#include <string>
#include <vector>

#include "newsdex/readers.hpp"

namespace newsdex::indexer {

struct IndexOptions {
    std::string db;                      ///< --db, else $NEWSDEX_DB, else ./newsdex.db
    std::vector<std::string> inputs;     ///< files, directories or "-"
    std::string default_language = "en"; ///< --lang: for articles without "lang" (new indexes)
    std::size_t batch_size = 2000;
    std::size_t max_word_bytes = 64;     ///< --max-word-bytes: for new indexes
    unsigned threads = 0;                ///< --threads: analysis and (new indexes) writer threads, 0 = one per core
    std::size_t memory_limit = 0;        ///< --memory in bytes, 0 = no limit beyond --batch-size
    bool entities = true;
    std::string aliases_file;            ///< --aliases FILE: user alias table added to the built-in one
    /// Detect the language of articles without "lang"; off with --no-detect-language or an explicit --lang.
    bool detect_language = true;
    bool duplicates = true;
    bool wait_for_lock = false;
    unsigned shards = 0;                 ///< --shards N: a new index of N shards (0 = one database, or as it is)
    /// Compact the index after a fresh build of at least this many articles
    /// (--no-compact: 0 = never; $NEWSDEX_COMPACT_MIN_ARTICLES overrides the default).
    std::size_t compact_min_articles = 2000;
    /// Build a new index with parallel writers (merged = compacted); off with --no-compact.
    bool parallel_writers = true;
    /// ... when the input files add up to at least this many bytes (about 2,000
    /// wire stories): smaller builds commit batch by batch with one writer
    /// ($NEWSDEX_PARALLEL_MIN_BYTES overrides; stdin counts as 0 bytes).
    std::size_t parallel_min_input_bytes = std::size_t(4) << 20;
    bool verbose = false;
    bool quiet = false;
    bool extract_entities = false;       ///< print entities as JSONL instead of indexing
    bool compact = false;                ///< --compact: compact the index (after indexing INPUT, if any)
    bool delete_ids = false;             ///< --delete: the positional arguments are article ids to delete
    std::string delete_from;             ///< --delete-from FILE: ids to delete, one per line ("-" = stdin)
    std::string watch_dir;               ///< --watch DIR: index files as they appear in DIR, until interrupted
    /// --watch: commit once no file has come for this long (or at --batch-size articles).
    std::chrono::milliseconds watch_quiet{1000};
    bool show_help = false;
    bool show_version = false;
    ReadOptions read;
    std::string help_text;
};

/// "512M", "2G", "100000K" or plain bytes -> bytes. @throws UsageError.
std::size_t parse_byte_size(const std::string& text);

/// @throws UsageError (or cxxopts exceptions) for bad arguments.
IndexOptions parse_index_options(int argc, const char* const* argv);

}  // namespace newsdex::indexer
