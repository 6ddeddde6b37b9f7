/// @file run_watch.hpp
/// newsdex-index --watch DIR: keep an index up to date with a folder.
#pragma once

#include <iosfwd>

#include "options.hpp"

namespace newsdex::indexer {

/// Indexes the files in options.watch_dir, then each file written, copied or
/// moved into it or a folder below it (inotify), committing whenever the
/// folder has been quiet for options.watch_quiet or --batch-size articles
/// are pending, until request_stop() (SIGINT/SIGTERM): then commits and
/// reports. @return 0, or 1 if some input was skipped or repaired; 66 if DIR
/// is no directory. @throws newsdex::IndexError when the index cannot be written.
int run_watch(const IndexOptions& options, std::ostream& out, std::ostream& err);

}  // namespace newsdex::indexer
