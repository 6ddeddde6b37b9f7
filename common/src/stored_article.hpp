/// @file stored_article.hpp
/// The document data blob: the article's stored fields in a compact, versioned form.
#pragma once

#include <string>
#include <string_view>

#include "newsdex/article.hpp"

namespace newsdex::detail {

/// Serialises the fields newsdex shows in results (id, title, body, date, source, url, lang, entities).
std::string serialise_article(const Article& article);

/// Inverse of serialise_article(); @p with_body false skips the body (cheaper).
/// @throws Error if @p data is not a stored article.
Article unserialise_article(std::string_view data, bool with_body = true);

}  // namespace newsdex::detail
