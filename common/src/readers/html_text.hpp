/// @file html_text.hpp
/// What the markup readers (feeds, pages) share (library-internal): the
/// readable text of HTML, without tags, scripts and styles; dates; the root element.
#pragma once

#include <string>
#include <string_view>

#include "query_lexer.hpp"  // ascii_lower(), for tag and attribute names

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

/// RFC 822 dates of RSS and of some pages ("Tue, 29 Oct 2024 14:00:00
/// +0000", "... GMT", "... EST", two-digit years, no seconds) as ISO 8601;
/// anything else (ISO 8601 itself) is returned as it is.
std::string rfc822_to_iso(const std::string& text);

/// The name of the first element of @p head (lower case), after a byte
/// order mark, the XML declaration, comments, processing instructions and a
/// doctype; empty if there is none in @p head. Feeds and pages are
/// recognised by it.
std::string root_element(std::string_view head);

/// The value of attribute @p name of element @p node, as written ("" if absent).
std::string attribute_of(const _xmlNode* node, const char* name);

/// White space runs collapsed to one space, trimmed: plain text (an Atom
/// text construct) as one line.
std::string collapse_space(std::string_view text);

}  // namespace newsdex::detail
