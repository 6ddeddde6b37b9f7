/// @file newsdex_ner.cpp
/// newsdex-ner: trains the averaged-perceptron entity tagger on CoNLL-2003 and measures it.
///
///   newsdex-ner train --train FILE --dev FILE --data DIR --out MODEL [--epochs N] [--bits B]
///                     [--seed S] [--title-aug P] [--clusters TSV] [--features BITS] [--holdout-every K]
///                     [--holdout-fold F] [--word-dropout P] [--tags bio|bilou] [--upper-aug P] [--runs K]
///   newsdex-ner eval  --model MODEL --dev FILE [--bench JSONL]...
///   newsdex-ner extract --model MODEL --input JSONL   (mentions as JSONL, for inspection)
///   newsdex-ner set-data --model MODEL --data DIR      (text sections aliases, misc-words anew; weights kept)
///   newsdex-ner tokenize --input JSONL...              (lowercased tokens, a sentence a line)
///   newsdex-ner vectors --text TXT --out VEC [--min-count N] [--contexts K] [--dim D]
///   newsdex-ner clusters --vectors VEC --out TSV [--depth D] [--min-size M]
#include <algorithm>
#include <array>
#include <cstring>
#include <ctime>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "clusters.hpp"
#include "conll.hpp"
#include "features.hpp"
#include "model.hpp"
#include "newsdex/entities.hpp"
#include "text.hpp"
#include "tokenizer.hpp"

using namespace newsdex;
using namespace newsdex::entities;
using newsdex::ner::Document;

namespace {

struct Options {
    std::map<std::string, std::vector<std::string>> values;
    std::string get(const std::string& k, const std::string& def = "") const {
        auto it = values.find(k);
        return it == values.end() ? def : it->second.back();
    }
};

Options parse_args(int argc, char** argv, int from) {
    Options o;
    for (int i = from; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) != 0 || i + 1 >= argc) throw std::runtime_error("bad argument: " + a);
        o.values[a.substr(2)].push_back(argv[++i]);
    }
    return o;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// One training/evaluation sentence with precomputed feature ids.
struct Instance {
    SentenceFeatures feats;
    std::vector<std::uint8_t> gold;    ///< BIO tags
    std::vector<std::uint8_t> target;  ///< the gold tags in the scheme trained (BIO or BILOU)
};

/// The tag scheme the trainer works in (--tags bio|bilou), set once by train().
TagScheme g_scheme = TagScheme::bio;

void set_gold(Instance& in, const std::vector<std::uint8_t>& gold) {
    in.gold = gold;
    in.target = gold;
    bio_to_scheme(g_scheme, in.target);
}

std::string title_case(const std::string& s) {
    std::size_t i = 0;
    if (s.empty()) return s;
    const char32_t c = next_code_point(s, i);
    if (!is_lower(c)) return s;
    std::string out;
    append_utf8(out, to_upper(c));
    out.append(s, i, std::string::npos);
    return out;
}

/// Instances of one document's sentences; with title_aug > 0, also Title Case copies of a
/// fraction of them (headlines).
void prepare_document(const Document& d, const Lexicons& lex, std::uint32_t mask, std::uint32_t features,
                      double title_aug, bool title_only, std::mt19937& rng, std::vector<Instance>& out) {
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<SentenceMode> modes;
    const DocContext ctx = ner::document_context(d, modes);
    for (std::size_t k = 0; k < d.sentences.size(); ++k) {
        const auto& s = d.sentences[k];
        if (!title_only) {
            Instance in;
            in.feats.mark_lexical = true;
            extract_features(lex, ctx, s.tokens.data(), s.tokens.size(), modes[k], mask, in.feats, features);
            set_gold(in, s.gold);
            out.push_back(std::move(in));
        }
        if (title_only || (title_aug > 0 && u(rng) < title_aug)) {
            std::vector<Token> t = s.tokens;
            for (Token& tok : t) tok.text = title_case(tok.text);
            // Half the copies stand alone (a headline with no body to learn casing from).
            static const DocContext alone;
            const DocContext& c = title_only || u(rng) < 0.5 ? ctx : alone;
            Instance in;
            in.feats.mark_lexical = true;
            extract_features(lex, c, t.data(), t.size(), sentence_mode(t.data(), t.size()), mask, in.feats, features);
            set_gold(in, s.gold);
            out.push_back(std::move(in));
        }
    }
}

/// Features for all sentences of the documents; with title_aug > 0, also Title Case copies; with
/// upper_aug > 0, also an ALL CAPS copy of that fraction of the documents (old wire copy is upper
/// case from headline to sign-off, so the copy's document context is all capitals too).
std::vector<Instance> prepare(const std::vector<Document>& docs, const Lexicons& lex, std::uint32_t mask,
                              std::uint32_t features, double title_aug, bool title_only, std::mt19937& rng,
                              double upper_aug = 0) {
    std::vector<Instance> out;
    std::uniform_real_distribution<double> u(0, 1);
    for (const Document& d : docs) {
        prepare_document(d, lex, mask, features, title_aug, title_only, rng, out);
        if (upper_aug > 0 && u(rng) < upper_aug) prepare_document(ner::upper_cased(d), lex, mask, features, 0, false, rng, out);
    }
    return out;
}

struct Counts {
    std::array<long, 3> tp{}, fp{}, fn{};
};

std::set<std::tuple<int, std::size_t, std::size_t>> spans_of(const std::vector<std::uint8_t>& tags) {
    std::set<std::tuple<int, std::size_t, std::size_t>> s;
    for (std::size_t i = 0; i < tags.size();) {
        const int type = tag_type(tags[i]);
        if (type < 0) {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < tags.size() && tags[j] == inside_tag(type)) ++j;
        if (type != kMisc) s.insert({type, i, j});
        i = j;
    }
    return s;
}

template <class A, class B>
void count(Counts& c, const A& gold, const B& pred) {
    for (const auto& g : gold) {
        if (pred.count(g)) ++c.tp[std::get<0>(g)];
        else ++c.fn[std::get<0>(g)];
    }
    for (const auto& p : pred) {
        if (!gold.count(p)) ++c.fp[std::get<0>(p)];
    }
}

double f1(long tp, long fp, long fn) { return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn); }

void print_counts(const char* label, const Counts& c) {
    static const char* names[] = {"PER", "LOC", "ORG"};
    long TP = 0, FP = 0, FN = 0;
    std::printf("%s\n", label);
    for (int t = 0; t < 3; ++t) {
        const long tp = c.tp[t], fp = c.fp[t], fn = c.fn[t];
        TP += tp;
        FP += fp;
        FN += fn;
        std::printf("  %-8s P %.4f  R %.4f  F1 %.4f  (gold %ld)\n", names[t], tp ? double(tp) / (tp + fp) : 0.0,
                    tp ? double(tp) / (tp + fn) : 0.0, f1(tp, fp, fn), tp + fn);
    }
    std::printf("  %-8s P %.4f  R %.4f  F1 %.4f  (gold %ld)\n", "overall", TP ? double(TP) / (TP + FP) : 0.0,
                TP ? double(TP) / (TP + FN) : 0.0, f1(TP, FP, FN), TP + FN);
}

double overall_f1(const Counts& c) {
    long TP = 0, FP = 0, FN = 0;
    for (int t = 0; t < 3; ++t) {
        TP += c.tp[t];
        FP += c.fp[t];
        FN += c.fn[t];
    }
    return f1(TP, FP, FN);
}

template <class W, class S>
void score(const W* weights, const S* trans, const Instance& in, std::vector<S>& em, std::vector<std::uint8_t>& tags) {
    const std::size_t n = in.gold.size();
    const int T = tag_count(g_scheme);
    em.assign(n * T, 0);
    for (std::size_t i = 0; i < n; ++i) {
        S* e = &em[i * T];
        for (std::uint32_t k = in.feats.offsets[i]; k < in.feats.offsets[i + 1]; ++k) {
            const W* row = &weights[static_cast<std::size_t>(in.feats.ids[k]) * T];
            for (int t = 0; t < T; ++t) e[t] += row[t];
        }
    }
    viterbi(em.data(), n, trans, tags, g_scheme);
    scheme_to_bio(g_scheme, tags);
}

/// Whether feature k of token i takes part in this training step: word-identity features of the
/// tokens in @p dropped are left out (word dropout), so other features must learn to carry them.
inline bool active(const Instance& in, const std::vector<std::uint8_t>& dropped, std::size_t i, std::uint32_t k) {
    return !(dropped[i] && !in.feats.lexical.empty() && in.feats.lexical[k]);
}

void score_training(const float* weights, const float* trans, const Instance& in, const std::vector<std::uint8_t>& dropped,
                    std::vector<float>& em, std::vector<std::uint8_t>& tags) {
    const std::size_t n = in.gold.size();
    const int T = tag_count(g_scheme);
    em.assign(n * T, 0);
    for (std::size_t i = 0; i < n; ++i) {
        float* e = &em[i * T];
        for (std::uint32_t k = in.feats.offsets[i]; k < in.feats.offsets[i + 1]; ++k) {
            if (!active(in, dropped, i, k)) continue;
            const float* row = &weights[static_cast<std::size_t>(in.feats.ids[k]) * T];
            for (int t = 0; t < T; ++t) e[t] += row[t];
        }
    }
    viterbi(em.data(), n, trans, tags, g_scheme);  // tags in the scheme's tags, as the updates need
}

Counts evaluate(const std::vector<Instance>& data, const std::vector<float>& w, const std::vector<float>& tr) {
    Counts c;
    std::vector<float> em;
    std::vector<std::uint8_t> tags;
    for (const Instance& in : data) {
        score(w.data(), tr.data(), in, em, tags);
        count(c, spans_of(in.gold), spans_of(tags));
    }
    return c;
}

/// The lists of common/data/ner as one frozen lexicon table (section "lexicon") plus the alias
/// table (section "aliases", text); word clusters from @p clusters when given.
Lexicons build_lexicons(const std::string& dir, const std::string& clusters, ModelFile& file) {
    static const std::pair<const char*, std::uint8_t> lists[] = {
        {"gaz-place.txt", kGazPlace}, {"gaz-person.txt", kGazPerson}, {"gaz-first.txt", kGazFirst},
        {"gaz-name.txt", kGazName},   {"gaz-org.txt", kGazOrg},       {"org-words.txt", kGazOrgWord},
        {"stop.txt", kStop}};
    Lexicons lex;
    for (const auto& [name, bit] : lists) lex.add_list(read_file(dir + "/" + name), bit);
    lex.add_case_lexicon(read_file(dir + "/case-lexicon.tsv"));
    if (!clusters.empty()) lex.add_clusters(read_file(clusters));
    lex.freeze();
    file.set("lexicon", lex.serialise());
    file.set("aliases", read_file(dir + "/aliases.tsv"));
    file.set("misc-words", read_file(dir + "/misc-words.txt"));
    return lex;
}

/// Span counts of a tagger on documents: on the CoNLL tokens and sentences, and on the raw text
/// through the whole extract() pipeline (own tokeniser, sentences, filters).
struct Measures {
    Counts tok, raw;
};

Measures measure(const Tagger& tagger, const EntityExtractor& extractor, const std::vector<Document>& docs) {
    Measures out;
    std::vector<std::uint8_t> tags;
    for (const Document& d : docs) {
        std::vector<SentenceMode> modes;
        const DocContext ctx = ner::document_context(d, modes);
        for (std::size_t k = 0; k < d.sentences.size(); ++k) {
            const auto& s = d.sentences[k];
            tagger.tag(ctx, s.tokens.data(), s.tokens.size(), modes[k], tags);
            count(out.tok, spans_of(s.gold), spans_of(tags));
        }
        std::set<std::tuple<int, std::size_t, std::size_t>> gold, pred;
        for (const auto& e : d.entities) {
            if (e.type != kMisc) gold.insert({e.type, e.start, e.end});
        }
        for (const EntityMention& m : extractor.extract("", d.text)) {
            pred.insert({m.type == EntityType::person ? kPer : m.type == EntityType::place ? kLoc : kOrg, m.start, m.end});
        }
        count(out.raw, gold, pred);
    }
    return out;
}

std::vector<Document> upper_cased(const std::vector<Document>& docs) {
    std::vector<Document> out;
    out.reserve(docs.size());
    for (const Document& d : docs) out.push_back(ner::upper_cased(d));
    return out;
}

/// Prints both measures of @p docs as written and with every letter upper-cased (ALL CAPS copy).
void report_cased_and_upper(const char* label, const Tagger& tagger, const EntityExtractor& extractor,
                            const std::vector<Document>& docs) {
    const Measures m = measure(tagger, extractor, docs);
    print_counts((std::string(label) + ", CoNLL tokens and sentences (exact span match, MISC ignored):").c_str(), m.tok);
    print_counts((std::string(label) + ", raw text through EntityExtractor::extract (own tokeniser/sentences):").c_str(), m.raw);
    const Measures u = measure(tagger, extractor, upper_cased(docs));
    print_counts((std::string(label) + " ALL CAPS (every letter upper-cased), CoNLL tokens and sentences:").c_str(), u.tok);
    print_counts((std::string(label) + " ALL CAPS, raw text through extract():").c_str(), u.raw);
}

/// Measures a model (serialised bytes) on documents.
void report(const char* label, const std::string& bytes, const std::vector<Document>& docs) {
    const ModelFile file = ModelFile::parse(bytes);
    const Tagger tagger(file);
    const EntityExtractor extractor = EntityExtractor::from_bytes(bytes);
    report_cased_and_upper(label, tagger, extractor, docs);
}

int train(const Options& o) {
    const int bits = std::stoi(o.get("bits", "18"));
    const int epochs = std::stoi(o.get("epochs", "12"));
    const int runs = std::stoi(o.get("runs", "1"));
    if (runs < 1) throw std::runtime_error("--runs must be at least 1");
    const double title_aug = std::stod(o.get("title-aug", "0.15"));
    // Fraction of training documents also learned from as an ALL CAPS copy.
    const double upper_aug = std::stod(o.get("upper-aug", "0"));
    const unsigned seed = static_cast<unsigned>(std::stoul(o.get("seed", "1")));
    const auto features = static_cast<std::uint32_t>(std::stoul(o.get("features", "3")));
    // Every K-th training document is held apart (not trained on) as a second check besides testa.
    const int holdout_every = std::stoi(o.get("holdout-every", "0"));
    // Which of the K folds is held apart (cross-validation); the last one by default.
    const int holdout_fold = std::stoi(o.get("holdout-fold", std::to_string(holdout_every - 1)));
    if (holdout_every > 0 && (holdout_fold < 0 || holdout_fold >= holdout_every))
        throw std::runtime_error("--holdout-fold must be in [0, --holdout-every)");
    // Probability that a token's word-identity features are left out of one training step.
    const double word_dropout = std::stod(o.get("word-dropout", "0"));
    // BIO, or BILOU (Ratinov & Roth 2009: the last and the only word of a name get tags of their own).
    const std::string tags_name = o.get("tags", "bio");
    if (tags_name != "bio" && tags_name != "bilou") throw std::runtime_error("--tags must be bio or bilou, not " + tags_name);
    g_scheme = tags_name == "bio" ? TagScheme::bio : TagScheme::bilou;
    const int T = tag_count(g_scheme);
    const std::uint32_t mask = (1u << bits) - 1;
    std::mt19937 rng(seed);

    ModelFile file;
    const Lexicons lex = build_lexicons(o.get("data"), o.get("clusters"), file);
    std::vector<Document> train_docs, held_docs;
    {
        auto all = ner::read_conll_jsonl(o.get("train"));
        for (std::size_t k = 0; k < all.size(); ++k) {
            const bool held = holdout_every > 0 && k % static_cast<std::size_t>(holdout_every) ==
                                                       static_cast<std::size_t>(holdout_fold);
            (held ? held_docs : train_docs).push_back(std::move(all[k]));
        }
    }
    const auto dev_docs = ner::read_conll_jsonl(o.get("dev"));
    auto t0 = std::chrono::steady_clock::now();
    std::vector<Instance> train_set = prepare(train_docs, lex, mask, features, title_aug, false, rng, upper_aug);
    const std::vector<Instance> dev_set = prepare(dev_docs, lex, mask, features, 0, false, rng);
    const std::vector<Instance> dev_title = prepare(dev_docs, lex, mask, features, 0, true, rng);
    std::fprintf(stderr, "features: %zu train sentences, %zu dev, %.1fs\n", train_set.size(), dev_set.size(),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());

    const std::size_t nw = static_cast<std::size_t>(mask + 1) * T, nt = static_cast<std::size_t>((T + 1) * T);
    std::vector<float> w(nw, 0), wu(nw, 0), tr(nt, 0), tru(nt, 0), avg(nw), avg_tr(nt);
    double c = 1;
    std::vector<std::size_t> order(train_set.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::vector<float> em;
    std::vector<std::uint8_t> pred, dropped;
    std::bernoulli_distribution drop(word_dropout);
    auto average = [&]() {
        for (std::size_t i = 0; i < nw; ++i) avg[i] = static_cast<float>(w[i] - wu[i] / c);
        for (std::size_t i = 0; i < nt; ++i) avg_tr[i] = static_cast<float>(tr[i] - tru[i] / c);
    };
    // --runs K: K perceptrons trained from zero on K shuffles of the same instances, their averaged
    // weights averaged (parameter mixing): the order a perceptron sees the data in moves F1 by
    // about as much as the features compared, and the mean of several orders moves less.
    std::vector<float> sum(runs > 1 ? nw : 0, 0), sum_tr(runs > 1 ? nt : 0, 0);
    for (int run = 0; run < runs; ++run) {
    if (run > 0) {
        std::fill(w.begin(), w.end(), 0.0f);
        std::fill(wu.begin(), wu.end(), 0.0f);
        std::fill(tr.begin(), tr.end(), 0.0f);
        std::fill(tru.begin(), tru.end(), 0.0f);
        c = 1;
    }
    for (int ep = 1; ep <= epochs; ++ep) {
        std::shuffle(order.begin(), order.end(), rng);
        long errors = 0;
        for (std::size_t idx : order) {
            const Instance& in = train_set[idx];
            const std::size_t n = in.target.size();
            dropped.assign(n, 0);
            if (word_dropout > 0) {
                for (std::size_t i = 0; i < n; ++i) dropped[i] = drop(rng) ? 1 : 0;
            }
            score_training(w.data(), tr.data(), in, dropped, em, pred);
            const auto cf = static_cast<float>(c);
            for (std::size_t i = 0; i < n; ++i) {
                const int g = in.target[i], p = pred[i];
                if (g != p) {
                    ++errors;
                    for (std::uint32_t k = in.feats.offsets[i]; k < in.feats.offsets[i + 1]; ++k) {
                        if (!active(in, dropped, i, k)) continue;
                        const std::size_t row = static_cast<std::size_t>(in.feats.ids[k]) * T;
                        w[row + g] += 1;
                        wu[row + g] += cf;
                        w[row + p] -= 1;
                        wu[row + p] -= cf;
                    }
                }
                const int gp = i == 0 ? T : in.target[i - 1], pp = i == 0 ? T : pred[i - 1];
                if (gp != pp || g != p) {
                    tr[gp * T + g] += 1;
                    tru[gp * T + g] += cf;
                    tr[pp * T + p] -= 1;
                    tru[pp * T + p] -= cf;
                }
            }
            c += 1;
        }
        average();
        const Counts dc = evaluate(dev_set, avg, avg_tr);
        const Counts tc = evaluate(dev_title, avg, avg_tr);
        std::fprintf(stderr, "epoch %2d: %ld token errors; dev F1 %.4f; dev Title Case F1 %.4f\n", ep, errors,
                     overall_f1(dc), overall_f1(tc));
    }
    average();
    if (runs > 1) {
        for (std::size_t i = 0; i < nw; ++i) sum[i] += avg[i] / static_cast<float>(runs);
        for (std::size_t i = 0; i < nt; ++i) sum_tr[i] += avg_tr[i] / static_cast<float>(runs);
    }
    }
    if (runs > 1) {
        avg = sum;
        avg_tr = sum_tr;
    }
    // Quantise to int16 with one scale for weights and transitions.
    float maxw = 0;
    for (float x : avg) maxw = std::max(maxw, std::fabs(x));
    for (float x : avg_tr) maxw = std::max(maxw, std::fabs(x));
    const float scale = maxw > 0 ? 32767.0f / maxw : 1.0f;
    const WeightsHeader header{static_cast<std::uint32_t>(bits), static_cast<std::uint32_t>(T), features, 0};
    std::string wbytes(sizeof header + nw * sizeof(std::int16_t), '\0');
    std::memcpy(wbytes.data(), &header, sizeof header);
    for (std::size_t i = 0; i < nw; ++i) {
        const auto q = static_cast<std::int16_t>(std::lround(avg[i] * scale));
        std::memcpy(wbytes.data() + sizeof header + i * sizeof q, &q, sizeof q);
    }
    std::string tbytes(nt * sizeof(std::int32_t), '\0');
    for (std::size_t i = 0; i < nt; ++i) {
        const auto q = static_cast<std::int32_t>(std::lround(avg_tr[i] * scale));
        std::memcpy(tbytes.data() + i * sizeof q, &q, sizeof q);
    }
    file.set("weights", std::move(wbytes));
    file.set("transitions", std::move(tbytes));
    // The file name only: the model's bytes must not depend on where the repository is.
    const std::string clusters_path = o.get("clusters");
    const std::string clusters_name =
        lex.has_clusters() ? clusters_path.substr(clusters_path.rfind('/') + 1) : std::string("none");
    std::ostringstream meta;
    meta << "newsdex NER model: averaged structured perceptron, " << (T == kTags ? "BIO" : "BILOU")
         << " tags over PER/LOC/ORG/MISC, Viterbi.\n"
         << "trained on: CoNLL-2003 English train (" << train_docs.size() << " documents";
    if (holdout_every > 0) meta << "; every " << holdout_every << "th held apart";
    meta << "), tuned on testa\n"
         << "epochs=" << epochs << " bits=" << bits << " seed=" << seed << " title_aug=" << title_aug << " upper_aug=" << upper_aug
         << " features=" << features << " runs=" << runs << " word_dropout=" << word_dropout << " clusters=" << clusters_name << "\n"
         << "built by: scripts/train-ner\n";
    file.set("meta", meta.str());
    const std::string bytes = file.serialise();
    if (!held_docs.empty()) report("held-apart train documents", bytes, held_docs);
    std::ofstream out(o.get("out"), std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error(o.get("out") + ": cannot write");
    std::fprintf(stderr, "wrote %s (%.2f MB)\n", o.get("out").c_str(), bytes.size() / 1e6);
    return 0;
}

int eval(const Options& o) {
    const ModelFile file = ModelFile::parse(read_file(o.get("model")));
    const Tagger tagger(file);
    if (const std::string_view* meta = file.find("meta")) std::printf("%.*s", static_cast<int>(meta->size()), meta->data());
    const EntityExtractor extractor(o.get("model"));
    const auto dev_docs = ner::read_conll_jsonl(o.get("dev"));

    std::printf("model %s (%.2f MB)\n", o.get("model").c_str(), read_file(o.get("model")).size() / 1e6);
    // 1. Gold tokenisation and sentences (the standard CoNLL measure), and 2. the whole library
    // pipeline on the raw text; each also on an ALL CAPS copy of testa.
    report_cased_and_upper("testa", tagger, extractor, dev_docs);
    Counts title_tok;
    std::vector<std::uint8_t> tags;
    for (const Document& d : dev_docs) {
        std::vector<SentenceMode> modes;
        const DocContext ctx = ner::document_context(d, modes);
        for (const auto& s : d.sentences) {
            std::vector<Token> t = s.tokens;
            for (Token& tok : t) tok.text = title_case(tok.text);
            tagger.tag(ctx, t.data(), t.size(), sentence_mode(t.data(), t.size()), tags);
            count(title_tok, spans_of(s.gold), spans_of(tags));
        }
    }
    print_counts("testa, every word Title Cased (headline robustness):", title_tok);

    // 3. Throughput of extract() on ordinary news text, one thread.
    auto bench = [&](const char* label, const std::vector<std::pair<std::string, std::string>>& docs) {
        std::size_t bytes = 0, mentions = 0;
        for (const auto& d : docs) bytes += d.first.size() + d.second.size();
        auto cpu_now = [] {
            timespec ts{};
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
            return ts.tv_sec + ts.tv_nsec / 1e9;
        };
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpu_now();
        for (const auto& d : docs) mentions += extractor.extract(d.first, d.second).size();
        const double cpu = cpu_now() - c0;
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("throughput %s: %.2f MB, %.2f s CPU = %.2f MB/s per core (wall %.2f s; %zu mentions)\n", label,
                    bytes / 1e6, cpu, bytes / 1e6 / cpu, s, mentions);
    };
    std::vector<std::pair<std::string, std::string>> testa_docs;
    for (const Document& d : dev_docs) testa_docs.emplace_back("", d.text);
    bench("testa text", testa_docs);
    if (o.values.count("bench")) {
        for (const std::string& path : o.values.at("bench")) {
            std::vector<std::pair<std::string, std::string>> docs;
            std::ifstream in(path);
            std::string line;
            while (std::getline(in, line)) {
                const auto j = nlohmann::json::parse(line);
                if (j.value("lang", "en").rfind("en", 0) != 0) continue;
                docs.emplace_back(j.value("title", ""), j.value("body", ""));
            }
            bench(path.c_str(), docs);
        }
    }
    return 0;
}

/// Rewrites the text sections of a model (aliases.tsv, misc-words.txt of --data) and keeps its
/// weights and lexicon: data lists that are not features change without retraining.
int set_data(const Options& o) {
    const std::string path = o.get("model"), dir = o.get("data");
    ModelFile file = ModelFile::parse(read_file(path));
    file.set("aliases", read_file(dir + "/aliases.tsv"));
    file.set("misc-words", read_file(dir + "/misc-words.txt"));
    const std::string bytes = file.serialise();
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error(path + ": cannot write");
    std::fprintf(stderr, "wrote %s (%.2f MB)\n", path.c_str(), bytes.size() / 1e6);
    return 0;
}

/// Prints {"id", "entities": [...]} per JSONL article, as newsdex-index --extract-entities will.
int extract(const Options& o) {
    const EntityExtractor extractor(o.get("model"));
    std::ifstream in(o.get("input"));
    if (!in) throw std::runtime_error(o.get("input") + ": cannot open");
    std::string line;
    while (std::getline(in, line)) {
        const auto j = nlohmann::json::parse(line);
        nlohmann::json out{{"id", j.value("id", "")}, {"entities", nlohmann::json::array()}};
        for (const EntityMention& m : extractor.extract(j.value("title", ""), j.value("body", ""), j.value("lang", "en"))) {
            out["entities"].push_back({{"type", to_string(m.type)}, {"text", m.text}, {"canonical", m.canonical},
                                       {"field", m.field}, {"start", m.start}, {"end", m.end}});
        }
        std::cout << out.dump() << "\n";
    }
    return 0;
}

/// Lowercased tagger tokens of JSONL articles (title and body, or CoNLL "text"), one sentence
/// per line: the unlabeled text that scripts/make-word-clusters learns word clusters from.
int tokenize_text(const Options& o) {
    for (const std::string& path : o.values.at("input")) {
        std::ifstream in(path);
        if (!in) throw std::runtime_error(path + ": cannot open");
        std::string line, out;
        while (std::getline(in, line)) {
            const auto j = nlohmann::json::parse(line);
            if (j.value("lang", "en").rfind("en", 0) != 0) continue;
            for (const char* field : {"title", "body", "text"}) {
                const auto it = j.find(field);
                if (it == j.end() || !it->is_string()) continue;
                const std::string text = it->get<std::string>();
                const TokenizedText t = tokenize(text);
                for (const SentenceSpan& s : t.sentences) {
                    out.clear();
                    for (std::size_t k = s.begin; k < s.end; ++k) {
                        if (k > s.begin) out += ' ';
                        out += lowercase(t.tokens[k].text);
                    }
                    std::cout << out << '\n';
                }
            }
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: newsdex-ner train|eval --option value ...\n");
        return 2;
    }
    try {
        const std::string cmd = argv[1];
        const Options o = parse_args(argc, argv, 2);
        if (cmd == "train") return train(o);
        if (cmd == "eval") return eval(o);
        if (cmd == "extract") return extract(o);
        if (cmd == "set-data") return set_data(o);
        if (cmd == "tokenize") return tokenize_text(o);
        if (cmd == "vectors") {
            const std::size_t words = ner::write_context_vectors(o.get("text"), o.get("out"), std::stoul(o.get("min-count", "3")),
                                                                 std::stoul(o.get("contexts", "1000")), std::stoul(o.get("dim", "100")), 1);
            std::fprintf(stderr, "wrote vectors of %zu words to %s\n", words, o.get("out").c_str());
            return 0;
        }
        if (cmd == "clusters") {
            const std::size_t words = ner::write_clusters(o.get("vectors"), o.get("out"), std::stoi(o.get("depth", "12")),
                                                          std::stoul(o.get("min-size", "4")), 1);
            std::fprintf(stderr, "clustered %zu words into %s\n", words, o.get("out").c_str());
            return 0;
        }
        std::fprintf(stderr, "newsdex-ner: unknown command %s\n", cmd.c_str());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "newsdex-ner: %s\n", e.what());
        return 1;
    }
}
