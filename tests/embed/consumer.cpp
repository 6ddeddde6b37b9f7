// Indexes two articles and searches them through the installed library only.
#include <newsdex/newsdex.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    {
        newsdex::IndexWriter writer(argv[1]);
        newsdex::Article a;
        a.id = "a1";
        a.title = "Putin urges troops in Kursk to surrender";
        a.body = "President Vladimir Putin called on Ukrainian troops to surrender.";
        a.lang = "en";
        writer.upsert(a);
        a.id = "a2";
        a.title = "Weather";
        a.body = "Sunny in Paris.";
        writer.upsert(a);
        writer.commit();
    }
    newsdex::Searcher searcher({argv[1]});
    // Options by name and the JSON format come from the library too.
    newsdex::SearchRequest request = newsdex::RequestBuilder().set("query", "surrendered").set("limit", "5").build();
    auto results = searcher.search(request);
    if (results.hits.size() != 1 || results.hits[0].article.id != "a1") return 1;
    if (newsdex::to_json(results, request).find("\"id\":\"a1\"") == std::string::npos) return 1;
    std::cout << "found " << results.hits[0].article.title << "\n";
    return 0;
}
