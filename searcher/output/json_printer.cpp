#include <ostream>

#include "newsdex/json.hpp"
#include "printers.hpp"

namespace newsdex::searcher {

void print_json(const SearchResults& results, const SearchRequest& request, std::ostream& out) {
    out << newsdex::to_json(results, request) << "\n";
}

}  // namespace newsdex::searcher
