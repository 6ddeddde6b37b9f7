/// @file json.cpp
/// SearchResults, stored articles and errors -> the versioned JSON format (nlohmann-json, kept out of the public header).
#include "newsdex/json.hpp"

#include <nlohmann/json.hpp>

#include <utility>
#include <vector>

namespace newsdex {

namespace {

using nlohmann::json;

const char* sort_name(SortOrder sort) {
    switch (sort) {
        case SortOrder::relevance: return "relevance";
        case SortOrder::date_ascending: return "date";
        case SortOrder::date_descending: return "-date";
    }
    return "relevance";
}

const char* entity_type_name(EntityType type) {
    switch (type) {
        case EntityType::person: return "person";
        case EntityType::place: return "place";
        case EntityType::org: return "org";
    }
    return "org";
}

json ranges(const std::vector<std::pair<std::size_t, std::size_t>>& spans) {
    json out = json::array();
    for (auto [b, e] : spans) out.push_back({b, e});
    return out;
}

json text_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

/// {"person": [...], "place": [...], "org": [...]}, only the types the article names.
json entities_json(const std::vector<Entity>& entities) {
    json out = json::object();
    for (const Entity& e : entities) out[entity_type_name(e.type)].push_back(e.canonical);
    return out;
}

// Invalid UTF-8 cannot reach here (inputs are repaired), but never abort on it.
std::string dump(const json& doc) { return doc.dump(-1, ' ', false, json::error_handler_t::replace); }

json explain_json(const std::vector<TermExplanation>& rows) {
    json explain = json::array();
    for (const TermExplanation& e : rows) {
        explain.push_back({{"term", e.term}, {"kind", e.kind}, {"fields", e.fields}, {"wdf", e.wdf}, {"weight", e.weight}});
    }
    return explain;
}

/// The stored fields a hit and a whole article share ("" as null).
json article_fields(const Article& a) {
    json out;
    out["id"] = a.id;
    out["title"] = a.title;
    out["date"] = text_or_null(a.date);
    out["source"] = text_or_null(a.source);
    out["url"] = text_or_null(a.url);
    out["lang"] = text_or_null(a.lang);
    out["entities"] = entities_json(a.entities);
    return out;
}

json hit_json(const Hit& hit, const SearchRequest& request) {
    json h = article_fields(hit.article);
    h["rank"] = hit.rank;
    h["title_highlights"] = ranges(hit.title_highlights);
    h["score"] = hit.score;
    h["cluster"] = text_or_null(hit.cluster);
    h["similar"] = hit.similar;
    if (request.explain) h["explain"] = explain_json(hit.explain);
    json snippets = json::array();
    for (const Snippet& s : hit.snippets) {
        snippets.push_back({{"text", s.text},
                            {"highlights", ranges(s.highlights)},
                            {"field", s.field},
                            {"truncated_start", s.starts_mid_text},
                            {"truncated_end", s.ends_mid_text}});
    }
    h["snippets"] = std::move(snippets);
    return h;
}

/// The keys that describe the search as a whole (before "hits").
void put_header(json& doc, const SearchResults& results, const SearchRequest& request) {
    doc["format_version"] = json_format_version;
    doc["query"] = results.query;
    doc["parsed_query"] = results.parsed_query;
    doc["mode"] = results.mode == QueryMode::natural ? "natural" : "boolean";
    json feedback = json::array();
    for (const auto& [term, weight] : results.feedback_terms) feedback.push_back({{"term", term}, {"weight", weight}});
    doc["feedback"] = results.feedback ? json(feedback) : json(nullptr);
    doc["regularised"] = results.regularised;
    if (!results.evidence.empty()) {
        json evidence = json::object();
        for (const auto& [name, value] : results.evidence) evidence[name] = value;
        doc["rerank"] = {{"strength", results.rerank_strength}, {"evidence", evidence}};
    }
    doc["total_estimate"] = results.total_estimate;
    doc["total_lower_bound"] = results.total_lower_bound;
    doc["total_upper_bound"] = results.total_upper_bound;
    doc["offset"] = results.offset;
    doc["limit"] = request.limit;
    doc["sort"] = sort_name(request.sort);
    doc["exact"] = results.exact;
    doc["collapsed"] = results.collapsed;
    doc["suggestion"] = text_or_null(results.suggestion);
    doc["auto_corrected"] = results.auto_corrected;
    doc["since"] = text_or_null(request.since);
    doc["until"] = text_or_null(request.until);
    doc["like"] = text_or_null(request.like_id);
    doc["expand"] = text_or_null(request.expand_id);
    doc["recency"] = results.recency_half_life == 0
                         ? json(nullptr)
                         : json{{"reference", results.recency_reference},
                                {"half_life_seconds", results.recency_half_life}};
    // Shards left out (--allow-missing-shards): the counts are the other shards'.
    doc["missing_shards"] = results.missing_shards;
}

}  // namespace

std::string to_json(const SearchResults& results, const SearchRequest& request) {
    json doc;
    put_header(doc, results, request);
    json hits = json::array();
    for (const Hit& hit : results.hits) hits.push_back(hit_json(hit, request));
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
            for (const RelatedEntity& e : values) list.push_back({{"value", e.value}, {"score", e.score}, {"count", e.count}});
            related[type] = std::move(list);
        }
        doc["related"] = std::move(related);
        doc["related_sample"] = results.related_sample;
    }
    return dump(doc);
}

std::string to_json(const Article& article) {
    json doc = article_fields(article);
    doc["format_version"] = json_format_version;
    doc["body"] = article.body;
    return dump(doc);
}

std::string to_jsonl_record(const Article& article) {
    json doc = json::object();
    doc["id"] = article.id;
    for (const auto& [name, value] : {std::pair<const char*, const std::string*>{"title", &article.title},
                                      {"body", &article.body},
                                      {"date", &article.date},
                                      {"source", &article.source},
                                      {"url", &article.url},
                                      {"lang", &article.lang}}) {
        if (!value->empty()) doc[name] = *value;
    }
    return dump(doc);
}

std::string to_json(const IndexStats& stats) {
    auto counts = [](const std::vector<std::pair<std::string, std::size_t>>& values) {
        json list = json::array();
        for (const auto& [value, count] : values) list.push_back({{"value", value}, {"count", count}});
        return list;
    };
    json doc;
    doc["format_version"] = json_format_version;
    doc["articles"] = stats.articles;
    doc["languages"] = counts(stats.languages);
    doc["sources"] = counts(stats.sources);
    doc["undated"] = stats.undated;
    doc["first_date"] = text_or_null(stats.first_date);
    doc["last_date"] = text_or_null(stats.last_date);
    doc["bytes"] = stats.bytes;
    doc["schema_version"] = stats.schema_version;
    doc["last_modified"] = text_or_null(stats.last_modified);
    return dump(doc);
}

std::string error_json(const std::string& query, const std::string& message, const std::string& kind,
                       int exit_code) {
    json doc;
    doc["format_version"] = json_format_version;
    doc["query"] = text_or_null(query);
    doc["error"] = message;
    doc["kind"] = kind;
    doc["exit_code"] = exit_code;
    return dump(doc);
}

std::string count_json(const SearchResults& results) {
    json doc;
    doc["format_version"] = json_format_version;
    doc["query"] = results.query;
    doc["count"] = results.total_estimate;
    doc["exact"] = results.exact;
    return dump(doc);
}

}  // namespace newsdex
