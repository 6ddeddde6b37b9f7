/// @file dates_test.cpp
/// Publication dates, query date ranges and the date: query field.
#include "newsdex/dates.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "date_range_processor.hpp"
#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"

namespace {

using newsdex::DateRange;
using newsdex::Timestamp;

// Reference values (computed independently with Python's calendar.timegm).
constexpr std::int64_t t_2025_01_01 = 1735689600;
constexpr std::int64_t t_2025_02_01 = 1738368000;
constexpr std::int64_t t_2025_03_01 = 1740787200;
constexpr std::int64_t t_2025_03_14 = 1741910400;
constexpr std::int64_t t_2025_04_01 = 1743465600;
constexpr std::int64_t t_2026_01_01 = 1767225600;
constexpr std::int64_t day = 86400;

struct DateRow {
    std::string input;
    std::optional<Timestamp> expected;
};

std::string show(const std::optional<Timestamp>& t) {
    if (!t) return "nullopt";
    return std::to_string(t->seconds) + (t->has_time ? " (time)" : " (date)");
}

TEST(ParsePublishedDate, AcceptsIsoDatesAndTimes) {
    const std::vector<DateRow> rows = {
        {"2025-03-14", Timestamp{t_2025_03_14, false}},
        {"2025-03", Timestamp{t_2025_03_01, false}},
        {"2025", Timestamp{t_2025_01_01, false}},
        {"2025-03-14T10:20:30", Timestamp{t_2025_03_14 + 37230, true}},
        {"2025-03-14 10:20:30", Timestamp{t_2025_03_14 + 37230, true}},
        {"2025-03-14t10:20:30z", Timestamp{t_2025_03_14 + 37230, true}},
        {"2025-03-14T10:20", Timestamp{t_2025_03_14 + 37200, true}},
        {"2025-03-14T10:20:30Z", Timestamp{t_2025_03_14 + 37230, true}},
        {"1987-02-26T15:01:01.79", Timestamp{541350061, true}},
        {"1987-02-26T15:01:01,5Z", Timestamp{541350061, true}},
        {"2025-03-14T10:20:30.123456+00:00", Timestamp{t_2025_03_14 + 37230, true}},
        // Offsets: UTC = local - offset.
        {"2025-03-14T12:20:30+02:00", Timestamp{t_2025_03_14 + 37230, true}},
        {"2025-03-14T05:20:30-0500", Timestamp{t_2025_03_14 + 37230, true}},
        {"2025-03-14T15:50:30+05:30", Timestamp{t_2025_03_14 + 37230, true}},
        {"2025-03-14T12:20:30+02", Timestamp{t_2025_03_14 + 37230, true}},
        {"2025-03-14T23:30:00-02:00", Timestamp{t_2025_03_14 + day + 5400, true}},  // next day
        {"2025-01-01T00:30:00+01:00", Timestamp{t_2025_01_01 - 1800, true}},       // previous year
        // Leap days.
        {"2024-02-29", Timestamp{1709164800, false}},
        {"2000-02-29", Timestamp{951782400, false}},
        // Extremes and pre-epoch.
        {"0001-01-01", Timestamp{-62135596800, false}},
        {"9999-12-31", Timestamp{253402214400, false}},
        {"1969-12-31T23:59:59Z", Timestamp{-1, true}},
        {"1900-03-01", Timestamp{-2203891200, false}},
        // Surrounding whitespace is ignored.
        {"  2025-03-14\n", Timestamp{t_2025_03_14, false}},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.input);
        const auto got = newsdex::parse_published_date(row.input);
        EXPECT_EQ(show(got), show(row.expected));
    }
}

TEST(ParsePublishedDate, RejectsInvalidOrMissingDates) {
    const std::vector<std::string> bad = {
        "",
        "   ",
        "2025-13-01",
        "2025-00-10",
        "2025-02-30",
        "2023-02-29",  // not a leap year
        "1900-02-29",  // century, not a leap year
        "2025-04-31",
        "2025-03-00",
        "2025-03-32",
        "0000-01-01",
        "25-03-14",
        "2025-3-14",
        "2025-03-1",
        "20250314",
        "12025-03-14",
        "2025/03/14",
        "14/03/2025",
        "31/02/2007",
        "March 14, 2025",
        "garbage",
        "2025-03-14T",
        "2025-03-14T24:00:00",
        "2025-03-14T10:60",
        "2025-03-14T10:20:61",
        "2025-03-14T10",
        "2025-03-14T10:20:30.",
        "2025-03-14T10:20:30+25:00",
        "2025-03-14T10:20:30+02:0",
        "2025-03-14T10:20:30 UTC",
        "2025-03-14Z",
        "2025-03-14x",
        "2025-03x",
        "2025x",
        "1987-03-31T605:12:19.12",  // the corrupt Reuters time
    };
    for (const auto& input : bad) {
        SCOPED_TRACE(input);
        EXPECT_EQ(show(newsdex::parse_published_date(input)), "nullopt");
    }
}

struct FormatRow {
    Timestamp t;
    std::string iso, year, month;
};

TEST(DateFormatting, GivesIsoYearAndMonthInUtc) {
    const std::vector<FormatRow> rows = {
        {{t_2025_03_14, false}, "2025-03-14", "2025", "2025-03"},
        {{t_2025_03_14 + 37230, true}, "2025-03-14T10:20:30Z", "2025", "2025-03"},
        {{t_2025_01_01 - 1, true}, "2024-12-31T23:59:59Z", "2024", "2024-12"},
        {{1709164800, false}, "2024-02-29", "2024", "2024-02"},
        {{0, true}, "1970-01-01T00:00:00Z", "1970", "1970-01"},
        {{-1, true}, "1969-12-31T23:59:59Z", "1969", "1969-12"},
        {{-62135596800, false}, "0001-01-01", "0001", "0001-01"},
        {{253402214400 + day - 1, true}, "9999-12-31T23:59:59Z", "9999", "9999-12"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.iso);
        EXPECT_EQ(newsdex::format_iso(row.t), row.iso);
        EXPECT_EQ(newsdex::year_of(row.t), row.year);
        EXPECT_EQ(newsdex::month_of(row.t), row.month);
    }
}

TEST(DateFormatting, RoundTripsEveryDayOfFourHundredYears) {
    // One full Gregorian cycle, across the epoch: parse(format(t)) == t.
    const std::int64_t start = -62135596800 + 1600LL * 365 * day;  // roughly 1600
    for (std::int64_t s = start; s < start + 146097 * day; s += day) {
        const Timestamp t{s, false};
        const auto back = newsdex::parse_published_date(newsdex::format_iso(t));
        ASSERT_TRUE(back.has_value()) << newsdex::format_iso(t);
        ASSERT_EQ(back->seconds, s) << newsdex::format_iso(t);
    }
}

struct RangeRow {
    std::string input;
    DateRange expected;
};

std::string show(const DateRange& r) {
    return (r.begin ? std::to_string(*r.begin) : "-inf") + ".." +
           (r.end ? std::to_string(*r.end) : "+inf");
}

TEST(ParseDateRange, CoversEveryForm) {
    const std::vector<RangeRow> rows = {
        {"2025-03-14", {t_2025_03_14, t_2025_03_14 + day}},
        {"2025-03", {t_2025_03_01, t_2025_04_01}},
        {"2025-02", {t_2025_02_01, t_2025_03_01}},
        {"2024-02", {1706745600, 1709251200}},  // 29 days
        {"2025-12", {1764547200, t_2026_01_01}},
        {"2025", {t_2025_01_01, t_2026_01_01}},
        {"2025-03-14T10:20", {t_2025_03_14 + 37200, t_2025_03_14 + 37260}},
        {"2025-03-14T10:20:30Z", {t_2025_03_14 + 37230, t_2025_03_14 + 37231}},
        {"2025-03-01..2025-03-31", {t_2025_03_01, t_2025_04_01}},
        {"2025-03-14..2025-03-14", {t_2025_03_14, t_2025_03_14 + day}},
        {"2025-01..2025-03", {t_2025_01_01, t_2025_04_01}},
        {"2025..2025", {t_2025_01_01, t_2026_01_01}},
        {"2024..2025-03-14", {1704067200, t_2025_03_14 + day}},
        {"..2024-12-31", {std::nullopt, t_2025_01_01}},
        {"..2024", {std::nullopt, t_2025_01_01}},
        {"2025-01..", {t_2025_01_01, std::nullopt}},
        {"2025-03-14T10:20:30.5..2025-03-14T10:21", {t_2025_03_14 + 37230, t_2025_03_14 + 37320}},
        {" 2025-03-01 .. 2025-03-31 ", {t_2025_03_01, t_2025_04_01}},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.input);
        EXPECT_EQ(show(newsdex::parse_date_range(row.input)), show(row.expected));
    }
}

struct ErrorRow {
    std::string input;
    std::string message;
};

TEST(ParseDateRange, ThrowsQueryErrorNamingTheBadPart) {
    const std::string forms =
        "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm], or a relative date (today, "
        "yesterday, 7d, 12h, 2w, 3mo, 1y, \"2 months ago\", \"last week\")";
    const std::vector<ErrorRow> rows = {
        {"2025-13", R"(bad date "2025-13": month must be 01-12)"},
        {"2023-02-29", R"(bad date "2023-02-29": 2023-02 has only 28 days)"},
        {"2025-04-31", R"(bad date "2025-04-31": 2025-04 has only 30 days)"},
        {"2025-03-32", R"(bad date "2025-03-32": day must be 01-31)"},
        {"0000", R"(bad date "0000": year must be 0001-9999)"},
        {"abc", R"(bad date "abc": )" + forms},
        {"", R"(bad date "": empty date)"},
        {"2025-03-14T25:00", R"(bad date "2025-03-14T25:00": hour must be 00-23)"},
        {"2025-03-14Tnoon", R"(bad date "2025-03-14Tnoon": expected a time hh:mm or hh:mm:ss after the date)"},
        {"2025-03-14x", R"(bad date "2025-03-14x": unexpected "x" at the end)"},
        {"2025-03-01..2025-13", R"(bad date "2025-13": month must be 01-12)"},
        {"yesterdays..2025", R"(bad date "yesterdays": )" + forms},
        {"7x", R"(bad date "7x": )" + forms},
        {"days ago", R"(bad date "days ago": )" + forms},
        {"last fortnight", R"(bad date "last fortnight": )" + forms},
        {"2025..2024", R"(bad date range "2025..2024": the end is before the start)"},
        {"2025-03-15..2025-03-14", R"(bad date range "2025-03-15..2025-03-14": the end is before the start)"},
        {"..", R"(bad date range "..": give a start, an end or both around "..")"},
        {"2025..2026..2027", R"(bad date "2026..2027": )" + forms},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.input);
        try {
            (void)newsdex::parse_date_range(row.input);
            ADD_FAILURE() << "no QueryError";
        } catch (const newsdex::QueryError& e) {
            EXPECT_EQ(std::string(e.what()), row.message);
            EXPECT_EQ(e.query(), row.input);
        }
    }
}

// ---- Relative dates ------------------------------------------------------------

// 2025-03-14T10:20:30Z, a Friday.
constexpr std::int64_t now_2025_03_14 = t_2025_03_14 + 10 * 3600 + 20 * 60 + 30;

TEST(RelativeDates, CountBackFromNow) {
    using newsdex::parse_date_range;
    const std::int64_t now = now_2025_03_14;
    // Days are UTC days.
    EXPECT_EQ(parse_date_range("today", now), (DateRange{t_2025_03_14, t_2025_03_14 + day}));
    EXPECT_EQ(parse_date_range("Yesterday", now), (DateRange{t_2025_03_14 - day, t_2025_03_14}));
    // A point in time alone: the time since then.
    EXPECT_EQ(parse_date_range("7d", now), (DateRange{now - 7 * day, std::nullopt}));
    EXPECT_EQ(parse_date_range("12h", now), (DateRange{now - 12 * 3600, std::nullopt}));
    EXPECT_EQ(parse_date_range("2w", now), (DateRange{now - 14 * day, std::nullopt}));
    EXPECT_EQ(parse_date_range("7 days ago", now), parse_date_range("7d", now));
    EXPECT_EQ(parse_date_range("1 day ago", now), parse_date_range("1d", now));
    EXPECT_EQ(parse_date_range("last week", now), parse_date_range("1w", now));
    EXPECT_EQ(parse_date_range("past 3 days", now), parse_date_range("3d", now));
    EXPECT_EQ(parse_date_range("LAST 24 HOURS", now), parse_date_range("24h", now));
    // Months and years are calendar months: 2 months before 14 March is 14 January.
    EXPECT_EQ(parse_date_range("2 months ago", now).begin, t_2025_01_01 + 13 * day + (now - t_2025_03_14));
    EXPECT_EQ(parse_date_range("3mo", now).begin, parse_date_range("2024-12-14T10:20:30Z").begin);
    EXPECT_EQ(parse_date_range("1y", now).begin, parse_date_range("2024-03-14T10:20:30Z").begin);
    EXPECT_EQ(parse_date_range("last month", now), parse_date_range("1mo", now));
    // 31 March minus one month is the last day of February.
    EXPECT_EQ(parse_date_range("1mo", t_2025_04_01 - day).begin, t_2025_03_01 - day);
    // In a range, a point is that moment; days cover their whole day.
    EXPECT_EQ(parse_date_range("2w..1w", now), (DateRange{now - 14 * day, now - 7 * day + 1}));
    EXPECT_EQ(parse_date_range("2025-03-01..yesterday", now), (DateRange{t_2025_03_01, t_2025_03_14}));
    EXPECT_EQ(parse_date_range("7d..now", now), (DateRange{now - 7 * day, now + 1}));
    EXPECT_THROW((void)parse_date_range("today..7d", now), newsdex::QueryError);  // the end before the start
}

TEST(RelativeDates, SinceAndUntilTakeAPointAsAMoment) {
    const std::int64_t now = now_2025_03_14;
    EXPECT_EQ(newsdex::since_until_range("7d", "2d", now), (DateRange{now - 7 * day, now - 2 * day + 1}));
    EXPECT_EQ(newsdex::since_until_range("", "yesterday", now), (DateRange{std::nullopt, t_2025_03_14}));
    EXPECT_EQ(newsdex::since_until_range("2025-03", "", now), (DateRange{t_2025_03_01, std::nullopt}));
    EXPECT_EQ(newsdex::since_until_range("", "", now), DateRange{});
}

TEST(RelativeDates, NowIsAnAbsoluteDateOrTheClock) {
    EXPECT_EQ(newsdex::parse_now("2025-03-14T10:20:30Z"), now_2025_03_14);
    EXPECT_EQ(newsdex::parse_now("2025-03-14"), t_2025_03_14);
    const std::int64_t clock = newsdex::current_time();
    EXPECT_LE(std::abs(newsdex::parse_now("") - clock), 5);
    EXPECT_GT(clock, 1764547200);  // after 2025-12-01: a clock, not zero
    try {
        (void)newsdex::parse_now("yesterday");
        ADD_FAILURE() << "no QueryError";
    } catch (const newsdex::QueryError& e) {
        EXPECT_STREQ(e.what(), "bad date \"yesterday\": the present must be an absolute date");
    }
}

// ---- The date: query field -------------------------------------------------

std::string ser(std::int64_t seconds) { return Xapian::sortable_serialise(static_cast<double>(seconds)); }

std::string value_range(std::int64_t begin, std::int64_t end_exclusive) {
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, newsdex::schema::slot_date, ser(begin),
                         ser(end_exclusive - 1))
        .get_description();
}

/// Parses @p query with only the date: field registered (plus plain terms).
std::string parse(const std::string& query) {
    Xapian::QueryParser qp;
    auto errors = newsdex::detail::add_date_field(qp);
    const Xapian::Query q = qp.parse_query(query);
    errors->throw_if_any(query);
    return q.get_description();
}

std::string strip_query(const std::string& description) {
    // "Query(X)" -> "X", so expectations can be composed from parts.
    return description.substr(6, description.size() - 7);
}

TEST(DateField, TurnsEveryFormIntoAValueRangeOnTheDateSlot) {
    const unsigned slot = newsdex::schema::slot_date;
    const std::string ge_2025_01 =
        Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, ser(t_2025_01_01)).get_description();
    const std::string le_2024_12_31 =
        Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, ser(t_2025_01_01 - 1)).get_description();
    const std::vector<std::pair<std::string, std::string>> rows = {
        // FieldProcessor path (single values).
        {"date:2025", value_range(t_2025_01_01, t_2026_01_01)},
        {"date:2025-03", value_range(t_2025_03_01, t_2025_04_01)},
        {"date:2025-03-14", value_range(t_2025_03_14, t_2025_03_14 + day)},
        {R"(date:"2025-03-14")", value_range(t_2025_03_14, t_2025_03_14 + day)},
        {"date:2025-03-14T10:20:30Z", value_range(t_2025_03_14 + 37230, t_2025_03_14 + 37231)},
        // RangeProcessor path (text containing "..", quoted or not).
        {R"(date:"2025-03-01..2025-03-31")", value_range(t_2025_03_01, t_2025_04_01)},
        {R"(date:"..2024-12-31")", le_2024_12_31},
        {"date:2025-03-01..2025-03-31", value_range(t_2025_03_01, t_2025_04_01)},
        {"date:2025..2025", value_range(t_2025_01_01, t_2026_01_01)},
        {"date:..2024-12-31", le_2024_12_31},
        {"date:2025-01..", ge_2025_01},
        // With words: the date is a filter.
        {"kursk date:2025-03-01..2025-03-31",
         "Query((kursk@1 FILTER " + strip_query(value_range(t_2025_03_01, t_2025_04_01)) + "))"},
        {"kursk date:2025",
         "Query((kursk@1 FILTER " + strip_query(value_range(t_2025_01_01, t_2026_01_01)) + "))"},
        // Several dates in the one "date" group are ORed, whichever path parsed them.
        {"kursk date:2025-03 date:2024..2024",
         "Query((kursk@1 FILTER (" + strip_query(value_range(t_2025_03_01, t_2025_04_01)) +
             " OR " + strip_query(value_range(1704067200, t_2025_01_01)) + ")))"},
    };
    for (const auto& [query, expected] : rows) {
        SCOPED_TRACE(query);
        EXPECT_EQ(parse(query), expected);
    }
}

TEST(DateField, ReportsBadDatesAsQueryErrorAfterParsing) {
    const std::vector<ErrorRow> rows = {
        {"date:2025-13", R"(bad date "2025-13": month must be 01-12)"},
        {"kursk date:abc", R"(bad date "abc": expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm], )"
                           R"(or a relative date (today, yesterday, 7d, 12h, 2w, 3mo, 1y, "2 months ago", "last week"))"},
        {"date:2025..2024", R"(bad date range "2025..2024": the end is before the start)"},
        {"date:2025-02-29..2025-03", R"(bad date "2025-02-29": 2025-02 has only 28 days)"},
        {"date:2025-02..2025-13-01", R"(bad date "2025-13-01": month must be 01-12)"},
        {"date:2025-13 date:2026-14", R"(bad date "2025-13": month must be 01-12)"},  // the first
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.input);
        try {
            (void)parse(row.input);
            ADD_FAILURE() << "no QueryError";
        } catch (const newsdex::QueryError& e) {
            EXPECT_EQ(std::string(e.what()), row.message);
            EXPECT_EQ(e.query(), row.input);  // the whole query, for context
        }
    }
}

TEST(DateField, ErrorsAreForgottenOnceThrown) {
    Xapian::QueryParser qp;
    auto errors = newsdex::detail::add_date_field(qp);
    (void)qp.parse_query("date:2025-13");
    EXPECT_THROW(errors->throw_if_any("date:2025-13"), newsdex::QueryError);
    (void)qp.parse_query("date:2025-03");
    EXPECT_NO_THROW(errors->throw_if_any("date:2025-03"));
}

TEST(DateField, MatchesDocumentsByTheirDateSlot) {
    Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
    const std::vector<std::string> dates = {
        "2024-12-31T23:59:59Z",       // 1: last second of 2024
        "2025-01-01",                 // 2
        "2025-03-01",                 // 3
        "2025-03-14T23:30:00-02:00",  // 4: 2025-03-15T01:30Z
        "2025-03-31T23:59:59Z",       // 5
        "2025-04-01",                 // 6
        "2026-01-01",                 // 7
    };
    for (const auto& date : dates) {
        Xapian::Document doc;
        doc.add_term("news");
        doc.add_value(newsdex::schema::slot_date, ser(newsdex::parse_published_date(date)->seconds));
        db.add_document(doc);
    }
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"date:2025", "2 3 4 5 6"},
        {"date:2024", "1"},
        {"date:2025-03", "3 4 5"},
        {"date:2025-03-14", ""},
        {"date:2025-03-15", "4"},
        {"date:2025-03-01..2025-03-31", "3 4 5"},
        {"date:..2024-12-31", "1"},
        {"date:2025-04..", "6 7"},
        {"news date:2025-01..2025-03", "2 3 4 5"},
    };
    for (const auto& [query, expected] : rows) {
        SCOPED_TRACE(query);
        Xapian::QueryParser qp;
        auto errors = newsdex::detail::add_date_field(qp);
        Xapian::Enquire enquire(db);
        enquire.set_query(qp.parse_query(query));
        errors->throw_if_any(query);
        enquire.set_docid_order(Xapian::Enquire::ASCENDING);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        std::string got;
        const Xapian::MSet mset = enquire.get_mset(0, 100);
        for (auto it = mset.begin(); it != mset.end(); ++it)
            got += (got.empty() ? "" : " ") + std::to_string(*it);
        EXPECT_EQ(got, expected);
    }
}

}  // namespace

TEST(RelativeDates, InTheDateFieldOfAQuery) {
    Xapian::QueryParser qp;
    auto errors = newsdex::detail::add_date_field(qp, now_2025_03_14);
    const std::string week = qp.parse_query("date:7d").get_description();
    errors->throw_if_any("date:7d");
    EXPECT_EQ(week, Xapian::Query(Xapian::Query::OP_VALUE_GE, newsdex::schema::slot_date,
                                  ser(now_2025_03_14 - 7 * day))
                        .get_description());
    const std::string yesterday = qp.parse_query("date:yesterday").get_description();
    EXPECT_EQ(yesterday, value_range(t_2025_03_14 - day, t_2025_03_14));
    const std::string ago = qp.parse_query("date:\"2 weeks ago\"").get_description();
    errors->throw_if_any("date:\"2 weeks ago\"");
    EXPECT_EQ(ago, Xapian::Query(Xapian::Query::OP_VALUE_GE, newsdex::schema::slot_date,
                                 ser(now_2025_03_14 - 14 * day))
                       .get_description());
}
