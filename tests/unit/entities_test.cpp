/// @file entities_test.cpp
/// Named-entity extraction: tokenisation, features, decoding, canonical names, model quality.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "conll.hpp"
#include "document_builder.hpp"
#include "entities/canonicalizer.hpp"
#include "entities/features.hpp"
#include "entities/inflected_names.hpp"
#include "entities/lexicons.hpp"
#include "entities/model.hpp"
#include "entities/other_languages.hpp"
#include "entities/text.hpp"
#include "entities/tokenizer.hpp"
#include "newsdex/entities.hpp"
#include "newsdex/error.hpp"

using namespace newsdex;
using namespace newsdex::entities;

namespace {

/// "text@start-end" for each token, sentences separated by " | ".
std::string describe(std::string_view text) {
    const TokenizedText t = tokenize(text);
    std::string out;
    for (std::size_t s = 0; s < t.sentences.size(); ++s) {
        if (s) out += " | ";
        for (std::size_t i = t.sentences[s].begin; i < t.sentences[s].end; ++i) {
            if (i > t.sentences[s].begin) out += ' ';
            const entities::Token& k = t.tokens[i];
            out += std::string(text.substr(k.start, k.end - k.start)) + "@" + std::to_string(k.start) + "-" +
                   std::to_string(k.end);
        }
    }
    return out;
}

std::string model_path() { return std::string(NEWSDEX_SOURCE_DIR) + "/common/data/ner/newsdex-ner.model"; }

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// "type:canonical" of each mention, e.g. "person:Vladimir Putin".
std::vector<std::string> summary(const std::vector<EntityMention>& ms) {
    std::vector<std::string> out;
    for (const auto& m : ms) out.push_back(std::string(to_string(m.type)) + ":" + m.canonical);
    return out;
}

}  // namespace

// ---------------------------------------------------------------- tokenisation

TEST(EntityTokenizer, SplitsPossessivesAndKeepsAbbreviationDots) {
    EXPECT_EQ(describe("Putin's envoy met U.S. officials."),
              "Putin@0-5 's@5-7 envoy@8-13 met@14-17 U.S.@18-22 officials@23-32 .@32-33");
}

TEST(EntityTokenizer, SeparatesTypographicQuotesAndApostrophes) {
    // “ and ” are 3 bytes each; ’ too.
    EXPECT_EQ(describe("to “surrender” as Ukraine’s"),
              "to@0-2 “@3-6 surrender@6-15 ”@15-18 as@19-21 Ukraine@22-29 ’s@29-33");
    const TokenizedText t = tokenize("Ukraine’s");
    ASSERT_EQ(t.tokens.size(), 2u);
    EXPECT_EQ(t.tokens[1].text, "'s");  // normalised for the model
}

TEST(EntityTokenizer, KeepsHyphenatedWordsSplitsDashesCopyrightAndCurrency) {
    EXPECT_EQ(describe("a US-Ukrainian 30-day pause"), "a@0-1 US-Ukrainian@2-14 30-day@15-21 pause@22-27");
    EXPECT_EQ(describe("(AFP) – talks"), "(@0-1 AFP@1-4 )@4-5 –@6-9 talks@10-15");
    EXPECT_EQ(describe("© 2024 AFP"), "©@0-2 2024@3-7 AFP@8-11");
    EXPECT_EQ(describe("($43.5 billion)"), "(@0-1 $@1-2 43.5@2-6 billion@7-14 )@14-15");
    EXPECT_EQ(describe("don't"), "do@0-2 n't@2-5");
}

TEST(EntityTokenizer, SplitsSentencesAfterTerminatorsAndClosingQuotes) {
    EXPECT_EQ(describe("He said “no.” Then Mr. Smith left!\n\nNext"),
              "He@0-2 said@3-7 “@8-11 no@11-13 .@13-14 ”@14-17 | Then@18-22 Mr.@23-26 Smith@27-32 left@33-37 "
              "!@37-38 | Next@40-44");
    EXPECT_EQ(describe("Headline without stop\n\nBody"), "Headline@0-8 without@9-16 stop@17-21 | Body@23-27");
}

// ---------------------------------------------------------------- features

TEST(EntityTokenizer, IndentedLinesStartSentencesWrappedLinesDoNot) {
    // Wire copy: paragraphs and table rows are indented lines; running text wraps without indent.
    const TokenizedText t = tokenize("Revs 3.1 vs 5.4 mln\n    Nine months\n    Shr loss\nthe board said\nFriday");
    ASSERT_EQ(t.sentences.size(), 3u);
    EXPECT_EQ(t.tokens[t.sentences[1].begin].text, "Nine");
    EXPECT_EQ(t.tokens[t.sentences[2].begin].text, "Shr");
    EXPECT_EQ(t.tokens[t.sentences[2].end - 1].text, "Friday");
}

TEST(EntityFeatures, DetectsHeadlineCasing) {
    auto mode = [](std::string_view s) {
        const TokenizedText t = tokenize(s);
        return sentence_mode(t.tokens.data(), t.tokens.size());
    };
    EXPECT_EQ(mode("Putin Calls On Ukrainian Troops In Kursk To Surrender"), SentenceMode::title);
    EXPECT_EQ(mode("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP"), SentenceMode::upper);
    EXPECT_EQ(mode("Putin calls on Ukrainian troops in Kursk to surrender"), SentenceMode::normal);
}

TEST(EntityFeatures, GazetteerPhrasesAndDocumentContext) {
    Lexicons lex;
    lex.add_list("# places\nUnited States\nKursk\n", kGazPlace);
    lex.add_list("Friday\n", kStop);
    const auto h = [](std::string_view s) { return hash_bytes(s, kPhraseSeed); };
    EXPECT_EQ(lex.phrase_bits(h("kursk")), kGazPlace);
    EXPECT_EQ(lex.phrase_bits(h("united")), kPrefix);
    EXPECT_EQ(lex.phrase_bits(hash_bytes("states", hash_bytes(" ", h("united")))), kGazPlace);
    EXPECT_EQ(lex.phrase_bits(h("friday")), kStop);
    EXPECT_EQ(lex.phrase_bits(h("paris")), 0);

    DocContext doc;
    const TokenizedText t = tokenize("Putin spoke. Later, Putin and the envoy met.");
    for (const auto& s : t.sentences) {
        doc.add(t.tokens.data() + s.begin, s.end - s.begin, SentenceMode::normal);
    }
    EXPECT_EQ(doc.flags(h("putin")), DocContext::kCapMid);  // capitalised mid-sentence once
    EXPECT_EQ(doc.flags(h("later")), 0);                    // only sentence-initial
    EXPECT_EQ(doc.flags(h("envoy")), DocContext::kLower);
}

TEST(EntityLexicons, FrozenTableAnswersLikeTheBuildTableAndRoundTrips) {
    Lexicons lex;
    lex.add_list("United States\nKursk\n", kGazPlace);
    lex.add_list("Kursk\n", kGazOrg);  // a submarine, too: bits accumulate
    lex.add_case_lexicon("kursk\t4\nthe\t0\n");
    lex.add_clusters("# comment\nKursk\t0110\nparis\t0111\nbad\t01x\n");
    const auto h = [](std::string_view s) { return hash_bytes(s, kPhraseSeed); };
    const LexEntry before = lex.lookup(h("kursk"));
    EXPECT_EQ(before.bits, kGazPlace | kGazOrg);
    EXPECT_EQ(before.case_bucket, 4);
    EXPECT_EQ(before.cluster, 0b10110);  // leading 1, then the path
    lex.freeze();
    const std::string bytes = lex.serialise();
    std::vector<std::uint32_t> aligned(bytes.size() / 4);
    std::memcpy(aligned.data(), bytes.data(), bytes.size());
    const Lexicons view = Lexicons::view(std::string_view(reinterpret_cast<const char*>(aligned.data()), bytes.size()));
    for (const Lexicons* l : {static_cast<const Lexicons*>(&lex), &view}) {
        EXPECT_EQ(l->lookup(h("kursk")).bits, before.bits);
        EXPECT_EQ(l->lookup(h("kursk")).cluster, before.cluster);
        EXPECT_EQ(l->case_bucket(h("the")), 0);
        EXPECT_EQ(l->case_bucket(h("paris")), 5);  // unknown bucket
        EXPECT_EQ(l->lookup(h("paris")).cluster, 0b10111);
        EXPECT_EQ(l->lookup(h("bad")).cluster, 0);  // malformed path ignored
        EXPECT_EQ(l->phrase_bits(h("united")), kPrefix);
        EXPECT_EQ(l->phrase_bits(h("moscow")), 0);
        EXPECT_TRUE(l->has_clusters());
    }
    EXPECT_THROW(Lexicons::view(std::string_view(reinterpret_cast<const char*>(aligned.data()), 8)), Error);
    aligned[0] ^= 1;
    EXPECT_THROW(Lexicons::view(std::string_view(reinterpret_cast<const char*>(aligned.data()), bytes.size())), Error);
}

TEST(EntityTokenizer, ReusedOutputGivesTheSameTokensAndHashes) {
    TokenizedText reused;
    tokenize("A much longer first text, with many words: Volcker's Federal Reserve Board.", reused);
    for (std::string_view text : {"Putin's envoy met U.S. officials.", "", "EC ministers met."}) {
        tokenize(text, reused);
        const TokenizedText fresh = tokenize(text);
        ASSERT_EQ(reused.tokens.size(), fresh.tokens.size()) << text;
        ASSERT_EQ(reused.sentences.size(), fresh.sentences.size()) << text;
        for (std::size_t i = 0; i < fresh.tokens.size(); ++i) {
            EXPECT_EQ(reused.tokens[i].text, fresh.tokens[i].text);
            EXPECT_EQ(reused.tokens[i].start, fresh.tokens[i].start);
            EXPECT_EQ(reused.tokens[i].lower_hash, hash_bytes(lowercase(fresh.tokens[i].text), kPhraseSeed));
        }
    }
    EXPECT_EQ(lower_hash("ÉCOLE Straße", kPhraseSeed), hash_bytes(lowercase("ÉCOLE Straße"), kPhraseSeed));
}

TEST(EntityFeatures, DocumentContextKnowsRunsAndAcronyms) {
    DocContext doc;
    const TokenizedText t = tokenize("Ministers of the European Community met Paul Volcker. Later the EC said Volcker left.");
    for (const auto& s : t.sentences) doc.add(t.tokens.data() + s.begin, s.end - s.begin, SentenceMode::normal);
    doc.finish();
    const auto h = [](std::string_view s) { return hash_bytes(s, kPhraseSeed); };
    EXPECT_EQ(doc.expansion_head(h("ec")), h("community"));
    EXPECT_EQ(doc.expansion_head(h("pv")), h("volcker"));  // any run of two capitalised words
    EXPECT_EQ(doc.expansion_head(h("xy")), 0u);
    const auto [occ, count] = doc.occurrences(h("volcker"), 8);
    ASSERT_EQ(count, 2u);
    EXPECT_EQ(occ[0].run, 4);  // last word of "Paul Volcker"
    EXPECT_EQ(occ[0].prev, h("paul"));
    EXPECT_EQ(occ[1].run, 1);  // alone
    EXPECT_EQ(occ[1].prev, h("said"));
    EXPECT_EQ(doc.occurrences(h("met"), 8).second, 0u);  // lowercase words are not recorded
}

TEST(EntityFeatures, ClusterAndDocumentTemplatesOnlyWhenAsked) {
    Lexicons lex;
    lex.add_clusters("volcker\t0101\n");
    lex.freeze();
    DocContext doc;
    const TokenizedText t = tokenize("Paul Volcker spoke.");
    doc.add(t.tokens.data(), t.tokens.size(), SentenceMode::normal);
    doc.finish();
    SentenceFeatures base, all;
    extract_features(lex, doc, t.tokens.data(), t.tokens.size(), SentenceMode::normal, (1u << 20) - 1, base, 0);
    extract_features(lex, doc, t.tokens.data(), t.tokens.size(), SentenceMode::normal, (1u << 20) - 1, all,
                     kFeatClusters | kFeatDocContext);
    ASSERT_EQ(base.offsets.size(), all.offsets.size());
    for (std::size_t i = 0; i < t.tokens.size(); ++i) {
        EXPECT_GT(all.offsets[i + 1] - all.offsets[i], base.offsets[i + 1] - base.offsets[i]) << i;
    }
}

TEST(EntityFeatures, RunTemplatesOnlyForWordsInACapitalisedRunOfOrdinarySentences) {
    Lexicons lex;
    lex.add_list("Bank\n", kGazOrgWord);
    lex.freeze();
    const DocContext doc;
    const TokenizedText t = tokenize("the Bank of England said so");
    SentenceFeatures base, runs, title;
    const auto n = t.tokens.size();
    extract_features(lex, doc, t.tokens.data(), n, SentenceMode::normal, (1u << 20) - 1, base, 0);
    extract_features(lex, doc, t.tokens.data(), n, SentenceMode::normal, (1u << 20) - 1, runs, kFeatRuns);
    auto count = [](const SentenceFeatures& f, std::size_t i) { return f.offsets[i + 1] - f.offsets[i]; };
    for (std::size_t i : {0u, 4u, 5u}) EXPECT_EQ(count(runs, i), count(base, i)) << t.tokens[i].text;
    for (std::size_t i : {1u, 2u, 3u}) EXPECT_GT(count(runs, i), count(base, i)) << t.tokens[i].text;
    // In a headline every word is capitalised: a run says nothing, so no run features.
    extract_features(lex, doc, t.tokens.data(), n, SentenceMode::title, (1u << 20) - 1, title, 0);
    extract_features(lex, doc, t.tokens.data(), n, SentenceMode::title, (1u << 20) - 1, runs, kFeatRuns);
    EXPECT_EQ(runs.ids, title.ids);
}

TEST(EntityFeatures, WordIdentityFeaturesAreMarkedForDropoutOnlyWhenAsked) {
    const Lexicons lex;
    const DocContext doc;
    const TokenizedText t = tokenize("Paul Volcker spoke.");
    SentenceFeatures plain, marked;
    marked.mark_lexical = true;
    extract_features(lex, doc, t.tokens.data(), t.tokens.size(), SentenceMode::normal, 1023, plain);
    extract_features(lex, doc, t.tokens.data(), t.tokens.size(), SentenceMode::normal, 1023, marked);
    EXPECT_EQ(plain.ids, marked.ids);  // marking changes no feature
    EXPECT_TRUE(plain.lexical.empty());
    ASSERT_EQ(marked.lexical.size(), marked.ids.size());
    for (std::size_t i = 0; i < t.tokens.size(); ++i) {
        const auto lexical = std::count(marked.lexical.begin() + marked.offsets[i], marked.lexical.begin() + marked.offsets[i + 1], 1);
        EXPECT_EQ(lexical, 4) << t.tokens[i].text;  // word, cased word, and the two word bigrams
    }
}

TEST(EntityFeatures, SameInputSameFeaturesWithinBuckets) {
    Lexicons lex;
    DocContext doc;
    const TokenizedText t = tokenize("President Vladimir Putin called on Friday.");
    SentenceFeatures a, b;
    extract_features(lex, doc, t.tokens.data(), t.tokens.size(), SentenceMode::normal, 1023, a);
    extract_features(lex, doc, t.tokens.data(), t.tokens.size(), SentenceMode::normal, 1023, b);
    EXPECT_EQ(a.ids, b.ids);
    ASSERT_EQ(a.offsets.size(), t.tokens.size() + 1);
    for (std::uint32_t id : a.ids) EXPECT_LE(id, 1023u);
    for (std::size_t i = 0; i < t.tokens.size(); ++i) EXPECT_GT(a.offsets[i + 1], a.offsets[i] + 20);
}

// ---------------------------------------------------------------- decoding

TEST(EntityDecoding, ViterbiNeverStartsWithInsideTag) {
    // Emissions prefer I-PER for both tokens; the only legal path with it is B-PER I-PER.
    std::vector<float> em(2 * kTags, 0), tr((kTags + 1) * kTags, 0);
    em[inside_tag(kPer)] = 5;
    em[begin_tag(kPer)] = 1;
    em[kTags + inside_tag(kPer)] = 5;
    std::vector<std::uint8_t> tags;
    viterbi(em.data(), 2, tr.data(), tags);
    EXPECT_EQ(tags, (std::vector<std::uint8_t>{static_cast<std::uint8_t>(begin_tag(kPer)),
                                               static_cast<std::uint8_t>(inside_tag(kPer))}));
}

TEST(EntityDecoding, TransitionsChangeTheBestPath) {
    std::vector<std::int32_t> em(2 * kTags, 0), tr((kTags + 1) * kTags, 0);
    em[begin_tag(kLoc)] = 3;                 // token 0: B-LOC
    em[kTags + begin_tag(kLoc)] = 2;         // token 1: B-LOC slightly over O
    em[kTags + 0] = 1;
    tr[begin_tag(kLoc) * kTags + begin_tag(kLoc)] = -5;  // B-LOC B-LOC is unlikely
    std::vector<std::uint8_t> tags;
    viterbi(em.data(), 2, tr.data(), tags);
    EXPECT_EQ(tags, (std::vector<std::uint8_t>{static_cast<std::uint8_t>(begin_tag(kLoc)), 0}));
}

TEST(EntityDecoding, BilouTagsRoundTripThroughBio) {
    // "Paul Volcker met IMF in New York City": B-PER I-PER O B-ORG O B-LOC I-LOC I-LOC
    const std::vector<std::uint8_t> bio = {
        static_cast<std::uint8_t>(begin_tag(kPer)), static_cast<std::uint8_t>(inside_tag(kPer)), 0,
        static_cast<std::uint8_t>(begin_tag(kOrg)), 0, static_cast<std::uint8_t>(begin_tag(kLoc)),
        static_cast<std::uint8_t>(inside_tag(kLoc)), static_cast<std::uint8_t>(inside_tag(kLoc))};
    std::vector<std::uint8_t> tags = bio;
    bio_to_scheme(TagScheme::bilou, tags);
    // B-PER L-PER O U-ORG O B-LOC I-LOC L-LOC (1 + 4 type + part)
    EXPECT_EQ(tags, (std::vector<std::uint8_t>{1, 3, 0, 1 + 4 * kOrg + 3, 0, 1 + 4 * kLoc, 2 + 4 * kLoc, 3 + 4 * kLoc}));
    scheme_to_bio(TagScheme::bilou, tags);
    EXPECT_EQ(tags, bio);
    std::vector<std::uint8_t> same = bio;
    bio_to_scheme(TagScheme::bio, same);
    EXPECT_EQ(same, bio);
}

TEST(EntityDecoding, BilouViterbiClosesEveryName) {
    const int T = tag_count(TagScheme::bilou);
    ASSERT_EQ(T, 17);
    // Token 0 prefers B-PER, token 1 prefers O: B-PER O is illegal (a name left open), so the
    // decoder must choose U-PER O (or B-PER L-PER); with these emissions U-PER O wins.
    std::vector<std::int32_t> em(2 * T, 0), tr((T + 1) * T, 0);
    em[1 + 4 * kPer] = 5;      // B-PER
    em[1 + 4 * kPer + 3] = 4;  // U-PER
    em[T + 0] = 3;             // token 1: O
    std::vector<std::uint8_t> tags;
    viterbi(em.data(), 2, tr.data(), tags, TagScheme::bilou);
    EXPECT_EQ(tags, (std::vector<std::uint8_t>{static_cast<std::uint8_t>(1 + 4 * kPer + 3), 0}));
    // A sentence cannot end inside a name either.
    std::vector<std::int32_t> one(T, 0);
    one[1 + 4 * kLoc] = 9;      // B-LOC
    one[1 + 4 * kLoc + 3] = 1;  // U-LOC
    viterbi(one.data(), 1, tr.data(), tags, TagScheme::bilou);
    EXPECT_EQ(tags, (std::vector<std::uint8_t>{static_cast<std::uint8_t>(1 + 4 * kLoc + 3)}));
    EXPECT_FALSE(scheme_transition_allowed(TagScheme::bilou, -1, 2 + 4 * kLoc));         // I-LOC first
    EXPECT_FALSE(scheme_transition_allowed(TagScheme::bilou, 1 + 4 * kLoc, 3 + 4 * kPer));  // B-LOC L-PER
    EXPECT_TRUE(scheme_transition_allowed(TagScheme::bilou, 1 + 4 * kLoc, 3 + 4 * kLoc));   // B-LOC L-LOC
    EXPECT_TRUE(scheme_transition_allowed(TagScheme::bilou, 3 + 4 * kLoc, 1 + 4 * kOrg));   // L-LOC B-ORG
}

TEST(EntityModelFile, RoundTripsAndRejectsGarbage) {
    ModelFile f;
    f.set("meta", "hello");
    f.set("x", std::string("\0\1\2", 3));
    const ModelFile g = ModelFile::parse(f.serialise());
    ASSERT_NE(g.find("x"), nullptr);
    EXPECT_EQ(*g.find("x"), std::string("\0\1\2", 3));
    EXPECT_EQ(g.find("y"), nullptr);
    EXPECT_THROW(ModelFile::parse("not a model"), Error);
    const std::string bytes = f.serialise();
    try {
        ModelFile::parse(bytes.substr(0, bytes.size() - 2));
        FAIL() << "truncated model accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
    }
    EXPECT_THROW(EntityExtractor("/nonexistent/model"), Error);
}

// ---------------------------------------------------------------- canonical names

TEST(EntityCanonical, AliasKeysIgnoreCaseDotsAndPossessives) {
    EXPECT_EQ(alias_key("U.S."), "us");
    EXPECT_EQ(alias_key("  Putin’s "), "putin");
    EXPECT_EQ(alias_key("The  Kremlin"), "kremlin");
    EXPECT_EQ(tidy_name("new   york"), "New York");
    EXPECT_EQ(tidy_name("NATO"), "NATO");
    EXPECT_EQ(tidy_name("Bank  of England"), "Bank of England");
    EXPECT_EQ(tidy_name("McDonald"), "McDonald");
}

TEST(EntityCanonical, SurnameResolvesToFullNameInArticleThenAliasTable) {
    AliasTable aliases;
    aliases.load("# comment\nperson\tVolodymyr Zelensky\tZelensky|Zelenskyy|Volodymyr Zelenskyy\nplace\tKyiv\tKiev\n");
    std::vector<RawMention> ms = {
        {EntityType::person, "Zelenskyy", {"Zelenskyy"}},
        {EntityType::person, "Jane Smith", {"Jane", "Smith"}},
        {EntityType::person, "Smith", {"Smith"}},
        {EntityType::place, "Kiev", {"Kiev"}},
        {EntityType::person, "Volodymyr Zelenskyy", {"Volodymyr", "Zelenskyy"}},
        {EntityType::org, "Kiev", {"Kiev"}},
    };
    const auto c = resolve_article(aliases, ms);
    EXPECT_EQ(c, (std::vector<std::string>{"Volodymyr Zelensky", "Jane Smith", "Jane Smith", "Kyiv",
                                           "Volodymyr Zelensky", "Kiev"}));
}

TEST(EntityCanonical, CaseVariantsCompanyNamesAndAcronymsLinkWithinTheArticle) {
    AliasTable aliases;
    std::vector<RawMention> ms = {
        {EntityType::person, "REAGAN", {"REAGAN"}},  // a headline
        {EntityType::person, "Reagan", {"Reagan"}},
        {EntityType::org, "EC", {"EC"}},
        {EntityType::org, "European Community", {"European", "Community"}},
        {EntityType::org, "Moody's Investors Service Inc", {"Moody's", "Investors", "Service", "Inc"}},
        {EntityType::org, "MOODY'S", {"MOODY'S"}},
        {EntityType::org, "House", {"House"}},  // not "House Judiciary Committee": no company
        {EntityType::org, "House Judiciary Committee", {"House", "Judiciary", "Committee"}},
        {EntityType::person, "VOLCKER", {"VOLCKER"}},
        {EntityType::person, "Paul Volcker", {"Paul", "Volcker"}},
        {EntityType::org, "Ec", {"Ec"}},  // not written in capitals: no acronym
    };
    const auto c = resolve_article(aliases, ms);
    EXPECT_EQ(c, (std::vector<std::string>{"Reagan", "Reagan", "European Community", "European Community",
                                           "Moody's Investors Service", "Moody's Investors Service", "House",
                                           "House Judiciary Committee", "Paul Volcker", "Paul Volcker", "Ec"}));
}

TEST(EntityCanonical, LegalFormSuffixesAreDropped) {
    EXPECT_EQ(strip_legal_suffix("Sony Corp"), "Sony");
    EXPECT_EQ(strip_legal_suffix("Alex. Brown and Sons Inc"), "Alex. Brown and Sons");
    EXPECT_EQ(strip_legal_suffix("Samuel Montagu and Co Ltd"), "Samuel Montagu");
    EXPECT_EQ(strip_legal_suffix("Commerzbank AG"), "Commerzbank");
    EXPECT_EQ(strip_legal_suffix("Bank of England"), "Bank of England");
    EXPECT_EQ(strip_legal_suffix("Co"), "Co");  // nothing would be left
    EXPECT_TRUE(is_legal_suffix("Inc."));
    EXPECT_FALSE(is_legal_suffix("Group"));
}

TEST(EntityCanonical, UserAliasTableAddsToTheBuiltinOneAndNamesItsBadLines) {
    const EntityExtractor& builtin = EntityExtractor::builtin();
    const EntityExtractor x = builtin.with_aliases(
        "# my table\n\nperson\tMikhail Gorbachev\tGorby|Gorbachov\nplace\tKyiv City\tKyiv\n", "my.tsv");
    EXPECT_EQ(x.canonicalise(EntityType::person, "gorby"), "Mikhail Gorbachev");
    EXPECT_EQ(x.canonicalise(EntityType::place, "Kiev"), "Kyiv");        // built-in entries stay
    EXPECT_EQ(x.canonicalise(EntityType::place, "kyiv"), "Kyiv City");   // the user's win
    EXPECT_EQ(builtin.canonicalise(EntityType::person, "gorby"), "Gorby");  // the original is unchanged
    bool found = false;
    for (const auto& m : x.extract("", "Gorbachov met bankers in Moscow on Friday."))
        found |= m.canonical == "Mikhail Gorbachev" && m.type == EntityType::person;
    EXPECT_TRUE(found);
    auto error_of = [&](std::string_view tsv) {
        try {
            (void)builtin.with_aliases(tsv, "bad.tsv");
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(error_of("person\tA B\tab\npersn\tX\tY\n"), "bad.tsv:2: unknown entity type 'persn' (person, place or org)");
    EXPECT_EQ(error_of("# c\norg\tAcme\n"),
              "bad.tsv:2: expected 3 tab-separated fields (type, canonical name, aliases separated by '|'), found 2");
    EXPECT_EQ(error_of("org\t \tx\n"), "bad.tsv:1: empty canonical name");
    EXPECT_EQ(error_of("org\tAcme\t|\n"), "bad.tsv:1: no alias for 'Acme'");
}

TEST(EntityCanonical, HarmonisesTypesOfOneName) {
    std::vector<RawMention> ms = {
        {EntityType::person, "Mike Waltz", {"Mike", "Waltz"}},
        {EntityType::org, "Waltz", {"Waltz"}},
        {EntityType::place, "Kursk", {"Kursk"}},
        {EntityType::place, "Kursk", {"Kursk"}},
        {EntityType::org, "Kursk", {"Kursk"}},
    };
    harmonise_types(ms);
    EXPECT_EQ(ms[1].type, EntityType::person);
    EXPECT_EQ(ms[4].type, EntityType::place);
}

TEST(EntityCanonical, AliasTableFixesTheTypeOfKnownNames) {
    AliasTable aliases;
    aliases.load("org\tKremlin\tThe Kremlin\nplace\tUnited States\tUS|U.S.\n");
    std::vector<RawMention> ms = {{EntityType::place, "Kremlin", {"Kremlin"}},
                                  {EntityType::org, "U.S.", {"U.S."}},
                                  {EntityType::place, "Kursk", {"Kursk"}}};
    retype_from_aliases(aliases, ms);
    EXPECT_EQ(ms[0].type, EntityType::org);
    EXPECT_EQ(ms[1].type, EntityType::place);
    EXPECT_EQ(ms[2].type, EntityType::place);
}

TEST(EntityCanonical, BuiltinAliasTable) {
    const EntityExtractor& x = EntityExtractor::builtin();
    EXPECT_EQ(x.canonicalise(EntityType::person, "putin"), "Vladimir Putin");
    EXPECT_EQ(x.canonicalise(EntityType::person, "Zelenskyy"), "Volodymyr Zelensky");
    EXPECT_EQ(x.canonicalise(EntityType::place, "U.S."), "United States");
    EXPECT_EQ(x.canonicalise(EntityType::place, "united states of america"), "United States");
    EXPECT_EQ(x.canonicalise(EntityType::place, "Kiev"), "Kyiv");
    EXPECT_EQ(x.canonicalise(EntityType::place, "Russian Federation"), "Russia");
    EXPECT_EQ(x.canonicalise(EntityType::place, "new york"), "New York");
    // One organisation, one facet value (issue 15: "Fed" 299 and "Federal Reserve" 192 articles).
    EXPECT_EQ(x.canonicalise(EntityType::org, "FED"), "Federal Reserve");
    EXPECT_EQ(x.canonicalise(EntityType::org, "Federal Reserve Board"), "Federal Reserve");
    EXPECT_EQ(x.canonicalise(EntityType::org, "Labour"), "Labour Party");
    EXPECT_EQ(x.canonicalise(EntityType::org, "Lib Dems"), "Liberal Democrats");
}

TEST(EntityCanonical, SummariseCountsMostMentionedFirst) {
    std::vector<EntityMention> ms = {
        {EntityType::place, "Kyiv", "Kyiv", "body", 0, 4},
        {EntityType::person, "Putin", "Vladimir Putin", "body", 5, 10},
        {EntityType::person, "Vladimir Putin", "Vladimir Putin", "title", 0, 14},
    };
    const auto s = EntityExtractor::summarise(ms);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0].canonical, "Vladimir Putin");
    EXPECT_EQ(s[0].mentions, 2);
    EXPECT_EQ(s[1].canonical, "Kyiv");
    EXPECT_EQ(s[1].mentions, 1);
}

// ---------------------------------------------------------------- extraction

TEST(EntityExtractor, OffsetsAreBytesIntoEachField) {
    const std::string title = "Putin’s envoy in Kyiv";
    const std::string body = "“We are ready,” said Volodymyr Zelensky in Kyiv on Friday.";
    const auto ms = EntityExtractor::builtin().extract(title, body);
    ASSERT_FALSE(ms.empty());
    for (const auto& m : ms) {
        const std::string& field = m.field == "title" ? title : body;
        ASSERT_LE(m.end, field.size());
        EXPECT_EQ(field.substr(m.start, m.end - m.start), m.text) << m.field;
    }
    // "Putin" alone: no full name in the article, so the alias table decides.
    EXPECT_EQ(summary(ms), (std::vector<std::string>{"person:Vladimir Putin", "place:Kyiv",
                                                     "person:Volodymyr Zelensky", "place:Kyiv"}));
    EXPECT_EQ(ms[0].field, "title");
    EXPECT_EQ(ms[0].text, "Putin");
    EXPECT_EQ(ms[0].start, 0u);
    EXPECT_EQ(ms[0].end, 5u);
}

TEST(EntityExtractor, TitleCaseHeadline) {
    const auto ms = EntityExtractor::builtin().extract("Putin Calls On Ukrainian Troops In Kursk To Surrender", "");
    EXPECT_EQ(summary(ms), (std::vector<std::string>{"person:Vladimir Putin", "place:Kursk"}));
}

TEST(EntityExtractor, ConcurrentCallsAgree) {
    const auto& x = EntityExtractor::builtin();
    const std::string body = "President Vladimir Putin met Donald Trump in Helsinki. Putin said the U.S. talks "
                             "with NATO went well, the Kremlin added.";
    const auto expected = summary(x.extract("", body));
    std::vector<std::vector<std::string>> got(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < got.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int k = 0; k < 50; ++k) got[t] = summary(x.extract("", body));
        });
    }
    for (auto& th : threads) th.join();
    for (const auto& g : got) EXPECT_EQ(g, expected);
    EXPECT_EQ(expected, (std::vector<std::string>{"person:Vladimir Putin", "person:Donald Trump", "place:Helsinki",
                                                  "person:Vladimir Putin", "place:United States",
                                                  "org:North Atlantic Treaty Organization", "org:Kremlin"}));
}

TEST(EntityExtractor, NamesWrittenOnlyInCapitalsTakeTheirTitleCaseAcronymsAndTickersDoNot) {
    const EntityExtractor& x = EntityExtractor::builtin();
    auto canon = [&](std::string_view title, std::string_view body) {
        std::vector<std::string> out;
        for (const auto& m : x.extract(title, body)) out.push_back(std::string(to_string(m.type)) + ":" + m.canonical);
        return out;
    };
    // An all-caps wire table names London only as LONDON: the facet value is London all the same.
    const auto table = canon("UNILEVER PLC AND NV 1986 4TH QTR TO DEC 31",
                             "    LONDON, March 3\n    Unilever Plc share 49.57p vs 44.19p.\n");
    EXPECT_NE(std::find(table.begin(), table.end(), "place:London"), table.end()) << testing::PrintToString(table);
    EXPECT_EQ(std::find(table.begin(), table.end(), "place:LONDON"), table.end());
    // A Reuters ticker in angle brackets is no name.
    for (const auto& m : x.extract("", "Volkswagen U.S. Inc, a subsidiary of Volkswagen AG <VOWG.F>, said car sales fell."))
        EXPECT_NE(m.text, "VOWG.F");
    // A ticker symbol in brackets after the name it codes is no name of its own; a bracketed
    // company name is one.
    std::vector<std::string> texts;
    for (const auto& m : x.extract("HUGHES TOOL <HT> SAYS BAKER <BKO> MERGER ALIVE",
                                   "Texaco Inc <TX> said it agreed to sell its stake in <Sandoz Ltd> to Dow Chemical Co."))
        texts.push_back(m.text);
    for (const char* ticker : {"HT", "BKO", "TX"})
        EXPECT_EQ(std::find(texts.begin(), texts.end(), ticker), texts.end()) << ticker << " in " << testing::PrintToString(texts);
    EXPECT_NE(std::find(texts.begin(), texts.end(), "Sandoz Ltd"), texts.end()) << testing::PrintToString(texts);
    EXPECT_NE(std::find(texts.begin(), texts.end(), "Texaco Inc"), texts.end()) << testing::PrintToString(texts);
}

TEST(EntityExtractor, SignOffsAndBylinesAreBoilerplateByPosition) {
    const EntityExtractor& x = EntityExtractor::builtin();
    auto names = [&](std::string_view body) {
        std::vector<std::string> out;
        for (const auto& m : x.extract("", body)) out.push_back(m.text);
        return out;
    };
    // The same word as the whole last line (a sign-off) and inside a sentence (a name).
    const auto signed_off = names("Paul Volcker met bankers in Washington.\n Reuter");
    EXPECT_EQ(std::count(signed_off.begin(), signed_off.end(), "Reuter"), 0);
    EXPECT_EQ(std::count(signed_off.begin(), signed_off.end(), "Paul Volcker"), 1);
    const auto byline = names("By Jane Smith\n\nPaul Volcker met Jane Smith in Washington.");
    EXPECT_EQ(std::count(byline.begin(), byline.end(), "Jane Smith"), 1);  // the sentence's, not the byline's
    EXPECT_EQ(names("Bankers met in Washington on Friday with Paul Volcker")  // a last line that is a sentence
                  .back(),
              "Paul Volcker");
}

TEST(EntityExtractor, SignOffAfterTheLastFullStopOnItsLine) {
    const EntityExtractor& x = EntityExtractor::builtin();
    for (const auto& m : x.extract("", "Paul Volcker met bankers in Washington. Registrations were 55.8 (33.7).   REUTER"))
        EXPECT_NE(m.text, "REUTER");
    // A ranking's last row and a contact line keep their names (CoNLL annotates them).
    bool kept = false;
    for (const auto& m : x.extract("", "Talks ended . -- Anthony Barker +48 22 653 9700")) kept |= m.text == "Anthony Barker";
    EXPECT_TRUE(kept);
}

// Reuters-21578 sign-offs the tagger had joined to the name before them or kept as a name.
TEST(EntityExtractor, SignOffBlocksEndTheBodyWhateverPrecedesThem) {
    const EntityExtractor& x = EntityExtractor::builtin();
    auto names = [&](std::string_view body) {
        std::vector<std::string> out;
        for (const auto& m : x.extract("", body)) out.push_back(m.text);
        return out;
    };
    auto has_reuter = [](const std::vector<std::string>& v) {
        return std::any_of(v.begin(), v.end(), [](const std::string& t) {
            return t.find("Reuter") != std::string::npos || t.find("REUTER") != std::string::npos;
        });
    };
    // After a line that ends in an abbreviation's dot (no sentence end): the name before stays whole.
    const auto glued = names("The offering is managed by Dean Witter Reynolds Inc.\n Reuter");
    EXPECT_FALSE(has_reuter(glued)) << testing::PrintToString(glued);
    EXPECT_NE(std::find(glued.begin(), glued.end(), "Dean Witter Reynolds Inc."), glued.end()) << testing::PrintToString(glued);
    // A desk's code after the sign-off, a doubled sign-off, trailing dots, a table's last row.
    for (const char* body : {"Paul Volcker met bankers in Washington.\n REUTER TAW",
                             "Paul Volcker met bankers in Washington, he said. REUTER\n Reuter",
                             "Paul Volcker met bankers in Washington.\nREUTER\n Reuter",
                             "Paul Volcker met bankers in Washington.\n REUTER...",
                             "    SANTA FE...........22............0 REUTER"}) {
        const auto got = names(body);
        EXPECT_FALSE(has_reuter(got)) << body << ": " << testing::PrintToString(got);
    }
    // A wrapped sentence's last line is story text, not a sign-off.
    const auto wrapped = names("Paul Volcker met bankers who came from\nLuxembourg.");
    EXPECT_NE(std::find(wrapped.begin(), wrapped.end(), "Luxembourg"), wrapped.end()) << testing::PrintToString(wrapped);
    const auto talks = names("Bankers said the talks in Washington were with\nVolcker");
    EXPECT_NE(std::find(talks.begin(), talks.end(), "Volcker"), talks.end()) << testing::PrintToString(talks);
    // Mid-story the agency is named as anything else would be.
    const auto told = names("Paul Volcker told Reuters that rates would rise.\n Reuter");
    EXPECT_EQ(std::count(told.begin(), told.end(), "Reuters"), 1) << testing::PrintToString(told);
}

TEST(EntityTokenizer, AShortLastLineOfCapitalisedWordsIsASentenceOfItsOwn) {
    const TokenizedText t = tokenize("It is managed by Dean Witter Reynolds Inc.\n Reuter");
    ASSERT_EQ(t.sentences.size(), 2u);
    EXPECT_EQ(t.tokens[t.sentences[1].begin].text, "Reuter");
    EXPECT_EQ(tokenize("Bankers came from\nLuxembourg.").sentences.size(), 1u);
    EXPECT_EQ(tokenize("The talks were with\nVolcker").sentences.size(), 1u);  // wrapped, not indented
    EXPECT_EQ(tokenize("Bankers came from the\nU.S. and Japan").sentences.size(), 1u);
}

TEST(EntityExtractor, KindsAfterAnIndefiniteArticleAreNotPeople) {
    const EntityExtractor& x = EntityExtractor::builtin();
    auto people = [&](std::string_view body) {
        std::vector<std::string> out;
        for (const auto& m : x.extract("", body))
            if (m.type == EntityType::person) out.push_back(m.text);
        return out;
    };
    const auto tory = people("A Tory MP said on Monday that Tory plans were costed. Michael Howard agreed.");
    EXPECT_EQ(std::count(tory.begin(), tory.end(), "Tory"), 0);
    EXPECT_EQ(std::count(tory.begin(), tory.end(), "Michael Howard"), 1);
    // The surname of a full name in the article stays a person ("a Rios rooting section").
    const auto rios = people("Marcelo Rios won in Paris. He waved to a Rios rooting section. Rios won again.");
    EXPECT_GE(std::count(rios.begin(), rios.end(), "Rios"), 1);
}

TEST(EntityAliasTerms, SurnamesAndResolvedSurfaceFormsBecomeAliasTerms) {
    auto mention = [](EntityType type, std::string text, std::string canonical) {
        EntityMention m;
        m.type = type;
        m.text = std::move(text);
        m.canonical = std::move(canonical);
        return m;
    };
    const std::vector<EntityMention> ms = {
        mention(EntityType::person, "Paul Volcker", "Paul Volcker"), mention(EntityType::person, "Volcker", "Paul Volcker"),
        mention(EntityType::person, "Martin Luther King Jr", "Martin Luther King Jr"),
        mention(EntityType::org, "EC", "European Community"), mention(EntityType::place, "Kursk", "Kursk")};
    const std::vector<std::string> terms = detail::entity_alias_terms(ms);
    auto has = [&](const std::string& t) { return std::find(terms.begin(), terms.end(), t) != terms.end(); };
    EXPECT_TRUE(has("XPERAvolcker"));  // once, though two mentions give it
    EXPECT_EQ(std::count(terms.begin(), terms.end(), "XPERAvolcker"), 1);
    EXPECT_TRUE(has("XPERAking"));      // generational suffix skipped
    EXPECT_TRUE(has("XORGAec"));        // the acronym resolved to its expansion
    EXPECT_FALSE(has("XLOCAkursk"));    // a name that is its own canonical form adds nothing
    EXPECT_EQ(terms.size(), 3u);
}

namespace {

std::set<std::string> canonicals(const std::vector<EntityMention>& ms) {
    std::set<std::string> out;
    for (const EntityMention& m : ms) out.insert(m.canonical);
    return out;
}

}  // namespace

TEST(EntityExtractor, EnglishAndOtherLanguagesAreAnalysedUnknownOnesFindNothing) {
    const auto& x = EntityExtractor::builtin();
    EXPECT_FALSE(x.extract("Vladimir Putin in Moscow", "", "en-GB").empty());
    EXPECT_FALSE(x.extract("Vladimir Putin in Moscow", "", "").empty());
    EXPECT_FALSE(x.extract("Vladimir Poutine à Moscou", "", "fr").empty());
    EXPECT_FALSE(x.extract("Vladimir Putin Moskova'da", "", "tr").empty());  // name forms since 2026-12-04
    // No name forms for Japanese or Vietnamese: nothing rather than guesses.
    EXPECT_TRUE(x.extract("Vladimir Putin in Moscow", "", "ja").empty());
    EXPECT_TRUE(x.extract("Vladimir Putin in Moscow", "", "vi").empty());
}

TEST(EntityExtractor, FrenchNamesTakeTheirEnglishCanonicalFunctionWordsAndTitlesAreNoNames) {
    const std::string body =
        "Le chancelier allemand Olaf Scholz a été reçu lundi à Moscou. Selon le Kremlin, M. Scholz a "
        "évoqué la guerre en Ukraine. L\u2019Allemagne et les États-Unis soutiennent Kiev.";
    const auto ms = EntityExtractor::builtin().extract("Scholz à Moscou", body, "fr");
    const std::set<std::string> names = canonicals(ms);
    for (const char* want : {"Olaf Scholz", "Moscow", "Germany", "United States", "Kyiv", "Ukraine"}) {
        EXPECT_TRUE(names.count(want)) << want;
    }
    for (const char* never : {"Le", "Selon", "M. Scholz", "L\u2019Allemagne", "Allemagne", "Moscou"}) {
        EXPECT_FALSE(names.count(never)) << never;
    }
    for (const EntityMention& m : ms) {  // offsets still point at the field's bytes
        const std::string& field = m.field == "title" ? std::string("Scholz à Moscou") : body;
        EXPECT_EQ(field.substr(m.start, m.end - m.start), m.text);
        if (m.canonical == "Germany") {
            EXPECT_EQ(m.text, "Allemagne");  // the elided article is not part of it
            EXPECT_EQ(m.type, EntityType::place);
        }
    }
}

TEST(EntityExtractor, GermanCapitalisedNounsAreNoNamesInflectedPlacesAre) {
    const auto ms = EntityExtractor::builtin().extract(
        "Scholz reist nach Moskau",
        "Bundeskanzler Olaf Scholz ist am Montag nach Moskau gereist. Die Bundesregierung wollte den "
        "Besuch nicht kommentieren. Deutschlands Beziehungen zu Russland sind angespannt.",
        "de");
    const std::set<std::string> names = canonicals(ms);
    for (const char* want : {"Olaf Scholz", "Moscow", "Germany", "Russia"}) EXPECT_TRUE(names.count(want)) << want;
    for (const char* never : {"Bundesregierung", "Besuch", "Beziehungen", "Montag", "Bundeskanzler Olaf Scholz"}) {
        EXPECT_FALSE(names.count(never)) << never;
    }
}

TEST(EntityExtractor, RussianIsTransliteratedAndInflectedPlacesFoundByTheirStems) {
    const std::string body =
        "Президент России Владимир Путин в понедельник принял в Москве канцлера Германии. Ранее "
        "канцлер посетил Киев.";
    const auto ms = EntityExtractor::builtin().extract("Путин встретился с канцлером в Москве", body, "ru");
    const std::set<std::string> names = canonicals(ms);
    for (const char* want : {"Vladimir Putin", "Russia", "Moscow", "Germany", "Kyiv"}) {
        EXPECT_TRUE(names.count(want)) << want;
    }
    for (const EntityMention& m : ms) {
        const std::string& field = m.field == "title" ? std::string("Путин встретился с канцлером в Москве") : body;
        EXPECT_EQ(field.substr(m.start, m.end - m.start), m.text);  // the Cyrillic bytes, not Latin
    }
}

TEST(EntityExtractor, InflectedCyrillicNamesTakeTheirEnglishOrBaseForm) {
    // Only inflected forms of Kursk (no nominative): the stem meets the English gazetteer's Kursk.
    const std::string ru_body = "Украинские войска в Курске получили предложение сдаться. Президент Зеленский "
                                "заявил, что Киев не сдастся и ответил Путину. Дональд Трамп позвонил. По словам "
                                "Трампа, переговоры идут.";
    const auto ru = EntityExtractor::builtin().extract("Бои в Курской области", ru_body, "ru");
    const std::set<std::string> names = canonicals(ru);
    // Путину is Putin of the alias table; Трампа the article's own Трамп (romanised, not Trump).
    for (const char* want : {"Kursk", "Volodymyr Zelensky", "Kyiv", "Vladimir Putin", "Donald Tramp"}) {
        EXPECT_TRUE(names.count(want)) << want;
    }
    for (const char* never : {"Kurske", "Kurskoy", "Putinu", "Trampa", "Donald Trampa"}) EXPECT_FALSE(names.count(never)) << never;
    for (const EntityMention& m : ru) {
        if (m.canonical == "Kursk") {
            EXPECT_EQ(m.type, EntityType::place) << m.text;
        }
    }
    // CLDR's short names (США) and English names Russian writes with в for w (Вашингтоне).
    const auto us = canonicals(EntityExtractor::builtin().extract(
        "", "Президент США прилетел в Вашингтон. В Вашингтоне прошли переговоры.", "ru"));
    for (const char* want : {"United States", "Washington"}) EXPECT_TRUE(us.count(want)) << want;
    EXPECT_FALSE(us.count("SSHA"));
    // Ukrainian is romanised by its own rules (Volodymyr, not Volodimir) and inflects alike.
    const auto uk = EntityExtractor::builtin().extract(
        "", "Президент Володимир Зеленський заявив, що війська залишаються під Курськом.", "uk");
    const std::set<std::string> uk_names = canonicals(uk);
    for (const char* want : {"Volodymyr Zelensky", "Kursk"}) EXPECT_TRUE(uk_names.count(want)) << want;
}

TEST(EntityExtractor, PolishCzechTurkishRomanianAndGreekGetEntities) {
    auto names_of = [](std::string_view body, std::string_view lang) {
        return canonicals(EntityExtractor::builtin().extract("", body, lang));
    };
    // Polish inflects names and has no stemmer: case endings are cut for the name forms.
    const auto pl = names_of("Prezydent Donald Trump spotkał się w Warszawie z prezydentem Polski.", "pl");
    for (const char* want : {"Donald Trump", "Warsaw", "Poland"}) EXPECT_TRUE(pl.count(want)) << want;
    EXPECT_FALSE(pl.count("Warszawie"));
    // Turkish writes a name's case suffix after an apostrophe: the name is the part before it.
    const auto tr = EntityExtractor::builtin().extract(
        "", "Senatör Brett Kavanaugh'ın adaylığı Washington'da tartışıldı. Almanya'nın tepkisi.", "tr");
    std::set<std::string> texts;
    for (const EntityMention& m : tr) texts.insert(m.text);
    for (const char* want : {"Brett Kavanaugh", "Washington", "Almanya"}) EXPECT_TRUE(texts.count(want)) << want;
    EXPECT_TRUE(canonicals(tr).count("Germany"));
    // Months and weekdays, which Turkish capitalises, are no names (CLDR's, by ICU).
    const auto tr_dates = names_of("Toplantı Ekim ayında, Cumartesi günü Ankara'da yapıldı.", "tr");
    EXPECT_TRUE(tr_dates.count("Ankara"));
    for (const char* never : {"Ekim", "Cumartesi"}) EXPECT_FALSE(tr_dates.count(never)) << never;
    EXPECT_TRUE(language_profile("tr")->is_common_word("ekim"));
    EXPECT_TRUE(language_profile("de")->is_common_word("montag"));
    EXPECT_FALSE(language_profile("tr")->is_common_word("ankara"));
    EXPECT_TRUE(names_of("Premierul a vizitat Germania și Franța.", "ro").count("Germany"));
    // Greek is transliterated for the tagger, as Cyrillic is; offsets stay on the Greek text.
    const std::string el_body = "Ο πρωθυπουργός επισκέφθηκε τη Γερμανία και τη Γαλλία.";
    const auto el = EntityExtractor::builtin().extract("", el_body, "el");
    EXPECT_TRUE(canonicals(el).count("Germany"));
    for (const EntityMention& m : el) EXPECT_EQ(el_body.substr(m.start, m.end - m.start), m.text);
}

TEST(EntityLanguages, ArticleBaseFormsOfInflectedWords) {
    ArticleStems stems;
    stems.add("трампа", "трамп");
    stems.add("трамп", "трамп");
    stems.add("курске", "курск");
    stems.add("москвы", "москв");
    stems.add("москва", "москв");
    EXPECT_EQ(stems.base_form("трампа", "трамп"), "трамп");   // the article writes the nominative
    EXPECT_EQ(stems.base_form("курске", "курск"), "курск");   // only a locative: cut to the stem
    EXPECT_EQ(stems.base_form("москвы", "москв"), "москва");  // the shortest form, never a bare "москв"
    EXPECT_EQ(stems.base_form("анкары", "анкар"), "анкары");  // genitive or nominative plural: kept
}

TEST(EntityLanguages, NameFormsMatchAsWrittenOrInflectedNotByLooseStems) {
    const LanguageProfile* ru = language_profile("ru-RU");
    ASSERT_NE(ru, nullptr);
    EXPECT_TRUE(ru->transliterates());
    ASSERT_NE(ru->find("Москвы"), nullptr);
    EXPECT_EQ(ru->find("Москвы")->canonical, "Moscow");
    ASSERT_NE(ru->find("Соединённых Штатов"), nullptr);
    EXPECT_EQ(ru->find("Соединённых Штатов")->canonical, "United States");
    const LanguageProfile* fr = language_profile("fr");
    ASSERT_NE(fr, nullptr);
    ASSERT_NE(fr->find("Corée du Sud"), nullptr);
    EXPECT_EQ(fr->find("Corée du Sud")->canonical, "South Korea");
    EXPECT_EQ(fr->find("Américains"), nullptr);  // French stems meet "Amériques"; the words do not
    EXPECT_TRUE(fr->is_title("Mme"));
    EXPECT_TRUE(fr->is_stopword("le"));
    const LanguageProfile* de = language_profile("de");
    ASSERT_NE(de, nullptr);
    EXPECT_TRUE(de->capitalises_nouns());
    ASSERT_NE(de->find("Deutschlands"), nullptr);
    EXPECT_EQ(de->find("Deutschlands")->canonical, "Germany");
    EXPECT_EQ(language_profile("en"), nullptr);
    EXPECT_EQ(language_profile("ja"), nullptr);
}

TEST(EntityLanguages, ElisionsAreSplitOffWithSourceOffsets) {
    const std::string text = "l\u2019Allemagne et d'Italie";
    TokenizedText tok = tokenize(text);
    language_profile("fr")->adapt_tokens(tok);
    std::vector<std::string> words;
    for (const entities::Token& t : tok.tokens) {
        words.push_back(t.text);
        EXPECT_EQ(lower_hash(t.text, kPhraseSeed), t.lower_hash);
    }
    EXPECT_EQ(words, (std::vector<std::string>{"l'", "Allemagne", "et", "d'", "Italie"}));
    EXPECT_EQ(text.substr(tok.tokens[1].start, tok.tokens[1].end - tok.tokens[1].start), "Allemagne");
    EXPECT_EQ(text.substr(tok.tokens[0].start, tok.tokens[0].end - tok.tokens[0].start), "l\u2019");
    ASSERT_EQ(tok.sentences.size(), 1u);
    EXPECT_EQ(tok.sentences[0].end, tok.tokens.size());
    EXPECT_EQ(to_latin("Путина"), "Putina");
}

TEST(EntityExtractor, SeedArticleAcceptance) {
    std::ifstream in(std::string(NEWSDEX_SOURCE_DIR) + "/tests/data/kursk-ceasefire.jsonl");
    std::string line;
    ASSERT_TRUE(std::getline(in, line));
    const auto j = nlohmann::json::parse(line);
    const std::string title = j.at("title"), body = j.at("body");
    const auto ms = EntityExtractor::builtin().extract(title, body, "en");
    std::set<std::string> people, places, texts;
    for (const auto& m : ms) {
        if (m.type == EntityType::person) people.insert(m.canonical);
        if (m.type == EntityType::place) places.insert(m.canonical);
        texts.insert(m.text);
        texts.insert(m.canonical);
    }
    EXPECT_EQ(people, (std::set<std::string>{"Vladimir Putin", "Volodymyr Zelensky", "Donald Trump", "Steve Witkoff",
                                             "Mike Waltz", "Marco Rubio", "Keir Starmer", "Kaja Kallas"}));
    for (const char* p : {"Kursk", "Ukraine", "Russia", "Kyiv", "Pokrovsk", "Crimea"}) {
        EXPECT_TRUE(places.count(p)) << p;
    }
    for (const std::string& t : texts) {
        for (const char* bad : {"Friday", "Thursday", "Saturday", "Security", "The Kremlin", "stated", "Additionally"}) {
            EXPECT_EQ(t.find(bad), std::string::npos) << "mention \"" << t << "\" contains \"" << bad << "\"";
        }
    }
    const auto ents = EntityExtractor::summarise(ms);
    ASSERT_FALSE(ents.empty());
    EXPECT_EQ(ents.front().canonical, "Vladimir Putin");  // the most mentioned entity
}

// ---------------------------------------------------------------- model quality

namespace {

struct F1 {
    long tp = 0, fp = 0, fn = 0;
    double value() const { return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn); }
    template <class S>
    void add(const S& gold, const S& pred) {
        for (const auto& g : gold) (pred.count(g) ? tp : fn)++;
        for (const auto& p : pred) fp += gold.count(p) ? 0 : 1;
    }
};

using SpanSet = std::set<std::tuple<int, std::size_t, std::size_t>>;

SpanSet spans_of(const std::vector<std::uint8_t>& tags) {
    SpanSet s;
    for (std::size_t i = 0; i < tags.size();) {
        const int type = tag_type(tags[i]);
        std::size_t j = i + 1;
        if (type >= 0) {
            while (j < tags.size() && tags[j] == inside_tag(type)) ++j;
            if (type != kMisc) s.insert({type, i, j});
        }
        i = j;
    }
    return s;
}

}  // namespace

// Figures reported for the shipped model (scripts/train-ner): the test fails when a change
// costs more than one point of F1 on CoNLL-2003 testa, as written or in capitals.
constexpr double kReportedTestaF1 = 0.9355;          // CoNLL tokens and sentences
constexpr double kReportedTestaRawF1 = 0.9125;       // raw text through extract()
constexpr double kReportedTestaUpperF1 = 0.8842;     // every letter upper-cased, CoNLL tokens
constexpr double kReportedTestaUpperRawF1 = 0.8632;  // every letter upper-cased, raw text

namespace {

/// F1 of the shipped model on testa documents: on the CoNLL tokens and on the raw text.
std::pair<F1, F1> testa_f1(const std::vector<ner::Document>& docs) {
    const ModelFile file = ModelFile::parse(read_file(model_path()));
    const Tagger tagger(file);
    const EntityExtractor& x = EntityExtractor::builtin();
    F1 tok, raw;
    std::vector<std::uint8_t> tags;
    for (const auto& d : docs) {
        std::vector<SentenceMode> modes;
        const DocContext ctx = ner::document_context(d, modes);
        for (std::size_t k = 0; k < d.sentences.size(); ++k) {
            const auto& s = d.sentences[k];
            tagger.tag(ctx, s.tokens.data(), s.tokens.size(), modes[k], tags);
            tok.add(spans_of(s.gold), spans_of(tags));
        }
        SpanSet gold, pred;
        for (const auto& e : d.entities) {
            if (e.type != kMisc) gold.insert({e.type, e.start, e.end});
        }
        for (const auto& m : x.extract("", d.text)) {
            pred.insert({m.type == EntityType::person ? kPer : m.type == EntityType::place ? kLoc : kOrg, m.start, m.end});
        }
        raw.add(gold, pred);
    }
    return {tok, raw};
}

std::string testa_path() { return std::string(NEWSDEX_SHARED_DIR) + "/corpora/ner/conll2003_eng_testa.jsonl"; }

}  // namespace

TEST(EntityModelQuality, TestaF1WithinOnePointOfReported) {
    if (!std::filesystem::exists(testa_path())) GTEST_SKIP() << "CoNLL-2003 testa not found at " << testa_path();
    const auto [tok, raw] = testa_f1(ner::read_conll_jsonl(testa_path()));
    EXPECT_GE(tok.value(), kReportedTestaF1 - 0.01);
    EXPECT_GE(raw.value(), kReportedTestaRawF1 - 0.01);
    RecordProperty("testa_f1", std::to_string(tok.value()));
    RecordProperty("testa_raw_f1", std::to_string(raw.value()));
}

// Old wire copy and headlines are in capitals: the same text upper-cased must stay within a
// point of the reported figures (the model before ALL CAPS training scored 0.7101 / 0.6878).
TEST(EntityModelQuality, AllCapsTestaF1WithinOnePointOfReported) {
    if (!std::filesystem::exists(testa_path())) GTEST_SKIP() << "CoNLL-2003 testa not found at " << testa_path();
    std::vector<ner::Document> upper;
    for (const auto& d : ner::read_conll_jsonl(testa_path())) upper.push_back(ner::upper_cased(d));
    const auto [tok, raw] = testa_f1(upper);
    EXPECT_GE(tok.value(), kReportedTestaUpperF1 - 0.01);
    EXPECT_GE(raw.value(), kReportedTestaUpperRawF1 - 0.01);
    RecordProperty("testa_upper_f1", std::to_string(tok.value()));
    RecordProperty("testa_upper_raw_f1", std::to_string(raw.value()));
}

TEST(ConllUpperCased, KeepsOffsetsAndGold) {
    ner::Document d;
    d.text = "Volcker met the Bundesbank.";
    ner::Sentence s;
    s.tokens.push_back({0, 7, "Volcker"});
    s.tokens.push_back({8, 11, "met"});
    for (auto& t : s.tokens) hash_token(t);
    s.gold = {1, 0};
    d.sentences.push_back(s);
    const ner::Document u = ner::upper_cased(d);
    EXPECT_EQ(u.text, "VOLCKER MET THE BUNDESBANK.");
    EXPECT_EQ(u.sentences[0].tokens[0].text, "VOLCKER");
    EXPECT_EQ(u.sentences[0].tokens[0].lower_hash, d.sentences[0].tokens[0].lower_hash);
    EXPECT_EQ(u.sentences[0].gold, d.sentences[0].gold);
}
