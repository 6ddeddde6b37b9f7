#include "related_entities.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "document_builder.hpp"
#include "newsdex/schema.hpp"
#include "ranking.hpp"
#include "result_order.hpp"
#include "stored_article.hpp"

namespace newsdex::detail {

namespace {

constexpr EntityType entity_types[] = {EntityType::person, EntityType::place, EntityType::org};

/// An entity term of the relevance set: its type, how many set articles
/// carry it, and the display names those articles store for it.
struct Candidate {
    EntityType type = EntityType::person;
    std::size_t count = 0;
    std::map<std::string, std::size_t> names;  ///< canonical spelling -> articles using it

    const std::string& display() const {
        auto best = std::max_element(names.begin(), names.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
        return best->first;
    }
};

/// Accepts exactly the entity terms worth ranking (ExpandDeciderFilterPrefix
/// takes one prefix; these are three, and already known by name).
class CandidatesOnly : public Xapian::ExpandDecider {
  public:
    explicit CandidatesOnly(const std::unordered_map<std::string, Candidate>& candidates)
        : candidates_(candidates) {}
    bool operator()(const std::string& term) const override { return candidates_.count(term) > 0; }

  private:
    const std::unordered_map<std::string, Candidate>& candidates_;
};

/// Words of the query as indexed: plain words, and stems (Z terms) as
/// "Z" + stem, since the parser stems every free word ("Pelosi" is Zpelosi).
std::set<std::string> query_words(const Xapian::Query& query) {
    std::set<std::string> words;
    const std::string stem_prefix(schema::prefix_stem);
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string& term = *t;
        if (term.empty()) continue;
        if (!(term[0] >= 'A' && term[0] <= 'Z') || term.compare(0, stem_prefix.size(), stem_prefix) == 0) {
            words.insert(term);
        }
    }
    return words;
}

}  // namespace

RelatedEntities related_entities(const Xapian::Database& db, const Xapian::Query& query, const Analyzer& analyzer,
                                 std::size_t per_type, bool collapse) {
    RelatedEntities out;
    for (EntityType type : entity_types) out.by_type[std::string(schema::entity_type_name(type))];
    if (per_type == 0) return out;

    // The relevance set: the best matches by relevance, whatever the page's sort.
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(make_weighting());  // the order the results are ranked in
    enquire.set_query(query);
    order_by_relevance(enquire, db);  // the same sample in one index and over shards
    if (collapse) enquire.set_collapse_key(schema::slot_cluster);  // a story counts once, not per wire copy
    Xapian::MSet top = enquire.get_mset(0, related_depth);
    out.sample = top.size();
    if (top.empty()) return out;

    Xapian::RSet rset;
    std::unordered_map<std::string, Candidate> candidates;
    for (auto it = top.begin(); it != top.end(); ++it) {
        rset.add_document(*it);
        Article article = unserialise_article(it.get_document().get_data(), false);
        std::set<std::string> seen;
        for (const Entity& entity : article.entities) {
            std::string term = filter_term(schema::entity_prefix(entity.type), entity.canonical);
            Candidate& c = candidates[term];
            c.type = entity.type;
            ++c.names[entity.canonical];
            // Two spellings of one term in one article count it once.
            if (seen.insert(term).second) ++c.count;
        }
    }

    // Leave out what the query names: a filter on the entity (person:putin),
    // or a word of its name ("Trump" would otherwise relate Donald Trump).
    const std::set<std::string> words = query_words(query);
    const std::size_t min_count = top.size() >= related_min_depth_for_pairs ? 2 : 1;
    for (auto it = candidates.begin(); it != candidates.end();) {
        bool named = false;
        if (!words.empty()) {
            for (const Token& token : analyzer.tokenize(it->second.display())) {
                named = named || words.count(token.term) ||
                        words.count(std::string(schema::prefix_stem) + analyzer.stem(token.term));
            }
        }
        if (named || it->second.count < min_count) {
            it = candidates.erase(it);
        } else {
            ++it;
        }
    }
    if (candidates.empty()) return out;

    // Xapian leaves the query's own terms (entity filters) out of the ESet.
    CandidatesOnly decider(candidates);
    Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(candidates.size()), rset,
                                         Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
    for (auto e = eset.begin(); e != eset.end(); ++e) {
        const Candidate& c = candidates.at(*e);
        std::vector<RelatedEntity>& list = out.by_type[std::string(schema::entity_type_name(c.type))];
        list.push_back({c.display(), e.get_weight(), c.count});
    }
    for (auto& [type, list] : out.by_type) {
        std::stable_sort(list.begin(), list.end(), [](const RelatedEntity& a, const RelatedEntity& b) {
            if (a.score != b.score) return a.score > b.score;
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        });
        if (list.size() > per_type) list.resize(per_type);
    }
    return out;
}

}  // namespace newsdex::detail
