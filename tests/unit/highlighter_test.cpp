// Snippet selection and highlight offsets.
#include "highlighter.hpp"

#include <gtest/gtest.h>

#include "newsdex/analyzer.hpp"

namespace {

using newsdex::Analyzer;

std::vector<double> mark(const std::vector<newsdex::Token>& tokens, std::initializer_list<const char*> terms) {
    std::vector<double> weights(tokens.size(), 0.0);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        for (const char* t : terms) {
            if (tokens[i].term == t) weights[i] = 1.0;
        }
    }
    return weights;
}

std::string marked(const newsdex::Snippet& s) {
    std::string out;
    std::size_t at = 0;
    for (auto [b, e] : s.highlights) {
        out += s.text.substr(at, b - at) + "[" + s.text.substr(b, e - b) + "]";
        at = e;
    }
    return out + s.text.substr(at);
}

TEST(Highlighter, MarksPhraseAsOneSpanAndCollapsesWhitespace) {
    Analyzer analyzer;
    std::string text = "Troops in the\n\nKursk region were told to surrender.";
    auto tokens = analyzer.tokenize(text);
    auto snippets = newsdex::detail::make_snippets(text, tokens, mark(tokens, {"kursk", "region", "surrender"}), 2, 200);
    ASSERT_EQ(snippets.size(), 1u);
    EXPECT_EQ(marked(snippets[0]), "Troops in the [Kursk region] were told to [surrender].");
    EXPECT_FALSE(snippets[0].starts_mid_text);
    EXPECT_FALSE(snippets[0].ends_mid_text);
}

// Issue 14: adjacent matches join across white space or a hyphen only, so
// a highlight never takes in punctuation ("**music.**", "**"Music**").
TEST(Highlighter, SpansNeverTakeInPunctuation) {
    Analyzer analyzer;
    std::string text = "owning music.\"\n\n\"Music fans, oil-prices and oil prices, rose.";
    auto tokens = analyzer.tokenize(text);
    auto spans = newsdex::detail::highlight_spans(text, tokens, mark(tokens, {"music", "fans", "oil", "prices"}));
    std::vector<std::string> marked_text;
    for (auto [b, e] : spans) marked_text.push_back(text.substr(b, e - b));
    EXPECT_EQ(marked_text, (std::vector<std::string>{"music", "Music fans", "oil-prices", "oil prices"}));
}

TEST(Highlighter, PicksSeveralPassagesWhenMatchesAreFarApart) {
    Analyzer analyzer;
    std::string filler;
    for (int i = 0; i < 60; ++i) filler += "lorem ipsum dolor ";
    std::string text = "Kursk was quiet. " + filler + "Later the troops would surrender there. " + filler;
    auto tokens = analyzer.tokenize(text);
    auto snippets = newsdex::detail::make_snippets(text, tokens, mark(tokens, {"kursk", "surrender"}), 2, 120);
    ASSERT_EQ(snippets.size(), 2u);
    EXPECT_NE(marked(snippets[0]).find("[Kursk]"), std::string::npos);
    EXPECT_NE(marked(snippets[1]).find("[surrender]"), std::string::npos);
    EXPECT_TRUE(snippets[1].starts_mid_text);
    EXPECT_TRUE(snippets[1].ends_mid_text);
    for (const auto& s : snippets) EXPECT_LE(s.text.size(), 140u);
}

TEST(Highlighter, PrefersPassageWithMoreDistinctTerms) {
    Analyzer analyzer;
    std::string filler;
    for (int i = 0; i < 40; ++i) filler += "lorem ipsum dolor ";
    std::string text = "Kursk Kursk Kursk. " + filler + "Kursk troops surrender. " + filler;
    auto tokens = analyzer.tokenize(text);
    auto snippets = newsdex::detail::make_snippets(text, tokens, mark(tokens, {"kursk", "surrender"}), 1, 100);
    ASSERT_EQ(snippets.size(), 1u);
    EXPECT_NE(marked(snippets[0]).find("[Kursk] troops [surrender]"), std::string::npos) << marked(snippets[0]);
}

TEST(Highlighter, OffsetsAreUtf8BytesForCjk) {
    Analyzer analyzer;
    std::string text = "俄罗斯军队投降";
    auto tokens = analyzer.tokenize(text);
    auto snippets = newsdex::detail::make_snippets(text, tokens, mark(tokens, {"投降"}), 1, 200);
    ASSERT_EQ(snippets.size(), 1u);
    ASSERT_EQ(snippets[0].highlights.size(), 1u);
    EXPECT_EQ(snippets[0].highlights[0], (std::pair<std::size_t, std::size_t>{15, 21}));
}

TEST(Highlighter, NoMatchGivesTheOpeningCutAtAWord) {
    Analyzer analyzer;
    std::string text = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen";
    auto tokens = analyzer.tokenize(text);
    auto snippets = newsdex::detail::make_snippets(text, tokens, std::vector<double>(tokens.size(), 0.0), 2, 40);
    ASSERT_EQ(snippets.size(), 1u);
    EXPECT_EQ(snippets[0].text, "One two three four five six seven eight");
    EXPECT_TRUE(snippets[0].highlights.empty());
    EXPECT_TRUE(snippets[0].ends_mid_text);
}

}  // namespace
