/// @file compaction.cpp
/// Compacting an index into a sibling directory and swapping the copy in.
#include <string>

#include "index_files.hpp"
#include "index_writer_impl.hpp"
#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"
#include "sharded_writer.hpp"
#include "xapian_errors.hpp"

namespace newsdex {

std::string IndexWriter::Impl::swap_in_and_reopen(const std::filesystem::path& built) {
    if (std::string why = detail::swap_in(built, detail::index_directory(path)); !why.empty()) return why;
    // The old index (and this writer's lock) now live at `built`: move over to the new one.
    try {
        db = Xapian::WritableDatabase(path, open_flags);
    } catch (const Xapian::Error& e) {
        detail::rethrow_index_error(e, path, "reopening after swapping in the rebuilt index");
    }
    return {};
}

CompactionResult IndexWriter::compact_fresh_build() {
    namespace fs = std::filesystem;
    if (impl_->sharded) return impl_->sharded->compact_fresh_build();
    Impl& w = *impl_;
    CompactionResult result;
    if (w.bulk) commit();
    if (w.merged) {
        // A parallel build was merged (and so compacted) by commit().
        if (w.options.compact_min_articles != 0 && w.stats.added >= w.options.compact_min_articles) return *w.merged;
        return result;
    }
    if (!w.fresh || w.options.compact_min_articles == 0) return result;
    w.drain(true);
    if (w.stats.added < w.options.compact_min_articles) return result;
    commit();  // durable before anything else happens

    return w.compact_in_place();
}

CompactionResult IndexWriter::compact() {
    if (impl_->sharded) return impl_->sharded->compact();
    commit();  // durable (and a parallel build merged) before anything else happens
    return impl_->compact_in_place();
}

CompactionResult IndexWriter::Impl::compact_in_place() {
    namespace fs = std::filesystem;
    CompactionResult result;
    const fs::path target = detail::index_directory(path);
    if (!detail::swappable(target)) {
        result.skipped = "the index is not a plain directory";
        return result;
    }
    // A leftover from a run that died mid-compaction is ours to remove: we hold the lock.
    const fs::path temp = detail::swap_path_beside(target);
    std::error_code ec;
    fs::remove_all(temp, ec);
    result.bytes_before = detail::directory_bytes(target);
    auto give_up = [&](std::string why) {
        std::error_code ignored;
        fs::remove_all(temp, ignored);
        result.skipped = std::move(why);
        return result;
    };
    try {
        Xapian::Database source(path);
        source.compact(temp.string(), Xapian::DBCOMPACT_NO_RENUMBER);
        Xapian::Database check(temp.string());
        const std::string version_key(schema::meta_schema_version);
        if (check.get_doccount() != source.get_doccount() || check.get_lastdocid() != source.get_lastdocid() ||
            check.get_metadata(version_key) != source.get_metadata(version_key)) {
            return give_up("the compacted copy does not match the index");
        }
    } catch (const Xapian::Error& e) {
        // The index itself is complete and untouched (disk full while copying, ...).
        return give_up("compacting failed: " + e.get_description());
    }
    if (std::string why = swap_in_and_reopen(temp); !why.empty()) return give_up(std::move(why));
    committed = Xapian::Database();
    reset_lookup();
    fs::remove_all(temp, ec);
    result.bytes_after = detail::directory_bytes(target);
    result.compacted = true;
    return result;
}

}  // namespace newsdex
