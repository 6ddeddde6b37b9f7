#include "options.hpp"

#include <cxxopts.hpp>

#include <cstdlib>

#include "newsdex/error.hpp"
#include "run_main.hpp"

namespace newsdex::indexer {

std::size_t parse_byte_size(const std::string& text) {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    std::string unit = text.substr(digits);
    if (!unit.empty() && (unit.back() == 'B' || unit.back() == 'b')) unit.pop_back();
    std::size_t shift = 0;
    if (unit == "K" || unit == "k") shift = 10;
    else if (unit == "M" || unit == "m") shift = 20;
    else if (unit == "G" || unit == "g") shift = 30;
    else if (!unit.empty()) digits = 0;
    if (digits == 0 || digits > 12) {
        throw UsageError("--memory must be a size like 512M or 2G, not \"" + text + "\"");
    }
    return static_cast<std::size_t>(std::stoull(text.substr(0, digits))) << shift;
}

IndexOptions parse_index_options(int argc, const char* const* argv) {
    cxxopts::Options spec("newsdex-index", "Index news articles into a newsdex (Xapian) index.");
    spec.custom_help("[OPTION...]");
    spec.positional_help("INPUT...");
    spec.add_options()
        ("d,db", "index directory (default: $NEWSDEX_DB, else ./newsdex.db)", cxxopts::value<std::string>())
        ("lang", "language of articles without a \"lang\" field (default: detected from the text, else en)",
         cxxopts::value<std::string>()->default_value("en"))
        ("no-detect-language", "do not detect the language of articles without a \"lang\" field")
        ("batch-size", "articles per commit", cxxopts::value<std::size_t>()->default_value("2000"))
        ("threads", "threads for analysis and, building a new index, for writing (default: one per core)", cxxopts::value<std::string>())
        ("memory", "keep memory use under about this much, e.g. 512M or 2G (0 = no limit beyond --batch-size)",
         cxxopts::value<std::string>()->default_value("0"))
        ("max-word-bytes", "longer words are not indexed (new indexes; an index keeps its own)",
         cxxopts::value<std::size_t>()->default_value("64"))
        ("max-article-bytes", "skip JSONL records and text files larger than this (at most 1 GiB)",
         cxxopts::value<std::size_t>()->default_value("16777216"))
        ("no-entities", "do not extract people, places and organisations")
        ("aliases", "add this alias table to the built-in one: lines type<TAB>canonical<TAB>alias|alias... "
                    "(type person, place or org)", cxxopts::value<std::string>(), "FILE")
        ("no-dedup", "do not detect near-duplicate stories")
        ("no-compact", "do not compact a freshly built index (compaction: about 40% smaller, "
                       "done after building an empty index with 2000 or more articles); "
                       "also builds it with one writer, committing every batch")
        ("wait", "wait for another writer to finish instead of failing")
        ("shards", "create the index as N shard databases and a stub file listing them (an existing "
                   "sharded index keeps its count; another N is refused)", cxxopts::value<unsigned>()->default_value("0"))
        ("extract-entities", "print each article's entities as JSON Lines; index nothing")
        ("compact", "compact the index in place (after indexing INPUT, if given): after updates and "
                    "deletions an index is never compacted otherwise; an atomic swap, so a crash leaves the old or the new one")
        ("delete", "delete the articles whose ids are given instead of INPUT")
        ("watch", "index the files in DIR, then every file written, moved or copied into it (inotify), "
                  "committing in batches, until SIGINT/SIGTERM", cxxopts::value<std::string>())
        ("delete-from", "delete the articles whose ids FILE lists, one per line (- for stdin)",
         cxxopts::value<std::string>(), "FILE")
        ("v,verbose", "report each file read")
        ("q,quiet", "no summary")
        ("h,help", "show this help")
        ("version", "show the version");
    // INPUTs and --delete ids are the arguments left over, each taken whole:
    // a cxxopts positional vector would split "a,b.jsonl" or an id "x,y" at its comma.
    auto result = spec.parse(argc, argv);

    IndexOptions options;
    options.help_text = spec.help() +
        "\nINPUT is a JSONL file (one article per line: id, title, body, date, source, url, lang),\n"
        "a .txt/.md file (first non-empty line is the title), a directory (read recursively),\n"
        "or - for JSONL on standard input. With --delete, the arguments are article ids.\n\n"
        "Exit status: 0 all indexed (or deleted); 1 some input skipped or repaired, or an id to\n"
        "delete not in the index (see messages);\n"
        "2 usage error (also --shards N on an index of another count); 65 nothing could be indexed; 66 no input found; 73 index not writable;\n"
        "74 index corrupt or newer, disk full or I/O error; 75 index locked by another writer;\n"
        "130 interrupted (SIGINT/SIGTERM: committed what was read; a second signal exits at once).\n";
    options.show_help = result.count("help") > 0;
    options.show_version = result.count("version") > 0;
    if (options.show_help || options.show_version) return options;

    options.db = result.count("db") ? result["db"].as<std::string>() : cli::default_db();
    options.default_language = result["lang"].as<std::string>();
    if (!is_language_tag(options.default_language)) {
        throw UsageError("--lang must be a BCP 47 language tag such as en, fr or zh-Hans, not \"" +
                         options.default_language + "\"");
    }
    options.batch_size = result["batch-size"].as<std::size_t>();
    options.threads = 0;  // one per core
    if (result.count("threads")) {
        const std::string text = result["threads"].as<std::string>();
        const bool digits = !text.empty() && text.size() <= 4 &&
                            text.find_first_not_of("0123456789") == std::string::npos;
        if (!digits) throw UsageError("--threads must be a whole number (0 = one per core), not \"" + text + "\"");
        options.threads = static_cast<unsigned>(std::stoul(text));
    }
    // Thresholds for tests and experiments; not worth a flag.
    auto number_from_env = [](const char* name, std::size_t& value) {
        const char* env = std::getenv(name);
        if (env == nullptr || *env == '\0') return;
        char* end = nullptr;
        unsigned long long parsed = std::strtoull(env, &end, 10);
        if (*end != '\0') throw UsageError(std::string(name) + " must be a number");
        value = static_cast<std::size_t>(parsed);
    };
    number_from_env("NEWSDEX_COMPACT_MIN_ARTICLES", options.compact_min_articles);
    number_from_env("NEWSDEX_PARALLEL_MIN_BYTES", options.parallel_min_input_bytes);
    if (result.count("no-compact")) {
        options.compact_min_articles = 0;
        options.parallel_writers = false;
    }
    options.memory_limit = result["memory"].as<std::string>() == "0" ? 0 : parse_byte_size(result["memory"].as<std::string>());
    options.read.max_article_bytes = result["max-article-bytes"].as<std::size_t>();
    options.max_word_bytes = result["max-word-bytes"].as<std::size_t>();
    if (options.max_word_bytes < 4 || options.max_word_bytes > 240) {
        throw UsageError("--max-word-bytes must be between 4 and 240");
    }
    options.entities = result.count("no-entities") == 0;
    if (result.count("aliases")) options.aliases_file = result["aliases"].as<std::string>();
    options.duplicates = result.count("no-dedup") == 0;
    // --lang says what language the articles without one are in: believe it.
    options.detect_language = result.count("no-detect-language") == 0 && result.count("lang") == 0;
    options.wait_for_lock = result.count("wait") > 0;
    options.shards = result["shards"].as<unsigned>();
    if (options.shards > 1024) throw UsageError("--shards must be between 1 and 1024");
    options.extract_entities = result.count("extract-entities") > 0;
    options.compact = result.count("compact") > 0;
    options.delete_ids = result.count("delete") > 0;
    if (result.count("delete-from")) options.delete_from = result["delete-from"].as<std::string>();
    options.verbose = result.count("verbose") > 0;
    options.quiet = result.count("quiet") > 0;
    options.inputs = result.unmatched();
    if (result.count("watch")) {
        options.watch_dir = result["watch"].as<std::string>();
        if (options.watch_dir.empty()) throw UsageError("--watch needs a DIR");
        if (!options.inputs.empty()) throw UsageError("--watch reads DIR: give no INPUT");
        for (const char* other : {"delete", "delete-from", "compact", "extract-entities"}) {
            if (result.count(other)) throw UsageError(std::string("--watch and --") + other + " cannot be combined");
        }
        // Each batch is committed as it comes: one writer, and no end to compact at.
        options.parallel_writers = false;
        options.compact_min_articles = 0;
    } else if (options.delete_ids || !options.delete_from.empty()) {
        if (options.extract_entities) throw UsageError("--delete and --extract-entities cannot be combined");
        if (!options.delete_ids && !options.inputs.empty()) {
            throw UsageError("--delete-from takes its ids from FILE; give --delete too to add ids on the command line");
        }
        if (options.inputs.empty() && options.delete_from.empty()) throw UsageError("--delete needs at least one ID");
        if (options.compact) throw UsageError("--compact and --delete: delete first, then compact in a second run");
    } else if (options.inputs.empty() && !options.compact) {
        throw UsageError("no INPUT given (a file, a directory, or - for stdin)");
    }
    if (options.compact && result.count("no-compact")) throw UsageError("--compact and --no-compact contradict each other");
    if (options.batch_size == 0) throw UsageError("--batch-size must be at least 1");
    // ICU and the UTF-8 repair index text with 32-bit offsets: keep well below 2 GiB.
    if (options.read.max_article_bytes == 0 || options.read.max_article_bytes > (std::size_t(1) << 30)) {
        throw UsageError("--max-article-bytes must be between 1 and 1073741824 (1 GiB)");
    }
    if (options.db.empty()) throw UsageError("--db must not be empty");
    return options;
}

}  // namespace newsdex::indexer
