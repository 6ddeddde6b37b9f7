// The versioned JSON format (newsdex/json.hpp): results, stored articles and
// errors, byte for byte, as README.md documents them.
#include "newsdex/json.hpp"
#include "newsdex/readers.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace {

using namespace newsdex;

SearchResults one_hit() {
    SearchResults results;
    results.query = "Kursk surrender";
    results.parsed_query = "Query((kursk@1 AND Zsurrend@2))";
    results.total_estimate = results.total_lower_bound = results.total_upper_bound = 1;
    results.exact = true;
    results.collapsed = true;
    Hit hit;
    hit.rank = 1;
    hit.score = 2.5;
    hit.article.id = "a1";
    hit.article.title = "Troops in Kursk surrender";
    hit.article.date = "2025-03-14";
    hit.article.entities = {{EntityType::place, "Kursk", 2}, {EntityType::person, "Vladimir Putin", 1}};
    hit.title_highlights = {{10, 15}, {16, 25}};
    Snippet snippet;
    snippet.text = "in Kursk";
    snippet.highlights = {{3, 8}};
    snippet.ends_mid_text = true;
    hit.snippets.push_back(snippet);
    hit.explain.push_back({"kursk", "word", {"title", "body"}, 3, 1.25});
    results.hits.push_back(hit);
    results.facets["person"] = {{"Vladimir Putin", 1}};
    return results;
}

TEST(Json, SearchResultsByteForByte) {
    SearchRequest request;
    request.query = "Kursk surrender";
    EXPECT_EQ(to_json(one_hit(), request),
              R"({"auto_corrected":false,"collapsed":true,"exact":true,"expand":null,"feedback":null,"format_version":1,)"
              R"("hits":[{"cluster":null,"date":"2025-03-14","entities":{"person":["Vladimir Putin"],"place":["Kursk"]},)"
              R"("id":"a1","lang":null,"rank":1,"score":2.5,"similar":0,"snippets":[{"field":"body","highlights":[[3,8]],)"
              R"("text":"in Kursk","truncated_end":true,"truncated_start":false}],"source":null,)"
              R"("title":"Troops in Kursk surrender","title_highlights":[[10,15],[16,25]],"url":null}],"like":null,)"
              R"j("limit":10,"missing_shards":[],"mode":"boolean","offset":0,"parsed_query":"Query((kursk@1 AND Zsurrend@2))",)j"
              R"("query":"Kursk surrender","recency":null,"regularised":false,"since":null,"sort":"relevance",)"
              R"("suggestion":null,"total_estimate":1,"total_lower_bound":1,"total_upper_bound":1,"until":null})");
}

TEST(Json, OptionalKeysFollowTheRequest) {
    SearchRequest request;
    request.sort = SortOrder::date_descending;
    request.since = "2025";
    request.explain = true;
    request.facets = {"person"};
    request.related = 3;
    SearchResults results = one_hit();
    results.feedback = true;
    results.feedback_terms = {{"Zceasefir", 0.5}};
    results.recency_reference = "2025-03-14T00:00:00Z";
    results.recency_half_life = 86400;
    results.related["person"] = {{"Vladimir Putin", 4.5, 1}};
    results.related_sample = 1;
    auto doc = nlohmann::json::parse(to_json(results, request));
    EXPECT_EQ(doc["sort"], "-date");
    EXPECT_EQ(doc["since"], "2025");
    EXPECT_EQ(doc["feedback"][0]["term"], "Zceasefir");
    EXPECT_EQ(doc["recency"]["half_life_seconds"], 86400);
    EXPECT_EQ(doc["hits"][0]["explain"][0]["kind"], "word");
    EXPECT_EQ(doc["hits"][0]["explain"][0]["fields"], nlohmann::json({"title", "body"}));
    EXPECT_EQ(doc["facets"]["person"][0]["count"], 1);
    EXPECT_EQ(doc["related"]["person"][0]["score"], 4.5);
    EXPECT_EQ(doc["related_sample"], 1);
    // Without asking, none of them appear.
    auto plain = nlohmann::json::parse(to_json(results, SearchRequest{}));
    EXPECT_FALSE(plain.contains("facets"));
    EXPECT_FALSE(plain.contains("related"));
    EXPECT_FALSE(plain["hits"][0].contains("explain"));
}

TEST(Json, StoredArticleWithEveryField) {
    Article a;
    a.id = "a1";
    a.title = "Kursk";
    a.body = "Troops surrendered.\nMore text.";
    a.url = "https://example.org/a1";
    a.lang = "en";
    a.entities = {{EntityType::org, "NATO", 1}, {EntityType::org, "G7", 1}};
    EXPECT_EQ(to_json(a), R"({"body":"Troops surrendered.\nMore text.","date":null,"entities":{"org":["NATO","G7"]},)"
                          R"("format_version":1,"id":"a1","lang":"en","source":null,"title":"Kursk",)"
                          R"("url":"https://example.org/a1"})");
}

TEST(Json, ErrorsAndInvalidUtf8NeverAbort) {
    EXPECT_EQ(error_json("Kursk AND", "AND at character 7 has no search term after it"),
              R"({"error":"AND at character 7 has no search term after it","exit_code":2,"format_version":1,)"
              R"("kind":"query","query":"Kursk AND"})");
    EXPECT_EQ(error_json("\xff", "x"),
              "{\"error\":\"x\",\"exit_code\":2,\"format_version\":1,\"kind\":\"query\",\"query\":\"\xEF\xBF\xBD\"}");
    // Errors without a query (a missing index) carry a null query (issue 14).
    EXPECT_EQ(error_json("", "no index here", "index_missing", 66),
              R"({"error":"no index here","exit_code":66,"format_version":1,"kind":"index_missing","query":null})");
}

}  // namespace

TEST(Json, JsonlRecordIsWhatTheIndexerReadsBack) {
    Article a;
    a.id = "wire-1";
    a.title = "Floods \"hit\" Valencia";
    a.body = "Line one.\n\nLine two \u00e9.";
    a.date = "2024-10-30T08:00:00+01:00";
    a.lang = "en";
    a.entities.push_back({EntityType::place, "Valencia"});  // derived again on indexing: not written
    EXPECT_EQ(to_jsonl_record(a), R"({"body":"Line one.\n\nLine two )" "\u00e9" R"(.","date":"2024-10-30T08:00:00+01:00",)"
                                  R"("id":"wire-1","lang":"en","title":"Floods \"hit\" Valencia"})");
    // And the JSONL reader gives the same article back.
    std::string line = to_jsonl_record(a);
    Article back;
    std::vector<std::string> repairs;
    ASSERT_EQ(parse_jsonl_record(line, back, repairs), "");
    EXPECT_EQ(back.id, a.id);
    EXPECT_EQ(back.title, a.title);
    EXPECT_EQ(back.body, a.body);
    EXPECT_EQ(back.date, a.date);
    EXPECT_EQ(back.lang, a.lang);
    EXPECT_TRUE(back.source.empty() && back.url.empty() && repairs.empty());
}
