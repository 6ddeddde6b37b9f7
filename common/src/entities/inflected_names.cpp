/// @file inflected_names.cpp
/// Inflected names in a transliterated script: article base forms and look-ups under the ending.
#include "inflected_names.hpp"

#include <algorithm>

#include "canonicalizer.hpp"
#include "lexicons.hpp"
#include "other_languages.hpp"
#include "text.hpp"

namespace newsdex::entities {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Endings only oblique cases have (Russian and Ukrainian nouns: locative/dative -е/-і, dative
/// or accusative -у/-ю, instrumental -ом/-ем/-ою/-ею, Ukrainian dative -ові): a name written
/// only so ("в Курске") is not in its nominative. Genitive -а/-ы/-и are left alone: they are
/// also nominative endings (Москва, Анна).
bool oblique_only(std::string_view lower_word) {
    static constexpr std::string_view endings[] = {"ове", "ові", "еві", "ом", "ем", "ём", "ою", "ею",
                                                   "е",   "і",   "у",   "ю"};
    return std::any_of(std::begin(endings), std::end(endings), [&](std::string_view e) { return ends_with(lower_word, e); });
}

/// Whether the stem ends in a consonant: such a stem is the nominative of a masculine name
/// (Курск, Путин, Лондон); a stem ending in a vowel, й or ь is not a word of its own.
bool consonant_final(std::string_view stem) {
    if (stem.empty()) return false;
    std::size_t i = 0;
    char32_t c = 0;
    while (i < stem.size()) c = next_code_point(stem, i);
    static constexpr std::u32string_view not_consonants = U"аеёиоуыэюяйьъіїєґ";
    return c >= 0x0430 && c <= 0x04FF && not_consonants.find(c) == std::u32string_view::npos;
}

/// "kursk" -> "Kursk", "berners-li" -> "Berners-Li": a capital at each word and after a hyphen.
std::string title_case(std::string_view lower) {
    std::string out;
    bool start = true;
    for (std::size_t i = 0; i < lower.size();) {
        const char32_t c = next_code_point(lower, i);
        append_utf8(out, start ? to_upper(c) : c);
        start = c == ' ' || c == '-';
    }
    return out;
}

/// One word of a mention and the Latin spellings it may stand for, most literal first.
struct WordOptions {
    std::vector<std::string> latin;  // lowercase
    std::string base;                // the base form in Latin as the name is written (the fallback)
};

bool all_capitals(std::string_view word) {
    std::size_t letters = 0;
    for (std::size_t i = 0; i < word.size();) {
        const char32_t c = next_code_point(word, i);
        if (is_lower(c)) return false;
        letters += is_letter(c) ? 1 : 0;
    }
    return letters >= 2;
}

WordOptions options_of(const LanguageProfile& lp, const ArticleStems& stems, std::string_view word) {
    WordOptions w;
    const std::string lower = lowercase(word);
    auto add = [&](std::string s) {
        if (!s.empty() && std::find(w.latin.begin(), w.latin.end(), s) == w.latin.end()) w.latin.push_back(std::move(s));
    };
    const std::string written = lowercase(to_latin(lower, lp.lang()));
    add(written);
    w.base = to_latin(word, lp.lang());
    // A Latin word, and an acronym (США, ИГИЛ), stay as written.
    if (lower.empty() || static_cast<unsigned char>(lower[0]) < 0x80 || all_capitals(word)) return w;
    const std::string stem = lp.stem(lower);
    if (stem.empty()) return w;
    const std::string base = lowercase(to_latin(stems.base_form(lower, stem), lp.lang()));
    add(base);
    w.base = title_case(base);
    const std::string stem_latin = lowercase(to_latin(stem, lp.lang()));
    add(stem_latin);
    add(stem_latin + "y");  // Зеленского -> zelensk -> zelensky
    add(stem_latin + "a");  // Анкары -> ankar -> ankara
    // English names that Russian writes with в for w (Вашингтон): the forms with w, last.
    for (std::size_t i = 0, n = w.latin.size(); i < n; ++i) {
        if (w.latin[i][0] == 'v') add("w" + w.latin[i].substr(1));
    }
    return w;
}

struct Known {
    std::string canonical;
    EntityType type;
};

constexpr std::uint8_t gaz_bit(EntityType t) {
    return t == EntityType::person ? kGazPerson : t == EntityType::place ? kGazPlace : kGazOrg;
}

/// The English name @p latin (lowercase words) is under @p type, or nothing.
std::optional<Known> known_as(const Lexicons& lex, const AliasTable& aliases, const std::string& latin, EntityType type) {
    if (const std::string* c = aliases.find(type, latin)) return Known{*c, type};
    if (lex.phrase_bits(hash_bytes(latin, kPhraseSeed)) & gaz_bit(type)) return Known{title_case(latin), type};
    return std::nullopt;
}

/// The phrases the words may spell, most literal first: every combination for one or two words,
/// for longer names each option taken by all words at once (the combinations would be many).
std::vector<std::string> phrases_of(const std::vector<WordOptions>& words) {
    std::vector<std::string> out;
    if (words.size() <= 2) {
        std::vector<std::string> acc{""};
        for (const WordOptions& w : words) {
            std::vector<std::string> next;
            for (const std::string& a : acc) {
                for (const std::string& o : w.latin) next.push_back(a.empty() ? o : a + ' ' + o);
            }
            acc = std::move(next);
        }
        out = std::move(acc);
    } else {
        std::size_t most = 0;
        for (const WordOptions& w : words) most = std::max(most, w.latin.size());
        for (std::size_t level = 0; level < most; ++level) {
            std::string p;
            for (const WordOptions& w : words) p += (p.empty() ? "" : " ") + w.latin[std::min(level, w.latin.size() - 1)];
            out.push_back(std::move(p));
        }
    }
    return out;
}

}  // namespace

void ArticleStems::add(const std::string& lower_word, const std::string& stem) {
    std::vector<std::string>& forms = forms_[stem];
    if (std::find(forms.begin(), forms.end(), lower_word) == forms.end()) forms.push_back(lower_word);
}

std::string ArticleStems::base_form(const std::string& lower_word, const std::string& stem) const {
    const auto it = forms_.find(stem);
    std::string best = lower_word;
    if (it != forms_.end()) {
        for (const std::string& f : it->second) {
            if (f == stem) return stem;  // the article writes the bare stem: the nominative
            // Of forms as long, the one ending in -а/-я: the nominative of "Москва" beside "Москвы".
            if (f.size() < best.size() || (f.size() == best.size() && (ends_with(f, "а") || ends_with(f, "я")))) best = f;
        }
    }
    if (oblique_only(best) && consonant_final(stem)) return stem;
    return best;
}

InflectedName resolve_inflected(const LanguageProfile& lp, const Lexicons& lex, const AliasTable& aliases,
                                const ArticleStems& stems, const std::vector<std::string_view>& source_words,
                                EntityType type) {
    std::vector<WordOptions> words;
    bool own_script = false;
    for (std::string_view w : source_words) {
        own_script = own_script || (!w.empty() && static_cast<unsigned char>(w[0]) >= 0x80);
        words.push_back(options_of(lp, stems, w));
    }
    if (!own_script) return {};
    const std::vector<std::string> phrases = phrases_of(words);
    // The tagger's type first; it often takes a Cyrillic place for an organisation.
    for (EntityType t : {type, EntityType::place, EntityType::person, EntityType::org}) {
        for (const std::string& p : phrases) {
            if (auto k = known_as(lex, aliases, p, t)) return {k->canonical, k->type};
        }
    }
    InflectedName out;
    for (const WordOptions& w : words) out.text += (out.text.empty() ? "" : " ") + w.base;
    return out;
}

}  // namespace newsdex::entities
