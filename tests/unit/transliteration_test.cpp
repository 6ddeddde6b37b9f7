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

TEST(Transliteration, NameLikeWordsAreCapitalisedButNotCommonWordsStartingASentence) {
    const std::string text = "В Курске тихо. Он сказал: Путин прав.";
    auto at = [&](const std::string& word) {
        const std::size_t start = text.find(word);
        return is_name_like(text, start, start + word.size(), "ru");
    };
    EXPECT_TRUE(at("Курске"));
    EXPECT_FALSE(at("тихо"));
    EXPECT_FALSE(at("Он"));     // a stopword at the start of a sentence
    EXPECT_FALSE(at("В"));
    EXPECT_TRUE(at("Путин"));   // after a colon, but no stopword
}

TEST(Transliteration, KeyStemmerOfCyrillicLanguagesWithoutSnowball) {
    EXPECT_EQ(cross_script_stem_language("uk", "зеленського"), "ru");
    EXPECT_EQ(cross_script_stem_language("bg", "софия"), "ru");
    EXPECT_EQ(cross_script_stem_language("sr", "београд"), "sr");
    EXPECT_EQ(cross_script_stem_language("en", "κουρσκ"), "el");
}

}  // namespace
}  // namespace newsdex::detail
