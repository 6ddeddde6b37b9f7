// fts5-bench: the SQLite FTS5 baseline of issue 6.
//   fts5-bench index DB.sqlite CORPUS.jsonl
//     fts5(id UNINDEXED, title, body, tokenize='porter unicode61'), one transaction.
//   fts5-bench search DB.sqlite QUERIES.txt [--no-snippets]
//     ORDER BY bm25() LIMIT 10 with snippet() of the body; one line per query:
//     microseconds, hits, -1 (FTS5 gives no estimate), snippet bytes.
// Queries use newsdex syntax; words become FTS5 strings ("word"), "phrases" stay
// phrases, AND/OR/NOT stay operators and title:word becomes title : "word".
#include <sqlite3.h>


#include "bench_common.hpp"

namespace {

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

std::string fts5_quote(const std::string& word) {
    std::string out = "\"";
    for (char c : word) {
        if (c == '"') out += "\"\"";
        else out += c;
    }
    return out + "\"";
}

/// newsdex query syntax -> FTS5 MATCH syntax (the subset the bench queries use).
std::string to_fts5(const std::string& q) {
    std::string out;
    std::size_t i = 0;
    auto append = [&](const std::string& part) {
        if (!out.empty()) out += ' ';
        out += part;
    };
    while (i < q.size()) {
        if (q[i] == ' ') { ++i; continue; }
        std::string column;
        if (q.compare(i, 6, "title:") == 0) { column = "title : "; i += 6; }
        if (i < q.size() && q[i] == '"') {
            std::size_t end = q.find('"', i + 1);
            if (end == std::string::npos) end = q.size();
            std::string phrase = q.substr(i + 1, end - i - 1);
            append(column + fts5_quote(phrase));
            i = end + 1;
            continue;
        }
        std::size_t end = q.find(' ', i);
        if (end == std::string::npos) end = q.size();
        std::string word = q.substr(i, end - i);
        i = end;
        if (word == "AND" || word == "OR" || word == "NOT") append(word);
        else if (!word.empty()) append(column + fts5_quote(word));
    }
    return out;
}

int index_corpus(const std::string& path, const std::string& corpus) {
    std::remove(path.c_str());
    sqlite3* db = nullptr;
    check(sqlite3_open(path.c_str(), &db), db, "open");
    check(sqlite3_exec(db, "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='porter unicode61');"
                           "BEGIN;", nullptr, nullptr, nullptr), db, "create");
    sqlite3_stmt* insert = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO docs(id, title, body) VALUES (?, ?, ?)", -1, &insert, nullptr), db, "prepare");
    std::size_t n = bench::for_each_record(corpus, [&](const bench::Record& r) {
        sqlite3_bind_text(insert, 1, r.id.data(), static_cast<int>(r.id.size()), SQLITE_STATIC);
        sqlite3_bind_text(insert, 2, r.title.data(), static_cast<int>(r.title.size()), SQLITE_STATIC);
        sqlite3_bind_text(insert, 3, r.body.data(), static_cast<int>(r.body.size()), SQLITE_STATIC);
        check(sqlite3_step(insert), db, "insert");
        sqlite3_reset(insert);
    });
    sqlite3_finalize(insert);
    check(sqlite3_exec(db, "COMMIT;", nullptr, nullptr, nullptr), db, "commit");
    sqlite3_close(db);
    std::cerr << "fts5-bench: indexed " << n << " articles\n";
    return 0;
}

int search(const std::string& path, const std::string& queries_path, bool snippets) {
    sqlite3* db = nullptr;
    check(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), db, "open");
    const char* sql = snippets
        ? "SELECT id, title, snippet(docs, 2, '[', ']', '...', 32) FROM docs WHERE docs MATCH ? "
          "ORDER BY bm25(docs, 0.0, 3.0, 1.0) LIMIT 10"
        : "SELECT id, title, '' FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0.0, 3.0, 1.0) LIMIT 10";
    sqlite3_stmt* stmt = nullptr;
    check(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), db, "prepare");
    for (const std::string& q : bench::read_queries(queries_path)) {
        std::string match = to_fts5(q);
        double t0 = bench::now_us();
        double c0 = bench::thread_cpu_us();
        sqlite3_bind_text(stmt, 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
        int hits = 0;
        std::size_t bytes = 0;
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            ++hits;
            bytes += static_cast<std::size_t>(sqlite3_column_bytes(stmt, 2));
        }
        if (rc != SQLITE_DONE) std::cerr << "fts5-bench: " << match << ": " << sqlite3_errmsg(db) << "\n";
        sqlite3_reset(stmt);
        double t1 = bench::now_us();
        double c1 = bench::thread_cpu_us();
        std::printf("%.1f\t%d\t-1\t%zu\t%.1f\n", t1 - t0, hits, bytes, c1 - c0);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return bench::baseline_main("fts5-bench", argc, argv, index_corpus, search); }
