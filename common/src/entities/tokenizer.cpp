/// @file tokenizer.cpp
/// CoNLL-style tokenisation of ordinary text with byte offsets.
#include "tokenizer.hpp"

#include <algorithm>
#include <array>

#include "lexicons.hpp"
#include "text.hpp"

namespace newsdex::entities {
namespace {

bool is_open_punct(char32_t c) {
    switch (c) {
        case '"': case '\'': case '(': case '[': case '{': case '<': case '`':
        case 0x201C: case 0x2018: case 0x201E: case 0x00AB: case 0x2039: case 0x201A:
        case '$': case 0x20AC: case 0x00A3: case 0x00A5: case '#': case '@': case '*':
        case 0x00A9: case 0x00AE: case 0x2013: case 0x2014: case 0x2012: case 0x2015:
        case 0x2022: case 0x00B7: case '-': case '/': case 0x2026: case '.': case ',': case ';': case ':':
        case '!': case '?': case '|': case '+': case '=': case '~': case '^': case '_': case '%': case '&':
            return true;
        default:
            return false;
    }
}

bool is_close_punct(char32_t c) {
    switch (c) {
        case '"': case '\'': case ')': case ']': case '}': case '>': case ',': case ';': case ':':
        case '!': case '?': case 0x201D: case 0x2019: case 0x00BB: case 0x203A: case 0x2026:
        case 0x00A9: case 0x00AE: case 0x2122: case 0x2013: case 0x2014: case '-': case '/': case '*':
        case '%': case '|': case '`':
            return true;
        default:
            return false;
    }
}

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC; }

/// Lowercase, dot-free words whose trailing "." is part of the word.
bool is_abbreviation(std::string_view lower) {
    static constexpr std::array<std::string_view, 43> list = {
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "ltd", "co", "gen", "gov",
        "sen", "rep", "lt", "col", "capt", "sgt", "prof", "rev", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "mt", "ft",
        "bros", "messrs", "adm", "cmdr", "gov", "pres"};
    return std::find(list.begin(), list.end(), lower) != list.end();
}

struct Cp {
    char32_t c;
    std::size_t start, end;  // byte range
};

/// Normalised token text: typographic quotes and apostrophes become ASCII.
void normalise(std::string_view text, std::size_t start, std::size_t end, std::string& out) {
    out.clear();
    std::size_t i = start;
    while (i < end) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            out += static_cast<char>(b);
            ++i;
            continue;
        }
        char32_t c = next_code_point(text, i);
        if (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x201A) c = '\'';
        else if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB || c == 0x00BB) c = '"';
        else if (c == 0x2013 || c == 0x2014 || c == 0x2012 || c == 0x2015) c = '-';
        else if (c == 0x2026) {
            out += "...";
            continue;
        }
        append_utf8(out, c);
    }
}

class Splitter {
  public:
    Splitter(std::string_view text, TokenizedText& out) : text_(text), out_(out) {
        out_.sentences.clear();
        used_ = 0;
    }

    void run() {
        std::size_t i = 0;
        std::vector<Cp>& chunk = chunk_;
        chunk.clear();
        std::size_t newlines = 0, indent = 0;
        while (i < text_.size()) {
            const std::size_t s = i;
            const char32_t c = next_code_point(text_, i);
            if (is_space(c)) {
                if (c == '\n') {
                    ++newlines;
                    indent = 0;
                } else if (newlines > 0) {
                    indent += c == '\t' ? 2 : 1;
                }
                if (!chunk.empty()) {
                    split_chunk(chunk);
                    chunk.clear();
                }
                continue;
            }
            // A blank line, or a line break followed by indentation (wire copy's paragraphs and
            // table rows: "mln\n    Nine months"), starts a sentence; a wrapped line does not.
            if ((newlines >= 2 || (newlines == 1 && indent >= 2)) && chunk.empty()) end_sentence();
            if (newlines > 0 && chunk.empty()) {
                line_begin_ = used_;
                line_indented_ = indent > 0;
            }
            newlines = 0;
            indent = 0;
            chunk.push_back({c, s, i});
        }
        if (!chunk.empty()) split_chunk(chunk);
        // A short, indented last line of capitalised words is a sentence of its own: a sign-off
        // (" Reuter", " REUTER TAW") after a line that ends without a full stop ("... Dean Witter
        // Reynolds Inc.") is no part of it; a wrapped sentence's last words ("\nFriday", "\nthe
        // U.S.") stay in it.
        if (line_indented_ && line_begin_ > sentence_begin_ && line_begin_ < used_ &&
            is_signoff_line(out_.tokens, line_begin_, used_)) {
            out_.sentences.push_back({sentence_begin_, line_begin_});
            sentence_begin_ = line_begin_;
        }
        end_sentence();
        out_.tokens.resize(used_);
    }

  private:
    /// Tokens are written over the ones a previous call left, so their strings keep their storage.
    void emit(std::size_t start, std::size_t end) {
        if (used_ == out_.tokens.size()) out_.tokens.emplace_back();
        Token& tok = out_.tokens[used_];
        normalise(text_, start, end, tok.text);
        const std::string& t = tok.text;
        if (pending_end_ && !(t == "\"" || t == "'" || t == ")" || t == "]")) end_sentence();
        const bool terminator = t == "." || t == "!" || t == "?" || t == "...";
        tok.start = start;
        tok.end = end;
        hash_token(tok);
        ++used_;
        if (terminator) pending_end_ = true;
    }

    void end_sentence() {
        pending_end_ = false;
        if (used_ > sentence_begin_) {
            out_.sentences.push_back({sentence_begin_, used_});
            sentence_begin_ = used_;
        }
    }

    void split_chunk(const std::vector<Cp>& ch) {
        std::size_t b = 0, e = ch.size();
        // Leading punctuation, one code point per token ("..." stays together).
        while (b < e && is_open_punct(ch[b].c) && !(ch[b].c == '.' && b + 1 < e && is_digit(ch[b + 1].c))) {
            if (ch[b].c == '-' && b + 1 < e && is_digit(ch[b + 1].c)) break;  // "-5"
            std::size_t k = b + 1;
            while (k < e && ch[k].c == ch[b].c && (ch[b].c == '.' || ch[b].c == '-')) ++k;
            emit(ch[b].start, ch[k - 1].end);
            b = k;
        }
        // Trailing punctuation, collected in reverse.
        std::vector<std::pair<std::size_t, std::size_t>>& tail = tail_;
        tail.clear();
        while (e > b) {
            const char32_t c = ch[e - 1].c;
            if (c == '.') {
                std::size_t k = e - 1;
                while (k > b && ch[k - 1].c == '.') --k;
                if (e - k >= 2) {  // "..." or ".."
                    tail.push_back({ch[k].start, ch[e - 1].end});
                    e = k;
                    continue;
                }
                if (keeps_final_dot(ch, b, e - 1)) break;
                tail.push_back({ch[e - 1].start, ch[e - 1].end});
                --e;
                continue;
            }
            if (is_close_punct(c)) {
                // Plural possessive "troops'" keeps the apostrophe as its own token; same result.
                tail.push_back({ch[e - 1].start, ch[e - 1].end});
                --e;
                continue;
            }
            break;
        }
        const std::size_t tail_size = tail.size();
        if (b < e) split_core(ch, b, e);
        for (std::size_t k = tail_size; k-- > 0;) emit(tail_[k].first, tail_[k].second);
    }

    /// Whether the word ch[b, dot) followed by "." keeps the dot: "U.S.", "J.", "Mr.".
    bool keeps_final_dot(const std::vector<Cp>& ch, std::size_t b, std::size_t dot) const {
        if (dot == b) return false;
        std::size_t letters = 0;
        bool inner_dot = false;
        for (std::size_t k = b; k < dot; ++k) {
            if (ch[k].c == '.') inner_dot = true;
            else if (is_letter(ch[k].c)) ++letters;
        }
        if (inner_dot && letters > 0) return true;                    // U.S. / a.m.
        if (dot - b == 1 && is_upper(ch[b].c)) return true;           // initial "J."
        if (dot - b > 5) return false;
        return is_abbreviation(lowercase(text_.substr(ch[b].start, ch[dot - 1].end - ch[b].start)));
    }

    void split_core(const std::vector<Cp>& ch, std::size_t b, std::size_t e) {
        // Dashes inside a chunk separate words ("Ukraine—Russia"), plain hyphens do not.
        for (std::size_t k = b; k < e; ++k) {
            const char32_t c = ch[k].c;
            if (c == 0x2014 || c == 0x2013 || c == 0x2026 || c == 0x00A9 || c == '"' || c == 0x201C ||
                c == 0x201D || (c == '-' && k + 1 < e && ch[k + 1].c == '-')) {
                if (k > b) split_core(ch, b, k);
                std::size_t k2 = k + 1;
                while (k2 < e && ch[k2].c == c) ++k2;
                emit(ch[k].start, ch[k2 - 1].end);
                if (k2 < e) split_core(ch, k2, e);
                return;
            }
        }
        // Clitics: "'s", "'re", "'ve", "'ll", "'d", "'m", "n't".
        if (e - b >= 3) {
            auto lower_at = [&](std::size_t k) { return to_lower(ch[k].c); };
            if (is_apostrophe(ch[e - 2].c) && (lower_at(e - 1) == 's' || lower_at(e - 1) == 'd' || lower_at(e - 1) == 'm')) {
                emit(ch[b].start, ch[e - 3].end);
                emit(ch[e - 2].start, ch[e - 1].end);
                return;
            }
            if (e - b >= 4 && is_apostrophe(ch[e - 3].c)) {
                const char32_t x = lower_at(e - 2), y = lower_at(e - 1);
                if ((x == 'r' && y == 'e') || (x == 'v' && y == 'e') || (x == 'l' && y == 'l')) {
                    emit(ch[b].start, ch[e - 4].end);
                    emit(ch[e - 3].start, ch[e - 1].end);
                    return;
                }
            }
            if (e - b >= 4 && lower_at(e - 3) == 'n' && is_apostrophe(ch[e - 2].c) && lower_at(e - 1) == 't') {
                emit(ch[b].start, ch[e - 4].end);
                emit(ch[e - 3].start, ch[e - 1].end);
                return;
            }
        }
        emit(ch[b].start, ch[e - 1].end);
    }

    std::string_view text_;
    TokenizedText& out_;
    std::size_t used_ = 0;  // tokens written so far
    std::size_t sentence_begin_ = 0;
    std::size_t line_begin_ = 0;  // the first token of the current line
    bool line_indented_ = false;  // whether that line starts with a space
    // Scratch reused across the chunks of one text and, through a thread-local Splitter state,
    // across texts.
    std::vector<Cp> chunk_;
    std::vector<std::pair<std::size_t, std::size_t>> tail_;
    bool pending_end_ = false;
};

}  // namespace

void hash_token(Token& t) { t.lower_hash = lower_hash(t.text, kPhraseSeed); }

void tokenize(std::string_view text, TokenizedText& out) { Splitter(text, out).run(); }

bool is_signoff_line(const std::vector<Token>& tokens, std::size_t begin, std::size_t end) {
    constexpr std::size_t kMaxTokens = 3;  // a name and a desk's code at most
    if (end <= begin || end - begin > kMaxTokens) return false;
    bool word = false;
    for (std::size_t k = begin; k < end; ++k) {
        const std::string& t = tokens[k].text;
        if (t == "." || t == "!" || t == "?") return false;
        std::size_t i = 0;
        const char32_t first = next_code_point(t, i);
        if (is_letter(first) && !is_upper(first)) return false;
        for (const char c : t) {
            if (c >= '0' && c <= '9') return false;
        }
        word = word || is_upper(first);
    }
    return word;
}

TokenizedText tokenize(std::string_view text) {
    TokenizedText out;
    tokenize(text, out);
    return out;
}

}  // namespace newsdex::entities
