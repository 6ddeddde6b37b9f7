/// @file result_order.cpp
/// The result order's keys and the Enquire settings that sort on them.
#include "result_order.hpp"

#include <cstdint>

#include "newsdex/schema.hpp"

namespace newsdex::detail {

std::string order_key(const std::optional<Timestamp>& published, std::string_view id, bool undated_last) {
    std::string key;
    key.reserve(1 + 8 + id.size());
    if (!published) {
        key.push_back(undated_last ? '\x01' : '\x00');
    } else {
        key.push_back(undated_last ? '\x00' : '\x01');
        // Two's complement with the sign bit flipped orders as unsigned, big endian as bytes.
        const std::uint64_t biased = static_cast<std::uint64_t>(published->seconds) ^ (std::uint64_t{1} << 63);
        for (int shift = 56; shift >= 0; shift -= 8) key.push_back(static_cast<char>((biased >> shift) & 0xff));
    }
    key.append(id);
    return key;
}

bool has_order_keys(const Xapian::Database& db) {
    const Xapian::doccount articles = db.get_doccount();
    return db.get_value_freq(schema::slot_order_undated_first) == articles &&
           db.get_value_freq(schema::slot_order_undated_last) == articles;
}

void order_by_relevance(Xapian::Enquire& enquire, const Xapian::Database& db) {
    if (has_order_keys(db)) enquire.set_sort_by_relevance_then_value(schema::slot_order_undated_last, false);
}

std::unique_ptr<Xapian::KeyMaker> order_by_date(Xapian::Enquire& enquire, const Xapian::Database& db,
                                                bool newest_first) {
    if (has_order_keys(db)) {
        if (newest_first) {
            enquire.set_sort_by_value_then_relevance(schema::slot_order_undated_first, true);
        } else {
            enquire.set_sort_by_value_then_relevance(schema::slot_order_undated_last, false);
        }
        return nullptr;
    }
    // An older index: undated articles would sort first oldest-first, so an
    // empty value stands in as "\xff" (after every sortable_serialise()).
    auto by_date = std::make_unique<Xapian::MultiValueKeyMaker>();
    if (newest_first) {
        by_date->add_value(schema::slot_date, true);
    } else {
        by_date->add_value(schema::slot_date, false, std::string(1, '\xff'));
    }
    enquire.set_sort_by_key_then_relevance(by_date.get(), false);
    return by_date;
}

}  // namespace newsdex::detail
