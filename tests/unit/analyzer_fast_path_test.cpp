// The tokenizer's ASCII fast path (Analyzer::for_each_token) must give
// exactly the tokens ICU word breaking gives: the same terms, byte offsets
// and positions, on real news text in every corpus and on random strings
// built from the characters whose UAX #29 rules are the subtle ones.
#include <gtest/gtest.h>

#include <unicode/brkiter.h>

#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "analyzer_internal.hpp"
#include "newsdex/analyzer.hpp"
#include "newsdex/article.hpp"
#include "newsdex/readers.hpp"

namespace {

using newsdex::Analyzer;
using newsdex::Token;

std::string describe(const std::vector<Token>& tokens) {
    std::string out;
    for (const Token& t : tokens) {
        out += t.term + "[" + std::to_string(t.start) + "," + std::to_string(t.end) + ")@" + std::to_string(t.position) + " ";
    }
    return out;
}

/// The reference: ICU over the whole text, no fast path.
std::vector<Token> icu_tokens(std::string_view text, bool fold = true) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    EXPECT_TRUE(U_SUCCESS(status));
    std::vector<Token> tokens;
    Token token;
    token.position = 1;
    std::vector<std::string> terms;
    newsdex::detail::icu_words(*bi, text, 0, fold, token, terms, [&](const Token& t) { tokens.push_back(t); });
    return tokens;
}

/// The first token where the two differ, with some context, for a readable failure.
std::string first_difference(const std::vector<Token>& fast, const std::vector<Token>& icu, std::string_view text) {
    std::size_t i = 0;
    while (i < fast.size() && i < icu.size() && fast[i].term == icu[i].term && fast[i].start == icu[i].start &&
           fast[i].end == icu[i].end && fast[i].position == icu[i].position) {
        ++i;
    }
    if (i == fast.size() && i == icu.size()) return "";
    const std::size_t at = i < icu.size() ? icu[i].start : (i < fast.size() ? fast[i].start : 0);
    const std::size_t from = at > 40 ? at - 40 : 0;
    auto slice = [&](const std::vector<Token>& v) {
        return describe(std::vector<Token>(v.begin() + static_cast<std::ptrdiff_t>(std::min(i, v.size())),
                                           v.begin() + static_cast<std::ptrdiff_t>(std::min(i + 3, v.size()))));
    };
    return "token " + std::to_string(i) + " near \"" + std::string(text.substr(from, 80)) + "\": fast path " +
           slice(fast) + "| ICU " + slice(icu);
}

void expect_same_as_icu(const Analyzer& analyzer, std::string_view text, const std::string& where) {
    const std::vector<Token> fast = analyzer.tokenize(text);
    const std::vector<Token> icu = icu_tokens(text, analyzer.settings().fold_diacritics);
    const std::string difference = first_difference(fast, icu, text);
    EXPECT_EQ(difference, "") << where;
}

struct Corpus {
    const char* file;
    std::size_t articles;  // the first N of the file
};

class FastPathOnCorpus : public ::testing::TestWithParam<Corpus> {};

TEST_P(FastPathOnCorpus, GivesExactlyTheTokensOfIcu) {
    const Corpus& corpus = GetParam();
    const std::string path = std::string(NEWSDEX_SHARED_DIR) + "/corpora/" + corpus.file;
    std::ifstream in(path);
    if (!in) GTEST_SKIP() << "no corpus " << path;
    Analyzer analyzer;
    std::string line;
    std::size_t seen = 0;
    std::size_t failures = 0;
    for (std::size_t line_number = 1; seen < corpus.articles && std::getline(in, line); ++line_number) {
        newsdex::Article article;
        std::vector<std::string> repairs;
        if (!newsdex::parse_jsonl_record(line, article, repairs).empty()) continue;
        ++seen;
        for (const std::string* text : {&article.title, &article.body}) {
            const std::vector<Token> fast = analyzer.tokenize(*text);
            const std::vector<Token> icu = icu_tokens(*text);
            const std::string difference = first_difference(fast, icu, *text);
            if (!difference.empty() && ++failures <= 5) ADD_FAILURE() << corpus.file << ":" << line_number << ": " << difference;
        }
    }
    EXPECT_EQ(failures, 0u);
    EXPECT_GT(seen, 0u);
}

INSTANTIATE_TEST_SUITE_P(News, FastPathOnCorpus,
                         ::testing::Values(Corpus{"reuters21578.jsonl", 3000}, Corpus{"bbc_news.jsonl", 2225},
                                           Corpus{"wikinews.jsonl", 1826}, Corpus{"jawikinews.jsonl", 300},
                                           Corpus{"ntrex128_news.jsonl", 4674}));

// Characters around which UAX #29 has rules: mid-letter and mid-number
// punctuation, '_', quotes, white space of every kind, and non-ASCII
// neighbours (combining marks after a space, typographic apostrophes, a
// soft hyphen, no-break and ideographic spaces, Hebrew, CJK, emoji + ZWJ).
TEST(FastPath, RandomStringsOfTrickyCharacters) {
    const std::vector<std::string> pieces = {
        "a", "B", "z", "7", "0", ".", "'", ":", ",", ";", "_", "\"", "-", "/", "@", "#", "$", "%", "&", "(", ")",
        " ", "  ", "\t", "\n", "\r\n", "\v", "\f", "U.S", "don't", "3.14", "1,000", "e-mail", "a_b", "x:y",
        "\xCC\x81",          // U+0301 combining acute
        "\xE2\x80\x99",      // U+2019 right single quotation mark
        "\xC2\xAD",          // U+00AD soft hyphen (Format)
        "\xC2\xA0",          // U+00A0 no-break space
        "\xE3\x80\x80",      // U+3000 ideographic space
        "\xE2\x80\x8D",      // U+200D zero-width joiner
        "\xD7\xA9\xD7\x9C",  // Hebrew letters
        "\xE6\x9D\xB1\xE4\xBA\xAC",  // 東京
        "\xF0\x9F\x98\x80",  // emoji
        "\xC3\xA9",          // é
        "\xEF\xBC\x8E",      // U+FF0E fullwidth full stop
        "\xFF",              // invalid UTF-8
    };
    Analyzer analyzer;
    std::mt19937 random(19);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::uniform_int_distribution<int> length(1, 14);
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        for (int i = length(random); i > 0; --i) text += pieces[pick(random)];
        expect_same_as_icu(analyzer, text, "round " + std::to_string(round));
        if (HasFailure()) break;
    }
}

TEST(FastPath, ExamplesOfEachRule) {
    Analyzer analyzer;
    for (const char* text : {"U.S. officials said", "a:b c:d", "1,000.50 dlrs", "3.a a.3 a'b b'3 3'3", "a_b _ __ _1_",
                             "don't o'clock Putin's l'armée", "x..y x.,y 1.,2", "end. Start", "A.B.C.", "mid-1980s",
                             "e-mail@host.com http://x.y/z?q=1&r=2", "", "   ", "caf\xC3\xA9 au lait", " \xCC\x81" "abc"}) {
        expect_same_as_icu(analyzer, text, text);
    }
    newsdex::AnalyzerSettings keep_marks;
    keep_marks.fold_diacritics = false;
    expect_same_as_icu(Analyzer(keep_marks), "R\xC3\xA9sum\xC3\xA9 of the caf\xC3\xA9's owner", "no folding");
}

}  // namespace
