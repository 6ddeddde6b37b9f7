/// @file terminal.hpp
/// What the CLIs need to know about their terminal: colour, width.
#pragma once

#include <cstdio>

namespace newsdex::cli {

/// True if @p stream is a terminal and NO_COLOR is unset (https://no-color.org).
bool use_colour(std::FILE* stream);
/// True if @p stream is a terminal.
bool is_terminal(std::FILE* stream);
/// Columns of the terminal on stdout, 80 when unknown.
int terminal_width();

}  // namespace newsdex::cli
