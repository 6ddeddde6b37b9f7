// Cross-script name keys (transliteration.hpp) and their query side.
#include <gtest/gtest.h>

#include "transliteration.hpp"

namespace newsdex::detail {
namespace {

TEST(Transliteration, LooseKeyJoinsRomanisationsOfOneName) {
    for (const char* spelling : {"zelensky", "zelenskiy", "zelenskij", "zelens'kyj", "zelenskyy"}) {
        SCOPED_TRACE(spelling);
        EXPECT_EQ(loose_name_key(spelling), "zelensk");
    }
    EXPECT_EQ(loose_name_key("kharkiv"), loose_name_key("harkiv"));
    EXPECT_EQ(loose_name_key("yeltsin"), loose_name_key("el'cin"));
    EXPECT_EQ(loose_name_key("koursk"), "kursk");
}

TEST(Transliteration, LooseKeyKeepsUnrelatedNamesApart) {
    EXPECT_NE(loose_name_key("kursk"), loose_name_key("minsk"));
    EXPECT_NE(loose_name_key("putin"), loose_name_key("patton"));
    EXPECT_NE(loose_name_key("moskva"), loose_name_key("moscow"));
}

TEST(Transliteration, KeysOfWordAndStemAcrossScripts) {
    CrossScriptKeys keys;
    EXPECT_EQ(keys.to_ascii("курске"), "kurske");
    // The Russian stem of Курске is курск: the key of the nominative Latin name.
    EXPECT_EQ(keys.keys("курске", "курск"), (std::vector<std::string>{"kursk"}));
    EXPECT_EQ(keys.keys("зеленський", ""), (std::vector<std::string>{"zelensk"}));
    EXPECT_EQ(keys.keys("κουρσκ", "κουρσκ"), (std::vector<std::string>{"kursk"}));
    EXPECT_TRUE(keys.keys("мы", "").empty());  // too short to tell names apart
}

TEST(Transliteration, OnlyCasedNonLatinScriptsGetKeys) {
    EXPECT_TRUE(has_cross_script_letters("курск"));
    EXPECT_TRUE(has_cross_script_letters("κουρσκ"));
    EXPECT_FALSE(has_cross_script_letters("kursk"));
    EXPECT_FALSE(has_cross_script_letters("普京"));
    EXPECT_FALSE(has_cross_script_letters("كورسك"));
}

TEST(Transliteration, CapitalsMidSentenceAndAtSentenceStarts) {
    const std::string text = "В Курске тихо. Он сказал: Путин прав.\nКурск «Москва» — Киев";
    auto at = [&](const std::string& word) {
        const std::size_t start = text.find(word + (word == "Курск" ? " " : ""));  // not Курске
        return capital_of(text, start, start + word.size());
    };
    EXPECT_EQ(at("Курске"), Capital::mid_sentence);
    EXPECT_EQ(at("тихо"), Capital::none);
    EXPECT_EQ(at("Он"), Capital::sentence_start);
    EXPECT_EQ(at("В"), Capital::sentence_start);
    EXPECT_EQ(at("Путин"), Capital::sentence_start);  // after a colon
    EXPECT_EQ(at("Курск"), Capital::sentence_start);  // a new line
    EXPECT_EQ(at("Москва"), Capital::mid_sentence);   // a quote mark mid-sentence is skipped, not a start
    EXPECT_EQ(at("Киев"), Capital::mid_sentence);
}

TEST(Transliteration, NamesAreWordsCapitalisedMidSentenceSomewhereInTheArticle) {
    ArticleNames names;
    names.add("так", "так", Capital::sentence_start);        // "Так ..." opens a sentence: not a name
    names.add("курск", "курск", Capital::sentence_start);    // "Курск." opens one, but...
    names.add("курске", "курск", Capital::mid_sentence);     // ... "в Курске": the stem is a name
    names.add("путин", "путин", Capital::mid_sentence);
    names.add("путин", "путин", Capital::sentence_start);    // once only
    names.add("видео", "видео", Capital::none);              // lower case: never recorded
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"курск", "курск"}, {"курске", "курск"}, {"путин", "путин"}};
    EXPECT_EQ(names.names(), expected);
    EXPECT_TRUE(ArticleNames().names().empty());
}

TEST(Transliteration, KeyStemmerOfCyrillicLanguagesWithoutSnowball) {
    EXPECT_EQ(cross_script_stem_language("uk", "зеленського"), "ru");
    EXPECT_EQ(cross_script_stem_language("bg", "софия"), "ru");
    EXPECT_EQ(cross_script_stem_language("sr", "београд"), "sr");
    EXPECT_EQ(cross_script_stem_language("en", "κουρσκ"), "el");
}

}  // namespace
}  // namespace newsdex::detail
