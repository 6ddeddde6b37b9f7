/// @file run_main.hpp
/// The one shape of main() both binaries share: parse, run, map errors to exit codes.
#pragma once

#include <functional>
#include <string>

namespace newsdex::cli {

/// An error as run_main() reports it, for a front end that also wants it in
/// its own output format (newsdex-search --format json).
struct ErrorReport {
    std::string kind;     ///< "usage", "query", "index_missing", "index_locked", ... (README, exit codes)
    std::string message;  ///< as on stderr, without "prog: "
    std::string query;    ///< the query concerned, "" if none
    int exit_code = 0;
};

/// Runs @p body, printing "prog: message" for errors and returning the
/// documented exit code for each error type (see exit_codes.hpp); each error
/// is also passed to @p report when one is given.
int run_main(const std::string& program, const std::function<int()>& body,
             const std::function<void(const ErrorReport&)>& report = {});

/// Environment variable naming the default index directory.
inline constexpr const char* db_env_variable = "NEWSDEX_DB";
/// The index directory used when neither --db nor $NEWSDEX_DB is given.
inline constexpr const char* default_db_path = "newsdex.db";

/// --db value, else $NEWSDEX_DB, else ./newsdex.db.
std::string default_db();

/// What to add to "no index here" when the user named no --db: where the
/// path came from and what to do (a newcomer's first search in the wrong folder).
std::string default_db_hint();

}  // namespace newsdex::cli
