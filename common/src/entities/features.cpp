/// @file features.cpp
/// Feature templates of the perceptron tagger; changing them requires retraining the model.
#include "features.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "text.hpp"

namespace newsdex::entities {
namespace {

bool starts_upper(const std::string& s) {
    if (s.empty()) return false;
    std::size_t i = 0;
    return is_upper(next_code_point(s, i));
}

bool starts_letter(const std::string& s) {
    if (s.empty()) return false;
    std::size_t i = 0;
    return is_letter(next_code_point(s, i));
}

bool starts_lower(const std::string& s) {
    if (s.empty()) return false;
    std::size_t i = 0;
    return is_lower(next_code_point(s, i));
}

struct TokInfo {
    std::string lower;
    std::string shape;
    std::uint64_t hl = 0;  // lowercased word (= phrase hash of the token)
    std::uint64_t hw = 0;  // cased word
    std::uint64_t hs = 0;  // shape
    std::array<std::uint8_t, kGazCount> gaz{};  // 0 none, 1 begin, 2 inside, 3 single
    std::uint8_t stop = 0;
    std::uint8_t case_bucket = 5;
    std::uint8_t doc = 0;
    std::uint8_t length = 0;
    std::uint16_t cluster = 0;
    std::uint32_t run_begin = 0, run_end = 0;  // the capitalised run the word stands in, [begin, end)
    bool upper_initial = false;
    bool all_upper = false;
};

void make_shape(const std::string& s, std::string& shape, std::uint8_t& length) {
    shape.clear();
    std::size_t i = 0, cps = 0;
    char last = 0;
    while (i < s.size()) {
        const char32_t c = next_code_point(s, i);
        ++cps;
        char k;
        if (is_upper(c)) k = 'X';
        else if (is_letter(c)) k = 'x';
        else if (is_digit(c)) k = 'd';
        else if (c < 0x80) k = static_cast<char>(c);
        else k = 'o';
        if (k != last) shape += k;
        last = k;
    }
    length = static_cast<std::uint8_t>(cps <= 4 ? cps : cps <= 7 ? 5 : 6);
}

constexpr std::uint64_t tpl(std::uint64_t id) { return id * 0x9E3779B97F4A7C15ULL + 0x1234567ULL; }

}  // namespace

SentenceMode sentence_mode(const Token* tokens, std::size_t n) {
    std::size_t words = 0, capitalised = 0, all_upper = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& t = tokens[i].text;
        if (!starts_letter(t)) continue;
        ++words;
        if (starts_upper(t)) {
            ++capitalised;
            bool any_lower = false;
            std::size_t k = 0;
            while (k < t.size()) {
                if (is_lower(next_code_point(t, k))) {
                    any_lower = true;
                    break;
                }
            }
            if (!any_lower) ++all_upper;
        }
    }
    if (words >= 2 && all_upper * 10 >= words * 9) return SentenceMode::upper;
    if (words >= 3 && capitalised * 4 >= words * 3) return SentenceMode::title;
    return SentenceMode::normal;
}

std::size_t first_word_index(const Token* tokens, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& t = tokens[i].text;
        std::size_t k = 0;
        if (!t.empty()) {
            const char32_t c = next_code_point(t, k);
            if (is_letter(c) || is_digit(c)) return i;
        }
    }
    return n;
}

namespace {

bool letters_all_upper(const std::string& t) {
    std::size_t k = 0, letters = 0;
    while (k < t.size()) {
        const char32_t c = next_code_point(t, k);
        if (is_lower(c)) return false;
        letters += is_letter(c) ? 1 : 0;
    }
    return letters > 0;
}

/// Lowercase words that may stand inside a name's run of capitalised words.
bool run_connector(const std::string& t) {
    return t == "of" || t == "and" || t == "for" || t == "the" || t == "de" || t == "&";
}

}  // namespace

void DocContext::add(const Token* tokens, std::size_t n, SentenceMode mode) {
    const std::size_t first = first_word_index(tokens, n);
    auto hl = [&](std::size_t j) { return j >= n ? 2ULL : tokens[j].lower_hash; };
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& t = tokens[i].text;
        if (!starts_letter(t)) continue;
        const std::uint64_t h = tokens[i].lower_hash;
        if (starts_lower(t)) map_.or_value(h, kLower);
        else if (mode == SentenceMode::normal && i != first && starts_upper(t) && i > 0 &&
                 (starts_letter(tokens[i - 1].text) || tokens[i - 1].text == "," || tokens[i - 1].text == ";"))
            map_.or_value(h, kCapMid);  // capitalised after a word or comma: not after ":", quotes, dashes
        if (i > 0 && starts_upper(t) && mode == SentenceMode::normal &&
            (tokens[i - 1].text == "a" || tokens[i - 1].text == "an" || tokens[i - 1].text == "A" ||
             tokens[i - 1].text == "An"))
            map_.or_value(h, kAfterIndefinite);
    }
    if (mode != SentenceMode::normal) return;  // headlines and ALL CAPS say little about runs
    // Runs of capitalised words (connectors inside allowed): occurrences and acronyms.
    for (std::size_t i = 0; i < n;) {
        if (!starts_upper(tokens[i].text)) {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < n && (starts_upper(tokens[j].text) ||
                         (run_connector(tokens[j].text) && j + 1 < n && starts_upper(tokens[j + 1].text))))
            ++j;
        std::size_t words = 0;
        std::uint64_t initials = kPhraseSeed;
        for (std::size_t k = i; k < j; ++k) {
            if (!starts_upper(tokens[k].text)) continue;
            ++words;
            std::size_t q = 0;
            const char32_t c = next_code_point(tokens[k].text, q);
            std::string one;
            append_utf8(one, to_lower(c));
            initials = hash_bytes(one, initials);
        }
        for (std::size_t k = i; k < j; ++k) {
            if (!starts_upper(tokens[k].text)) continue;
            Occurrence o;
            o.word = tokens[k].lower_hash;
            o.prev = k == 0 ? 1ULL : tokens[k - 1].lower_hash;
            o.next = hl(k + 1);
            o.run = static_cast<std::uint8_t>(j - i == 1 ? 1 : k == i ? 2 : k + 1 == j ? 4 : 3);
            o.run_length = static_cast<std::uint8_t>(words < 4 ? words : 4);
            occ_.push_back(o);
        }
        if (words >= 2 && words <= 6) acronyms_.emplace_back(initials, tokens[j - 1].lower_hash);
        i = j;
    }
    sorted_ = false;
}

void DocContext::finish() {
    std::stable_sort(occ_.begin(), occ_.end(), [](const Occurrence& a, const Occurrence& b) { return a.word < b.word; });
    std::stable_sort(acronyms_.begin(), acronyms_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    sorted_ = true;
}

void DocContext::clear() {
    map_.clear();
    occ_.clear();
    acronyms_.clear();
    sorted_ = true;
}

std::pair<const DocContext::Occurrence*, std::size_t> DocContext::occurrences(std::uint64_t h, std::size_t max) const {
    if (!sorted_) return {nullptr, 0};
    const auto lo = std::lower_bound(occ_.begin(), occ_.end(), h, [](const Occurrence& o, std::uint64_t v) { return o.word < v; });
    std::size_t count = 0;
    for (auto it = lo; it != occ_.end() && it->word == h && count < max; ++it) ++count;
    return {count ? &*lo : nullptr, count};
}

std::uint64_t DocContext::expansion_head(std::uint64_t initials) const {
    if (!sorted_) return 0;
    const auto it = std::lower_bound(acronyms_.begin(), acronyms_.end(), initials,
                                     [](const auto& a, std::uint64_t v) { return a.first < v; });
    return it != acronyms_.end() && it->first == initials ? it->second : 0;
}

namespace {

/// Per-token facts, computed once per token before any template reads them.
void describe_tokens(const Lexicons& lex, const DocContext& doc, const Token* tokens, std::size_t n,
                     std::vector<TokInfo>& info) {
    for (std::size_t i = 0; i < n; ++i) {
        TokInfo& ti = info[i];
        lowercase_into(tokens[i].text, ti.lower);
        make_shape(tokens[i].text, ti.shape, ti.length);
        ti.hl = tokens[i].lower_hash;
        ti.hw = hash_bytes(tokens[i].text, 0x84222325cbf29ce4ULL);
        ti.hs = hash_bytes(ti.shape, 0x5bd1e995ULL);
        ti.gaz.fill(0);
        const LexEntry e = lex.lookup(ti.hl);
        ti.stop = (e.bits & kStop) ? 1 : 0;
        ti.case_bucket = e.case_bucket;
        ti.cluster = e.cluster;
        ti.doc = doc.flags(ti.hl) & DocContext::kFeatureFlags;
        ti.upper_initial = starts_upper(tokens[i].text);
        ti.all_upper = ti.upper_initial && letters_all_upper(tokens[i].text);
    }
    // Gazetteer matches: longest phrase from each start; earlier starts win.
    for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t h = kPhraseSeed;
        std::array<std::uint8_t, kGazCount> best{};
        for (std::size_t len = 1; len <= static_cast<std::size_t>(kMaxPhraseTokens) && i + len <= n; ++len) {
            if (len == 1) h = info[i].hl;
            else h = hash_bytes(info[i + len - 1].lower, hash_bytes(" ", h));
            const std::uint8_t bits = lex.phrase_bits(h);
            if (bits == 0) break;
            for (int g = 0; g < kGazCount; ++g) {
                if (bits & (1u << g)) best[g] = static_cast<std::uint8_t>(len);
            }
            if (!(bits & kPrefix)) break;
        }
        for (int g = 0; g < kGazCount; ++g) {
            const std::size_t len = best[g];
            if (len == 0 || info[i].gaz[g] != 0) continue;
            for (std::size_t k = 0; k < len; ++k) {
                info[i + k].gaz[g] = static_cast<std::uint8_t>(len == 1 ? 3 : k == 0 ? 1 : 2);
            }
        }
    }
}

/// Marks each capitalised word with the run of capitalised words it stands in (connectors such
/// as "of" inside: "Bank of England"), as DocContext::add() delimits runs. Ordinary sentences
/// only: in headlines and ALL CAPS every word is capitalised and a run says nothing.
void mark_runs(const Token* tokens, std::size_t n, SentenceMode mode, std::vector<TokInfo>& info) {
    for (std::size_t i = 0; i < n; ++i) info[i].run_begin = info[i].run_end = static_cast<std::uint32_t>(i);
    if (mode != SentenceMode::normal) return;
    for (std::size_t i = 0; i < n;) {
        if (!info[i].upper_initial) {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < n && (info[j].upper_initial ||
                         (run_connector(tokens[j].text) && j + 1 < n && info[j + 1].upper_initial)))
            ++j;
        for (std::size_t k = i; k < j; ++k) {
            info[k].run_begin = static_cast<std::uint32_t>(i);
            info[k].run_end = static_cast<std::uint32_t>(j);
        }
        i = j;
    }
}

/// Length of a cluster path (bits after the leading 1).
int path_length(std::uint16_t code) {
    int len = 0;
    while (code > 1) {
        code >>= 1;
        ++len;
    }
    return len;
}

/// The first p bits of a cluster path (the whole path when shorter), with its leading 1.
std::uint64_t path_prefix(std::uint16_t code, int p) {
    const int len = path_length(code);
    return len <= p ? code : code >> (len - p);
}

/// Features of a word inside a run of two or more capitalised words: the run's last word (its
/// head: "Reserve" in "Federal Reserve Board" sees "board") and first word, where in the run
/// an organisation word stands (Bank, Corp, Party, Ministry...) and the run's length. They let
/// every word of "Bank of England" or "Smith Barney Harris Upham" see the evidence at its edges.
template <class Add>
void add_run_features(const std::vector<TokInfo>& info, std::size_t i, std::uint64_t mode, Add& add) {
    const TokInfo& t = info[i];
    const std::size_t b = t.run_begin, e = t.run_end, last = e - 1;
    const std::uint64_t pos = i == b ? 1 : i == last ? 3 : 2;
    if (i != last) add(110, hash_mix(info[last].hl, pos));
    if (i != b) add(111, hash_mix(info[b].hl, pos));
    constexpr int kOrgWordGaz = 5;  // bit index of kGazOrgWord
    std::uint64_t org_at = 0;       // where an org word stands: 1 first, 2 inside, 3 last (first wins)
    for (std::size_t k = b; k < e && org_at == 0; ++k) {
        if (info[k].gaz[kOrgWordGaz] && info[k].upper_initial) org_at = k == b ? 1 : k == last ? 3 : 2;
    }
    add(112, hash_mix(org_at, pos));
    const std::uint64_t length = e - b < 5 ? e - b : 5;
    add(113, hash_mix(hash_mix(length, pos), mode));
    add(114, hash_mix(info[last].hs, pos));
    for (int k = 1; k <= 3; ++k) {
        const std::string& head = info[last].lower;
        if (head.size() > static_cast<std::size_t>(k) + 1)
            add(115 + k, hash_mix(hash_bytes(std::string_view(head).substr(head.size() - k)), pos));
    }
}

}  // namespace

void extract_features(const Lexicons& lex, const DocContext& doc, const Token* tokens, std::size_t n,
                      SentenceMode mode, std::uint32_t mask, SentenceFeatures& out, std::uint32_t feature_set) {
    thread_local std::vector<TokInfo> info;
    if (info.size() < n) info.resize(n);
    describe_tokens(lex, doc, tokens, n, info);

    const std::size_t first = first_word_index(tokens, n);
    const std::uint64_t m = static_cast<std::uint64_t>(mode);
    const bool clusters = (feature_set & kFeatClusters) && lex.has_clusters();
    const bool nonlocal = (feature_set & kFeatDocContext) != 0;
    const bool runs = (feature_set & kFeatRuns) != 0;
    if (runs) mark_runs(tokens, n, mode, info);
    out.ids.clear();
    out.lexical.clear();
    out.offsets.assign(1, 0);
    auto add = [&](std::uint64_t t, std::uint64_t v) {
        out.ids.push_back(static_cast<std::uint32_t>(hash_mix(tpl(t), v) & mask));
        if (out.mark_lexical) out.lexical.push_back(0);
    };
    auto add_lexical = [&](std::uint64_t t, std::uint64_t v) {
        out.ids.push_back(static_cast<std::uint32_t>(hash_mix(tpl(t), v) & mask));
        if (out.mark_lexical) out.lexical.push_back(1);
    };
    auto hl = [&](std::ptrdiff_t j) { return j < 0 ? 1ULL : j >= static_cast<std::ptrdiff_t>(n) ? 2ULL : info[j].hl; };
    auto hs = [&](std::ptrdiff_t j) { return j < 0 ? 1ULL : j >= static_cast<std::ptrdiff_t>(n) ? 2ULL : info[j].hs; };
    auto cl = [&](std::ptrdiff_t j, int p) {
        return j < 0 ? 1ULL : j >= static_cast<std::ptrdiff_t>(n) ? 2ULL : 3 + path_prefix(info[j].cluster, p);
    };

    for (std::size_t i = 0; i < n; ++i) {
        const TokInfo& t = info[i];
        const auto si = static_cast<std::ptrdiff_t>(i);
        const std::uint64_t initial = i == first ? 1 : 0;
        add(0, 0);                                     // bias
        add_lexical(1, t.hl);                                  // lowercased word
        if (mode == SentenceMode::normal) add_lexical(2, t.hw);  // cased word
        add(3, hash_mix(t.hs, m));                     // shape x mode
        add(4, hash_mix(hash_mix(t.hs, m), initial));  // shape x mode x initial
        // affixes (bytes of the lowercased word), prefix hashes extended byte by byte
        const std::string& w = t.lower;
        for (std::size_t k = 1; k <= 4 && k <= w.size(); ++k) {
            add(10 + k, hash_bytes(std::string_view(w).substr(0, k)));
            add(20 + k, hash_bytes(std::string_view(w).substr(w.size() - k)));
        }
        // context words
        add(30, hl(si - 1));
        add(31, hl(si - 2));
        add(32, hl(si + 1));
        add(33, hl(si + 2));
        add_lexical(34, hash_mix(hl(si - 1), t.hl));
        add_lexical(35, hash_mix(t.hl, hl(si + 1)));
        add(36, hash_mix(hl(si - 1), hs(si)));
        add(37, hash_mix(hs(si), hl(si + 1)));
        // context shapes
        add(40, hash_mix(hs(si - 1), m));
        add(41, hash_mix(hs(si + 1), m));
        add(42, hash_mix(hash_mix(hash_mix(hs(si - 1), hs(si)), hs(si + 1)), m));
        add(43, hash_mix(hash_mix(t.length, t.hs), m));
        // gazetteers: own position code, and neighbours'
        for (int g = 0; g < kGazCount; ++g) {
            if (t.gaz[g]) {
                add(50, hash_mix(g, t.gaz[g]));
                add(51, hash_mix(hash_mix(g, t.gaz[g]), hash_mix(m, t.upper_initial)));
            }
            if (i > 0 && info[i - 1].gaz[g]) add(52, hash_mix(g, info[i - 1].gaz[g]));
            if (i + 1 < n && info[i + 1].gaz[g]) add(53, hash_mix(g, info[i + 1].gaz[g]));
        }
        std::uint64_t gaz_sig = 0;
        for (int g = 0; g < kGazCount; ++g) gaz_sig = gaz_sig * 4 + t.gaz[g];
        add(54, hash_mix(gaz_sig, t.upper_initial));
        if (t.stop) add(55, t.upper_initial);
        // case lexicon and document evidence
        const std::uint64_t casing = hash_mix(hash_mix(t.case_bucket, t.upper_initial), hash_mix(m, initial));
        add(60, casing);
        add(61, hash_mix(casing, t.doc));
        add(62, hash_mix(hash_mix(t.doc, t.upper_initial), m));
        add(63, hash_mix(i > 0 ? info[i - 1].case_bucket : 9, hash_mix(m, i > 0 && info[i - 1].upper_initial)));
        add(64, hash_mix(i + 1 < n ? info[i + 1].case_bucket : 9, hash_mix(m, i + 1 < n && info[i + 1].upper_initial)));
        add(65, hash_mix(hash_mix(t.case_bucket, t.doc), hash_mix(t.hs, m)));
        if (clusters) {
            // Word clusters at several path lengths (coarse classes generalise, fine ones
            // discriminate), of the word and its neighbours; lowercased, so ALL CAPS and
            // headlines find the same clusters.
            for (int p : {4, 6, 10, 15}) add(70 + p, cl(si, p));
            add(90, hash_mix(cl(si, 15), hash_mix(t.upper_initial, m)));
            add(91, cl(si - 1, 6));
            add(92, cl(si + 1, 6));
            add(93, cl(si - 1, 15));
            add(94, cl(si + 1, 15));
            add(95, hash_mix(cl(si - 1, 10), cl(si, 10)));
            add(96, hash_mix(cl(si, 10), cl(si + 1, 10)));
        }
        if (runs && t.run_end - t.run_begin >= 2) add_run_features(info, i, m, add);
        if (nonlocal && t.upper_initial) {
            // How the article uses this word elsewhere: its neighbours there ("Mr X", "X Corp",
            // "in X") and its place in runs of capitalised words (a lone "Volcker" that is the
            // last word of "Paul Volcker" elsewhere), and the run an acronym spells out.
            const auto [occ, count] = doc.occurrences(t.hl, 6);
            add(100, hash_mix(count, t.all_upper));
            for (std::size_t k = 0; k < count; ++k) {
                add(101, occ[k].prev);
                add(102, occ[k].next);
                add(103, hash_mix(occ[k].run, occ[k].run_length));
            }
            if (t.all_upper && w.size() >= 2 && w.size() <= 6) {
                if (const std::uint64_t head = doc.expansion_head(t.hl)) {
                    add(104, 1);
                    add(105, head);
                }
            }
        }
        out.offsets.push_back(static_cast<std::uint32_t>(out.ids.size()));
    }
}

}  // namespace newsdex::entities
