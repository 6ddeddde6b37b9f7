#include "document_builder.hpp"

#include <algorithm>
#include <cstdio>

#include "accent_forms.hpp"
#include "facets.hpp"
#include "language_detection.hpp"
#include "newsdex/dates.hpp"
#include "newsdex/entities.hpp"
#include "near_duplicates.hpp"
#include "result_order.hpp"
#include "stem_vector.hpp"
#include "newsdex/schema.hpp"
#include "stored_article.hpp"

namespace newsdex::detail {

namespace {

std::string hashed(std::string_view prefix, std::string_view value) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (unsigned char c : value) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "#%016llx", static_cast<unsigned long long>(hash));
    // Keep a readable head so that prefix listings still make sense.
    return std::string(prefix) + std::string(value.substr(0, 100)) + buffer;
}

}  // namespace

std::string id_term(std::string_view id) {
    std::string term = std::string(schema::prefix_id) + std::string(id);
    if (term.size() > schema::max_term_bytes) return hashed(schema::prefix_id, id);
    return term;
}

std::string filter_term(std::string_view prefix, std::string_view value) {
    std::string folded = fold_filter_value(value);
    std::string term = std::string(prefix) + folded;
    if (term.size() > schema::max_term_bytes) return hashed(prefix, folded);
    return term;
}

std::vector<std::string> entity_alias_terms(const std::vector<EntityMention>& mentions) {
    std::vector<std::string> terms;
    auto add = [&](EntityType type, std::string_view value) {
        if (value.empty()) return;
        std::string term = filter_term(schema::entity_alias_prefix(type), value);
        if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
    };
    for (const EntityMention& m : mentions) {
        const std::string canonical = fold_filter_value(m.canonical);
        // A surface form that resolved to another name in this article ("EC", "Volcker").
        if (fold_filter_value(m.text) != canonical) add(m.type, m.text);
        // The surname of a person's full name, without a generational suffix.
        if (m.type != EntityType::person) continue;
        std::vector<std::string_view> words;
        std::string_view rest = m.canonical;
        while (!rest.empty()) {
            const std::size_t space = rest.find(' ');
            const std::string_view word = rest.substr(0, space);
            if (!word.empty()) words.push_back(word);
            if (space == std::string_view::npos) break;
            rest.remove_prefix(space + 1);
        }
        while (words.size() > 2 && (words.back() == "Jr" || words.back() == "Jr." || words.back() == "Sr" ||
                                    words.back() == "Sr." || words.back() == "II" || words.back() == "III"))
            words.pop_back();
        if (words.size() >= 2) add(m.type, words.back());
    }
    return terms;
}

DocumentBuilder::DocumentBuilder(Analyzer analyzer, const IndexWriterOptions& options)
    : analyzer_(std::move(analyzer)), options_(options) {}

unsigned DocumentBuilder::index_text(Xapian::Document& doc, std::string_view text, std::string_view lang,
                                     unsigned first_position, bool title, std::vector<std::string>* words,
                                     ArticleNames& names) {
    const std::string stem_prefix(schema::prefix_stem);
    const std::string title_prefix(schema::prefix_title);
    const std::string title_stem_prefix = stem_prefix + title_prefix;
    const unsigned wdf = title ? 1 + title_wdf_boost : 1;
    unsigned positions = 0;
    analyzer_.for_each_token(text, first_position, [&](const Token& token) {
        ++positions;
        if (token.term.size() > analyzer_.settings().max_word_bytes) return;
        std::string stem = analyzer_.stem(token.term, lang);
        doc.add_posting(token.term, token.position, wdf);
        doc.add_term(stem_prefix + stem, wdf);
        if (title) {
            doc.add_posting(title_prefix + token.term, token.position);
            doc.add_term(title_stem_prefix + stem);
        }
        if (words) words->push_back(token.term);
        // "grève" beside its folded "greve": a query with the marks ranks it first (accent_forms.hpp).
        const std::string form = accent_form(text.substr(token.start, token.end - token.start), token.term);
        if (!form.empty()) doc.add_term(accent_form_term(form), 0);
        // Names in Cyrillic, Greek, ... also meet their spellings in other
        // scripts (Latin text: one byte test); which words are names is known
        // once the whole article is read, so they are gathered first.
        if (has_cross_script_letters(token.term)) {
            const Capital capital = capital_of(text, token.start, token.end);
            if (capital != Capital::none) names.add(token.term, cross_script_stem(token.term, lang), capital);
        }
    });
    return positions;
}

std::string DocumentBuilder::cross_script_stem(const std::string& term, std::string_view lang) const {
    const std::string stem_language = cross_script_stem_language(lang, term);
    return stem_language.empty() ? std::string() : analyzer_.stem(term, stem_language);
}

void DocumentBuilder::add_cross_script_keys(Xapian::Document& doc, const ArticleNames& names) {
    for (const auto& [term, stem] : names.names()) {
        for (const std::string& key : cross_script_.keys(term, stem)) {
            doc.add_term(std::string(schema::prefix_cross_script) + key);
        }
    }
}

void DocumentBuilder::add_entities(Xapian::Document& doc, Article& article) {
    const EntityExtractor& extractor =
        options_.entity_extractor ? *options_.entity_extractor : EntityExtractor::builtin();
    const std::vector<EntityMention> mentions = extractor.extract(article.title, article.body, article.lang);
    article.entities = EntityExtractor::summarise(mentions);
    for (const Entity& entity : article.entities) {
        doc.add_boolean_term(filter_term(schema::entity_prefix(entity.type), entity.canonical));
    }
    for (const std::string& term : entity_alias_terms(mentions)) doc.add_boolean_term(term);
    // Every entity is a filter term; the most mentioned are also facet values.
    std::string facet_values = pack_entities(article.entities);
    if (!facet_values.empty()) doc.add_value(schema::slot_entities, facet_values);
}

Xapian::Document DocumentBuilder::build(Article& article, const Xapian::Database& db) {
    Xapian::Document doc;
    if (article.lang.empty() && options_.detect_language) {
        article.lang = article_language(article.title, article.body);
        if (article.lang.empty()) article.lang = analyzer_.settings().default_language;  // not sure enough
    }
    std::string lang = article.lang.empty() ? analyzer_.settings().default_language : article.lang;

    // Title words at 1.., body words after a gap, so phrases never straddle them.
    ArticleNames names;
    const unsigned title_words = index_text(doc, article.title, lang, 1, true, nullptr, names);
    std::vector<std::string> body_words;
    index_text(doc, article.body, lang, title_words + title_body_gap, false, &body_words, names);
    if (!names.empty()) add_cross_script_keys(doc, names);

    if (options_.detect_duplicates) {
        Signature signature = make_signature(signed_words(analyzer_, article.title, std::move(body_words)));
        // The index writer builds against an empty database and assigns the
        // cluster itself: no band look-ups there.
        const bool nothing_to_find = db.get_lastdocid() == 0;
        add_near_duplicate_data(doc, signature, nothing_to_find ? article.id : assign_cluster(db, signature, article.id));
    }

    doc.add_boolean_term(id_term(article.id));
    if (!article.lang.empty()) {
        doc.add_boolean_term(filter_term(schema::prefix_lang, article.lang));
        doc.add_value(schema::slot_lang, fold_filter_value(article.lang));
    }
    if (!article.source.empty()) {
        doc.add_boolean_term(filter_term(schema::prefix_source, article.source));
        doc.add_value(schema::slot_source, article.source);
    }
    if (!article.url.empty()) doc.add_boolean_term(filter_term(schema::prefix_url, article.url));

    if (!article.published && !article.date.empty()) article.published = parse_published_date(article.date);
    if (article.published) {
        const Timestamp& t = *article.published;
        doc.add_value(schema::slot_date, Xapian::sortable_serialise(static_cast<double>(t.seconds)));
        std::string year = year_of(t);
        std::string month = month_of(t);
        doc.add_value(schema::slot_year, year);
        doc.add_value(schema::slot_month, month);
        doc.add_boolean_term(std::string(schema::prefix_year) + year);
        doc.add_boolean_term(std::string(schema::prefix_month) + month);
    }
    doc.add_value(schema::slot_order_undated_first, order_key(article.published, article.id, false));
    doc.add_value(schema::slot_order_undated_last, order_key(article.published, article.id, true));

    if (options_.extract_entities) add_entities(doc, article);

    doc.set_data(serialise_article(article));
    if (!article.body.empty()) doc.add_value(schema::slot_body, serialise_body(article.body));
    // Last: the stem vector counts every term's wdf into the length.
    doc.add_value(schema::slot_stems, serialise_stem_vector(stem_vector(doc)));
    return doc;
}

}  // namespace newsdex::detail
