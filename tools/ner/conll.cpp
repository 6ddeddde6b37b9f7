/// @file conll.cpp
/// CoNLL JSONL reader: code-point offsets become byte offsets, entities become BIO tags.
#include "conll.hpp"

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "model.hpp"
#include "text.hpp"

namespace newsdex::ner {

std::vector<Document> read_conll_jsonl(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    std::vector<Document> docs;
    std::string line;
    std::size_t lineno = 0;
    while (std::getline(in, line)) {
        ++lineno;
        if (line.empty()) continue;
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line);
        } catch (const std::exception& e) {
            throw std::runtime_error(path + ":" + std::to_string(lineno) + ": " + e.what());
        }
        Document d;
        d.id = j.value("id", "");
        d.text = j.at("text").get<std::string>();
        // code point index -> byte offset
        std::vector<std::size_t> cp_byte;
        for (std::size_t i = 0; i < d.text.size(); ++i) {
            if ((static_cast<unsigned char>(d.text[i]) & 0xC0) != 0x80) cp_byte.push_back(i);
        }
        cp_byte.push_back(d.text.size());
        for (const auto& e : j.at("entities")) {
            const std::string t = e.at("type");
            const int type = t == "PER" ? entities::kPer : t == "LOC" ? entities::kLoc : t == "ORG" ? entities::kOrg : entities::kMisc;
            d.entities.push_back({type, cp_byte.at(e.at("start").get<std::size_t>()), cp_byte.at(e.at("end").get<std::size_t>())});
        }
        for (const auto& s : j.at("sentences")) {
            const std::size_t a = cp_byte.at(s.at(0).get<std::size_t>()), b = cp_byte.at(s.at(1).get<std::size_t>());
            Sentence sent;
            std::size_t i = a;
            while (i < b) {
                while (i < b && d.text[i] == ' ') ++i;
                std::size_t k = i;
                while (k < b && d.text[k] != ' ') ++k;
                if (k > i) {
                    sent.tokens.push_back({i, k, d.text.substr(i, k - i)});
                    entities::hash_token(sent.tokens.back());
                }
                i = k;
            }
            sent.gold.assign(sent.tokens.size(), 0);
            for (const GoldEntity& e : d.entities) {
                bool first = true;
                for (std::size_t t = 0; t < sent.tokens.size(); ++t) {
                    if (sent.tokens[t].start >= e.start && sent.tokens[t].end <= e.end) {
                        sent.gold[t] = static_cast<std::uint8_t>(first ? entities::begin_tag(e.type) : entities::inside_tag(e.type));
                        first = false;
                    }
                }
            }
            if (!sent.tokens.empty()) d.sentences.push_back(std::move(sent));
        }
        docs.push_back(std::move(d));
    }
    return docs;
}

namespace {

/// @p s with each code point upper-cased where that keeps its UTF-8 length (offsets stay valid).
std::string upper_same_length(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t from = i;
        const char32_t c = entities::next_code_point(s, i);
        std::string up;
        entities::append_utf8(up, entities::to_upper(c));
        if (up.size() == i - from) out += up;
        else out.append(s.substr(from, i - from));
    }
    return out;
}

}  // namespace

Document upper_cased(const Document& doc) {
    Document d = doc;
    d.text = upper_same_length(doc.text);
    for (Sentence& s : d.sentences) {
        for (entities::Token& t : s.tokens) {
            t.text = upper_same_length(t.text);
            entities::hash_token(t);
        }
    }
    return d;
}

entities::DocContext document_context(const Document& doc, std::vector<entities::SentenceMode>& modes) {
    entities::DocContext context;
    modes.clear();
    for (const Sentence& s : doc.sentences) {
        modes.push_back(entities::sentence_mode(s.tokens.data(), s.tokens.size()));
        context.add(s.tokens.data(), s.tokens.size(), modes.back());
    }
    context.finish();
    return context;
}

}  // namespace newsdex::ner
