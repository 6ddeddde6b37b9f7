/// @file main_text.hpp
/// The main text of a news page (library-internal): the article's
/// paragraphs without navigation, ads, share bars, related links, comments,
/// cookie banners and footers (boilerplate removal).
#pragma once

#include <string>

struct _xmlNode;

namespace newsdex::detail {

/**
 * The main text under @p root (a page parsed by libxml2's HTML parser),
 * paragraphs separated by a blank line, @p title (the page's headline, not
 * part of the body) left out.
 *
 * Three steps, after Readability and jusText:
 *  1. what is never text is dropped: scripts, forms' controls, navigation,
 *     asides, headers and footers, figures, hidden elements, and elements
 *     whose class or id says what they are (comments, cookie, share,
 *     related, ad, newsletter, ...; "header", "menu", ... unless they also
 *     say article, content, story, ...);
 *  2. the content block is chosen: every paragraph adds its score (length,
 *     commas) to its parent and half to its grandparent, a class or id (or
 *     `<article>`, `itemprop="articleBody"`) adds or takes away, and each
 *     candidate's score is scaled by one minus its link density; siblings
 *     scoring nearly as well join it (a body split in several blocks);
 *  3. in that block each paragraph is judged: mostly links is boilerplate,
 *     long or sentence-like is text, and a short one (a subheading, a one-line
 *     paragraph) is kept between good ones.
 */
std::string main_text(const _xmlNode* root, const std::string& title);

}  // namespace newsdex::detail
