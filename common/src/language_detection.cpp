/// @file language_detection.cpp
/// CLD2 behind one function (see language_detection.hpp).
#include "language_detection.hpp"

#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>

namespace newsdex::detail {

namespace {

/// CLD2's codes that are not BCP 47 (old ISO 639 codes, Google's own).
std::string bcp47(CLD2::Language language) {
    if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE) return {};
    if (language == CLD2::CHINESE) return "zh-Hans";
    if (language == CLD2::CHINESE_T) return "zh-Hant";
    const std::string code = CLD2::LanguageCode(language);
    if (code == "iw") return "he";
    if (code == "jw") return "jv";
    if (code == "in") return "id";
    if (code == "mo") return "ro";
    if (code.size() > 3 && code.compare(0, 3, "xx-") == 0) return {};  // scripts without a language
    return code;
}

}  // namespace

DetectedLanguage detect_language(std::string_view text) {
    DetectedLanguage out;
    if (text.empty()) return out;
    CLD2::Language languages[3];
    int percents[3];
    double scores[3];
    bool reliable = false;
    int text_bytes = 0;
    // CLD2 reads at most INT_MAX bytes; a news article is far shorter, and
    // its first megabyte says as much as the rest.
    const int length = static_cast<int>(std::min<std::size_t>(text.size(), 1 << 20));
    CLD2::Language best = CLD2::ExtDetectLanguageSummary(text.data(), length, true, nullptr, CLD2::UNKNOWN_ENCODING,
                                                         CLD2::UNKNOWN_LANGUAGE, languages, percents, scores,
                                                         &text_bytes, &reliable);
    out.tag = bcp47(best);
    out.percent = best == languages[0] ? percents[0] : 0;
    out.reliable = reliable;
    out.text_bytes = text_bytes;
    return out;
}

std::string article_language(std::string_view title, std::string_view body) {
    std::string text;
    text.reserve(title.size() + body.size() + 2);
    text.append(title).append("\n").append(body);
    const DetectedLanguage detected = detect_language(text);
    if (!detected.reliable || detected.percent < min_detection_percent || detected.text_bytes < min_detection_bytes) {
        return {};
    }
    return detected.tag;
}

}  // namespace newsdex::detail
