/// @file analyzer.hpp
/// The one analysis chain: how text becomes terms, for indexing, queries and highlighting.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// One word of analysed text.
struct Token {
    std::string term;        ///< normalised (NFKC), case- and diacritic-folded word
    std::size_t start = 0;   ///< UTF-8 byte offset of the word in the analysed text
    std::size_t end = 0;     ///< one past its last byte
    unsigned position = 0;   ///< word position (1-based, consecutive within one call)
};

/// Settings that must be identical at index and query time; stored in the index.
struct AnalyzerSettings {
    std::string default_language = "en";  ///< stemmer for articles without a lang
    bool fold_diacritics = true;
    bool stem = true;
    /// Analysed words longer than this (bytes) are not indexed or searched:
    /// base64, URLs and junk would only bloat the index. 4..240.
    std::size_t max_word_bytes = 64;
    /// Serialised form stored in index metadata ("v1;lang=en;fold=1;stem=1;maxword=64").
    std::string serialise() const;
    /// @throws UsageError if @p text is not a serialised AnalyzerSettings.
    static AnalyzerSettings unserialise(std::string_view text);
};

/// ICU-based analysis: NFKC normalisation, case and diacritic folding, word
/// boundaries in every script (dictionary segmentation for CJK, Thai, Lao,
/// Khmer, Myanmar), and Snowball stemming chosen by language.
///
/// Thread-safe for concurrent const use? No: each thread owns its Analyzer
/// (ICU break iterators and the stem cache are per instance). Copying is cheap.
class Analyzer {
  public:
    explicit Analyzer(AnalyzerSettings settings = {});
    ~Analyzer();
    Analyzer(const Analyzer&);
    Analyzer& operator=(const Analyzer&);
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;

    const AnalyzerSettings& settings() const;

    /// Words of @p text with byte offsets into @p text; positions start at
    /// @p first_position. Invalid UTF-8 is treated as U+FFFD (never throws).
    std::vector<Token> tokenize(std::string_view text, unsigned first_position = 1) const;

    /// Calls @p fn for each token without building a vector (the indexing hot path).
    void for_each_token(std::string_view text, unsigned first_position,
                        const std::function<void(const Token&)>& fn) const;

    /// Snowball stem of an analysed term for @p lang ("" = default language);
    /// the term itself when the language has no stemmer. Cached.
    std::string stem(std::string_view term, std::string_view lang = {}) const;

    /// The Xapian stemmer name for a BCP 47 tag ("fr-CA" -> "french"), "" if none.
    static std::string stemmer_language(std::string_view lang);

    /// Rewrites a user query so that Xapian's QueryParser sees exactly the
    /// terms tokenize() produces: every word is replaced by its analysed form
    /// (words split by ICU into several are joined with '-', which the parser
    /// reads as a phrase), while operators (AND OR NOT NEAR ADJ XOR, + - ( ) " field:)
    /// are kept as they are.
    std::string prepare_query(std::string_view query) const;

  private:
    void prepare_words(std::string_view text, std::string& out) const;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The exact-match key of a filter value (source, entity name): NFKC, case
/// and diacritic folded, whitespace collapsed ("Le  Monde" -> "le monde").
std::string fold_filter_value(std::string_view value);

/// Repairs invalid UTF-8 (each bad sequence becomes U+FFFD) and drops NUL and
/// other C0 controls except tab and newline. Returns true if anything changed.
bool repair_utf8(std::string& text);

}  // namespace newsdex
