// newsdex-search options of issue 5: --natural, --feedback, --no-feedback,
// --feedback-rounds
// (argv -> SearchRequest, or a UsageError).
#include <gtest/gtest.h>

#include <vector>

#include "newsdex/error.hpp"
#include "options.hpp"

namespace {

using newsdex::QueryMode;
using newsdex::searcher::parse_search_options;
using newsdex::searcher::SearchOptions;

SearchOptions parse(std::vector<const char*> args) {
    args.insert(args.begin(), "newsdex-search");
    return parse_search_options(static_cast<int>(args.size()), args.data());
}

TEST(SearchOptions, QueryLanguageByDefaultFeedbackFollowsTheMode) {
    SearchOptions o = parse({"--db", "x", "Kursk", "surrender"});
    EXPECT_EQ(o.request.mode, QueryMode::boolean);
    EXPECT_FALSE(o.request.feedback.has_value());
    EXPECT_FALSE(newsdex::uses_feedback(o.request));
    o = parse({"--db", "x", "--natural", "What", "did", "Putin", "say?"});
    EXPECT_EQ(o.request.mode, QueryMode::natural);
    EXPECT_EQ(o.request.query, "What did Putin say?");
    EXPECT_TRUE(newsdex::uses_feedback(o.request));
}

TEST(SearchOptions, FeedbackSwitches) {
    EXPECT_FALSE(newsdex::uses_feedback(parse({"--db", "x", "--natural", "--no-feedback", "q"}).request));
    EXPECT_TRUE(newsdex::uses_feedback(parse({"--db", "x", "--feedback", "q"}).request));
    try {
        (void)parse({"--db", "x", "--feedback", "--no-feedback", "q"});
        FAIL() << "no UsageError";
    } catch (const newsdex::UsageError& e) {
        EXPECT_STREQ(e.what(), "--feedback and --no-feedback contradict each other");
    }
}

TEST(SearchOptions, FeedbackRounds) {
    EXPECT_FALSE(parse({"--db", "x", "--natural", "q"}).request.feedback_rounds.has_value());
    SearchOptions o = parse({"--db", "x", "--natural", "--feedback-rounds", "2", "q"});
    ASSERT_TRUE(o.request.feedback_rounds.has_value());
    EXPECT_EQ(*o.request.feedback_rounds, 2u);
    EXPECT_EQ(o.request.query, "q");
    try {
        (void)parse({"--db", "x", "--natural", "--no-feedback", "--feedback-rounds", "2", "q"});
        FAIL() << "no UsageError";
    } catch (const newsdex::UsageError& e) {
        EXPECT_STREQ(e.what(), "--feedback-rounds and --no-feedback contradict each other");
    }
}

TEST(SearchOptions, RegularisationSwitches) {
    EXPECT_FALSE(parse({"--db", "x", "--natural", "q"}).request.regularise.has_value());
    EXPECT_TRUE(newsdex::uses_regularisation(parse({"--db", "x", "--natural", "q"}).request));
    EXPECT_FALSE(newsdex::uses_regularisation(parse({"--db", "x", "--natural", "--no-regularise", "q"}).request));
    EXPECT_TRUE(newsdex::uses_regularisation(parse({"--db", "x", "--regularise", "q"}).request));
    EXPECT_FALSE(newsdex::uses_regularisation(parse({"--db", "x", "q"}).request));
    auto refused = [](std::vector<const char*> args, const char* why) {
        try {
            (void)parse(args);
            ADD_FAILURE() << "no UsageError: " << why;
        } catch (const newsdex::UsageError& e) {
            EXPECT_STREQ(e.what(), why);
        }
    };
    refused({"--db", "x", "--regularise", "--no-regularise", "q"}, "--regularise and --no-regularise contradict each other");
    refused({"--db", "x", "--regularise", "--sort", "-date", "q"},
            "--regularise re-ranks by relevance; it does not combine with --sort -date");
    // A natural query sorted by date is simply not regularised.
    EXPECT_EQ(parse({"--db", "x", "--natural", "--sort", "date", "q"}).request.sort, newsdex::SortOrder::date_ascending);
}

TEST(SearchOptions, NaturalQueryMayStartWithADashAfterDoubleDash) {
    SearchOptions o = parse({"--db", "x", "--natural", "--", "-40 degrees in Yakutsk"});
    EXPECT_EQ(o.request.query, "-40 degrees in Yakutsk");
}

}  // namespace

namespace {

TEST(SearchOptions, ServeTakesAnAddressAndPort) {
    SearchOptions o = parse({"--db", "x", "--serve", "8080"});
    EXPECT_TRUE(o.serve);
    EXPECT_EQ(o.server.address, "127.0.0.1");  // loopback unless an address is given
    EXPECT_EQ(o.server.port, 8080);
    o = parse({"--db", "x", "--serve", "0.0.0.0:9000", "--workers", "3", "--queue", "5", "--timeout", "2", "--quiet"});
    EXPECT_EQ(o.server.address, "0.0.0.0");
    EXPECT_EQ(o.server.port, 9000);
    EXPECT_EQ(o.server.workers, 3u);
    EXPECT_EQ(o.server.queue_limit, 5u);
    EXPECT_DOUBLE_EQ(o.server.limits.time_limit_seconds, 2);
    EXPECT_TRUE(o.server.quiet);
    o = parse({"--serve", "[::1]:8080"});
    EXPECT_EQ(o.server.address, "::1");
    EXPECT_EQ(parse({"--serve", "0"}).server.port, 0);  // any free port
}

TEST(SearchOptions, ServeRefusesSearchOptionsAndBadValues) {
    const std::vector<std::vector<const char*>> bad = {
        {"--serve", "65536"}, {"--serve", "host:"}, {"--serve", ":80"}, {"--serve", "http"},
        {"--serve", "80", "--workers", "0"}, {"--serve", "80", "--queue", "x"}, {"--serve", "80", "--limit", "3"},
        {"--serve", "80", "Kursk"}, {"--serve", "80", "--queries", "-"}, {"--quiet", "Kursk"}};
    for (const auto& args : bad) {
        SCOPED_TRACE(args[1]);
        EXPECT_THROW(parse(args), newsdex::UsageError);
    }
    try {
        parse({"--serve", "80", "--limit", "3"});
    } catch (const newsdex::UsageError& e) {
        EXPECT_STREQ(e.what(), "--limit applies to one search: with --serve give it as a request parameter "
                               "(/search?q=...&limit=...)");
    }
}

}  // namespace
