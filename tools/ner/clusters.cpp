/// @file clusters.cpp
/// Word clusters as binary paths from word vectors: bisecting 2-means over unit vectors, so a
/// path prefix is a coarser cluster, as in Brown clusters' prefix features.
#include "clusters.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace newsdex::ner {
namespace {

struct Vectors {
    std::vector<std::string> words;
    std::vector<float> data;  // words.size() * dim, unit length
    std::size_t dim = 0;
};

/// fastText .vec text format: "count dim" header, then "word v1 ... vdim" per line.
Vectors read_vec(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    Vectors v;
    std::size_t count = 0;
    std::string line;
    if (!std::getline(in, line)) throw std::runtime_error(path + ": empty");
    std::istringstream(line) >> count >> v.dim;
    if (v.dim == 0) throw std::runtime_error(path + ":1: no \"count dim\" header");
    std::size_t lineno = 1;
    while (std::getline(in, line)) {
        ++lineno;
        std::istringstream ss(line);
        std::string word;
        ss >> word;
        if (word.empty() || word == "</s>") continue;
        std::vector<float> x(v.dim);
        double norm = 0;
        for (std::size_t d = 0; d < v.dim; ++d) {
            if (!(ss >> x[d])) throw std::runtime_error(path + ":" + std::to_string(lineno) + ": short vector");
            norm += double(x[d]) * x[d];
        }
        if (norm <= 0) continue;
        const float inv = static_cast<float>(1 / std::sqrt(norm));
        for (float& f : x) f *= inv;
        v.words.push_back(word);
        v.data.insert(v.data.end(), x.begin(), x.end());
    }
    return v;
}

/// Splits members in two by spherical 2-means; returns the size of the first part (members
/// reordered so that the first part comes first).
std::size_t split(const Vectors& v, std::vector<std::uint32_t>& members, std::size_t b, std::size_t e, std::mt19937& rng) {
    const std::size_t dim = v.dim, n = e - b;
    auto row = [&](std::uint32_t w) { return &v.data[static_cast<std::size_t>(w) * dim]; };
    std::vector<float> c0(dim), c1(dim);
    // Seeds: a random member and the member least similar to it (k-means++ for k = 2, greedy).
    std::uniform_int_distribution<std::size_t> pick(b, e - 1);
    const float* a = row(members[pick(rng)]);
    std::size_t far = b;
    float worst = 2;
    for (std::size_t k = b; k < e; ++k) {
        const float* x = row(members[k]);
        float dot = 0;
        for (std::size_t d = 0; d < dim; ++d) dot += a[d] * x[d];
        if (dot < worst) {
            worst = dot;
            far = k;
        }
    }
    std::copy(a, a + dim, c0.begin());
    std::copy(row(members[far]), row(members[far]) + dim, c1.begin());
    std::vector<std::uint8_t> side(n, 0);
    for (int iter = 0; iter < 12; ++iter) {
        bool changed = false;
        std::vector<double> s0(dim, 0), s1(dim, 0);
        std::size_t n0 = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const float* x = row(members[b + k]);
            float d0 = 0, d1 = 0;
            for (std::size_t d = 0; d < dim; ++d) {
                d0 += c0[d] * x[d];
                d1 += c1[d] * x[d];
            }
            const std::uint8_t s = d1 > d0 ? 1 : 0;
            changed = changed || s != side[k];
            side[k] = s;
            auto& sum = s ? s1 : s0;
            for (std::size_t d = 0; d < dim; ++d) sum[d] += x[d];
            n0 += s ? 0 : 1;
        }
        if (n0 == 0 || n0 == n) break;
        auto normalise = [&](const std::vector<double>& sum, std::vector<float>& c) {
            double norm = 0;
            for (double x : sum) norm += x * x;
            const double inv = norm > 0 ? 1 / std::sqrt(norm) : 0;
            for (std::size_t d = 0; d < dim; ++d) c[d] = static_cast<float>(sum[d] * inv);
        };
        normalise(s0, c0);
        normalise(s1, c1);
        if (!changed && iter > 0) break;
    }
    std::vector<std::uint32_t> left, right;
    for (std::size_t k = 0; k < n; ++k) (side[k] ? right : left).push_back(members[b + k]);
    if (left.empty() || right.empty()) {  // identical vectors: split in halves
        left.assign(members.begin() + static_cast<std::ptrdiff_t>(b), members.begin() + static_cast<std::ptrdiff_t>(b + n / 2));
        right.assign(members.begin() + static_cast<std::ptrdiff_t>(b + n / 2), members.begin() + static_cast<std::ptrdiff_t>(e));
    }
    std::copy(left.begin(), left.end(), members.begin() + static_cast<std::ptrdiff_t>(b));
    std::copy(right.begin(), right.end(), members.begin() + static_cast<std::ptrdiff_t>(b + left.size()));
    return left.size();
}

void bisect(const Vectors& v, std::vector<std::uint32_t>& members, std::size_t b, std::size_t e, const std::string& path,
            int depth, std::size_t min_size, std::mt19937& rng, std::vector<std::string>& paths) {
    if (static_cast<int>(path.size()) >= depth || e - b < 2 * min_size) {
        for (std::size_t k = b; k < e; ++k) paths[members[k]] = path;
        return;
    }
    const std::size_t left = split(v, members, b, e, rng);
    bisect(v, members, b, b + left, path + "0", depth, min_size, rng, paths);
    bisect(v, members, b + left, e, path + "1", depth, min_size, rng, paths);
}

}  // namespace

std::size_t write_clusters(const std::string& vec_path, const std::string& out_path, int depth, std::size_t min_size,
                           unsigned seed) {
    const Vectors v = read_vec(vec_path);
    std::vector<std::uint32_t> members(v.words.size());
    for (std::size_t k = 0; k < members.size(); ++k) members[k] = static_cast<std::uint32_t>(k);
    std::vector<std::string> paths(v.words.size());
    std::mt19937 rng(seed);
    bisect(v, members, 0, members.size(), "", depth, min_size, rng, paths);
    std::ofstream out(out_path);
    if (!out) throw std::runtime_error(out_path + ": cannot write");
    out << "# word<TAB>cluster path: bisecting 2-means (depth " << depth << ", min size " << min_size
        << ") over fastText vectors; made by scripts/make-word-clusters\n";
    for (std::size_t k = 0; k < v.words.size(); ++k) {
        if (!paths[k].empty()) out << v.words[k] << '\t' << paths[k] << '\n';
    }
    if (!out) throw std::runtime_error(out_path + ": cannot write");
    return v.words.size();
}

}  // namespace newsdex::ner
