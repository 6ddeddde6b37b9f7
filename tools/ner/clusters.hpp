/// @file clusters.hpp
/// Word-cluster paths (word<TAB>bits) from fastText word vectors, for the tagger's cluster features.
#pragma once

#include <cstddef>
#include <string>

namespace newsdex::ner {

/// Reads a fastText .vec file, clusters its words by bisecting spherical 2-means down to
/// @p depth bits (parts smaller than 2 * min_size are not split), writes "word<TAB>path"
/// lines to out_path, and returns the number of words.
/// @throws std::runtime_error naming the file on bad input.
std::size_t write_clusters(const std::string& vec_path, const std::string& out_path, int depth, std::size_t min_size,
                           unsigned seed);

}  // namespace newsdex::ner
