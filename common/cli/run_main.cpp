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

namespace {
int index_error_code(const IndexError& e) {
    switch (e.kind()) {
        case IndexError::Kind::missing: return exit_no_input;
        case IndexError::Kind::locked: return exit_locked;
        case IndexError::Kind::unwritable: return exit_cant_create;
        case IndexError::Kind::io:
        case IndexError::Kind::corrupt:
        case IndexError::Kind::version:
        case IndexError::Kind::other: return exit_io_error;
    }
    return exit_io_error;
}
}  // namespace

int run_main(const std::string& program, const std::function<int()>& body) {
    try {
        return body();
    } catch (const cxxopts::exceptions::exception& e) {
        std::cerr << program << ": " << e.what() << "\nTry '" << program << " --help'.\n";
        return exit_usage;
    } catch (const UsageError& e) {
        std::cerr << program << ": " << e.what() << "\nTry '" << program << " --help'.\n";
        return exit_usage;
    } catch (const QueryError& e) {
        std::cerr << program << ": bad query: " << e.what() << "\n";
        return exit_usage;
    } catch (const IndexError& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return index_error_code(e);
    } catch (const InputError& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return exit_no_input;
    } catch (const Error& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return exit_io_error;
    } catch (const std::bad_alloc&) {
        std::cerr << program << ": out of memory\n";
        return exit_software;
    } catch (const std::exception& e) {
        std::cerr << program << ": internal error: " << e.what() << "\n";
        return exit_software;
    }
}

}  // namespace newsdex::cli
