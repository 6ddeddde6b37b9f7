// Tokenising only near possible matches gives the snippets the whole text gives.
#include "snippet_windows.hpp"

#include <gtest/gtest.h>

#include "highlighter.hpp"
#include "newsdex/analyzer.hpp"

namespace {

using newsdex::Analyzer;
using newsdex::Token;
using newsdex::detail::match_scan_keys;
using newsdex::detail::tokenize_near_matches;

using Keys = std::optional<std::vector<std::string>>;

// A long wire story: matches at the start, in the middle and at the end,
// with the spellings the analyzer joins (U.S.A., we've, lying).
std::string long_story() {
    std::string text = "Oil prices rose on Monday. ";
    for (int i = 0; i < 40; ++i) text += "Traders watched the harbour while ministers met behind closed doors. ";
    text += "Officials in the U.S.A. said we've seen tankers lying idle off the coast. ";
    for (int i = 0; i < 40; ++i) text += "Analysts expected little change before the weekend meeting in Vienna. ";
    text += "The crude oil glut persisted.";
    return text;
}

std::vector<double> mark(const std::vector<Token>& tokens, const std::vector<std::string>& terms) {
    std::vector<double> weights(tokens.size(), 0.0);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        for (const std::string& t : terms) {
            if (tokens[i].term == t) weights[i] = 1.0;
        }
    }
    return weights;
}

TEST(MatchScanKeys, EnglishStemsLoseTheirLastByte) {
    const Keys keys = match_scan_keys({"Zhappi", "Zlie", "Sharbour", "tanker", "Zus", "XPERputin"}, {"vien"}, "english");
    ASSERT_TRUE(keys);
    EXPECT_EQ(*keys, (std::vector<std::string>{"happ", "li", "harbour", "tanker", "us", "vien"}));
}

TEST(MatchScanKeys, UnknownWhenTheScanCouldMissAMatch) {
    EXPECT_FALSE(match_scan_keys({"Zmaison"}, {}, "french"));  // other stemmers change more than the end
    EXPECT_FALSE(match_scan_keys({"zürich"}, {}, "english"));  // folding: not a byte scan
    EXPECT_FALSE(match_scan_keys({"Zcrash"}, {}, ""));         // stems of a query that was not stemmed
}

TEST(TokenizeNearMatches, SameTokensAsTheWholeTextInsideEachStretch) {
    Analyzer analyzer;
    const std::string text = long_story();
    const std::vector<Token> all = analyzer.tokenize(text);
    const std::vector<Token> near = tokenize_near_matches(analyzer, text, Keys({"oi", "usa", "weve", "lyin"}), 240);
    ASSERT_LT(near.size(), all.size() / 2);  // most of the text was skipped
    for (const Token& token : near) {
        auto same = std::find_if(all.begin(), all.end(), [&](const Token& t) { return t.start == token.start; });
        ASSERT_NE(same, all.end()) << token.term;
        EXPECT_EQ(same->term, token.term);
        EXPECT_EQ(same->end, token.end);
    }
    for (const char* term : {"usa", "weve", "lying", "oil"}) {
        EXPECT_TRUE(std::any_of(near.begin(), near.end(), [&](const Token& t) { return t.term == term; })) << term;
    }
}

TEST(TokenizeNearMatches, SnippetsEqualThoseOfTheWholeText) {
    Analyzer analyzer;
    const std::string text = long_story();
    const std::vector<std::string> terms{"oil", "usa", "weve", "lying"};
    const std::vector<Token> all = analyzer.tokenize(text);
    const std::vector<Token> near = tokenize_near_matches(analyzer, text, Keys({"oi", "usa", "weve", "lyin"}), 232);
    ASSERT_LT(near.size(), all.size() / 2);
    for (std::size_t count : {1, 2, 3}) {
        auto full = newsdex::detail::make_snippets(text, all, mark(all, terms), count, 200);
        auto windowed = newsdex::detail::make_snippets(text, near, mark(near, terms), count, 200);
        ASSERT_EQ(full.size(), windowed.size());
        for (std::size_t i = 0; i < full.size(); ++i) {
            EXPECT_EQ(full[i].text, windowed[i].text);
            EXPECT_EQ(full[i].highlights, windowed[i].highlights);
        }
    }
}

TEST(TokenizeNearMatches, WholeTextWhenTheScanCannotBeTrusted) {
    Analyzer analyzer;
    const std::string text = long_story();
    const std::size_t all = analyzer.tokenize(text).size();
    EXPECT_EQ(tokenize_near_matches(analyzer, text, std::nullopt, 240).size(), all);
    EXPECT_EQ(tokenize_near_matches(analyzer, text, Keys({"zzzz"}), 240).size(), all);  // no match: the opening
    const std::string accented = text + " Zürich.";
    EXPECT_EQ(tokenize_near_matches(analyzer, accented, Keys({"oi"}), 240).size(), analyzer.tokenize(accented).size());
    const std::string punctuated = "\u201CQuoted\u201D \u00A3 5 \u2014 " + text;  // punctuation and symbols are fine
    EXPECT_LT(tokenize_near_matches(analyzer, punctuated, Keys({"oi"}), 240).size(),
              analyzer.tokenize(punctuated).size());
}

}  // namespace
