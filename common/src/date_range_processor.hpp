/// @file date_range_processor.hpp
/// The `date:` query field: turns date text into a value-range Query on schema::slot_date.
///
/// Xapian 1.4.22's QueryParser hands a `date:` term to one of two hooks:
///   * DateRangeProcessor (a Xapian::RangeProcessor registered with prefix "date:")
///     gets every `date:A..B`, `date:..B` and `date:A..`, quoted ones too
///     (`date:"2025..2026"` arrives as `"2025` and `2026"`; the quotes are
///     stripped). The parser offers only text containing ".." to range
///     processors, and does so before it looks at field prefixes.
///   * DateFieldProcessor (a Xapian::FieldProcessor registered as the boolean
///     prefix "date") gets everything else: `date:2025`, `date:2025-03`,
///     `date:2025-03-14`, `date:2025-03-14T10:20` (and `date:"2025"` unquoted).
/// Both call date_range_query() on the same text, so every form means the same
/// on either path. Both are registered with the grouping "date", so several
/// date filters are ORed (`date:2024 date:2025-03` = either) and then ANDed
/// with the other filters.
///
/// Errors are recorded, not thrown: an exception thrown from a Xapian 1.4
/// FieldProcessor/RangeProcessor through QueryParser::parse_query() leaks the
/// parser's state (seen with AddressSanitizer). The processors put the first
/// bad date in a DateFieldErrors and return Query::MatchNothing. The caller
/// calls DateFieldErrors::throw_if_any() after parse_query().
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include "newsdex/dates.hpp"

namespace newsdex::detail {

/// The value-range Query for @p range on schema::slot_date (values are
/// sortable_serialise(double(seconds))): OP_VALUE_RANGE [begin, end-1],
/// OP_VALUE_GE begin, or OP_VALUE_LE end-1.  An unbounded range matches all.
Xapian::Query date_range_query(const DateRange& range);

/// The first bad `date:` value met while parsing a query.
class DateFieldErrors {
  public:
    /// Remembers @p message unless an earlier error is already kept.
    void record(std::string message);
    /// Forgets any error (when one parser is reused for several queries).
    void clear() { message_.reset(); }
    bool any() const { return message_.has_value(); }
    /** @throws QueryError (with @p query and the recorded message) if a
     *          `date:` value was bad; then forgets it. */
    void throw_if_any(std::string_view query);

  private:
    std::optional<std::string> message_;
};

/// Handles `date:A..B`, `date:..B`, `date:A..` (see the file comment).
class DateRangeProcessor : public Xapian::RangeProcessor {
  public:
    DateRangeProcessor(std::shared_ptr<DateFieldErrors> errors, std::int64_t now);
    Xapian::Query operator()(const std::string& begin, const std::string& end) override;

  private:
    std::shared_ptr<DateFieldErrors> errors_;
    std::int64_t now_;
};

/// Handles `date:2025`, `date:2025-03`, `date:2025-03-14`, quoted ranges (see the file comment).
class DateFieldProcessor : public Xapian::FieldProcessor {
  public:
    DateFieldProcessor(std::shared_ptr<DateFieldErrors> errors, std::int64_t now);
    Xapian::Query operator()(const std::string& text) override;

  private:
    std::shared_ptr<DateFieldErrors> errors_;
    std::int64_t now_;
};

/** Register the `date:` field on @p qp (both processors, grouping "date").
 *
 *  Usage:
 *  @code
 *    auto date_errors = add_date_field(qp);
 *    Xapian::Query q = qp.parse_query(text, flags);
 *    date_errors->throw_if_any(text);   // QueryError: bad date "2025-13": month must be 01-12
 *  @endcode
 *  Call it once per QueryParser: "date" cannot be registered twice.
 *  @return where the processors record the first bad date of each parse.
 */
/// @p now: the moment relative dates (`date:7d`, `date:yesterday`) count from.
[[nodiscard]] std::shared_ptr<DateFieldErrors> add_date_field(Xapian::QueryParser& qp,
                                                              std::int64_t now = current_time());

}  // namespace newsdex::detail
