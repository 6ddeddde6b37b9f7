// The index as files: the sibling swap directory and the one atomic swap that
// bulk builds and compaction share.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "index_files.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using namespace newsdex::detail;

void write_file(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

std::string read_file(const fs::path& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(IndexFiles, SwapPathIsAHiddenSiblingOfTheIndexDirectory) {
    EXPECT_EQ(swap_path_beside(index_directory("data/db/")), fs::path("data/.db.newsdex-compact"));
    EXPECT_EQ(swap_path_beside(index_directory("db")), fs::path("./.db.newsdex-compact"));
}

TEST(IndexFiles, SwapExchangesTheTwoDirectoriesAndKeepsTheOldOneAtTheBuiltPath) {
    newsdex::test::TempDir tmp;
    const fs::path index = tmp.path() / "db", built = swap_path_beside(index);
    fs::create_directory(index);
    fs::create_directory(built);
    write_file(index / "f", "old");
    write_file(built / "f", "new");
    EXPECT_EQ(swap_in(built, index), "");
    EXPECT_EQ(read_file(index / "f"), "new");
    EXPECT_EQ(read_file(built / "f"), "old");
    EXPECT_EQ(directory_bytes(index), 3u);
}

TEST(IndexFiles, SwapReportsWhyItIsImpossibleAndChangesNothing) {
    newsdex::test::TempDir tmp;
    const fs::path index = tmp.path() / "db";
    fs::create_directory(index);
    write_file(index / "f", "old");
    const std::string why = swap_in(tmp.path() / "missing", index);
    EXPECT_EQ(why.rfind("cannot swap directories atomically here: ", 0), 0u) << why;
    EXPECT_EQ(read_file(index / "f"), "old");
}

TEST(IndexFiles, OnlyAPlainDirectoryCanBeSwapped) {
    newsdex::test::TempDir tmp;
    fs::create_directory(tmp.path() / "db");
    fs::create_directory_symlink(tmp.path() / "db", tmp.path() / "link");
    write_file(tmp.path() / "file", "x");
    EXPECT_TRUE(swappable(tmp.path() / "db"));
    EXPECT_FALSE(swappable(tmp.path() / "link"));
    EXPECT_FALSE(swappable(tmp.path() / "file"));
    EXPECT_FALSE(swappable(tmp.path() / "missing"));
}

}  // namespace
