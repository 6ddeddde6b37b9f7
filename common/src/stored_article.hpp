/// @file stored_article.hpp
/// How an article is stored: the fields shown per hit in the document data,
/// the body deflated in its own value slot so that hits are read without it.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "newsdex/article.hpp"

namespace newsdex::detail {

/// The document data: id, title, date, source, url, lang and entities (no body).
std::string serialise_article(const Article& article);

/// The schema::slot_body value: @p body deflated (kept as is when that is not smaller).
std::string serialise_body(std::string_view body);

/** Inverse of serialise_article(); also reads schema 1 data (which ends with
 *  the body: read only when @p with_body).
 *  @throws Error if @p data is not a stored article. */
Article unserialise_article(std::string_view data, bool with_body = false);

/** Inverse of serialise_body().
 *  @throws Error if @p value is not a stored body. */
std::string unserialise_body(std::string_view value);

/** The stored article of @p doc; the body is read and inflated only when
 *  @p with_body (schema 1: from the data, schema 2: from schema::slot_body).
 *  @throws Error if the document holds no stored article. */
Article read_article(const Xapian::Document& doc, bool with_body);

}  // namespace newsdex::detail
