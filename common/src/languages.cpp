/// @file languages.cpp
/// Language tags, stemmers, stopwords and scripts (see languages.hpp).
#include "languages.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <libstemmer.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "newsdex/analyzer.hpp"
#include "newsdex/error.hpp"

namespace newsdex::detail {

std::string snowball_language(std::string_view tag) {
    static const std::unordered_map<std::string, std::string> languages = {
        {"ar", "arabic"},     {"hy", "armenian"},   {"eu", "basque"},     {"ca", "catalan"},
        {"da", "danish"},     {"nl", "dutch"},      {"en", "english"},    {"fi", "finnish"},
        {"fr", "french"},     {"de", "german"},     {"hu", "hungarian"},  {"id", "indonesian"},
        {"ga", "irish"},      {"it", "italian"},    {"lt", "lithuanian"}, {"ne", "nepali"},
        {"nb", "norwegian"},  {"nn", "norwegian"},  {"no", "norwegian"},  {"pt", "portuguese"},
        {"ro", "romanian"},   {"ru", "russian"},    {"es", "spanish"},    {"sv", "swedish"},
        {"ta", "tamil"},      {"tr", "turkish"},
        // Snowball's, not in Xapian 1.4: make_stemmer() takes them from libstemmer.
        {"el", "greek"},      {"hi", "hindi"},      {"sr", "serbian"},    {"yi", "yiddish"},
    };
    auto it = languages.find(primary_language(tag));
    return it == languages.end() ? std::string() : it->second;
}

namespace {

/// A Snowball stemmer from libstemmer (UTF-8), for Xapian.
class LibstemmerStem : public Xapian::StemImplementation {
  public:
    explicit LibstemmerStem(const std::string& name)
        : name_(name), stemmer_(sb_stemmer_new(name.c_str(), "UTF_8")), fold_output_(name == "serbian") {
        if (!stemmer_) throw Error("no Snowball stemmer \"" + name + "\" in Xapian or libstemmer");
    }
    ~LibstemmerStem() override { sb_stemmer_delete(stemmer_); }
    LibstemmerStem(const LibstemmerStem&) = delete;
    LibstemmerStem& operator=(const LibstemmerStem&) = delete;

    std::string operator()(const std::string& word) override {
        const sb_symbol* stem = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                                static_cast<int>(word.size()));
        if (!stem) return word;  // out of memory: the word unstemmed
        std::string out(reinterpret_cast<const char*>(stem), static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
        // Serbian writes Cyrillic as Latin with diacritics (куће -> kuć), but
        // the Latin words it is given are already folded (kuće -> kuce -> kuc):
        // folding the stem lets both scripts meet.
        if (fold_output_) out = fold_filter_value(out);
        return out;
    }
    std::string get_description() const override { return name_ + " (libstemmer)"; }

  private:
    std::string name_;
    sb_stemmer* stemmer_;
    bool fold_output_;
};

}  // namespace

Xapian::Stem make_stemmer(const std::string& snowball_name) {
    static const std::string xapians = " " + Xapian::Stem::get_available_languages() + " ";
    if (xapians.find(" " + snowball_name + " ") != std::string::npos) return Xapian::Stem(snowball_name);
    return Xapian::Stem(new LibstemmerStem(snowball_name));
}

std::string bcp47_case(std::string_view tag) {
    std::string out;
    out.reserve(tag.size());
    std::size_t index = 0;  // of the subtag
    while (!tag.empty()) {
        const std::size_t end = std::min(tag.find_first_of("-_"), tag.size());
        std::string subtag(tag.substr(0, end));
        auto lower = [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); };
        auto upper = [](char c) { return static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c); };
        for (char& c : subtag) c = lower(c);
        const bool letters = std::all_of(subtag.begin(), subtag.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        if (index > 0 && subtag.size() == 4 && letters) {
            subtag[0] = upper(subtag[0]);  // script: Hans, Latn, Cyrl
        } else if (index > 0 && subtag.size() == 2 && letters) {
            for (char& c : subtag) c = upper(c);  // region: BR, CA
        }
        out += subtag;
        if (end == tag.size()) break;
        out += tag[end];
        tag.remove_prefix(end + 1);
        ++index;
    }
    return out;
}

std::vector<StemmingGroup> stemming_groups(const std::vector<std::string>& tags, std::string_view default_tag) {
    std::vector<StemmingGroup> groups(1);
    groups[0].stemmer = snowball_language(default_tag);
    groups[0].tag = std::string(default_tag);
    groups[0].holds_default = true;
    for (const std::string& tag : tags) {
        const std::string stemmer = snowball_language(tag);
        auto same = std::find_if(groups.begin(), groups.end(), [&](const StemmingGroup& g) { return g.stemmer == stemmer; });
        if (same == groups.end()) {
            groups.push_back(StemmingGroup{stemmer, tag, {}, false});
            same = groups.end() - 1;
        }
        same->tags.push_back(tag);
    }
    return groups;
}

UScriptCode first_letter_script(std::string_view text, bool (*wanted)(UScriptCode)) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0 || !u_isalpha(c)) continue;
        UErrorCode status = U_ZERO_ERROR;
        const UScriptCode script = uscript_getScript(c, &status);
        if (!wanted || wanted(script)) return script;
    }
    return USCRIPT_COMMON;
}

namespace {

/// The stemmed language a script suggests, "" for Latin, null for the others.
const char* script_language(UScriptCode script) {
    switch (script) {
        case USCRIPT_CYRILLIC: return "ru";
        case USCRIPT_ARABIC: return "ar";
        case USCRIPT_ARMENIAN: return "hy";
        case USCRIPT_GREEK: return "el";
        case USCRIPT_TAMIL: return "ta";
        case USCRIPT_DEVANAGARI: return "ne";
        case USCRIPT_LATIN: return "";
        default: return nullptr;
    }
}

}  // namespace

std::string language_of_script(std::string_view text) {
    const char* language =
        script_language(first_letter_script(text, [](UScriptCode script) { return script_language(script) != nullptr; }));
    return language ? language : "";
}

namespace {

/// The words of one list, as written and as the analyzer folds them.
std::unordered_set<std::string> parse_stopwords(std::string_view text) {
    std::unordered_set<std::string> words;
    std::size_t i = 0;
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (i < text.size()) {
        if (text[i] == '|') {
            i = text.find('\n', i);
            if (i == std::string_view::npos) break;
            continue;
        }
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !is_space(text[end]) && text[end] != '|') ++end;
        std::string_view word = text.substr(i, end - i);
        words.emplace(word);
        words.insert(fold_filter_value(word));  // "été" -> "ete", as indexed
        icu::UnicodeString lower = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
        std::string lowered;
        lower.foldCase().toUTF8String(lowered);
        words.insert(std::move(lowered));  // as indexed without diacritic folding
        i = end;
    }
    return words;
}

}  // namespace

const std::unordered_set<std::string>& stopwords(std::string_view tag) {
    static const std::unordered_set<std::string> none;
    static const std::map<std::string, std::unordered_set<std::string>, std::less<>> lists = [] {
        std::map<std::string, std::unordered_set<std::string>, std::less<>> out;
        for (const StopwordList* l = builtin_stopword_lists_begin(); l != builtin_stopword_lists_end(); ++l) {
            out.emplace(std::string(l->language), parse_stopwords(l->text));
        }
        return out;
    }();
    auto it = lists.find(snowball_language(tag));
    return it == lists.end() ? none : it->second;
}

std::string language_of_stopwords(const std::vector<std::string>& terms) {
    // One tag per compiled-in list (the Snowball name is what the lists are keyed by).
    static const std::pair<const char*, const char*> candidates[] = {
        {"en", "english"}, {"fr", "french"},     {"de", "german"},    {"es", "spanish"}, {"it", "italian"},
        {"pt", "portuguese"}, {"nl", "dutch"},   {"sv", "swedish"},   {"no", "norwegian"}, {"da", "danish"},
        {"fi", "finnish"}, {"hu", "hungarian"}, {"ru", "russian"}};
    std::string best;
    std::size_t best_hits = 0;
    std::size_t second_hits = 0;
    for (const auto& [tag, snowball] : candidates) {
        (void)snowball;
        const std::unordered_set<std::string>& words = stopwords(tag);
        std::size_t hits = 0;
        for (const std::string& term : terms) hits += words.count(term);
        if (hits > best_hits) {
            second_hits = best_hits;
            best_hits = hits;
            best = tag;
        } else if (hits > second_hits) {
            second_hits = hits;
        }
    }
    return best_hits >= 2 && best_hits > second_hits ? best : std::string();
}

bool is_stopword(std::string_view term, std::string_view tag) {
    const std::unordered_set<std::string>& words = stopwords(tag);
    return !words.empty() && words.count(std::string(term)) > 0;
}

}  // namespace newsdex::detail
