/// @file stem_vector.hpp
/// An article's stems with their frequencies, packed in a value slot
/// (schema::slot_stems) so that ranking can compare top articles without
/// reading (and inflating) their termlists: score regularisation and the
/// later feedback rounds need only "which stems, how often", which a value
/// gives for a fraction of a termlist read.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex::detail {

/// The hash stems are compared by (FNV-1a, then splitmix64's avalanche).
/// Part of the index format: stem vectors store its low 32 bits.
std::uint64_t stem_hash(std::string_view term);
inline std::uint32_t stem_hash32(std::string_view term) { return static_cast<std::uint32_t>(stem_hash(term)); }

struct StemVector {
    double length = 0;  ///< the document length (sum of wdf), as Xapian counts it
    /// (low 32 bits of stem_hash(stem term), wdf), by hash; stem terms are Z and ZS terms.
    std::vector<std::pair<std::uint32_t, Xapian::termcount>> stems;
};

/// The stem vector of @p doc (an in-memory document being built).
StemVector stem_vector(const Xapian::Document& doc);

/// The schema::slot_stems value: length, then each hash as a delta from the last, and its wdf (varints).
std::string serialise_stem_vector(const StemVector& vector);

/// Inverse of serialise_stem_vector(); nullopt if @p value is not one.
std::optional<StemVector> unserialise_stem_vector(std::string_view value);

}  // namespace newsdex::detail
