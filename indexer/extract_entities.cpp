#include "extract_entities.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

#include "exit_codes.hpp"
#include "newsdex/entities.hpp"
#include "newsdex/error.hpp"
#include "newsdex/index_writer.hpp"
#include "newsdex/readers.hpp"

namespace newsdex::indexer {

std::shared_ptr<const EntityExtractor> load_entity_extractor(const std::string& aliases_file) {
    if (aliases_file.empty()) return nullptr;
    std::ifstream in(aliases_file, std::ios::binary);
    if (!in) throw InputError(aliases_file, 0, "cannot read the alias table");
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return std::make_shared<const EntityExtractor>(EntityExtractor::builtin().with_aliases(text.str(), aliases_file));
    } catch (const InputError& e) {
        throw UsageError(std::string("--aliases: ") + e.what());  // a bad option value, not a missing input
    }
}

int run_extract_entities(const IndexOptions& options, std::ostream& out, std::ostream& err) {
    const std::shared_ptr<const EntityExtractor> user = load_entity_extractor(options.aliases_file);
    const EntityExtractor& extractor = user ? *user : EntityExtractor::builtin();
    std::size_t articles = 0;
    std::size_t problems = 0;
    auto on_article = [&](Article&& article) {
        if (article.id.empty()) article.id = content_id(article);
        if (article.lang.empty()) article.lang = options.default_language;
        nlohmann::json entities = nlohmann::json::array();
        for (const EntityMention& m : extractor.extract(article.title, article.body, article.lang)) {
            entities.push_back({{"type", to_string(m.type)},
                                {"text", m.text},
                                {"canonical", m.canonical},
                                {"field", m.field},
                                {"start", m.start},
                                {"end", m.end}});
        }
        nlohmann::json line = {{"id", article.id}, {"entities", std::move(entities)}};
        out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        ++articles;
    };
    auto on_diagnostic = [&](const Diagnostic& d) {
        err << "newsdex-index: " << d.message() << "\n";
        ++problems;
    };
    read_inputs(options.inputs, options.read, on_article, on_diagnostic);
    out.flush();
    if (articles == 0 && problems > 0) return cli::exit_data_error;
    return problems > 0 ? cli::exit_partial : cli::exit_ok;
}

}  // namespace newsdex::indexer
