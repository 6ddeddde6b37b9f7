// The query language: every form as Xapian's query description, every
// malformed query as a QueryError naming the problem (issue 4).
#include <gtest/gtest.h>

#include <tuple>

#include <xapian.h>

#include "newsdex/analyzer.hpp"
#include "newsdex/error.hpp"
#include "newsdex/searcher.hpp"
#include "query_builder.hpp"
#include "query_shape.hpp"
#include "query_syntax.hpp"

namespace {

using newsdex::Analyzer;
using newsdex::QueryError;
using newsdex::detail::DefaultOperator;
using newsdex::detail::QueryBuilder;

struct Row {
    const char* input;
    const char* expected;  ///< Query::get_description(), or "error: <part of the message>"
};

class QueryForms : public ::testing::Test {
  protected:
    QueryForms() : db("", Xapian::DB_BACKEND_INMEMORY), builder(analyzer, db) {
        for (const char* word : {"sanction", "sanctions", "sanctioned", "kursk"}) {
            Xapian::Document doc;
            doc.add_term(word);
            db.add_document(doc);
        }
    }
    std::string describe(const std::string& input, const std::string& lang = "") {
        try {
            return builder.parse(input, lang, DefaultOperator::all).query.get_description();
        } catch (const QueryError& e) {
            return std::string("error: ") + e.what();
        }
    }
    void check(const std::vector<Row>& rows) {
        for (const Row& row : rows) {
            SCOPED_TRACE(row.input);
            std::string got = describe(row.input);
            std::string expected = row.expected;
            if (expected.rfind("error: ", 0) == 0) {
                EXPECT_NE(got.find(expected.substr(7)), std::string::npos) << got;
                EXPECT_EQ(got.rfind("error: ", 0), 0u) << got;
            } else if (expected.back() == '*') {  // prefix (value bytes are not readable)
                EXPECT_EQ(got.substr(0, expected.size() - 1), expected.substr(0, expected.size() - 1));
            } else {
                EXPECT_EQ(got, expected);
            }
        }
    }
    Analyzer analyzer;
    Xapian::WritableDatabase db;
    QueryBuilder builder;
};

TEST_F(QueryForms, WordsOperatorsAndGrouping) {
    check({
        {"Kursk surrender", "Query((Zkursk@1 AND Zsurrend@2))"},
        {"kursk OR belgorod", "Query((Zkursk@1 OR Zbelgorod@2))"},
        {"kursk AND belgorod", "Query((Zkursk@1 AND Zbelgorod@2))"},
        {"kursk NOT belgorod", "Query((Zkursk@1 AND_NOT Zbelgorod@2))"},
        {"kursk AND NOT belgorod", "Query((Zkursk@1 AND_NOT Zbelgorod@2))"},
        {"kursk XOR belgorod", "Query((Zkursk@1 XOR Zbelgorod@2))"},
        {"+kursk -belgorod", "Query((Zkursk@1 AND_NOT Zbelgorod@2))"},
        {"(kursk OR belgorod) AND troops", "Query(((Zkursk@1 OR Zbelgorod@2) AND Ztroop@3))"},
        {"NOT belgorod", "Query((<alldocuments> AND_NOT Zbelgorod@1))"},
    });
}

TEST_F(QueryForms, LowerCaseOperatorsOnlyBetweenTerms) {
    check({
        {"kursk or belgorod", "Query((Zkursk@1 OR Zbelgorod@2))"},
        {"kursk and belgorod", "Query((Zkursk@1 AND Zbelgorod@2))"},
        {"kursk and not belgorod", "Query((Zkursk@1 AND_NOT Zbelgorod@2))"},
        // A lone lower-case "not" is prose ("did not surrender").
        {"did not surrender", "Query((Zdid@1 AND Znot@2 AND Zsurrend@3))"},
        // At the start or the end, or next to another operator word: words.
        {"or kursk", "Query((Zor@1 AND Zkursk@2))"},
        {"kursk and", "Query((Zkursk@1 AND Zand@2))"},
        {"to be or not to be", "Query((Zto@1 AND Zbe@2 AND Zor@3 AND Znot@4 AND Zto@5 AND Zbe@6))"},
        {"kursk or not belgorod", "Query((Zkursk@1 AND Zor@2 AND Znot@3 AND Zbelgorod@4))"},
        // Inside quotes: words of the phrase.
        {"\"war and peace\"", "Query((war@1 PHRASE 3 and@2 PHRASE 3 peace@3))"},
    });
    EXPECT_EQ(newsdex::detail::normalise_operators("(kursk) or \"troops\""), "(kursk) OR \"troops\"");
    EXPECT_EQ(newsdex::detail::normalise_operators("title:kursk Or x"), "title:kursk OR x");
}

TEST_F(QueryForms, PhrasesNearAdjAndWildcards) {
    check({
        {"\"Kursk region\"", "Query((kursk@1 PHRASE 2 region@2))"},
        {"kursk NEAR troops", "Query((kursk@1 NEAR 11 troops@2))"},
        {"kursk NEAR/3 troops", "Query((kursk@1 NEAR 4 troops@2))"},
        {"kursk ADJ/2 troops", "Query((kursk@1 PHRASE 3 troops@2))"},
        {"sanction*", "Query(WILDCARD SYNONYM sanction)"},
        {"普京", "Query((普@1 PHRASE 2 京@2))"},
    });
}

TEST_F(QueryForms, Fields) {
    check({
        {"title:kursk", "Query(ZSkursk@1)"},
        {"source:AFP kursk", "Query((Zkursk@1 FILTER XSRCafp))"},
        {"lang:fr armee", "Query((Zarme@1 FILTER (Lfr OR WILDCARD SYNONYM Lfr-)))"},
        {"id:afp-2025-03-14", "Query(0 * Qafp-2025-03-14)"},
        {"kursk date:2025", "Query((Zkursk@1 FILTER VALUE_RANGE 0 *"},
        {"kursk date:..2024-12-31", "Query((Zkursk@1 FILTER VALUE_LE 0 *"},
        {"kursk date:2025-03-01..", "Query((Zkursk@1 FILTER VALUE_GE 0 *"},
    });
}

TEST_F(QueryForms, LangFieldChoosesTheStemmer) {
    // French stemming of "armées" is "arme"; English would keep "armees".
    EXPECT_NE(describe("lang:fr armées").find("Zarme@"), std::string::npos) << describe("lang:fr armées");
    EXPECT_NE(describe("lang:de häuser").find("Zhaus@"), std::string::npos) << describe("lang:de häuser");
    // An explicit language wins over the field.
    EXPECT_EQ(builder.parse("lang:fr armées", "en", DefaultOperator::all).stem_language, "english");
}

TEST_F(QueryForms, MalformedQueriesAreErrorsNeverOtherQueries) {
    check({
        {"\"Kursk surrender", "error: unbalanced '\"' at character 1"},
        {"(kursk OR belgorod", "error: unbalanced '(': 1 not closed"},
        {"kursk)", "error: unbalanced ')' at character 6"},
        {"colour:red", "error: unknown field \"colour:\""},
        {"kursk date:2025-13", "error: bad date \"2025-13\": month must be 01-12"},
        {"kursk date:2023-02-29", "error: bad date \"2023-02-29\""},
        {"kursk date:2025..2024", "error: the end is before the start"},
        {"AND", "error: AND at character 1 has no search term before it"},
        {"Kursk AND", "error: AND at character 7 has no search term after it"},
        {"OR Kursk", "error: OR at character 1 has no search term before it"},
        {"kursk AND OR belgorod", "error: AND at character 7 has no search term after it"},
        {"kursk NOT", "error: NOT at character 7 has no search term after it"},
        {"NOT", "error: NOT at character 1 has no search term after it"},
        {"kursk NEAR/x troops", "error: NEAR/x at character 7: the distance must be a number"},
        {"kursk NEAR (a OR b)", "error: NEAR at character 7 joins words or phrases, not bracketed groups"},
        {"()", "error: empty brackets \"()\" at character 1"},
        {"( )", "error: empty brackets"},
        {"+ -", "error: nothing to search for"},
    });
}

// Issue 14: a query never runs its opposite, nor a different query.
TEST_F(QueryForms, ExclusionsAloneExcludeFromEveryArticle) {
    check({
        {"-oil", "Query((<alldocuments> AND_NOT Zoil@1))"},
        {"-oil -gas", "Query(((<alldocuments> AND_NOT Zoil@1) AND_NOT Zgas@2))"},
        {"-\"crude oil\"", "Query((<alldocuments> AND_NOT (crude@1 PHRASE 2 oil@2)))"},
        {"-oil*", "Query((<alldocuments> AND_NOT WILDCARD SYNONYM oil))"},
        {"-oil AND kursk", "Query(((<alldocuments> AND_NOT Zoil@1) AND Zkursk@2))"},
        {"kursk AND (-oil)", "Query((Zkursk@1 AND (<alldocuments> AND_NOT Zoil@2)))"},
        {"kursk OR -oil", "Query((Zkursk@1 OR (<alldocuments> AND_NOT Zoil@2)))"},
        // With something to exclude from, "-" keeps its Xapian meaning.
        {"kursk -oil", "Query((Zkursk@1 AND_NOT Zoil@2))"},
        {"-oil source:afp", "Query((0 * XSRCafp AND_NOT Zoil@1))"},
        {"+oil -gas", "Query((Zoil@1 AND_NOT Zgas@2))"},
        // An emoji is nothing to exclude from.
        {"-oil \U0001F6E2\uFE0F", "Query((<alldocuments> AND_NOT Zoil@1))"},
    });
}

TEST_F(QueryForms, WhatXapianWouldReadWithoutOperatorsIsAnError) {
    check({
        {"oil NEAR -gas", "error: this combination of operators cannot be parsed"},
        {"NOT NOT oil", "error: NOT at character 1 is followed by another NOT"},
        {"gas NOT NOT oil", "error: NOT at character 5 is followed by another NOT"},
        {"-oil NEAR gas", "error: this combination of operators cannot be parsed"},
        {"*", "error: '*' at character 1: a wildcard needs the start of a word"},
        {"-*", "error: '*' at character 2: a wildcard needs the start of a word"},
        {"*oil", "error: a wildcard needs the start of a word"},
        {"o*il", "error: '*' at character 2: '*' works only at the end of a word"},
        {"\"crude oil*\"", "error: '*' at character 11: wildcards do not work inside a \"phrase\""},
        {"person:", "error: field \"person:\" at character 1 has no value"},
        {"kursk title: oil", "error: field \"title:\" at character 7 has no value"},
        {"\U0001F6E2\uFE0F", "error: nothing to search for"},
        // Syntax that parses the same either way is no error.
        {"\"oil\"", "Query(oil@1)"},
        {"+oil", "Query(Zoil@1)"},
        {"(oil gas)", "Query((Zoil@1 AND Zgas@2))"},
        {"impeachment person:\"nancy pelosi\"", "Query((Zimpeach@1 FILTER XPERnancy pelosi))"},
    });
}

TEST_F(QueryForms, CapitalisedWordsMatchWhatTheirLowerCaseMatches) {
    for (auto [upper, lower, lang] : {std::tuple{"Elections", "elections", ""}, {"MINISTERS", "ministers", ""},
                                      {"Exports wheat", "exports wheat", ""}, {"Выборы", "выборы", "ru"},
                                      {"Élections", "élections", "fr"}, {"Wahlen", "wahlen", "de"}}) {
        SCOPED_TRACE(upper);
        EXPECT_EQ(describe(upper, lang), describe(lower, lang));
        EXPECT_NE(describe(upper, lang).find("Z"), std::string::npos) << describe(upper, lang);
    }
}

TEST_F(QueryForms, EmojiVariationSelectorsAndJoinersAreNoSearchTerms) {
    for (const char* q : {"\U0001F6E2\uFE0F oil", "\u2764\uFE0F oil", "oil \u2600\uFE0F", "oil\u200D",
                          "\U0001F468\u200D\U0001F469 oil", "oil \uFE0F", "\u2060oil"}) {
        SCOPED_TRACE(q);
        EXPECT_EQ(describe(q), "Query(Zoil@1)");
    }
}

TEST(QueryShape, PhraseMembersAreNotFreeTerms) {
    std::vector<Xapian::Query> words{Xapian::Query("kursk"), Xapian::Query("region")};
    Xapian::Query phrase(Xapian::Query::OP_PHRASE, words.begin(), words.end(), 2);
    Xapian::Query q(Xapian::Query::OP_AND, Xapian::Query("zelensky"), phrase);
    q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query("belgorod"));
    auto shape = newsdex::detail::query_shape(q);
    EXPECT_EQ(shape.free_terms, (std::set<std::string>{"zelensky"}));
    ASSERT_EQ(shape.phrases.size(), 1u);
    EXPECT_EQ(shape.phrases[0].window, 2u);
    EXPECT_TRUE(shape.phrases[0].ordered);
    EXPECT_EQ(shape.phrases[0].slots.size(), 2u);
}

TEST(QuerySyntax, RewriteWordsLeavesOperatorsAndFilterValuesAlone) {
    auto upper = [](const std::string& w) -> std::string { return w == "surender" ? "surrender" : ""; };
    EXPECT_EQ(newsdex::detail::rewrite_words("Kursk surender", upper), "Kursk surrender");
    EXPECT_EQ(newsdex::detail::rewrite_words("\"troops surender\" OR source:surender", upper),
              "\"troops surrender\" OR source:surender");
    EXPECT_EQ(newsdex::detail::rewrite_words("title:surender", upper), "title:surrender");
    EXPECT_EQ(newsdex::detail::query_language_field("armee +lang:fr"), "fr");
}

TEST(QuerySyntax, RankedWordsAreWordsOutsideFiltersAndExclusions) {
    using newsdex::detail::has_ranked_words;
    // Only filters and exclusions: every hit would score 0.
    for (const char* q : {"", "  ", "date:7d", "place:kursk", "person:putin person:trump", "source:AFP lang:fr",
                          "person:putin OR org:nato", "-oil", "-oil -gas", "NOT oil", "date:2025 NOT oil",
                          "source:AFP AND NOT (oil OR gas)", "source:AFP and not oil", "lang:fr -(oil gas)",
                          "place:(kursk)", "source:\"Reuters Wire\"", "(date:2025 OR date:2024) -\"crude oil\"",
                          "id:a1", "url:example.com"}) {
        EXPECT_FALSE(has_ranked_words(q)) << q;
    }
    // A word, phrase, wildcard or title: value ranks.
    for (const char* q : {"oil", "place:kursk oil", "date:7d \"crude oil\"", "+oil -gas", "sanction*", "title:kursk",
                          "title:(kursk troops)", "person:putin OR oil", "oil NOT gas", "source:AFP and oil",
                          "NOT oil gas", "Выборы", "普京", "colour:red"}) {
        EXPECT_TRUE(has_ranked_words(q)) << q;
    }
}

TEST(HalfLife, Units) {
    EXPECT_EQ(newsdex::parse_half_life("30d").count(), 30 * 86400);
    EXPECT_EQ(newsdex::parse_half_life("12h").count(), 12 * 3600);
    EXPECT_EQ(newsdex::parse_half_life("2w").count(), 14 * 86400);
    EXPECT_EQ(newsdex::parse_half_life("1.5d").count(), 36 * 3600);
    for (const char* bad : {"", "30", "d", "-3d", "0d", "3x", "30 d"}) {
        SCOPED_TRACE(bad);
        EXPECT_THROW((void)newsdex::parse_half_life(bad), newsdex::UsageError);
    }
}

}  // namespace

// Natural-language mode (issue 5): no syntax, stopwords out, every word
// stemmed whatever its case, words OR-ed.
class NaturalQueries : public QueryForms {
  protected:
    std::string natural(const std::string& input, const std::string& lang = "") {
        return builder.parse_natural(input, lang).query.get_description();
    }
};

TEST_F(NaturalQueries, WordsOredStemmedStopwordsDropped) {
    const std::vector<Row> rows = {
        {"Kursk surrender", "Query((Zkursk@1 OR Zsurrend@2))"},
        // Capitalised and all-caps words are stemmed too (lisa's queries are all caps).
        {"SANCTIONS on Russian BANKS", "Query((Zsanction@1 OR Zrussian@3 OR Zbank@4))"},
        {"What are the sanctions against Russia?", "Query((Zsanction@4 OR Zrussia@6))"},
        // Operators and special characters are text: "and"/"not" are stopwords,
        // quotes and brackets are separators, a field name is a word.
        {"kursk AND NOT (belgorod)", "Query((Zkursk@1 OR Zbelgorod@4))"},
        {"\"kursk -belgorod +troops", "Query((Zkursk@1 OR Zbelgorod@2 OR Ztroop@3))"},
        {"title: kursk", "Query((Ztitl@1 OR Zkursk@2))"},
        {"title:kursk", "Query((Ztitl@1 OR Zkursk@2))"},
        // A query of stopwords only keeps them rather than search for nothing.
        {"to be or not to be", "Query((Zto@1 OR Zbe@2 OR Zor@3 OR Znot@4 OR Zto@5 OR Zbe@6))"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.input);
        EXPECT_EQ(natural(row.input), row.expected);
    }
}

// Issue 14: a French question without --lang is read as French: its
// stopwords go, its words are stemmed the French way.
TEST_F(NaturalQueries, LatinScriptQuestionsUseTheLanguageOfTheirStopwords) {
    auto parsed = builder.parse_natural("Qu'est-ce que la Réserve fédérale a décidé ?", "");
    EXPECT_EQ(parsed.language, "fr");
    EXPECT_EQ(parsed.query.get_description(), "Query((Zreserv@5 OR Zfederal@6 OR Zdecid@8))");
    EXPECT_EQ(builder.parse_natural("¿Qué ha decidido la Reserva Federal de los Estados Unidos?", "").language, "es");
    EXPECT_EQ(builder.parse_natural("Was hat die Zentralbank in der Krise entschieden?", "").language, "de");
    // English questions stay English; one shared stopword, or a tie, decides nothing.
    EXPECT_EQ(builder.parse_natural("why did the stock market crash in October?", "").language, "en");
    EXPECT_EQ(builder.parse_natural("la la land", "").language, "en");
    EXPECT_EQ(builder.parse_natural("Kursk surrender", "").language, "en");
    EXPECT_EQ(builder.parse_natural("les sanctions", "en").language, "en");  // --lang wins
}

// Issue 13: the words as spelt (case-folded, unstemmed, stopwords out), for the exact-form boost.
TEST_F(NaturalQueries, WordsAsSpeltForTheExactFormBoost) {
    using Words = std::vector<std::string>;
    EXPECT_EQ(builder.parse_natural("What did Ukrainian TROOPS do in Kursk?", "").words,
              (Words{"ukrainian", "troops", "kursk"}));
    EXPECT_EQ(builder.parse_natural("troops, troops", "").words, (Words{"troops", "troops"}));  // repeats kept
    EXPECT_EQ(builder.parse_natural("to be or not", "").words, (Words{"to", "be", "or", "not"}));  // all stopwords: kept
}

TEST_F(NaturalQueries, MalformedSyntaxIsNeverAnError) {
    for (const char* input : {"kursk AND", "(kursk", "\"", "OR", "lang:", "NEAR/0 x", "date:31/02/2007", "*"}) {
        SCOPED_TRACE(input);
        EXPECT_NO_THROW((void)builder.parse_natural(input, ""));
    }
}

TEST_F(NaturalQueries, OtherLanguagesKeepTheirWordsAndStemmer) {
    // A French query drops French stopwords, not English ones, and stems French.
    EXPECT_EQ(natural("les sanctions", "fr"), "Query(Zsanction@2)");
    EXPECT_EQ(natural("the sanctions", "fr"), "Query((Zthe@1 OR Zsanction@2))");
    EXPECT_EQ(builder.parse_natural("Путин", "").language, "ru");
}
