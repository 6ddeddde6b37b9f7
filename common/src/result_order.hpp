/// @file result_order.hpp
/// The one total order of results, the same in one index and over shards.
///
/// Xapian breaks ties (equal scores, equal sort keys) by docid, and docids
/// depend on the layout: a sharded index interleaves its shards' docids, so
/// equal-score hits, the version that stands for a collapsed story and the
/// pages cut from them would differ from one index of the same articles.
/// Every ranked pass therefore sorts on two value slots of the article's own
/// (schema::slot_order_*: a date key, then the id), which Xapian compares
/// per shard and when merging, also with remote shards (xapian-tcpsrv runs a
/// value sort, not a KeyMaker), and when collapsing.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "newsdex/article.hpp"

namespace newsdex::detail {

/** The value of schema::slot_order_undated_first (@p undated_last false) or
 *  slot_order_undated_last (true) for an article: one byte placing undated
 *  articles, the date as 8 bytes in time order (seconds, sign flipped, big
 *  endian), then the id. Byte order of keys is date order, then id order. */
std::string order_key(const std::optional<Timestamp>& published, std::string_view id, bool undated_last);

/// Whether every article of @p db carries both order keys (written since
/// 2026-12-03, or re-indexed since); an empty database counts as having them.
bool has_order_keys(const Xapian::Database& db);

/// Relevance order: best score first; equal scores oldest first (so the
/// first version of a wire story stands for it), undated last, then by id.
/// Without order keys in @p db, equal scores in docid order.
void order_by_relevance(Xapian::Enquire& enquire, const Xapian::Database& db);

/** Date order (@p newest_first or oldest first), undated articles last both
 *  ways; equal dates by id (ascending oldest first, descending newest first:
 *  one order is the other reversed, but for undated articles). Without order
 *  keys in @p db: the date slot, equal dates by relevance then docid,
 *  through a KeyMaker (local indexes only), which the caller keeps alive as
 *  long as @p enquire: the returned pointer (nullptr with order keys). */
std::unique_ptr<Xapian::KeyMaker> order_by_date(Xapian::Enquire& enquire, const Xapian::Database& db,
                                                bool newest_first);

}  // namespace newsdex::detail
