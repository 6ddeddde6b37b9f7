/// The language module (languages.hpp): tags, stemmers, stopwords, scripts.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "languages.hpp"
#include "newsdex/analyzer.hpp"
#include "newsdex/entities.hpp"
#include "newsdex/error.hpp"
#include "ranking.hpp"

using namespace newsdex;
using namespace newsdex::detail;

TEST(Languages, OneNormalisationOfTags) {
    EXPECT_EQ(primary_language("en"), "en");
    EXPECT_EQ(primary_language("EN"), "en");
    EXPECT_EQ(primary_language("en_GB"), "en");
    EXPECT_EQ(primary_language("en-GB"), "en");
    EXPECT_EQ(primary_language("zh-Hans"), "zh");
    EXPECT_EQ(primary_language(""), "");
    EXPECT_TRUE(is_language("En-us", "en"));
    EXPECT_FALSE(is_language("eng", "en"));
    EXPECT_FALSE(is_language("e", "en"));
}

TEST(Languages, StemmerStopwordsAndEntitiesAgreeOnEveryFormOfATag) {
    Analyzer analyzer;
    const std::size_t english = stopwords("en").size();
    ASSERT_GT(english, 100U);
    for (const char* tag : {"en", "EN", "en_GB", "en-US"}) {
        SCOPED_TRACE(tag);
        EXPECT_EQ(snowball_language(tag), "english");
        EXPECT_EQ(Analyzer::stemmer_language(tag), "english");
        EXPECT_TRUE(is_stopword("the", tag));
        EXPECT_EQ(stopwords(tag).size(), english);
        EXPECT_FALSE(stopword_stems(analyzer, tag).empty());
        EXPECT_FALSE(EntityExtractor::builtin().extract("Vladimir Putin spoke in Moscow.", "", tag).empty());
    }
    EXPECT_EQ(snowball_language("fr-CA"), "french");
    EXPECT_EQ(snowball_language("zh-Hans"), "");
    // Other languages with name forms are analysed too (entities_test.cpp); one without finds nothing.
    EXPECT_FALSE(EntityExtractor::builtin().extract("Vladimir Poutine a parlé à Moscou.", "", "fr-CA").empty());
    EXPECT_TRUE(EntityExtractor::builtin().extract("Vladimir Putin spoke in Moscow.", "", "ja").empty());
}

TEST(Languages, AnIndexsLanguagesAreGroupedByStemmerWithTheDefaultFirst) {
    const std::vector<StemmingGroup> groups = stemming_groups({"fr", "fr-ca", "en-gb", "ja", "zh-hans", "it"}, "en");
    ASSERT_EQ(groups.size(), 4u);
    EXPECT_EQ(groups[0].stemmer, "english");
    EXPECT_TRUE(groups[0].holds_default);
    EXPECT_EQ(groups[0].tag, "en");
    EXPECT_EQ(groups[0].tags, std::vector<std::string>{"en-gb"});
    EXPECT_EQ(groups[1].stemmer, "french");
    EXPECT_EQ(groups[1].tags, (std::vector<std::string>{"fr", "fr-ca"}));
    EXPECT_FALSE(groups[1].holds_default);
    EXPECT_EQ(groups[2].stemmer, "");  // Japanese and Chinese: no stemmer, one group
    EXPECT_EQ(groups[2].tags, (std::vector<std::string>{"ja", "zh-hans"}));
    EXPECT_EQ(groups[3].tag, "it");
    // The default group exists even when the index holds none of its articles.
    const std::vector<StemmingGroup> french_only = stemming_groups({"fr"}, "de");
    ASSERT_EQ(french_only.size(), 2u);
    EXPECT_EQ(french_only[0].stemmer, "german");
    EXPECT_TRUE(french_only[0].tags.empty());
}

// Greek, Hindi, Serbian and Yiddish are Snowball stemmers Xapian 1.4 lacks:
// they come from libstemmer, and an inflected form meets its singular.
TEST(Languages, SnowballStemmersXapianLacksComeFromLibstemmer) {
    EXPECT_EQ(Xapian::Stem::get_available_languages().find("greek"), std::string::npos);
    Analyzer analyzer;
    auto stem = [&](const char* word, const char* lang) {
        std::vector<Token> tokens = analyzer.tokenize(word);  // folded as indexed
        EXPECT_EQ(tokens.size(), 1u) << word;
        return tokens.empty() ? std::string() : analyzer.stem(tokens[0].term, lang);
    };
    EXPECT_EQ(stem("βουλευτών", "el"), stem("βουλευτής", "el"));   // NTREX: members of parliament
    EXPECT_EQ(stem("Βουλευτές", "el"), "βουλευτ");
    EXPECT_EQ(stem("विधानसभाओं", "hi"), stem("विधानसभा", "hi"));  // assemblies / assembly
    EXPECT_EQ(stem("studentima", "sr"), stem("student", "sr"));
    EXPECT_EQ(stem("куће", "sr"), stem("kuća", "sr"));  // Serbian Cyrillic and Latin meet
    EXPECT_EQ(stem("קינדער", "yi"), stem("קינד", "yi"));
    EXPECT_EQ(snowball_language("el-GR"), "greek");
    EXPECT_EQ(make_stemmer("french").get_description(), Xapian::Stem("french").get_description());
    EXPECT_NE(make_stemmer("hindi").get_description().find("libstemmer"), std::string::npos);
    EXPECT_THROW(make_stemmer("klingon"), newsdex::Error);
    EXPECT_EQ(language_of_script("Αθήνα"), "el");
}

TEST(Languages, TagsAreShownInBcp47Case) {
    EXPECT_EQ(bcp47_case("zh-hans"), "zh-Hans");
    EXPECT_EQ(bcp47_case("zh-hant-tw"), "zh-Hant-TW");
    EXPECT_EQ(bcp47_case("pt_br"), "pt_BR");  // the separator stays: it is the lang: term
    EXPECT_EQ(bcp47_case("EN"), "en");
    EXPECT_EQ(bcp47_case("es-419"), "es-419");
    EXPECT_EQ(bcp47_case("sr-latn-rs"), "sr-Latn-RS");
    EXPECT_EQ(bcp47_case(""), "");
}

TEST(Languages, StopwordsComeFromTheDataFileTheScriptsRead) {
    std::ifstream in(std::string(NEWSDEX_SOURCE_DIR) + "/common/data/stopwords/english.txt");
    ASSERT_TRUE(in) << "common/data/stopwords/english.txt";
    std::string line;
    std::size_t words = 0;
    while (std::getline(in, line)) {
        std::istringstream fields(line.substr(0, line.find('|')));
        for (std::string word; fields >> word; ++words) EXPECT_TRUE(is_stopword(word, "en")) << word;
    }
    EXPECT_EQ(words, 126U);  // Snowball's list without its contractions
    EXPECT_FALSE(is_stopword("kursk", "en"));
    EXPECT_FALSE(is_stopword("|", "en"));      // comments are not words
    EXPECT_FALSE(is_stopword("the", "de"));    // no list: every word kept
    EXPECT_FALSE(is_stopword("the", "xx"));
}

TEST(Languages, TheScriptSuggestsALanguageOnlyWhenItNamesOne) {
    EXPECT_EQ(language_of_script("Курск"), "ru");
    EXPECT_EQ(language_of_script("123 الجيش"), "ar");
    EXPECT_EQ(language_of_script("Kursk Курск"), "");  // Latin first: the index default decides
    EXPECT_EQ(language_of_script("普京 Курск"), "ru");  // Han names no stemmed language
    EXPECT_EQ(language_of_script("2025"), "");
    EXPECT_EQ(language_of_script(""), "");
}

#include "language_detection.hpp"

TEST(LanguageDetection, NamesTheLanguageOfNewsTextInBcp47) {
    EXPECT_EQ(article_language("Des membres de l’Assemblée du pays de Galles inquiets",
                               "Les membres de l’Assemblée s’inquiètent d’une proposition visant à changer leur titre."),
              "fr");
    EXPECT_EQ(article_language("Члены Ассамблеи Уэльса", "Члены Ассамблеи обеспокоены предложением изменить их название."),
              "ru");
    EXPECT_EQ(article_language("חברי פרלמנט בוויילס חוששים", "חברי הפרלמנט מודאגים מההצעה לשנות את התואר שלהם לחברי פרלמנט."),
              "he");  // CLD2 says "iw"
    EXPECT_EQ(article_language("威尔士国民议会议员担心", "威尔士国民议会议员担心被人嘲笑，因为有人建议将他们的头衔改为威尔士议会议员。"),
              "zh-Hans");
}

TEST(LanguageDetection, BelowTheConfidenceFloorSaysNothing) {
    EXPECT_EQ(article_language("", ""), "");
    EXPECT_EQ(article_language("AFP", "12:30"), "");  // too few letters to tell
    const DetectedLanguage d = detect_language("The troops surrendered in Kursk after a week of fighting in the region.");
    EXPECT_EQ(d.tag, "en");
    EXPECT_TRUE(d.reliable);
    EXPECT_GE(d.percent, min_detection_percent);
}
