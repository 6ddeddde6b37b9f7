/// @file recency.cpp
/// Exponential-decay recency bonus (see recency.hpp).
#include "recency.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "newsdex/schema.hpp"

namespace newsdex::detail {

RecencyPostingSource::RecencyPostingSource(double reference_seconds, double half_life_seconds, double max_bonus)
    : Xapian::ValuePostingSource(schema::slot_date),
      reference_(reference_seconds),
      half_life_(half_life_seconds),
      max_bonus_(max_bonus) {}

double RecencyPostingSource::bonus(double published_seconds) const {
    double age = std::max(0.0, reference_ - published_seconds);
    return max_bonus_ * std::exp2(-age / half_life_);
}

double RecencyPostingSource::get_weight() const {
    return bonus(Xapian::sortable_unserialise(get_value()));
}

RecencyPostingSource* RecencyPostingSource::clone() const {
    return new RecencyPostingSource(reference_, half_life_, max_bonus_);
}

std::string RecencyPostingSource::name() const { return "newsdex::RecencyPostingSource"; }

std::string RecencyPostingSource::serialise() const {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%.17g %.17g %.17g", reference_, half_life_, max_bonus_);
    return buffer;
}

RecencyPostingSource* RecencyPostingSource::unserialise(const std::string& serialised) const {
    std::istringstream in(serialised);
    double reference = 0, half_life = 1, max_bonus = 0;
    in >> reference >> half_life >> max_bonus;
    if (!in) throw Xapian::NetworkError("bad serialised newsdex::RecencyPostingSource");
    return new RecencyPostingSource(reference, half_life, max_bonus);
}

void RecencyPostingSource::init(const Xapian::Database& db) {
    Xapian::ValuePostingSource::init(db);
    set_maxweight(max_bonus_);
}

std::string RecencyPostingSource::get_description() const {
    return "RecencyPostingSource(half-life " + std::to_string(half_life_) + "s, bonus " + std::to_string(max_bonus_) +
           ")";
}

}  // namespace newsdex::detail
