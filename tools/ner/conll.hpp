/// @file conll.hpp
/// Reading CoNLL-2003 JSONL (../shared/corpora/ner) into tokens with gold BIO tags.
#pragma once

#include <string>
#include <vector>

#include "features.hpp"
#include "tokenizer.hpp"

namespace newsdex::ner {

struct GoldEntity {
    int type;  // entities::kPer ... kMisc
    std::size_t start, end;  // byte offsets into Document::text
};

struct Sentence {
    std::vector<entities::Token> tokens;  // byte offsets into Document::text
    std::vector<std::uint8_t> gold;       // BIO tags
};

struct Document {
    std::string id;
    std::string text;
    std::vector<Sentence> sentences;
    std::vector<GoldEntity> entities;
};

/// The document-level evidence the tagger reads (what each word looks like
/// elsewhere in the article), and each sentence's casing mode in @p modes.
entities::DocContext document_context(const Document& doc, std::vector<entities::SentenceMode>& modes);

/// The document with every letter upper-cased (old wire copy, ALL CAPS headlines), gold tags
/// and byte offsets unchanged: only letters whose capital has the same UTF-8 length change.
Document upper_cased(const Document& doc);

/// @throws std::runtime_error naming file and line on bad input.
std::vector<Document> read_conll_jsonl(const std::string& path);

}  // namespace newsdex::ner
