/// @file facets.hpp
/// Facet counts over a whole match set: how entity facet values are stored
/// (one packed value per article) and the three ways of counting them.
///
/// - Local indexes: one custom MatchSpy reads one value per matching article
///   (or, for a long-lived Searcher, looks the article up in a FacetCache).
/// - Remote shards (stub files): xapian-tcpsrv knows only Xapian's own spies,
///   so a ValueCountMatchSpy counts the packed values; each distinct packed
///   value is then unpacked and its count added to every entity in it (exact).
/// - Schema 1 indexes: one ValueCountMatchSpy per used entity slot.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "corpus_types.hpp"
#include "newsdex/article.hpp"
#include "newsdex/searcher.hpp"

namespace newsdex::detail {

/// The schema::slot_entities value: up to schema::max_entities_per_type
/// entities of each type, in the order given (most mentioned first).
std::string pack_entities(const std::vector<Entity>& entities);

/** Calls @p fn(type, canonical) for each entity of a pack_entities() value.
 *  @throws Error if @p value is malformed. */
template <class Fn>
void for_each_packed_entity(std::string_view value, Fn&& fn);

/// The facets a search can ask for: person, place, org, source, lang, year, month.
bool is_facet_name(std::string_view name);

/// Every article's facet values as small integers, read once per open
/// database: counting is then an array walk per matching article. Valid only
/// for the database revision it was built from (rebuild after reopen()).
class FacetCache {
  public:
    explicit FacetCache(const Xapian::Database& db);

    /// An interned value: the facet it belongs to and its text.
    struct Value {
        std::uint8_t facet;  ///< index into facet_names(); for entities, the tagged type
        std::string text;
        std::uint8_t filed;  ///< the facet counted under: for entities the corpus type, else facet
    };
    const std::vector<Value>& values() const { return values_; }

    /// One zeroed counter per value, for the search running now (so a cache
    /// serves one search at a time, like the Xapian::Database it belongs to).
    std::vector<std::uint32_t>& scratch() const { return scratch_; }

    std::size_t story_count() const { return story_count_; }

    /// The votes of contested entity names at this revision (read with the cache).
    const CorpusTypes& corpus_types() const { return corpus_types_; }

    /// The story of document @p did: 0 = none, else 1..story_count().
    std::uint32_t story_of(Xapian::docid did) const {
        return for_each_value(did, [](std::uint32_t) {});
    }

    /** Calls @p fn(value id) for each facet value of document @p did and
     *  returns its near-duplicate story: 0 = none, else a story number (1..story_count()). */
    template <class Fn>
    std::uint32_t for_each_value(Xapian::docid did, Fn&& fn) const {
        if (did + 1 >= offsets_.size()) return 0;
        // One range per document, story first: two cache misses per match, not four.
        const std::uint32_t begin = offsets_[did], end = offsets_[did + 1];
        for (std::uint32_t i = begin + 1; i < end; ++i) fn(ids_[i]);
        return ids_[begin];
    }

  private:
    std::uint32_t intern(std::uint8_t facet, std::string_view text);

    std::vector<Value> values_;
    std::unordered_map<std::string, std::uint32_t> ids_by_key_;  ///< facet byte + text -> id (while building)
    /// Per docid: where its range starts in ids_; ranges hold the story number
    /// (0 = none), then the ids of its source, lang, year, month and entity values.
    std::vector<std::uint32_t> offsets_;
    std::vector<std::uint32_t> ids_;
    std::size_t story_count_ = 0;
    CorpusTypes corpus_types_;
    mutable std::vector<std::uint32_t> scratch_;
};

/// The facet counts of one search: construct, attach() to the Enquire before
/// get_mset() (with check_at_least = the document count), then values(),
/// stories() and story_sizes().
class FacetCounter {
  public:
    /** @param names   facets to count (may be empty: stories only)
     *  @param local   every shard is a local database (custom spies allowed)
     *  @param cache   a FacetCache of @p db's current revision, or nullptr
     *  @param count_stories  also count near-duplicate stories (see stories()) */
    FacetCounter(const Xapian::Database& db, const std::vector<std::string>& names, bool local,
                 const FacetCache* cache, bool count_stories);
    ~FacetCounter();
    FacetCounter(const FacetCounter&) = delete;
    FacetCounter& operator=(const FacetCounter&) = delete;

    /// Before attach(): also count the matching articles of these articles'
    /// stories (a page's hits: docid and cluster value, "" = none), for story_sizes().
    void watch_stories(std::vector<std::pair<Xapian::docid, std::string>> articles);

    void attach(Xapian::Enquire& enquire);

    /// After the pass, per watched article: how many matching articles its
    /// story has (1 when it has none). Needs count_stories.
    std::vector<std::size_t> story_sizes() const;

    /// How many results the @p matches matching articles make when
    /// near-duplicates collapse: one per story, and one per article without
    /// a story (count_stories must have been set).
    std::size_t stories(std::size_t matches) const;

    /// The values of facet @p name (one of the names given) with the number of
    /// matching articles: year and month in time order, all of them; the
    /// others by count (ties by value), the first @p limit. Languages in
    /// BCP 47 case (zh-Hans), as they are stored folded.
    std::vector<FacetValue> values(const std::string& name, std::size_t limit) const;

  private:
    std::vector<FacetValue> counted_values(const std::string& name, std::size_t limit) const;
    /// The entity values counted without the cache, by the type each name is filed under
    /// (computed at the first call: one vote look-up per distinct name and tagged type).
    const std::array<std::unordered_map<std::string, std::size_t>, 3>& filed_entities() const;
    struct Spies;
    std::unique_ptr<Spies> spies_;
};

// ---- implementation of the template ----

std::size_t read_packed_varint(std::string_view value, std::size_t& pos);
[[noreturn]] void throw_bad_packed_entities();

template <class Fn>
void for_each_packed_entity(std::string_view value, Fn&& fn) {
    std::size_t pos = 0;
    while (pos < value.size()) {
        auto type = static_cast<unsigned char>(value[pos++]);
        std::size_t length = read_packed_varint(value, pos);
        if (type > 2 || length > value.size() - pos) throw_bad_packed_entities();
        fn(static_cast<EntityType>(type), value.substr(pos, length));
        pos += length;
    }
}

}  // namespace newsdex::detail
