/// @file run_main.hpp
/// The one shape of main() both binaries share: parse, run, map errors to exit codes.
#pragma once

#include <functional>
#include <string>

namespace newsdex::cli {

/// Runs @p body, printing "prog: message" for errors and returning the
/// documented exit code for each error type (see exit_codes.hpp).
int run_main(const std::string& program, const std::function<int()>& body);

/// Environment variable naming the default index directory.
inline constexpr const char* db_env_variable = "NEWSDEX_DB";
/// The index directory used when neither --db nor $NEWSDEX_DB is given.
inline constexpr const char* default_db_path = "newsdex.db";

/// --db value, else $NEWSDEX_DB, else ./newsdex.db.
std::string default_db();

}  // namespace newsdex::cli
