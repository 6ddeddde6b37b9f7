/// @file language_detection.hpp
/// The language of an article without a `lang` field (library-internal):
/// Google's Compact Language Detector 2 (Debian's libcld2), as Chromium
/// uses it for web pages.
#pragma once

#include <string>
#include <string_view>

namespace newsdex::detail {

/// What the detector said about one text.
struct DetectedLanguage {
    std::string tag;        ///< BCP 47 ("fr", "zh-Hans", "he"); "" when unknown
    int percent = 0;        ///< share of the text's letters in that language, 0..100
    bool reliable = false;  ///< CLD2's own verdict: clearly ahead of the second guess
    int text_bytes = 0;     ///< letters-only bytes the detector read
};

/// The most likely language of @p text (UTF-8, plain text).
DetectedLanguage detect_language(std::string_view text);

/// Below this CLD2 is wrong too often to trust (tuned on half of NTREX-128,
/// see scripts/eval-language-detection): the index default applies instead.
inline constexpr int min_detection_percent = 50;
inline constexpr int min_detection_bytes = 24;

/** The language tag to index an article with no `lang` under: the detected
 *  language of its title and body when CLD2 is reliable, holds at least
 *  min_detection_percent of the text and read min_detection_bytes of
 *  letters; otherwise "" (the index default language applies). */
std::string article_language(std::string_view title, std::string_view body);

}  // namespace newsdex::detail
