/// @file explain.cpp
/// explain_hit(): one row per matched word, stem, title term, feedback term, phrase and recency bonus.
#include "explain.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <unordered_map>

#include "accent_forms.hpp"
#include "document_builder.hpp"
#include "highlighter.hpp"
#include "newsdex/schema.hpp"
#include "ranking.hpp"

namespace newsdex::detail {

namespace {

/// One hit's document and the queries that weigh a term on it alone.
class HitExplainer {
  public:
    HitExplainer(const ExplainContext& context, const Xapian::MSetIterator& it, const Article& article)
        : context_(context), it_(it), article_(article), only_this_(id_term(article.id)), doc_(it.get_document()),
          branch_(branch_of(context.branches, article.lang)) {
        if (!branch_) return;
        for (auto t = branch_->query.get_unique_terms_begin(); t != branch_->query.get_unique_terms_end(); ++t) {
            branch_terms_.insert(*t);
        }
        branch_shape_ = query_shape(branch_->query);
    }

    std::vector<TermExplanation> rows() const {
        std::vector<TermExplanation> out;
        std::unordered_map<std::string, double> feedback_scale(context_.feedback.begin(), context_.feedback.end());
        const Xapian::Enquire& enquire = context_.enquire;
        for (auto t = enquire.get_matching_terms_begin(it_); t != enquire.get_matching_terms_end(it_); ++t) {
            const std::string& term = *t;
            const bool users = shape().free_terms.count(term) > 0;
            auto added = feedback_scale.find(term);
            if (schema::has_prefix(term, schema::prefix_accent_form)) {
                out.push_back(accent_row(term));
            } else if (added != feedback_scale.end() && !users) {
                out.push_back(feedback_row(term, added->second));
            } else if (users && (!branch_ || branch_terms_.count(term))) {  // phrase members are reported with their phrase
                if (auto row = term_row(term)) out.push_back(std::move(*row));
            }
        }
        for (const PhraseGroup& group : shape().phrases) {
            if (auto row = phrase_row(group)) out.push_back(std::move(*row));
        }
        if (auto row = recency_row()) out.push_back(std::move(*row));
        std::stable_sort(out.begin(), out.end(),
                         [](const TermExplanation& a, const TermExplanation& b) { return a.weight > b.weight; });
        return out;
    }

  private:
    const std::string stem_prefix_{schema::prefix_stem};
    const std::string title_prefix_{schema::prefix_title};
    static constexpr unsigned title_wdf = 1 + title_wdf_boost;

    /// The user's terms and phrases as they matched this article: its language's reading.
    const QueryShape& shape() const { return branch_ ? branch_shape_ : context_.matcher.shape(); }

    /// @p q's weight on this article, as its language's reading weighs it.
    double weight_in_branch(const Xapian::Query& q) const { return weight_of(q) * (branch_ ? branch_->weight : 1.0); }

    double weight_of(const Xapian::Query& q) const {
        Xapian::Enquire one(context_.db);
        one.set_weighting_scheme(make_weighting());
        one.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, only_this_));
        Xapian::MSet m = one.get_mset(0, 1);
        return m.empty() ? 0.0 : m.begin().get_weight();
    }

    unsigned wdf_of(const std::string& term) const {
        Xapian::TermIterator t = doc_.termlist_begin();
        t.skip_to(term);
        return t != doc_.termlist_end() && *t == term ? t.get_wdf() : 0;
    }

    /// "title" and/or "body" for a term whose title twin is @p title_term
    /// (title words are indexed with a boosted wdf, so wdf beyond it is body).
    void add_fields(TermExplanation& e, const std::string& title_term) const {
        unsigned in_title = wdf_of(title_term);
        if (in_title) e.fields.push_back("title");
        if (e.wdf > in_title * title_wdf) e.fields.push_back("body");
    }

    /// A term pseudo-relevance feedback added, at its reduced weight.
    TermExplanation feedback_row(const std::string& term, double scale) const {
        TermExplanation e;
        e.term = term;
        e.kind = "feedback";
        e.wdf = wdf_of(term);
        if (schema::has_prefix(term, schema::prefix_title_stem)) {
            e.fields = {"title"};
        } else {
            add_fields(e, stem_prefix_ + title_prefix_ + term.substr(stem_prefix_.size()));
        }
        e.weight = weight_of(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), scale));
        return e;
    }

    /// The accented form of a query word, as the article writes it (accent_forms.hpp).
    TermExplanation accent_row(const std::string& term) const {
        TermExplanation e;
        e.term = term;
        e.kind = "accent";
        e.weight = accent_term_bonus(context_.db, term);
        return e;
    }

    /// One of the user's terms: a word, a stem, a title word or title stem (filters have no weight: none).
    std::optional<TermExplanation> term_row(const std::string& term) const {
        TermExplanation e;
        e.term = term;
        e.wdf = wdf_of(term);
        if (schema::has_prefix(term, schema::prefix_title_stem)) {
            e.kind = "title-stem";
            e.fields = {"title"};
        } else if (schema::has_prefix(term, title_prefix_)) {
            e.kind = "title";
            e.fields = {"title"};
        } else if (schema::has_prefix(term, stem_prefix_)) {
            e.kind = "stem";
            add_fields(e, stem_prefix_ + title_prefix_ + term.substr(stem_prefix_.size()));
        } else if (!term.empty() && std::isupper(static_cast<unsigned char>(term[0]))) {
            return std::nullopt;  // a boolean filter term (id:, lang:, ...): no weight
        } else {
            e.kind = "word";
            add_fields(e, title_prefix_ + term);
        }
        e.weight = weight_in_branch(Xapian::Query(term));
        return e;
    }

    /// A phrase or NEAR group that occurs; where, from the stored text, as the highlighter finds it.
    std::optional<TermExplanation> phrase_row(const PhraseGroup& group) const {
        double w = weight_in_branch(group.query);
        if (w <= 0) return std::nullopt;
        TermExplanation e;
        e.kind = "phrase";
        for (const auto& slot : group.slots) {
            if (!e.term.empty()) e.term += ' ';
            e.term += *slot.begin();
        }
        std::vector<Token> title_tokens = context_.analyzer.tokenize(article_.title);
        std::vector<double> marks(title_tokens.size(), 0.0);
        mark_phrase_occurrences(title_tokens, group, true, 1.0, marks);
        if (std::find(marks.begin(), marks.end(), 1.0) != marks.end()) e.fields.push_back("title");
        std::vector<Token> body_tokens = context_.analyzer.tokenize(article_.body);
        marks.assign(body_tokens.size(), 0.0);
        mark_phrase_occurrences(body_tokens, group, false, 1.0, marks);
        e.wdf = static_cast<unsigned>(std::count(marks.begin(), marks.end(), 1.0) /
                                      std::max<std::size_t>(1, group.slots.size()));
        if (e.wdf > 0) e.fields.push_back("body");
        e.weight = w;
        return e;
    }

    std::optional<TermExplanation> recency_row() const {
        if (!context_.recency) return std::nullopt;
        std::string value = doc_.get_value(schema::slot_date);
        if (value.empty()) return std::nullopt;
        TermExplanation e;
        e.kind = "recency";
        e.term = article_.date;
        e.weight = context_.recency->bonus(Xapian::sortable_unserialise(value));
        return e;
    }

    const ExplainContext& context_;
    const Xapian::MSetIterator& it_;
    const Article& article_;
    const Xapian::Query only_this_;
    Xapian::Document doc_;
    const LanguageBranch* branch_;           ///< the reading this article matched (null: one reading)
    std::set<std::string> branch_terms_;     ///< its terms
    QueryShape branch_shape_;                ///< its phrases and free terms
};

}  // namespace

std::vector<TermExplanation> explain_hit(const ExplainContext& context, const Xapian::MSetIterator& it,
                                         const Article& article) {
    return HitExplainer(context, it, article).rows();
}

}  // namespace newsdex::detail
