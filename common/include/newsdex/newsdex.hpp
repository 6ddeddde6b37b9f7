/// @file newsdex.hpp
/// Umbrella header: everything an embedding program needs.
#pragma once

#include "newsdex/analyzer.hpp"
#include "newsdex/article.hpp"
#include "newsdex/dates.hpp"
#include "newsdex/entities.hpp"
#include "newsdex/error.hpp"
#include "newsdex/index_stats.hpp"
#include "newsdex/index_writer.hpp"
#include "newsdex/json.hpp"
#include "newsdex/readers.hpp"
#include "newsdex/request.hpp"
#include "newsdex/schema.hpp"
#include "newsdex/searcher.hpp"
#include "newsdex/shards.hpp"
