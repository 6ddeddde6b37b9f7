/// @file transliteration.hpp
/// Names across scripts (library-internal): the cross-script keys that let
/// `Kursk` find `Курске` and `Зеленский` find `Zelensky`.
///
/// A word in a cased non-Latin script (Cyrillic, Greek, Armenian, Georgian)
/// that reads as a name (ArticleNames) is indexed with extra terms, `XT` + key: the word and its stem in
/// the article's language, transliterated to ASCII by ICU ("Any-Latin;
/// Latin-ASCII") and folded by loose_name_key(), which forgives the
/// differences between romanisation systems (zh/ž, kh/h, y/i/j, doubled
/// letters, a final vowel). A query word's keys are made the same way (a
/// Latin word is only folded), so each script meets the others through the
/// keys; Latin articles get no keys (their words are matched by the query's
/// transliterations directly, see QueryBuilder), so indexing Latin text costs
/// nothing more.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace newsdex::detail {

/// Version of the key function, stored in index metadata (schema::meta_cross_script):
/// keys made by another version would not meet the query's.
inline constexpr std::string_view cross_script_key_version = "1";

/// Keys shorter than this (bytes) are not made: two-letter keys join unrelated names.
inline constexpr std::size_t min_cross_script_key_bytes = 3;

/** @p ascii (lower-case ASCII letters; anything else is dropped) folded so
 *  that the usual romanisations of one name meet: "zelenskiy", "zelenskij",
 *  "zelensky" and "zelens'kyj" are all "zelensk"; "kharkiv" and "harkiv"
 *  "harkiv"; "yeltsin" and "el'cin" "elcin". */
std::string loose_name_key(std::string_view ascii);

/// Whether @p term (an analysed word) starts with a letter of a script that
/// gets cross-script keys (Cyrillic, Greek, Armenian, Georgian).
bool has_cross_script_letters(std::string_view term);

/// Where a word stands, for telling names from common words by their capital.
enum class Capital {
    none,            ///< its first letter is not upper case
    mid_sentence,    ///< capitalised where a common word would not be: a name
    sentence_start,  ///< capitalised at the start of a sentence or line, as every word is there
};

/// The capital of the word at [@p start, @p end) of @p text.
Capital capital_of(std::string_view text, std::size_t start, std::size_t end);

/** The capitalised words of one article in a keyed script, gathered while it
 *  is indexed, and which of them read as names: a word capitalised
 *  mid-sentence somewhere in the article is one, and so is a word starting a
 *  sentence whose stem is capitalised mid-sentence elsewhere ("Курск."
 *  beside "в Курске"); a word capitalised only where every word is ("Так",
 *  "Видео", "Τώρα" starting sentences) is not. */
class ArticleNames {
  public:
    /// Records @p term (analysed), its @p stem (its key stem, "" for none) and where it stood.
    void add(std::string_view term, std::string_view stem, Capital capital);

    /// The recorded words that read as names, each once, with their stems.
    std::vector<std::pair<std::string, std::string>> names() const;

    bool empty() const { return words_.empty(); }

  private:
    struct Word {
        std::string term;
        std::string stem;
        bool mid_sentence;
    };
    std::vector<Word> words_;                             // in the order first seen
    std::unordered_map<std::string, std::size_t> index_;  // term -> its place in words_
};

/// Makes cross-script keys; owns an ICU transliterator, created on first use
/// (so an analyser that never meets a non-Latin name never loads one). Not
/// thread-safe: one per thread.
class CrossScriptKeys {
  public:
    CrossScriptKeys();
    ~CrossScriptKeys();
    CrossScriptKeys(const CrossScriptKeys&) = delete;
    CrossScriptKeys& operator=(const CrossScriptKeys&) = delete;
    CrossScriptKeys(CrossScriptKeys&&) noexcept;
    CrossScriptKeys& operator=(CrossScriptKeys&&) noexcept;

    /// @p term (analysed, any script) in lower-case ASCII ("курске" -> "kurske").
    std::string to_ascii(std::string_view term);

    /** The keys of an analysed word: of the word and of @p stem (its stem in its
     *  language, "" for none), without repeats, none shorter than
     *  min_cross_script_key_bytes. A Latin word's key is its loose_name_key(). */
    std::vector<std::string> keys(std::string_view term, std::string_view stem);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The language whose stemmer makes the keys of a word of @p lang: its own,
/// else Russian for the Cyrillic languages Snowball lacks (Ukrainian,
/// Belarusian, Bulgarian, Macedonian), whose names inflect alike ("" for none).
std::string cross_script_stem_language(std::string_view lang, std::string_view term);

}  // namespace newsdex::detail
