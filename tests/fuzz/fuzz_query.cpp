/// @file fuzz_query.cpp
/// libFuzzer target: the query path. Analyzer::prepare_query, then
/// QueryBuilder::parse against a small in-memory index, then the match
/// itself (bounded). A QueryError is a fine answer; anything else escaping is a bug.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "document_builder.hpp"
#include "newsdex/analyzer.hpp"
#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"
#include "query_builder.hpp"

namespace {

struct Index {
    newsdex::Analyzer analyzer;
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    Index() {
        newsdex::IndexWriterOptions options;
        options.extract_entities = false;
        newsdex::detail::DocumentBuilder builder(analyzer, options);
        const char* rows[][4] = {
            {"a1", "Kursk talks stall", "Troops surrendered near Kursk on Tuesday.", "2024-08-06"},
            {"a2", "Café society", "Über-naïve coöperation in the Zürich café.", "2023-01-15"},
            {"a3", "東京の天気", "東京は今日晴れです。", "2025-03-14"},
            {"a4", "ข่าวภาษาไทย", "การทดสอบภาษาไทยในข่าว", ""},
            {"a5", "Wildcards everywhere", "wild wilder wildest wilderness wildlife willow will", "2022-12-31"},
        };
        for (auto& row : rows) {
            newsdex::Article article;
            article.id = row[0];
            article.title = row[1];
            article.body = row[2];
            article.date = row[3];
            article.lang = "en";
            article.source = "Fuzz Times";
            Xapian::Document doc = builder.build(article, db);
            db.replace_document(newsdex::detail::id_term(article.id), doc);
        }
        db.set_metadata(std::string(newsdex::schema::meta_schema_version), std::to_string(newsdex::schema::version));
        db.commit();
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Index index;
    std::string query(reinterpret_cast<const char*>(data), size);
    (void)index.analyzer.prepare_query(query);
    newsdex::detail::QueryBuilder builder(index.analyzer, index.db);
    try {
        auto op = size % 2 ? newsdex::detail::DefaultOperator::all : newsdex::detail::DefaultOperator::any;
        newsdex::detail::ParsedQuery parsed = builder.parse(query, "", op);
        Xapian::Enquire enquire(index.db);
        enquire.set_query(parsed.query);
        enquire.set_time_limit(1.0);
        Xapian::MSet mset = enquire.get_mset(0, 10);
        for (auto it = mset.begin(); it != mset.end(); ++it) (void)it.get_document().get_data();
    } catch (const newsdex::QueryError&) {
        // A clear error is a fine answer to a bad query.
    }
    return 0;
}
