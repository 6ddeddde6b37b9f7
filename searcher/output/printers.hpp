/// @file printers.hpp
/// SearchResults -> text (for people) or JSON (for programs: the library's format, newsdex/json.hpp).
#pragma once

#include <iosfwd>
#include <string>

#include "newsdex/searcher.hpp"

namespace newsdex::searcher {

struct TextStyle {
    bool colour = false;  ///< ANSI bold/colour for highlights; else **markers**
    int width = 80;       ///< wrap snippets to this many columns
};

void print_text(const SearchResults& results, const SearchRequest& request, const TextStyle& style, std::ostream& out);
/// newsdex::to_json() (newsdex/json.hpp) and a newline.
void print_json(const SearchResults& results, const SearchRequest& request, std::ostream& out);

}  // namespace newsdex::searcher
