#include "newsdex/error.hpp"

#include <utility>

namespace newsdex {

namespace {
std::string input_message(const std::string& path, std::size_t line, const std::string& reason) {
    if (line == 0) return path + ": " + reason;
    return path + ":" + std::to_string(line) + ": " + reason;
}
}  // namespace

InputError::InputError(std::string path, std::size_t line, std::string reason)
    : Error(input_message(path, line, reason)),
      path_(std::move(path)),
      line_(line),
      reason_(std::move(reason)) {}

IndexError::IndexError(Kind kind, std::string path, const std::string& message)
    : Error(path + ": " + message), kind_(kind), path_(std::move(path)) {}

QueryError::QueryError(std::string query, const std::string& message)
    : Error(message), query_(std::move(query)) {}

}  // namespace newsdex
