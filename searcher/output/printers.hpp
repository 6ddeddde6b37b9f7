/// @file printers.hpp
/// SearchResults -> text (for people) or JSON (for programs: the library's format, newsdex/json.hpp).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "newsdex/searcher.hpp"

namespace newsdex::searcher {

struct TextStyle {
    bool colour = false;  ///< ANSI bold/colour for highlights; else **markers**
    int width = 80;       ///< wrap snippets to this many columns
};

void print_text(const SearchResults& results, const SearchRequest& request, const TextStyle& style, std::ostream& out);
/// newsdex::to_json() (newsdex/json.hpp) and a newline.
void print_json(const SearchResults& results, const SearchRequest& request, std::ostream& out);

/// --stats: one "name  value" line per statistic of the indexes @p dbs.
void print_stats_text(const IndexStats& stats, const std::vector<std::string>& dbs, std::ostream& out);
/// --article: the stored fields and entities, a blank line, the whole body.
void print_article_text(const Article& article, std::ostream& out);

/// --export csv: the header line (id, date, source, lang, title, url).
void print_csv_header(std::ostream& out);
/// --export csv: one article as an RFC 4180 record (fields quoted when they
/// hold a comma, a quote, a line break or edge spaces; CRLF line ends).
void print_csv_record(const Article& article, std::ostream& out);

}  // namespace newsdex::searcher
