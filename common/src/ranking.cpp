/// @file ranking.cpp
/// BM25 settings and pseudo-relevance feedback (see ranking.hpp).
#include "ranking.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "document_builder.hpp"
#include "languages.hpp"
#include "newsdex/schema.hpp"
#include "query_evidence.hpp"
#include "result_order.hpp"

namespace newsdex::detail {

Xapian::BM25Weight make_weighting() {
    return Xapian::BM25Weight(bm25_k1, 0, bm25_k3, bm25_b, bm25_min_normlen);
}

double ExactFormScores::total(std::size_t i) const {
    if (i >= by_doc.size()) return 0;
    double sum = 0;
    for (double w : by_doc[i]) sum += w;
    return sum;
}

double bm25_term_weight(const Xapian::Database& db, const std::string& term) {
    const double total = db.get_doccount();
    const double articles = db.get_termfreq(term);
    if (articles == 0) return 0;
    double odds = (total - articles + 0.5) / (articles + 0.5);
    if (odds < 2) odds = odds * 0.5 + 1;
    return std::log(odds) * (bm25_k1 + 1);
}

namespace {

/// The indexes of @p docs in docid order: posting lists are read forwards.
std::vector<std::size_t> docid_order(const std::vector<Xapian::docid>& docs) {
    std::vector<std::size_t> by_id(docs.size());
    for (std::size_t i = 0; i < by_id.size(); ++i) by_id[i] = i;
    std::sort(by_id.begin(), by_id.end(), [&](std::size_t a, std::size_t b) { return docs[a] < docs[b]; });
    return by_id;
}

/// Calls @p fn(i, posting) for each of @p docs that @p term's posting list holds,
/// visiting them in @p by_id (docid_order()) order with one forward pass.
template <class Fn>
void for_each_posting(const Xapian::Database& db, const std::string& term, const std::vector<Xapian::docid>& docs,
                      const std::vector<std::size_t>& by_id, Fn&& fn) {
    Xapian::PostingIterator pl = db.postlist_begin(term);
    const Xapian::PostingIterator end = db.postlist_end(term);
    for (std::size_t i : by_id) {
        pl.skip_to(docs[i]);
        if (pl == end) break;
        if (*pl == docs[i]) fn(i, pl);
    }
}

}  // namespace

ExactFormScores exact_form_scores(const Xapian::Database& db, const std::vector<Xapian::docid>& docs,
                                  const std::vector<std::string>& words, double weight) {
    ExactFormScores out;
    out.by_doc.assign(docs.size(), {});
    if (weight <= 0 || docs.empty()) return out;
    // Distinct words in query order, each with the times the query has it.
    std::vector<std::pair<std::string, unsigned>> distinct;
    for (const std::string& word : words) {
        auto it = std::find_if(distinct.begin(), distinct.end(), [&](const auto& d) { return d.first == word; });
        if (it == distinct.end()) distinct.emplace_back(word, 1);
        else ++it->second;
    }
    const std::vector<std::size_t> by_id = docid_order(docs);
    // First each form's term weight and its wdf in each article (held in by_doc for now) ...
    std::vector<double> term_weights;
    std::vector<bool> has_any(docs.size(), false);
    for (const auto& [word, times] : distinct) {
        const double term_weight = bm25_term_weight(db, word);
        if (term_weight == 0) continue;
        term_weights.push_back(weight * times * term_weight);
        out.forms.push_back(word);
        for (auto& row : out.by_doc) row.push_back(0);
        for_each_posting(db, word, docs, by_id, [&](std::size_t i, const Xapian::PostingIterator& pl) {
            out.by_doc[i].back() = pl.get_wdf();
            has_any[i] = true;
        });
    }
    // ... then the lengths of the articles that have one, from one pass over
    // the all-documents list: a fresh length look-up per article costs about
    // 8,000 instructions (PostingIterator::get_doclength(), callgrind), five
    // times all the rest of this function.
    const double average_length = std::max(db.get_avlength(), 1.0);
    Xapian::PostingIterator all = db.postlist_begin("");
    for (std::size_t i : by_id) {
        if (!has_any[i]) continue;
        all.skip_to(docs[i]);
        if (all == db.postlist_end("")) break;
        const double normlen = std::max(all.get_doclength() / average_length, bm25_min_normlen);
        const double k = bm25_k1 * (normlen * bm25_b + (1 - bm25_b));
        for (std::size_t f = 0; f < term_weights.size(); ++f) {
            const double wdf = out.by_doc[i][f];
            out.by_doc[i][f] = wdf > 0 ? term_weights[f] * wdf / (k + wdf) : 0;
        }
    }
    return out;
}

namespace {

/// Whether @p term is a stem term of the body and title (Z + a lowercase stem), not a field's.
bool is_word_stem_term(const std::string& term) {
    return term.size() > 1 && term[0] == schema::prefix_stem[0] && !std::isupper(static_cast<unsigned char>(term[1]));
}

}  // namespace

std::vector<std::string> word_stem_terms(const Xapian::Query& query) {
    std::vector<std::string> out;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        if (is_word_stem_term(*t)) out.push_back(*t);
    }
    return out;
}

std::vector<double> keyword_scores(const Xapian::Database& db, const std::vector<Xapian::docid>& docs,
                                   const std::vector<std::string>& stem_terms, double weight) {
    std::vector<double> out(docs.size(), 0);
    if (weight <= 0 || docs.empty()) return out;
    const std::vector<std::size_t> by_id = docid_order(docs);
    for (const std::string& term : stem_terms) {
        const double bonus = weight * bm25_term_weight(db, term);
        if (bonus == 0) continue;
        for_each_posting(db, term, docs, by_id, [&](std::size_t i, const Xapian::PostingIterator&) { out[i] += bonus; });
    }
    return out;
}

std::vector<LeadWord> lead_words_of(const Xapian::Database& db, const Xapian::Query& query, const Xapian::Stem& stemmer) {
    std::vector<LeadWord> out;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string& term = *t;
        if (!is_word_stem_term(term)) continue;
        LeadWord word{term, {}};
        const std::string stem = term.substr(1);
        const std::string from = stem.size() > 1 && stem.back() == 'i' ? stem.substr(0, stem.size() - 1) : stem;
        unsigned scanned = 0;
        for (auto it = db.allterms_begin(from); it != db.allterms_end(from) && scanned < lead_forms_scanned;
             ++it, ++scanned) {
            if (stemmer(*it) == stem) word.forms.push_back(*it);
        }
        if (!word.forms.empty()) out.push_back(std::move(word));
    }
    return out;
}

std::vector<double> lead_scores(const Xapian::Database& db, const std::vector<Xapian::docid>& docs,
                                const std::vector<LeadWord>& words, double weight) {
    std::vector<double> out(docs.size(), 0);
    if (weight <= 0 || docs.empty()) return out;
    const std::vector<std::size_t> by_id = docid_order(docs);
    const Xapian::termpos lead_begin = title_body_gap;
    const Xapian::termpos lead_end = title_body_gap + lead_words;
    for (const LeadWord& word : words) {
        const double term_weight = weight * bm25_term_weight(db, word.stem_term);
        std::vector<bool> in_lead(docs.size(), false);
        for (const std::string& form : word.forms) {
            for_each_posting(db, form, docs, by_id, [&](std::size_t i, const Xapian::PostingIterator& pl) {
                if (in_lead[i]) return;  // an earlier form put it in the lead
                Xapian::PositionIterator pos = pl.positionlist_begin();
                pos.skip_to(lead_begin);
                in_lead[i] = pos != pl.positionlist_end() && *pos < lead_end;
            });
        }
        for (std::size_t i = 0; i < docs.size(); ++i) {
            if (in_lead[i]) out[i] += term_weight;
        }
    }
    return out;
}

StemReader::StemReader(const Xapian::Database& db) : db_(db), average_length_(std::max(db.get_avlength(), 1.0)) {}

void StemReader::begin_query() {
    if (documents_.size() >= max_documents) documents_.clear();
    if (vectors_.size() >= max_documents) vectors_.clear();
    if (articles_.size() >= max_terms) articles_.clear();
    if (++queries_ == 2) {
        auto dictionary = std::make_unique<std::unordered_map<std::uint32_t, Entry>>();
        const std::string stem_prefix(schema::prefix_stem);
        for (Xapian::TermIterator t = db_.allterms_begin(stem_prefix); t != db_.allterms_end(stem_prefix); ++t) {
            if (dictionary->size() >= max_dictionary) return;  // too big to keep: termlists it is
            const std::string& term = *t;
            auto [it, added] = dictionary->try_emplace(stem_hash32(term), Entry{term, t.get_termfreq()});
            if (!added) it->second.term.clear();  // two stems, one hash
        }
        dictionary_ = std::move(dictionary);
    }
}

const StemReader::Document& StemReader::document(Xapian::docid doc) {
    auto [it, added] = documents_.try_emplace(doc);
    Document& d = it->second;
    if (!added) return d;
    const std::string stem_prefix(schema::prefix_stem);
    d.length = db_.get_doclength(doc);
    Xapian::TermIterator t = db_.termlist_begin(doc);
    const Xapian::TermIterator end = db_.termlist_end(doc);
    for (t.skip_to(stem_prefix); t != end; ++t) {
        const std::string& term = *t;
        if (term.compare(0, stem_prefix.size(), stem_prefix) != 0) break;
        const Xapian::termcount wdf = t.get_wdf();
        d.stems.push_back({stem_hash(term), wdf, static_cast<std::uint32_t>(d.terms.size()),
                           static_cast<std::uint32_t>(term.size()), 2.0 * wdf / (d.length / average_length_ + wdf)});
        d.terms += term;
    }
    std::sort(d.stems.begin(), d.stems.end(), [](const Stem& a, const Stem& b) { return a.hash < b.hash; });
    return d;
}

const StemVector& StemReader::vector(Xapian::docid doc) {
    auto [it, added] = vectors_.try_emplace(doc);
    StemVector& v = it->second;
    if (!added) return v;
    std::optional<StemVector> stored =
        unserialise_stem_vector(db_.get_document(doc, Xapian::DOC_ASSUME_VALID).get_value(schema::slot_stems));
    if (stored) {
        v = std::move(*stored);
        return v;
    }
    const Document& d = document(doc);
    v.length = d.length;
    for (const Stem& stem : d.stems) v.stems.emplace_back(static_cast<std::uint32_t>(stem.hash), stem.wdf);
    std::sort(v.stems.begin(), v.stems.end());
    return v;
}

Xapian::doccount StemReader::articles(Hash h, std::string_view term) {
    auto [it, added] = articles_.try_emplace(h, 0);
    if (added) it->second = db_.get_termfreq(std::string(term));
    return it->second;
}

std::vector<std::uint32_t> sorted_hashes32(const std::set<std::string>& terms) {
    std::vector<std::uint32_t> out;
    for (const std::string& term : terms) out.push_back(stem_hash32(term));
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<StemReader::Hash> sorted_hashes(const std::set<std::string>& terms) {
    std::vector<StemReader::Hash> out;
    for (const std::string& term : terms) out.push_back(stem_hash(term));
    std::sort(out.begin(), out.end());
    return out;
}

const std::set<std::string>& stopword_stems(const Analyzer& analyzer, std::string_view language) {
    static const std::set<std::string> none;
    const std::unordered_set<std::string>& words = stopwords(language);
    if (words.empty()) return none;
    // Worked out once per stemmer (searches may run on several threads).
    static std::mutex mutex;
    static std::map<std::string, std::set<std::string>> by_stemmer;
    const std::string stemmer = snowball_language(language);
    std::lock_guard<std::mutex> lock(mutex);
    auto [it, added] = by_stemmer.try_emplace(stemmer);
    if (added) {
        for (const std::string& word : words) {
            it->second.insert(std::string(schema::prefix_stem) + analyzer.stem(word, language));
        }
    }
    return it->second;  // std::map nodes stay put
}

namespace {

/// Sorts @p items by their 32-bit `hash`, stably (items with one hash keep
/// their order: the order they were added in, document by document). Four
/// byte-wide counting passes: a few thousand items a query, several times
/// faster than a comparison sort.
template <typename T>
void sort_by_hash32(std::vector<T>& items) {
    std::vector<T> buffer(items.size());
    for (unsigned shift = 0; shift < 32; shift += 8) {
        std::size_t count[257] = {};
        for (const T& item : items) ++count[((item.hash >> shift) & 0xff) + 1];
        for (std::size_t b = 1; b < 257; ++b) count[b] += count[b - 1];
        for (const T& item : items) buffer[count[(item.hash >> shift) & 0xff]++] = item;
        items.swap(buffer);
    }
}

/// One stem of one of feedback's top documents.
struct StemOccurrence {
    std::uint64_t hash;       ///< 32-bit (from a stem vector) or 64-bit (from a termlist)
    std::size_t rank;         ///< of the document among the top ones
    double saturated_wdf;
    std::string_view term;    ///< from a termlist; empty from a stem vector
};

/// What feedback needs of a candidate stem: its term and article count;
/// `skip` for a stem it must not add, `give_up` when the term is unknown.
struct Resolved {
    bool skip = false;
    bool give_up = false;
    std::string term;
    double articles = 0;
};

/** The expansion from @p all, every top document's stems grouped by hash
 *  and, within a hash, in document order (a fixed order for the sums):
 *  each stem in feedback_min_top_docs or more of the @p relevant documents
 *  that @p resolve knows is weighed as Xapian's TradEWeight does (the
 *  Robertson/Sparck Jones relevance weight times the mean saturated
 *  frequency in those documents); the best feedback_terms are kept, the
 *  best at feedback_weight x @p strength.
 *  nullopt if @p resolve gives up on a stem. */
template <typename Resolve>
std::optional<Expansion> weigh_stems(const std::vector<StemOccurrence>& all, double relevant, double strength,
                                     const StemReader& reader, Resolve resolve) {
    const double total = reader.db().get_doccount();
    // (Small indexes have no costly terms: the cap starts at 100 articles.)
    const double max_articles = std::max(feedback_max_share * total, 100.0);
    std::vector<std::pair<double, std::string>> ranked_terms;
    for (std::size_t i = 0; i < all.size();) {
        std::size_t j = i;
        double tf = 0;
        for (; j < all.size() && all[j].hash == all[i].hash; ++j) tf += all[j].saturated_wdf;
        const double r = static_cast<double>(j - i);
        const StemOccurrence& first = all[i];
        i = j;
        if (r < feedback_min_top_docs) continue;
        Resolved stem = resolve(first);
        if (stem.give_up) return std::nullopt;
        if (stem.skip || stem.articles < feedback_min_articles || stem.articles > max_articles) continue;
        double odds = (r + 0.5) * (total - relevant - stem.articles + r + 0.5) /
                      ((relevant - r + 0.5) * (stem.articles - r + 0.5));
        if (odds < 2) odds = odds * 0.5 + 1;
        ranked_terms.emplace_back(tf / relevant * std::log(odds), std::move(stem.term));
    }
    Expansion out;
    if (ranked_terms.empty()) return out;
    const std::size_t keep = std::min<std::size_t>(ranked_terms.size(), feedback_terms);
    // Best first; ties by term, so that results never depend on hash order.
    std::partial_sort(ranked_terms.begin(), ranked_terms.begin() + static_cast<std::ptrdiff_t>(keep),
                      ranked_terms.end(),
                      [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    ranked_terms.resize(keep);
    const double best = std::max(ranked_terms.front().first, 1e-9);
    std::vector<Xapian::Query> scaled;
    for (const auto& [weight, term] : ranked_terms) {
        double scale = feedback_weight * strength * weight / best;
        if (scale <= 0) continue;
        out.terms.emplace_back(term, scale);
        scaled.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), scale);
    }
    out.query = Xapian::Query(Xapian::Query::OP_OR, scaled.begin(), scaled.end());
    return out;
}

/// Feedback's best stems of @p top (documents taken as relevant).
Expansion best_stems(const std::vector<Xapian::docid>& top, const std::vector<StemReader::Hash>& excluded,
                     const std::vector<std::uint32_t>& excluded32, StemReader& reader, double strength) {
    if (top.empty()) return {};
    // Xapian's ESet would read every term of the top documents (words, stems,
    // titles, filters) and look up each one's frequency: 2 ms a query on
    // Reuters, more than the search. Only stems matter, and only those in two
    // or more of the top documents have a chance.
    const auto relevant = static_cast<double>(top.size());
    std::vector<StemOccurrence> all;
    if (const auto* dictionary = reader.dictionary()) {
        // From the stem vectors and the dictionary: no termlist read at all.
        for (std::size_t rank = 0; rank < top.size(); ++rank) {
            const StemVector& v = reader.vector(top[rank]);
            for (const auto& [hash, wdf] : v.stems) {
                const double w = wdf;
                all.push_back({hash, rank, 2.0 * w / (v.length / reader.average_length() + w), {}});
            }
        }
        sort_by_hash32(all);  // by hash, then rank (the order added)
        std::optional<Expansion> quick = weigh_stems(all, relevant, strength, reader, [&](const StemOccurrence& o) {
            Resolved out;
            auto entry = dictionary->find(static_cast<std::uint32_t>(o.hash));
            if (entry == dictionary->end() || entry->second.term.empty()) {
                out.give_up = true;  // two stems share the hash (or the index changed): termlists
            } else if (std::binary_search(excluded32.begin(), excluded32.end(), static_cast<std::uint32_t>(o.hash))) {
                out.skip = true;
            } else {
                out.term = entry->second.term;
                out.articles = entry->second.articles;
            }
            return out;
        });
        if (quick) return std::move(*quick);
        all.clear();
    }
    for (std::size_t rank = 0; rank < top.size(); ++rank) {
        const StemReader::Document& d = reader.document(top[rank]);
        for (const StemReader::Stem& stem : d.stems) all.push_back({stem.hash, rank, stem.saturated_wdf, d.term(stem)});
    }
    std::sort(all.begin(), all.end(), [](const StemOccurrence& a, const StemOccurrence& b) {
        return a.hash != b.hash ? a.hash < b.hash : a.rank < b.rank;
    });
    return *weigh_stems(all, relevant, strength, reader, [&](const StemOccurrence& o) {
        Resolved out;
        out.skip = std::binary_search(excluded.begin(), excluded.end(), o.hash);
        if (!out.skip) {
            out.term = std::string(o.term);
            out.articles = reader.articles(o.hash, o.term);
        }
        return out;
    });
}

}  // namespace

Xapian::Query with_feedback(const Xapian::Query& query, const Expansion& expansion) {
    if (expansion.terms.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, expansion.query);
}

/// What @p expansion's terms add to @p doc's score: Xapian's BM25Weight
/// (k2 = 0, wqf 1) for each term, times its scale, as with_feedback's
/// OP_SCALE_WEIGHT gives it.
std::vector<double> feedback_scores(const std::vector<Xapian::docid>& docs, const Expansion& expansion,
                                    StemReader& reader) {
    // Each term's hash and BM25 term weight (idf x (k1 + 1) x scale) once, then each document.
    const double total = reader.db().get_doccount();
    std::vector<std::pair<std::uint32_t, double>> terms;
    for (const auto& [term, scale] : expansion.terms) {
        const StemReader::Hash h = stem_hash(term);
        const double articles = reader.articles(h, term);
        double odds = (total - articles + 0.5) / (articles + 0.5);
        if (odds < 2) odds = odds * 0.5 + 1;
        terms.emplace_back(static_cast<std::uint32_t>(h), scale * std::log(odds) * (bm25_k1 + 1));
    }
    std::vector<double> scores;
    for (Xapian::docid doc : docs) {
        const StemVector& v = reader.vector(doc);
        const double normlen = std::max(v.length / reader.average_length(), bm25_min_normlen);
        double score = 0;
        for (const auto& [h32, weight] : terms) {
            auto it = std::lower_bound(v.stems.begin(), v.stems.end(), h32,
                                       [](const auto& stem, std::uint32_t x) { return stem.first < x; });
            if (it == v.stems.end() || it->first != h32) continue;
            const double wdf = it->second;
            score += weight * wdf / (bm25_k1 * (normlen * bm25_b + (1 - bm25_b)) + wdf);
        }
        scores.push_back(score);
    }
    return scores;
}

Expansion feedback_expansion(const Xapian::Database& db, const Xapian::Query& query, const Analyzer& analyzer,
                             std::string_view language, unsigned rounds, StemReader& reader,
                             std::optional<double> strength) {
    std::set<std::string> excluded_terms(query.get_unique_terms_begin(), query.get_unique_terms_end());
    const std::set<std::string>& stopwords = stopword_stems(analyzer, language);
    excluded_terms.insert(stopwords.begin(), stopwords.end());
    const std::vector<StemReader::Hash> excluded = sorted_hashes(excluded_terms);
    const std::vector<std::uint32_t> excluded32 = sorted_hashes32(excluded_terms);

    Xapian::Enquire first(db);
    first.set_weighting_scheme(make_weighting());
    first.set_query(query);
    order_by_relevance(first, db);  // equal scores in the result order: the same pool over shards
    // The pool is also what the predictors read (evidence_depth scores).
    const auto depth = static_cast<Xapian::doccount>(std::max<std::size_t>({feedback_docs, feedback_pool, evidence_depth}));
    Xapian::MSet first_pass = first.get_mset(0, depth);
    std::vector<std::pair<Xapian::docid, double>> pool;
    for (auto it = first_pass.begin(); it != first_pass.end(); ++it) pool.emplace_back(*it, it.get_weight());

    Expansion expansion;
    expansion.evidence = ranking_evidence(pool, reader, sorted_hashes32(stopwords));
    expansion.strength = std::clamp(strength.value_or(cluster_strength(expansion.evidence)), 0.0, 1.0);
    if (expansion.strength <= 0) return expansion;  // the first pass is not to be trusted: no feedback
    for (unsigned round = 0; round < rounds; ++round) {
        // Each later round takes its top documents from the first pass
        // re-ranked by the previous round's terms: better documents, better terms.
        std::vector<std::pair<Xapian::docid, double>> ranked = pool;
        if (round > 0) {
            std::vector<Xapian::docid> docs;
            for (const auto& entry : ranked) docs.push_back(entry.first);
            const std::vector<double> added = feedback_scores(docs, expansion, reader);
            for (std::size_t i = 0; i < ranked.size(); ++i) ranked[i].second += added[i];
            std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        }
        std::vector<Xapian::docid> top;
        for (std::size_t i = 0; i < ranked.size() && i < feedback_docs; ++i) top.push_back(ranked[i].first);
        Expansion next = best_stems(top, excluded, excluded32, reader, expansion.strength);
        if (next.terms.empty()) break;
        next.evidence = expansion.evidence;
        next.strength = expansion.strength;
        expansion = std::move(next);
    }
    return expansion;
}

std::vector<std::vector<double>> similarity_matrix(const std::vector<Xapian::docid>& docs, StemReader& reader,
                                                   const std::vector<std::uint32_t>& skip) {
    const std::size_t depth = docs.size();
    // Unit vectors of (1 + log wdf) over each document's stems; their dot
    // products summed term by term, over the documents that share the term
    // (sorted by term hash and document: a fixed order for the sums).
    struct Entry {
        std::uint32_t hash;
        std::size_t doc;
        double weight;
    };
    std::vector<Entry> entries;
    for (std::size_t i = 0; i < depth; ++i) {
        const StemVector& v = reader.vector(docs[i]);
        const std::size_t first = entries.size();
        double norm = 0;
        for (const auto& [hash, wdf] : v.stems) {
            if (std::binary_search(skip.begin(), skip.end(), hash)) continue;
            const double w = 1 + std::log(static_cast<double>(std::max<Xapian::termcount>(wdf, 1)));
            entries.push_back({hash, i, w});
            norm += w * w;
        }
        norm = std::sqrt(norm);
        for (std::size_t e = first; e < entries.size(); ++e) entries[e].weight /= norm;
    }
    sort_by_hash32(entries);  // by hash, then document (the order added)
    std::vector<std::vector<double>> similarity(depth, std::vector<double>(depth, 0.0));
    for (std::size_t a = 0; a < entries.size();) {
        std::size_t end = a;
        while (end < entries.size() && entries[end].hash == entries[a].hash) ++end;
        for (std::size_t x = a; x < end; ++x) {
            for (std::size_t y = x + 1; y < end; ++y) {
                const double product = entries[x].weight * entries[y].weight;
                similarity[entries[x].doc][entries[y].doc] += product;
                similarity[entries[y].doc][entries[x].doc] += product;
            }
        }
        a = end;
    }

    return similarity;
}

QueryEvidence ranking_evidence(const std::vector<std::pair<Xapian::docid, double>>& ranked, StemReader& reader,
                               const std::vector<std::uint32_t>& skip) {
    std::vector<double> scores;
    std::vector<Xapian::docid> top;
    for (std::size_t i = 0; i < ranked.size() && i < evidence_depth; ++i) {
        scores.push_back(ranked[i].second);
        if (i < evidence_top) top.push_back(ranked[i].first);
    }
    return query_evidence(scores, similarity_matrix(top, reader, skip));
}

std::vector<Regularised> regularise(const std::vector<std::pair<Xapian::docid, double>>& ranked, StemReader& reader,
                                    const std::set<std::string>& ignored, double weight) {
    std::vector<Regularised> out(ranked.size());
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        out[i].doc = ranked[i].first;
        out[i].rank = i;
        out[i].own = out[i].neighbours = out[i].score = ranked[i].second;
    }
    const std::size_t depth = std::min<std::size_t>(ranked.size(), regularise_depth);
    if (depth < 2 || weight <= 0) return out;

    std::vector<Xapian::docid> docs;
    for (std::size_t i = 0; i < depth; ++i) docs.push_back(ranked[i].first);
    const std::vector<std::vector<double>> similarity = similarity_matrix(docs, reader, sorted_hashes32(ignored));

    const double floor = ranked[depth - 1].second;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        Regularised& r = out[i];
        r.neighbours = floor;
        if (i < depth) {
            std::vector<std::pair<double, std::size_t>> nearest;
            for (std::size_t j = 0; j < depth; ++j) {
                if (j != i && similarity[i][j] > 0) nearest.emplace_back(similarity[i][j], j);
            }
            const std::size_t keep = std::min<std::size_t>(nearest.size(), regularise_neighbours);
            // Most similar first; ties to the better-ranked document.
            std::partial_sort(nearest.begin(), nearest.begin() + static_cast<std::ptrdiff_t>(keep), nearest.end(),
                              [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
            double weight = 0, sum = 0;
            for (std::size_t k = 0; k < keep; ++k) {
                weight += nearest[k].first;
                sum += nearest[k].first * ranked[nearest[k].second].second;
            }
            if (weight > 0) r.neighbours = sum / weight;
        }
        r.score = (1 - weight) * r.own + weight * r.neighbours;
    }
    std::stable_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(depth),
                     [](const Regularised& a, const Regularised& b) { return a.score > b.score; });
    return out;
}

}  // namespace newsdex::detail
