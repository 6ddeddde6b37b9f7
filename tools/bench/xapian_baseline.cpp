// xapian-baseline: what a user of plain Xapian would write (issue 6 baseline).
//   xapian-baseline index DB CORPUS.jsonl
//     TermGenerator, English stemmer (STEM_SOME), positions, title as S-prefixed
//     and unprefixed text, Q id term, default flush, add_document, one commit.
//   xapian-baseline search DB QUERIES.txt [--no-snippets]
//     QueryParser (English stemmer, STEM_SOME, default op AND like newsdex,
//     title: -> S), Enquire top-10, MSet::snippet of each hit's body.
//     Prints one line per query: microseconds, hits, estimate.
#include <xapian.h>


#include "bench_common.hpp"

namespace {

// Stored data: title \n body (like a typical simpleindex-style app).
int index_corpus(const std::string& db_path, const std::string& corpus) {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    std::size_t n = bench::for_each_record(corpus, [&](const bench::Record& r) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(r.title, 1, "S");
        tg.index_text(r.title);
        tg.increase_termpos();
        tg.index_text(r.body);
        doc.set_data(r.title + "\n" + r.body);
        doc.add_boolean_term("Q" + r.id);
        db.add_document(doc);
    });
    db.commit();
    std::cerr << "xapian-baseline: indexed " << n << " articles\n";
    return 0;
}

int search(const std::string& db_path, const std::string& queries_path, bool snippets) {
    Xapian::Database db(db_path);
    Xapian::Stem stem("english");
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.add_prefix("title", "S");
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT;
    Xapian::Enquire enquire(db);
    for (const std::string& q : bench::read_queries(queries_path)) {
        double t0 = bench::now_us();
        double c0 = bench::thread_cpu_us();
        Xapian::doccount hits = 0, estimate = 0;
        std::size_t bytes = 0;
        try {
            Xapian::Query query = qp.parse_query(q, flags);
            enquire.set_query(query);
            Xapian::MSet mset = enquire.get_mset(0, 10);
            hits = mset.size();
            estimate = mset.get_matches_estimated();
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                std::string data = it.get_document().get_data();
                auto nl = data.find('\n');
                std::string body = nl == std::string::npos ? data : data.substr(nl + 1);
                if (snippets) {
                    bytes += mset.snippet(body, 200, stem, Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                                                            Xapian::MSet::SNIPPET_EXHAUSTIVE).size();
                } else {
                    bytes += nl;
                }
            }
        } catch (const Xapian::Error& e) {
            std::cerr << "xapian-baseline: " << q << ": " << e.get_description() << "\n";
        }
        double t1 = bench::now_us();
        double c1 = bench::thread_cpu_us();
        std::printf("%.1f\t%u\t%u\t%zu\t%.1f\n", t1 - t0, hits, estimate, bytes, c1 - c0);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return bench::baseline_main("xapian-baseline", argc, argv, index_corpus, search);
    } catch (const Xapian::Error& e) {  // not a std::exception
        std::cerr << "xapian-baseline: " << e.get_description() << "\n";
    }
    return 1;
}
