// RequestBuilder (newsdex/request.hpp): search options by name from text,
// the one reader for command-line flags, HTTP parameters and Python keywords.
#include "newsdex/request.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace newsdex;

std::string cli_spelling(std::string_view field) {
    std::string flag = "--" + std::string(field);
    for (char& c : flag) c = c == '_' ? '-' : c;
    return flag;
}

/// The message and field of the RequestError @p build throws ("" when it does not).
template <class Build>
std::pair<std::string, std::string> error_of(Build&& build) {
    try {
        build();
    } catch (const RequestError& e) {
        return {e.what(), e.field()};
    }
    return {"", ""};
}

TEST(RequestBuilder, SetsEveryKindOfFieldFromText) {
    SearchRequest r = RequestBuilder()
                          .set("q", "Kursk surrender")
                          .set("limit", "5")
                          .set("offset", "20")
                          .set("sort", "-date")
                          .set("lang", "fr")
                          .set("facets", "person,place")
                          .set("facet_limit", "3")
                          .set("related", "7")
                          .set("snippets", "0")
                          .set("snippet-bytes", "120")
                          .set("timeout", "0.5")
                          .set("since", "2024-03")
                          .set("until", "2025")
                          .set("no_collapse", "true")
                          .set("explain", "")
                          .set("no_suggest", "yes")
                          .set("auto_correct", "0")
                          .set("recency", "30d")
                          .set("recency_ref", "2025-03-14")
                          .build();
    EXPECT_EQ(r.query, "Kursk surrender");
    EXPECT_EQ(r.limit, 5u);
    EXPECT_EQ(r.offset, 20u);
    EXPECT_EQ(r.sort, SortOrder::date_descending);
    EXPECT_EQ(r.language, "fr");
    EXPECT_EQ(r.facets, (std::vector<std::string>{"person", "place"}));
    EXPECT_EQ(r.facet_limit, 3u);
    EXPECT_EQ(r.related, 7u);
    EXPECT_EQ(r.snippets_per_hit, 0u);
    EXPECT_EQ(r.snippet_bytes, 120u);
    EXPECT_DOUBLE_EQ(r.timeout_seconds, 0.5);
    EXPECT_EQ(r.since, "2024-03");
    EXPECT_EQ(r.until, "2025");
    EXPECT_FALSE(r.collapse);
    EXPECT_TRUE(r.explain);
    EXPECT_FALSE(r.suggest);
    EXPECT_FALSE(r.auto_correct);
    EXPECT_EQ(r.recency_half_life.count(), 30 * 86400);
    EXPECT_EQ(r.recency_reference, "2025-03-14");
}

TEST(RequestBuilder, DefaultsAreTheSearchRequestDefaults) {
    SearchRequest built = RequestBuilder().build();
    SearchRequest plain;
    EXPECT_EQ(built.limit, plain.limit);
    EXPECT_EQ(built.offset, plain.offset);
    EXPECT_EQ(built.snippets_per_hit, plain.snippets_per_hit);
    EXPECT_EQ(built.collapse, plain.collapse);
    EXPECT_EQ(built.suggest, plain.suggest);
    EXPECT_FALSE(built.feedback.has_value());
    EXPECT_FALSE(built.regularise.has_value());
    EXPECT_EQ(built.mode, QueryMode::boolean);
}

TEST(RequestBuilder, TypedSettersForKeywordsAndRepeatedParameters) {
    RequestBuilder builder;
    builder.set_flag("natural", true).set_list("facets", {"person"}).set("facets", "org,person");
    SearchRequest r = builder.build();
    EXPECT_EQ(r.mode, QueryMode::natural);
    EXPECT_EQ(r.facets, (std::vector<std::string>{"person", "org"}));  // added once each, in order
    EXPECT_EQ(error_of([] { RequestBuilder().set_flag("limit", true); }).first, "limit takes a value, not true or false");
    EXPECT_EQ(error_of([] { RequestBuilder().set_list("sort", {"date"}); }).first, "sort takes one value, not a list");
}

TEST(RequestBuilder, ErrorsNameTheFieldAsTheFrontEndSpellsIt) {
    struct Row {
        const char* name;
        const char* value;
        const char* message;  ///< with the default spelling
        const char* cli;      ///< with "--flag" spelling
    };
    const std::vector<Row> rows{
        {"limit", "abc", R"(limit must be a whole number, not "abc")", R"(--limit must be a whole number, not "abc")"},
        {"limit", "100001", "limit must be at most 100000", "--limit must be at most 100000"},
        {"limit", "-1", R"(limit must be a whole number, not "-1")", R"(--limit must be a whole number, not "-1")"},
        {"related", "0", "related must be between 1 and 100", "--related must be between 1 and 100"},
        {"feedback_rounds", "4", "feedback_rounds must be between 1 and 3", "--feedback-rounds must be between 1 and 3"},
        {"timeout", "1e9", R"(timeout must be a number of seconds between 0 and 86400, not "1e9")",
         R"(--timeout must be a number of seconds between 0 and 86400, not "1e9")"},
        {"timeout", "86401", "timeout must be a number of seconds between 0 and 86400",
         "--timeout must be a number of seconds between 0 and 86400"},
        {"sort", "newest", R"(sort must be relevance, date or -date, not "newest")",
         R"(--sort must be relevance, date or -date, not "newest")"},
        {"since", "2024-13", R"(since: bad date "2024-13": month must be 01-12)",
         R"(--since: bad date "2024-13": month must be 01-12)"},
        {"recency_ref", "2023-02-29", R"(recency_ref: bad date "2023-02-29": 2023-02 has only 28 days)",
         R"(--recency-ref: bad date "2023-02-29": 2023-02 has only 28 days)"},
        {"recency", "30", R"(recency: bad half-life "30": write a positive number and a unit s, m, h, d, w or y (e.g. 30d, 12h, 2w))",
         R"(--recency: bad half-life "30": write a positive number and a unit s, m, h, d, w or y (e.g. 30d, 12h, 2w))"},
        {"explain", "maybe", R"(explain must be true or false, not "maybe")", R"(--explain must be true or false, not "maybe")"},
        {"facets", "person,colour",
         R"(facets: unknown facet "colour" (facets: person, place, org, source, lang, year, month))",
         R"(--facets: unknown facet "colour" (facets: person, place, org, source, lang, year, month))"},
        {"colour", "red", R"(unknown search option "colour")", R"(unknown search option "colour")"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::string(row.name) + "=" + row.value);
        auto [message, field] = error_of([&] { RequestBuilder().set(row.name, row.value); });
        EXPECT_EQ(message, row.message);
        EXPECT_EQ(field, row.name);
        EXPECT_EQ(error_of([&] { RequestBuilder(cli_spelling).set(row.name, row.value); }).first, row.cli);
    }
}

TEST(RequestBuilder, FieldsThatContradictEachOther) {
    auto built = [](std::vector<std::pair<const char*, const char*>> fields) {
        return error_of([&] {
            RequestBuilder builder(cli_spelling);
            for (auto [name, value] : fields) builder.set(name, value);
            (void)builder.build();
        });
    };
    EXPECT_EQ(built({{"feedback", "true"}, {"no_feedback", "true"}}).first,
              "--feedback and --no-feedback contradict each other");
    EXPECT_EQ(built({{"feedback_rounds", "2"}, {"no_feedback", "true"}}).first,
              "--feedback-rounds and --no-feedback contradict each other");
    EXPECT_EQ(built({{"feedback_rounds", "2"}, {"feedback", "false"}}).first,
              "--feedback-rounds and --feedback contradict each other");
    EXPECT_EQ(built({{"regularise", "1"}, {"no_regularise", "1"}}).first,
              "--regularise and --no-regularise contradict each other");
    EXPECT_EQ(built({{"regularise", "1"}, {"sort", "date"}}).first,
              "--regularise re-ranks by relevance; it does not combine with --sort date");
    EXPECT_EQ(built({{"recency_ref", "2025"}}).first, "--recency-ref needs --recency HALF_LIFE");
    auto order = built({{"since", "2025"}, {"until", "2024"}});
    EXPECT_EQ(order.first, "--since 2025 is after --until 2024");
    EXPECT_EQ(order.second, "since");
    // Agreeing wishes are fine: feedback=false says what no_feedback says.
    RequestBuilder agreeing;
    agreeing.set("feedback", "false").set("no_feedback", "true").set("no_regularise", "false");
    SearchRequest r = agreeing.build();
    EXPECT_EQ(r.feedback, std::optional<bool>(false));
    EXPECT_FALSE(r.regularise.has_value());  // no_regularise=false says nothing
}

TEST(RequestBuilder, CountAsksForNoHitsAndCountsArticles) {
    RequestBuilder builder;
    builder.set("count", "true").set("limit", "50");
    SearchRequest r = builder.build();
    EXPECT_TRUE(builder.count_only());
    EXPECT_TRUE(r.exact_count);
    EXPECT_FALSE(r.collapse);
    EXPECT_EQ(r.limit, 0u);
    EXPECT_EQ(r.snippets_per_hit, 0u);
}

TEST(RequestBuilder, NothingToRankListsNewestFirstUnlessASortIsGiven) {
    auto sort_of = [](std::vector<std::pair<const char*, const char*>> fields) {
        RequestBuilder builder;
        for (const auto& [name, value] : fields) builder.set(name, value);
        return builder.build().sort;
    };
    // Filters, exclusions or a date window alone: every score is 0, so newest first.
    EXPECT_EQ(sort_of({{"query", "place:kursk"}}), SortOrder::date_descending);
    EXPECT_EQ(sort_of({{"query", "date:7d"}}), SortOrder::date_descending);
    EXPECT_EQ(sort_of({{"query", "source:AFP -oil"}}), SortOrder::date_descending);
    EXPECT_EQ(sort_of({{"since", "2025-03"}}), SortOrder::date_descending);
    // Words rank.
    EXPECT_EQ(sort_of({{"query", "place:kursk troops"}}), SortOrder::relevance);
    EXPECT_EQ(sort_of({{"query", "person:putin"}, {"natural", "true"}}), SortOrder::relevance);
    // A sort asked for wins, relevance included (HTTP sort=relevance, --sort relevance).
    EXPECT_EQ(sort_of({{"query", "place:kursk"}, {"sort", "relevance"}}), SortOrder::relevance);
    EXPECT_EQ(sort_of({{"query", "place:kursk"}, {"sort", "date"}}), SortOrder::date_ascending);
    EXPECT_EQ(sort_of({{"since", "2025-03"}, {"sort", "relevance"}}), SortOrder::relevance);
    // Something else ranks: the recency bonus, --like, --expand.
    EXPECT_EQ(sort_of({{"query", "place:kursk"}, {"recency", "2d"}}), SortOrder::relevance);
    EXPECT_EQ(sort_of({{"query", "lang:fr"}, {"like", "a1"}}), SortOrder::relevance);
    EXPECT_EQ(sort_of({{"expand", "a1"}}), SortOrder::relevance);
}

TEST(RequestFields, EveryFieldIsReadByTheBuilder) {
    ASSERT_GE(request_fields().size(), 25u);
    for (const RequestField& field : request_fields()) {
        SCOPED_TRACE(std::string(field.name));
        EXPECT_FALSE(field.help.empty());
        const char* value = field.kind == RequestFieldKind::flag     ? "true"
                            : field.kind == RequestFieldKind::number ? "1"
                            : field.kind == RequestFieldKind::list   ? "person"
                                                                     : "";
        std::string text = field.name == "sort" ? "date" : field.name == "recency" ? "1d" : value;
        EXPECT_NO_THROW(RequestBuilder().set(field.name, text));
        // Names with '-' are the same fields (the command line's spelling).
        std::string dashed(field.name);
        for (char& c : dashed) c = c == '_' ? '-' : c;
        EXPECT_NO_THROW(RequestBuilder().set(dashed, text));
    }
}

TEST(CheckRequest, AStructFilledByHandGetsTheSameChecks) {
    SearchRequest r;
    r.since = "2025-02-30";
    EXPECT_EQ(error_of([&] { check_request(r); }).first, R"(since: bad date "2025-02-30": 2025-02 has only 28 days)");
    r.since = "2025";
    r.until = "2024-06";
    EXPECT_EQ(error_of([&] { check_request(r); }).first, "since 2025 is after until 2024-06");
    r.until.clear();
    r.facets = {"colour"};
    EXPECT_EQ(error_of([&] { check_request(r); }).first,
              R"(unknown facet "colour" (facets: person, place, org, source, lang, year, month))");
    r.facets = {"year"};
    EXPECT_NO_THROW(check_request(r));
}

}  // namespace
