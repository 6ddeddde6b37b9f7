/// @file ranking.cpp
/// BM25 settings, stopwords and pseudo-relevance feedback (see ranking.hpp).
#include "ranking.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <set>
#include <unordered_set>

#include "newsdex/schema.hpp"

namespace newsdex::detail {

namespace {

/// Snowball's English stopword list (the one Xapian's omega and most engines
/// ship) without the contractions, whose apostrophes the analyzer splits off.
const std::unordered_set<std::string_view>& english_stopwords() {
    static const std::unordered_set<std::string_view> words = {
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
        "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
        "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that",
        "these", "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had",
        "having", "do", "does", "did", "doing", "would", "should", "could", "ought", "a", "an", "the", "and",
        "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about",
        "against", "between", "into", "through", "during", "before", "after", "above", "below", "to", "from",
        "up", "down", "in", "out", "on", "off", "over", "under", "again", "further", "then", "once", "here",
        "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other",
        "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than", "too", "very", "can", "will",
        "just"};
    return words;
}

bool is_english(std::string_view language) {
    return language == "en" || (language.size() > 3 && language.substr(0, 3) == "en-");
}


}  // namespace

Xapian::BM25Weight make_weighting() {
    return Xapian::BM25Weight(bm25_k1, 0, bm25_k3, bm25_b, bm25_min_normlen);
}

bool is_stopword(std::string_view term, std::string_view language) {
    return is_english(language) && english_stopwords().count(term) > 0;
}

namespace {

/// What feedback reads from the index, read once per query: the stem run of
/// each top document's termlist (documents recur from round to round) and
/// the number of articles of each candidate stem.
class FeedbackReader {
  public:
    explicit FeedbackReader(const Xapian::Database& db)
        : db_(db), average_length_(std::max(db.get_avlength(), 1.0)) {}

    struct Stem {
        std::string term;
        double saturated_wdf;  ///< 2 wdf / (length / average + wdf): BM25's, k = 1
    };

    /// The stems (Z and ZS terms) of @p doc.
    const std::vector<Stem>& stems(Xapian::docid doc) {
        auto [it, added] = stems_.try_emplace(doc);
        if (!added) return it->second;
        const std::string stem_prefix(schema::prefix_stem);
        const double length = db_.get_doclength(doc);
        Xapian::TermIterator t = db_.termlist_begin(doc);
        const Xapian::TermIterator end = db_.termlist_end(doc);
        for (t.skip_to(stem_prefix); t != end; ++t) {
            const std::string& term = *t;
            if (term.compare(0, stem_prefix.size(), stem_prefix) != 0) break;
            const double wdf = t.get_wdf();
            it->second.push_back({term, 2.0 * wdf / (length / average_length_ + wdf)});
        }
        return it->second;
    }

    Xapian::doccount articles(const std::string& term) {
        auto [it, added] = articles_.try_emplace(term, 0);
        if (added) it->second = db_.get_termfreq(term);
        return it->second;
    }

  private:
    const Xapian::Database& db_;
    const double average_length_;
    std::unordered_map<Xapian::docid, std::vector<Stem>> stems_;
    std::unordered_map<std::string, Xapian::doccount> articles_;
};

/// One round of feedback: the best stems of the top documents of @p ranked.
Expansion expand_once(const Xapian::Database& db, const Xapian::Query& ranked, const std::set<std::string>& excluded,
                      FeedbackReader& reader) {
    Expansion out;
    Xapian::Enquire first(db);
    first.set_weighting_scheme(make_weighting());
    first.set_query(ranked);
    Xapian::MSet top = first.get_mset(0, feedback_docs);
    if (top.empty()) return out;

    // Xapian's ESet would read every term of the top documents (words, stems,
    // titles, filters) and look up each one's frequency: 2 ms a query on
    // Reuters, more than the search. Only stems matter, and only those in two
    // or more of the top documents have a chance, so gather those here and
    // weigh them as Xapian's TradEWeight does: the Robertson/Sparck Jones
    // relevance weight times the term's mean saturated frequency in the top
    // documents.
    struct Candidate {
        unsigned docs = 0;
        double tf = 0;
    };
    std::unordered_map<std::string, Candidate> candidates;
    for (auto it = top.begin(); it != top.end(); ++it) {
        for (const FeedbackReader::Stem& stem : reader.stems(*it)) {
            Candidate& c = candidates[stem.term];
            ++c.docs;
            c.tf += stem.saturated_wdf;
        }
    }
    const double total = db.get_doccount();
    const double relevant = top.size();
    // (Small indexes have no costly terms: the cap starts at 100 articles.)
    const double max_articles = std::max(feedback_max_share * total, 100.0);
    std::vector<std::pair<double, std::string>> ranked_terms;
    for (const auto& [term, c] : candidates) {
        if (c.docs < feedback_min_top_docs || excluded.count(term)) continue;
        const double articles = reader.articles(term);
        if (articles < feedback_min_articles || articles > max_articles) continue;
        const double r = c.docs;
        double odds = (r + 0.5) * (total - relevant - articles + r + 0.5) /
                      ((relevant - r + 0.5) * (articles - r + 0.5));
        if (odds < 2) odds = odds * 0.5 + 1;
        ranked_terms.emplace_back(c.tf / relevant * std::log(odds), term);
    }
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
        double scale = feedback_weight * weight / best;
        if (scale <= 0) continue;
        out.terms.emplace_back(term, scale);
        scaled.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), scale);
    }
    out.query = Xapian::Query(Xapian::Query::OP_OR, scaled.begin(), scaled.end());
    return out;
}

}  // namespace

Xapian::Query with_feedback(const Xapian::Query& query, const Expansion& expansion) {
    if (expansion.terms.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, expansion.query);
}

Expansion feedback_expansion(const Xapian::Database& db, const Xapian::Query& query, const Analyzer& analyzer,
                             std::string_view language, unsigned rounds) {
    std::set<std::string> excluded(query.get_unique_terms_begin(), query.get_unique_terms_end());
    if (is_english(language)) {
        // The stems of the stopwords, worked out once.
        static const std::set<std::string> stopword_stems = [&analyzer] {
            std::set<std::string> stems;
            for (std::string_view word : english_stopwords()) {
                stems.insert(std::string(schema::prefix_stem) + analyzer.stem(word, "en"));
            }
            return stems;
        }();
        excluded.insert(stopword_stems.begin(), stopword_stems.end());
    }
    // Each round takes its top documents from the query re-ranked by the
    // previous round's terms: better documents, better terms.
    FeedbackReader reader(db);
    Expansion expansion;
    for (unsigned round = 0; round < rounds; ++round) {
        Expansion next = expand_once(db, with_feedback(query, expansion), excluded, reader);
        if (next.terms.empty()) break;
        expansion = std::move(next);
    }
    return expansion;
}

}  // namespace newsdex::detail
