/// @file transliteration.cpp
/// Cross-script keys of names (see transliteration.hpp).
#include "transliteration.hpp"

#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "languages.hpp"
#include "newsdex/error.hpp"

namespace newsdex::detail {

namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool is_keyed_script(UScriptCode script) {
    return script == USCRIPT_CYRILLIC || script == USCRIPT_GREEK || script == USCRIPT_ARMENIAN ||
           script == USCRIPT_GEORGIAN;
}

/// Whether the word starting at @p start begins a sentence (or a line: titles, lists).
bool starts_sentence(std::string_view text, std::size_t start) {
    std::size_t i = start;
    while (i > 0) {
        const auto c = static_cast<unsigned char>(text[i - 1]);
        if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '[' || c == '-') {
            --i;
            continue;
        }
        if (c >= 0x80) {  // a non-ASCII opening quote or dash (« “ „ ‘ — –) is skipped too
            std::size_t lead = i - 1;
            while (lead > 0 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;
            UChar32 cp;
            int32_t at = 0;
            const auto* s = reinterpret_cast<const uint8_t*>(text.data() + lead);
            U8_NEXT(s, at, static_cast<int32_t>(i - lead), cp);
            const int8_t type = u_charType(cp);
            if (type == U_INITIAL_PUNCTUATION || type == U_START_PUNCTUATION || type == U_DASH_PUNCTUATION ||
                type == U_SPACE_SEPARATOR || type == U_FINAL_PUNCTUATION) {
                i = lead;
                continue;
            }
            return cp == 0x2026;  // …
        }
        return c == '.' || c == '!' || c == '?' || c == ':' || c == '\n' || c == '\r';
    }
    return true;
}

}  // namespace

std::string loose_name_key(std::string_view ascii) {
    std::string letters;
    letters.reserve(ascii.size());
    for (char c : ascii) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c >= 'a' && c <= 'z') letters.push_back(c);
    }
    // Digraphs of one system, single letters of another (BGN "zh", ISO "ž" -> "z").
    static const std::pair<std::string_view, std::string_view> digraphs[] = {
        {"shch", "s"}, {"kh", "h"}, {"zh", "z"}, {"sh", "s"}, {"ch", "c"}, {"ts", "c"}, {"tz", "c"},
        {"ck", "k"},   {"ph", "f"}, {"th", "t"}, {"ou", "u"}, {"w", "v"},  {"q", "k"},  {"x", "ks"},
        {"y", "i"},    {"j", "i"},
    };
    std::string folded;
    folded.reserve(letters.size());
    for (std::size_t i = 0; i < letters.size();) {
        bool replaced = false;
        for (const auto& [from, to] : digraphs) {
            if (letters.compare(i, from.size(), from) == 0) {
                folded.append(to);
                i += from.size();
                replaced = true;
                break;
            }
        }
        if (!replaced) folded.push_back(letters[i++]);
    }
    // Iotated vowels at the start: "yeltsin" (ie) and "el'cin" (e) meet.
    if (folded.size() > 2 && folded[0] == 'i' && folded[1] == 'e') folded.erase(0, 1);
    // Doubled letters (Zelenskyy, Kiiv, Russell/Russel) as one.
    folded.erase(std::unique(folded.begin(), folded.end()), folded.end());
    // A final vowel is where inflection and romanisation differ most (Zelensky, Зеленского -> zelensk).
    while (folded.size() > min_cross_script_key_bytes && is_vowel(folded.back())) folded.pop_back();
    return folded;
}

bool has_cross_script_letters(std::string_view term) {
    if (term.empty() || static_cast<unsigned char>(term[0]) < 0x80) return false;  // ASCII: the fast answer
    return is_keyed_script(first_letter_script(term));
}

Capital capital_of(std::string_view text, std::size_t start, std::size_t end) {
    if (start >= end || end > text.size()) return Capital::none;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    int32_t at = static_cast<int32_t>(start);
    UChar32 first;
    U8_NEXT(s, at, static_cast<int32_t>(end), first);
    if (first < 0 || !(u_isupper(first) || u_istitle(first))) return Capital::none;
    return starts_sentence(text, start) ? Capital::sentence_start : Capital::mid_sentence;
}

void ArticleNames::add(std::string_view term, std::string_view stem, Capital capital) {
    if (capital == Capital::none) return;
    const bool mid = capital == Capital::mid_sentence;
    const auto [at, inserted] = index_.try_emplace(std::string(term), words_.size());
    if (inserted) {
        words_.push_back(Word{std::string(term), std::string(stem), mid});
    } else {
        words_[at->second].mid_sentence = words_[at->second].mid_sentence || mid;
    }
}

std::vector<std::pair<std::string, std::string>> ArticleNames::names() const {
    std::unordered_set<std::string_view> name_stems;
    for (const Word& w : words_) {
        if (w.mid_sentence && !w.stem.empty()) name_stems.insert(w.stem);
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (const Word& w : words_) {
        if (w.mid_sentence || name_stems.count(w.stem) > 0) out.emplace_back(w.term, w.stem);
    }
    return out;
}

std::string cross_script_stem_language(std::string_view lang, std::string_view term) {
    const std::string primary = primary_language(lang);
    switch (first_letter_script(term)) {
        case USCRIPT_CYRILLIC: return primary == "ru" || primary == "sr" ? primary : "ru";
        case USCRIPT_GREEK: return "el";
        case USCRIPT_ARMENIAN: return "hy";
        default: return snowball_language(lang).empty() ? std::string() : primary;
    }
}

struct CrossScriptKeys::Impl {
    std::unique_ptr<icu::Transliterator> to_latin;
    std::unordered_map<std::string, std::string> ascii_cache;

    icu::Transliterator& transliterator() {
        if (!to_latin) {
            UErrorCode status = U_ZERO_ERROR;
            to_latin.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
            if (U_FAILURE(status) || !to_latin) {
                throw Error(std::string("ICU: cannot create the transliterator Any-Latin; Latin-ASCII: ") +
                            u_errorName(status));
            }
        }
        return *to_latin;
    }
};

CrossScriptKeys::CrossScriptKeys() : impl_(std::make_unique<Impl>()) {}
CrossScriptKeys::~CrossScriptKeys() = default;
CrossScriptKeys::CrossScriptKeys(CrossScriptKeys&&) noexcept = default;
CrossScriptKeys& CrossScriptKeys::operator=(CrossScriptKeys&&) noexcept = default;

std::string CrossScriptKeys::to_ascii(std::string_view term) {
    const bool ascii = std::all_of(term.begin(), term.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) return std::string(term);
    std::string key(term);
    auto cached = impl_->ascii_cache.find(key);
    if (cached != impl_->ascii_cache.end()) return cached->second;
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(key.data(), static_cast<int32_t>(key.size())));
    impl_->transliterator().transliterate(text);
    text.toLower(icu::Locale::getRoot());
    std::string out;
    text.toUTF8String(out);
    if (impl_->ascii_cache.size() > 100000) impl_->ascii_cache.clear();  // bound memory on huge vocabularies
    impl_->ascii_cache.emplace(std::move(key), out);
    return out;
}

std::vector<std::string> CrossScriptKeys::keys(std::string_view term, std::string_view stem) {
    std::vector<std::string> out;
    auto add = [&](std::string_view word) {
        if (word.empty()) return;
        std::string key = loose_name_key(to_ascii(word));
        if (key.size() < min_cross_script_key_bytes) return;
        if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(std::move(key));
    };
    add(stem);
    add(term);
    return out;
}

}  // namespace newsdex::detail
