/// @file printers.hpp
/// SearchResults -> text (for people) or JSON (for programs; format documented in README.md).
#pragma once

#include <iosfwd>
#include <string>

#include "newsdex/searcher.hpp"

namespace newsdex::searcher {

/// Version of the JSON output format; bumped on incompatible changes.
inline constexpr int json_format_version = 1;

struct TextStyle {
    bool colour = false;  ///< ANSI bold/colour for highlights; else **markers**
    int width = 80;       ///< wrap snippets to this many columns
};

void print_text(const SearchResults& results, const SearchRequest& request, const TextStyle& style, std::ostream& out);
void print_json(const SearchResults& results, const SearchRequest& request, std::ostream& out);

/// One line of --queries output for a query that could not run: {"format_version", "query", "error"}.
std::string error_json(const std::string& query, const std::string& message);

/// The JSON document print_json() writes (exposed for tests).
std::string to_json(const SearchResults& results, const SearchRequest& request);

}  // namespace newsdex::searcher
