/// @file stem_vector.cpp
/// Stem vectors in a value slot (see stem_vector.hpp).
#include "stem_vector.hpp"

#include <algorithm>

#include "newsdex/schema.hpp"
#include "varint.hpp"

namespace newsdex::detail {

std::uint64_t stem_hash(std::string_view term) {
    std::uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : term) h = (h ^ c) * 1099511628211ULL;
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

StemVector stem_vector(const Xapian::Document& doc) {
    StemVector out;
    const std::string stem_prefix(schema::prefix_stem);
    for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const Xapian::termcount wdf = t.get_wdf();
        out.length += wdf;
        const std::string& term = *t;
        if (term.compare(0, stem_prefix.size(), stem_prefix) == 0) out.stems.emplace_back(stem_hash32(term), wdf);
    }
    std::sort(out.stems.begin(), out.stems.end());
    // Two stems with one hash (about one article in a million): one entry, their wdf summed.
    std::vector<std::pair<std::uint32_t, Xapian::termcount>> merged;
    for (const auto& stem : out.stems) {
        if (!merged.empty() && merged.back().first == stem.first) {
            merged.back().second += stem.second;
        } else {
            merged.push_back(stem);
        }
    }
    out.stems = std::move(merged);
    return out;
}

std::string serialise_stem_vector(const StemVector& vector) {
    std::string out;
    put_varint(out, static_cast<std::uint64_t>(vector.length));
    put_varint(out, vector.stems.size());
    std::uint32_t last = 0;
    for (const auto& [hash, wdf] : vector.stems) {
        put_varint(out, hash - last);
        put_varint(out, wdf);
        last = hash;
    }
    return out;
}

std::optional<StemVector> unserialise_stem_vector(std::string_view value) {
    StemVector out;
    std::size_t pos = 0;
    std::uint64_t length = 0, count = 0;
    if (!get_varint(value, pos, length) || !get_varint(value, pos, count) || count > value.size()) return std::nullopt;
    out.length = static_cast<double>(length);
    out.stems.reserve(count);
    std::uint64_t hash = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        std::uint64_t delta = 0, wdf = 0;
        if (!get_varint(value, pos, delta) || !get_varint(value, pos, wdf)) return std::nullopt;
        hash += delta;
        if (hash > 0xffffffffULL) return std::nullopt;
        out.stems.emplace_back(static_cast<std::uint32_t>(hash), static_cast<Xapian::termcount>(wdf));
    }
    if (pos != value.size()) return std::nullopt;
    return out;
}

}  // namespace newsdex::detail
