#include "corpus_types.hpp"

#include <algorithm>

#include "document_builder.hpp"
#include "newsdex/schema.hpp"

namespace newsdex::detail {

namespace {

constexpr std::array<EntityType, 3> all_types{EntityType::person, EntityType::place, EntityType::org};

// entity_key() strips one prefix length for every type.
static_assert(schema::prefix_person.size() == schema::prefix_place.size() &&
                  schema::prefix_place.size() == schema::prefix_org.size(),
              "entity filter prefixes must have one length");

/// The articles filed under each type for the entity key @p key (its filter terms' frequencies).
TypeVotes votes_of_key(const Xapian::Database& db, const std::string& key) {
    TypeVotes votes{};
    for (EntityType type : all_types) {
        votes[static_cast<unsigned>(type)] = db.get_termfreq(std::string(schema::entity_prefix(type)) + key);
    }
    return votes;
}

/// The entity filter terms of one type in term order, alias terms (prefix + 'A') skipped:
/// folded values have no upper-case letters, so "XPERA..." is never a canonical name.
class KeyStream {
  public:
    KeyStream(const Xapian::Database& db, EntityType type)
        : prefix_(schema::entity_prefix(type)), it_(db.allterms_begin(std::string(prefix_))),
          end_(db.allterms_end(std::string(prefix_))) {
        settle();
    }
    bool done() const { return it_ == end_; }
    const std::string& key() const { return key_; }
    Xapian::doccount votes() const { return it_.get_termfreq(); }
    void next() {
        ++it_;
        settle();
    }

  private:
    void settle() {
        for (; it_ != end_; ++it_) {
            std::string term = *it_;
            if (term.size() > prefix_.size() && term[prefix_.size()] == 'A') continue;
            key_ = term.substr(prefix_.size());
            return;
        }
    }
    std::string_view prefix_;
    Xapian::TermIterator it_, end_;
    std::string key_;
};

}  // namespace

EntityType corpus_type(EntityType tagged, const TypeVotes& votes) {
    unsigned best = static_cast<unsigned>(tagged);
    bool tie = false;
    for (unsigned t = 0; t < votes.size(); ++t) {
        if (votes[t] > votes[best]) {
            best = t;
            tie = false;
        } else if (t != best && votes[t] == votes[best]) {
            tie = true;
        }
    }
    if (tie || best == static_cast<unsigned>(tagged)) return tagged;
    const double tagged_votes = votes[static_cast<unsigned>(tagged)];
    return votes[best] >= corpus_type_dominance * tagged_votes ? static_cast<EntityType>(best) : tagged;
}

std::string entity_key(std::string_view canonical) {
    return filter_term(schema::prefix_person, canonical).substr(schema::prefix_person.size());
}

TypeVotes type_votes(const Xapian::Database& db, std::string_view canonical) {
    return votes_of_key(db, entity_key(canonical));
}

CorpusTypes::CorpusTypes(const Xapian::Database& db) {
    std::array<KeyStream, 3> streams{KeyStream(db, EntityType::person), KeyStream(db, EntityType::place),
                                     KeyStream(db, EntityType::org)};
    // A three-way merge of sorted term lists: each name once, with the types that have it.
    for (;;) {
        const std::string* least = nullptr;
        for (const KeyStream& s : streams) {
            if (!s.done() && (!least || s.key() < *least)) least = &s.key();
        }
        if (!least) break;
        const std::string key = *least;
        TypeVotes votes{};
        unsigned types = 0;
        for (unsigned t = 0; t < streams.size(); ++t) {
            if (streams[t].done() || streams[t].key() != key) continue;
            votes[t] = streams[t].votes();
            types += votes[t] > 0 ? 1 : 0;
            streams[t].next();
        }
        if (types >= 2) votes_.emplace(key, votes);
    }
}

CorpusTypes CorpusTypes::of_names(const Xapian::Database& db, const std::vector<std::string_view>& names) {
    if (names.size() > db.get_doccount() / 3) return CorpusTypes(db);
    CorpusTypes out;
    std::unordered_map<std::string, bool> seen;
    for (std::string_view name : names) {
        std::string key = entity_key(name);
        if (!seen.try_emplace(key, true).second) continue;
        const TypeVotes votes = votes_of_key(db, key);
        const auto types = std::count_if(votes.begin(), votes.end(), [](Xapian::doccount v) { return v > 0; });
        if (types >= 2) out.votes_.emplace(std::move(key), votes);
    }
    return out;
}

EntityType CorpusTypes::filed_under(EntityType tagged, std::string_view canonical) const {
    if (votes_.empty()) return tagged;
    const auto it = votes_.find(entity_key(canonical));
    return it == votes_.end() ? tagged : corpus_type(tagged, it->second);
}

}  // namespace newsdex::detail
