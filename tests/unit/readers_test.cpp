// Input readers of newsdex-index: every bad-input case gives one precise
// diagnostic and never costs the good records around it.
#include "newsdex/readers.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <cxxopts.hpp>

#include "newsdex/error.hpp"
#include "readers/input.hpp"
#include "options.hpp"
#include "temp_dir.hpp"

namespace {

using newsdex::Article;
using newsdex::Diagnostic;
using newsdex::ReadOptions;

struct RecordRow {
    const char* line;
    const char* problem;  ///< "" = accepted
    const char* id;
    const char* title;
    const char* repairs;  ///< repairs joined with " | "
};

class JsonlRecord : public ::testing::TestWithParam<RecordRow> {};

TEST_P(JsonlRecord, ParsesOrNamesTheProblem) {
    const RecordRow& row = GetParam();
    std::string line = row.line;
    Article article;
    std::vector<std::string> repairs;
    EXPECT_EQ(newsdex::parse_jsonl_record(line, article, repairs), row.problem);
    std::string joined;
    for (const auto& r : repairs) joined += (joined.empty() ? "" : " | ") + r;
    EXPECT_EQ(joined, row.repairs);
    if (std::string(row.problem).empty()) {
        EXPECT_EQ(article.id, row.id);
        EXPECT_EQ(article.title, row.title);
    }
}

INSTANTIATE_TEST_SUITE_P(
    BadInput, JsonlRecord,
    ::testing::Values(
        RecordRow{R"({"id":"a","title":"T","body":"B","date":"2025-03-14","lang":"en","extra":[1,2]})", "", "a", "T", ""},
        RecordRow{R"({"id":42,"title":"T","body":"B"})", "", "42", "T", ""},
        RecordRow{R"({"title":"T","body":"B","source":null})", "", "", "T", ""},
        RecordRow{R"({"id":"a","title":"broken)", "malformed JSON: A string is opened, but never closed.", "", "", ""},
        RecordRow{R"(["array"])", "expected a JSON object, found an array", "", "", ""},
        RecordRow{R"({"id":{"x":1},"title":"T"})", "field \"id\" must be a string or an integer, not an object", "", "", ""},
        RecordRow{R"({"id":"a","title":7,"body":"B"})", "field \"title\" must be a string, not a number", "", "", ""},
        RecordRow{R"({"id":"a","title":"T","body":["B"]})", "field \"body\" must be a string, not an array", "", "", ""},
        RecordRow{R"({"id":"a","title":"","body":""})", "empty record (no title and no body); left out", "", "", ""},
        // A headline-only article is news, not a repair (issue 14): a notice, see ReadJsonl below.
        RecordRow{R"({"id":"a","title":"T"})", "", "a", "T", ""},
        RecordRow{R"({"id":"a","title":"T","body":"B","lang":"xx-!!"})", "", "a", "T",
                  "field \"lang\" is not a BCP 47 language tag: \"xx-!!\"; indexed in the default language (--lang)"},
        RecordRow{R"({"id":"a","title":"T","body":"B","lang":"zh-Hans"})", "", "a", "T", ""},
        RecordRow{R"({"id":"a","title":"T","body":"B","date":"31/02/2007"})", "", "a", "T",
                  "field \"date\" is not an ISO 8601 date: \"31/02/2007\"; indexed without a date"},
        RecordRow{R"({"id":"a","title":"T","body":"B","date":2025})", "", "a", "T",
                  "field \"date\" must be a string, not a number; indexed without a date"},
        RecordRow{"{\"id\":\"a\",\"title\":\"Caf\xe9\",\"body\":\"B\"}", "", "a", "Caf\xEF\xBF\xBD",
                  "invalid UTF-8 or control characters replaced"}));

TEST(ReadJsonl, NumbersLinesSkipsBlanksAndHandlesBomAndCrlf) {
    std::istringstream in("\xEF\xBB\xBF{\"id\":\"1\",\"title\":\"One\",\"body\":\"x\"}\r\n"
                          "\n"
                          "   \n"
                          "{not json}\n"
                          "{\"id\":\"2\",\"title\":\"Two\",\"body\":\"y\"}\n");
    std::vector<std::string> ids;
    std::vector<Diagnostic> diagnostics;
    newsdex::read_jsonl(
        in, "in.jsonl", ReadOptions{}, [&](Article&& a) { ids.push_back(a.id); },
        [&](const Diagnostic& d) { diagnostics.push_back(d); });
    EXPECT_EQ(ids, (std::vector<std::string>{"1", "2"}));
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].line, 4u);
    EXPECT_EQ(diagnostics[0].severity, Diagnostic::Severity::skipped);
    EXPECT_EQ(diagnostics[0].message().substr(0, 30), "in.jsonl:4: malformed JSON: Th");
}

TEST(ReadJsonl, HeadlineOnlyArticlesAreANoticeNotARepair) {
    std::istringstream in("{\"id\":\"1\",\"title\":\"Oil minister to visit Tokyo\",\"body\":\"\"}\n");
    std::vector<Diagnostic> diagnostics;
    std::size_t articles = 0;
    newsdex::read_jsonl(
        in, "in.jsonl", ReadOptions{}, [&](Article&&) { ++articles; },
        [&](const Diagnostic& d) { diagnostics.push_back(d); });
    EXPECT_EQ(articles, 1u);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].severity, Diagnostic::Severity::notice);
    EXPECT_EQ(diagnostics[0].message(), "in.jsonl:1: empty body; indexed by its title");
}

TEST(LanguageTags, WellFormedBcp47OnlyAccepted) {
    for (const char* good : {"en", "EN", "zh-Hans", "pt_BR", "sr-Latn-RS", "de-CH-1996", "fil"}) {
        EXPECT_TRUE(newsdex::is_language_tag(good)) << good;
    }
    for (const char* bad : {"", "e", "xx-!!", "en-", "-en", "english language", "1a", "en--us", "toolongsubtag"}) {
        EXPECT_FALSE(newsdex::is_language_tag(bad)) << bad;
    }
}

TEST(ReadJsonl, SkipsRecordsOverTheSizeLimit) {
    std::istringstream in("{\"id\":\"big\",\"title\":\"" + std::string(200, 'x') + "\"}\n{\"id\":\"ok\",\"title\":\"t\"}\n");
    ReadOptions options;
    options.max_article_bytes = 100;
    std::vector<std::string> ids;
    std::vector<std::string> messages;
    newsdex::read_jsonl(
        in, "f", options, [&](Article&& a) { ids.push_back(a.id); },
        [&](const Diagnostic& d) { messages.push_back(d.message()); });
    EXPECT_EQ(ids, std::vector<std::string>{"ok"});
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[0], "f:1: record of 223 bytes exceeds the limit of 100 (--max-article-bytes)");
}

TEST(TextArticle, FirstNonEmptyLineIsTheTitle) {
    Article a = newsdex::parse_text_article("\n\n  ## Kursk talks  \r\n\nFirst paragraph.\n\nSecond.\n\n", "id1", true);
    EXPECT_EQ(a.id, "id1");
    EXPECT_EQ(a.title, "Kursk talks");
    EXPECT_EQ(a.body, "First paragraph.\n\nSecond.");
    Article plain = newsdex::parse_text_article("# not markdown\nbody", "id2", false);
    EXPECT_EQ(plain.title, "# not markdown");
    EXPECT_EQ(plain.body, "body");
    Article empty = newsdex::parse_text_article(" \n\t\n", "id3", false);
    EXPECT_TRUE(empty.title.empty());
    EXPECT_TRUE(empty.body.empty());
}

TEST(InputFormat, ByExtension) {
    using newsdex::InputFormat;
    EXPECT_EQ(newsdex::format_of("a/b.JSONL"), InputFormat::jsonl);
    EXPECT_EQ(newsdex::format_of("x.ndjson"), InputFormat::jsonl);
    EXPECT_EQ(newsdex::format_of("x.md"), InputFormat::markdown);
    EXPECT_EQ(newsdex::format_of("x.txt"), InputFormat::text);
    EXPECT_EQ(newsdex::format_of("x.pdf"), InputFormat::unknown);
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

TEST(ReadInputs, WalksDirectoriesInOrderAndReportsMissingPaths) {
    newsdex::test::TempDir dir;
    write_file(dir.path() / "in" / "b.jsonl", "{\"id\":\"b\",\"title\":\"B\",\"body\":\"x\"}\n");
    write_file(dir.path() / "in" / "a" / "story.md", "# A story\nbody\n");
    write_file(dir.path() / "in" / "README.md", "# Not an article\n");
    write_file(dir.path() / "in" / ".hidden" / "c.jsonl", "{\"id\":\"c\",\"title\":\"C\"}\n");
    write_file(dir.path() / "in" / "notes.pdf", "%PDF");
    // UTF-16LE with BOM: converted.
    std::string utf16 = "\xFF\xFE";
    for (char c : std::string("{\"id\":\"u\",\"title\":\"U16\",\"body\":\"x\"}\n")) {
        utf16.push_back(c);
        utf16.push_back('\0');
    }
    write_file(dir.path() / "in" / "u.jsonl", utf16);
    std::filesystem::create_directory_symlink(dir.path() / "in", dir.path() / "in" / "loop");

    std::vector<std::string> titles;
    std::vector<std::string> ids;
    std::vector<std::string> messages;
    std::vector<std::string> notices;  // files left out on purpose: shown only under --verbose
    std::string missing = (dir.path() / "missing.jsonl").string();
    newsdex::read_inputs(
        {(dir.path() / "in").string(), missing}, ReadOptions{},
        [&](Article&& a) {
            titles.push_back(a.title);
            ids.push_back(a.id);
        },
        [&](const Diagnostic& d) {
            (d.severity == Diagnostic::Severity::notice ? notices : messages).push_back(d.message());
        });
    EXPECT_EQ(titles, (std::vector<std::string>{"A story", "B", "U16"}));
    EXPECT_EQ(ids[0], "file:a/story.md");  // relative to the input root: a copied corpus keeps its ids
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[0], (dir.path() / "in" / "u.jsonl").string() + ": converted from UTF-16LE");
    EXPECT_EQ(messages[1], missing + ": no such file or directory");
    // Each file the walk leaves out says why; hidden files and the symlinked loop stay silent.
    std::sort(notices.begin(), notices.end());  // found in directory order, which is unspecified
    ASSERT_EQ(notices.size(), 2u);
    EXPECT_EQ(notices[0].rfind((dir.path() / "in" / "README.md").string() + ": not read: describes the folder", 0),
              0u)
        << notices[0];
    EXPECT_EQ(notices[1].rfind((dir.path() / "in" / "notes.pdf").string() + ": not read: its name is not", 0), 0u)
        << notices[1];
}

TEST(ReadInputs, BinaryFilesAreSkippedWithAMessage) {
    newsdex::test::TempDir dir;
    write_file(dir.path() / "bin.jsonl", std::string("\x7f" "ELF\0\0\0\0\0\0\0\0", 12));
    std::vector<std::string> messages;
    std::size_t articles = 0;
    newsdex::read_inputs(
        {(dir.path() / "bin.jsonl").string()}, ReadOptions{}, [&](Article&&) { ++articles; },
        [&](const Diagnostic& d) { messages.push_back(d.reason); });
    EXPECT_EQ(articles, 0u);
    EXPECT_EQ(messages, std::vector<std::string>{"binary file, not JSON Lines"});
}

std::vector<const char*> argv_of(std::initializer_list<const char*> args) { return {args}; }

TEST(InputFormats, EveryFormatHasItsReaderAndClaimsItsExtensions) {
    using newsdex::InputFormat;
    for (auto [format, file] : {std::pair{InputFormat::jsonl, "a.jsonl"}, {InputFormat::text, "a.txt"},
                                {InputFormat::markdown, "a.md"}}) {
        SCOPED_TRACE(file);
        EXPECT_EQ(newsdex::detail::reader_for(format).format, format);
        EXPECT_EQ(newsdex::format_of(file), format);
    }
}

TEST(InputFormats, ContentDecidesWhenTheNameSaysNothing) {
    using newsdex::InputFormat;
    EXPECT_EQ(newsdex::detail::sniff_format(" \n{\"id\":1}"), InputFormat::jsonl);
    EXPECT_EQ(newsdex::detail::sniff_format("Kursk talks\n\nBody."), InputFormat::text);
    EXPECT_EQ(newsdex::detail::sniff_format(""), InputFormat::text);

    newsdex::test::TempDir dir;
    write_file(dir.path() / "feed", "{\"id\":\"a\",\"title\":\"A\",\"body\":\"x\"}\n"
                                   "{\"id\":\"b\",\"title\":\"B\",\"body\":\"y\"}\n");
    write_file(dir.path() / "notes", "Kursk talks\n\nThe body.\n");
    std::vector<Article> articles;
    std::vector<std::string> messages;
    for (const char* name : {"feed", "notes"}) {
        newsdex::read_file((dir.path() / name).string(), newsdex::format_of(name), ReadOptions{},
                           [&](Article&& a) { articles.push_back(std::move(a)); },
                           [&](const Diagnostic& d) { messages.push_back(d.message()); });
    }
    EXPECT_TRUE(messages.empty());
    ASSERT_EQ(articles.size(), 3u);  // two from the JSON Lines file, one from the text file
    EXPECT_EQ(articles[0].id, "a");
    EXPECT_EQ(articles[1].id, "b");
    EXPECT_EQ(articles[2].title, "Kursk talks");
    EXPECT_EQ(articles[2].id, "file:notes");  // read_file() names a text article by its file name
}

TEST(IndexOptions, ParsesArgumentsAndRejectsBadValues) {
    auto argv = argv_of({"newsdex-index", "--db", "x.db", "--batch-size", "50", "--no-entities", "a.jsonl", "-"});
    auto options = newsdex::indexer::parse_index_options(static_cast<int>(argv.size()), argv.data());
    EXPECT_EQ(options.db, "x.db");
    EXPECT_EQ(options.batch_size, 50u);
    EXPECT_FALSE(options.entities);
    EXPECT_TRUE(options.duplicates);
    EXPECT_EQ(options.inputs, (std::vector<std::string>{"a.jsonl", "-"}));

    auto none = argv_of({"newsdex-index", "--db", "x.db"});
    EXPECT_THROW(newsdex::indexer::parse_index_options(static_cast<int>(none.size()), none.data()), newsdex::UsageError);
    auto zero = argv_of({"newsdex-index", "--batch-size", "0", "a.jsonl"});
    EXPECT_THROW(newsdex::indexer::parse_index_options(static_cast<int>(zero.size()), zero.data()), newsdex::UsageError);
    auto bad_lang = argv_of({"newsdex-index", "--lang", "xx-!!", "a.jsonl"});
    EXPECT_THROW(newsdex::indexer::parse_index_options(static_cast<int>(bad_lang.size()), bad_lang.data()),
                 newsdex::UsageError);
    auto threads = argv_of({"newsdex-index", "a.jsonl"});
    auto defaults = newsdex::indexer::parse_index_options(static_cast<int>(threads.size()), threads.data());
    EXPECT_EQ(defaults.threads, 0u);  // one per core
    // One default per option in --help (--threads showed "one per core" and "0").
    const std::size_t at = defaults.help_text.find("--threads");
    const std::string threads_help = defaults.help_text.substr(at, defaults.help_text.find("--", at + 2) - at);
    EXPECT_EQ(threads_help.find("(default: 0)"), std::string::npos) << threads_help;
}

TEST(IndexOptions, ArgumentsAreTakenWholeCommasIncluded) {
    // An id may hold a comma ("x,y"), and so may a file name: neither is split.
    auto ids = argv_of({"newsdex-index", "--db", "x.db", "--delete", "reuters,123", "a b", "--", "-dash-id"});
    auto options = newsdex::indexer::parse_index_options(static_cast<int>(ids.size()), ids.data());
    EXPECT_TRUE(options.delete_ids);
    EXPECT_EQ(options.inputs, (std::vector<std::string>{"reuters,123", "a b", "-dash-id"}));
    auto files = argv_of({"newsdex-index", "wire,2025.jsonl"});
    EXPECT_EQ(newsdex::indexer::parse_index_options(static_cast<int>(files.size()), files.data()).inputs,
              (std::vector<std::string>{"wire,2025.jsonl"}));
    auto unknown = argv_of({"newsdex-index", "--colour", "a.jsonl"});
    EXPECT_THROW(newsdex::indexer::parse_index_options(static_cast<int>(unknown.size()), unknown.data()),
                 cxxopts::exceptions::exception);
}

}  // namespace
