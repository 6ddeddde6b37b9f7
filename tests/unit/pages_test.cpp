// Saved news pages: the fields from the page's metadata, and the main text
// measured against hand-made pages (tests/data/pages, README there): word
// precision and recall of the body against the .txt beside each page.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <unistd.h>

#include "newsdex/readers.hpp"

namespace {

using newsdex::Article;
using newsdex::Diagnostic;
namespace fs = std::filesystem;

const fs::path pages_dir = fs::path(NEWSDEX_SOURCE_DIR) / "tests" / "data" / "pages";

struct Read {
    std::vector<Article> articles;
    std::vector<std::string> messages;
};

Read read_page(const fs::path& path) {
    Read out;
    newsdex::read_file(
        path.string(), newsdex::InputFormat::unknown, newsdex::ReadOptions{},
        [&](Article&& a) { out.articles.push_back(std::move(a)); },
        [&](const Diagnostic& d) { out.messages.push_back(d.message()); });
    return out;
}

/// Lower-cased words (ASCII letters and digits, and every non-ASCII byte) with their counts.
std::map<std::string, int> words(const std::string& text) {
    std::map<std::string, int> counts;
    std::string word;
    for (const char ch : text + " ") {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c >= 0x80) {
            word += static_cast<char>(std::tolower(c));
        } else if (!word.empty()) {
            ++counts[word];
            word.clear();
        }
    }
    return counts;
}

struct Score {
    double precision = 0, recall = 0;
};

/// Word-level precision and recall of @p extracted against @p gold (bags of words).
Score score(const std::string& extracted, const std::string& gold) {
    const auto got = words(extracted), want = words(gold);
    int common = 0, got_total = 0, want_total = 0;
    for (const auto& [word, n] : got) {
        got_total += n;
        if (auto it = want.find(word); it != want.end()) common += std::min(n, it->second);
    }
    for (const auto& [word, n] : want) want_total += n;
    return {got_total ? static_cast<double>(common) / got_total : 0,
            want_total ? static_cast<double>(common) / want_total : 0};
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(Pages, MainTextPrecisionAndRecall) {
    // Development pages were looked at while tuning; held-out pages were written
    // first and only measured.
    std::map<bool, std::vector<Score>> by_set;
    std::vector<fs::path> pages;
    for (const auto& entry : fs::directory_iterator(pages_dir)) {
        if (entry.path().extension() == ".html") pages.push_back(entry.path());
    }
    std::sort(pages.begin(), pages.end());
    ASSERT_GE(pages.size(), 8u);
    std::printf("%-24s %9s %9s\n", "page", "precision", "recall");
    for (const fs::path& page : pages) {
        Read r = read_page(page);
        ASSERT_EQ(r.articles.size(), 1u) << page;
        const Score s = score(r.articles[0].body, slurp(fs::path(page).replace_extension(".txt")));
        const bool held_out = page.filename().string().rfind("heldout-", 0) == 0;
        by_set[held_out].push_back(s);
        std::printf("%-24s %9.3f %9.3f\n", page.filename().string().c_str(), s.precision, s.recall);
        // No page may lose most of its text or take in most of the furniture.
        EXPECT_GE(s.precision, 0.8) << page << "\n" << r.articles[0].body;
        EXPECT_GE(s.recall, 0.8) << page << "\n" << r.articles[0].body;
    }
    for (const auto& [held_out, scores] : by_set) {
        double p = 0, r = 0;
        for (const Score& s : scores) {
            p += s.precision / static_cast<double>(scores.size());
            r += s.recall / static_cast<double>(scores.size());
        }
        std::printf("%-24s %9.3f %9.3f\n", held_out ? "mean, held out" : "mean, development", p, r);
        EXPECT_GE(p, 0.9);
        EXPECT_GE(r, 0.9);
    }
}

TEST(Pages, FieldsFromTheMetadata) {
    Read herald = read_page(pages_dir / "herald-floods.html");
    ASSERT_EQ(herald.articles.size(), 1u);
    const Article& a = herald.articles[0];
    EXPECT_EQ(a.title, "Flash floods kill dozens in Valencia");  // JSON-LD headline
    EXPECT_EQ(a.source, "Valencia Herald");
    EXPECT_EQ(a.url, "https://herald.example/2024/10/30/flash-floods-valencia/");  // canonical before og:url
    EXPECT_EQ(a.id, a.url);
    EXPECT_EQ(a.lang, "en-GB");
    EXPECT_EQ(a.date, "2024-10-30T07:45:00+01:00");

    Read wire = read_page(pages_dir / "wire-divs.html");
    EXPECT_EQ(wire.articles[0].title, "Dockworkers end six-week strike at Rotterdam port");  // <h1>
    EXPECT_EQ(wire.articles[0].date, "2024-11-04T16:20:00Z");  // article:published_time
    EXPECT_EQ(wire.articles[0].id, "file:wire-divs.html");  // no address: the file
    EXPECT_EQ(wire.articles[0].lang, "");

    Read gazette = read_page(pages_dir / "gazette-tables.html");  // ISO-8859-1, declared
    EXPECT_EQ(gazette.articles[0].title, "Harbour pilots reach pay deal");  // "Port Gazette ::" dropped
    EXPECT_EQ(gazette.articles[0].date, "2003-06-12");                      // <meta name="date">
    EXPECT_NE(gazette.articles[0].body.find("\u00a3300,000"), std::string::npos);

    Read courrier = read_page(pages_dir / "courrier-ecoles.html");
    EXPECT_EQ(courrier.articles[0].title, "Les \u00e9coles de Valence rouvrent leurs portes");
    EXPECT_EQ(courrier.articles[0].date, "2024-11-04T09:30:00+01:00");  // <time datetime>
    EXPECT_EQ(courrier.articles[0].lang, "fr");
    EXPECT_EQ(courrier.articles[0].url, "https://courrier.example/monde/2024/11/04/ecoles-valence");  // og:url

    Read zeitung = read_page(pages_dir / "heldout-zeitung.html");
    EXPECT_EQ(zeitung.articles[0].title, "Bahnstreik legt Fernverkehr in ganz Deutschland lahm");  // @graph
    EXPECT_EQ(zeitung.articles[0].source, "Nordkurier Zeitung");  // JSON-LD publisher
    EXPECT_EQ(zeitung.articles[0].url, "https://nordkurier.example/wirtschaft/bahnstreik-2024-03-07");

    Read broken = read_page(pages_dir / "coast-broken.html");
    EXPECT_EQ(broken.articles[0].title, "Wildfire forces evacuation of hill villages");
    ASSERT_TRUE(broken.articles[0].published);  // an RFC 822 date in article:published_time
    EXPECT_EQ(broken.articles[0].published->seconds, 1723909200);
}

TEST(Pages, RecognisedByContentAndUnusablePagesSkipped) {
    fs::path dir = fs::temp_directory_path() / ("newsdex-pages-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "saved.txt") << "<!DOCTYPE html><html><head><title>A page</title></head><body>"
                                        "<p>Saved under a text name, read as a page all the same because its "
                                        "first element says so.</p></body></html>";
    std::ofstream(dir / "empty.html") << "<html><body><script>only()</script></body></html>";
    Read saved = read_page(dir / "saved.txt");
    ASSERT_EQ(saved.articles.size(), 1u);
    EXPECT_EQ(saved.articles[0].title, "A page");
    EXPECT_EQ(saved.articles[0].body.rfind("Saved under a text name", 0), 0u);
    Read empty = read_page(dir / "empty.html");
    EXPECT_TRUE(empty.articles.empty());
    ASSERT_EQ(empty.messages.size(), 1u);
    EXPECT_EQ(empty.messages[0], (dir / "empty.html").string() + ": page has no title and no main text");
    fs::remove_all(dir);
}

}  // namespace
