/// @file other_languages.cpp
/// LanguageProfile: stopwords, titles, name forms and token adaptation of one non-English language.
#include "other_languages.hpp"

#include <unicode/dtfmtsym.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <xapian.h>

#include <map>
#include <mutex>

#include "../languages.hpp"
#include "text.hpp"

namespace newsdex::entities {

namespace {

/// Languages that capitalise every noun: a capital is no evidence of a name there.
bool nouns_capitalised(std::string_view lang) { return lang == "de" || lang == "lb"; }

/// Languages whose script the tagger reads transliterated: the Cyrillic ones and Greek.
bool transliterated_language(std::string_view lang) {
    return lang == "ru" || lang == "uk" || lang == "bg" || lang == "be" || lang == "mk" || lang == "sr" || lang == "el";
}

/// Languages that inflect names by their endings and have no Snowball stemmer (Polish, Czech,
/// Slovak): their name forms are keyed by the word without its last letters instead.
bool truncates_endings(std::string_view lang) { return lang == "pl" || lang == "cs" || lang == "sk"; }

/// A word without its case ending, the longest of the Polish and Czech noun and adjective
/// endings it has, keeping at least four letters ("Warszawie" and "Warszawa" -> "warszaw").
/// Matches are then checked by inflects(), as stemmed ones are. (Chosen over cutting the
/// last two letters on the tune half: pl P/R 0.454/0.519 against 0.432/0.503.)
std::string inflection_free_prefix(const std::string& word) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < word.size();) {
        starts.push_back(i);
        next_code_point(word, i);
    }
    if (starts.size() <= 4) return word;
    static const std::string_view endings[] = {"ami", "ach", "ego", "emu", "ych", "ymi", "ich", "imi", "owi", "iem", "ie", "em",
                                               "om", "ów", "ej", "ym", "ím", "ou", "ách", "ům", "a", "y", "i", "e", "ę", "ą",
                                               "u", "o", "ě", "é", "í", "á", "ý"};
    for (std::string_view e : endings) {
        if (word.size() >= e.size() + 4 && word.compare(word.size() - e.size(), e.size(), e) == 0)
            return word.substr(0, word.size() - e.size());
    }
    return word;
}

/// Languages whose articles and prepositions elide onto the next word ("l'Europe", "dell'Italia").
bool elides(std::string_view lang) { return lang == "fr" || lang == "it" || lang == "ca"; }

/// Lowercased forms before an apostrophe that are elided articles, prepositions or pronouns.
bool is_elision(std::string_view lower) {
    static const std::unordered_set<std::string_view> words = {
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
        "dell", "nell", "all", "dall", "sull", "coll", "un", "quell", "quest", "po", "tutt"};
    return words.count(lower) != 0;
}

EntityType type_of(std::string_view name) {
    return name == "person" ? EntityType::person : name == "org" ? EntityType::org : EntityType::place;
}

/// The primary tags the extractor analyses: those with name forms in the shipped table.
bool has_forms(std::string_view table, const std::string& lang) {
    return table.find("\n" + lang + "\t") != std::string_view::npos;
}

/// The month and weekday names of @p lang in CLDR (ICU), wide and abbreviated, in their
/// formatting and stand-alone forms, lowercased: Turkish and German capitalise them.
std::unordered_set<std::string> calendar_words(const std::string& lang) {
    std::unordered_set<std::string> out;
    UErrorCode status = U_ZERO_ERROR;
    const icu::DateFormatSymbols symbols(icu::Locale(lang.c_str()), status);
    if (U_FAILURE(status)) return out;
    using S = icu::DateFormatSymbols;
    auto add = [&](const icu::UnicodeString* names, int32_t count) {
        for (int32_t i = 0; i < count; ++i) {
            std::string utf8;
            names[i].toUTF8String(utf8);
            const std::string lower = lowercase(utf8);
            if (lower.size() > 2 && lower.find('.') == std::string::npos) out.insert(lower);
        }
    };
    for (S::DtContextType context : {S::FORMAT, S::STANDALONE}) {
        for (S::DtWidthType width : {S::WIDE, S::ABBREVIATED}) {
            int32_t n = 0;
            const icu::UnicodeString* months = symbols.getMonths(n, context, width);
            add(months, n);
            const icu::UnicodeString* days = symbols.getWeekdays(n, context, width);
            add(days, n);
        }
    }
    return out;
}

}  // namespace

struct LanguageProfile::Stemmer {
    explicit Stemmer(const std::string& name) : stem(detail::make_stemmer(name)) {}
    Xapian::Stem stem;
    std::mutex mutex;  // Xapian::Stem is not thread-safe; look-ups are rare (one per mention)
};

LanguageProfile::LanguageProfile(std::string lang, std::string_view forms)
    : lang_(std::move(lang)), capitalises_nouns_(nouns_capitalised(lang_)), transliterates_(transliterated_language(lang_)) {
    std::string snowball = detail::snowball_language(lang_);
    if (snowball.empty() && transliterates_) snowball = "russian";  // Ukrainian, Bulgarian: names inflect alike
    if (!snowball.empty()) stemmer_ = std::make_unique<Stemmer>(snowball);
    truncates_ = !stemmer_ && truncates_endings(lang_);
    stopwords_ = &detail::stopwords(lang_);
    std::unordered_set<std::string> ambiguous;
    for_each_line(forms, [&](std::string_view line) {
        const std::size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1), t3 = line.find('\t', t2 + 1);
        if (t3 == std::string_view::npos || line.substr(0, t1) != lang_) return;
        const std::string_view type = line.substr(t1 + 1, t2 - t1 - 1);
        std::string_view rest = line.substr(t3 + 1);
        const NameForm form{type_of(type), std::string(line.substr(t2 + 1, t3 - t2 - 1)), ""};
        while (!rest.empty()) {
            const std::size_t bar = std::min(rest.find('|'), rest.size());
            const std::string_view name = rest.substr(0, bar);
            rest.remove_prefix(std::min(bar + 1, rest.size()));
            if (type == "title") {
                titles_.emplace(name);
                continue;
            }
            NameForm keyed = form;
            keyed.form_key = key(name, false);
            exact_.emplace(keyed.form_key, keyed);
            const std::string s = key(name, true);
            const auto [it, fresh] = stemmed_.emplace(s, keyed);
            if (!fresh && it->second.canonical != form.canonical) ambiguous.insert(s);
        }
    });
    for (const std::string& s : ambiguous) stemmed_.erase(s);
    calendar_words_ = calendar_words(lang_);
}

LanguageProfile::~LanguageProfile() = default;

bool LanguageProfile::is_stopword(std::string_view lower) const {
    return stopwords_->count(std::string(lower)) != 0;
}

std::string LanguageProfile::stem(const std::string& lower) const {
    if (!stemmer_) return lower;
    std::lock_guard<std::mutex> lock(stemmer_->mutex);
    return stemmer_->stem(lower);
}

bool LanguageProfile::is_common_word(std::string_view lower) const {
    return is_stopword(lower) || calendar_words_.count(std::string(lower)) != 0;
}

bool LanguageProfile::is_title(std::string_view word) const { return titles_.count(std::string(word)) != 0; }

/// Lowercase words joined by single spaces, dots dropped; with @p stemmed each word stemmed.
std::string LanguageProfile::key(std::string_view name, bool stemmed) const {
    std::string out, word;
    auto flush = [&] {
        if (word.empty()) return;
        if (!out.empty()) out += ' ';
        if (stemmed && stemmer_) {
            out += stem(word);
        } else if (stemmed && truncates_) {
            out += inflection_free_prefix(word);
        } else {
            out += word;
        }
        word.clear();
    };
    for (std::size_t i = 0; i < name.size();) {
        const char32_t c = next_code_point(name, i);
        if (is_space(c)) flush();
        else if (c == U'\u2019') word += '\'';
        else if (c != '.') append_utf8(word, to_lower(c));
    }
    flush();
    return out;
}

namespace {

std::vector<std::u32string> words_of(std::string_view key) {
    std::vector<std::u32string> out(1);
    for (std::size_t i = 0; i < key.size();) {
        const char32_t c = next_code_point(key, i);
        if (c == ' ') out.emplace_back();
        else out.back() += c;
    }
    return out;
}

/// Whether each word of @p text differs from the form's only in an inflectional ending: at
/// most two letters of the form's word replaced and at most three added ("Москвы" for
/// "Москва", "Deutschlands" for "Deutschland"; not "Américains" for "Amériques", whose French
/// stems meet).
bool inflects(std::string_view text, std::string_view form) {
    const auto a = words_of(text), b = words_of(form);
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::size_t p = 0;
        while (p < a[i].size() && p < b[i].size() && a[i][p] == b[i][p]) ++p;
        if (p + 2 < b[i].size() || a[i].size() > b[i].size() + 3) return false;
    }
    return true;
}

}  // namespace

const NameForm* LanguageProfile::find(std::string_view name) const {
    const std::string exact = key(name, false);
    auto it = exact_.find(exact);
    if (it != exact_.end()) return &it->second;
    it = stemmed_.find(key(name, true));
    if (it == stemmed_.end() || !inflects(exact, it->second.form_key)) return nullptr;
    return &it->second;
}

namespace {

/// Turkish writes a name's case suffix after an apostrophe ("Kavanaugh'ın", "New York'taki").
bool suffixes_after_apostrophe(std::string_view lang) { return lang == "tr" || lang == "az"; }

/// Where to split token @p t at its apostrophe (the index of the apostrophe in its text), or
/// npos: an elided article or preposition before it ("l'Europe", "dell'Italia": the head keeps
/// the apostrophe), or a case suffix after a name ("Kavanaugh'ın": the tail drops it).
std::size_t split_point(const Token& t, bool elisions, bool suffixes) {
    const std::size_t apo = t.text.find('\'');
    if (apo == std::string::npos || apo == 0 || apo + 1 >= t.text.size()) return std::string::npos;
    if (elisions && is_elision(lowercase(std::string_view(t.text).substr(0, apo)))) return apo;
    if (suffixes) {
        std::size_t i = apo + 1, j = 0;
        const std::string_view text(t.text);
        if (is_lower(next_code_point(text, i)) && is_upper(next_code_point(text, j))) return apo;
    }
    return std::string::npos;
}

}  // namespace

void LanguageProfile::adapt_tokens(TokenizedText& tok) const {
    const bool elisions = elides(lang_), suffixes = suffixes_after_apostrophe(lang_);
    if (elisions || suffixes) {
        std::vector<Token> out;
        out.reserve(tok.tokens.size() + tok.tokens.size() / 8);
        std::vector<std::size_t> new_index(tok.tokens.size() + 1);
        for (std::size_t k = 0; k < tok.tokens.size(); ++k) {
            new_index[k] = out.size();
            Token& t = tok.tokens[k];
            const std::size_t apo = split_point(t, elisions, suffixes);
            if (apo == std::string::npos) {
                out.push_back(std::move(t));
                continue;
            }
            // The tokenizer made typographic apostrophes ASCII: find the source's end of it.
            const std::size_t source_apo_end = t.end - (t.text.size() - apo - 1);
            const std::size_t source_apo_bytes = (t.end - t.start) - t.text.size() + 1;
            const bool keep_in_head = elisions && is_elision(lowercase(std::string_view(t.text).substr(0, apo)));
            Token head, tail;
            head.text = t.text.substr(0, keep_in_head ? apo + 1 : apo);
            head.start = t.start;
            head.end = keep_in_head ? source_apo_end : source_apo_end - source_apo_bytes;
            tail.text = t.text.substr(apo + 1);
            tail.start = source_apo_end;
            tail.end = t.end;
            hash_token(head);
            hash_token(tail);
            out.push_back(std::move(head));
            out.push_back(std::move(tail));
        }
        new_index[tok.tokens.size()] = out.size();
        for (SentenceSpan& s : tok.sentences) {
            s.begin = new_index[s.begin];
            s.end = new_index[s.end];
        }
        tok.tokens = std::move(out);
    }
    if (transliterates_) {
        for (Token& t : tok.tokens) {
            if (t.text.empty() || static_cast<unsigned char>(t.text[0]) < 0x80) continue;
            t.text = to_latin(t.text, lang_);
            hash_token(t);
        }
    }
}

namespace {

/// ICU's BGN/PCGN romanisation of @p lang: Ukrainian writes и as y and і as i, Bulgarian ъ as
/// a, where Russian's rules would leave "Volodimir" and "Kurshchinі".
const char* bgn_rules(std::string_view lang) {
    if (lang == "uk") return "Ukrainian-Latin/BGN; Latin-ASCII";
    if (lang == "bg") return "Bulgarian-Latin/BGN; Latin-ASCII";
    if (lang == "el") return "Greek-Latin/BGN; Latin-ASCII";
    return "Russian-Latin/BGN; Latin-ASCII";
}

}  // namespace

std::string to_latin(std::string_view text, std::string_view lang) {
    thread_local std::map<std::string, std::unique_ptr<icu::Transliterator>> by_rules;
    const char* rules = bgn_rules(lang);
    std::unique_ptr<icu::Transliterator>& t = by_rules[rules];
    if (!t) {
        UErrorCode status = U_ZERO_ERROR;
        t.reset(icu::Transliterator::createInstance(rules, UTRANS_FORWARD, status));
        if (U_FAILURE(status)) t.reset();
        if (!t) return std::string(text);
    }
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    t->transliterate(s);
    std::string out;
    s.toUTF8String(out);
    // BGN/PCGN marks the soft and hard signs with primes; names in English news drop them.
    std::string clean;
    for (char c : out) {
        if (c != '\'' && c != '"') clean += c;
    }
    return clean.empty() ? out : clean;
}

const LanguageProfile* language_profile(std::string_view lang) {
    const std::string primary = detail::primary_language(lang);
    if (primary.empty() || primary == "en") return nullptr;
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<LanguageProfile>> profiles;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = profiles.find(primary);
    if (it == profiles.end()) {
        const std::string_view table = builtin_name_forms();
        std::unique_ptr<LanguageProfile> p;
        if (has_forms(table, primary)) p = std::make_unique<LanguageProfile>(primary, table);
        it = profiles.emplace(primary, std::move(p)).first;
    }
    return it->second.get();
}

}  // namespace newsdex::entities
