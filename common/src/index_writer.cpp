#include "newsdex/index_writer.hpp"

#include <xapian.h>

#include <cstdio>
#include <unordered_set>

#include "document_builder.hpp"
#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"
#include "xapian_errors.hpp"

namespace newsdex {

std::string content_id(const Article& article) {
    // FNV-1a 64 over title and body: stable across runs, platforms and versions.
    std::uint64_t hash = 1469598103934665603ULL;
    auto mix = [&](std::string_view s) {
        for (unsigned char c : s) {
            hash ^= c;
            hash *= 1099511628211ULL;
        }
        hash ^= 0xff;
        hash *= 1099511628211ULL;
    };
    mix(article.title);
    mix(article.body);
    char buffer[20];
    std::snprintf(buffer, sizeof buffer, "h%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

struct IndexWriter::Impl {
    std::string path;
    IndexWriterOptions options;
    Xapian::WritableDatabase db;
    std::unique_ptr<detail::DocumentBuilder> builder;
    std::size_t pending = 0;
};

IndexWriter::IndexWriter(const std::filesystem::path& path, IndexWriterOptions options)
    : impl_(std::make_unique<Impl>()) {
    impl_->path = path.string();
    impl_->options = options;
    int flags = Xapian::DB_CREATE_OR_OPEN;
    if (!options.sync) flags |= Xapian::DB_NO_SYNC;
    if (options.wait_for_lock) flags |= Xapian::DB_RETRY_LOCK;
    try {
        impl_->db = Xapian::WritableDatabase(impl_->path, flags);
        std::string version = impl_->db.get_metadata(std::string(schema::meta_schema_version));
        AnalyzerSettings settings = options.analyzer;
        if (version.empty()) {
            if (impl_->db.get_doccount() != 0) {
                throw IndexError(IndexError::Kind::other, impl_->path,
                                 "is a Xapian database but not a newsdex index (no schema version)");
            }
            impl_->db.set_metadata(std::string(schema::meta_schema_version), std::to_string(schema::version));
            impl_->db.set_metadata(std::string(schema::meta_analyzer), settings.serialise());
            impl_->db.commit();
        } else {
            detail::check_schema_version(impl_->path, version);
            settings = AnalyzerSettings::unserialise(impl_->db.get_metadata(std::string(schema::meta_analyzer)));
        }
        impl_->builder = std::make_unique<detail::DocumentBuilder>(Analyzer(settings), options);
    } catch (const Xapian::Error& e) {
        detail::rethrow_index_error(e, impl_->path, "opening for writing");
    }
}

IndexWriter::~IndexWriter() {
    if (!impl_) return;
    try {
        if (impl_->pending) impl_->db.commit();
    } catch (...) {
        // A destructor must not throw; callers who care call commit() first.
    }
}

IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;

UpsertResult IndexWriter::upsert(Article article) {
    if (article.id.empty()) article.id = content_id(article);
    try {
        std::string id_term = detail::id_term(article.id);
        bool existed = impl_->db.term_exists(id_term);
        Xapian::Document doc = impl_->builder->build(article, impl_->db);
        impl_->db.replace_document(id_term, doc);
        if (++impl_->pending >= impl_->options.batch_size) commit();
        return existed ? UpsertResult::replaced : UpsertResult::added;
    } catch (const Xapian::Error& e) {
        detail::rethrow_index_error(e, impl_->path, "adding article \"" + article.id + "\"");
    }
}

void IndexWriter::commit() {
    try {
        impl_->db.commit();
        impl_->pending = 0;
    } catch (const Xapian::Error& e) {
        detail::rethrow_index_error(e, impl_->path, "committing");
    }
}

std::size_t IndexWriter::article_count() const { return impl_->db.get_doccount(); }

}  // namespace newsdex
