#include "run_main.hpp"

#include <cxxopts.hpp>

#include <cstdlib>
#include <iostream>

#include "exit_codes.hpp"
#include "newsdex/error.hpp"

namespace newsdex::cli {

std::string default_db() {
    const char* env = std::getenv(db_env_variable);
    return env != nullptr && *env != '\0' ? env : default_db_path;
}

std::string default_db_hint() {
    const char* env = std::getenv(db_env_variable);
    if (env != nullptr && *env != '\0') return " (the index $NEWSDEX_DB names; --db DIR searches another)";
    return std::string(" (no --db given and $NEWSDEX_DB not set, so ./") + default_db_path +
           " was tried: give --db DIR, set $NEWSDEX_DB, or build an index there with newsdex-index)";
}

namespace {

int index_error_code(const IndexError& e) {
    switch (e.kind()) {
        case IndexError::Kind::missing: return exit_no_input;
        case IndexError::Kind::locked: return exit_locked;
        case IndexError::Kind::unwritable: return exit_cant_create;
        case IndexError::Kind::unavailable: return exit_unavailable;
        case IndexError::Kind::io:
        case IndexError::Kind::corrupt:
        case IndexError::Kind::version:
        case IndexError::Kind::other: return exit_io_error;
    }
    return exit_io_error;
}

const char* index_error_kind(const IndexError& e) {
    switch (e.kind()) {
        case IndexError::Kind::missing: return "index_missing";
        case IndexError::Kind::locked: return "index_locked";
        case IndexError::Kind::unwritable: return "index_unwritable";
        case IndexError::Kind::unavailable: return "shard_unavailable";
        case IndexError::Kind::io: return "index_io";
        case IndexError::Kind::corrupt: return "index_corrupt";
        case IndexError::Kind::version: return "index_version";
        case IndexError::Kind::other: return "index";
    }
    return "index";
}

}  // namespace

int run_main(const std::string& program, const std::function<int()>& body,
             const std::function<void(const ErrorReport&)>& report) {
    // One line on stderr in every case; the report hook may add its own form.
    auto fail = [&](const char* kind, const std::string& message, int code, const std::string& query = {},
                    const std::string& stderr_prefix = {}, bool hint = false) {
        std::cerr << program << ": " << stderr_prefix << message << "\n";
        if (hint) std::cerr << "Try '" << program << " --help'.\n";
        if (report) report({kind, message, query, code});  // "kind" says what "bad query: " says
        return code;
    };
    try {
        return body();
    } catch (const cxxopts::exceptions::exception& e) {
        return fail("usage", e.what(), exit_usage, {}, {}, true);
    } catch (const UsageError& e) {
        return fail("usage", e.what(), exit_usage, {}, {}, true);
    } catch (const QueryError& e) {
        return fail("query", e.what(), exit_usage, e.query(), "bad query: ");
    } catch (const IndexError& e) {
        return fail(index_error_kind(e), e.what(), index_error_code(e));
    } catch (const InputError& e) {
        return fail("input", e.what(), exit_no_input);
    } catch (const Error& e) {
        return fail("io", e.what(), exit_io_error);
    } catch (const std::bad_alloc&) {
        return fail("out_of_memory", "out of memory", exit_software);
    } catch (const std::exception& e) {
        return fail("internal", e.what(), exit_software, {}, "internal error: ");
    }
}

}  // namespace newsdex::cli
