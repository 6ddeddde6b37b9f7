/// @file bulk_build.cpp
/// A bulk build into an empty index: stubs for look-ups, documents to
/// parallel segment writers, one merge and one swap at the end.
#include <malloc.h>

#include <string>
#include <vector>

#include "index_files.hpp"
#include "index_writer_impl.hpp"
#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"

namespace newsdex {

namespace detail {

Xapian::Document cluster_stub(const Xapian::Document& doc, const std::string& id_term) {
    Xapian::Document stub;
    stub.add_boolean_term(id_term);
    const std::string prefix(schema::prefix_signature);
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        it.skip_to(prefix);
        if (it == doc.termlist_end() || (*it).compare(0, prefix.size(), prefix) != 0) break;
        stub.add_boolean_term(*it);
    }
    stub.add_value(schema::slot_signature, doc.get_value(schema::slot_signature));
    stub.add_value(schema::slot_cluster, doc.get_value(schema::slot_cluster));
    return stub;
}

BulkBuild::BulkBuild(std::filesystem::path build_dir, unsigned threads) : dir(std::move(build_dir)) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);  // left by a run that died: ours, we hold the lock
    std::filesystem::create_directory(dir);
    stubs = Xapian::WritableDatabase(lookup_path(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    writers = std::make_unique<SegmentWriters>(dir, threads);
}

BulkBuild::~BulkBuild() {
    writers.reset();
    try {
        stubs.close();
        replacements.close();
    } catch (const Xapian::Error&) {
        // Only temporary files are at stake; they are removed below.
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

Xapian::docid BulkBuild::write(const std::string& id_term, Xapian::Document& doc, const Xapian::Document& stub,
                               bool existed) {
    if (!existed) {
        const Xapian::docid docid = stubs.add_document(stub);
        segment.emplace_back(docid, std::move(doc));
        return docid;
    }
    // Already in a segment (maybe one being written): applied after the merge.
    const Xapian::docid docid = stubs.replace_document(id_term, stub);
    if (!has_replacements) {
        replacements =
            Xapian::WritableDatabase((dir / "replacements").string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
        has_replacements = true;
    }
    replacements.replace_document(docid, doc);
    // Every version counts, as with one writer (merge_bulk() copies the counts).
    add_spellings(replacements, doc);
    return docid;
}

namespace {

/// Applies the later versions of repeated ids (and their spellings) to @p merged.
void apply_replacements(Xapian::WritableDatabase& merged, Xapian::WritableDatabase& replacements) {
    for (auto it = replacements.postlist_begin(""); it != replacements.postlist_end(""); ++it) {
        merged.replace_document(*it, replacements.get_document(*it));
    }
    for (auto it = replacements.spellings_begin(); it != replacements.spellings_end(); ++it) {
        merged.add_spelling(*it, it.get_termfreq());
    }
}

}  // namespace

}  // namespace detail

void IndexWriter::Impl::merge_bulk() {
    namespace fs = std::filesystem;
    detail::BulkBuild& b = *bulk;
    CompactionResult result;
    const std::vector<fs::path> segments = b.writers->finish();
    b.writers.reset();
    // The writer threads' heaps are free now: give them back before the
    // merge needs its own (memory_limit counts the whole process).
    ::malloc_trim(0);
    const Xapian::doccount expected = b.stubs.get_doccount();
    const Xapian::docid last = b.stubs.get_lastdocid();
    if (b.has_replacements) b.replacements.commit();
    if (!segments.empty()) {
        const fs::path merged_path = b.dir / "merged";
        Xapian::Database sources(path);  // no documents, but the index's metadata
        Xapian::Database documents;
        for (const fs::path& segment : segments) {
            result.bytes_before += detail::directory_bytes(segment);
            documents.add_database(Xapian::Database(segment.string()));
        }
        sources.add_database(documents);
        // The spelling table, made once from the segments' terms, is one more
        // (document-less) source, so the compactor writes it packed too.
        const fs::path spellings_path = b.dir / "spellings";
        {
            Xapian::WritableDatabase spellings(spellings_path.string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
            detail::add_spellings_of_terms(spellings, documents);
            spellings.commit();
        }
        sources.add_database(Xapian::Database(spellings_path.string()));
        // Disjoint docid ranges (SegmentWriters): no renumbering needed. One
        // pass over all the segments: DBCOMPACT_MULTIPASS (merging posting
        // lists a few segments at a time through temporary files) wrote the
        // same bytes with 1.6x the CPU over 11 Reuters x1 segments and 2.4x
        // over 110 (BENCHMARKS.md), and this step runs on one core.
        sources.compact(merged_path.string(), Xapian::DBCOMPACT_NO_RENUMBER);
        {
            Xapian::WritableDatabase merged(merged_path.string(), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
            if (b.has_replacements) detail::apply_replacements(merged, b.replacements);
            merged.commit();
            if (merged.get_doccount() != expected || merged.get_lastdocid() != last) {
                throw IndexError(IndexError::Kind::other, path,
                                 "merging the parallel build gave " + std::to_string(merged.get_doccount()) +
                                     " articles instead of " + std::to_string(expected));
            }
        }
        // The path holds the empty index until it holds the full one.
        if (std::string why = swap_in_and_reopen(merged_path); !why.empty()) {
            throw IndexError(IndexError::Kind::io, path, "cannot swap in the merged index: " + why);
        }
        result.bytes_after = detail::directory_bytes(detail::index_directory(path));
        result.compacted = true;
    }
    bulk.reset();
    merged = result;
    fresh = false;
    committed = Xapian::Database();
    reset_lookup();
}

}  // namespace newsdex
