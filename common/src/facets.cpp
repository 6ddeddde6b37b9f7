#include "facets.hpp"

#include "languages.hpp"

#include <algorithm>
#include <optional>

#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"
#include "varint.hpp"

namespace newsdex::detail {

namespace {

/// Facet numbers: the entity types first (EntityType values), then the
/// single-valued facets of the field table, in its order.
constexpr unsigned first_single_facet = 3;

constexpr std::size_t count_single_facets() {
    std::size_t n = 0;
    for (const schema::Field& field : schema::fields) n += field.facet && field.slot != schema::slot_entities ? 1 : 0;
    return n;
}

constexpr std::size_t single_facet_count = count_single_facets();

/// The field of each single-valued facet (source, lang, year, month).
constexpr std::array<const schema::Field*, single_facet_count> single_facets = [] {
    std::array<const schema::Field*, single_facet_count> out{};
    std::size_t n = 0;
    for (const schema::Field& field : schema::fields) {
        if (field.facet && field.slot != schema::slot_entities) out[n++] = &field;
    }
    return out;
}();

int facet_number(std::string_view name) {
    if (auto type = schema::entity_type_from_name(name); type && schema::entity_type_name(*type) == name) {
        return static_cast<int>(*type);
    }
    for (std::size_t i = 0; i < single_facets.size(); ++i) {
        if (single_facets[i]->name == name) return static_cast<int>(first_single_facet + i);
    }
    return -1;
}

unsigned single_facet_slot(int facet) { return single_facets[static_cast<unsigned>(facet) - first_single_facet]->slot; }

bool is_entity_facet(int facet) { return facet >= 0 && facet < static_cast<int>(first_single_facet); }

/// Local, with a FacetCache: one array walk per matching article for every
/// facet. Counts go to the cache's scratch array (zeroed again by the
/// destructor), so a search touches only the values its matches have.
class CachedFacetSpy : public Xapian::MatchSpy {
  public:
    /// @param watched  stories (numbers) whose matching members to count as well (see members())
    CachedFacetSpy(const FacetCache& cache, std::vector<std::uint32_t> watched)
        : cache_(cache), counts_(cache.scratch()), story_state_(cache.story_count(), 0),
          watched_(std::move(watched)), members_(watched_.size(), 0) {
        for (std::uint32_t story : watched_) {
            if (story != 0) story_state_[story - 1] |= watched_story;
        }
    }
    ~CachedFacetSpy() override {
        for (std::uint32_t id : touched_) counts_[id] = 0;
    }
    CachedFacetSpy(const CachedFacetSpy&) = delete;
    CachedFacetSpy& operator=(const CachedFacetSpy&) = delete;

    void operator()(const Xapian::Document& doc, double) override {
        const std::uint32_t story = cache_.for_each_value(doc.get_docid(), [this](std::uint32_t id) {
            if (counts_[id]++ == 0) touched_.push_back(id);
        });
        if (story == 0) {
            ++stories_;
            return;
        }
        std::uint8_t& state = story_state_[story - 1];
        if ((state & seen_story) == 0) {
            state |= seen_story;
            ++stories_;
        }
        if ((state & watched_story) != 0) count_member(story);
    }
    std::size_t stories() const { return stories_; }
    /// Matching articles of the i-th watched story.
    std::size_t members(std::size_t i) const { return members_[i]; }
    /// Calls @p fn(value id, count) for every value counted.
    template <class Fn>
    void for_each_count(Fn&& fn) const {
        for (std::uint32_t id : touched_) fn(id, counts_[id]);
    }

  private:
    static constexpr std::uint8_t seen_story = 1, watched_story = 2;
    void count_member(std::uint32_t story) {
        // A page's worth of stories at most: a linear search is the cheapest.
        for (std::size_t i = 0; i < watched_.size(); ++i) members_[i] += watched_[i] == story ? 1 : 0;
    }

    const FacetCache& cache_;
    std::vector<std::uint32_t>& counts_;
    std::vector<std::uint32_t> touched_;
    std::vector<std::uint8_t> story_state_;  ///< per story: seen_story | watched_story
    std::vector<std::uint32_t> watched_;
    std::vector<std::size_t> members_;       ///< per watched story
    std::size_t stories_ = 0;
};

/// Local, no cache: reads the packed entity value of each matching article once. Counts the
/// types asked for, or all three when a name may be filed under another type than tagged.
class PackedEntitySpy : public Xapian::MatchSpy {
  public:
    explicit PackedEntitySpy(std::array<bool, 3> wanted) : wanted_(wanted) {}
    void operator()(const Xapian::Document& doc, double) override {
        const std::string value = doc.get_value(schema::slot_entities);
        for_each_packed_entity(value, [this](EntityType type, std::string_view name) {
            auto t = static_cast<unsigned>(type);
            if (wanted_[t]) ++counts_[t][std::string(name)];
        });
    }
    std::array<std::unordered_map<std::string, std::size_t>, 3> take_counts() { return std::move(counts_); }

  private:
    std::array<bool, 3> wanted_;
    std::array<std::unordered_map<std::string, std::size_t>, 3> counts_;
};

}  // namespace

void throw_bad_packed_entities() { throw Error("stored entity facet value is malformed"); }

std::size_t read_packed_varint(std::string_view value, std::size_t& pos) {
    std::uint64_t result = 0;
    if (!get_varint(value, pos, result)) throw_bad_packed_entities();
    return static_cast<std::size_t>(result);
}

std::string pack_entities(const std::vector<Entity>& entities) {
    std::string out;
    unsigned per_type[3] = {0, 0, 0};
    for (const Entity& e : entities) {
        auto type = static_cast<unsigned>(e.type);
        if (per_type[type]++ >= schema::max_entities_per_type) continue;
        out.push_back(static_cast<char>(type));
        put_varint(out, e.canonical.size());
        out.append(e.canonical);
    }
    return out;
}

bool is_facet_name(std::string_view name) { return facet_number(name) >= 0; }

// ---- FacetCache ----

std::uint32_t FacetCache::intern(std::uint8_t facet, std::string_view text) {
    std::string key(1, static_cast<char>(facet));
    key.append(text);
    auto [it, added] = ids_by_key_.try_emplace(std::move(key), static_cast<std::uint32_t>(values_.size()));
    if (added) {
        const std::uint8_t filed = is_entity_facet(facet) ? static_cast<std::uint8_t>(corpus_types_.filed_under(
                                                                 static_cast<EntityType>(facet), text))
                                                           : facet;
        values_.push_back({facet, std::string(text), filed});
    }
    return it->second;
}

FacetCache::FacetCache(const Xapian::Database& db) : corpus_types_(db) {
    const Xapian::docid limit = db.get_lastdocid() + 1;
    // Read slot by slot (each a value stream in docid order), then lay out one range per document.
    std::vector<std::uint32_t> stories(limit, 0);
    std::unordered_map<std::string, std::uint32_t> story_numbers;
    for (auto v = db.valuestream_begin(schema::slot_cluster); v != db.valuestream_end(schema::slot_cluster); ++v) {
        auto [it, added] = story_numbers.try_emplace(*v, static_cast<std::uint32_t>(story_numbers.size() + 1));
        stories[v.get_docid()] = it->second;
    }
    story_count_ = story_numbers.size();
    std::vector<std::array<std::uint32_t, single_facet_count>> single(limit, std::array<std::uint32_t, single_facet_count>{});  // id + 1, 0 = none
    for (unsigned i = 0; i < single_facets.size(); ++i) {
        const unsigned slot = single_facets[i]->slot;
        for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
            single[v.get_docid()][i] = intern(static_cast<std::uint8_t>(first_single_facet + i), *v) + 1;
        }
    }
    offsets_.assign(std::size_t{limit} + 1, 0);
    Xapian::docid next = 0;  // next document to lay out
    auto lay_out = [&](Xapian::docid did) {
        offsets_[did] = static_cast<std::uint32_t>(ids_.size());
        ids_.push_back(stories[did]);
        for (std::uint32_t id : single[did]) {
            if (id != 0) ids_.push_back(id - 1);
        }
    };
    for (auto v = db.valuestream_begin(schema::slot_entities); v != db.valuestream_end(schema::slot_entities); ++v) {
        const Xapian::docid did = v.get_docid();
        while (next < did) lay_out(next++);
        lay_out(next++);
        for_each_packed_entity(*v, [this](EntityType type, std::string_view name) {
            ids_.push_back(intern(static_cast<std::uint8_t>(type), name));
        });
    }
    while (next < limit) lay_out(next++);
    offsets_[limit] = static_cast<std::uint32_t>(ids_.size());
    ids_.shrink_to_fit();
    ids_by_key_.clear();  // only needed while building
    scratch_.assign(values_.size(), 0);
}

// ---- FacetCounter ----

struct FacetCounter::Spies {
    std::vector<int> facets;
    const FacetCache* cache = nullptr;
    std::vector<std::pair<Xapian::docid, std::string>> watched;  ///< watch_stories()
    std::unique_ptr<CachedFacetSpy> cached;
    std::unique_ptr<PackedEntitySpy> packed;
    std::unique_ptr<Xapian::ValueCountMatchSpy> packed_portable;
    /// Contested entity names: the cache's (which files each value itself), or read for this
    /// search's names when the first entity facet is asked for.
    const CorpusTypes* types = nullptr;
    std::unique_ptr<CorpusTypes> own_types;
    Xapian::Database db;
    /// Entity counts of the spies above, by the type each is filed under (filled once).
    std::optional<std::array<std::unordered_map<std::string, std::size_t>, 3>> filed;
    /// Stories without a cache: the distinct cluster values (portable, exact).
    std::unique_ptr<Xapian::ValueCountMatchSpy> clusters;
    /// Single-valued facets without a cache, and schema 1 entity slots.
    std::vector<std::pair<int, std::unique_ptr<Xapian::ValueCountMatchSpy>>> slots;
};

FacetCounter::FacetCounter(const Xapian::Database& db, const std::vector<std::string>& names, bool local,
                           const FacetCache* cache, bool count_stories)
    : spies_(std::make_unique<Spies>()) {
    Spies& s = *spies_;
    if (count_stories && !(local && cache)) s.clusters = std::make_unique<Xapian::ValueCountMatchSpy>(schema::slot_cluster);
    std::array<bool, 3> entity_wanted{false, false, false};
    for (const std::string& name : names) {
        const int facet = facet_number(name);
        if (facet < 0) throw UsageError("unknown facet \"" + name + "\"");
        s.facets.push_back(facet);
        if (is_entity_facet(facet)) {
            entity_wanted[static_cast<unsigned>(facet)] = true;
        } else if (!(local && cache)) {
            const unsigned slot = single_facet_slot(facet);
            s.slots.emplace_back(facet, std::make_unique<Xapian::ValueCountMatchSpy>(slot));
        }
    }
    if (entity_wanted == std::array<bool, 3>{false, false, false}) {
        if (local && cache) s.cache = cache;  // its spy is made by attach(), which knows the watched stories
        return;
    }
    s.db = db;
    if (local && cache) s.types = &cache->corpus_types();
    // A contested name tagged as one type may be counted under another.
    entity_wanted = {true, true, true};
    for (unsigned t = 0; t < entity_wanted.size(); ++t) {
        if (!entity_wanted[t]) continue;
        // Schema 1 shards: one slot per entity, filled in order, so the
        // first slot tells whether any is used (schema 2 uses none).
        for (unsigned i = 0; i < schema::max_entities_per_type; ++i) {
            const unsigned slot = schema::legacy_entity_slot(static_cast<EntityType>(t), i);
            if (db.get_value_freq(slot) == 0) break;
            s.slots.emplace_back(static_cast<int>(t), std::make_unique<Xapian::ValueCountMatchSpy>(slot));
        }
    }
    if (local && cache) {
        s.cache = cache;  // its spy is made by attach(), which knows the watched stories
    } else if (db.get_value_freq(schema::slot_entities) != 0) {
        if (local) {
            s.packed = std::make_unique<PackedEntitySpy>(entity_wanted);
        } else {
            s.packed_portable = std::make_unique<Xapian::ValueCountMatchSpy>(schema::slot_entities);
        }
    }
}

FacetCounter::~FacetCounter() = default;

std::size_t FacetCounter::stories(std::size_t matches) const {
    if (spies_->cached) return spies_->cached->stories();
    if (!spies_->clusters) return matches;
    std::size_t stories = 0, in_stories = 0;
    for (auto v = spies_->clusters->values_begin(); v != spies_->clusters->values_end(); ++v) {
        ++stories;
        in_stories += v.get_termfreq();
    }
    return stories + (matches - std::min(matches, in_stories));
}

void FacetCounter::watch_stories(std::vector<std::pair<Xapian::docid, std::string>> articles) {
    spies_->watched = std::move(articles);
}

std::vector<std::size_t> FacetCounter::story_sizes() const {
    const Spies& s = *spies_;
    std::vector<std::size_t> sizes(s.watched.size(), 1);
    if (s.cached) {
        for (std::size_t i = 0; i < sizes.size(); ++i) {
            if (!s.watched[i].second.empty()) sizes[i] = s.cached->members(i);
        }
    } else if (s.clusters) {
        std::unordered_map<std::string_view, std::size_t> wanted;  // cluster value -> index in sizes
        for (std::size_t i = 0; i < sizes.size(); ++i) {
            if (!s.watched[i].second.empty()) wanted.emplace(s.watched[i].second, i);
        }
        for (auto v = s.clusters->values_begin(); v != s.clusters->values_end() && !wanted.empty(); ++v) {
            auto it = wanted.find(*v);
            if (it == wanted.end()) continue;
            sizes[it->second] = v.get_termfreq();
            wanted.erase(it);
        }
    }
    return sizes;
}

void FacetCounter::attach(Xapian::Enquire& enquire) {
    Spies& s = *spies_;
    if (s.cache) {
        std::vector<std::uint32_t> stories;
        for (const auto& [did, cluster] : s.watched) stories.push_back(cluster.empty() ? 0 : s.cache->story_of(did));
        s.cached = std::make_unique<CachedFacetSpy>(*s.cache, std::move(stories));
    }
    if (s.cached) enquire.add_matchspy(s.cached.get());
    if (s.clusters) enquire.add_matchspy(s.clusters.get());
    if (s.packed) enquire.add_matchspy(s.packed.get());
    if (s.packed_portable) enquire.add_matchspy(s.packed_portable.get());
    for (auto& [facet, spy] : s.slots) enquire.add_matchspy(spy.get());
}

namespace {

/// Orders @p counted (value, count) and copies out the first @p limit values
/// (histograms: all, in value order); only those texts are copied.
template <class Text>
std::vector<FacetValue> ordered(std::vector<std::pair<Text, std::size_t>>& counted, bool histogram,
                                std::size_t limit) {
    auto by_count = [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    if (histogram) {
        std::sort(counted.begin(), counted.end());
        limit = counted.size();
    } else if (counted.size() > limit) {
        std::partial_sort(counted.begin(), counted.begin() + static_cast<std::ptrdiff_t>(limit), counted.end(), by_count);
        counted.resize(limit);
    } else {
        std::sort(counted.begin(), counted.end(), by_count);
    }
    std::vector<FacetValue> out;
    out.reserve(counted.size());
    for (const auto& [text, count] : counted) out.push_back({std::string(text), count});
    return out;
}

}  // namespace

std::vector<FacetValue> FacetCounter::values(const std::string& name, std::size_t limit) const {
    std::vector<FacetValue> out = counted_values(name, limit);
    const schema::Field* field = schema::find_field(name);
    if (field && field->prefix == schema::prefix_lang) {
        for (FacetValue& v : out) v.value = bcp47_case(v.value);  // stored folded: "zh-hans" is zh-Hans
    }
    return out;
}

const std::array<std::unordered_map<std::string, std::size_t>, 3>& FacetCounter::filed_entities() const {
    Spies& s = *spies_;
    if (s.filed) return *s.filed;
    // The spies' counts by tagged type (cache counts are filed by the cache itself).
    std::array<std::unordered_map<std::string, std::size_t>, 3> tagged;
    if (s.packed) {
        tagged = s.packed->take_counts();
    }
    if (s.packed_portable) {
        // Each distinct packed value (a set of entities) with its count.
        for (auto v = s.packed_portable->values_begin(); v != s.packed_portable->values_end(); ++v) {
            const Xapian::doccount count = v.get_termfreq();
            for_each_packed_entity(*v, [&](EntityType t, std::string_view entity) {
                tagged[static_cast<unsigned>(t)][std::string(entity)] += count;
            });
        }
    }
    for (const auto& [f, spy] : s.slots) {  // schema 1: one slot per entity
        if (!is_entity_facet(f)) continue;
        for (auto v = spy->values_begin(); v != spy->values_end(); ++v) tagged[static_cast<unsigned>(f)][*v] += v.get_termfreq();
    }
    if (!s.types) {
        std::vector<std::string_view> names;
        for (const auto& counts : tagged) {
            for (const auto& entry : counts) names.push_back(entry.first);
        }
        s.own_types = std::make_unique<CorpusTypes>(CorpusTypes::of_names(s.db, names));
        s.types = s.own_types.get();
    }
    s.filed.emplace();
    for (unsigned t = 0; t < tagged.size(); ++t) {
        for (auto& [entity, count] : tagged[t]) {
            (*s.filed)[static_cast<unsigned>(s.types->filed_under(static_cast<EntityType>(t), entity))][entity] += count;
        }
    }
    return *s.filed;
}

std::vector<FacetValue> FacetCounter::counted_values(const std::string& name, std::size_t limit) const {
    const Spies& s = *spies_;
    const int facet = facet_number(name);
    const bool histogram = facet >= 0 && schema::find_facet(name)->histogram;
    const bool only_cache = s.cached && !s.packed && !s.packed_portable &&
                            std::none_of(s.slots.begin(), s.slots.end(), [&](const auto& f) { return f.first == facet; });
    if (only_cache && !is_entity_facet(facet)) {
        // Each value has one id: no merging needed, and texts are copied only for the winners.
        const std::vector<FacetCache::Value>& values = s.cache->values();
        std::vector<std::pair<std::string_view, std::size_t>> counted;
        s.cached->for_each_count([&](std::uint32_t id, std::uint32_t count) {
            if (values[id].facet == facet) counted.emplace_back(values[id].text, count);
        });
        return ordered(counted, histogram, limit);
    }
    std::unordered_map<std::string, std::size_t> out;
    if (s.cached) {
        // Entities: a name tagged as two types is two ids filed under one facet, merged here.
        const std::vector<FacetCache::Value>& values = s.cache->values();
        s.cached->for_each_count([&](std::uint32_t id, std::uint32_t count) {
            if (values[id].filed == facet) out[values[id].text] += count;
        });
    }
    if (is_entity_facet(facet)) {
        for (const auto& [entity, count] : filed_entities()[static_cast<unsigned>(facet)]) out[entity] += count;
        std::vector<std::pair<std::string, std::size_t>> counted(out.begin(), out.end());
        return ordered(counted, histogram, limit);
    }
    for (const auto& [f, spy] : s.slots) {
        if (f != facet) continue;
        for (auto v = spy->values_begin(); v != spy->values_end(); ++v) out[*v] += v.get_termfreq();
    }
    std::vector<std::pair<std::string, std::size_t>> counted(out.begin(), out.end());
    return ordered(counted, histogram, limit);
}

}  // namespace newsdex::detail
