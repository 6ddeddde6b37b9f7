// The analysis chain: terms, byte offsets and positions across scripts, and
// the query rewriting that keeps Xapian's parser in step with the indexer.
#include "newsdex/analyzer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "newsdex/error.hpp"

namespace {

using newsdex::Analyzer;
using newsdex::Token;

// "term[start,end)@pos term..." — one string per expectation, Xapian style.
std::string describe(const std::vector<Token>& tokens, std::string_view text) {
    std::string out;
    for (const Token& t : tokens) {
        if (!out.empty()) out += ' ';
        out += t.term + "[" + std::string(text.substr(t.start, t.end - t.start)) + "]@" + std::to_string(t.position);
    }
    return out;
}

struct Row {
    const char* language;
    const char* text;
    const char* expected;
};

class AnalyzerTokens : public ::testing::TestWithParam<Row> {};

TEST_P(AnalyzerTokens, ProducesTermsOffsetsAndPositions) {
    const Row& row = GetParam();
    Analyzer analyzer;
    std::string text = row.text;
    EXPECT_EQ(describe(analyzer.tokenize(text), text), row.expected) << row.language;
}

INSTANTIATE_TEST_SUITE_P(
    Scripts, AnalyzerTokens,
    ::testing::Values(
        Row{"en", "Putin's troops in Kursk", "putin[Putin's]@1 troops[troops]@2 in[in]@3 kursk[Kursk]@4"},
        Row{"en", "the U.S. and “surrender”", "the[the]@1 us[U.S]@2 and[and]@3 surrender[surrender]@4"},
        Row{"en", "a 30-day ceasefire", "a[a]@1 30[30]@2 day[day]@3 ceasefire[ceasefire]@4"},
        Row{"en", "$43.5 billion", "43[43.5]@1 5[43.5]@2 billion[billion]@3"},
        Row{"fr", "l'armée française à Kyïv", "armee[l'armée]@1 francaise[française]@2 a[à]@3 kyiv[Kyïv]@4"},
        Row{"de", "Größere Straßen in Köln", "grossere[Größere]@1 strassen[Straßen]@2 in[in]@3 koln[Köln]@4"},
        Row{"ru", "Ёлка в Курской области", "елка[Ёлка]@1 в[в]@2 курской[Курской]@3 области[области]@4"},
        Row{"ar", "الجيش الروسي", "الجيش[الجيش]@1 الروسي[الروسي]@2"},
        Row{"zh", "俄罗斯军队投降", "俄罗斯[俄罗斯]@1 军队[军队]@2 投降[投降]@3"},
        Row{"ja", "東京都知事選挙", "東京[東京]@1 都知事[都知事]@2 選挙[選挙]@3"},
        Row{"th", "ประเทศไทยสวัสดี", "ประเทศไทย[ประเทศไทย]@1 สวัสดี[สวัสดี]@2"},
        Row{"en", "ＡＢＣ ﬁnance", "abc[ＡＢＣ]@1 finance[ﬁnance]@2"}));

TEST(Analyzer, KeepsCyrillicShortIAndKanaVoicing) {
    Analyzer analyzer;
    // й and が carry meaning: folding must not strip their marks.
    auto tokens = analyzer.tokenize("Украина: мой が");
    ASSERT_EQ(tokens.size(), 3u);
    EXPECT_EQ(tokens[1].term, "мой");
    EXPECT_EQ(tokens[2].term, "が");
}

TEST(Analyzer, RepairsInvalidUtf8WithoutThrowing) {
    Analyzer analyzer;
    std::string text = "Kursk \xff\xfe surrender";
    auto tokens = analyzer.tokenize(text);
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[1].term, "surrender");
    EXPECT_EQ(text.substr(tokens[1].start, tokens[1].end - tokens[1].start), "surrender");

    std::string broken = std::string("ok\xc3") + "\x01x";
    EXPECT_TRUE(newsdex::repair_utf8(broken));
    EXPECT_EQ(broken, "ok\xEF\xBF\xBDx");
}

TEST(Analyzer, StemsByLanguage) {
    Analyzer analyzer;
    EXPECT_EQ(analyzer.stem("surrendered"), "surrend");
    EXPECT_EQ(analyzer.stem("surrender", "en"), "surrend");
    EXPECT_EQ(analyzer.stem("troupes", "fr"), "troup");
    EXPECT_EQ(analyzer.stem("東京", "ja"), "東京");
    EXPECT_EQ(Analyzer::stemmer_language("fr-CA"), "french");
    EXPECT_EQ(Analyzer::stemmer_language("zh-Hans"), "");
}

struct QueryRow {
    const char* query;
    const char* prepared;
};

class AnalyzerQueries : public ::testing::TestWithParam<QueryRow> {};

TEST_P(AnalyzerQueries, KeepsSyntaxAndRewritesWords) {
    Analyzer analyzer;
    EXPECT_EQ(analyzer.prepare_query(GetParam().query), GetParam().prepared);
}

INSTANTIATE_TEST_SUITE_P(
    Syntax, AnalyzerQueries,
    ::testing::Values(QueryRow{"Kursk surrender", "kursk surrender"},
                      QueryRow{"Putin's \"Kursk region\"", "putin \"kursk region\""},
                      QueryRow{"Kursk AND (surrender OR ceasefire) NOT Crimea",
                               "kursk AND (surrender OR ceasefire) NOT crimea"},
                      QueryRow{"+Zelenskyy -Trump", "+zelenskyy -trump"},
                      QueryRow{"title:Kyïv sanction*", "title:kyiv sanction*"},
                      QueryRow{"source:Le_Monde person:\"Vladimir Putin\"",
                               "source:Le_Monde person:\"Vladimir Putin\""},
                      QueryRow{"l'armée française", "armee francaise"},
                      QueryRow{"東京都知事選挙", "東京-都知事-選挙"},
                      QueryRow{"Kursk NEAR/3 troops", "kursk NEAR/3 troops"},
                      QueryRow{"date:2025-03..2025-04 U.S.", "date:2025-03..2025-04 us."},
                      // Capitals are folded so that the parser stems them (issue 14), in every script.
                      QueryRow{"Выборы ÉLECTIONS", "выборы elections"},
                      // A variation selector or joiner is never a word of its own (issue 14).
                      QueryRow{"\U0001F6E2\uFE0F oil", "\U0001F6E2 oil"},
                      QueryRow{"oil \u2600\uFE0F", "oil \u2600"},
                      QueryRow{"\U0001F468\u200D\U0001F469 oil*", "\U0001F468\u200D\U0001F469 oil*"}));

// Issue 14: default-ignorable and joiner code points (variation selectors,
// ZWJ, ZWNJ, soft hyphen, word joiner, BOM) are never terms, nor part of one.
TEST(Analyzer, IgnorableCodePointsNeverBecomeTerms) {
    Analyzer analyzer;
    const std::string text =
        "\u2764\uFE0F oil \U0001F6E2\uFE0F \U0001F468\u200D\U0001F469\u200D\U0001F467 pe\u00ADtrol "
        "cr\u200Dude ga\u2060s \uFEFFbrent \u200B \uFE0F \u200C\u200D \U000E0100 1\uFE0F";
    std::vector<std::string> terms;
    for (const auto& token : analyzer.tokenize(text)) terms.push_back(token.term);
    EXPECT_EQ(terms, (std::vector<std::string>{"oil", "petrol", "crude", "gas", "brent", "1"}));
}

// The query lexer (issue 12) finds fields after signs and in any case, like
// the syntax check does: their names reach Xapian in lower case, filter
// values as written.
INSTANTIATE_TEST_SUITE_P(
    Fields, AnalyzerQueries,
    ::testing::Values(QueryRow{"-id:AbC-1 +source:AFP", "-id:AbC-1 +source:AFP"},
                      QueryRow{"TITLE:Kyïv Source:Le_Monde", "title:kyiv source:Le_Monde"},
                      QueryRow{"title:\"Kyïv (city)\" -date:2025", "title:\"kyiv (city)\" -date:2025"},
                      QueryRow{"\"title:Kyïv\"", "\"title:kyiv\""},
                      QueryRow{"title:(Kyïv OR Kharkiv)", "title:(kyiv OR kharkiv)"},
                      QueryRow{"colour:Kyïv", "colour:kyiv"}));

TEST(AnalyzerSettings, RoundTripsThroughMetadata) {
    newsdex::AnalyzerSettings settings;
    settings.default_language = "fr";
    settings.fold_diacritics = false;
    settings.max_word_bytes = 100;
    auto back = newsdex::AnalyzerSettings::unserialise(settings.serialise());
    EXPECT_EQ(back.max_word_bytes, 100u);
    EXPECT_EQ(newsdex::AnalyzerSettings::unserialise("v1;lang=en").max_word_bytes, 64u);  // older indexes
    EXPECT_EQ(back.default_language, "fr");
    EXPECT_FALSE(back.fold_diacritics);
    EXPECT_TRUE(back.stem);
    EXPECT_THROW(newsdex::AnalyzerSettings::unserialise("v9;x"), newsdex::UsageError);
}

TEST(FilterValues, FoldCaseDiacriticsAndSpaces) {
    EXPECT_EQ(newsdex::fold_filter_value("  Le   Monde "), "le monde");
    EXPECT_EQ(newsdex::fold_filter_value("Zelenskyy Wołodymyr"), "zelenskyy wolodymyr");
}

}  // namespace
