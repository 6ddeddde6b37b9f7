// Reliability of the library under concurrent use (issue 7): a long-lived
// Searcher in one process while another process commits, and errors that must
// stay errors (never crashes) for hostile queries.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <csignal>
#include <unistd.h>

#include <set>
#include <string>

#include "newsdex/error.hpp"
#include "newsdex/index_writer.hpp"
#include "newsdex/searcher.hpp"
#include "articles.hpp"
#include "temp_dir.hpp"

namespace {

using namespace newsdex;

const test::ArticleMaker article;

IndexWriterOptions quiet_options(std::size_t batch) {
    IndexWriterOptions options;
    options.extract_entities = false;
    options.detect_duplicates = false;
    options.batch_size = batch;
    options.threads = 1;
    return options;
}

std::size_t count(const Searcher& searcher, const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 0;
    request.snippets_per_hit = 0;
    request.exact_count = true;
    return searcher.search(request).total_estimate;
}

// The writer is another process (Xapian readers take no lock): every search of
// a long-lived Searcher answers from a committed state, never goes back, and
// sees the writer's new commits as they land, including after so many commits
// that the revision it opened is gone (DatabaseModifiedError -> reopen).
TEST(Reliability, LongLivedSearcherFollowsCommitsOfAnotherProcess) {
    test::TempDir dir;
    const auto path = dir.path() / "db";
    {
        IndexWriter writer(path, quiet_options(1));
        writer.upsert(article("seed", "Bulletin seed", "common walrus"));
        writer.commit();
    }
    Searcher searcher({path});
    ASSERT_EQ(count(searcher, "walrus"), 1u);

    constexpr int commits = 300;
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        int status = 0;
        try {
            IndexWriter writer(path, quiet_options(1));  // commits after every article
            for (int i = 0; i < commits; ++i) {
                writer.upsert(article("a" + std::to_string(i), "Bulletin a" + std::to_string(i), "common walrus number " + std::to_string(i)));
            }
            writer.commit();
        } catch (...) {
            status = 1;
        }
        _exit(status);
    }
    std::set<std::size_t> seen;
    std::size_t last = 1;
    int searches = 0;
    int status = 0;
    for (;;) {
        bool done = waitpid(child, &status, WNOHANG) == child;
        std::size_t n = 0;
        try {
            n = count(searcher, "walrus");
        } catch (const std::exception& e) {
            kill(child, SIGKILL);
            waitpid(child, nullptr, 0);
            FAIL() << "search " << searches << " threw: " << e.what();
        }
        EXPECT_GE(n, last) << "a search went back in time";
        last = n;
        seen.insert(n);
        ++searches;
        if (done) break;
    }
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    EXPECT_EQ(count(searcher, "walrus"), static_cast<std::size_t>(commits + 1));
    EXPECT_GE(seen.size(), 3u) << searches << " searches saw too few distinct commits";
}

// Hostile queries through the library: a QueryError or an answer, nothing else.
TEST(Reliability, HostileQueriesGiveAnErrorOrAnAnswer) {
    test::TempDir dir;
    {
        IndexWriter writer(dir.path() / "db", quiet_options(100));
        for (int i = 0; i < 50; ++i) writer.upsert(article("d" + std::to_string(i), "Bulletin d" + std::to_string(i), "term" + std::to_string(i) + " text"));
        writer.commit();
    }
    Searcher searcher({dir.path() / "db"});
    std::string many;
    for (int i = 0; i < 10000; ++i) many += "w" + std::to_string(i) + " ";
    std::string wildcards;
    for (int i = 0; i < 500; ++i) wildcards += std::string(1, static_cast<char>('a' + i % 26)) + "* OR ";
    wildcards += "t*";
    const std::string queries[] = {
        "\"open", "((a", "a)", "AND", "OR NOT", "+ -", "\"\"", "()", std::string("nul\0byte", 8),
        "\x01\x02\x1b[31m", "caf\xe9 \xff", "\xed\xa0\x80", many, wildcards, "t*", "*",
        std::string(100000, 'a'), std::string(3000, '(') + "a" + std::string(3000, ')'),
    };
    for (const std::string& query : queries) {
        SCOPED_TRACE(query.substr(0, 40));
        SearchRequest request;
        request.query = query;
        request.timeout_seconds = 2;
        try {
            SearchResults results = searcher.search(request);
            EXPECT_LE(results.hits.size(), 10u);
        } catch (const QueryError& e) {
            EXPECT_FALSE(std::string(e.what()).empty());
        } catch (const UsageError& e) {
            EXPECT_FALSE(std::string(e.what()).empty());
        }
    }
}

}  // namespace
