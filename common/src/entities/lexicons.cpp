/// @file lexicons.cpp
/// Building the lexicon table from text lists, freezing and (de)serialising it.
#include "lexicons.hpp"

#include <cstring>

#include "newsdex/error.hpp"
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

void HashByteMap::clear() {
    // A map that grew for one huge article gives its memory back instead of being wiped each time.
    if (keys_.size() > (1u << 16)) {
        keys_.assign(16, 0);
        vals_.assign(16, 0);
    } else {
        std::fill(keys_.begin(), keys_.end(), 0);
        std::fill(vals_.begin(), vals_.end(), 0);
    }
    used_ = 0;
}

namespace {
constexpr std::uint32_t kTableMagic = 0x4C584E31;  // "1NXL": version 1 of the frozen table
}

std::uint32_t Lexicons::build_get(std::uint64_t h) const {
    if (build_keys_.empty()) return 0;
    if (h == 0) h = 1;
    const std::size_t mask = build_keys_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        if (build_keys_[i] == h) return build_vals_[i];
        if (build_keys_[i] == 0) return 0;
    }
}

std::uint32_t& Lexicons::build_slot(std::uint64_t h) {
    if (h == 0) h = 1;
    if (build_keys_.empty()) {
        build_keys_.assign(1024, 0);
        build_vals_.assign(1024, 0);
    }
    if ((build_used_ + 1) * 2 > build_keys_.size()) {
        std::vector<std::uint64_t> keys(build_keys_.size() * 2, 0);
        std::vector<std::uint32_t> vals(build_keys_.size() * 2, 0);
        keys.swap(build_keys_);
        vals.swap(build_vals_);
        build_used_ = 0;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] != 0) build_slot(keys[i]) = vals[i];
        }
    }
    const std::size_t mask = build_keys_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        if (build_keys_[i] == h) return build_vals_[i];
        if (build_keys_[i] == 0) {
            build_keys_[i] = h;
            ++build_used_;
            return build_vals_[i];
        }
    }
}

void Lexicons::add_list(std::string_view list, std::uint8_t bit) {
    frozen_keys_ = nullptr;
    for_each_line(list, [&](std::string_view line) {
        const TokenizedText t = tokenize(line);
        if (t.tokens.empty() || t.tokens.size() > kMaxPhraseTokens) return;
        std::uint64_t h = kPhraseSeed;
        for (std::size_t i = 0; i < t.tokens.size(); ++i) {
            if (i > 0) h = hash_bytes(" ", h);
            h = hash_bytes(lowercase(t.tokens[i].text), h);
            build_slot(h) |= i + 1 == t.tokens.size() ? bit : static_cast<std::uint8_t>(kPrefix);
        }
    });
}

void Lexicons::add_case_lexicon(std::string_view tsv) {
    frozen_keys_ = nullptr;
    for_each_line(tsv, [&](std::string_view line) {
        const std::size_t tab = line.find('\t');
        if (tab == std::string_view::npos || tab + 1 >= line.size()) return;
        const int bucket = line[tab + 1] - '0';
        if (bucket < 0 || bucket > 4) return;
        std::uint32_t& v = build_slot(hash_bytes(line.substr(0, tab), kPhraseSeed));
        v = (v & ~0xF00u) | static_cast<std::uint32_t>(bucket + 1) << 8;
    });
}

void Lexicons::add_clusters(std::string_view tsv) {
    frozen_keys_ = nullptr;
    for_each_line(tsv, [&](std::string_view line) {
        const std::size_t tab = line.find('\t');
        if (tab == std::string_view::npos || tab + 1 >= line.size()) return;
        const std::string_view path = line.substr(tab + 1);
        if (path.size() > 15) return;
        std::uint32_t code = 1;
        for (char c : path) {
            if (c != '0' && c != '1') return;
            code = code << 1 | static_cast<std::uint32_t>(c - '0');
        }
        std::uint32_t& v = build_slot(hash_bytes(lowercase(line.substr(0, tab)), kPhraseSeed));
        v = (v & 0xFFFFu) | code << 16;
        ++clusters_;
    });
}

void Lexicons::freeze() {
    std::size_t cap = 1024;
    while (cap * 2 < build_used_ * 3) cap *= 2;  // load factor at most 2/3
    owned_.assign(2 + 2 * cap, 0);
    owned_[0] = kTableMagic;
    owned_[1] = static_cast<std::uint32_t>(cap);
    std::uint32_t* keys = owned_.data() + 2;
    std::uint32_t* vals = keys + cap;
    mask_ = cap - 1;
    used_ = 0;
    for (std::size_t k = 0; k < build_keys_.size(); ++k) {
        const std::uint64_t h = build_keys_[k];
        if (h == 0) continue;
        const std::uint32_t f = fingerprint(h);
        std::size_t i = h & mask_;
        while (keys[i] != 0 && keys[i] != f) i = (i + 1) & mask_;
        keys[i] = f;
        vals[i] |= build_vals_[k];
        ++used_;
    }
    frozen_keys_ = keys;
    frozen_vals_ = vals;
}

std::string Lexicons::serialise() const {
    if (owned_.empty()) throw Error("entity lexicons: serialise() before freeze()");
    std::string out(owned_.size() * sizeof(std::uint32_t) + sizeof(std::uint32_t), '\0');
    std::memcpy(out.data(), owned_.data(), owned_.size() * sizeof(std::uint32_t));
    const auto clusters = static_cast<std::uint32_t>(clusters_);
    std::memcpy(out.data() + owned_.size() * sizeof(std::uint32_t), &clusters, sizeof clusters);
    return out;
}

Lexicons Lexicons::view(std::string_view bytes) {
    if (bytes.size() < 12 || reinterpret_cast<std::uintptr_t>(bytes.data()) % alignof(std::uint32_t) != 0)
        throw Error("entity model: lexicon table truncated or misaligned");
    const auto* w = reinterpret_cast<const std::uint32_t*>(bytes.data());
    const std::size_t cap = w[1];
    if (w[0] != kTableMagic || cap == 0 || (cap & (cap - 1)) != 0 ||
        bytes.size() != (2 + 2 * cap + 1) * sizeof(std::uint32_t))
        throw Error("entity model: bad lexicon table (wrong magic or size)");
    Lexicons lex;
    lex.frozen_keys_ = w + 2;
    lex.frozen_vals_ = w + 2 + cap;
    lex.mask_ = cap - 1;
    lex.clusters_ = w[2 + 2 * cap];
    for (std::size_t i = 0; i < cap; ++i) lex.used_ += lex.frozen_keys_[i] != 0;
    return lex;
}

}  // namespace newsdex::entities
