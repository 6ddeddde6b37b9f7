/// @file dates.cpp
/// ISO 8601 date parsing and formatting with proleptic Gregorian arithmetic.
#include "newsdex/dates.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "newsdex/error.hpp"

namespace newsdex {

namespace {

constexpr std::int64_t seconds_per_day = 86400;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);                  // [0, 399]
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct CivilDate {
    std::int64_t year;
    unsigned month;
    unsigned day;
};

/// Inverse of days_from_civil().
constexpr CivilDate civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(civil_from_days(11017).year == 2000 && civil_from_days(11017).month == 3);

constexpr bool is_leap(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

constexpr unsigned days_in_month(std::int64_t y, unsigned m) {
    constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

/// How much of the date/time was written; a range value covers one unit of it.
enum class Precision { year, month, day, minute, second };

struct ParsedDate {
    std::int64_t seconds = 0;  ///< UTC, start of the written unit
    Precision precision = Precision::day;
    // The calendar fields as written (before any offset), to compute span ends.
    std::int64_t year = 1;
    unsigned month = 1;
};

/// Either a parsed date or why it is not one (the part after `bad date "...": `).
struct ParseOutcome {
    std::optional<ParsedDate> date;
    std::string error;
};

constexpr std::string_view expected_forms =
    "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm], or a relative date (today, "
    "yesterday, 7d, 12h, 2w, 3mo, 1y, \"2 months ago\", \"last week\")";

/// A left-to-right reader over the text of one date.
class Cursor {
  public:
    explicit Cursor(std::string_view s) : s_(s) {}
    bool done() const { return pos_ == s_.size(); }
    char peek() const { return done() ? '\0' : s_[pos_]; }
    bool eat(char c) {
        if (peek() != c) return false;
        ++pos_;
        return true;
    }
    /// Reads exactly @p n ASCII digits; false (and nothing consumed) otherwise.
    bool digits(std::size_t n, unsigned& out) {
        if (s_.size() - pos_ < n) return false;
        unsigned v = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const char c = s_[pos_ + i];
            if (c < '0' || c > '9') return false;
            v = v * 10 + static_cast<unsigned>(c - '0');
        }
        pos_ += n;
        out = v;
        return true;
    }
    bool is_digit() const { return peek() >= '0' && peek() <= '9'; }
    void skip_digits() {
        while (is_digit()) ++pos_;
    }
    std::string_view rest() const { return s_.substr(pos_); }

  private:
    std::string_view s_;
    std::size_t pos_ = 0;
};

ParseOutcome fail(std::string message) { return {std::nullopt, std::move(message)}; }

std::string_view trim(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

/// The one parser behind parse_published_date() and parse_date_range().
ParseOutcome parse_date(std::string_view text) {
    if (text.empty()) return fail("empty date");
    Cursor c(text);
    ParsedDate out;
    unsigned year = 0, month = 1, day = 1;
    if (!c.digits(4, year) || (c.is_digit())) return fail(std::string(expected_forms));
    if (year == 0) return fail("year must be 0001-9999");
    out.year = year;
    out.precision = Precision::year;
    if (c.eat('-')) {
        if (!c.digits(2, month) || c.is_digit()) return fail(std::string(expected_forms));
        if (month < 1 || month > 12) return fail("month must be 01-12");
        out.precision = Precision::month;
        if (c.eat('-')) {
            if (!c.digits(2, day) || c.is_digit()) return fail(std::string(expected_forms));
            const unsigned last = days_in_month(year, month);
            if (day < 1 || day > last) {
                if (day >= 1 && day <= 31) {
                    char buf[64];
                    std::snprintf(buf, sizeof buf, "%04u-%02u has only %u days", year, month,
                                  last);
                    return fail(buf);
                }
                return fail("day must be 01-31");
            }
            out.precision = Precision::day;
        }
    }
    out.month = month;
    std::int64_t seconds = days_from_civil(year, month, day) * seconds_per_day;

    if (out.precision == Precision::day && (c.eat('T') || c.eat('t') || c.eat(' '))) {
        unsigned hour = 0, minute = 0, second = 0;
        if (!c.digits(2, hour) || !c.eat(':') || !c.digits(2, minute))
            return fail("expected a time hh:mm or hh:mm:ss after the date");
        if (hour > 23) return fail("hour must be 00-23");
        if (minute > 59) return fail("minute must be 00-59");
        out.precision = Precision::minute;
        if (c.eat(':')) {
            if (!c.digits(2, second)) return fail("expected seconds as ss");
            if (second > 59) return fail("second must be 00-59");
            out.precision = Precision::second;
            if (c.eat('.') || c.eat(',')) {
                if (!c.is_digit()) return fail("expected digits after the decimal point");
                c.skip_digits();  // sub-second precision is not kept
            }
        }
        seconds += static_cast<std::int64_t>(hour) * 3600 + minute * 60 + second;

        if (c.eat('Z') || c.eat('z')) {
            // UTC already
        } else if (c.peek() == '+' || c.peek() == '-') {
            const int sign = c.peek() == '+' ? 1 : -1;
            c.eat(c.peek());
            unsigned oh = 0, om = 0;
            if (!c.digits(2, oh)) return fail("time zone offset must be Z, +hh:mm, +hhmm or +hh");
            if (c.eat(':')) {
                if (!c.digits(2, om))
                    return fail("time zone offset must be Z, +hh:mm, +hhmm or +hh");
            } else if (c.is_digit() && !c.digits(2, om)) {
                return fail("time zone offset must be Z, +hh:mm, +hhmm or +hh");
            }
            if (oh > 23 || om > 59) return fail("time zone offset must be at most 23:59");
            // Local time = UTC + offset, so UTC = local - offset.
            seconds -= sign * (static_cast<std::int64_t>(oh) * 3600 + om * 60);
        }
    }
    if (!c.done()) {
        if (out.precision == Precision::year || out.precision == Precision::month)
            return fail(std::string(expected_forms));
        return fail("unexpected \"" + std::string(c.rest()) + "\" at the end");
    }
    out.seconds = seconds;
    return {out, {}};
}

/// The first second after the unit of time @p d names (its exclusive end).
std::int64_t span_end(const ParsedDate& d) {
    switch (d.precision) {
        case Precision::year: return days_from_civil(d.year + 1, 1, 1) * seconds_per_day;
        case Precision::month:
            return d.month == 12 ? days_from_civil(d.year + 1, 1, 1) * seconds_per_day
                                 : days_from_civil(d.year, d.month + 1, 1) * seconds_per_day;
        case Precision::day: return d.seconds + seconds_per_day;
        case Precision::minute: return d.seconds + 60;
        case Precision::second: return d.seconds + 1;
    }
    return d.seconds + 1;
}

/// One end of a range: [begin, end) of what it names; a point in time
/// ("7d": seven days ago) is [point, point + 1).
struct Bound {
    std::int64_t begin = 0;
    std::int64_t end = 0;
    bool point = false;
};

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

/// @p now moved back @p n calendar months (the day clamped: 31 March - 1 month = 28/29 February).
std::int64_t months_before(std::int64_t now, std::int64_t n) {
    const std::int64_t days = floor_div(now, seconds_per_day);
    const CivilDate c = civil_from_days(days);
    std::int64_t month_index = c.year * 12 + (c.month - 1) - n;
    const std::int64_t year = floor_div(month_index, 12);
    const auto month = static_cast<unsigned>(month_index - year * 12 + 1);
    const unsigned day = std::min(c.day, days_in_month(year, month));
    return days_from_civil(year, month, day) * seconds_per_day + (now - days * seconds_per_day);
}

/// Seconds in a unit ("d", "days", "week"), or 0 for months/years (-1, -12:
/// calendar months) or not a unit (0).
std::int64_t unit_seconds(const std::string& unit, std::int64_t& months) {
    months = 0;
    if (unit == "h" || unit == "hour" || unit == "hours") return 3600;
    if (unit == "d" || unit == "day" || unit == "days") return seconds_per_day;
    if (unit == "w" || unit == "week" || unit == "weeks") return 7 * seconds_per_day;
    if (unit == "mo" || unit == "month" || unit == "months") months = 1;
    if (unit == "y" || unit == "year" || unit == "years") months = 12;
    return 0;
}

/// The relative forms (case-insensitive): now, today, yesterday (UTC
/// days), "7d", "12h", "2w", "3mo", "1y", "7 days ago", "2 months ago",
/// "last week", "last 3 days", "past month". Empty if @p text is none of them.
std::optional<Bound> parse_relative(std::string_view text, std::int64_t now) {
    std::string t = lower_ascii(text);
    const std::int64_t today = floor_div(now, seconds_per_day) * seconds_per_day;
    if (t == "now") return Bound{now, now + 1, true};
    if (t == "today") return Bound{today, today + seconds_per_day, false};
    if (t == "yesterday") return Bound{today - seconds_per_day, today, false};
    std::int64_t count = 1;
    bool counted = false;
    if (t.rfind("last ", 0) == 0 || t.rfind("past ", 0) == 0) {
        t = t.substr(5);
    } else if (t.size() > 4 && t.compare(t.size() - 4, 4, " ago") == 0) {
        t.resize(t.size() - 4);
        counted = true;
    } else {
        counted = true;  // "7d"
    }
    std::size_t digits = 0;
    while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
    if (digits > 0) {
        if (digits > 6) return std::nullopt;
        count = std::stoll(t.substr(0, digits));
        t = t.substr(digits);
    } else if (counted) {
        return std::nullopt;  // "days ago" without a number; "7d" needs one
    }
    if (!t.empty() && t[0] == ' ') t = t.substr(1);
    std::int64_t months = 0;
    const std::int64_t unit = unit_seconds(t, months);
    if (unit == 0 && months == 0) return std::nullopt;
    const std::int64_t point = months ? months_before(now, count * months) : now - count * unit;
    return Bound{point, point + 1, true};
}

Bound parse_range_bound(std::string_view part, std::string_view whole, std::int64_t now) {
    const std::string_view trimmed = trim(part);
    if (std::optional<Bound> relative = parse_relative(trimmed, now)) return *relative;
    ParseOutcome r = parse_date(trimmed);
    if (!r.date)
        throw QueryError(std::string(whole), "bad date \"" + std::string(trimmed) + "\": " + r.error);
    return {r.date->seconds, span_end(*r.date), false};
}

CivilDate civil_of(const Timestamp& t) {
    return civil_from_days(floor_div(t.seconds, seconds_per_day));
}

}  // namespace

std::optional<Timestamp> parse_published_date(std::string_view iso) {
    ParseOutcome r = parse_date(trim(iso));
    if (!r.date) return std::nullopt;
    const bool has_time =
        r.date->precision == Precision::minute || r.date->precision == Precision::second;
    return Timestamp{r.date->seconds, has_time};
}

std::int64_t current_time() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

DateRange parse_date_range(std::string_view text) { return parse_date_range(text, current_time()); }

DateRange parse_date_range(std::string_view text, std::int64_t now) {
    const std::string_view whole = trim(text);
    const std::size_t dots = whole.find("..");
    if (dots == std::string_view::npos) {
        const Bound b = parse_range_bound(whole, text, now);
        // A point alone ("7d", "2 months ago") is the time since then.
        if (b.point) return {b.begin, std::nullopt};
        return {b.begin, b.end};
    }
    const std::string_view first = trim(whole.substr(0, dots));
    const std::string_view second = trim(whole.substr(dots + 2));
    if (first.empty() && second.empty())
        throw QueryError(std::string(text), "bad date range \"" + std::string(whole) +
                                                "\": give a start, an end or both around \"..\"");
    DateRange range;
    if (!first.empty()) range.begin = parse_range_bound(first, text, now).begin;
    if (!second.empty()) range.end = parse_range_bound(second, text, now).end;
    if (range.begin && range.end && *range.end <= *range.begin)
        throw QueryError(std::string(text), "bad date range \"" + std::string(whole) +
                                                "\": the end is before the start");
    return range;
}

DateRange since_until_range(std::string_view since, std::string_view until, std::int64_t now) {
    DateRange range;
    // As the open end of a range a point is a moment: "7d.." starts, "..7d" ends there.
    auto one_end = [&](std::string_view text, bool start) {
        const std::string_view t = trim(text);
        const std::string open = t.find("..") == std::string_view::npos
                                     ? (start ? std::string(t) + ".." : ".." + std::string(t))
                                     : std::string(t);
        return parse_date_range(open, now);
    };
    if (!trim(since).empty()) range.begin = one_end(since, true).begin;
    if (!trim(until).empty()) range.end = one_end(until, false).end;
    return range;
}

std::int64_t parse_now(std::string_view text) {
    const std::string_view trimmed = trim(text);
    if (trimmed.empty()) return current_time();
    ParseOutcome r = parse_date(trimmed);
    if (!r.date) {
        throw QueryError(std::string(text), "bad date \"" + std::string(trimmed) + "\": " +
                                                (parse_relative(trimmed, 0) ? "the present must be an absolute date"
                                                                            : r.error));
    }
    return r.date->seconds;
}

std::string year_of(const Timestamp& t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(civil_of(t).year));
    return buf;
}

std::string month_of(const Timestamp& t) {
    const CivilDate c = civil_of(t);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u", static_cast<long long>(c.year), c.month);
    return buf;
}

std::string format_iso(const Timestamp& t) {
    const CivilDate c = civil_of(t);
    char buf[64];
    if (!t.has_time) {
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year),
                      c.month, c.day);
    } else {
        const std::int64_t in_day = t.seconds - floor_div(t.seconds, seconds_per_day) * seconds_per_day;
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ",
                      static_cast<long long>(c.year), c.month, c.day,
                      static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                      static_cast<int>(in_day % 60));
    }
    return buf;
}

}  // namespace newsdex
