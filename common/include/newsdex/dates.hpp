/// @file dates.hpp
/// ISO 8601 publication dates: parsing, query-side date ranges, facet labels.
///
/// All arithmetic is proleptic Gregorian in UTC (years 0001-9999), with no
/// dependency on timegm(), the C locale or the TZ environment variable, so an
/// article gets the same timestamp on every machine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "newsdex/article.hpp"

namespace newsdex {

/** Parse an article's publication date.
 *
 *  Accepts `2025`, `2025-03`, `2025-03-14` (has_time = false; the first
 *  second of that year, month or day) and `2025-03-14T10:20` /
 *  `2025-03-14T10:20:30` with optional fractional seconds (`.79`, dropped),
 *  an optional `Z`, `+02:00`, `+0200` or `+02` offset (converted to UTC) and
 *  a space instead of `T` (has_time = true).  A time without an offset is
 *  taken as UTC.  Surrounding ASCII whitespace is ignored.
 *
 *  @return the timestamp, or std::nullopt if @p iso is not such a date or
 *          names a day that does not exist (month 13, Feb 30, 2023-02-29).
 */
std::optional<Timestamp> parse_published_date(std::string_view iso);

/// A span of time in UTC seconds since the epoch: [begin, end); absent = open.
struct DateRange {
    std::optional<std::int64_t> begin;  ///< inclusive
    std::optional<std::int64_t> end;    ///< exclusive
    friend bool operator==(const DateRange& a, const DateRange& b) {
        return a.begin == b.begin && a.end == b.end;
    }
};

/** Parse a date range as written in a query after `date:`.
 *
 *  A single value covers its whole span: `2025` the year, `2025-03` the
 *  month, `2025-03-14` the (UTC) day, `2025-03-14T10:20` the minute and
 *  `2025-03-14T10:20:30Z` the second.  `A..B` runs from the start of A to
 *  the end of B (`2025-03-01..2025-03-31` includes all of 31 March);
 *  `..B` and `A..` are open at one end.
 *
 *  @throws QueryError (query() is @p text) naming the bad part, e.g.
 *          `bad date "2025-13": month must be 01-12`, or
 *          `bad date range "2025..2024": the end is before the start`.
 */
DateRange parse_date_range(std::string_view text);

/** As parse_date_range(text), with relative dates counted back from @p now
 *  (UTC seconds since the epoch; the one-argument form uses the current
 *  time). Relative forms, case-insensitive: `today` and `yesterday` (UTC
 *  days), `now`, and points in time `7d`, `12h`, `2w`, `3mo`, `1y`,
 *  `7 days ago`, `2 months ago` (calendar months), `last week`, `past 3
 *  days`. A point alone means the time since then (`date:7d`: the last seven
 *  days); in a range it is that moment (`date:2w..1w`).
 */
DateRange parse_date_range(std::string_view text, std::int64_t now);

/** The start of @p since and the end of @p until as --since and --until
 *  mean them: "7d" alone is the time since then (parse_date_range()), but
 *  `--until 7d` ends at that moment; an empty text leaves that end open.
 *  @throws QueryError as parse_date_range(). */
DateRange since_until_range(std::string_view since, std::string_view until, std::int64_t now);

/// The current time, UTC seconds since the epoch (what relative dates count from by default).
std::int64_t current_time();

/** The moment relative dates count from: @p text (an absolute date, its
 *  start: "2025-03-14T12:00Z") or, if empty, current_time().
 *  @throws QueryError for a bad or relative date. */
std::int64_t parse_now(std::string_view text);

/// The year of @p t in UTC, for the year facet: "2025".
std::string year_of(const Timestamp& t);

/// The month of @p t in UTC, for the month facet: "2025-03".
std::string month_of(const Timestamp& t);

/// @p t as ISO 8601: "2025-03-14" if it has no time, else "2025-03-14T10:20:30Z".
std::string format_iso(const Timestamp& t);

}  // namespace newsdex
