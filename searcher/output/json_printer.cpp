#include <nlohmann/json.hpp>

#include <ostream>

#include "printers.hpp"

namespace newsdex::searcher {

namespace {

const char* sort_name(SortOrder sort) {
    switch (sort) {
        case SortOrder::relevance: return "relevance";
        case SortOrder::date_ascending: return "date";
        case SortOrder::date_descending: return "-date";
    }
    return "relevance";
}

nlohmann::json ranges(const std::vector<std::pair<std::size_t, std::size_t>>& spans) {
    nlohmann::json out = nlohmann::json::array();
    for (auto [b, e] : spans) out.push_back({b, e});
    return out;
}

}  // namespace

std::string to_json(const SearchResults& results, const SearchRequest& request) {
    using nlohmann::json;
    json doc;
    doc["format_version"] = json_format_version;
    doc["query"] = results.query;
    doc["parsed_query"] = results.parsed_query;
    doc["mode"] = results.mode == QueryMode::natural ? "natural" : "boolean";
    json feedback = json::array();
    for (const auto& [term, weight] : results.feedback_terms) feedback.push_back({{"term", term}, {"weight", weight}});
    doc["feedback"] = results.feedback ? json(feedback) : json(nullptr);
    doc["regularised"] = results.regularised;
    doc["total_estimate"] = results.total_estimate;
    doc["total_lower_bound"] = results.total_lower_bound;
    doc["total_upper_bound"] = results.total_upper_bound;
    doc["offset"] = results.offset;
    doc["limit"] = request.limit;
    doc["sort"] = sort_name(request.sort);
    doc["exact"] = results.exact;
    doc["collapsed"] = results.collapsed;
    doc["suggestion"] = results.suggestion.empty() ? json(nullptr) : json(results.suggestion);
    doc["auto_corrected"] = results.auto_corrected;
    doc["since"] = request.since.empty() ? json(nullptr) : json(request.since);
    doc["until"] = request.until.empty() ? json(nullptr) : json(request.until);
    doc["like"] = request.like_id.empty() ? json(nullptr) : json(request.like_id);
    doc["expand"] = request.expand_id.empty() ? json(nullptr) : json(request.expand_id);
    doc["recency"] = results.recency_half_life == 0
                         ? json(nullptr)
                         : json{{"reference", results.recency_reference},
                                {"half_life_seconds", results.recency_half_life}};
    json hits = json::array();
    for (const Hit& hit : results.hits) {
        const Article& a = hit.article;
        json h;
        h["rank"] = hit.rank;
        h["id"] = a.id;
        h["title"] = a.title;
        h["title_highlights"] = ranges(hit.title_highlights);
        h["date"] = a.date.empty() ? json(nullptr) : json(a.date);
        h["source"] = a.source.empty() ? json(nullptr) : json(a.source);
        h["url"] = a.url.empty() ? json(nullptr) : json(a.url);
        h["lang"] = a.lang.empty() ? json(nullptr) : json(a.lang);
        h["score"] = hit.score;
        h["cluster"] = hit.cluster.empty() ? json(nullptr) : json(hit.cluster);
        h["similar"] = hit.similar;
        if (request.explain) {
            json explain = json::array();
            for (const TermExplanation& e : hit.explain) {
                explain.push_back({{"term", e.term}, {"kind", e.kind}, {"fields", e.fields}, {"wdf", e.wdf},
                                   {"weight", e.weight}});
            }
            h["explain"] = std::move(explain);
        }
        json snippets = json::array();
        for (const Snippet& s : hit.snippets) {
            snippets.push_back({{"text", s.text},
                                {"highlights", ranges(s.highlights)},
                                {"field", s.field},
                                {"truncated_start", s.starts_mid_text},
                                {"truncated_end", s.ends_mid_text}});
        }
        h["snippets"] = std::move(snippets);
        json entities = json::object();
        for (const Entity& e : a.entities) {
            const char* type = e.type == EntityType::person ? "person" : e.type == EntityType::place ? "place" : "org";
            entities[type].push_back(e.canonical);
        }
        h["entities"] = std::move(entities);
        hits.push_back(std::move(h));
    }
    doc["hits"] = std::move(hits);
    if (!request.facets.empty()) {
        json facets = json::object();
        for (const auto& [name, values] : results.facets) {
            json list = json::array();
            for (const FacetValue& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
            facets[name] = std::move(list);
        }
        doc["facets"] = std::move(facets);
    }
    if (request.related > 0) {
        json related = json::object();
        for (const auto& [type, values] : results.related) {
            json list = json::array();
            for (const RelatedEntity& e : values) {
                list.push_back({{"value", e.value}, {"score", e.score}, {"count", e.count}});
            }
            related[type] = std::move(list);
        }
        doc["related"] = std::move(related);
        doc["related_sample"] = results.related_sample;
    }
    // Invalid UTF-8 cannot reach here (inputs are repaired), but never abort on it.
    return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string error_json(const std::string& query, const std::string& message) {
    nlohmann::json doc;
    doc["format_version"] = json_format_version;
    doc["query"] = query;
    doc["error"] = message;
    return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void print_json(const SearchResults& results, const SearchRequest& request, std::ostream& out) {
    out << to_json(results, request) << "\n";
}

}  // namespace newsdex::searcher
