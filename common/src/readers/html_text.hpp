/// @file html_text.hpp
/// The readable text of an HTML fragment or page (library-internal): what a
/// feed's description or a page's article holds, without tags, scripts and styles.
#pragma once

#include <string>
#include <string_view>

struct _xmlNode;

namespace newsdex::detail {

/// The text of @p html, parsed by libxml2's HTML parser (forgiving, as
/// browsers are): entities decoded, scripts, styles and templates dropped,
/// paragraphs and other blocks separated by a blank line, runs of white space
/// within a block collapsed. Text without any tag comes back as it is (trimmed).
std::string html_to_text(std::string_view html);

/// The text of parsed nodes (@p first and its following siblings, with
/// their descendants), as html_to_text() makes it: XHTML inside an Atom
/// `<content type="xhtml">`, or part of a page already parsed.
std::string nodes_to_text(const _xmlNode* first);

/// White space runs collapsed to one space, trimmed: plain text (an Atom
/// text construct) as one line.
std::string collapse_space(std::string_view text);

}  // namespace newsdex::detail
