/// @file band_table.cpp
/// In-memory LSH band postings (BandTable) and cluster assignment over an index plus that table.
#include "band_table.hpp"

#include <xapian.h>

#include <algorithm>
#include <utility>

#include "document_builder.hpp"
#include "newsdex/schema.hpp"

namespace newsdex::detail {
namespace {

/// Entries read per band (as max_postlist_scan in near_duplicates.cpp): a band
/// shared by thousands of copies costs bounded time; the lowest docids are kept.
constexpr std::size_t max_band_postings = 1000;

/// Slot index for a key: the keys are minima (uniform 16-bit pieces), mixed so
/// that packed pairs spread over the whole table.
std::size_t slot_hash(std::uint64_t key, std::size_t mask) {
    key ^= key >> 29;
    key *= 0xbf58476d1ce4e5b9ULL;
    key ^= key >> 32;
    return static_cast<std::size_t>(key) & mask;
}

}  // namespace

std::uint64_t band_value(const Signature& sig, std::size_t band, LshLayout layout) {
    std::uint64_t packed = 0;
    for (std::size_t r = 0; r < layout.rows; ++r) packed = (packed << 16) | sig.minima[band * layout.rows + r];
    return packed;
}

BandTable::BandTable(LshLayout layout) : layout_(layout), buckets_(2 * layout.bands) {}

std::size_t BandTable::find_slot(const Bucket& b, std::uint64_t key) {
    const std::size_t mask = b.keys.size() - 1;
    std::size_t i = slot_hash(key, mask);
    while (b.heads[i] != 0 && b.keys[i] != key) i = (i + 1) & mask;
    return i;
}

void BandTable::grow(Bucket& b) {
    Bucket bigger;
    const std::size_t size = b.keys.empty() ? 64 : 2 * b.keys.size();
    bigger.keys.assign(size, 0);
    bigger.heads.assign(size, 0);
    for (std::size_t i = 0; i < b.keys.size(); ++i) {
        if (b.heads[i] == 0) continue;
        const std::size_t j = find_slot(bigger, b.keys[i]);
        bigger.keys[j] = b.keys[i];
        bigger.heads[j] = b.heads[i];
    }
    bigger.used = b.used;
    b = std::move(bigger);
}

void BandTable::add_posting(std::size_t band, bool unigrams, std::uint64_t key, std::uint32_t docid) {
    Bucket& b = bucket(band, unigrams);
    // Keep the load under 70%: probes stay short.
    if (10 * (b.used + 1) > 7 * b.keys.size()) grow(b);
    const std::size_t slot = find_slot(b, key);
    postings_.push_back({docid, b.heads[slot]});
    if (b.heads[slot] == 0) {
        b.keys[slot] = key;
        ++b.used;
    }
    b.heads[slot] = static_cast<std::uint32_t>(postings_.size());
}

void BandTable::add(std::uint32_t docid, const Signature& sig, std::string_view cluster) {
    if (sig.empty()) return;
    std::uint32_t cluster_number;
    if (auto it = cluster_index_.find(std::string(cluster)); it != cluster_index_.end()) {
        cluster_number = it->second;
    } else {
        cluster_number = static_cast<std::uint32_t>(clusters_.size());
        clusters_.emplace_back(cluster);
        cluster_index_.emplace(std::string(cluster), cluster_number);
        cluster_bytes_ += 2 * (cluster.size() + 1) + 64;
    }
    const Signature* old = nullptr;
    if (auto it = entry_of_.find(docid); it != entry_of_.end()) {
        old = &entries_[it->second].sig;
    }
    for (std::size_t band = 0; band < layout_.bands; ++band) {
        const std::uint64_t key = band_value(sig, band, layout_);
        // A posting the earlier version already made is still valid: never count a docid twice.
        if (old && !old->empty() && old->unigrams == sig.unigrams && band_value(*old, band, layout_) == key) continue;
        add_posting(band, sig.unigrams, key, docid);
    }
    if (auto it = entry_of_.find(docid); it != entry_of_.end()) {
        entries_[it->second] = Entry{sig, cluster_number};  // stale postings are checked on reading
    } else {
        entry_of_.emplace(docid, static_cast<std::uint32_t>(entries_.size()));
        entries_.push_back(Entry{sig, cluster_number});
    }
}

void BandTable::remove(std::uint32_t docid) {
    // A tombstone: an entry with an empty signature matches nothing, and
    // contains() hides the committed version. Its postings are stale from now on.
    if (auto it = entry_of_.find(docid); it != entry_of_.end()) {
        entries_[it->second].sig = Signature{};
    } else {
        entry_of_.emplace(docid, static_cast<std::uint32_t>(entries_.size()));
        entries_.push_back(Entry{});
    }
}

void BandTable::count_shared_bands(const Signature& sig, std::uint32_t own_docid,
                                   std::unordered_map<std::uint32_t, unsigned>& shared,
                                   ClusterLookupStats* stats) const {
    if (sig.empty() || entries_.empty()) return;
    std::vector<std::uint32_t> found;
    for (std::size_t band = 0; band < layout_.bands; ++band) {
        const Bucket& b = bucket(band, sig.unigrams);
        if (b.keys.empty()) continue;
        const std::uint64_t key = band_value(sig, band, layout_);
        const std::size_t slot = find_slot(b, key);
        found.clear();
        for (std::uint32_t p = b.heads[slot]; p != 0; p = postings_[p - 1].next) {
            const std::uint32_t docid = postings_[p - 1].docid;
            const Signature& now = entries_[entry_of_.at(docid)].sig;
            // A posting of a replaced version that no longer has this band value, or of a deleted article.
            if (now.empty() || now.unigrams != sig.unigrams || band_value(now, band, layout_) != key) continue;
            found.push_back(docid);
        }
        // A version that left this band value and came back posted it twice.
        std::sort(found.begin(), found.end());
        found.erase(std::unique(found.begin(), found.end()), found.end());
        if (stats) stats->postings += std::min(found.size(), max_band_postings);
        if (found.size() > max_band_postings) found.resize(max_band_postings);  // the lowest docids
        for (std::uint32_t docid : found) {
            if (docid != own_docid) ++shared[docid];
        }
    }
}

const Signature& BandTable::signature(std::uint32_t docid) const { return entries_[entry_of_.at(docid)].sig; }

const std::string& BandTable::cluster(std::uint32_t docid) const {
    return clusters_[entries_[entry_of_.at(docid)].cluster];
}

std::size_t BandTable::memory_bytes() const {
    std::size_t bytes = postings_.capacity() * sizeof(Posting) + entries_.capacity() * sizeof(Entry) +
                        clusters_.capacity() * sizeof(std::string) + cluster_bytes_ +
                        entry_of_.size() * 32 + entry_of_.bucket_count() * sizeof(void*);
    for (const Bucket& b : buckets_) bytes += b.keys.capacity() * (sizeof(std::uint64_t) + sizeof(std::uint32_t));
    return bytes;
}

void BandTable::clear() { *this = BandTable(layout_); }

NearDuplicateMatch closest_near_duplicate(const Xapian::Database& committed, const BandTable& recent,
                                          bool committed_in_recent, const Signature& sig, std::uint32_t own_docid,
                                          ClusterLookupStats* stats, LshLayout layout) {
    ClusterLookupStats local;
    if (!stats) stats = &local;
    NearDuplicateMatch best;
    if (sig.empty()) return best;

    // Candidates: documents sharing at least one band, counted per band.
    std::unordered_map<std::uint32_t, unsigned> shared_bands;
    recent.count_shared_bands(sig, own_docid, shared_bands, stats);
    if (!committed_in_recent) {
        const std::vector<std::string> keys = band_keys(sig, layout);
        for (const std::string& key : keys) {
            const std::string term = std::string(schema::prefix_signature) + key;
            std::size_t scanned = 0;
            for (auto it = committed.postlist_begin(term);
                 it != committed.postlist_end(term) && scanned < max_band_postings; ++it) {
                // The table's version replaces the committed one.
                if (recent.contains(*it)) continue;
                ++scanned;
                ++stats->postings;
                if (*it != own_docid) ++shared_bands[*it];
            }
        }
    }
    if (shared_bands.empty()) return best;

    std::vector<std::pair<std::uint32_t, unsigned>> candidates(shared_bands.begin(), shared_bands.end());
    std::sort(candidates.begin(), candidates.end(), [](const auto& x, const auto& y) {
        return x.second != y.second ? x.second > y.second : x.first < y.first;
    });
    if (candidates.size() > max_verified_candidates) candidates.resize(max_verified_candidates);

    double& best_similarity = best.similarity;
    std::string& best_cluster = best.cluster;
    for (const auto& candidate : candidates) {
        const std::uint32_t docid = candidate.first;
        ++stats->verified;
        double similarity = 0.0;
        std::string cluster;
        if (recent.contains(docid)) {
            similarity = near_duplicate_score(sig, recent.signature(docid));
            if (similarity > best_similarity) cluster = recent.cluster(docid);
        } else {
            const Xapian::Document doc = committed.get_document(docid);
            similarity = near_duplicate_score(sig, unserialise(doc.get_value(schema::slot_signature)));
            if (similarity > best_similarity) cluster = doc.get_value(schema::slot_cluster);
        }
        if (similarity <= best_similarity || cluster.empty()) continue;  // empty: indexed without clusters
        best_similarity = similarity;
        best_cluster = std::move(cluster);
        if (similarity >= 1.0) break;  // identical text: nothing can be closer
    }
    if (best_cluster.empty()) best_similarity = 0.0;
    return best;
}

std::string assign_cluster(const Xapian::Database& committed, const BandTable& recent, bool committed_in_recent,
                           const Signature& sig, std::string_view own_id, std::uint32_t own_docid,
                           ClusterLookupStats* stats, LshLayout layout) {
    NearDuplicateMatch best = closest_near_duplicate(committed, recent, committed_in_recent, sig, own_docid, stats, layout);
    return best.cluster.empty() ? std::string(own_id) : std::move(best.cluster);
}

}  // namespace newsdex::detail
