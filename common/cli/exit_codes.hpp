/// @file exit_codes.hpp
/// Exit codes of newsdex-index and newsdex-search (documented in README.md).
#pragma once

namespace newsdex::cli {

enum ExitCode : int {
    exit_ok = 0,            ///< search: hits found; index: every input indexed
    exit_no_results = 1,    ///< search: no hits
    exit_partial = 1,       ///< index: some input skipped or repaired-and-skipped (see stderr)
    exit_usage = 2,         ///< bad option or value, malformed query
    exit_data_error = 65,   ///< EX_DATAERR: index: no input could be indexed at all
    exit_no_input = 66,     ///< EX_NOINPUT: index missing (search) or input path missing (index)
    exit_software = 70,     ///< EX_SOFTWARE: internal error (a bug: please report)
    exit_cant_create = 73,  ///< EX_CANTCREAT: index cannot be created or written
    exit_io_error = 74,     ///< EX_IOERR: index unreadable, corrupt or from a newer schema; disk full
    exit_unavailable = 69,  ///< EX_UNAVAILABLE: a shard missing or unreachable; search --serve cannot listen
    exit_locked = 75,       ///< EX_TEMPFAIL: index locked by another writer; retry later
    exit_interrupted = 130, ///< stopped by SIGINT/SIGTERM after committing what was done
};

}  // namespace newsdex::cli
