#include "newsdex/analyzer.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "analyzer_internal.hpp"
#include "languages.hpp"
#include "query_lexer.hpp"
#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"

namespace newsdex {

// ---------------------------------------------------------------- settings

std::string AnalyzerSettings::serialise() const {
    std::ostringstream out;
    out << "v1;lang=" << default_language << ";fold=" << (fold_diacritics ? 1 : 0)
        << ";stem=" << (stem ? 1 : 0) << ";maxword=" << max_word_bytes;
    return out.str();
}

AnalyzerSettings AnalyzerSettings::unserialise(std::string_view text) {
    AnalyzerSettings settings;
    if (text.substr(0, 3) != "v1;") {
        throw UsageError("unknown analyzer settings \"" + std::string(text) + "\"");
    }
    std::string_view rest = text.substr(3);
    while (!rest.empty()) {
        auto semi = rest.find(';');
        std::string_view item = rest.substr(0, semi);
        rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
        auto eq = item.find('=');
        if (eq == std::string_view::npos) continue;
        std::string_view key = item.substr(0, eq);
        std::string_view value = item.substr(eq + 1);
        if (key == "lang") settings.default_language = std::string(value);
        else if (key == "fold") settings.fold_diacritics = value == "1";
        else if (key == "stem") settings.stem = value == "1";
        else if (key == "maxword") {
            std::size_t n = 0;
            for (char c : value) n = c >= '0' && c <= '9' && n < 100000 ? n * 10 + static_cast<std::size_t>(c - '0') : n;
            if (n >= 4) settings.max_word_bytes = n;
        }
        // Unknown keys come from newer minor versions that stay compatible.
    }
    return settings;
}

// ---------------------------------------------------------------- UTF-8

bool repair_utf8(std::string& text) {
    std::string out;
    bool changed = false;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const int32_t length = static_cast<int32_t>(text.size());
    int32_t i = 0;
    // Fast path: most text is valid; only rebuild the string when needed.
    while (i < length) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        bool bad = c < 0;
        bool control = !bad && c < 0x20 && c != '\n' && c != '\t' && c != '\r';
        if (bad || control || c == 0x7f) {
            if (!changed) {
                out.assign(text, 0, static_cast<std::size_t>(start));
                changed = true;
            }
            if (bad) out += "\xEF\xBF\xBD";
            continue;
        }
        if (changed) out.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    }
    if (changed) text.swap(out);
    return changed;
}

namespace detail {

namespace {

const icu::Normalizer2& nfkc_casefold() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw Error("ICU: cannot load NFKC_Casefold data");
    return *n;
}

const icu::Normalizer2& nfd() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw Error("ICU: cannot load NFD data");
    return *n;
}

const icu::Normalizer2& nfc() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw Error("ICU: cannot load NFC data");
    return *n;
}

// Which combining marks carry no meaning a searcher cares about. Marks are
// dropped only after Latin, Greek and (stress/diaeresis only) Cyrillic
// letters, and Arabic/Hebrew vowel points; in Indic, Thai or kana text the
// marks are vowels or voicing and must stay.
bool is_foldable_mark(UChar32 mark, UScriptCode base_script) {
    if (u_charType(mark) != U_NON_SPACING_MARK) return false;
    switch (base_script) {
        case USCRIPT_LATIN:
        case USCRIPT_GREEK:
            return mark >= 0x0300 && mark <= 0x036F;
        case USCRIPT_CYRILLIC:
            return mark == 0x0300 || mark == 0x0301 || mark == 0x0308;
        case USCRIPT_ARABIC:
            return (mark >= 0x064B && mark <= 0x065F) || mark == 0x0670;
        case USCRIPT_HEBREW:
            return mark >= 0x0591 && mark <= 0x05C7;
        default:
            return false;
    }
}

// Latin letters that are not decomposable but that readers type without the mark.
const char16_t* latin_replacement(UChar32 c) {
    switch (c) {
        case 0x00E6: return u"ae";  // æ
        case 0x0153: return u"oe";  // œ
        case 0x00F8: return u"o";   // ø
        case 0x0111: return u"d";   // đ
        case 0x0142: return u"l";   // ł
        case 0x00FE: return u"th";  // þ
        case 0x00F0: return u"d";   // ð
        case 0x0131: return u"i";   // dotless ı
        default: return nullptr;
    }
}

icu::UnicodeString fold_diacritics(const icu::UnicodeString& text) {
    icu::UnicodeString decomposed;
    UErrorCode status = U_ZERO_ERROR;
    nfd().normalize(text, decomposed, status);
    if (U_FAILURE(status)) return text;
    icu::UnicodeString out;
    UScriptCode base_script = USCRIPT_COMMON;
    bool dropped = false;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (is_foldable_mark(c, base_script)) {
            dropped = true;
            continue;
        }
        if (u_charType(c) != U_NON_SPACING_MARK) {
            UErrorCode script_status = U_ZERO_ERROR;
            base_script = uscript_getScript(c, &script_status);
        }
        if (c == 0x0640) {  // Arabic tatweel: a stretching stroke, not a letter
            dropped = true;
            continue;
        }
        if (const char16_t* replacement = latin_replacement(c)) {
            out.append(replacement);
            dropped = true;
            continue;
        }
        out.append(c);
    }
    if (!dropped) return text;
    icu::UnicodeString composed;
    nfc().normalize(out, composed, status);
    return U_FAILURE(status) ? out : composed;
}

bool is_word_char(UChar32 c) {
    int8_t type = u_charType(c);
    switch (type) {
        case U_UPPERCASE_LETTER:
        case U_LOWERCASE_LETTER:
        case U_TITLECASE_LETTER:
        case U_MODIFIER_LETTER:
        case U_OTHER_LETTER:
        case U_NON_SPACING_MARK:
        case U_ENCLOSING_MARK:
        case U_COMBINING_SPACING_MARK:
        case U_DECIMAL_DIGIT_NUMBER:
        case U_LETTER_NUMBER:
        case U_OTHER_NUMBER:
            return true;
        default:
            return false;
    }
}

bool is_apostrophe(UChar32 c) {
    return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07;
}

// French and Italian elided articles and prepositions ("l'armée", "dell'Ucraina").
bool is_elision(const std::string& prefix) {
    static const char* const elisions[] = {"l", "d", "j", "m", "n", "s", "t", "c", "qu",
                                           "dell", "all", "dall", "nell", "sull", "un", "quell"};
    return std::any_of(std::begin(elisions), std::end(elisions),
                       [&](const char* e) { return prefix == e; });
}

// Splits one analysed word into index terms: apostrophes handled as
// possessive/elision, acronym dots dropped ("u.s" -> "us"), and any other
// non-word character separates terms. Every term consists of word
// characters only, so Xapian's QueryParser reads it back unchanged.
void split_terms(const std::string& word, std::vector<std::string>& terms) {
    terms.clear();
    // Unicode-aware walk over UTF-8.
    const auto* s = reinterpret_cast<const uint8_t*>(word.data());
    const int32_t length = static_cast<int32_t>(word.size());

    struct Piece {
        std::string text;
        UChar32 separator_after = 0;  // the non-word character that ended it
    };
    std::vector<Piece> pieces(1);
    for (int32_t i = 0; i < length;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c >= 0 && is_word_char(c)) {
            pieces.back().text.append(word, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
        } else {
            pieces.back().separator_after = is_apostrophe(c) ? '\'' : c;
            pieces.emplace_back();
        }
    }
    // Acronyms: single letters separated by dots ("u.s", "u.k") become one term.
    bool acronym = pieces.size() > 1;
    for (std::size_t i = 0; i < pieces.size() && acronym; ++i) {
        const Piece& p = pieces[i];
        int32_t n = 0;
        int32_t j = 0;
        const auto* ps = reinterpret_cast<const uint8_t*>(p.text.data());
        const int32_t plen = static_cast<int32_t>(p.text.size());
        while (j < plen) {
            UChar32 c;
            U8_NEXT(ps, j, plen, c);
            if (!u_isalpha(c)) n = 99;
            ++n;
        }
        bool last = i + 1 == pieces.size();
        if (n != 1 && !(last && p.text.empty())) acronym = false;
        if (!last && p.separator_after != '.') acronym = false;
    }
    if (acronym) {
        std::string joined;
        for (const Piece& p : pieces) joined += p.text;
        terms.push_back(std::move(joined));
        return;
    }
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        Piece& p = pieces[i];
        if (p.text.empty()) continue;
        if (p.separator_after == '\'' && i + 1 < pieces.size()) {
            const std::string& next = pieces[i + 1].text;
            if (i == 0 && is_elision(p.text) && !next.empty()) continue;  // "l'armée" -> "armée"
            if (next == "s" && i + 2 == pieces.size()) {                   // "Putin's" -> "putin"
                terms.push_back(std::move(p.text));
                break;
            }
            if (next.size() <= 2 && i + 2 == pieces.size()) {  // "don't", "o'clock": glue
                terms.push_back(p.text + next);
                break;
            }
        }
        terms.push_back(std::move(p.text));
    }
}

}  // namespace

std::string normalise_word(const char16_t* begin, int32_t length, bool fold) {
    // ASCII fast path: lower-casing is all NFKC_Casefold would do.
    bool ascii = true;
    for (int32_t i = 0; i < length; ++i) {
        if (begin[i] >= 0x80) {
            ascii = false;
            break;
        }
    }
    std::string out;
    if (ascii) {
        out.resize(static_cast<std::size_t>(length));
        for (int32_t i = 0; i < length; ++i) {
            out[static_cast<std::size_t>(i)] =
                static_cast<char>(std::tolower(static_cast<unsigned char>(begin[i])));
        }
        return out;
    }
    icu::UnicodeString word(false, begin, length);  // read-only alias, no copy
    icu::UnicodeString folded;
    UErrorCode status = U_ZERO_ERROR;
    nfkc_casefold().normalize(word, folded, status);
    if (U_FAILURE(status)) folded = word;
    if (fold) folded = fold_diacritics(folded);
    folded.toUTF8String(out);
    return out;
}

}  // namespace detail

// ---------------------------------------------------------------- Analyzer

std::string fold_filter_value(std::string_view value) {
    std::string collapsed;
    bool space = false;
    for (char c : value) {
        bool is_ws = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (is_ws) {
            space = !collapsed.empty();
            continue;
        }
        if (space) collapsed.push_back(' ');
        space = false;
        collapsed.push_back(c);
    }
    // ASCII: lower-casing is all normalise_word() would do, without the UTF-16 round trip
    // (facets fold every entity name they count).
    if (std::all_of(collapsed.begin(), collapsed.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
        for (char& c : collapsed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return collapsed;
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(collapsed);
    return detail::normalise_word(reinterpret_cast<const char16_t*>(u.getBuffer()), u.length(), true);
}

struct Analyzer::Impl {
    AnalyzerSettings settings;
    std::unique_ptr<icu::BreakIterator> words;
    // Stemming is the hottest step after word breaking; news vocabularies are
    // Zipfian, so a per-language cache pays for itself quickly.
    mutable std::unordered_map<std::string, Xapian::Stem> stemmers;
    mutable std::unordered_map<std::string, std::unordered_map<std::string, std::string>> stem_cache;
    // stem() runs per token, nearly always for the language of the call before:
    // remember what that language resolved to (unordered_map nodes stay put).
    mutable std::string last_lang;
    mutable bool last_resolved = false;
    mutable std::unordered_map<std::string, std::string>* last_cache = nullptr;  ///< null: no stemmer
    mutable Xapian::Stem* last_stemmer = nullptr;

    explicit Impl(AnalyzerSettings s) : settings(std::move(s)) {
        UErrorCode status = U_ZERO_ERROR;
        words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status) || !words) {
            throw Error(std::string("ICU: cannot create word break iterator: ") + u_errorName(status));
        }
    }
    Impl(const Impl& other) : settings(other.settings), words(other.words->clone()) {}
};

Analyzer::Analyzer(AnalyzerSettings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(const Analyzer& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
Analyzer& Analyzer::operator=(const Analyzer& other) {
    if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
    return *this;
}
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

const AnalyzerSettings& Analyzer::settings() const { return impl_->settings; }

namespace detail {

namespace {

// Emits the terms of one word (its bytes [start, end) of the caller's text,
// already normalised into @p word) with consecutive positions.
void emit_word(std::string& word, std::size_t start, std::size_t end, Token& token, std::vector<std::string>& terms,
               const std::function<void(const Token&)>& fn) {
    token.start = start;
    token.end = end;
    split_terms(word, terms);
    for (std::string& term : terms) {
        token.term = std::move(term);
        fn(token);
        ++token.position;
    }
}

bool is_ascii_alnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
// ALetter in ICU's root word rules: ASCII letters and, since ICU 72, '@'
// (so that "jo@samaritans.org" and "@MerPolCC" stay one segment).
bool is_ascii_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@'; }

}  // namespace

bool is_break_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

bool is_fast_chunk_byte(unsigned char c) { return c >= 0x21 && c <= 0x7E; }

void ascii_chunk_words(std::string_view text, std::size_t chunk_start, std::size_t chunk_end, Token& token,
                       std::vector<std::string>& terms, std::string& word,
                       const std::function<void(const Token&)>& fn) {
    // UAX #29 word boundaries restricted to printable ASCII, as ICU's root
    // rules have them: letters (with '@'), digits and '_' (ExtendNumLet)
    // join (WB5, WB8-WB10, WB13a/b); '.' and '\'' (MidNumLetQ) are kept
    // between two letters (WB6/7; ICU takes ':' out of MidLetter), '.' '\'' ',' ';' between two digits
    // (WB11/12); every other character is a segment of its own, which
    // yields no term. The property test AnalyzerFastPath checks this
    // against ICU over the corpora.
    const auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    std::size_t p = chunk_start;
    while (p < chunk_end) {
        const std::size_t start = p;
        if (!is_ascii_alnum(at(p)) && !is_ascii_alpha(at(p)) && at(p) != '_') {
            ++p;
            continue;
        }
        bool plain = is_ascii_alnum(at(p));  // letters and digits only: the word is its own single term
        bool any_alnum = plain;
        bool last_alpha = is_ascii_alpha(at(p));
        bool last_digit = is_ascii_digit(at(p));
        ++p;
        while (p < chunk_end) {
            const unsigned char c = at(p);
            if (is_ascii_alnum(c) || is_ascii_alpha(c) || c == '_') {
                plain = plain && is_ascii_alnum(c);
                any_alnum = any_alnum || is_ascii_alnum(c);
                last_alpha = is_ascii_alpha(c);
                last_digit = is_ascii_digit(c);
                ++p;
                continue;
            }
            if (p + 1 >= chunk_end) break;
            const unsigned char next = at(p + 1);
            const bool letter_mid = c == '.' || c == '\'';
            const bool number_mid = c == '.' || c == '\'' || c == ',' || c == ';';
            if ((last_alpha && letter_mid && is_ascii_alpha(next)) || (last_digit && number_mid && is_ascii_digit(next))) {
                plain = false;
                any_alnum = any_alnum || is_ascii_alnum(next);
                p += 2;
                last_alpha = is_ascii_alpha(next);
                last_digit = is_ascii_digit(next);
                continue;
            }
            break;
        }
        if (!any_alnum) continue;  // "_" or "__": no term, as from ICU
        word.resize(p - start);
        for (std::size_t i = start; i < p; ++i) {
            const unsigned char c = at(i);
            word[i - start] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        if (plain) {
            token.start = start;
            token.end = p;
            token.term.assign(word);
            fn(token);
            ++token.position;
        } else {
            emit_word(word, start, p, token, terms, fn);
        }
    }
}

void icu_words(icu::BreakIterator& bi, std::string_view text, std::size_t offset, bool fold, Token& token,
               std::vector<std::string>& terms, const std::function<void(const Token&)>& fn) {
    // Decode to UTF-16 for ICU, remembering where each UTF-16 unit starts in
    // the UTF-8 input so that tokens carry byte offsets into the original.
    std::u16string units;
    std::vector<uint32_t> byte_at;
    units.reserve(text.size());
    byte_at.reserve(text.size() + 1);
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const int32_t length = static_cast<int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
    for (int32_t i = 0; i < length;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) c = 0xFFFD;
        if (c <= 0xFFFF) {
            units.push_back(static_cast<char16_t>(c));
            byte_at.push_back(static_cast<uint32_t>(start));
        } else {
            units.push_back(static_cast<char16_t>(U16_LEAD(c)));
            units.push_back(static_cast<char16_t>(U16_TRAIL(c)));
            byte_at.push_back(static_cast<uint32_t>(start));
            byte_at.push_back(static_cast<uint32_t>(start));
        }
    }
    byte_at.push_back(static_cast<uint32_t>(length));
    if (units.empty()) return;

    UErrorCode status = U_ZERO_ERROR;
    UText* utext = utext_openUChars(nullptr, units.data(), static_cast<int64_t>(units.size()), &status);
    if (U_FAILURE(status)) return;
    bi.setText(utext, status);
    if (U_FAILURE(status)) {
        utext_close(utext);
        return;
    }
    int32_t start = bi.first();
    for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
        int32_t status_value = bi.getRuleStatus();
        if (status_value >= UBRK_WORD_NONE && status_value < UBRK_WORD_NONE_LIMIT) {
            // ICU calls emoji and symbols "none"; keep only runs with a letter or digit.
            bool has_word_char = false;
            for (int32_t i = start; i < end && !has_word_char; ++i) has_word_char = u_isalnum(units[static_cast<std::size_t>(i)]);
            if (!has_word_char) continue;
        }
        std::string word = normalise_word(units.data() + start, end - start, fold);
        emit_word(word, offset + byte_at[static_cast<std::size_t>(start)], offset + byte_at[static_cast<std::size_t>(end)],
                  token, terms, fn);
    }
    bi.setText(icu::UnicodeString());  // drop the reference to our buffer
    utext_close(utext);
}

}  // namespace detail

void Analyzer::for_each_token(std::string_view text, unsigned first_position,
                              const std::function<void(const Token&)>& fn) const {
    // Most news text is printable ASCII between white space. A chunk of it
    // between two white-space characters has the same word boundaries
    // whatever surrounds it (UAX #29 always breaks between ASCII white space
    // and an ASCII character), so it is segmented by ascii_chunk_words()
    // without ICU. Any other chunk goes to ICU together with the white space
    // before it (a combining mark after a space belongs to the space) and the
    // neighbouring chunks that are not plain ASCII either.
    Token token;
    token.position = first_position;
    std::vector<std::string> terms;
    std::string word;
    const std::size_t n = text.size();
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    // [begin, end) of the next chunk at or after @p from; fast = printable ASCII only.
    const auto next_chunk = [&](std::size_t from, std::size_t& begin, std::size_t& end, bool& fast) {
        begin = from;
        while (begin < n && detail::is_break_space(byte(begin))) ++begin;
        end = begin;
        fast = true;
        while (end < n && !detail::is_break_space(byte(end))) {
            fast = fast && detail::is_fast_chunk_byte(byte(end));
            ++end;
        }
    };
    std::size_t begin = 0;
    std::size_t end = 0;
    bool fast = true;
    std::size_t previous_end = 0;  // where the white space before the chunk starts
    next_chunk(0, begin, end, fast);
    while (begin < n) {
        if (fast) {
            detail::ascii_chunk_words(text, begin, end, token, terms, word, fn);
            previous_end = end;
            next_chunk(end, begin, end, fast);
            continue;
        }
        const std::size_t region_start = previous_end;
        std::size_t region_end = end;
        next_chunk(end, begin, end, fast);
        while (begin < n && !fast) {
            region_end = end;
            next_chunk(end, begin, end, fast);
        }
        previous_end = region_end;
        detail::icu_words(*impl_->words, text.substr(region_start, region_end - region_start), region_start,
                          impl_->settings.fold_diacritics, token, terms, fn);
    }
}

std::vector<Token> Analyzer::tokenize(std::string_view text, unsigned first_position) const {
    std::vector<Token> tokens;
    for_each_token(text, first_position, [&](const Token& t) { tokens.push_back(t); });
    return tokens;
}

std::string Analyzer::stemmer_language(std::string_view lang) { return detail::snowball_language(lang); }

std::string Analyzer::stem(std::string_view term, std::string_view lang) const {
    if (!impl_->settings.stem) return std::string(term);
    Impl& impl = *impl_;
    const std::string_view wanted = lang.empty() ? std::string_view(impl.settings.default_language) : lang;
    if (!impl.last_resolved || impl.last_lang != wanted) {
        impl.last_lang.assign(wanted);
        impl.last_cache = nullptr;
        impl.last_stemmer = nullptr;
        std::string language = stemmer_language(wanted);
        if (!language.empty()) {
            impl.last_cache = &impl.stem_cache[language];
            auto stemmer = impl.stemmers.find(language);
            if (stemmer == impl.stemmers.end()) stemmer = impl.stemmers.emplace(language, detail::make_stemmer(language)).first;
            impl.last_stemmer = &stemmer->second;
        }
        impl.last_resolved = true;
    }
    if (!impl.last_cache) return std::string(term);
    auto& cache = *impl.last_cache;
    std::string key(term);
    auto cached = cache.find(key);
    if (cached != cache.end()) return cached->second;
    std::string stemmed = (*impl.last_stemmer)(key);
    if (cache.size() > 200000) cache.clear();  // bound memory on huge vocabularies
    cache.emplace(std::move(key), stemmed);
    return stemmed;
}

// ---------------------------------------------------------------- queries

namespace {

/// A whole chunk that Xapian reads as an operator (NEAR/3 is tokenised apart).
bool is_operator_word(std::string_view word) {
    return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" ||
           word == "ADJ";
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// Text between analysed words (syntax such as '+', '*', ':', emoji), without
/// the characters Xapian's parser would read as a word of its own although
/// the analyzer made no term of them: a variation selector (U+FE0F after an
/// emoji) or a stray combining mark would otherwise become a search term
/// that no article has, and void the whole query.
std::string without_stray_word_chars(std::string_view gap) {
    std::string out;
    const auto* s = reinterpret_cast<const uint8_t*>(gap.data());
    const int32_t length = static_cast<int32_t>(gap.size());
    for (int32_t i = 0; i < length;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c >= 0x80 && (detail::is_word_char(c) || u_charType(c) == U_CONNECTOR_PUNCTUATION)) continue;
        out.append(gap.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
    return out;
}

}  // namespace

// Analyses the words of @p text (part of one lexeme: free text, a phrase
// or a free-text field's value) into @p out; quotes, brackets, white space
// and operator words are copied as they are.
void Analyzer::prepare_words(std::string_view text, std::string& out) const {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        // A run of text up to the next space or syntax character; analysed as words.
        std::size_t chunk_end = i;
        while (chunk_end < n && !is_space(text[chunk_end]) && text[chunk_end] != '"' && text[chunk_end] != '(' &&
               text[chunk_end] != ')') {
            ++chunk_end;
        }
        if (chunk_end == i) {
            out.push_back(text[i]);
            ++i;
            continue;
        }
        std::string_view chunk = text.substr(i, chunk_end - i);
        i = chunk_end;
        if (is_operator_word(chunk)) {
            out.append(chunk);
            continue;
        }
        std::vector<Token> tokens = tokenize(chunk);
        std::size_t copied = 0;
        std::size_t previous_end = std::string_view::npos;
        for (std::size_t t = 0; t < tokens.size(); ++t) {
            const Token& token = tokens[t];
            std::string_view source = chunk.substr(token.start, token.end - token.start);
            if (token.start == previous_end || (t > 0 && token.start == tokens[t - 1].start)) {
                // Adjacent words with nothing between them (CJK, Thai, or one
                // word split into several terms): '-' makes the parser read a phrase.
                out.push_back('-');
            } else if (token.start >= copied) {
                out.append(without_stray_word_chars(chunk.substr(copied, token.start - copied)));
            }
            if (is_operator_word(source) && tokens.size() > 1) {
                out.append(source);  // e.g. "NEAR/3": keep the operator
            } else {
                // Lower case whatever the user typed, so that the parser stems
                // "Elections" like "elections" (its STEM_SOME leaves capitalised
                // words unstemmed, which found a fifth of the articles).
                out.append(token.term);
            }
            copied = token.end;
            previous_end = token.end;
        }
        if (copied < chunk.size()) out.append(without_stray_word_chars(chunk.substr(copied)));
    }
}

std::string Analyzer::prepare_query(std::string_view query) const {
    std::string out;
    out.reserve(query.size() + 8);
    std::size_t copied = 0;
    for (const detail::Lexeme& l : detail::lex_query(query)) {
        out.append(query.substr(copied, l.begin - copied));  // the white space before it
        copied = l.end;
        if (l.kind != detail::LexemeKind::word && l.kind != detail::LexemeKind::phrase) {
            out.append(l.text);  // brackets and operators
            continue;
        }
        out.append(query.substr(l.begin, l.body - l.begin));  // + and - signs
        if (l.field) {
            // Xapian's parser knows the names in lower case; filter values
            // (id:, source:, date:, ...) are matched as written, not analysed.
            out.append(detail::ascii_lower(l.field_name)).push_back(':');
            if (l.field->kind != schema::FieldKind::free_text) {
                out.append(query.substr(l.value, l.end - l.value));
                continue;
            }
        }
        prepare_words(query.substr(l.value, l.end - l.value), out);
    }
    out.append(query.substr(copied));
    return out;
}

}  // namespace newsdex
