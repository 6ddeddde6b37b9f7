/// @file clusters.hpp
/// Word-cluster paths (word<TAB>bits) from fastText word vectors, for the tagger's cluster features.
#pragma once

#include <cstddef>
#include <string>

namespace newsdex::ner {

/// Word vectors from left and right neighbours: for each word seen min_count times in the
/// whitespace-tokenised text (a sentence a line), its counts next to the @p contexts most
/// frequent words (and sentence edges) on each side, weighted by positive PMI and projected to
/// @p dim dimensions with a fixed random sign matrix; written in fastText's .vec format, most
/// frequent word first. The same signal Brown clustering uses (class bigrams), in seconds.
/// Returns the number of words written.
std::size_t write_context_vectors(const std::string& text_path, const std::string& out_path, std::size_t min_count,
                                  std::size_t contexts, std::size_t dim, unsigned seed);

/// Reads a fastText .vec file, clusters its words by bisecting spherical 2-means down to
/// @p depth bits (parts smaller than 2 * min_size are not split), writes "word<TAB>path"
/// lines to out_path, and returns the number of words.
/// @throws std::runtime_error naming the file on bad input.
std::size_t write_clusters(const std::string& vec_path, const std::string& out_path, int depth, std::size_t min_size,
                           unsigned seed);

}  // namespace newsdex::ner
