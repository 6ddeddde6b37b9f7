/// @file corpus_types.hpp
/// Corpus-level entity types: when the archive's articles tag one canonical name as two or
/// more types, facets and filters file it under the type most of them gave it.
///
/// The votes are the document frequencies of the name's filter terms (XPER, XLOC, XORG + the
/// folded name): one vote per article and type, counted by Xapian at each commit, summed over
/// shards (local or remote) by the combined database, so the table grows with the index and
/// needs nothing written besides what an article already writes. Each article keeps its own
/// reading in its stored entities (JSON "entities"); only facets and filters use the vote.
#pragma once

#include <xapian.h>

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsdex/article.hpp"

namespace newsdex::detail {

/// Articles that tagged one name as person, place, org (index = EntityType).
using TypeVotes = std::array<Xapian::doccount, 3>;

/// How much the winning type must outvote a tagged type to take its articles over. At 1 a
/// bare majority would move every split; at 2 a name the archive splits almost evenly (Sony
/// 8 person / 20 place / 15 org on BBC; Oscar, Christmas) keeps each article's reading rather
/// than all becoming the tagger's slightly more frequent error (chosen by reading the moves
/// it makes on Reuters-21578 and BBC facets at 1, 1.5, 2 and 3).
inline constexpr double corpus_type_dominance = 2.0;

/// The type a name tagged @p tagged is filed under: the type with the most votes when it has
/// at least corpus_type_dominance times @p tagged's votes, otherwise @p tagged. Ties between
/// two winners keep @p tagged.
EntityType corpus_type(EntityType tagged, const TypeVotes& votes);

/// The folded key of a canonical name, as its filter terms end (without the type prefix).
std::string entity_key(std::string_view canonical);

/// The votes for one name: three term-frequency look-ups (for a filter).
TypeVotes type_votes(const Xapian::Database& db, std::string_view canonical);

/// The contested names of an index (tagged as two or more types) with their votes, read by
/// merging the three sorted lists of entity filter terms once (for facets, which meet many
/// names). Valid for the database revision it was read from.
class CorpusTypes {
  public:
    CorpusTypes() = default;  ///< no votes: every name keeps its tagged type
    explicit CorpusTypes(const Xapian::Database& db);

    /// The votes of just these names (canonical, as stored in facets): three term-frequency
    /// look-ups per distinct name while that is cheaper than reading every entity term, else
    /// the whole table. Callgrind on Reuters-21578 (21,577 articles, 50,606 entity terms):
    /// a name's look-ups cost about 7,900 instructions, the whole merge 63M (about 8,000
    /// names' worth); the terms grow with the articles, so look-ups while names <= articles / 3.
    static CorpusTypes of_names(const Xapian::Database& db, const std::vector<std::string_view>& names);

    /// corpus_type() of a canonical name written @p canonical (as stored in facets).
    EntityType filed_under(EntityType tagged, std::string_view canonical) const;
    std::size_t contested() const { return votes_.size(); }

  private:
    std::unordered_map<std::string, TypeVotes> votes_;  ///< entity_key() -> votes, contested only
};

}  // namespace newsdex::detail
