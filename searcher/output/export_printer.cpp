/// @file export_printer.cpp
/// --export csv: the fields shown per hit, one RFC 4180 record per article
/// (--export jsonl is the library's to_jsonl_record()).
#include <ostream>
#include <string>

#include "printers.hpp"

namespace newsdex::searcher {

namespace {

void write_field(const std::string& value, std::ostream& out) {
    const bool quote = value.find_first_of(",\"\r\n") != std::string::npos ||
                       (!value.empty() && (value.front() == ' ' || value.back() == ' '));
    if (!quote) {
        out << value;
        return;
    }
    out << '"';
    for (const char c : value) {
        if (c == '"') out << '"';
        out << c;
    }
    out << '"';
}

}  // namespace

void print_csv_header(std::ostream& out) { out << "id,date,source,lang,title,url\r\n"; }

void print_csv_record(const Article& article, std::ostream& out) {
    const std::string* fields[] = {&article.id, &article.date, &article.source,
                                   &article.lang, &article.title, &article.url};
    bool first = true;
    for (const std::string* field : fields) {
        if (!first) out << ',';
        first = false;
        write_field(*field, out);
    }
    out << "\r\n";
}

}  // namespace newsdex::searcher
