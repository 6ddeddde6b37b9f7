/// @file lexicons.cpp
/// Loading gazetteer lists into phrase-hash maps.
#include "lexicons.hpp"

#include "text.hpp"
#include "tokenizer.hpp"

namespace newsdex::entities {

std::size_t HashByteMap::slot(std::uint64_t key) {
    if ((used_ + 1) * 2 > keys_.size()) {
        std::vector<std::uint64_t> old_keys(keys_.size() * 2, 0);
        std::vector<std::uint8_t> old_vals(keys_.size() * 2, 0);
        old_keys.swap(keys_);
        old_vals.swap(vals_);
        used_ = 0;
        for (std::size_t i = 0; i < old_keys.size(); ++i) {
            if (old_keys[i] != 0) vals_[slot(old_keys[i])] = old_vals[i];
        }
    }
    std::size_t mask = keys_.size() - 1;
    for (std::size_t i = key & mask;; i = (i + 1) & mask) {
        if (keys_[i] == key) return i;
        if (keys_[i] == 0) {
            keys_[i] = key;
            ++used_;
            return i;
        }
    }
}

void HashByteMap::or_value(std::uint64_t key, std::uint8_t bits) {
    if (key == 0) key = 1;
    vals_[slot(key)] |= bits;
}

void HashByteMap::set_value(std::uint64_t key, std::uint8_t value) {
    if (key == 0) key = 1;
    vals_[slot(key)] = value;
}

void Lexicons::add_list(std::string_view list, std::uint8_t bit) {
    for_each_line(list, [&](std::string_view line) {
        const TokenizedText t = tokenize(line);
        if (t.tokens.empty() || t.tokens.size() > kMaxPhraseTokens) return;
        std::uint64_t h = kPhraseSeed;
        for (std::size_t i = 0; i < t.tokens.size(); ++i) {
            if (i > 0) h = hash_bytes(" ", h);
            h = hash_bytes(lowercase(t.tokens[i].text), h);
            phrases_.or_value(h, i + 1 == t.tokens.size() ? bit : static_cast<std::uint8_t>(kPrefix));
        }
    });
}

void Lexicons::add_case_lexicon(std::string_view tsv) {
    for_each_line(tsv, [&](std::string_view line) {
        const std::size_t tab = line.find('\t');
        if (tab == std::string_view::npos || tab + 1 >= line.size()) return;
        const int bucket = line[tab + 1] - '0';
        if (bucket < 0 || bucket > 4) return;
        case_.set_value(hash_bytes(line.substr(0, tab), kPhraseSeed), static_cast<std::uint8_t>(bucket + 1));
    });
}

}  // namespace newsdex::entities
