/// @file recency.hpp
/// Recency-aware ranking (library-internal): a PostingSource that adds a
/// bonus halving with every half-life of an article's age.
///
/// Combined as Query(OP_AND_MAYBE, query, Query(&source)): the query decides
/// what matches and its BM25 weight; the source adds
///     bonus = max_bonus * 2^(-age / half_life),  age = reference - published
/// (age < 0 counts as 0). Undated articles get no bonus, so they rank on BM25
/// alone. It is a custom class: a remote shard (xapian-tcpsrv) can only run it
/// if the server registers it (Xapian::Registry::register_posting_source) —
/// plain xapian-tcpsrv cannot, so --recency works on local shards only.
#pragma once

#include <xapian.h>

#include <string>

namespace newsdex::detail {

class RecencyPostingSource : public Xapian::ValuePostingSource {
  public:
    RecencyPostingSource(double reference_seconds, double half_life_seconds, double max_bonus);

    double get_weight() const override;
    RecencyPostingSource* clone() const override;
    std::string name() const override;
    std::string serialise() const override;
    RecencyPostingSource* unserialise(const std::string& serialised) const override;
    void init(const Xapian::Database& db) override;
    std::string get_description() const override;

    /// The bonus an article published at @p published_seconds gets.
    double bonus(double published_seconds) const;

  private:
    double reference_;
    double half_life_;
    double max_bonus_;
};

}  // namespace newsdex::detail
