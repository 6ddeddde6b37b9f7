/// @file spelling.hpp
/// "Did you mean": a query with its misspelt words replaced from the index's spelling table.
#pragma once

#include <xapian.h>

#include <string>

#include "newsdex/analyzer.hpp"

namespace newsdex::detail {

/// Words of @p query that are unknown (or rare) in @p db and have a known,
/// far more common spelling within an edit distance in proportion to the
/// word (one from 4 characters, two from 8, none below) replaced by it; ""
/// when no word needs correcting. Common words are never corrected, however
/// few articles the whole query finds. Operators and filters stay as typed.
std::string suggest_spelling(const Xapian::Database& db, const Analyzer& analyzer, const std::string& query);

}  // namespace newsdex::detail
