/// @file entity_extractor.cpp
/// EntityExtractor: tokenise both fields, tag sentences, filter spans, canonicalise.
#include "newsdex/entities.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>
#include <unordered_set>

#include "canonicalizer.hpp"
#include "../languages.hpp"  // header-only part: tools/ner compiles these sources too
#include "features.hpp"
#include "inflected_names.hpp"
#include "model.hpp"
#include "other_languages.hpp"
#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"
#include "text.hpp"
#include "tokenizer.hpp"

namespace newsdex {

const char* to_string(EntityType type) noexcept {
    return schema::entity_type_name(type).data();  // a string literal: NUL-terminated
}

/// The tagger and the lists read with it: shared by an extractor and its with_aliases() copies.
struct LoadedModel {
    explicit LoadedModel(entities::ModelFile f) : file(std::move(f)), tagger(file) {
        if (const std::string_view* m = file.find("misc-words")) {
            entities::for_each_line(*m, [&](std::string_view w) { misc_words.insert(entities::lower_hash(w, entities::kPhraseSeed)); });
        }
    }
    entities::ModelFile file;  // the bytes the tagger views: declared first, destroyed last
    entities::Tagger tagger;
    std::unordered_set<std::uint64_t> misc_words;  // lower hashes of adjectival forms ("German")
};

struct EntityExtractor::Impl {
    explicit Impl(std::shared_ptr<const LoadedModel> m) : model(std::move(m)), tagger(model->tagger) {
        if (const std::string_view* a = model->file.find("aliases")) aliases.load(*a);
    }
    std::shared_ptr<const LoadedModel> model;
    const entities::Tagger& tagger;
    entities::AliasTable aliases;  // the model's table plus a user's (with_aliases)
};

namespace {

using entities::Token;

bool english(std::string_view lang) { return lang.empty() || detail::is_language(lang, "en"); }

bool has_letter(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (entities::is_letter(entities::next_code_point(s, i))) return true;
    }
    return false;
}

bool starts_lower(const std::string& s) {
    std::size_t i = 0;
    return !s.empty() && entities::is_lower(entities::next_code_point(s, i));
}

/// "Sanders-backed", "year-old": a hyphenated word with a lowercase part after a hyphen.
bool hyphen_lower(const std::string& s) {
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i] == '-' && s[i + 1] >= 'a' && s[i + 1] <= 'z') return true;
    }
    return false;
}

bool has_currency(const std::string& s) {
    return s.find('$') != std::string::npos || s.find("\u20AC") != std::string::npos ||
           s.find("\u00A3") != std::string::npos || s.find("\u00A5") != std::string::npos;
}

struct Span {
    int field;  // 0 title, 1 body
    std::size_t begin, end;  // token indices
    int type;
};

struct FieldTokens {
    std::string_view text;
    entities::TokenizedText tok;
    std::vector<entities::SentenceMode> modes;
};

/// Token range [begin, end) of the line of @p text that holds byte @p at.
std::pair<std::size_t, std::size_t> line_tokens(const FieldTokens& f, std::size_t first, std::size_t last) {
    const std::size_t a = f.text.rfind('\n', f.tok.tokens[first].start);
    const std::size_t line_start = a == std::string_view::npos ? 0 : a + 1;
    const std::size_t line_end = std::min(f.text.find('\n', f.tok.tokens[last].end), f.text.size());
    std::size_t b = first, e = last + 1;
    while (b > 0 && f.tok.tokens[b - 1].start >= line_start) --b;
    while (e < f.tok.tokens.size() && f.tok.tokens[e].end <= line_end) ++e;
    return {b, e};
}

/// A token that ends in a digit ("22............0", "1,542.8", "FE....0"): a table's last cell.
bool ends_in_digit(const std::string& s) { return !s.empty() && s.back() >= '0' && s.back() <= '9'; }

/// Where the body's sign-off block begins (the token count if it has none): its last lines while
/// each reads as a sign-off (is_signoff_line(): "Reuter", "REUTER TAW", "REUTER" over " Reuter"),
/// and before them, after the last full stop of a longer line, a last sentence of that kind
/// ("... (33.7).   REUTER"). Not "-- Anthony Barker +48 22 653 9700" (CoNLL annotates it), nor a
/// table's or ranking's last rows (digits).
std::size_t signoff_begin(const FieldTokens& f) {
    const auto& toks = f.tok.tokens;
    auto starts_sentence = [&](std::size_t k) {  // the sign-off is never a wrapped line ("with\nVolcker")
        for (auto it = f.tok.sentences.rbegin(); it != f.tok.sentences.rend(); ++it) {
            if (it->begin <= k) return it->begin == k;
        }
        return false;
    };
    std::size_t t = toks.size();
    for (int lines = 0; lines < 3 && t > 0; ++lines) {
        const std::size_t b = line_tokens(f, t - 1, t - 1).first;
        if (starts_sentence(b) && entities::is_signoff_line(toks, b, t)) {
            t = b;
            continue;
        }
        std::size_t k = t;
        while (k > b && toks[k - 1].text != ".") --k;
        if (k > b && k < t && entities::is_signoff_line(toks, k, t)) t = k;
        break;
    }
    return t;
}

/**
 * Boilerplate by position: a name in the body's sign-off block (see signoff_begin(): the wire's
 * "Reuter", "REUTER TAW"), closing a table's last row ("....0 REUTER"), or the name of a byline
 * opening the body ("By Jane Smith") names who filed the copy, not what the story is about.
 * Only the words' place in the article decides, never a list of names.
 */
bool is_boilerplate(const FieldTokens& f, std::size_t begin, std::size_t end) {
    const auto& toks = f.tok.tokens;
    const auto [b, e] = line_tokens(f, begin, end - 1);
    if (begin >= signoff_begin(f)) return true;
    if (end == toks.size() && begin > b && ends_in_digit(toks[begin - 1].text)) return true;
    // A byline is a short first line of its own ("By Jane Smith, Moscow"), not a sentence.
    if (b == 0 && begin == 1 && (toks[0].text == "By" || toks[0].text == "BY") && e <= 8 && toks[e - 1].text != ".")
        return true;
    return false;
}

/// Per-thread scratch of one extract() call: tokens, document context, spans.
struct Scratch {
    FieldTokens fields[2];
    entities::DocContext doc;
    std::vector<Span> spans;
    std::vector<std::uint8_t> tags;
    entities::ArticleStems stems;  // capitalised words by stem, in a transliterated language
};

/// Tokenises both fields, builds the document context, tags every sentence into spans.
void tag_fields(const entities::Tagger& tagger, const entities::LanguageProfile* profile, std::string_view title,
                std::string_view body, Scratch& x) {
    x.fields[0].text = title;
    x.fields[1].text = body;
    x.doc.clear();
    x.spans.clear();
    for (FieldTokens& f : x.fields) {
        entities::tokenize(f.text, f.tok);
        if (profile) profile->adapt_tokens(f.tok);
        f.modes.clear();
        for (const auto& s : f.tok.sentences) {
            const Token* t = f.tok.tokens.data() + s.begin;
            f.modes.push_back(entities::sentence_mode(t, s.end - s.begin));
            x.doc.add(t, s.end - s.begin, f.modes.back());
        }
    }
    x.doc.finish();
    for (int fi = 0; fi < 2; ++fi) {
        const FieldTokens& f = x.fields[fi];
        for (std::size_t si = 0; si < f.tok.sentences.size(); ++si) {
            const auto& s = f.tok.sentences[si];
            const std::size_t n = s.end - s.begin;
            tagger.tag(x.doc, f.tok.tokens.data() + s.begin, n, f.modes[si], x.tags);
            for (std::size_t i = 0; i < n;) {
                const int type = entities::tag_type(x.tags[i]);
                if (type < 0) {
                    ++i;
                    continue;
                }
                std::size_t j = i + 1;
                while (j < n && x.tags[j] == entities::inside_tag(type)) ++j;
                x.spans.push_back({fi, s.begin + i, s.begin + j, type});
                i = j;
            }
        }
    }
}

/// Label consistency: a capitalised word the model left untagged somewhere (typically a
/// sentence-initial or headline word) takes the type it was tagged with elsewhere in the
/// article, provided the article also capitalises it mid-sentence.
void make_consistent(const entities::AliasTable& aliases, Scratch& x) {
    auto& spans = x.spans;
    auto& fields = x.fields;
    const auto& doc = x.doc;
    auto word_hash = [](const Token& t) { return t.lower_hash; };
    std::map<std::uint64_t, int> word_type;
    for (const Span& sp : spans) {
        if (sp.type == entities::kMisc) continue;
        const auto& toks = fields[sp.field].tok.tokens;
        if (sp.end - sp.begin == 1) word_type.emplace(word_hash(toks[sp.begin]), sp.type);
        else if (sp.type == entities::kPer) word_type[word_hash(toks[sp.end - 1])] = entities::kPer;
    }
    // A lone word tagged MISC ("Putin" next to "Russian") that is a name elsewhere takes that type.
    for (Span& sp : spans) {
        if (sp.type != entities::kMisc || sp.end - sp.begin != 1) continue;
        const auto it = word_type.find(word_hash(fields[sp.field].tok.tokens[sp.begin]));
        if (it != word_type.end()) sp.type = it->second;
    }
    // A MISC span that the alias table knows as a name ("Zelensky", "Kiev") is that name.
    for (Span& sp : spans) {
        if (sp.type != entities::kMisc) continue;
        const auto& toks = fields[sp.field].tok.tokens;
        const std::string_view text = fields[sp.field].text.substr(
            toks[sp.begin].start, toks[sp.end - 1].end - toks[sp.begin].start);
        if (aliases.find(EntityType::person, text)) sp.type = entities::kPer;
        else if (aliases.find(EntityType::place, text)) sp.type = entities::kLoc;
        else if (aliases.find(EntityType::org, text)) sp.type = entities::kOrg;
        if (sp.type != entities::kMisc && sp.end - sp.begin == 1) word_type.emplace(word_hash(toks[sp.begin]), sp.type);
    }
    std::vector<Span> added;
    for (int fi = 0; fi < 2; ++fi) {
        const auto& toks = fields[fi].tok.tokens;
        std::vector<bool> covered(toks.size(), false);
        for (const Span& sp : spans) {
            if (sp.field != fi) continue;
            for (std::size_t k = sp.begin; k < sp.end; ++k) covered[k] = true;
        }
        for (std::size_t k = 0; k < toks.size(); ++k) {
            if (covered[k] || toks[k].text.size() < 2 || starts_lower(toks[k].text) || !has_letter(toks[k].text)) continue;
            const std::uint64_t h = word_hash(toks[k]);
            const auto it = word_type.find(h);
            if (it == word_type.end()) continue;
            if (!(doc.flags(h) & entities::DocContext::kCapMid) || (doc.flags(h) & entities::DocContext::kLower)) continue;
            added.push_back({fi, k, k + 1, it->second});
        }
    }
    spans.insert(spans.end(), added.begin(), added.end());
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
        return std::tie(a.field, a.begin) < std::tie(b.field, b.begin);
    });
}

bool all_capitals(const std::string& s) {
    std::size_t letters = 0;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = entities::next_code_point(s, i);
        if (entities::is_lower(c)) return false;
        letters += entities::is_letter(c) ? 1 : 0;
    }
    return letters >= 2;
}

/// An elided article or preposition split off by adapt_tokens ("L'", "dell'").
bool is_elision_head(const std::string& s) { return s.size() >= 2 && s.back() == '\''; }

/// The words of @p sp as the field writes them.
std::string_view span_text(const Scratch& x, const Span& sp) {
    const auto& toks = x.fields[sp.field].tok.tokens;
    return x.fields[sp.field].text.substr(toks[sp.begin].start, toks[sp.end - 1].end - toks[sp.begin].start);
}

/// Token @p k of field @p fi as the field writes it (its text may be a transliteration).
std::string_view source_word(const Scratch& x, int fi, std::size_t k) {
    const Token& t = x.fields[fi].tok.tokens[k];
    return x.fields[fi].text.substr(t.start, t.end - t.start);
}

/// Whether token @p k of field @p fi starts its sentence (where every language capitalises).
bool sentence_initial(const Scratch& x, int fi, std::size_t k) {
    const auto& f = x.fields[fi];
    for (const auto& s : f.tok.sentences) {
        if (k < s.begin || k >= s.end) continue;
        return entities::first_word_index(f.tok.tokens.data() + s.begin, s.end - s.begin) + s.begin >= k;
    }
    return false;
}

/**
 * Evidence that a span the English tagger found in another language's text is a name, since
 * the tagger's own cues (capitals, English context words) mislead there: the language's name
 * forms or the alias table know it, a word of it is in a gazetteer, it is an acronym, or (in a
 * language that capitalises only names) its first word is capitalised mid-sentence here or
 * elsewhere in the article and never written lowercase. German capitalises every noun, so
 * only the first kinds count there.
 */
bool foreign_evidence(const entities::LanguageProfile& lp, const entities::Lexicons& lex,
                      const entities::AliasTable& aliases, const Scratch& x, Span& sp) {
    const auto& toks = x.fields[sp.field].tok.tokens;
    const std::string_view text = span_text(x, sp);
    if (const entities::NameForm* f = lp.find(text)) {
        sp.type = f->type == EntityType::person ? entities::kPer : f->type == EntityType::place ? entities::kLoc : entities::kOrg;
        return true;
    }
    if (sp.type == entities::kMisc) return false;
    std::string latin;
    for (std::size_t k = sp.begin; k < sp.end; ++k) latin += (k > sp.begin ? " " : "") + toks[k].text;
    for (EntityType t : {EntityType::person, EntityType::place, EntityType::org}) {
        if (aliases.find(t, latin)) return true;
    }
    constexpr std::uint8_t names = entities::kGazPlace | entities::kGazPerson | entities::kGazFirst | entities::kGazOrg;
    for (std::size_t k = sp.begin; k < sp.end; ++k) {
        if (all_capitals(toks[k].text)) return true;
        if (sp.end - sp.begin > 1 && (lex.phrase_bits(toks[k].lower_hash) & (names | entities::kGazName))) return true;
        if (lex.phrase_bits(toks[k].lower_hash) & names) return true;
    }
    if (lp.capitalises_nouns()) return false;
    // A lone word English writes lowercase ("Justice", "Centre", "Mission") is an institution
    // or a heading there, not a name the English version would give.
    if (sp.end - sp.begin == 1 && lex.case_bucket(toks[sp.begin].lower_hash) <= 1) return false;
    const std::uint8_t flags = x.doc.flags(toks[sp.begin].lower_hash);
    if (flags & entities::DocContext::kLower) return false;
    return !sentence_initial(x, sp.field, sp.begin) || (flags & entities::DocContext::kCapMid);
}

entities::NameForm const* known_name(const entities::LanguageProfile& lp, const Scratch& x, const Span& sp) {
    return lp.find(span_text(x, sp));
}

int tag_of(EntityType t) {
    return t == EntityType::person ? entities::kPer : t == EntityType::place ? entities::kLoc : entities::kOrg;
}

/// The longest runs of @p sp that the language's name forms know (at most kMaxPhraseTokens
/// words each, starting at a capitalised word) go to @p known; the pieces between them to @p rest.
void carve_known(const entities::LanguageProfile& lp, const Scratch& x, const Span& sp, std::vector<Span>& known,
                 std::vector<Span>& rest) {
    const auto& toks = x.fields[sp.field].tok.tokens;
    std::size_t piece = sp.begin;
    for (std::size_t k = sp.begin; k < sp.end;) {
        std::size_t found = 0;
        if (!starts_lower(toks[k].text) && has_letter(toks[k].text)) {
            for (std::size_t n = std::min<std::size_t>(entities::kMaxPhraseTokens, sp.end - k); n >= 1 && !found; --n) {
                Span c{sp.field, k, k + n, sp.type};
                if (const entities::NameForm* f = known_name(lp, x, c)) {
                    c.type = tag_of(f->type);
                    if (k > piece) rest.push_back({sp.field, piece, k, sp.type});
                    known.push_back(c);
                    found = n;
                }
            }
        }
        k += found ? found : 1;
        if (found) piece = k;
    }
    if (sp.end > piece) rest.push_back({sp.field, piece, sp.end, sp.type});
}

/// A known name opening a span of Latin text, when what follows starts another name: a first
/// name or an acronym ("Messico Andres Manuel Lopez Obrador", "Mexikos AMLO"); not "Los Angeles
/// Dodgers" or "Real Madrid".
void carve_leading_place(const entities::LanguageProfile& lp, const entities::Lexicons& lex, const Scratch& x,
                         const Span& sp, std::vector<Span>& known, std::vector<Span>& rest) {
    const auto& toks = x.fields[sp.field].tok.tokens;
    for (std::size_t n = std::min<std::size_t>(entities::kMaxPhraseTokens, sp.end - sp.begin - 1); n >= 1; --n) {
        Span head{sp.field, sp.begin, sp.begin + n, sp.type};
        const entities::NameForm* f = sp.end - sp.begin > 1 ? known_name(lp, x, head) : nullptr;
        if (!f) continue;
        const Token& next = toks[sp.begin + n];
        if (!all_capitals(next.text) && !(lex.phrase_bits(next.lower_hash) & entities::kGazFirst)) break;
        head.type = tag_of(f->type);
        known.push_back(head);
        rest.push_back({sp.field, sp.begin + n, sp.end, sp.type});
        return;
    }
    rest.push_back(sp);
}

/// Other languages: spans cut at lowercase words ("Kim Jong-un à Singapour") unless the whole
/// is a known name ("Corée du Sud"); known names carved out of what is left ("Rossii Vladimir
/// Putin": Russia, Vladimir Putin); the other pieces stripped of function words, elided articles
/// and titles at their edges ("Le Président Trump", "Saipov de") and kept only with
/// foreign_evidence(). Then the name forms are looked up in the words no span covers
/// ("Deutschlands", which the English tagger does not take for a name).
void foreign_spans(const entities::LanguageProfile& lp, const entities::Lexicons& lex,
                   const entities::AliasTable& aliases, Scratch& x) {
    std::vector<Span> out;
    for (const Span& whole : x.spans) {
        const auto& toks = x.fields[whole.field].tok.tokens;
        auto edge = [&](std::size_t k) {
            const std::string& t = toks[k].text;
            const std::string_view source = source_word(x, whole.field, k);  // Cyrillic, not its transliteration
            return !has_letter(t) || is_elision_head(t) || starts_lower(t) || lp.is_title(source) ||
                   lp.is_common_word(entities::lowercase(source));
        };
        std::vector<Span> parts;
        if (known_name(lp, x, whole)) {
            parts.push_back(whole);
        } else {
            std::size_t b = whole.begin;
            for (std::size_t k = whole.begin; k <= whole.end; ++k) {
                if (k < whole.end && !starts_lower(toks[k].text) && !is_elision_head(toks[k].text)) continue;
                if (k > b) parts.push_back({whole.field, b, k, whole.type});
                b = k + 1;
            }
        }
        for (const Span& part : parts) {
            std::vector<Span> rest;
            // Cyrillic text inflects a place into the name beside it ("России Владимир Путин"); in
            // Latin text a known name inside a span is part of it ("Real Madrid", "Jordan Spieth").
            if (lp.transliterates()) carve_known(lp, x, part, out, rest);
            else carve_leading_place(lp, lex, x, part, out, rest);
            for (Span sp : rest) {
                while (sp.begin < sp.end && edge(sp.begin)) ++sp.begin;
                while (sp.end > sp.begin && edge(sp.end - 1)) --sp.end;
                if (sp.begin < sp.end && foreign_evidence(lp, lex, aliases, x, sp)) out.push_back(sp);
            }
        }
    }
    for (int fi = 0; fi < 2; ++fi) {
        const auto& toks = x.fields[fi].tok.tokens;
        std::vector<bool> covered(toks.size(), false);
        for (const Span& sp : out) {
            if (sp.field != fi) continue;
            for (std::size_t k = sp.begin; k < sp.end; ++k) covered[k] = true;
        }
        for (std::size_t k = 0; k < toks.size();) {
            std::size_t n = 0;
            while (k + n < toks.size() && !covered[k + n] && n < entities::kMaxPhraseTokens) ++n;
            if (n == 0 || starts_lower(toks[k].text) || !has_letter(toks[k].text) ||
                lp.is_common_word(entities::lowercase(source_word(x, fi, k)))) {
                ++k;
                continue;
            }
            std::vector<Span> known, rest;
            carve_known(lp, x, {fi, k, k + n, entities::kMisc}, known, rest);
            if (!known.empty() && known.front().begin == k) {
                out.push_back(known.front());
                k = known.front().end;
            } else {
                ++k;
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const Span& a, const Span& b) {
        return std::tie(a.field, a.begin) < std::tie(b.field, b.begin);
    });
    x.spans = std::move(out);
}

/// A Reuters Instrument Code ("VOWG.F" in "Volkswagen AG <VOWG.F>", "BAYG.F"): two to six
/// capitals, a dot, one or two capitals. A stock ticker, not a person or a place.
bool is_ticker(const std::string& t) {
    const std::size_t dot = t.find('.');
    if (dot < 2 || dot > 6 || dot == std::string::npos || t.size() - dot - 1 < 1 || t.size() - dot - 1 > 2) return false;
    for (std::size_t k = 0; k < t.size(); ++k) {
        if (k != dot && !(t[k] >= 'A' && t[k] <= 'Z')) return false;
    }
    return true;
}

/// A ticker symbol in angle brackets right after the name it codes ("Texaco Inc <TX> said",
/// "HUGHES TOOL <HT> SAYS"): one token without lowercase letters between "<" and ">", after a
/// capitalised word. A wire's reference to the company just named, not another name.
/// ("<Sandoz Ltd>" and a bracketed name after a comma or verb stay names.)
bool is_bracketed_ticker(const std::vector<Token>& toks, std::size_t begin, std::size_t end) {
    if (end != begin + 1 || begin < 2 || end >= toks.size()) return false;
    if (toks[begin - 1].text != "<" || toks[end].text != ">") return false;
    const std::string& t = toks[begin].text;
    for (std::size_t i = 0; i < t.size();) {
        if (entities::is_lower(entities::next_code_point(t, i))) return false;
    }
    const std::string& before = toks[begin - 2].text;
    std::size_t i = 0;
    return !before.empty() && (entities::is_upper(entities::next_code_point(before, i)));
}

/// True if this word is the surname of a full name in the article: the last word of a person
/// span of two or more words that does not itself follow "a"/"an" ("a Tory MP").
bool is_surname_in_article(const Scratch& x, std::uint64_t word) {
    for (const Span& sp : x.spans) {
        if (sp.type != entities::kPer || sp.end - sp.begin < 2) continue;
        const auto& toks = x.fields[sp.field].tok.tokens;
        if (toks[sp.end - 1].lower_hash != word) continue;
        const std::string* before = sp.begin > 0 ? &toks[sp.begin - 1].text : nullptr;
        if (!before || (*before != "a" && *before != "an" && *before != "A" && *before != "An")) return true;
    }
    return false;
}

/// Precision filters: titles/weekdays/months standing alone, leading titles ("President
/// Putin"), job titles tagged as organisations ("US National Security Advisor" keeps only
/// "US"), demonyms tagged as places, people or places ending in an adjectival form, words almost always lowercase elsewhere ("Additionally"),
/// one-letter names, spans without letters. May narrow or retype @p sp; false drops it.
bool keep_span(const entities::Lexicons& lex, const std::unordered_set<std::uint64_t>& misc_words, const Scratch& x,
               Span& sp) {
    const auto& fields = x.fields;
    const auto& doc = x.doc;
    auto word_hash = [](const Token& t) { return t.lower_hash; };
    const auto& toks = fields[sp.field].tok.tokens;
    auto bits = [&](std::size_t k) { return lex.phrase_bits(word_hash(toks[k])); };
    auto stop = [&](std::size_t k) { return (bits(k) & entities::kStop) != 0; };
    // Cut at brackets ("Congress (INC"), drop edge words like "Sanders-backed" or
    // "Fourteen-year-old", and anything with a currency sign ("US$500").
    for (std::size_t k = sp.begin + 1; k < sp.end; ++k) {
        if (toks[k].text == "(" || toks[k].text == "[") {
            sp.end = k;
            break;
        }
    }
    if (hyphen_lower(toks[sp.end - 1].text)) return false;
    if (hyphen_lower(toks[sp.begin].text)) ++sp.begin;
    if (sp.end == sp.begin) return false;
    bool money = false;
    for (std::size_t k = sp.begin; k < sp.end; ++k) money = money || has_currency(toks[k].text);
    if (money) return false;
    while (sp.end - sp.begin > 1 && stop(sp.begin)) ++sp.begin;
    while (sp.end > sp.begin && !has_letter(toks[sp.end - 1].text)) --sp.end;
    if (sp.end == sp.begin) return false;
    const bool title_follows = sp.type == entities::kOrg && sp.end < toks.size() && stop(sp.end) &&
                               !starts_lower(toks[sp.end].text);
    if (sp.end - sp.begin > 1 && (stop(sp.end - 1) || title_follows)) {
        if (bits(sp.begin) & entities::kGazPlace) {
            sp.end = sp.begin + 1;
            sp.type = entities::kLoc;
        } else if (stop(sp.end - 1)) {
            return false;
        }
    }
    if (!has_letter(toks[sp.begin].text) || starts_lower(toks[sp.begin].text)) return false;
    // "a Tory MP", "an Oscar", "a West German bank": a word the article puts after "a"/"an" names a
    // kind of thing or people, not a person (CoNLL's MISC), unless it is the surname of a full name
    // in the article ("Marcelo Rios" ... "a Rios rooting section").
    if (sp.type == entities::kPer && (doc.flags(word_hash(toks[sp.begin])) & entities::DocContext::kAfterIndefinite) &&
        !is_surname_in_article(x, word_hash(toks[sp.begin])))
        return false;
    // "West German farmers", "Lib Dem leader": a person or place ends in a name, never in an
    // adjectival form (a word CoNLL train tags as a MISC entity of its own).
    if ((sp.type == entities::kPer || sp.type == entities::kLoc) && misc_words.count(word_hash(toks[sp.end - 1])))
        return false;
    if (sp.type == entities::kOrg) {  // "Co Ltd" left of a missed "Samuel Montagu and": no name
        bool only_legal_forms = true;
        for (std::size_t k = sp.begin; k < sp.end && only_legal_forms; ++k)
            only_legal_forms = !has_letter(toks[k].text) || entities::is_legal_suffix(toks[k].text);
        if (only_legal_forms) return false;
    }
    if (sp.end - sp.begin == 1) {
        const Token& t = toks[sp.begin];
        const std::uint64_t h = word_hash(t);
        if (stop(sp.begin) || is_ticker(t.text) || is_bracketed_ticker(toks, sp.begin, sp.end)) return false;
        std::size_t letters = 0, i = 0;
        while (i < t.text.size()) letters += entities::is_letter(entities::next_code_point(t.text, i)) ? 1 : 0;
        if (letters < 2) return false;
        if (lex.case_bucket(h) == 0 && !(doc.flags(h) & entities::DocContext::kCapMid)) return false;
        if (sp.type == entities::kLoc && !(lex.phrase_bits(h) & entities::kGazPlace)) {
            const std::string lower = entities::lowercase(t.text);
            auto ends = [&](std::string_view suf) {
                return lower.size() > suf.size() + 2 && lower.compare(lower.size() - suf.size(), suf.size(), suf) == 0;
            };
            if (ends("ian") || ends("ean") || ends("ese") || ends("ish")) return false;
        }
    }
    return true;
}

/// The capitalised words of a transliterated article by their stems, for inflected names.
void gather_stems(const entities::LanguageProfile& lp, Scratch& x) {
    x.stems.clear();
    if (!lp.transliterates()) return;
    for (int fi = 0; fi < 2; ++fi) {
        for (std::size_t k = 0; k < x.fields[fi].tok.tokens.size(); ++k) {
            const std::string_view w = source_word(x, fi, k);
            if (w.empty() || static_cast<unsigned char>(w[0]) < 0x80 || starts_lower(std::string(w))) continue;
            const std::string lower = entities::lowercase(w);
            x.stems.add(lower, lp.stem(lower));
        }
    }
}

void set_words_from_text(entities::RawMention& m) {
    m.words.clear();
    std::size_t b = 0;
    while (b < m.text.size()) {
        const std::size_t e = std::min(m.text.find(' ', b), m.text.size());
        if (e > b) m.words.push_back(m.text.substr(b, e - b));
        b = e + 1;
    }
}

/// Another language's mention in English terms: a name its name forms know becomes the English
/// canonical ("Allemagne" -> "Germany"); a transliterated one the English name it inflects
/// ("Путина" -> "Putin", "Курске" -> "Kursk") or else its Latin base forms ("Трампа" ->
/// "Tramp"), so that the English alias table and within-article resolution apply as they are.
void english_name(const entities::LanguageProfile& lp, const entities::Lexicons& lex,
                  const entities::AliasTable& aliases, const Scratch& x, const Span& sp, entities::RawMention& m) {
    if (const entities::NameForm* f = lp.find(m.text)) {
        m.type = f->type;
        m.text = f->canonical;
        set_words_from_text(m);
    } else if (lp.transliterates()) {
        std::vector<std::string_view> source;
        for (std::size_t k = sp.begin; k < sp.end; ++k) {
            if (has_letter(x.fields[sp.field].tok.tokens[k].text)) source.push_back(source_word(x, sp.field, k));
        }
        entities::InflectedName n = entities::resolve_inflected(lp, lex, aliases, x.stems, source, m.type);
        if (n.text.empty()) {
            m.text.clear();
            for (const std::string& w : m.words) m.text += (m.text.empty() ? "" : " ") + w;
        } else {
            m.text = std::move(n.text);
            if (n.type) m.type = *n.type;
            set_words_from_text(m);
        }
    }
}

/// The canonical name of a place or person written only in capitals that neither the article
/// (a mixed-case mention to link to) nor the alias table names otherwise: "LONDON, March 3" in
/// an all-caps wire table, "REAGAN" in a headline over a body that never names him. Without this
/// the facet lists LONDON beside London. Only names the place or name gazetteers know, in
/// words of three letters or more with a vowel (acronyms keep their capitals); "" keeps the name.
std::string title_case_of_capitals(const entities::Lexicons& lex, EntityType type, const std::vector<Token>& toks,
                                   const Span& sp, const std::string& canonical) {
    if (type == EntityType::org) return "";
    std::size_t letters = 0;
    for (std::size_t i = 0; i < canonical.size();) {
        const char32_t c = entities::next_code_point(canonical, i);
        if (entities::is_lower(c)) return "";
        letters += entities::is_letter(c) ? 1 : 0;
    }
    if (letters < 4) return "";
    std::string phrase, out;
    for (std::size_t k = sp.begin; k < sp.end; ++k) {
        const std::string lower = entities::lowercase(toks[k].text);
        // Acronyms ("USSR", "DPRK") have no vowel after their first letter; words nearly always do.
        if (has_letter(lower) && (lower.size() < 3 || lower.find_first_of("aeiouy", 1) == std::string::npos)) return "";
        const std::uint8_t bits = lex.phrase_bits(toks[k].lower_hash);
        if (type == EntityType::person && !(bits & (entities::kGazFirst | entities::kGazName | entities::kGazPerson))) return "";
        if (!phrase.empty()) phrase += ' ';
        phrase += lower;
    }
    if (type == EntityType::place && !(lex.phrase_bits(entities::hash_bytes(phrase)) & entities::kGazPlace)) return "";
    bool word_start = true;
    for (std::size_t i = 0; i < canonical.size();) {
        const char32_t c = entities::next_code_point(canonical, i);
        entities::append_utf8(out, word_start ? c : entities::to_lower(c));
        word_start = !entities::is_letter(c) && c != '\'';
    }
    return out;
}

}  // namespace

EntityExtractor::EntityExtractor(const std::filesystem::path& model_file) {
    std::ifstream in(model_file, std::ios::binary);
    if (!in) throw Error("cannot read entity model " + model_file.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    try {
        impl_ = std::make_unique<Impl>(std::make_shared<const LoadedModel>(entities::ModelFile::parse(ss.str())));
    } catch (const Error& e) {
        throw Error(model_file.string() + ": " + e.what());
    }
}

EntityExtractor EntityExtractor::from_bytes(std::string_view bytes) {
    EntityExtractor x;
    x.impl_ = std::make_unique<Impl>(std::make_shared<const LoadedModel>(entities::ModelFile::view(bytes)));
    return x;
}

EntityExtractor EntityExtractor::with_aliases(std::string_view tsv, const std::string& source) const {
    EntityExtractor x;
    x.impl_ = std::make_unique<Impl>(impl_->model);
    x.impl_->aliases = impl_->aliases;
    x.impl_->aliases.load_user(tsv, source);
    return x;
}

EntityExtractor::~EntityExtractor() = default;
EntityExtractor::EntityExtractor(EntityExtractor&&) noexcept = default;
EntityExtractor& EntityExtractor::operator=(EntityExtractor&&) noexcept = default;

std::vector<EntityMention> EntityExtractor::extract(std::string_view title, std::string_view body,
                                                    std::string_view lang) const {
    std::vector<EntityMention> result;
    const entities::LanguageProfile* profile = english(lang) ? nullptr : entities::language_profile(lang);
    if (!english(lang) && !profile) return result;
    // Per-thread scratch keeps its storage between articles: tagging allocates nothing per token.
    thread_local Scratch x;
    tag_fields(impl_->tagger, profile, title, body, x);
    make_consistent(impl_->aliases, x);
    if (profile) {
        foreign_spans(*profile, impl_->tagger.lexicons(), impl_->aliases, x);
        gather_stems(*profile, x);
    }
    std::vector<Span> kept;
    std::vector<entities::RawMention> raw;
    for (Span sp : x.spans) {
        if (sp.type == entities::kMisc) continue;
        if (sp.field == 1 && is_boilerplate(x.fields[1], sp.begin, sp.end)) continue;
        if (!keep_span(impl_->tagger.lexicons(), impl_->model->misc_words, x, sp)) continue;
        const auto& toks = x.fields[sp.field].tok.tokens;
        entities::RawMention m;
        m.type = sp.type == entities::kPer ? EntityType::person
               : sp.type == entities::kLoc ? EntityType::place
                                           : EntityType::org;
        const std::size_t a = toks[sp.begin].start, b = toks[sp.end - 1].end;
        m.text = std::string(x.fields[sp.field].text.substr(a, b - a));
        for (std::size_t k = sp.begin; k < sp.end; ++k) {
            if (has_letter(toks[k].text)) m.words.push_back(toks[k].text);
        }
        if (profile) english_name(*profile, impl_->tagger.lexicons(), impl_->aliases, x, sp, m);
        raw.push_back(std::move(m));
        kept.push_back(sp);
    }
    entities::retype_from_aliases(impl_->aliases, raw);
    entities::harmonise_types(raw);
    const std::vector<std::string> canonical = entities::resolve_article(impl_->aliases, raw);
    result.reserve(kept.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
        const auto& toks = x.fields[kept[i].field].tok.tokens;
        EntityMention m;
        m.type = raw[i].type;
        m.start = toks[kept[i].begin].start;
        m.end = toks[kept[i].end - 1].end;
        m.text = std::string(x.fields[kept[i].field].text.substr(m.start, m.end - m.start));
        m.canonical = canonical[i];
        std::string titled = title_case_of_capitals(impl_->tagger.lexicons(), m.type, toks, kept[i], m.canonical);
        if (!titled.empty()) m.canonical = std::move(titled);
        m.field = kept[i].field == 0 ? "title" : "body";
        result.push_back(std::move(m));
    }
    return result;
}

std::vector<Entity> EntityExtractor::summarise(const std::vector<EntityMention>& mentions) {
    // One type per canonical name in an article (the type of most of its mentions, ties: the
    // first), so facets, which may file a contested name's types under one, count it once.
    std::vector<Entity> out;
    std::vector<std::array<std::size_t, 3>> by_type;
    std::map<std::string, std::size_t> index;
    for (const EntityMention& m : mentions) {
        const auto [it, added] = index.try_emplace(m.canonical, out.size());
        if (added) {
            out.push_back({m.type, m.canonical, 0});
            by_type.push_back({0, 0, 0});
        }
        Entity& e = out[it->second];
        std::array<std::size_t, 3>& counts = by_type[it->second];
        ++e.mentions;
        if (++counts[static_cast<unsigned>(m.type)] > counts[static_cast<unsigned>(e.type)]) e.type = m.type;
    }
    std::stable_sort(out.begin(), out.end(), [](const Entity& a, const Entity& b) { return a.mentions > b.mentions; });
    return out;
}

std::string EntityExtractor::canonicalise(EntityType type, std::string_view name) const {
    if (const std::string* c = impl_->aliases.find(type, name)) return *c;
    return entities::tidy_name(name);
}

}  // namespace newsdex
