/// @file date_range_processor.cpp
/// The `date:` query field (see date_range_processor.hpp for which hook handles what).
#include "date_range_processor.hpp"

#include <utility>

#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"

namespace newsdex::detail {

namespace {

/// The one range field of the field table (schema.hpp), on schema::slot_date.
const std::string date_field(schema::find_field("date")->name);
static_assert(schema::find_field("date")->kind == schema::FieldKind::range &&
                  schema::find_field("date")->slot == schema::slot_date,
              "date: is the range field on slot_date");

std::string serialise_seconds(std::int64_t seconds) {
    return Xapian::sortable_serialise(static_cast<double>(seconds));
}

/// The one function both processors call on the text after `date:`.
Xapian::Query query_for_text(std::string_view text, std::int64_t now, DateFieldErrors& errors) {
    // A quoted range (date:"2025..2026") reaches the RangeProcessor with its quotes.
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = text.substr(1, text.size() - 2);
    try {
        return date_range_query(parse_date_range(text, now));
    } catch (const QueryError& e) {
        errors.record(e.what());
        return Xapian::Query::MatchNothing;
    }
}

}  // namespace

Xapian::Query date_range_query(const DateRange& range) {
    constexpr Xapian::valueno slot = schema::slot_date;
    if (range.begin && range.end)
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, serialise_seconds(*range.begin),
                             serialise_seconds(*range.end - 1));
    if (range.begin)
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, serialise_seconds(*range.begin));
    if (range.end)
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, serialise_seconds(*range.end - 1));
    return Xapian::Query::MatchAll;
}

void DateFieldErrors::record(std::string message) {
    if (!message_) message_ = std::move(message);
}

void DateFieldErrors::throw_if_any(std::string_view query) {
    if (!message_) return;
    std::string message = std::move(*message_);
    message_.reset();
    throw QueryError(std::string(query), message);
}

DateRangeProcessor::DateRangeProcessor(std::shared_ptr<DateFieldErrors> errors, std::int64_t now)
    : Xapian::RangeProcessor(schema::slot_date, date_field + ":"), errors_(std::move(errors)), now_(now) {}

Xapian::Query DateRangeProcessor::operator()(const std::string& begin, const std::string& end) {
    // check_range() has already stripped "date:" from begin.
    return query_for_text(begin + ".." + end, now_, *errors_);
}

DateFieldProcessor::DateFieldProcessor(std::shared_ptr<DateFieldErrors> errors, std::int64_t now)
    : errors_(std::move(errors)), now_(now) {}

Xapian::Query DateFieldProcessor::operator()(const std::string& text) {
    return query_for_text(text, now_, *errors_);
}

std::shared_ptr<DateFieldErrors> add_date_field(Xapian::QueryParser& qp, std::int64_t now) {
    auto errors = std::make_shared<DateFieldErrors>();
    qp.add_rangeprocessor((new DateRangeProcessor(errors, now))->release(), &date_field);
    qp.add_boolean_prefix(date_field, (new DateFieldProcessor(errors, now))->release(), &date_field);
    return errors;
}

}  // namespace newsdex::detail
