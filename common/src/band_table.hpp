/// @file band_table.hpp
/// Near-duplicate look-ups in memory: the LSH band postings, signatures and clusters of
/// articles written recently (since the last commit, or since a bulk build began), so a
/// candidate look-up is a few hash probes instead of lsh_bands Xapian postlists.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "near_duplicates.hpp"

namespace newsdex::detail {

/// Articles by docid (their final docid in the index) with their signature and
/// story cluster, and per band a hash table from band value to the articles
/// with it. Exact: two articles meet here iff they share a band term (same
/// band, same minima, same feature kind), as they would in the XSIG postlists.
class BandTable {
  public:
    explicit BandTable(LshLayout layout = {});

    /// Records the article at @p docid; an article already at @p docid (an
    /// earlier version of it) is replaced. An empty signature is ignored.
    void add(std::uint32_t docid, const Signature& sig, std::string_view cluster);

    /// Forgets the article at @p docid (deleted), also for assign_cluster(): its
    /// committed version is no longer a candidate either.
    void remove(std::uint32_t docid);

    /// Adds to @p shared one count per band that @p sig shares with each
    /// article of the table other than @p own_docid (0: none), and the
    /// postings read to @p stats if given.
    void count_shared_bands(const Signature& sig, std::uint32_t own_docid,
                            std::unordered_map<std::uint32_t, unsigned>& shared,
                            ClusterLookupStats* stats = nullptr) const;

    /// True if the table holds an article at @p docid.
    bool contains(std::uint32_t docid) const { return entry_of_.count(docid) != 0; }
    /// The signature of the article at @p docid; contains(docid) must hold.
    const Signature& signature(std::uint32_t docid) const;
    /// The cluster of the article at @p docid; contains(docid) must hold.
    const std::string& cluster(std::uint32_t docid) const;

    /// Calls @p fn(docid, signature, cluster) for every article, in no particular order.
    template <class Fn>
    void for_each(Fn&& fn) const {
        for (const auto& [docid, index] : entry_of_) {
            if (!entries_[index].sig.empty()) fn(docid, entries_[index].sig, clusters_[entries_[index].cluster]);
        }
    }

    std::size_t size() const { return entry_of_.size(); }
    bool empty() const { return entry_of_.empty(); }
    /// Bytes of heap the table holds (for the memory budget), within ~10%.
    std::size_t memory_bytes() const;
    /// Forgets every article (keeps the layout).
    void clear();

  private:
    struct Entry {
        Signature sig;
        std::uint32_t cluster = 0;  ///< index into clusters_
    };
    /// One open-addressing table per band and feature kind: band value -> first posting.
    struct Bucket {
        std::vector<std::uint64_t> keys;
        std::vector<std::uint32_t> heads;  ///< 1-based index into postings_, 0 = empty slot
        std::size_t used = 0;
    };
    struct Posting {
        std::uint32_t docid = 0;
        std::uint32_t next = 0;  ///< 1-based, 0 = end of the chain
    };

    Bucket& bucket(std::size_t band, bool unigrams) { return buckets_[2 * band + (unigrams ? 1 : 0)]; }
    const Bucket& bucket(std::size_t band, bool unigrams) const { return buckets_[2 * band + (unigrams ? 1 : 0)]; }
    /// The slot of @p key in @p b: where it is, or the empty slot where it would go.
    static std::size_t find_slot(const Bucket& b, std::uint64_t key);
    static void grow(Bucket& b);
    void add_posting(std::size_t band, bool unigrams, std::uint64_t key, std::uint32_t docid);

    LshLayout layout_;
    std::vector<Bucket> buckets_;
    std::vector<Posting> postings_;
    std::vector<Entry> entries_;
    std::unordered_map<std::uint32_t, std::uint32_t> entry_of_;  ///< docid -> index into entries_
    std::vector<std::string> clusters_;
    std::unordered_map<std::string, std::uint32_t> cluster_index_;
    std::size_t cluster_bytes_ = 0;
};

/// The closest near-duplicate an assign_cluster() look-up found: its story
/// cluster and similarity (empty and 0 when none).
struct NearDuplicateMatch {
    std::string cluster;
    double similarity = 0.0;
};

/// What assign_cluster() below chooses from, with its similarity, so that the
/// look-ups of several shards can be compared (sharded_writer.cpp).
/// @throws Xapian::Error from @p committed.
NearDuplicateMatch closest_near_duplicate(const Xapian::Database& committed, const BandTable& recent,
                                          bool committed_in_recent, const Signature& sig, std::uint32_t own_docid,
                                          ClusterLookupStats* stats = nullptr, LshLayout layout = {});

/// The story cluster for a new or re-indexed article, as assign_cluster(db, ...)
/// finds it in an index whose documents are those of @p committed (whose
/// docids are the final ones) overlaid by those of @p recent (an article in
/// @p recent replaces the version in @p committed at the same docid). With
/// @p committed_in_recent (every article of @p committed is also in @p recent,
/// as during a bulk build that has not spilled) @p committed is not read at all.
/// Candidates are ranked by shared bands, then docid, and verified as there.
/// @p own_docid is the docid of an earlier version of the article (0: none).
/// @throws Xapian::Error from @p committed.
std::string assign_cluster(const Xapian::Database& committed, const BandTable& recent, bool committed_in_recent,
                           const Signature& sig, std::string_view own_id, std::uint32_t own_docid,
                           ClusterLookupStats* stats = nullptr, LshLayout layout = {});

/// The value of band @p band of @p sig (its minima packed, as in its band key).
std::uint64_t band_value(const Signature& sig, std::size_t band, LshLayout layout);

}  // namespace newsdex::detail
