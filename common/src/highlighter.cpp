#include "highlighter.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>

#include "newsdex/schema.hpp"

namespace newsdex::detail {

namespace {

bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

struct Window {
    std::size_t first = 0;  // token index of the first match
    std::size_t last = 0;   // token index of the last match
    double score = 0;
};

// Score of a passage: distinct matched terms count fully (they show the
// passage covers more of the query), repeats a little.
double window_score(const std::vector<Token>& tokens, const std::vector<double>& weights,
                    std::size_t first, std::size_t last) {
    std::unordered_map<std::string_view, double> best;
    double repeats = 0;
    for (std::size_t i = first; i <= last; ++i) {
        if (weights[i] <= 0) continue;
        auto [it, inserted] = best.emplace(tokens[i].term, weights[i]);
        if (!inserted) repeats += weights[i];
    }
    double score = 0;
    for (const auto& [term, weight] : best) score += weight;
    return score + 0.1 * repeats;
}

// Copies text[begin, end) collapsing whitespace runs to one space, and maps
// highlight ranges (absolute offsets) into the copied text.
Snippet build_snippet(std::string_view text, std::size_t begin, std::size_t end,
                      const std::vector<ByteRange>& spans) {
    Snippet snippet;
    std::vector<std::size_t> out_offset(end - begin + 1);
    bool in_space = false;
    for (std::size_t i = begin; i < end; ++i) {
        out_offset[i - begin] = snippet.text.size();
        if (is_space_byte(text[i])) {
            if (!in_space) snippet.text.push_back(' ');
            in_space = true;
        } else {
            snippet.text.push_back(text[i]);
            in_space = false;
        }
    }
    out_offset[end - begin] = snippet.text.size();
    for (const ByteRange& span : spans) {
        if (span.second <= begin || span.first >= end) continue;
        std::size_t s = std::max(span.first, begin);
        std::size_t e = std::min(span.second, end);
        snippet.highlights.emplace_back(out_offset[s - begin], out_offset[e - begin]);
    }
    snippet.starts_mid_text = begin > 0;
    std::size_t rest = end;
    while (rest < text.size() && is_space_byte(text[rest])) ++rest;
    snippet.ends_mid_text = rest < text.size();
    return snippet;
}

bool token_matches(const Token& token, const std::set<std::string>& slot, bool title) {
    if (slot.count(token.term)) return true;
    return title && slot.count(std::string(schema::prefix_title) + token.term);
}

}  // namespace

void mark_phrase_occurrences(const std::vector<Token>& tokens, const PhraseGroup& group, bool title,
                             double weight, std::vector<double>& weights) {
    const std::size_t n = group.slots.size();
    if (n == 0) return;
    std::vector<std::size_t> chosen;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        chosen.clear();
        const unsigned limit = tokens[i].position + std::max<unsigned>(group.window, static_cast<unsigned>(n));
        if (group.ordered) {
            if (!token_matches(tokens[i], group.slots[0], title)) continue;
            chosen.push_back(i);
            std::size_t at = i;
            for (std::size_t k = 1; k < n; ++k) {
                std::size_t j = at + 1;
                while (j < tokens.size() && tokens[j].position < limit && !token_matches(tokens[j], group.slots[k], title)) ++j;
                if (j >= tokens.size() || tokens[j].position >= limit) break;
                chosen.push_back(j);
                at = j;
            }
        } else {
            // NEAR: every slot matched by a distinct token in [position, position + window).
            bool starts = false;
            for (const auto& slot : group.slots) starts = starts || token_matches(tokens[i], slot, title);
            if (!starts) continue;
            std::vector<bool> used;
            for (std::size_t k = 0; k < n; ++k) {
                for (std::size_t j = i; j < tokens.size() && tokens[j].position < limit; ++j) {
                    if (std::find(chosen.begin(), chosen.end(), j) != chosen.end()) continue;
                    if (token_matches(tokens[j], group.slots[k], title)) {
                        chosen.push_back(j);
                        break;
                    }
                }
                if (chosen.size() != k + 1) break;
            }
        }
        if (chosen.size() != n) continue;
        for (std::size_t j : chosen) weights[j] = std::max(weights[j], weight);
    }
}

std::vector<ByteRange> highlight_spans(std::string_view text, const std::vector<Token>& tokens,
                                       const std::vector<double>& weights) {
    auto joinable = [&](std::size_t from, std::size_t to) {  // the text between two matched words
        if (to <= from) return true;  // one word split into several terms ("u.s.")
        if (to > text.size()) return false;
        for (char c : text.substr(from, to - from)) {
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '-') return false;
        }
        return true;
    };
    std::vector<ByteRange> spans;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (weights[i] <= 0) continue;
        bool continues = i > 0 && weights[i - 1] > 0 && !spans.empty() &&
                         tokens[i].position <= tokens[i - 1].position + 1 &&
                         joinable(spans.back().second, tokens[i].start);
        if (continues) {
            spans.back().second = std::max(spans.back().second, tokens[i].end);
        } else {
            spans.emplace_back(tokens[i].start, tokens[i].end);
        }
    }
    return spans;
}

std::vector<Snippet> make_snippets(std::string_view text, const std::vector<Token>& tokens,
                                   const std::vector<double>& weights, std::size_t max_snippets,
                                   std::size_t target_bytes) {
    std::vector<Snippet> snippets;
    if (max_snippets == 0 || text.empty()) return snippets;
    target_bytes = std::max<std::size_t>(target_bytes, 40);

    std::vector<std::size_t> matches;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (weights[i] > 0) matches.push_back(i);
    }
    if (matches.empty()) {
        // No match in this field: show its opening, cut at a word end.
        std::size_t end = text.size();
        for (const Token& t : tokens) {
            if (t.end > target_bytes) break;
            end = t.end;
        }
        if (tokens.empty() || tokens.front().end > target_bytes) end = std::min(text.size(), target_bytes);
        snippets.push_back(build_snippet(text, 0, end, {}));
        return snippets;
    }

    // Every window that starts at a match and extends while it fits.
    std::vector<Window> windows;
    for (std::size_t m = 0; m < matches.size(); ++m) {
        std::size_t first = matches[m];
        std::size_t last = first;
        for (std::size_t k = m + 1; k < matches.size(); ++k) {
            if (tokens[matches[k]].end - tokens[first].start > target_bytes) break;
            last = matches[k];
        }
        windows.push_back({first, last, window_score(tokens, weights, first, last)});
    }
    std::stable_sort(windows.begin(), windows.end(),
                     [](const Window& a, const Window& b) { return a.score > b.score; });

    std::vector<ByteRange> spans = highlight_spans(text, tokens, weights);
    std::vector<ByteRange> chosen;  // byte ranges of chosen passages
    for (const Window& w : windows) {
        if (chosen.size() >= max_snippets) break;
        std::size_t match_begin = tokens[w.first].start;
        std::size_t match_end = tokens[w.last].end;
        // Spread the spare room: a third before the first match, the rest after.
        std::size_t spare = target_bytes > match_end - match_begin ? target_bytes - (match_end - match_begin) : 0;
        std::size_t want_begin = match_begin > spare / 3 ? match_begin - spare / 3 : 0;
        std::size_t begin = match_begin;
        std::size_t first_token = w.first;
        while (first_token > 0 && tokens[first_token - 1].start >= want_begin) {
            --first_token;
            begin = tokens[first_token].start;
        }
        if (first_token == 0 && want_begin == 0) begin = 0;
        // Prefer to start at a sentence when one starts inside the lead-in.
        for (std::size_t t = first_token; t < w.first; ++t) {
            std::size_t s = tokens[t].start;
            std::size_t p = s;
            while (p > begin && is_space_byte(text[p - 1])) --p;
            if (p > begin && (text[p - 1] == '.' || text[p - 1] == '!' || text[p - 1] == '?' || text[p - 1] == '\n')) {
                begin = s;
                break;
            }
        }
        std::size_t want_end = begin + target_bytes;
        std::size_t end = match_end;
        for (std::size_t t = w.last + 1; t < tokens.size() && tokens[t].end <= want_end; ++t) end = tokens[t].end;
        if (end < text.size() && want_end >= text.size()) end = text.size();
        // Include trailing punctuation that closes the sentence.
        while (end < text.size() && !is_space_byte(text[end]) && end - match_end < 3 &&
               (text[end] == '.' || text[end] == ',' || text[end] == '!' || text[end] == '?' ||
                text[end] == '"' || text[end] == ')')) {
            ++end;
        }
        bool overlaps = std::any_of(chosen.begin(), chosen.end(), [&](const ByteRange& c) {
            return begin < c.second && c.first < end;
        });
        if (overlaps) continue;
        chosen.emplace_back(begin, end);
    }
    std::sort(chosen.begin(), chosen.end());
    for (const ByteRange& range : chosen) snippets.push_back(build_snippet(text, range.first, range.second, spans));
    return snippets;
}

}  // namespace newsdex::detail
