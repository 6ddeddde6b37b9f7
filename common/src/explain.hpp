/// @file explain.hpp
/// --explain: what each matched term (or phrase, recency, neighbours) added to one hit's score.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

#include "newsdex/analyzer.hpp"
#include "newsdex/searcher.hpp"
#include "query_builder.hpp"
#include "recency.hpp"
#include "term_matcher.hpp"

namespace newsdex::detail {

/// What one ranked search tells explain_hit() about itself.
struct ExplainContext {
    const Xapian::Database& db;
    const Analyzer& analyzer;
    const Xapian::Enquire& enquire;  ///< the ranked pass (its matching terms)
    const TermMatcher& matcher;      ///< the user's terms and phrases
    const RecencyPostingSource* recency = nullptr;                       ///< the recency bonus, if any
    const std::vector<std::pair<std::string, double>>& feedback;         ///< feedback terms and their scale
    /// The query's readings per language (ParsedQuery::branches; empty: one reading):
    /// a hit is explained by its own language's reading, at that reading's weight.
    const std::vector<LanguageBranch>& branches;
};

/// Per matched term of hit @p it: its BM25 contribution, computed by running
/// the term alone restricted to this article (BM25 with k2 = 0 is a sum over
/// terms, so this is exact for each term; a term repeated in the query (wqf >
/// 1) is shown at wqf 1); phrases and the recency bonus as rows of their own;
/// heaviest first. @p article must carry its body (phrase occurrences).
std::vector<TermExplanation> explain_hit(const ExplainContext& context, const Xapian::MSetIterator& it,
                                         const Article& article);

}  // namespace newsdex::detail
